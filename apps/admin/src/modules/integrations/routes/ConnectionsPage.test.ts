import type { InboundSummary, Integration, Me } from '@gatehouse/shared';
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  dataOf,
  jsonResponse,
  makeInboundSummary,
  makeIntegration,
  makeMe,
  makeProvider,
  makeTwilioProvider,
  pageOf,
  STRIPE_INTEGRATION_ID,
} from '@/test/fixtures';
import { mountApp } from '@/test/mount-app';

const providers = [
  makeTwilioProvider(),
  makeProvider(),
  makeProvider({
    name: 'beds24',
    display_name: 'Beds24',
    category: 'booking',
    read_only: true,
    available: false,
    capabilities: ['import_reservations'],
  }),
];

/**
 * A fake API: `lists` are the successive answers of GET /integrations (the last one repeats);
 * `summary` answers the inbound summary behind the "Nothing for 24 h" badges.
 */
function serve(me: Me, lists: Integration[][], summary: InboundSummary[] = []) {
  document.cookie = 'gh_csrf=test-token; path=/';
  let served = 0;
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    if (url.startsWith('/api/v1/auth/me')) return jsonResponse(200, { success: true, data: me });
    if (url === '/api/v1/integrations/providers') return jsonResponse(200, dataOf(providers));
    if (url === '/api/v1/inbound-events/summary') return jsonResponse(200, dataOf(summary));
    if (url.startsWith('/api/v1/integrations?')) {
      const items = lists[Math.min(served, lists.length - 1)]!;
      served++;
      return jsonResponse(200, pageOf(items));
    }
    if (init.method === 'DELETE') {
      lists.push([]);
      served = lists.length - 1;
      return jsonResponse(200, { success: true, message: 'Integration deleted' });
    }
    throw new Error(`unexpected ${init.method} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const text = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)?.textContent?.trim();
const exists = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) !== null;

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => vi.unstubAllGlobals());

describe('Connections hub', () => {
  it('shows a card per provider, grouped by category, with status, mode and error', async () => {
    serve(makeMe('owner'), [
      [
        makeIntegration(),
        makeIntegration({
          id: '55555555-5555-4555-8555-555555555555',
          provider: 'twilio',
          display_name: 'Twilio',
          category: 'communication',
          status: 'error',
          mode: null,
          metadata: { last_error: 'Twilio rejected the auth token' },
        }),
      ],
    ]);
    const { wrapper } = await mountApp('/settings/integrations/connections');
    await flushPromises();

    const headings = [...document.querySelectorAll('.section-title')].map((h) => h.textContent);
    expect(headings).toEqual(['Payments', 'Messaging', 'Booking channels', 'Outbound webhooks', 'Developer tools']);

    expect(text('provider-status-stripe')).toBe('Connected');
    expect(text('provider-mode-stripe')).toBe('Test');
    expect(text('provider-configure-stripe')).toBe('Edit');
    expect(document.querySelector('[data-testid="provider-card-stripe"] img')?.getAttribute('src')).toBe(
      '/api/v1/integrations/providers/stripe/logo.svg',
    );

    expect(text('provider-status-twilio')).toBe('Error');
    expect(text('provider-error-twilio')).toBe('Twilio rejected the auth token');

    expect(text('provider-status-beds24')).toBe('Not connected');
    expect(text('provider-configure-beds24')).toBe('Configure');
    expect(document.querySelector<HTMLButtonElement>('[data-testid="provider-configure-beds24"]')?.disabled).toBe(true);
    expect(text('provider-card-beds24')).toContain('Not available in your country');
    expect(text('provider-card-beds24')).toContain('Legacy · read-only');
    expect(exists('provider-toggle-beds24')).toBe(false);

    expect(exists('webhooks-card')).toBe(true);
    expect(exists('tool-api-keys')).toBe(true);
    expect(exists('tool-webhooks')).toBe(true);
    expect(exists('tool-docs')).toBe(true);
    wrapper.unmount();
  });

  it('warns on a card whose provider sent no webhook for 24 h, linking to its webhook logs', async () => {
    serve(
      makeMe('manager'),
      [[makeIntegration()]],
      [makeInboundSummary({ silent: true }), makeInboundSummary({ provider: 'twilio' })],
    );
    const { wrapper, router } = await mountApp('/settings/integrations/connections');
    await flushPromises();
    expect(text('provider-inbound-silent-stripe')).toBe('Nothing for 24 h');
    expect(exists('provider-inbound-silent-twilio')).toBe(false);
    expect(exists('provider-inbound-silent-beds24')).toBe(false);

    document.querySelector<HTMLElement>('[data-testid="provider-inbound-silent-stripe"]')!.click();
    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe('/settings/integrations/webhook-logs?provider=stripe'),
    );
    await flushPromises();
    wrapper.unmount();
  });

  it('gives managers read-only cards', async () => {
    serve(makeMe('manager'), [[makeIntegration()]]);
    const { wrapper } = await mountApp('/settings/integrations/connections');
    await flushPromises();
    expect(exists('connections-read-only')).toBe(true);
    expect(text('provider-status-stripe')).toBe('Connected');
    expect(exists('provider-configure-stripe')).toBe(false);
    expect(exists('provider-toggle-stripe')).toBe(false);
    expect(exists('provider-disconnect-stripe')).toBe(false);
    expect(exists('provider-details-stripe')).toBe(true);
    expect(exists('api-keys-admin-only')).toBe(true);
    wrapper.unmount();
  });

  it('moves a card from Verifying to Connected without a reload', async () => {
    serve(makeMe('owner'), [
      [makeIntegration({ status: 'pending_verify', verifying: true, mode: null })],
      [makeIntegration({ status: 'active', verifying: false })],
    ]);
    const { wrapper } = await mountApp('/settings/integrations/connections');
    await flushPromises();
    expect(text('provider-status-stripe')).toBe('Verifying');

    await vi.waitFor(() => expect(text('provider-status-stripe')).toBe('Connected'), { timeout: 3000 });
    expect(text('provider-mode-stripe')).toBe('Test');
    wrapper.unmount();
  });

  it('disconnects after a confirmation', async () => {
    const fetchMock = serve(makeMe('owner'), [[makeIntegration()]]);
    const { wrapper } = await mountApp('/settings/integrations/connections');
    await flushPromises();

    document.querySelector<HTMLButtonElement>('[data-testid="provider-disconnect-stripe"]')!.click();
    await flushPromises();
    expect(exists('confirm-reject')).toBe(true);
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-accept"]')!.click();
    await flushPromises();

    expect(fetchMock).toHaveBeenCalledWith(
      `/api/v1/integrations/${STRIPE_INTEGRATION_ID}`,
      expect.objectContaining({ method: 'DELETE' }),
    );
    await vi.waitFor(() => expect(text('provider-status-stripe')).toBe('Not connected'));
    expect(text('provider-configure-stripe')).toBe('Configure');
    expect(exists('provider-details-stripe')).toBe(false);
    wrapper.unmount();
  });
});
