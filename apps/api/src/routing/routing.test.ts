import { AllFakes } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TestApp, type TestTenant } from '../test/harness.js';
import type { HttpClient } from '../test/http-client.js';
import { waitForIntegration } from '../test/integrations.js';

const fakes = new AllFakes();
let app: TestApp;
let tenant: TestTenant;
let admin: HttpClient;
let stripeId: string;
let paypalId: string;

const connect = async (provider: 'stripe' | 'paypal' | 'twilio') => {
  const res = await admin.post('/api/v1/integrations', { provider, credentials: fakes.credentials(provider) });
  expect(res.status).toBe(201);
  await waitForIntegration(admin, res.body.data.id, (i) => i.status === 'active');
  return res.body.data.id as string;
};
const resolve = (capability: string) => admin.get(`/api/v1/routing-rules/resolve?capability=${capability}`);

beforeAll(async () => {
  await fakes.start();
  app = await TestApp.start({ ...fakes.env(), OPENROUTER_DEFAULT_KEY: 'sk-or-v1-PlatformDefaultCanary' });
  app.secrets.add('sk-or-v1-PlatformDefaultCanary');
  tenant = await app.createTenant('enterprise');
  admin = await app.login(tenant.users.admin.email);
  stripeId = await connect('stripe');
  paypalId = await connect('paypal');
});
afterAll(async () => {
  await app.close();
  await fakes.close();
});

describe('routing rules over HTTP', () => {
  it('creates a rule as in seed 004 and resolves through it, then through its fallback', async () => {
    const created = await admin.post('/api/v1/routing-rules', {
      capability: 'initiate_payment',
      integration_id: stripeId,
      is_default: true,
      priority: 100,
      fallback_integration_id: paypalId,
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      capability: 'initiate_payment',
      integration: { id: stripeId, provider: 'stripe', status: 'active' },
      fallback: { id: paypalId, provider: 'paypal', status: 'active' },
      warnings: [],
    });
    const ruleId = created.body.data.id as string;

    expect((await resolve('initiate_payment')).body.data).toEqual({
      capability: 'initiate_payment',
      integration_id: stripeId,
      provider: 'stripe',
      via: 'rule',
      rule_id: ruleId,
    });

    await admin.post(`/api/v1/integrations/${stripeId}/disable`);
    expect((await resolve('initiate_payment')).body.data).toMatchObject({ integration_id: paypalId, via: 'fallback' });
    const rule = await admin.get(`/api/v1/routing-rules/${ruleId}`);
    expect(rule.body.data.warnings).toEqual(['Stripe (primary) is inactive; it is skipped until active.']);

    await admin.post(`/api/v1/integrations/${paypalId}/disable`);
    const none = await resolve('initiate_payment');
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ success: false, code: 'no_active_provider' });
    expect(none.body.message).toMatch(/No active provider for initiate_payment/);

    await admin.post(`/api/v1/integrations/${stripeId}/activate`);
    await admin.post(`/api/v1/integrations/${paypalId}/activate`);
  });

  it('keeps one default per capability and orders by priority', async () => {
    const low = await admin.post('/api/v1/routing-rules', {
      capability: 'process_refund',
      integration_id: paypalId,
      priority: 10,
      is_default: true,
    });
    const high = await admin.post('/api/v1/routing-rules', {
      capability: 'process_refund',
      integration_id: stripeId,
      priority: 50,
      is_default: true,
    });
    const list = await admin.get('/api/v1/routing-rules?capability=process_refund');
    expect(list.body.data.map((r: { id: string; is_default: boolean }) => [r.id, r.is_default])).toEqual([
      [high.body.data.id, true],
      [low.body.data.id, false],
    ]);
    expect(list.body.meta).toMatchObject({ total: 2 });
    expect((await resolve('process_refund')).body.data.integration_id).toBe(stripeId);
    const moved = await admin.patch(`/api/v1/routing-rules/${low.body.data.id}`, { priority: 90 });
    expect(moved.status).toBe(200);
    expect((await resolve('process_refund')).body.data.integration_id).toBe(paypalId);
    expect((await admin.delete(`/api/v1/routing-rules/${low.body.data.id}`)).body).toEqual({
      success: true,
      message: 'Routing rule deleted',
    });
    expect((await admin.get(`/api/v1/routing-rules/${low.body.data.id}`)).status).toBe(404);
  });

  it('rejects rules that could never route, field by field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ capability: 'teleport', integration_id: stripeId }, 'capability', /Unknown capability teleport/],
      [{ capability: 'send_sms', integration_id: stripeId }, 'integration_id', /Stripe does not support send_sms/],
      [
        { capability: 'initiate_payment', integration_id: stripeId, fallback_integration_id: stripeId },
        'fallback_integration_id',
        /different integration/,
      ],
      [
        { capability: 'initiate_payment', integration_id: '00000000-0000-4000-8000-000000000000' },
        'integration_id',
        /Integration not found/,
      ],
      [{ capability: 'initiate_payment', integration_id: 'nope' }, 'integration_id', /valid integration id/],
      [{ capability: 'initiate_payment', integration_id: stripeId, priority: 1.5 }, 'priority', /whole number/],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.post('/api/v1/routing-rules', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors[field]?.[0]).toMatch(message);
    }
  });

  it('reports a rule whose integration was disconnected, and no longer selects it', async () => {
    const twilioId = await connect('twilio');
    const rule = await admin.post('/api/v1/routing-rules', { capability: 'send_sms', integration_id: twilioId });
    expect((await resolve('send_sms')).body.data.integration_id).toBe(twilioId);
    await admin.delete(`/api/v1/integrations/${twilioId}`);
    const after = await admin.get(`/api/v1/routing-rules/${rule.body.data.id}`);
    expect(after.body.data.integration).toMatchObject({ id: twilioId, status: 'deleted' });
    expect(after.body.data.warnings[0]).toMatch(/disconnected/);
    expect((await resolve('send_sms')).status).toBe(409);
  });

  it('falls back to the platform OpenRouter key when the tenant has no active OpenRouter', async () => {
    const res = await resolve('chat_completion');
    expect(res.body.data).toEqual({
      capability: 'chat_completion',
      integration_id: null,
      provider: 'openrouter',
      via: 'platform_default',
      rule_id: null,
    });
  });

  it('lets managers read rules but not change them', async () => {
    const manager = await app.login(tenant.users.manager.email);
    expect((await manager.get('/api/v1/routing-rules')).status).toBe(200);
    const denied = await manager.post('/api/v1/routing-rules', {
      capability: 'initiate_payment',
      integration_id: stripeId,
    });
    expect(denied.status).toBe(403);
  });
});
