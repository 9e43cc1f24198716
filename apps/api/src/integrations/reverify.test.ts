import { FakeServer, StripeFake } from '@gatehouse/provider-fakes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKysely } from '../db/connect.js';
import { inScope } from '../db/scope.js';
import { TestApp, type TestTenant } from '../test/harness.js';
import type { HttpClient } from '../test/http-client.js';
import { waitForIntegration } from '../test/integrations.js';
import { reverifyAll, sweepStaleVerifications } from './verification.js';

const fakes = new FakeServer([new StripeFake()]);
const stripe = () => fakes.get<StripeFake>('stripe');
const SK = 'sk_test_51ReverifyCanaryKey000777';
let app: TestApp;
let tenant: TestTenant;
let admin: HttpClient;

beforeAll(async () => {
  await fakes.start();
  app = await TestApp.start(fakes.env());
  app.secrets.add(SK);
  tenant = await app.createTenant('enterprise');
  admin = await app.login(tenant.users.admin.email);
});
afterAll(async () => {
  await app.close();
  await fakes.close();
});

const statusEvents = () =>
  inScope(app.deps.db, { tenantId: tenant.id }, (trx) =>
    trx.selectFrom('events').select(['type', 'payload']).orderBy('created_at').execute(),
  );

describe('daily re-verification and the lost-job sweep', () => {
  it('moves a broken integration to error and a recovered one back, emitting each change as an event', async () => {
    stripe().addKey(SK);
    const created = await admin.post('/api/v1/integrations', {
      provider: 'stripe',
      credentials: { publishable_key: 'pk_test_daily', secret_key: SK },
    });
    const id = created.body.data.id as string;
    await waitForIntegration(admin, id, (i) => i.status === 'active');

    stripe().reset(); // the key was revoked in the Stripe dashboard
    expect(await reverifyAll(app.deps)).toBe(1);
    const broken = await waitForIntegration(admin, id, (i) => i.status === 'error');
    expect(broken.metadata.last_error).toMatch(/rejected/);

    stripe().addKey(SK);
    await reverifyAll(app.deps);
    await waitForIntegration(admin, id, (i) => i.status === 'active');

    const changes = (await statusEvents())
      .filter((e) => e.type === 'integration.status_changed')
      .map((e) => [e.payload.from_status, e.payload.to_status]);
    expect(changes).toEqual([
      [null, 'pending_verify'],
      ['pending_verify', 'active'],
      ['active', 'error'],
      ['error', 'active'],
    ]);
    const history = await admin.get(`/api/v1/integrations/${id}/history`);
    expect(history.body.data[0].reason).toMatch(/^Recovered: /);
    await admin.delete(`/api/v1/integrations/${id}`);
  });

  it('re-queues a verification whose job was lost', async () => {
    stripe().addKey(SK);
    // Create with workers unable to reach Stripe, then drop every queued job as a crash would.
    stripe().mode = 'down';
    const created = await admin.post('/api/v1/integrations', {
      provider: 'stripe',
      credentials: { publishable_key: 'pk_test_lost', secret_key: SK },
    });
    const id = created.body.data.id as string;
    await waitForIntegration(admin, id, (i) => typeof i.metadata.last_error === 'string');
    const db = createKysely<unknown>(app.runtime.ownerUrl, 1);
    try {
      await sql`delete from pgboss.job where name = 'integration-verify'`.execute(db);
      await sql`update integrations set verify_requested_at = now() - interval '1 hour' where id = ${id}`.execute(db);
    } finally {
      await db.destroy();
    }
    stripe().mode = 'normal';
    expect(await sweepStaleVerifications(app.deps)).toBe(1);
    await waitForIntegration(admin, id, (i) => i.status === 'active');
    expect(await sweepStaleVerifications(app.deps)).toBe(0);
  });
});
