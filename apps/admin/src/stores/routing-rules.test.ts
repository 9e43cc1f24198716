import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { isApiError } from '@/api/api-error';
import { dataOf, jsonResponse, makeRoutingRule, pageOf, STRIPE_INTEGRATION_ID } from '@/test/fixtures';

import { useRoutingRulesStore } from './routing-rules';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

describe('routing-rules store', () => {
  it('lists rules a page at a time', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, pageOf([makeRoutingRule()])));
    vi.stubGlobal('fetch', fetchMock);
    const store = useRoutingRulesStore();
    await store.load();
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/routing-rules?page=1&per_page=25', expect.anything());
    expect(store.rules).toHaveLength(1);
  });

  it('creates a rule and reloads the list', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) =>
      init.method === 'POST'
        ? jsonResponse(201, dataOf(makeRoutingRule()))
        : jsonResponse(200, pageOf([makeRoutingRule()])),
    );
    vi.stubGlobal('fetch', fetchMock);
    const store = useRoutingRulesStore();
    const body = {
      capability: 'initiate_payment',
      integration_id: STRIPE_INTEGRATION_ID,
      priority: 100,
      is_default: true,
      fallback_integration_id: null,
    };
    await store.create(body);
    const post = fetchMock.mock.calls.find(([, init]) => init.method === 'POST')!;
    expect(post[0]).toBe('/api/v1/routing-rules');
    expect(JSON.parse(post[1].body as string)).toEqual(body);
    expect(store.rules).toHaveLength(1);
  });

  it('resolves a capability, and reports no_active_provider as an API error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.includes('capability=initiate_payment')
          ? jsonResponse(
              200,
              dataOf({
                capability: 'initiate_payment',
                integration_id: STRIPE_INTEGRATION_ID,
                provider: 'stripe',
                via: 'rule',
                rule_id: null,
              }),
            )
          : jsonResponse(409, {
              success: false,
              code: 'no_active_provider',
              message: 'No active integration provides send_sms',
            }),
      ),
    );
    const store = useRoutingRulesStore();
    expect((await store.resolve('initiate_payment')).via).toBe('rule');
    const failure = await store.resolve('send_sms').catch((e: unknown) => e);
    expect(isApiError(failure) && failure.code).toBe('no_active_provider');
  });
});
