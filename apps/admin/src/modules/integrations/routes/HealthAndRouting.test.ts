import type { InboundSummary, Integration, Me, RoutingRule } from '@gatehouse/shared';
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  dataOf,
  jsonResponse,
  makeInboundSummary,
  makeIntegration,
  makeMe,
  makeProvider,
  makeRoutingRule,
  makeTwilioProvider,
  pageOf,
  STRIPE_INTEGRATION_ID,
} from '@/test/fixtures';
import { mountApp } from '@/test/mount-app';

interface World {
  integrations: Integration[];
  rules?: RoutingRule[];
  inbound?: InboundSummary[];
}

function serve(me: Me, world: World) {
  document.cookie = 'gh_csrf=test-token; path=/';
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    if (url.startsWith('/api/v1/auth/me')) return jsonResponse(200, { success: true, data: me });
    if (url === '/api/v1/integrations/providers') {
      return jsonResponse(200, dataOf([makeProvider(), makeTwilioProvider()]));
    }
    if (url.startsWith('/api/v1/integrations?')) return jsonResponse(200, pageOf(world.integrations));
    if (url === '/api/v1/inbound-events/summary') return jsonResponse(200, dataOf(world.inbound ?? []));
    if (url.endsWith('/verify') && init.method === 'POST') {
      const id = url.split('/')[4]!;
      world.integrations = world.integrations.map((i) =>
        i.id === id ? { ...i, status: 'active', verifying: false, metadata: { last_checked_at: i.updated_at } } : i,
      );
      return jsonResponse(200, {
        success: true,
        data: { id, status: 'pending_verify', verifying: true, updated_at: '2026-02-01T00:00:00.000Z' },
      });
    }
    if (url.startsWith('/api/v1/routing-rules/resolve')) {
      return url.includes('capability=initiate_payment')
        ? jsonResponse(
            200,
            dataOf({
              capability: 'initiate_payment',
              integration_id: STRIPE_INTEGRATION_ID,
              provider: 'stripe',
              via: 'only_active',
              rule_id: null,
            }),
          )
        : jsonResponse(409, {
            success: false,
            code: 'no_active_provider',
            message: 'No active integration provides send_sms.',
          });
    }
    if (url.startsWith('/api/v1/routing-rules?')) return jsonResponse(200, pageOf(world.rules ?? []));
    if (url === '/api/v1/routing-rules' && init.method === 'POST') {
      const rule = makeRoutingRule(JSON.parse(init.body as string));
      world.rules = [...(world.rules ?? []), rule];
      return jsonResponse(201, dataOf(rule));
    }
    throw new Error(`unexpected ${init.method} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const find = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const text = (testid: string) => find(testid)?.textContent?.trim();

async function choose(selectTestid: string, optionText: string): Promise<void> {
  find(selectTestid)!.click();
  await flushPromises();
  const option = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) =>
    o.textContent?.includes(optionText),
  );
  if (!option) throw new Error(`no option ${optionText}`);
  // PrimeVue's Select picks on mousedown (a real click sends it first).
  option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  await flushPromises();
}

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('Integration health page', () => {
  it('lists every integration with its health hints, and verifies them all', async () => {
    const fetchMock = serve(makeMe('owner'), {
      integrations: [
        makeIntegration({ metadata: { last_checked_at: '2026-01-10T08:45:00.000Z' } }),
        makeIntegration({
          id: '55555555-5555-4555-8555-555555555555',
          provider: 'twilio',
          display_name: 'Twilio',
          category: 'communication',
          status: 'error',
          metadata: { last_error: 'Authentication failed' },
        }),
      ],
    });
    const { wrapper } = await mountApp('/settings/integrations/health');
    await flushPromises();

    expect(find('health-table')).not.toBeNull();
    expect(find('health-row-stripe')?.textContent).toContain('Connected');
    expect(find('health-row-twilio')?.textContent).toContain('Authentication failed');
    expect(text('health-hints-stripe')).toContain('The card shows Connected');
    expect(text('health-hints-twilio')).toContain('Send a test message.');

    find('health-verify-all')!.click();
    await flushPromises();
    const verified = fetchMock.mock.calls.filter(([url]) => url.endsWith('/verify')).map(([url]) => url);
    expect(verified).toHaveLength(2);
    wrapper.unmount();
  });

  it('shows when each provider last sent a webhook, and warns when one went quiet for 24 h', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-12T13:00:00.000Z'), toFake: ['Date'] });
    serve(makeMe('manager'), {
      integrations: [
        makeIntegration(),
        makeIntegration({
          id: '55555555-5555-4555-8555-555555555555',
          provider: 'twilio',
          display_name: 'Twilio',
          category: 'communication',
        }),
      ],
      inbound: [
        makeInboundSummary({ last_received_at: '2026-01-12T10:00:00.000Z' }),
        makeInboundSummary({ provider: 'twilio', last_received_at: null, silent: true }),
      ],
    });
    const { wrapper, router } = await mountApp('/settings/integrations/health');
    await flushPromises();

    expect([...find('health-table')!.querySelectorAll('th')].map((th) => th.textContent?.trim())).toContain(
      'Last inbound',
    );
    expect(text('health-inbound-stripe')).toBe('3 hours ago');
    expect(find('health-inbound-silent-stripe')).toBeNull();
    expect(text('health-inbound-twilio')).toBe('—');
    expect(text('health-inbound-silent-twilio')).toBe('Nothing for 24 h');

    find('health-inbound-stripe')!.click();
    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe('/settings/integrations/webhook-logs?provider=stripe'),
    );
    await flushPromises();
    wrapper.unmount();
  });

  it('shows no inbound time where the summary knows none', async () => {
    serve(makeMe('owner'), { integrations: [makeIntegration()] });
    const { wrapper } = await mountApp('/settings/integrations/health');
    await flushPromises();
    expect(text('health-inbound-stripe')).toBe('—');
    expect(find('health-inbound-silent-stripe')).toBeNull();
    wrapper.unmount();
  });

  it('explains an empty workspace, and hides Verify all from managers', async () => {
    serve(makeMe('manager'), { integrations: [] });
    const { wrapper } = await mountApp('/settings/integrations/health');
    await flushPromises();
    expect(find('health-empty')).not.toBeNull();
    expect(find('health-verify-all')).toBeNull();
    wrapper.unmount();
  });
});

describe('Routing rules page', () => {
  it('invites to create the first rule', async () => {
    serve(makeMe('owner'), { integrations: [makeIntegration()] });
    const { wrapper } = await mountApp('/settings/integrations/routing');
    await flushPromises();
    expect(find('routing-table')).not.toBeNull();
    expect(text('routing-empty')).toContain('Create a rule to choose which provider handles a capability');
    expect(find('routing-create')).not.toBeNull();
    wrapper.unmount();
  });

  it('shows each rule with its target status and warnings; managers only read', async () => {
    serve(makeMe('manager'), {
      integrations: [makeIntegration()],
      rules: [
        makeRoutingRule({
          integration: { id: STRIPE_INTEGRATION_ID, provider: 'stripe', display_name: 'Stripe', status: 'inactive' },
          warnings: ['The integration is not active'],
        }),
      ],
    });
    const { wrapper } = await mountApp('/settings/integrations/routing');
    await flushPromises();
    const row = find('routing-row')!;
    expect(row.textContent).toContain('Initiate payment');
    expect(text('routing-integration-status')).toBe('Disabled');
    expect(text('routing-warning')).toBe('The integration is not active');
    expect(find('routing-create')).toBeNull();
    expect(find('routing-edit')).toBeNull();
    wrapper.unmount();
  });

  it('tests which integration a capability resolves to, or why none does', async () => {
    serve(makeMe('owner'), { integrations: [makeIntegration()] });
    const { wrapper } = await mountApp('/settings/integrations/routing');
    await flushPromises();

    await choose('routing-resolve-capability', 'initiate_payment');
    await vi.waitFor(() => expect(find('routing-resolve-result')).not.toBeNull());
    expect(text('routing-resolve-result')).toContain('Stripe');
    expect(find('routing-resolve-result')?.dataset.via).toBe('only_active');

    await choose('routing-resolve-capability', 'send_sms');
    await vi.waitFor(() =>
      expect(text('routing-resolve-result')).toContain('No active integration provides send_sms.'),
    );
    expect(find('routing-resolve-result')?.dataset.code).toBe('no_active_provider');
    wrapper.unmount();
  });

  it('creates a rule, offering only integrations whose provider has the capability', async () => {
    const twilio = makeIntegration({
      id: '55555555-5555-4555-8555-555555555555',
      provider: 'twilio',
      display_name: 'Twilio',
      category: 'communication',
      enabled_capabilities: ['send_sms', 'send_whatsapp'],
    });
    const fetchMock = serve(makeMe('admin'), { integrations: [makeIntegration(), twilio] });
    const { wrapper } = await mountApp('/settings/integrations/routing');
    await flushPromises();

    find('routing-create')!.click();
    await flushPromises();
    await choose('routing-capability', 'initiate_payment');

    find('routing-integration')!.click();
    await flushPromises();
    const options = [...document.querySelectorAll('[role="option"]')].map((o) => o.textContent?.trim());
    expect(options).toHaveLength(1);
    expect(options[0]).toContain('Stripe');
    document.querySelector('[role="option"]')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await flushPromises();

    find('routing-dialog')!
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    await flushPromises();
    const post = fetchMock.mock.calls.find(([, init]) => init.method === 'POST')!;
    expect(JSON.parse(post[1].body as string)).toEqual({
      capability: 'initiate_payment',
      integration_id: STRIPE_INTEGRATION_ID,
      fallback_integration_id: null,
      priority: 100,
      is_default: false,
    });
    await vi.waitFor(() => expect(find('routing-row')).not.toBeNull());
    wrapper.unmount();
  });
});
