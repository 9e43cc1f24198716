import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

describe('audit log', () => {
  it('records key changes with actor, target, IP and no secret', async () => {
    const created = await admin.post('/api/v1/api-keys', { name: 'audited', environment: 'staging', scopes: ['api'] });
    const { key, secret } = created.body.data;
    await admin.patch(`/api/v1/api-keys/${key.id}`, { name: 'audited-renamed' });
    await admin.post(`/api/v1/api-keys/${key.id}/revoke`);
    const res = await admin.get('/api/v1/audit-events?action=api_key.');
    const actions = res.body.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['api_key.revoked', 'api_key.updated', 'api_key.created']);
    const event = res.body.data[2];
    expect(event).toMatchObject({
      actor: { type: 'user', label: tenant.users.admin.email },
      target_type: 'api_key',
      target_id: key.id,
    });
    expect(event.ip).toBeTruthy();
    expect(res.text).not.toContain(secret);
    expect(res.body.data[1].details).toEqual({ changes: { name: 'audited-renamed' } });
  });

  it('records team and tenant changes', async () => {
    await admin.post('/api/v1/team/members', { email: 'audited.person@example.test', name: 'A', role: 'staff' });
    await admin.patch('/api/v1/tenant', { name: 'Renamed Tenant' });
    const res = await admin.get('/api/v1/audit-events?limit=100');
    const actions = res.body.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.added', 'tenant.updated', 'tenant.created', 'user.login']));
    expect(res.text).not.toMatch(/one_time_password|password_hash/);
  });

  it('pages through events with a stable cursor', async () => {
    for (let i = 0; i < 7; i++) await admin.patch('/api/v1/tenant', { name: `Name ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; meta: { next_cursor: string | null } } } = await admin.get(
        `/api/v1/audit-events?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.data.map((e) => e.id));
      cursor = res.body.meta.next_cursor;
    } while (cursor);
    const all = await admin.get('/api/v1/audit-events?limit=100');
    expect(seen).toEqual(all.body.data.map((e: { id: string }) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by target type and time, and rejects a forged cursor', async () => {
    const res = await admin.get('/api/v1/audit-events?target_type=tenant');
    expect(res.body.data.every((e: { target_type: string }) => e.target_type === 'tenant')).toBe(true);
    const future = await admin.get(
      `/api/v1/audit-events?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future.body.data).toHaveLength(0);
    expect((await admin.get('/api/v1/audit-events?cursor=bm9wZQ')).status).toBe(422);
  });
});
