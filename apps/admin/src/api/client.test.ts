import { CreateApiKey, GetApiKey, GetMe, ListApiKeys, RevokeApiKey } from '@gatehouse/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, makeApiKey, makeMe, pageOf } from '@/test/fixtures';

import { ApiError } from './api-error';
import { buildQuery, call, setUnauthorizedHandler } from './client';

const KEY_ID = '33333333-3333-4333-8333-333333333333';

let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
const lastRequest = () => {
  const [url, init] = fetchMock.mock.calls.at(-1)!;
  return { url: String(url), init: init!, headers: init!.headers as Record<string, string> };
};

beforeEach(() => {
  fetchMock = vi.fn<typeof fetch>();
  vi.stubGlobal('fetch', fetchMock);
  document.cookie = 'gh_csrf=csrf-token-123; path=/';
});

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(null);
  document.cookie = 'gh_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('buildQuery', () => {
  it('drops undefined and null values and encodes the rest', () => {
    expect(buildQuery({ page: 2, name: 'a b&c', status: undefined, cursor: null })).toBe('?page=2&name=a+b%26c');
    expect(buildQuery({ a: undefined })).toBe('');
    expect(buildQuery(undefined)).toBe('');
  });
});

describe('call', () => {
  it('builds the path and query string of a GET, without a CSRF header', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, pageOf([makeApiKey()])));
    const result = await call(ListApiKeys, { query: { page: 2, per_page: 10, name: undefined, status: 'active' } });

    const { url, init, headers } = lastRequest();
    expect(url).toBe('/api/v1/api-keys?page=2&per_page=10&status=active');
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBeUndefined();
    expect(headers['X-CSRF-Token']).toBeUndefined();
    expect(result.data[0]?.name).toBe('Booking sync');
    expect(result.meta.total).toBe(1);
  });

  it('fills path parameters', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { success: true, data: makeApiKey() }));
    await call(GetApiKey, { params: { id: KEY_ID } });
    expect(lastRequest().url).toBe(`/api/v1/api-keys/${KEY_ID}`);
  });

  it('sends the CSRF cookie value and a JSON body on POST', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(201, { success: true, data: { key: makeApiKey(), secret: 'gth_live_secret' } }),
    );
    const body = { name: 'Sync', environment: 'staging' as const, scopes: ['api' as const] };
    const result = await call(CreateApiKey, { body });

    const { init, headers } = lastRequest();
    expect(init.method).toBe('POST');
    expect(headers['X-CSRF-Token']).toBe('csrf-token-123');
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual(body);
    expect(result.data.secret).toBe('gth_live_secret');
  });

  it('sends the CSRF header on a POST without a body too', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { success: true, data: makeApiKey({ status: 'revoked' }) }));
    await call(RevokeApiKey, { params: { id: KEY_ID } });
    const { url, headers, init } = lastRequest();
    expect(url).toBe(`/api/v1/api-keys/${KEY_ID}/revoke`);
    expect(headers['X-CSRF-Token']).toBe('csrf-token-123');
    expect(init.body).toBeUndefined();
  });

  it('maps an error envelope to an ApiError with field errors', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, {
        success: false,
        code: 'validation_failed',
        message: 'The given data was invalid.',
        errors: { name: ['Name is required'], scopes: ['Choose at least one scope'] },
      }),
    );
    const error = await call(CreateApiKey, { body: { name: '', environment: 'production', scopes: [] } }).catch(
      (e) => e,
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'validation_failed', message: 'The given data was invalid.' });
    expect(error.fieldErrors).toEqual({ name: ['Name is required'], scopes: ['Choose at least one scope'] });
    expect(error.field('name')).toBe('Name is required');
  });

  it('keeps the upgrade_required code of a plan gate', async () => {
    fetchMock.mockResolvedValue(jsonResponse(403, { success: false, code: 'upgrade_required', message: 'Upgrade' }));
    await expect(call(ListApiKeys, { query: {} })).rejects.toMatchObject({
      status: 403,
      code: 'upgrade_required',
      fieldErrors: {},
    });
  });

  it('reports an ended session on 401, except from the sign-in probes', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const unauthenticated = () => jsonResponse(401, { success: false, code: 'unauthenticated', message: 'Sign in' });

    fetchMock.mockResolvedValueOnce(unauthenticated());
    await expect(call(GetMe)).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();

    fetchMock.mockResolvedValueOnce(unauthenticated());
    await expect(call(ListApiKeys, { query: {} })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('turns a failed connection and a foreign answer into ApiErrors', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(call(GetMe)).rejects.toMatchObject({ status: 0, code: 'network_error' });

    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(call(GetMe)).rejects.toMatchObject({ status: 502, code: 'bad_response' });

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { success: true, data: { nope: true } }));
    await expect(call(GetMe)).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('parses a valid success envelope', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { success: true, data: makeMe('admin') }));
    const { data } = await call(GetMe);
    expect(data.role).toBe('admin');
  });
});
