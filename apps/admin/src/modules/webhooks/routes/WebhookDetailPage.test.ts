import type { WebhookAttempt, WebhookEndpoint } from '@gatehouse/shared';
import { DOMWrapper, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  cursorOf,
  dataOf,
  jsonResponse,
  makeAttempt,
  makeMe,
  makeStats,
  makeWebhook,
  pageOf,
  WEBHOOK_ID,
} from '@/test/fixtures';
import { mountApp } from '@/test/mount-app';

const BASE = `/api/v1/webhooks/${WEBHOOK_ID}`;
const NEW_SECRET = 'whsec_bmV3IHNpZ25pbmcgc2VjcmV0d3h5eg==';
const FAILED = makeAttempt({
  id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  message_id: 'msg_9aB8cD7eF6gH5iJ4kL3m',
  status_code: 0,
  success: false,
  error: 'Connection timed out after 15 s',
  duration_ms: 15000,
  response_excerpt: null,
  trigger: 'manual',
  attempt_number: 3,
});
const OLDER = makeAttempt({ id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', status_code: 500, success: false });

interface World {
  webhook: WebhookEndpoint;
  attempts: WebhookAttempt[];
}

/** A fake API around one endpoint; the mock keeps every call for assertions. */
function serve(world: World) {
  document.cookie = 'gh_csrf=test-token; path=/';
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(init.body as string) : undefined;
    if (url.startsWith('/api/v1/auth/me')) return jsonResponse(200, { success: true, data: makeMe('manager') });
    if (url === '/api/v1/webhooks/event-types')
      return jsonResponse(404, { success: false, code: 'not_found', message: 'x' });
    if (url.startsWith('/api/v1/webhooks?')) return jsonResponse(200, pageOf([]));
    if (url === BASE && method === 'GET') return jsonResponse(200, dataOf(world.webhook));
    if (url === BASE && method === 'PATCH') {
      world.webhook = { ...world.webhook, ...body, updated_at: '2026-01-12T11:00:00.000Z' };
      return jsonResponse(200, dataOf(world.webhook));
    }
    if (url === BASE && method === 'DELETE') return jsonResponse(200, { success: true, message: 'Webhook deleted' });
    if (url === `${BASE}/rotate-secret`) {
      world.webhook = {
        ...world.webhook,
        secret_hint: 'wxyz',
        previous_secret_expires_at: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
      };
      return jsonResponse(200, dataOf({ endpoint: world.webhook, secret: NEW_SECRET }));
    }
    if (url === `${BASE}/test`) {
      return jsonResponse(
        200,
        dataOf({
          success: false,
          status_code: 503,
          error: 'Service Unavailable',
          duration_ms: 87,
          message_id: 'msg_t',
        }),
      );
    }
    if (url.startsWith(`${BASE}/stats`)) return jsonResponse(200, dataOf(makeStats()));
    if (url.startsWith(`${BASE}/attempts`)) {
      const query = new URLSearchParams(url.split('?')[1]);
      let attempts = world.attempts;
      if (query.get('outcome') === 'failed') attempts = attempts.filter((a) => !a.success);
      if (query.get('cursor') === 'c2') return jsonResponse(200, cursorOf([OLDER]));
      return jsonResponse(200, cursorOf(attempts, query.get('outcome') ? null : 'c2'));
    }
    if (url.endsWith('/resend')) return jsonResponse(200, dataOf({ queued: true }));
    if (url === `${BASE}/recover`) return jsonResponse(200, dataOf({ queued: 4 }));
    throw new Error(`unexpected ${method} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const find = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const text = (testid: string) => find(testid)?.textContent?.trim() ?? '';
const click = async (testid: string) => {
  const element = find(testid);
  if (!element) throw new Error(`no ${testid}`);
  element.click();
  await flushPromises();
};
const fill = async (testid: string, value: string) => {
  await new DOMWrapper(find(testid)!).setValue(value);
  await flushPromises();
};
const toasts = () => [...document.querySelectorAll('[role="alert"]')].map((t) => t.textContent ?? '').join('\n');
const calls = (fetchMock: ReturnType<typeof serve>, method: string, path: string) =>
  fetchMock.mock.calls.filter(([url, init]) => (init.method ?? 'GET') === method && url.split('?')[0] === path);
const sent = (fetchMock: ReturnType<typeof serve>, method: string, path: string) =>
  calls(fetchMock, method, path).map(([, init]) => (init.body ? JSON.parse(init.body as string) : undefined));

async function open(world: Partial<World> = {}) {
  const fetchMock = serve({ webhook: makeWebhook(), attempts: [makeAttempt(), FAILED], ...world });
  const mounted = await mountApp(`/settings/integrations/webhooks/${WEBHOOK_ID}`);
  await flushPromises();
  return { fetchMock, ...mounted };
}

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => vi.unstubAllGlobals());

describe('Webhook detail page', () => {
  it('shows the endpoint, its secret hint, delivery stats and attempts', async () => {
    const { wrapper } = await open();

    expect((find('webhook-name-input') as HTMLInputElement).value).toBe('Channel manager');
    expect((find('webhook-url-input') as HTMLInputElement).value).toBe('https://hooks.example.com/gatehouse');
    expect((find('webhook-header-name-0') as HTMLInputElement).value).toBe('X-Api-Token');
    expect(text('webhook-secret-hint')).toBe('whsec_••••abcd');
    expect(find('webhook-previous-secret')).toBeNull();
    expect((find('webhook-save') as HTMLButtonElement).disabled).toBe(true);

    expect(find('webhook-stats-chart')?.tagName.toLowerCase()).toBe('svg');
    expect(document.querySelectorAll('[data-testid="webhook-stats-bar"]')).toHaveLength(3);
    expect(text('webhook-stats-succeeded')).toBe('17');
    expect(text('webhook-stats-failed')).toBe('3');
    expect(text('webhook-stats-rate')).toBe('85%');
    expect(text('webhook-stats-pending')).toBe('2');

    expect(find('webhook-attempts-table')).not.toBeNull();
    const ok = find(`webhook-attempt-${makeAttempt().id}`)!;
    expect(ok.textContent).toContain('booking.created');
    expect(ok.textContent).toContain('200');
    expect(ok.textContent).toContain('45 ms');
    expect(ok.textContent).toContain('Scheduled');
    const failed = find(`webhook-attempt-${FAILED.id}`)!;
    expect(failed.textContent).toContain('No response');
    expect(failed.textContent).toContain('15.0 s');
    expect(failed.textContent).toContain('Manual');
    expect(failed.textContent).toContain('msg_9aB8cD7eF6gH5iJ4kL3m');
    wrapper.unmount();
  });

  it('saves only the changed fields, after a confirmation', async () => {
    const { wrapper, fetchMock } = await open();
    await fill('webhook-name-input', 'Channel manager v2');
    await fill('webhook-url-input', 'https://hooks.example.com/v2');
    await click('webhook-save');
    expect(sent(fetchMock, 'PATCH', BASE)).toHaveLength(0);
    expect(document.body.textContent).toContain('Save the changed name and URL of "Channel manager"?');

    await click('confirm-accept');
    expect(sent(fetchMock, 'PATCH', BASE)).toEqual([
      { name: 'Channel manager v2', url: 'https://hooks.example.com/v2' },
    ]);
    await vi.waitFor(() => expect(toasts()).toContain('Changes saved'));
    expect((find('webhook-save') as HTMLButtonElement).disabled).toBe(true);
    wrapper.unmount();
  });

  it('keeps a forbidden header from the API and asks nothing', async () => {
    const { wrapper, fetchMock } = await open();
    await fill('webhook-header-name-0', 'Host');
    expect(text('webhook-header-error-0')).toBe('This header is set by Gatehouse and cannot be overridden');
    await click('webhook-save');
    expect(find('confirm-accept')).toBeNull();
    expect(sent(fetchMock, 'PATCH', BASE)).toHaveLength(0);
    wrapper.unmount();
  });

  it('regenerates the secret after a confirmation, shows it once, then the hint and the grace period', async () => {
    const { wrapper, fetchMock } = await open();
    await click('webhook-rotate');
    expect(document.body.textContent).toContain('keeps signing deliveries for 24 hours');
    await click('confirm-accept');
    expect(sent(fetchMock, 'POST', `${BASE}/rotate-secret`)).toEqual([{ grace_period_hours: 24 }]);

    await vi.waitFor(() => expect(find('webhook-secret')).not.toBeNull());
    expect((find('webhook-secret') as HTMLInputElement).value).toBe(NEW_SECRET);
    await click('webhook-secret-close');
    await vi.waitFor(() => expect(find('webhook-secret')).toBeNull());
    expect(text('webhook-secret-hint')).toBe('whsec_••••wxyz');
    expect(text('webhook-previous-secret')).toMatch(/^Previous secret valid until /);
    expect(document.body.innerHTML).not.toContain(NEW_SECRET);
    wrapper.unmount();
  });

  it('sends a test and shows the answer inline', async () => {
    const { wrapper, fetchMock } = await open();
    await click('webhook-test');
    expect(sent(fetchMock, 'POST', `${BASE}/test`)).toEqual([{}]);
    expect(text('webhook-test-result')).toContain('Failed: HTTP 503 in 87 ms (Service Unavailable)');
    expect(find('webhook-test-result')?.dataset.success).toBe('false');
    wrapper.unmount();
  });

  it('deletes after a confirmation and goes back to the list', async () => {
    const { wrapper, fetchMock, router } = await open();
    await click('webhook-delete');
    expect(document.body.textContent).toContain('This cannot be undone.');
    await click('confirm-accept');
    expect(calls(fetchMock, 'DELETE', BASE)).toHaveLength(1);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('webhooks'));
    wrapper.unmount();
  });

  it('pages, filters and expands attempts, and resends a message', async () => {
    const { wrapper, fetchMock } = await open();
    await click('webhook-attempts-more');
    expect(find(`webhook-attempt-${OLDER.id}`)).not.toBeNull();
    expect(find('webhook-attempts-more')).toBeNull();

    const expander = find(`webhook-attempt-${FAILED.id}`)!.querySelector<HTMLButtonElement>('button')!;
    expander.click();
    await flushPromises();
    expect(text(`webhook-attempt-detail-${FAILED.id}`)).toContain('Connection timed out after 15 s');

    await click(`webhook-resend-${FAILED.id}`);
    expect(calls(fetchMock, 'POST', `${BASE}/messages/${FAILED.message_id}/resend`)).toHaveLength(1);
    await vi.waitFor(() => expect(toasts()).toContain('Message re-queued'));

    const failedOnly = [
      ...find('webhook-attempts-filter')!.querySelectorAll<HTMLElement>('[role="radio"], button'),
    ].find((option) => option.textContent?.trim() === 'Failed')!;
    failedOnly.click();
    await flushPromises();
    expect(fetchMock).toHaveBeenLastCalledWith(`${BASE}/attempts?limit=25&outcome=failed`, expect.anything());
    expect(find(`webhook-attempt-${makeAttempt().id}`)).toBeNull();
    expect(find(`webhook-attempt-${FAILED.id}`)).not.toBeNull();
    wrapper.unmount();
  });

  it('recovers failed messages since the chosen window', async () => {
    const { wrapper, fetchMock } = await open();
    const before = Date.now();
    await click('webhook-recover');
    await click('confirm-accept');
    const [body] = sent(fetchMock, 'POST', `${BASE}/recover`);
    const since = Date.parse(body.since);
    expect(since).toBeGreaterThanOrEqual(before - 24 * 3600 * 1000 - 1000);
    expect(since).toBeLessThanOrEqual(Date.now() - 24 * 3600 * 1000 + 1000);
    await vi.waitFor(() => expect(toasts()).toContain('4 messages re-queued'));
    wrapper.unmount();
  });

  it('asks for stats over another period', async () => {
    const { wrapper, fetchMock } = await open();
    expect(calls(fetchMock, 'GET', `${BASE}/stats`).map(([url]) => url)).toEqual([`${BASE}/stats?days=7`]);
    const month = [...find('webhook-stats-days')!.querySelectorAll<HTMLElement>('[role="radio"], button')].find(
      (option) => option.textContent?.trim() === '30 days',
    )!;
    month.click();
    await flushPromises();
    expect(fetchMock).toHaveBeenLastCalledWith(`${BASE}/stats?days=30`, expect.anything());
    wrapper.unmount();
  });

  it('says when the webhook does not exist', async () => {
    document.cookie = 'gh_csrf=test-token; path=/';
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.startsWith('/api/v1/auth/me')
          ? jsonResponse(200, { success: true, data: makeMe('owner') })
          : jsonResponse(404, { success: false, code: 'not_found', message: 'Webhook not found' }),
      ),
    );
    const { wrapper } = await mountApp(`/settings/integrations/webhooks/${WEBHOOK_ID}`);
    await flushPromises();
    expect(text('webhook-missing')).toContain('This webhook does not exist');
    wrapper.unmount();
  });
});
