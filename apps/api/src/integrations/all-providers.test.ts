import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { AllFakes, type Beds24Fake, type FixtureProvider } from '@gatehouse/provider-fakes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKysely } from '../db/connect.js';
import { PROVIDERS } from '../providers/registry.js';
import { TestApp, type TestTenant } from '../test/harness.js';
import type { HttpClient } from '../test/http-client.js';
import { waitForIntegration } from '../test/integrations.js';

const run = promisify(execFile);

/** `pg_dump` of the whole database as plain SQL, or null when no pg_dump can dump this server. */
async function plainDump(url: string): Promise<string | null> {
  const version = await run('pg_dump', ['--version']).catch(() => null);
  const client = Number(/(\d+)\./.exec(version?.stdout ?? '')?.[1] ?? 0);
  const owner = createKysely<unknown>(url, 1);
  const server = await sql<{ v: string }>`select current_setting('server_version_num') as v`
    .execute(owner)
    .finally(() => owner.destroy());
  if (client === 0 || client < Math.floor(Number(server.rows[0]!.v) / 10_000)) return null;
  return (await run('pg_dump', ['--format=plain', url], { maxBuffer: 256 * 1024 * 1024 })).stdout;
}

const fakes = new AllFakes();
let app: TestApp;
let tenant: TestTenant;
let admin: HttpClient;
const ids = new Map<string, string>();

beforeAll(async () => {
  await fakes.start();
  app = await TestApp.start(fakes.env());
  for (const canary of AllFakes.canaries()) app.secrets.add(canary);
  tenant = await app.createTenant('enterprise');
  admin = await app.login(tenant.users.admin.email);
});
afterAll(async () => {
  await app.close();
  await fakes.close();
});

describe('every provider through the real code path', () => {
  it('lists all ten providers in the catalog', async () => {
    const res = await admin.get('/api/v1/integrations/providers');
    expect(res.body.data.map((p: { name: string }) => p.name)).toEqual([
      'stripe',
      'paypal',
      'openrouter',
      'twilio',
      'whatsapp',
      'hospitable',
      'beds24',
      'smtp',
      'nuki',
      'twon',
    ]);
  });

  it.each(PROVIDERS.map((p) => p.manifest.id))('%s verifies against its fake and becomes active', async (id) => {
    const created = await admin.post('/api/v1/integrations', {
      provider: id,
      credentials: fakes.credentials(id as FixtureProvider),
    });
    expect(created.status, created.text).toBe(201);
    const integration = created.body.data;
    expect(integration.status).toBe('pending_verify');
    const manifest = PROVIDERS.find((p) => p.manifest.id === id)!.manifest;
    for (const [field, spec] of Object.entries(manifest.credentialSchema)) {
      if (spec.sensitive) expect(integration.credentials[field]).toBeNull();
    }
    const done = await waitForIntegration(admin, integration.id, (i) => i.status !== 'pending_verify');
    expect(done.metadata.last_error).toBeUndefined();
    expect(done.status).toBe('active');
    ids.set(id, integration.id);
  });

  it('stores the refresh token a Beds24 invite code was exchanged for, in place of the spent code', async () => {
    await admin.delete(`/api/v1/integrations/${ids.get('beds24')}`);
    const refresh = 'FixtureCanaryBeds24FromInvite14';
    app.secrets.add(refresh);
    fakes.http.get<Beds24Fake>('beds24').addInviteCode('FixtureCanaryInviteCode15', refresh);
    app.secrets.add('FixtureCanaryInviteCode15');
    const created = await admin.post('/api/v1/integrations', {
      provider: 'beds24',
      credentials: { invite_code: 'FixtureCanaryInviteCode15' },
    });
    expect(created.body.data.credential_hints).toEqual({
      inbound_token: null,
      refresh_token: null,
      invite_code: 'de15',
    });
    const done = await waitForIntegration(admin, created.body.data.id, (i) => i.status !== 'pending_verify');
    expect(done.status).toBe('active');
    expect(done.credential_hints).toEqual({ inbound_token: null, refresh_token: 'te14', invite_code: null });
    // A second verification uses the stored refresh token; the spent code is never sent again.
    await admin.post(`/api/v1/integrations/${done.id}/verify`);
    await waitForIntegration(admin, done.id, (i) => !i.verifying);
    const calls = fakes.http.get<Beds24Fake>('beds24').requests.map((r) => r.path);
    expect(calls.filter((p) => p === '/v2/authentication/setup')).toHaveLength(1);
    expect((await admin.get(`/api/v1/integrations/${done.id}`)).body.data.status).toBe('active');
  });

  it('paginates with meta and links, and filters by status and category', async () => {
    const page = await admin.get('/api/v1/integrations?per_page=3&page=2');
    expect(page.body.meta).toEqual({ current_page: 2, per_page: 3, total: 10, last_page: 4 });
    expect(page.body.links).toEqual({
      first: '/api/v1/integrations?per_page=3&page=1',
      last: '/api/v1/integrations?per_page=3&page=4',
      prev: '/api/v1/integrations?per_page=3&page=1',
      next: '/api/v1/integrations?per_page=3&page=3',
    });
    expect(page.body.data).toHaveLength(3);
    const comms = await admin.get('/api/v1/integrations?status=active&category=communication&per_page=15');
    expect(comms.body.data.map((i: { provider: string }) => i.provider).sort()).toEqual(['twilio', 'whatsapp']);
    expect(comms.body.meta).toMatchObject({ total: 2, per_page: 15 });
    const none = await admin.get('/api/v1/integrations?status=error');
    expect(none.body).toMatchObject({ data: [], meta: { total: 0, last_page: 1 } });
    const tooMany = await admin.get('/api/v1/integrations?per_page=101');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors.per_page).toBeDefined();
  });

  it('never stores a credential in clear: a plain dump of every table holds no canary', async () => {
    const owner = createKysely<unknown>(app.runtime.ownerUrl, 1);
    let dump = '';
    try {
      const tables = await sql<{ schema: string; name: string }>`
        select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(owner);
      expect(tables.rows.some((t) => t.name === 'integrations')).toBe(true);
      for (const t of tables.rows) {
        const rows = await sql<{
          row: string;
        }>`select t::text as row from ${sql.table(`${t.schema}.${t.name}`)} t`.execute(owner);
        dump += rows.rows.map((r) => r.row).join('\n');
      }
    } finally {
      await owner.destroy();
    }
    expect(dump).toContain('pk_test_51FixturePublishable000');
    for (const canary of AllFakes.canaries()) expect(dump).not.toContain(canary);
  });

  it('and neither does a real pg_dump, where a pg_dump matching the server is installed', async (ctx) => {
    const dump = await plainDump(app.runtime.ownerUrl);
    if (dump === null) ctx.skip(); // the embedded PostgreSQL ships no pg_dump
    expect(dump).toContain('pk_test_51FixturePublishable000');
    for (const canary of AllFakes.canaries()) expect(dump).not.toContain(canary);
  });

  it('keeps every canary out of responses and log lines', () => {
    const canaries = AllFakes.canaries();
    expect(canaries).toHaveLength(13);
    for (const canary of canaries) {
      expect(app.responses.filter((r) => r.includes(canary))).toEqual([]);
      expect(app.logs.filter((l) => l.includes(canary))).toEqual([]);
    }
  });
});
