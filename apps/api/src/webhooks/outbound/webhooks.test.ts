import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { inScope } from '../../db/scope.js';
import { eventually } from '../../test/eventually.js';
import { TestApp, type TestTenant } from '../../test/harness.js';
import type { HttpClient } from '../../test/http-client.js';
import { emitEvent } from './emit.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local receiver answering with a status the test chooses. */
class Receiver {
  readonly received: Received[] = [];
  status = 200;
  private server: Server | null = null;
  url = '';
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.status, { 'content-type': 'text/plain' }).end(`answer ${this.status}`);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
    return this;
  }
  close = () => new Promise((r) => this.server?.close(r));
}

const receiver = new Receiver();
let app: TestApp;
let tenant: TestTenant;
let admin: HttpClient;
let integrationsAdmin: HttpClient;

beforeAll(async () => {
  await receiver.start();
  app = await TestApp.start();
  tenant = await app.createTenant('enterprise');
  // Managers manage webhooks (seed 003); connecting integrations (to cause events) needs an admin.
  admin = await app.login(tenant.users.manager.email);
  integrationsAdmin = await app.login(tenant.users.admin.email);
});
afterAll(async () => {
  await app.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.status = 200;
});

const createEndpoint = async (body: Record<string, unknown> = {}) => {
  const res = await admin.post('/api/v1/webhooks', { name: 'Channel manager', url: receiver.url, ...body });
  expect(res.status, res.text).toBe(201);
  return res.body.data as { endpoint: { id: string; secret_hint: string }; secret: string };
};

/** Makes an event happen: connecting the 2N intercom changes an integration's status twice. */
const causeEvents = async () => {
  const res = await integrationsAdmin.post('/api/v1/integrations', { provider: 'twon', credentials: {} });
  expect(res.status).toBe(201);
  return res;
};

describe('outbound webhooks', () => {
  it('creates an endpoint with a whsec_ secret shown once, and validates fields', async () => {
    const { endpoint, secret } = await createEndpoint({ event_types: ['integration.status_changed'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(endpoint.secret_hint).toBe(secret.slice(-4));
    const fetched = await admin.get(`/api/v1/webhooks/${endpoint.id}`);
    expect(fetched.text).not.toContain(secret);
    const bad = await admin.post('/api/v1/webhooks', {
      name: '',
      url: 'ftp://example.com',
      headers: { 'Content-Type': 'text/plain', 'X-Ok': 'fine' },
      event_types: ['nope'],
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['event_types.0', 'headers.Content-Type', 'name', 'url']);
    expect(bad.body.errors['headers.Content-Type']).toEqual([
      'This header is set by Gatehouse and cannot be overridden',
    ]);
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('delivers events signed so the official standardwebhooks library verifies them', async () => {
    const { endpoint, secret } = await createEndpoint({
      event_types: ['integration.status_changed'],
      headers: { 'X-Tenant-Ref': 'flats-42' },
    });
    app.secrets.add(secret);
    const integration = await causeEvents();
    await eventually(() => receiver.received.length >= 2, 'two deliveries');
    await integrationsAdmin.delete(`/api/v1/integrations/${integration.body.data.id}`);
    const wh = new Webhook(secret);
    const events = receiver.received.map((r) => {
      expect(r.headers['x-tenant-ref']).toBe('flats-42');
      expect(r.headers['user-agent']).toBe('Gatehouse-Webhooks/1.0');
      return wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: { to_status: string } };
    });
    expect(events.map((e) => e.type)).toEqual(['integration.status_changed', 'integration.status_changed']);
    expect(events.map((e) => e.data.to_status).sort()).toEqual(['active', 'pending_verify']);
    const tampered = {
      ...receiver.received[0]!,
      body: receiver.received[0]!.body.replace('"data":{', '"data":{"x":1,'),
    };
    expect(() => wh.verify(tampered.body, tampered.headers as Record<string, string>)).toThrow();

    const attempts = await eventually(async () => {
      const res = await admin.get(`/api/v1/webhooks/${endpoint.id}/attempts`);
      return res.body.data.length >= 2 ? res.body.data : undefined;
    }, 'attempts logged');
    expect(attempts[0]).toMatchObject({ status_code: 200, success: true, trigger: 'scheduled', attempt_number: 1 });
    expect(attempts[0].response_excerpt).toBe('answer 200');
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('signs with both secrets during a rotation grace period', async () => {
    const { endpoint, secret: old } = await createEndpoint();
    const rotated = await admin.post(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, {});
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.data.secret as string;
    app.secrets.add(old).add(fresh);
    expect(rotated.body.data.endpoint.previous_secret_expires_at).not.toBeNull();
    const test = await admin.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    expect(test.body.data).toMatchObject({ success: true, status_code: 200, error: null });
    const delivered = receiver.received.at(-1)!;
    expect(String(delivered.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [old, fresh]) {
      expect(new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>)).toMatchObject({
        type: 'webhook.test',
      });
    }
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('reports a failing receiver, schedules a retry, resends on demand and disables on 410', async () => {
    const { endpoint } = await createEndpoint();
    receiver.status = 500;
    const test = await admin.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    expect(test.body).toMatchObject({
      message: 'Not delivered: HTTP 500',
      data: { success: false, status_code: 500, error: 'HTTP 500' },
    });

    await causeEvents().then((r) => integrationsAdmin.delete(`/api/v1/integrations/${r.body.data.id}`));
    const failed = await eventually(async () => {
      const res = await admin.get(`/api/v1/webhooks/${endpoint.id}/attempts?outcome=failed`);
      return res.body.data.find((a: { trigger: string }) => a.trigger === 'scheduled');
    }, 'a failed scheduled attempt');
    expect(failed).toMatchObject({ status_code: 500, success: false });
    const stats = await admin.get(`/api/v1/webhooks/${endpoint.id}/stats?days=1`);
    expect(stats.body.data.totals.failed).toBeGreaterThanOrEqual(2);
    expect(stats.body.data.pending).toBeGreaterThanOrEqual(1);
    const afterFailure = await admin.get(`/api/v1/webhooks/${endpoint.id}`);
    expect(afterFailure.body.data.failing_since).not.toBeNull();

    receiver.status = 200;
    const resend = await admin.post(`/api/v1/webhooks/${endpoint.id}/messages/${failed.message_id}/resend`);
    expect(resend.status).toBe(200);
    await eventually(async () => {
      const res = await admin.get(`/api/v1/webhooks/${endpoint.id}/attempts?outcome=succeeded`);
      return res.body.data.find((a: { trigger: string }) => a.trigger === 'manual');
    }, 'a manual successful attempt');
    expect((await admin.get(`/api/v1/webhooks/${endpoint.id}`)).body.data.failing_since).toBeNull();

    receiver.status = 410;
    await causeEvents().then((r) => integrationsAdmin.delete(`/api/v1/integrations/${r.body.data.id}`));
    const disabled = await eventually(async () => {
      const res = await admin.get(`/api/v1/webhooks/${endpoint.id}`);
      return res.body.data.status === 'disabled' ? res.body.data : undefined;
    }, 'the endpoint disabled by 410');
    expect(disabled.disabled_reason).toBe('The endpoint answered 410 Gone');
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('records a network error as status 0 with its reason, and recovers failed messages', async () => {
    const { endpoint } = await createEndpoint({ url: 'http://127.0.0.1:9/closed' });
    const test = await admin.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    expect(test.body.data).toMatchObject({ success: false, status_code: 0 });
    expect(test.body.data.error).toMatch(/refused/);
    const recover = await admin.post(`/api/v1/webhooks/${endpoint.id}/recover`, {
      since: new Date(Date.now() - 3600_000).toISOString(),
    });
    expect(recover.body).toMatchObject({ success: true, data: { queued: 0 } });
    const tooOld = await admin.post(`/api/v1/webhooks/${endpoint.id}/recover`, {
      since: new Date(Date.now() - 20 * 24 * 3600_000).toISOString(),
    });
    expect(tooOld.status).toBe(422);
    expect(tooOld.body.errors.since[0]).toMatch(/14 days/);
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('refuses private destinations unless allow-listed (SSRF guard)', async () => {
    const strict = await TestApp.start({ OUTBOUND_ALLOWLIST: '' });
    try {
      const t = await strict.createTenant('enterprise');
      const owner = await strict.login(t.users.owner.email);
      const created = await owner.post('/api/v1/webhooks', { name: 'LAN', url: receiver.url });
      const test = await owner.post(`/api/v1/webhooks/${created.body.data.endpoint.id}/test`, {});
      expect(test.body.data).toMatchObject({ success: false, status_code: 0 });
      expect(test.body.data.error).toMatch(/private or reserved/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('caps deliveries in flight per endpoint, so a hanging one never stalls the others', async () => {
    const sockets = new Set<Socket>();
    let hung = 0;
    const hanging = createServer(() => {
      hung++; // accepted, never answered
    });
    hanging.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const port = (hanging.address() as { port: number }).port;
    const capped = await TestApp.start({ WEBHOOK_ENDPOINT_CONCURRENCY: '4' });
    try {
      const t = await capped.createTenant('enterprise');
      const manager = await capped.login(t.users.manager.email);
      for (const url of [`http://127.0.0.1:${port}/`, receiver.url]) {
        expect((await manager.post('/api/v1/webhooks', { name: 'Endpoint', url })).status).toBe(201);
      }
      await inScope(capped.deps.db, { tenantId: t.id }, async (trx) => {
        for (let i = 0; i < 300; i++) await emitEvent(trx, t.id, 'webhook.test', { message: `burst ${i}` });
      });
      await eventually(() => receiver.received.length >= 300, 'all 300 deliveries to the healthy endpoint', 8_000);
      expect(hung).toBeGreaterThan(0);
      expect(hung).toBeLessThanOrEqual(4);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => hanging.close(r));
      await capped.close();
    }
  });

  it('lists with filters, bulk-deletes, and lists the event catalog', async () => {
    const a = await createEndpoint({ name: 'Bookings sync', event_types: ['booking.created'] });
    const b = await createEndpoint({ name: 'Everything' });
    const c = await createEndpoint({ name: 'Paused', status: 'disabled' });
    const byType = await admin.get('/api/v1/webhooks?event_type=booking.created');
    expect(byType.body.data.map((e: { name: string }) => e.name).sort()).toEqual([
      'Bookings sync',
      'Everything',
      'Paused',
    ]);
    const disabled = await admin.get('/api/v1/webhooks?status=disabled');
    expect(disabled.body.data.map((e: { name: string }) => e.name)).toEqual(['Paused']);
    const search = await admin.get('/api/v1/webhooks?search=sync');
    expect(search.body.meta.total).toBe(1);
    const del = await admin.post('/api/v1/webhooks/bulk-delete', {
      ids: [a.endpoint.id, b.endpoint.id, c.endpoint.id],
    });
    expect(del.body.data.deleted).toHaveLength(3);
    expect((await admin.get('/api/v1/webhooks')).body.meta.total).toBe(0);
    const catalog = await admin.get('/api/v1/webhooks/event-types');
    expect(catalog.body.data.map((e: { type: string }) => e.type)).toContain('booking.created');
    const staff = await app.login(tenant.users.staff.email);
    expect((await staff.get('/api/v1/webhooks')).status).toBe(403);
  });
});
