import { ENDPOINTS, type Endpoint } from '@gatehouse/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKysely } from '../db/connect.js';
import { inScope } from '../db/scope.js';
import type { HttpClient } from '../test/http-client.js';
import { TestApp, type TestTenant } from '../test/harness.js';

let app: TestApp;
let mine: TestTenant;
let theirs: TestTenant;
let owner: HttpClient;
/** Ids that exist in the other tenant, one per resource kind. */
const foreignIds: Record<string, string> = {};

beforeAll(async () => {
  app = await TestApp.start();
  mine = await app.createTenant('enterprise');
  theirs = await app.createTenant('enterprise');
  owner = await app.login(mine.users.owner.email);
  const other = await app.login(theirs.users.owner.email);
  const key = await other.post('/api/v1/api-keys', { name: 'theirs', environment: 'production', scopes: ['api'] });
  foreignIds['/api/v1/api-keys'] = key.body.data.key.id;
  const members = await other.get('/api/v1/team/members');
  foreignIds['/api/v1/team/members'] = members.body.data[0].id;
  foreignIds['/api/v1/platform/tenants'] = theirs.id;
  const twon = await other.post('/api/v1/integrations', { provider: 'twon', credentials: {} });
  foreignIds['/api/v1/integrations'] = twon.body.data.id;
  const rule = await other.post('/api/v1/routing-rules', {
    capability: 'intercom_open',
    integration_id: twon.body.data.id,
  });
  foreignIds['/api/v1/routing-rules'] = rule.body.data.id;
  const hook = await other.post('/api/v1/webhooks', { name: 'theirs', url: 'https://example.com/hook' });
  foreignIds['/api/v1/webhooks'] = hook.body.data.endpoint.id;
  await fetch(`${app.url}/api/webhooks/stripe/t/${theirs.slug}`, { method: 'POST', body: '{}' });
  const inbound = await other.get('/api/v1/inbound-events');
  foreignIds['/api/v1/inbound-events'] = inbound.body.data[0].id;
});
afterAll(() => app.close());

const withId = (e: Endpoint) => e.path.includes(':id');
const minimalBody: Record<string, unknown> = {
  UpdateApiKey: { name: 'stolen' },
  ChangeMemberRole: { role: 'staff' },
  UpdatePlatformTenantPlan: { plan: 'free' },
  UpdateIntegration: { metadata: { stolen: true } },
  UpdateRoutingRule: { priority: 1 },
  UpdateWebhook: { name: 'stolen' },
  RotateWebhookSecret: {},
  TestWebhook: {},
  RecoverWebhook: { since: new Date().toISOString() },
};

describe('cross-tenant walk', () => {
  const routes = Object.entries(ENDPOINTS).filter(([, e]) => withId(e));

  it('covers every route that takes an id', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const [, e] of routes) expect(foreignIds[e.path.replace(/\/:id.*$/, '')], e.path).toBeDefined();
  });

  it.each(routes)('%s answers 404 for another tenant’s id', async (name, e) => {
    const id = foreignIds[e.path.replace(/\/:id.*$/, '')]!;
    const path = e.path.replace(':id', id);
    const res = await owner.request(e.method, path, minimalBody[name]);
    // Platform routes are superadmin-only: an ordinary owner is refused before any lookup.
    if (e.path.startsWith('/api/v1/platform')) expect(res.status).toBe(403);
    else expect(res.status, `${e.method} ${path}`).toBe(404);
  });

  it('leaves the other tenant’s data unchanged', async () => {
    const other = await app.login(theirs.users.owner.email);
    const key = await other.get(`/api/v1/api-keys/${foreignIds['/api/v1/api-keys']}`);
    expect(key.body.data).toMatchObject({ name: 'theirs', status: 'active' });
    const integration = await other.get(`/api/v1/integrations/${foreignIds['/api/v1/integrations']}`);
    expect(integration.body.data.metadata.stolen).toBeUndefined();
    const rule = await other.get(`/api/v1/routing-rules/${foreignIds['/api/v1/routing-rules']}`);
    expect(rule.body.data.priority).toBe(100);
  });
});

describe('row-level security backs the code up', () => {
  it('connects as a role that cannot bypass RLS', async () => {
    const { rows } = await sql<{ bypass: boolean; superuser: boolean }>`
      select rolbypassrls as bypass, rolsuper as superuser from pg_roles where rolname = current_user`.execute(
      app.deps.db,
    );
    expect(rows[0]).toEqual({ bypass: false, superuser: false });
  });

  it('shows a query without a tenant filter only the current tenant’s rows', async () => {
    const rows = await inScope(app.deps.db, { tenantId: mine.id }, (trx) =>
      trx.selectFrom('api_keys').select('tenant_id').execute(),
    );
    expect(rows.every((r) => r.tenant_id === mine.id)).toBe(true);
    const theirRows = await inScope(app.deps.db, { tenantId: theirs.id }, (trx) =>
      trx.selectFrom('api_keys').select('tenant_id').execute(),
    );
    expect(theirRows.length).toBeGreaterThan(0);
  });

  it('shows nothing without a tenant context, and refuses writes into another tenant', async () => {
    const none = await inScope(app.deps.db, {}, (trx) => trx.selectFrom('audit_events').selectAll().execute());
    expect(none).toHaveLength(0);
    const write = inScope(app.deps.db, { tenantId: mine.id }, (trx) =>
      trx
        .insertInto('audit_events')
        .values({
          tenant_id: theirs.id,
          actor_type: 'system',
          actor_label: 'x',
          action: 'x',
          target_type: 'x',
          details: '{}',
          actor_id: null,
          target_id: null,
          target_label: null,
          ip: null,
          request_id: null,
        })
        .execute(),
    );
    await expect(write).rejects.toThrow(/row-level security/);
  });

  it('does not leak the tenant context to the next transaction on the same pooled connection', async () => {
    // One connection, so the second query surely runs where the scoped transaction ran.
    const single = createKysely(app.runtime.appUrl, 1);
    try {
      const inside = await inScope(single, { tenantId: mine.id }, (trx) =>
        sql<{ t: string }>`select current_setting('app.tenant_id', true) as t`.execute(trx),
      );
      expect(inside.rows[0]!.t).toBe(mine.id);
      const { rows } = await sql<{ t: string | null }>`select current_setting('app.tenant_id', true) as t`.execute(
        single,
      );
      expect(rows[0]!.t ?? '').toBe('');
      const leaked = await single.selectFrom('api_keys').select('id').execute();
      expect(leaked).toHaveLength(0);
    } finally {
      await single.destroy();
    }
  });
});
