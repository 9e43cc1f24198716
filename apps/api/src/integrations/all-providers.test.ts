import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { AllFakes, type FixtureProvider } from '@gatehouse/provider-fakes';
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
  const server = await sql<{ v: string }>`show server_version_num`.execute(owner).finally(() => owner.destroy());
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
