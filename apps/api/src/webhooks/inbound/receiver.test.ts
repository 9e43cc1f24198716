import { createServer, type Server } from 'node:http';

import { AllFakes, type Beds24Fake, VALID_CREDENTIALS } from '@gatehouse/provider-fakes';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually } from '../../test/eventually.js';
import { TestApp, type TestTenant } from '../../test/harness.js';
import type { HttpClient } from '../../test/http-client.js';
import { waitForIntegration } from '../../test/integrations.js';

const fakes = new AllFakes();
const stripeLib = new Stripe('sk_test_x');
const WHSEC = VALID_CREDENTIALS.stripe.webhook_secret;
let app: TestApp;
let tenant: TestTenant;
let admin: HttpClient;
let stripeId: string;
const delivered: string[] = [];
let receiver: Server;
let receiverUrl = '';

const paymentEvent = (id: string) =>
  JSON.stringify({
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_123', object: 'payment_intent', amount: 12900, currency: 'eur' } },
  });

const postStripe = (body: string, signature: string, slug = tenant.slug) =>
  fetch(`${app.url}/api/webhooks/stripe/t/${slug}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body,
  });

beforeAll(async () => {
  await fakes.start();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      delivered.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/in`;
  app = await TestApp.start(fakes.env());
  for (const c of AllFakes.canaries()) app.secrets.add(c);
  tenant = await app.createTenant('enterprise');
  admin = await app.login(tenant.users.admin.email);
  const created = await admin.post('/api/v1/integrations', {
    provider: 'stripe',
    credentials: fakes.credentials('stripe'),
  });
  stripeId = created.body.data.id;
  await waitForIntegration(admin, stripeId, (i) => i.status === 'active');
  await admin.post('/api/v1/webhooks', {
    name: 'Payments and bookings',
    url: receiverUrl,
    event_types: ['payment.succeeded', 'booking.created'],
  });
});
afterAll(async () => {
  await app.close();
  await fakes.close();
  await new Promise((r) => receiver.close(r));
});

describe('inbound webhooks', () => {
  it('verifies a Stripe-signed event, logs it, and turns it into a payment.succeeded delivery', async () => {
    const body = paymentEvent('evt_inbound_1');
    const signature = stripeLib.webhooks.generateTestHeaderString({ payload: body, secret: WHSEC });
    const res = await postStripe(body, signature);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });

    const out = await eventually(
      async () => delivered.find((d) => d.includes('payment.succeeded')),
      'the outbound delivery',
    );
    expect(JSON.parse(out)).toMatchObject({
      type: 'payment.succeeded',
      data: { payment_id: 'pi_123', provider: 'stripe', amount: 12900, currency: 'eur' },
    });
    const log = await admin.get('/api/v1/inbound-events?provider=stripe');
    expect(log.body.data[0]).toMatchObject({
      status: 'verified',
      provider_event_id: 'evt_inbound_1',
      event_type: 'payment_intent.succeeded',
      body_size: Buffer.byteLength(body),
    });
    expect(log.body.data[0].headers['stripe-signature']).toBe('[redacted]');
    const one = await eventually(async () => {
      const r = await admin.get(`/api/v1/inbound-events/${log.body.data[0].id}`);
      return r.body.data.processed_at ? r.body.data : undefined;
    }, 'processing');
    expect(one.processing_result).toBe('Emitted payment.succeeded');
  });

  it('acknowledges a duplicate without processing it twice', async () => {
    const body = paymentEvent('evt_inbound_dup');
    const signature = stripeLib.webhooks.generateTestHeaderString({ payload: body, secret: WHSEC });
    expect((await postStripe(body, signature)).status).toBe(200);
    const again = await postStripe(body, signature);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    const log = await admin.get('/api/v1/inbound-events?provider=stripe&status=duplicate');
    expect(log.body.data[0].reason).toBe('Already received event evt_inbound_dup');
  });

  it('rejects tampered, wrongly signed and stale requests, each with its reason, and unknown workspaces', async () => {
    const body = paymentEvent('evt_bad');
    const good = stripeLib.webhooks.generateTestHeaderString({ payload: body, secret: WHSEC });
    const stale = stripeLib.webhooks.generateTestHeaderString({
      payload: body,
      secret: WHSEC,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const wrong = stripeLib.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_someoneElse' });
    const cases: [string, string, number][] = [
      [body.replace('12900', '1'), good, 401],
      [body, wrong, 401],
      [body, stale, 401],
    ];
    const reasons = [];
    for (const [payload, signature, status] of cases) {
      const res = await postStripe(payload, signature);
      expect(res.status).toBe(status);
      reasons.push(((await res.json()) as { error: string }).error);
    }
    expect(new Set(reasons).size).toBe(2); // tampered and wrong secret read alike; staleness is its own reason
    expect(reasons[2]).toMatch(/tolerance/);
    expect((await postStripe(body, good, 'no-such-tenant')).status).toBe(404);
    const rejected = await admin.get('/api/v1/inbound-events?status=rejected');
    expect(rejected.body.data.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(rejected.body)).not.toContain(WHSEC);
  });

  it('re-fetches an unsigned Beds24 notification through the API before emitting booking.created', async () => {
    const inboundToken = 'beds24InboundTokenForTests0001';
    app.secrets.add(inboundToken);
    const created = await admin.post('/api/v1/integrations', {
      provider: 'beds24',
      credentials: { ...fakes.credentials('beds24'), inbound_token: inboundToken },
    });
    await waitForIntegration(admin, created.body.data.id, (i) => i.status === 'active');
    fakes.http.get<Beds24Fake>('beds24').addBooking({
      id: 63152789,
      propertyId: 17,
      status: 'confirmed',
      arrival: '2026-12-01',
      departure: '2026-12-04',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    const url = `${app.url}/api/webhooks/beds24/t/${tenant.slug}?bookid=63152789&status=new`;
    expect((await fetch(url)).status).toBe(401); // no token: refused before anything is trusted
    expect((await fetch(`${url}&token=${inboundToken}`)).status).toBe(200);
    const out = await eventually(async () => delivered.find((d) => d.includes('booking.created')), 'booking.created');
    expect(JSON.parse(out).data).toEqual({
      booking_id: '63152789',
      provider: 'beds24',
      property_id: '17',
      status: 'confirmed',
      check_in: '2026-12-01',
      check_out: '2026-12-04',
      guest_name: 'Ada Lovelace',
    });
  });

  it('answers the WhatsApp verification handshake with the challenge', async () => {
    const created = await admin.post('/api/v1/integrations', {
      provider: 'whatsapp',
      credentials: fakes.credentials('whatsapp'),
    });
    await waitForIntegration(admin, created.body.data.id, (i) => i.status === 'active');
    const token = VALID_CREDENTIALS.whatsapp.verify_token;
    const ok = await fetch(
      `${app.url}/api/webhooks/whatsapp/t/${tenant.slug}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(
      `${app.url}/api/webhooks/whatsapp/t/${tenant.slug}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`,
    );
    expect(bad.status).toBe(403);
  });

  it('acknowledges but does not process events for a disabled integration, and summarizes per provider', async () => {
    await admin.post(`/api/v1/integrations/${stripeId}/disable`);
    const body = paymentEvent('evt_while_disabled');
    const res = await postStripe(body, stripeLib.webhooks.generateTestHeaderString({ payload: body, secret: WHSEC }));
    expect(res.status).toBe(202);
    const log = await admin.get('/api/v1/inbound-events?status=ignored');
    expect(log.body.data[0]).toMatchObject({ provider_event_id: 'evt_while_disabled', processed_at: null });
    await admin.post(`/api/v1/integrations/${stripeId}/activate`);
    const summary = await admin.get('/api/v1/inbound-events/summary');
    const stripe = summary.body.data.find((s: { provider: string }) => s.provider === 'stripe');
    expect(stripe).toMatchObject({ silent: false });
    expect(stripe.received_24h).toBeGreaterThanOrEqual(5);
    expect(stripe.rejected_24h).toBeGreaterThanOrEqual(3);
  });
});
