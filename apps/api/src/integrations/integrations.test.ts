import { FakeServer, StripeFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { TestApp, type TestTenant } from '../test/harness.js';
import type { HttpClient } from '../test/http-client.js';
import { waitForIntegration } from '../test/integrations.js';

const fakes = new FakeServer([new StripeFake()]);
const stripe = () => fakes.get<StripeFake>('stripe');
let app: TestApp;
let tenant: TestTenant;
let admin: HttpClient;

const PK = 'pk_test_51Gatehouse0000publishable';
const SK = 'sk_test_51GatehouseCanarySecret4242';
const WHSEC = 'whsec_GatehouseCanaryWebhook9876';

beforeAll(async () => {
  await fakes.start();
  app = await TestApp.start(fakes.env());
  for (const secret of [SK, WHSEC]) app.secrets.add(secret);
  tenant = await app.createTenant('enterprise');
  admin = await app.login(tenant.users.admin.email);
});
afterAll(async () => {
  await app.close();
  await fakes.close();
});
beforeEach(() => {
  fakes.resetAll();
  stripe().addKey(SK);
});

const createStripe = async (client: HttpClient, credentials: Record<string, string> = {}, extra = {}) =>
  client.post('/api/v1/integrations', {
    provider: 'stripe',
    credentials: { publishable_key: PK, secret_key: SK, webhook_secret: WHSEC, ...credentials },
    enabled_capabilities: ['initiate_payment', 'process_refund', 'verify_payment'],
    ...extra,
  });

const disconnect = async (client: HttpClient, id: string) =>
  expect((await client.delete(`/api/v1/integrations/${id}`)).status).toBe(200);

describe('provider catalog', () => {
  it('lists providers with credential schemas, inbound URLs and whether each is configured', async () => {
    const res = await admin.get('/api/v1/integrations/providers');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, message: 'Providers retrieved successfully', meta: {} });
    const stripeEntry = res.body.data.find((p: { name: string }) => p.name === 'stripe');
    expect(stripeEntry).toMatchObject({
      display_name: 'Stripe',
      category: 'payment',
      capabilities: ['initiate_payment', 'process_refund', 'verify_payment'],
      is_configured: false,
      available: true,
      inbound_webhook_url: `${app.url}/api/webhooks/stripe/t/${tenant.slug}`,
      credential_schema: {
        publishable_key: { type: 'string', sensitive: false, required: true },
        secret_key: { type: 'string', sensitive: true, required: true },
        webhook_secret: { type: 'string', sensitive: true, required: false },
      },
    });
    const logo = await fetch(`${app.url}${stripeEntry.logo_url}`);
    expect(logo.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('marks a provider unavailable in the tenant country', async () => {
    const elsewhere = await app.createTenant('enterprise');
    const owner = await app.login(elsewhere.users.owner.email);
    expect((await owner.patch('/api/v1/tenant', { country: 'KP' })).status).toBe(200);
    const res = await owner.get('/api/v1/integrations/providers');
    expect(res.body.data.find((p: { name: string }) => p.name === 'stripe').available).toBe(false);
  });
});

describe('integration lifecycle (seed 004)', () => {
  it('creates in pending_verify, masks secrets, then verifies to active in the background', async () => {
    const res = await createStripe(admin, {}, { metadata: { account_label: 'Primary Stripe Account' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      success: true,
      message: 'Integration configured successfully',
      meta: {},
      data: {
        provider: 'stripe',
        display_name: 'Stripe',
        category: 'payment',
        status: 'pending_verify',
        mode: 'test',
        credentials: { publishable_key: PK, secret_key: null, webhook_secret: null },
        credential_hints: { secret_key: '4242', webhook_secret: '9876' },
        metadata: { account_label: 'Primary Stripe Account' },
        verified_at: null,
      },
    });
    const id = res.body.data.id as string;
    const done = await waitForIntegration(admin, id, (i) => i.status !== 'pending_verify');
    expect(done.status).toBe('active');
    expect(done.verified_at).not.toBeNull();
    expect(done.verifying).toBe(false);
    expect(stripe().requests.at(-1)?.headers.authorization).toBe(`Bearer ${SK}`);

    const second = await createStripe(admin);
    expect(second.status).toBe(422);
    expect(second.body).toMatchObject({
      success: false,
      message: 'The given data was invalid.',
      errors: { provider: ['An integration for this provider already exists.'] },
    });
    await disconnect(admin, id);
  });

  it('validates credential fields with clear messages', async () => {
    const res = await createStripe(admin, { publishable_key: 'sk_live_wrong', secret_key: '' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      'credentials.publishable_key': ['Publishable key must start with pk_test_ or pk_live_'],
      'credentials.secret_key': ['Secret key is required'],
    });
    const mixed = await createStripe(admin, { publishable_key: 'pk_live_abc' });
    expect(mixed.body.errors['credentials.secret_key'][0]).toMatch(/test key but the publishable key is a live key/);
    const unknown = await admin.post('/api/v1/integrations', { provider: 'plivo', credentials: {} });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.provider[0]).toMatch(/Unknown provider plivo/);
    const caps = await createStripe(admin, {}, { enabled_capabilities: ['send_sms'] });
    expect(caps.body.errors.enabled_capabilities[0]).toMatch(/Stripe does not support send_sms/);
  });

  it('keeps a stored secret on a blank edit, re-verifies changed credentials, and reports a rejected key', async () => {
    const id = (await createStripe(admin)).body.data.id as string;
    await waitForIntegration(admin, id, (i) => i.status === 'active');

    const rotated = await admin.patch(`/api/v1/integrations/${id}`, {
      credentials: { publishable_key: 'pk_test_51GatehouseRotated', secret_key: '' },
      metadata: { rotated_at: '2026-03-01' },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      message: 'Integration updated successfully',
      data: { id, status: 'pending_verify', verified_at: null, credential_hints: { secret_key: '4242' } },
    });
    const after = await waitForIntegration(admin, id, (i) => i.status !== 'pending_verify');
    expect(after.status).toBe('active');
    expect(stripe().requests.at(-1)?.headers.authorization).toBe(`Bearer ${SK}`);

    const metadataOnly = await admin.patch(`/api/v1/integrations/${id}`, { metadata: { note: 'x' } });
    expect(metadataOnly.body.data.status).toBe('active');

    const bad = await admin.patch(`/api/v1/integrations/${id}`, {
      credentials: { secret_key: 'sk_test_revokedKey1111' },
    });
    expect(bad.body.data.credential_hints.secret_key).toBe('1111');
    const failed = await waitForIntegration(admin, id, (i) => i.status !== 'pending_verify');
    expect(failed.status).toBe('error');
    expect(failed.metadata.last_error).toMatch(/Stripe rejected the secret key/);
    expect(JSON.stringify(failed)).not.toContain('sk_test_revokedKey1111');

    const activate = await admin.post(`/api/v1/integrations/${id}/activate`);
    expect(activate.status).toBe(409);

    stripe().addKey('sk_test_revokedKey1111');
    const verify = await admin.post(`/api/v1/integrations/${id}/verify`);
    expect(verify.body).toMatchObject({ success: true, data: { id, status: 'pending_verify', verifying: true } });
    const recovered = await waitForIntegration(admin, id, (i) => i.status === 'active');
    expect(recovered.metadata.last_error).toBeUndefined();
    await disconnect(admin, id);
  });

  it('marks a restricted key without the needed permission as error naming the permission', async () => {
    stripe().addKey('rk_test_NarrowRestricted77', { balance: false });
    const id = (await createStripe(admin, { secret_key: 'rk_test_NarrowRestricted77' })).body.data.id as string;
    const failed = await waitForIntegration(admin, id, (i) => i.status !== 'pending_verify');
    expect(failed.status).toBe('error');
    expect(failed.metadata).toMatchObject({ missing_permission: 'Balance: Read' });
    expect(failed.metadata.last_error).toMatch(/Balance \(read\)/);
    await disconnect(admin, id);
  });

  it('keeps an unreachable provider pending, records why, and retries until it answers', async () => {
    stripe().mode = 'down';
    const id = (await createStripe(admin)).body.data.id as string;
    const waiting = await waitForIntegration(admin, id, (i) => typeof i.metadata.last_error === 'string');
    expect(waiting.status).toBe('pending_verify');
    expect(waiting.metadata.last_error).toMatch(/Stripe is unavailable \(HTTP 503\)/);
    stripe().mode = 'normal';
    const done = await waitForIntegration(admin, id, (i) => i.status === 'active', 20_000);
    expect(done.metadata.last_error).toBeUndefined();
    expect(stripe().requests.length).toBeGreaterThanOrEqual(2);
    await disconnect(admin, id);
  }, 30_000);

  it('disables and activates without re-verifying; reset clears metadata and refreshes the connection time', async () => {
    const id = (await createStripe(admin, {}, { metadata: { label: 'keep?' } })).body.data.id as string;
    const active = await waitForIntegration(admin, id, (i) => i.status === 'active');
    const calls = stripe().requests.length;

    const disabled = await admin.post(`/api/v1/integrations/${id}/disable`);
    expect(disabled.body).toMatchObject({
      message: 'Integration disabled successfully',
      data: { id, status: 'inactive' },
    });
    const activated = await admin.post(`/api/v1/integrations/${id}/activate`);
    expect(activated.body).toMatchObject({ message: 'Integration activated successfully', data: { status: 'active' } });
    expect(stripe().requests.length).toBe(calls);

    const reset = await admin.post(`/api/v1/integrations/${id}/reset`);
    expect(reset.status).toBe(200);
    const after = await waitForIntegration(admin, id, (i) => !i.verifying);
    expect(after.metadata.label).toBeUndefined();
    expect(Date.parse(after.connected_at)).toBeGreaterThan(Date.parse(active.connected_at));

    const history = await admin.get(`/api/v1/integrations/${id}/history`);
    expect(history.body.data.map((e: { to_status: string }) => e.to_status)).toEqual([
      'active',
      'inactive',
      'active',
      'pending_verify',
    ]);
    await disconnect(admin, id);
  });

  it('soft-deletes: gone from lists and lookups, and the provider can be connected again', async () => {
    const id = (await createStripe(admin)).body.data.id as string;
    const del = await admin.delete(`/api/v1/integrations/${id}`);
    expect(del.body).toEqual({ success: true, message: 'Integration deleted successfully' });
    expect((await admin.get(`/api/v1/integrations/${id}`)).status).toBe(404);
    expect((await admin.get('/api/v1/integrations')).body.data.map((i: { id: string }) => i.id)).not.toContain(id);
    const providers = await admin.get('/api/v1/integrations/providers');
    expect(providers.body.data.find((p: { name: string }) => p.name === 'stripe').is_configured).toBe(false);
    const again = await createStripe(admin);
    expect(again.status).toBe(201);
    await disconnect(admin, again.body.data.id);
  });
});

describe('access', () => {
  it('lets managers read but not change, hides the hub from staff, and gates it by plan', async () => {
    const manager = await app.login(tenant.users.manager.email);
    expect((await manager.get('/api/v1/integrations')).status).toBe(200);
    expect((await createStripe(manager)).status).toBe(403);
    const staff = await app.login(tenant.users.staff.email);
    expect((await staff.get('/api/v1/integrations')).status).toBe(403);
    const pro = await app.createTenant('pro');
    const proOwner = await app.login(pro.users.owner.email);
    const gated = await proOwner.get('/api/v1/integrations/providers');
    expect(gated.status).toBe(403);
    expect(gated.body.code).toBe('upgrade_required');
  });

  it("answers 404 for another tenant's integration", async () => {
    const id = (await createStripe(admin)).body.data.id as string;
    const other = await app.createTenant('enterprise');
    const otherAdmin = await app.login(other.users.admin.email);
    for (const res of [
      await otherAdmin.get(`/api/v1/integrations/${id}`),
      await otherAdmin.patch(`/api/v1/integrations/${id}`, { metadata: {} }),
      await otherAdmin.post(`/api/v1/integrations/${id}/disable`),
      await otherAdmin.delete(`/api/v1/integrations/${id}`),
    ]) {
      expect(res.status).toBe(404);
    }
    await disconnect(admin, id);
  });
});
