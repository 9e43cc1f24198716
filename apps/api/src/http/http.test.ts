import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HttpClient } from '../test/http-client.js';
import { TestApp, type TestTenant } from '../test/harness.js';

let app: TestApp;
let tenant: TestTenant;
let admin: HttpClient;

beforeAll(async () => {
  app = await TestApp.start({ BODY_LIMIT_BYTES: '2048' });
  tenant = await app.createTenant('enterprise');
  admin = await app.login(tenant.users.admin.email);
});
afterAll(() => app.close());

describe('error envelopes', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await admin.request('POST', '/api/v1/api-keys', undefined, { raw: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: 'malformed_json' });
  });

  it('answers validation failures with 422 and per-field reasons', async () => {
    const res = await admin.post('/api/v1/api-keys', { name: '', environment: 'moon', scopes: [] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(Object.keys(res.body.errors).sort()).toEqual(['environment', 'name', 'scopes']);
    expect(res.body.errors.scopes).toContain('Choose at least one scope');
  });

  it('rejects unknown fields instead of dropping them silently', async () => {
    const res = await admin.post('/api/v1/api-keys', {
      name: 'k',
      environment: 'staging',
      scopes: ['api'],
      owner: 'x',
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.errors)).toContain('owner');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await admin.post('/api/v1/api-keys', {
      name: 'x'.repeat(5000),
      environment: 'staging',
      scopes: ['api'],
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await admin.request('POST', '/api/v1/api-keys', undefined, {
      raw: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('answers unknown API routes with a 404 envelope', async () => {
    const res = await admin.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, code: 'not_found' });
  });

  it('answers a missing required body with 422', async () => {
    const res = await admin.post('/api/v1/api-keys');
    expect(res.status).toBe(422);
  });

  it('answers a bad query parameter with 422 naming it', async () => {
    const res = await admin.get('/api/v1/api-keys?per_page=1000');
    expect(res.status).toBe(422);
    expect(res.body.errors.per_page).toBeDefined();
  });

  it('echoes a request id and includes it in errors', async () => {
    const res = await admin.request('GET', '/api/v1/nothing', undefined, {
      headers: { 'x-request-id': 'req-abc-123' },
    });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    expect(res.body.request_id).toBe('req-abc-123');
  });
});

describe('operations endpoints', () => {
  it('reports liveness and readiness', async () => {
    const client = app.client();
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe('ok');
  });

  it('exposes Prometheus metrics with route templates, not raw ids', async () => {
    await admin.get('/api/v1/api-keys/00000000-0000-4000-8000-000000000000');
    const res = await app.client().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('gatehouse_http_request_duration_seconds_bucket');
    expect(res.text).toContain('route="/api/v1/api-keys/:id"');
    expect(res.text).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('serves the OpenAPI document and its reference page', async () => {
    const doc = await app.client().get('/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const page = await app.client().get('/api/v1/reference');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/api/v1/api-keys');
  });
});
