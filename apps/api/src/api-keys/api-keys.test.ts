import { generateApiKey } from '@gatehouse/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { inScope } from '../db/scope.js';
import type { HttpClient } from '../test/http-client.js';
import { TestApp, type TestTenant } from '../test/harness.js';

let app: TestApp;
let tenant: TestTenant;
let admin: HttpClient;

beforeAll(async () => {
  app = await TestApp.start();
  tenant = await app.createTenant('enterprise');
  admin = await app.login(tenant.users.admin.email);
});
afterAll(() => app.close());

const create = async (body: Record<string, unknown> = {}) => {
  const res = await admin.post('/api/v1/api-keys', {
    name: 'CI deploys',
    environment: 'production',
    scopes: ['api'],
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body.data as { key: { id: string; prefix: string; status: string }; secret: string };
};

const withKey = (token: string, style: 'x-api-key' | 'bearer' = 'x-api-key') =>
  app.client().withHeaders(style === 'x-api-key' ? { 'x-api-key': token } : { authorization: `Bearer ${token}` });

describe('API key lifecycle', () => {
  it('shows the secret once, in the documented format, and never again', async () => {
    const { key, secret } = await create({ description: 'from CI' });
    expect(secret).toMatch(/^gth_live_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}$/);
    expect(secret.startsWith(`${key.prefix}_`)).toBe(true);
    const fetched = await admin.get(`/api/v1/api-keys/${key.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.text).not.toContain(secret.slice(key.prefix.length + 1));
    const list = await admin.get('/api/v1/api-keys');
    expect(list.text).not.toContain(secret.slice(key.prefix.length + 1));
    expect(list.text).not.toMatch(/secret_hash|"secret"/);
  });

  it('authenticates with X-API-Key and with Authorization: Bearer, and tracks last use', async () => {
    const { key, secret } = await create();
    expect((await withKey(secret).get('/api/v1/tenant')).status).toBe(200);
    const viaBearer = await withKey(secret, 'bearer').get('/api/v1/tenant');
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body.data.id).toBe(tenant.id);
    const after = await admin.get(`/api/v1/api-keys/${key.id}`);
    expect(after.body.data.last_used_at).not.toBeNull();
  });

  it('needs no CSRF token for key-authenticated writes', async () => {
    const { secret } = await create({ scopes: ['admin'] });
    const res = await withKey(secret).patch('/api/v1/tenant', { name: 'Renamed by key' });
    expect(res.status).toBe(200);
  });

  it('answers 401 for a revoked key', async () => {
    const { key, secret } = await create();
    const revoked = await admin.post(`/api/v1/api-keys/${key.id}/revoke`);
    expect(revoked.body.data.status).toBe('revoked');
    const res = await withKey(secret).get('/api/v1/tenant');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'invalid_api_key', message: 'API key has been revoked' });
  });

  it('answers 401 for an expired key', async () => {
    const { key, secret } = await create({ expires_at: new Date(Date.now() + 3600_000).toISOString() });
    expect((await withKey(secret).get('/api/v1/tenant')).status).toBe(200);
    await inScope(app.deps.db, { tenantId: tenant.id }, (trx) =>
      trx
        .updateTable('api_keys')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', key.id)
        .execute(),
    );
    const res = await withKey(secret).get('/api/v1/tenant');
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('API key has expired');
    expect((await admin.get(`/api/v1/api-keys/${key.id}`)).body.data.status).toBe('expired');
  });

  it('answers 403 when the key lacks the scope', async () => {
    const { secret } = await create({ scopes: ['api'] });
    const res = await withKey(secret).get('/api/v1/api-keys');
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('admin scope');
  });

  it('rejects a mistyped key by its checksum, before any lookup', async () => {
    const { secret } = await create();
    const last = secret.at(-1)!;
    const typo = secret.slice(0, -1) + (last === 'a' ? 'b' : 'a');
    const res = await withKey(typo).get('/api/v1/tenant');
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('checksum');
  });

  it('rejects a well-formed but unknown key', async () => {
    const res = await withKey(generateApiKey('live').token).get('/api/v1/tenant');
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('API key is not valid');
  });

  it('edits name, description, environment and scopes', async () => {
    const { key } = await create();
    const res = await admin.patch(`/api/v1/api-keys/${key.id}`, {
      name: 'Renamed',
      description: 'new',
      environment: 'staging',
      scopes: ['api', 'admin'],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: 'Renamed',
      description: 'new',
      environment: 'staging',
      scopes: ['api', 'admin'],
    });
  });

  it('filters by name and status, paginates with meta and links, and bulk revokes', async () => {
    const a = await create({ name: 'filter-me alpha' });
    const b = await create({ name: 'filter-me beta' });
    const bulk = await admin.post('/api/v1/api-keys/bulk-revoke', { ids: [a.key.id, b.key.id] });
    expect(bulk.body.data.revoked.sort()).toEqual([a.key.id, b.key.id].sort());
    const revoked = await admin.get('/api/v1/api-keys?status=revoked&name=filter-me');
    expect(revoked.body.data.map((k: { id: string }) => k.id).sort()).toEqual([a.key.id, b.key.id].sort());
    const active = await admin.get('/api/v1/api-keys?status=active&name=filter-me');
    expect(active.body.data).toHaveLength(0);
    const paged = await admin.get('/api/v1/api-keys?per_page=2&page=2');
    expect(paged.body.meta).toMatchObject({ current_page: 2, per_page: 2 });
    expect(paged.body.meta.total).toBeGreaterThan(4);
    expect(paged.body.links.prev).toContain('page=1');
    expect(paged.body.links.first).toContain('per_page=2');
  });
});
