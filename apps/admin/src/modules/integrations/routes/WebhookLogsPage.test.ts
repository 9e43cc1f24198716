import type { InboundEvent, InboundSummary, Me } from '@gatehouse/shared';
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  cursorOf,
  dataOf,
  INBOUND_ID,
  jsonResponse,
  makeInboundEvent,
  makeInboundSummary,
  makeMe,
  makeProvider,
  makeTwilioProvider,
  OTHER_INBOUND_ID,
} from '@/test/fixtures';
import { mountApp } from '@/test/mount-app';

const REJECTED = makeInboundEvent({
  id: OTHER_INBOUND_ID,
  provider: 'hospitable',
  status: 'rejected',
  reason: 'Signature does not match',
  provider_event_id: null,
  event_type: null,
  headers: { 'x-hospitable-signature': '[redacted]' },
  body_size: 512,
  payload: null,
  processed_at: null,
  processing_result: null,
  received_at: '2026-01-12T09:00:00.000Z',
});

interface World {
  /** The pages of the log: the first answers a request without a cursor, the next `cursor=page-<n>`. */
  pages: InboundEvent[][];
  summary?: InboundSummary[];
  /** How many list requests fail (HTTP 500) before one succeeds. */
  failures?: number;
  /** What GET /inbound-events/:id answers, by id. */
  fresh?: Record<string, InboundEvent>;
}

function serve(me: Me, world: World) {
  document.cookie = 'gh_csrf=test-token; path=/';
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    if (url.startsWith('/api/v1/auth/me')) return jsonResponse(200, { success: true, data: me });
    if (url === '/api/v1/integrations/providers') {
      return jsonResponse(200, dataOf([makeProvider(), makeTwilioProvider()]));
    }
    if (url === '/api/v1/inbound-events/summary') return jsonResponse(200, dataOf(world.summary ?? []));
    if (url.startsWith('/api/v1/inbound-events?') || url === '/api/v1/inbound-events') {
      if (world.failures) {
        world.failures--;
        return jsonResponse(500, { success: false, code: 'server_error', message: 'Boom' });
      }
      const cursor = new URLSearchParams(url.split('?')[1]).get('cursor');
      const index = cursor ? Number(cursor.replace('page-', '')) : 0;
      const next = index + 1 < world.pages.length ? `page-${index + 1}` : null;
      return jsonResponse(200, cursorOf(world.pages[index] ?? [], next, 50));
    }
    const id = url.match(/^\/api\/v1\/inbound-events\/([0-9a-f-]{36})$/)?.[1];
    if (id) {
      const event = world.fresh?.[id] ?? world.pages.flat().find((e) => e.id === id);
      return event
        ? jsonResponse(200, dataOf(event))
        : jsonResponse(404, { success: false, code: 'not_found', message: 'Not found' });
    }
    throw new Error(`unexpected ${method} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const find = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const text = (testid: string) => find(testid)?.textContent?.trim() ?? '';
const listCalls = (fetchMock: ReturnType<typeof serve>) =>
  fetchMock.mock.calls
    .map(([url]) => url)
    .filter((url) => url.startsWith('/api/v1/inbound-events?') || url === '/api/v1/inbound-events');
const paramsOf = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''));

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

describe('Webhook logs page', () => {
  it('shows a summary card per provider and each inbound request with its status', async () => {
    serve(makeMe('manager'), {
      pages: [[makeInboundEvent(), REJECTED]],
      summary: [
        makeInboundSummary({
          provider: 'hospitable',
          last_received_at: null,
          received_24h: 0,
          rejected_24h: 3,
          silent: true,
        }),
        makeInboundSummary(),
      ],
    });
    const { wrapper } = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();

    expect(document.title).toContain('Webhook logs');
    expect(text('inbound-summary-stripe')).toContain('Stripe');
    expect(text('inbound-summary-stripe')).toContain('12 received');
    expect(text('inbound-summary-stripe')).toContain('1 rejected');
    expect(find('inbound-silent-stripe')).toBeNull();
    expect(text('inbound-summary-hospitable')).toContain('Last received never');
    expect(text('inbound-silent-hospitable')).toBe('Nothing for 24 h');

    expect(find('inbound-table')).not.toBeNull();
    const verified = find(`inbound-row-${INBOUND_ID}`)!;
    expect(verified.querySelector('img')?.getAttribute('src')).toBe('/api/v1/integrations/providers/stripe/logo.svg');
    expect(verified.querySelector('[data-testid="inbound-status"]')?.textContent).toContain('Verified');
    expect(verified.textContent).toContain('evt_1QxYz2AbCdEf');
    expect(verified.textContent).toContain('payment_intent.succeeded');
    expect(verified.textContent).toContain('1.5 KB');
    expect(verified.textContent).toContain('Emitted payment.succeeded');

    const rejected = find(`inbound-row-${OTHER_INBOUND_ID}`)!;
    expect(rejected.textContent).toContain('Hospitable');
    expect(rejected.querySelector<HTMLElement>('[data-testid="inbound-status"]')?.dataset.status).toBe('rejected');
    expect(rejected.textContent).toContain('Rejected');
    expect(rejected.textContent).toContain('Signature does not match');
    expect(rejected.textContent).toContain('Not processed');
    expect(find('inbound-more')).toBeNull();
    wrapper.unmount();
  });

  it('filters by provider, status and time range', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-12T12:00:00.000Z'), toFake: ['Date'] });
    const fetchMock = serve(makeMe('owner'), {
      pages: [[makeInboundEvent()]],
      summary: [makeInboundSummary({ provider: 'hospitable' })],
    });
    const { wrapper } = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();
    expect(paramsOf(listCalls(fetchMock).at(-1)!)).toEqual({ limit: '50' });

    // Providers that send webhooks (Stripe; not Twilio in this catalog) and those the summary knows.
    find('inbound-filter-provider')!.click();
    await flushPromises();
    const options = [...document.querySelectorAll('[role="option"]')].map((o) => o.textContent?.trim());
    expect(options).toEqual(['Hospitable', 'Stripe']);
    document
      .querySelector<HTMLElement>('[role="option"]')!
      .dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await flushPromises();
    expect(paramsOf(listCalls(fetchMock).at(-1)!)).toEqual({ limit: '50', provider: 'hospitable' });

    await choose('inbound-filter-status', 'Rejected');
    expect(paramsOf(listCalls(fetchMock).at(-1)!)).toEqual({ limit: '50', provider: 'hospitable', status: 'rejected' });

    await choose('inbound-filter-range', 'Last 24 hours');
    expect(paramsOf(listCalls(fetchMock).at(-1)!)).toEqual({
      limit: '50',
      provider: 'hospitable',
      status: 'rejected',
      since: '2026-01-11T12:00:00.000Z',
    });

    expect(find('inbound-filter-since')).toBeNull();
    await choose('inbound-filter-range', 'Custom range');
    expect(find('inbound-filter-since')).not.toBeNull();
    expect(find('inbound-filter-until')).not.toBeNull();
    expect(paramsOf(listCalls(fetchMock).at(-1)!)).toEqual({ limit: '50', provider: 'hospitable', status: 'rejected' });

    find('inbound-filter-clear')!.click();
    await flushPromises();
    expect(paramsOf(listCalls(fetchMock).at(-1)!)).toEqual({ limit: '50' });
    wrapper.unmount();
  });

  it('narrows to a provider from a summary card, or from the link of a badge elsewhere', async () => {
    const fetchMock = serve(makeMe('owner'), { pages: [[]], summary: [makeInboundSummary()] });
    const first = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();
    find('inbound-summary-stripe')!.click();
    await flushPromises();
    expect(paramsOf(listCalls(fetchMock).at(-1)!)).toEqual({ limit: '50', provider: 'stripe' });
    expect(find('inbound-summary-stripe')!.getAttribute('aria-pressed')).toBe('true');
    expect(text('inbound-empty-filtered')).toContain('No inbound webhooks match your filters');
    first.wrapper.unmount();

    document.body.innerHTML = '';
    const linked = serve(makeMe('owner'), { pages: [[]] });
    const second = await mountApp('/settings/integrations/webhook-logs?provider=hospitable');
    await flushPromises();
    expect(paramsOf(listCalls(linked)[0]!)).toEqual({ limit: '50', provider: 'hospitable' });
    second.wrapper.unmount();
  });

  it('loads older requests with the cursor', async () => {
    const fetchMock = serve(makeMe('owner'), { pages: [[makeInboundEvent()], [REJECTED]] });
    const { wrapper } = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();
    expect(find(`inbound-row-${OTHER_INBOUND_ID}`)).toBeNull();

    find('inbound-more')!.click();
    await flushPromises();
    expect(paramsOf(listCalls(fetchMock).at(-1)!)).toEqual({ limit: '50', cursor: 'page-1' });
    expect(find(`inbound-row-${INBOUND_ID}`)).not.toBeNull();
    expect(find(`inbound-row-${OTHER_INBOUND_ID}`)).not.toBeNull();
    expect(find('inbound-more')).toBeNull();
    wrapper.unmount();
  });

  it('opens the full entry on row click, with headers, the payload to copy and the latest result', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const pending = makeInboundEvent({ processed_at: null, processing_result: null });
    const fetchMock = serve(makeMe('owner'), {
      pages: [[pending, REJECTED]],
      fresh: { [INBOUND_ID]: makeInboundEvent() },
    });
    const { wrapper } = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();
    expect(find(`inbound-row-${INBOUND_ID}`)!.textContent).toContain('Waiting to be processed');

    find(`inbound-row-${INBOUND_ID}`)!.querySelector('td')!.click();
    await flushPromises();
    expect(fetchMock.mock.calls.some(([url]) => url === `/api/v1/inbound-events/${INBOUND_ID}`)).toBe(true);
    const detail = find('inbound-detail')!;
    expect(detail).not.toBeNull();
    expect(text('inbound-detail-status')).toBe('Verified');
    expect(text('inbound-detail-result')).toBe('Emitted payment.succeeded');
    expect(find(`inbound-row-${INBOUND_ID}`)!.textContent).toContain('Emitted payment.succeeded');
    const headers = [...find('inbound-headers')!.querySelectorAll('tr')].map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()),
    );
    expect(headers).toEqual([
      ['content-type', 'application/json'],
      ['stripe-signature', '[redacted]'],
    ]);
    const payload = find('inbound-payload')!;
    expect(payload.tagName).toBe('PRE');
    expect(payload.textContent).toContain('"type": "payment_intent.succeeded"');

    find('inbound-payload-copy')!.click();
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(payload.textContent);
    wrapper.unmount();
  });

  it('explains a rejected entry without a body', async () => {
    serve(makeMe('owner'), { pages: [[REJECTED]] });
    const { wrapper } = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();
    find(`inbound-row-${OTHER_INBOUND_ID}`)!.querySelector('td')!.click();
    await flushPromises();
    expect(text('inbound-detail-reason')).toBe('Signature does not match');
    expect(find('inbound-payload')).toBeNull();
    expect(text('inbound-payload-none')).toContain('Only verified requests keep their body');
    expect(text('inbound-detail-result')).toBe('Not processed');
    wrapper.unmount();
  });

  it('invites to paste the inbound URL when nothing came yet', async () => {
    serve(makeMe('manager'), { pages: [[]] });
    const { wrapper } = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();
    expect(text('inbound-empty')).toContain('No inbound webhooks yet');
    expect(text('inbound-empty')).toContain('Paste your inbound URL from Connections');
    expect(find('inbound-more')).toBeNull();
    wrapper.unmount();
  });

  it('offers a retry when the log cannot be loaded', async () => {
    const fetchMock = serve(makeMe('owner'), { pages: [[makeInboundEvent()]], failures: 1 });
    const { wrapper } = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();
    expect(text('load-error')).toContain('Could not load the webhook logs');
    expect(find('inbound-table')).toBeNull();

    find('load-error-retry')!.click();
    await flushPromises();
    expect(listCalls(fetchMock)).toHaveLength(2);
    expect(find('load-error')).toBeNull();
    expect(find(`inbound-row-${INBOUND_ID}`)).not.toBeNull();
    wrapper.unmount();
  });
});
