import type { Me, TestResult, WebhookEndpoint } from '@gatehouse/shared';
import { DOMWrapper, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { dataOf, jsonResponse, makeMe, makeWebhook, OTHER_WEBHOOK_ID, pageOf, WEBHOOK_ID } from '@/test/fixtures';
import { mountApp } from '@/test/mount-app';

interface World {
  webhooks: WebhookEndpoint[];
  test?: TestResult;
  /** The error envelope a create answers with, as 422. */
  createError?: Record<string, unknown>;
}

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A fake API holding `world`; the mock keeps every call for assertions. */
function serve(me: Me, world: World) {
  document.cookie = 'gh_csrf=test-token; path=/';
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    if (url.startsWith('/api/v1/auth/me')) return jsonResponse(200, { success: true, data: me });
    if (url === '/api/v1/webhooks/event-types') {
      return jsonResponse(
        200,
        dataOf([
          { type: 'booking.created', group: 'Bookings', description: 'A new reservation.', example: {} },
          { type: 'booking.cancelled', group: 'Bookings', description: 'A reservation was cancelled.', example: {} },
          { type: 'payment.failed', group: 'Payments', description: 'A payment failed.', example: {} },
        ]),
      );
    }
    if (url.startsWith('/api/v1/webhooks?')) {
      const search = new URLSearchParams(url.split('?')[1]).get('search');
      return jsonResponse(200, pageOf(world.webhooks.filter((w) => !search || w.name.includes(search))));
    }
    if (url === '/api/v1/webhooks' && method === 'POST') {
      if (world.createError) return jsonResponse(422, world.createError);
      const body = JSON.parse(init.body as string);
      const endpoint = makeWebhook({ ...body, id: OTHER_WEBHOOK_ID, description: body.description ?? null });
      world.webhooks = [...world.webhooks, endpoint];
      return jsonResponse(201, dataOf({ endpoint, secret: SECRET }));
    }
    if (url === '/api/v1/webhooks/bulk-delete' && method === 'POST') {
      const { ids } = JSON.parse(init.body as string) as { ids: string[] };
      world.webhooks = world.webhooks.filter((w) => !ids.includes(w.id));
      return jsonResponse(200, dataOf({ deleted: ids }));
    }
    if (url.endsWith('/test') && method === 'POST') {
      return jsonResponse(
        200,
        dataOf(world.test ?? { success: true, status_code: 200, error: null, duration_ms: 45, message_id: 'msg_test' }),
      );
    }
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
  fetchMock.mock.calls.filter(([url, init]) => (init.method ?? 'GET') === method && url === path);

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => vi.unstubAllGlobals());

describe('Webhooks list', () => {
  it('shows each endpoint with its events, status, failures and last delivery', async () => {
    serve(makeMe('manager'), {
      webhooks: [
        makeWebhook(),
        makeWebhook({
          id: OTHER_WEBHOOK_ID,
          name: 'Accounting',
          event_types: [],
          status: 'disabled',
          disabled_reason: 'Failing for 5 days',
          failing_since: '2026-01-05T00:00:00.000Z',
          last_delivery_at: null,
        }),
      ],
    });
    const { wrapper } = await mountApp('/settings/integrations/webhooks');
    await flushPromises();

    expect(find('webhooks-table')).not.toBeNull();
    const first = find(`webhook-row-${WEBHOOK_ID}`)!;
    expect(first.textContent).toContain('Channel manager');
    expect(first.textContent).toContain('https://hooks.example.com/gatehouse');
    expect(first.textContent).toContain('booking.created');
    expect(first.querySelector('[data-testid="webhook-status"]')?.textContent).toContain('Enabled');
    expect(first.querySelector('input[type="checkbox"]')).not.toBeNull();

    const second = find(`webhook-row-${OTHER_WEBHOOK_ID}`)!;
    expect(second.querySelector('[data-testid="webhook-events"]')?.textContent?.trim()).toBe('All events');
    const status = second.querySelector<HTMLElement>('[data-testid="webhook-status"]')!;
    expect(status.textContent).toContain('Disabled');
    expect(status.getAttribute('aria-label')).toBe('Disabled: Failing for 5 days');
    expect(second.querySelector('[data-testid="webhook-failing"]')?.textContent).toMatch(/Failing for \d+ days/);
    expect(second.textContent).toContain('Never');
    wrapper.unmount();
  });

  it('explains an empty workspace and offers to create the first webhook', async () => {
    serve(makeMe('owner'), { webhooks: [] });
    const { wrapper } = await mountApp('/settings/integrations/webhooks');
    await flushPromises();
    expect(text('webhooks-empty')).toContain('No webhooks yet');
    expect(find('webhooks-create')).not.toBeNull();
    wrapper.unmount();
  });

  it('sends a test from a row and toasts the status and time, or the error', async () => {
    const world: World = { webhooks: [makeWebhook()] };
    const fetchMock = serve(makeMe('owner'), world);
    const { wrapper } = await mountApp('/settings/integrations/webhooks');
    await flushPromises();

    await click(`webhook-send-${WEBHOOK_ID}`);
    expect(calls(fetchMock, 'POST', `/api/v1/webhooks/${WEBHOOK_ID}/test`)).toHaveLength(1);
    await vi.waitFor(() => expect(toasts()).toContain('Delivered: HTTP 200 in 45 ms'));

    world.test = { success: false, status_code: 0, error: 'Connection refused', duration_ms: 3, message_id: 'm' };
    await click(`webhook-send-${WEBHOOK_ID}`);
    await vi.waitFor(() => expect(toasts()).toContain('No response after 3 ms: Connection refused'));
    wrapper.unmount();
  });

  it('creates a webhook, refusing a forbidden header first, and shows the secret once', async () => {
    const fetchMock = serve(makeMe('owner'), { webhooks: [] });
    const { wrapper } = await mountApp('/settings/integrations/webhooks');
    await flushPromises();

    await click('webhooks-create');
    expect(find('webhook-create-dialog')).not.toBeNull();
    await fill('webhook-name-input', 'Channel manager');
    await fill('webhook-url-input', 'https://hooks.example.com/in');
    await fill('webhook-description-input', 'Pushes bookings');
    expect(find('webhook-events-select')).not.toBeNull();

    await click('webhook-header-add');
    await fill('webhook-header-name-0', 'Content-Type');
    await fill('webhook-header-value-0', 'text/plain');
    expect(text('webhook-header-error-0')).toBe('This header is set by Gatehouse and cannot be overridden');
    await click('webhook-create-submit');
    expect(calls(fetchMock, 'POST', '/api/v1/webhooks')).toHaveLength(0);

    await fill('webhook-header-name-0', 'X-Api-Token');
    await fill('webhook-header-value-0', 'tok_1');
    expect(find('webhook-header-error-0')).toBeNull();
    await click('webhook-create-submit');

    const posts = calls(fetchMock, 'POST', '/api/v1/webhooks');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]![1].body as string)).toEqual({
      name: 'Channel manager',
      url: 'https://hooks.example.com/in',
      description: 'Pushes bookings',
      event_types: [],
      headers: { 'X-Api-Token': 'tok_1' },
      status: 'enabled',
    });
    await vi.waitFor(() => expect(find('webhook-secret')).not.toBeNull());
    expect((find('webhook-secret') as HTMLInputElement).value).toBe(SECRET);
    expect(find('webhook-secret-copy')).not.toBeNull();
    expect(find(`webhook-row-${OTHER_WEBHOOK_ID}`)).not.toBeNull();

    await click('webhook-secret-close');
    await vi.waitFor(() => expect(find('webhook-secret')).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
    wrapper.unmount();
  });

  it('shows the API field errors of a refused create', async () => {
    serve(makeMe('owner'), {
      webhooks: [],
      createError: {
        success: false,
        code: 'validation_failed',
        message: 'The given data was invalid.',
        errors: { url: ['Must be an http(s) URL'] },
      },
    });
    const { wrapper } = await mountApp('/settings/integrations/webhooks');
    await flushPromises();

    await click('webhooks-create');
    await fill('webhook-name-input', 'Bad');
    await fill('webhook-url-input', 'ftp://nope');
    await click('webhook-create-submit');
    await vi.waitFor(() => expect(find('webhook-create-dialog')?.textContent).toContain('Must be an http(s) URL'));
    expect(find('webhook-secret')).toBeNull();
    wrapper.unmount();
  });

  it('deletes the selected webhooks after a confirmation', async () => {
    const fetchMock = serve(makeMe('owner'), {
      webhooks: [makeWebhook(), makeWebhook({ id: OTHER_WEBHOOK_ID, name: 'Accounting' })],
    });
    const { wrapper } = await mountApp('/settings/integrations/webhooks');
    await flushPromises();
    expect(find('webhooks-bulk-delete')).toBeNull();

    find(`webhook-row-${OTHER_WEBHOOK_ID}`)!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await flushPromises();
    expect(text('webhooks-bulk-delete')).toContain('Delete selected (1)');
    await click('webhooks-bulk-delete');
    expect(calls(fetchMock, 'POST', '/api/v1/webhooks/bulk-delete')).toHaveLength(0);
    await click('confirm-accept');

    const posts = calls(fetchMock, 'POST', '/api/v1/webhooks/bulk-delete');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]![1].body as string)).toEqual({ ids: [OTHER_WEBHOOK_ID] });
    await vi.waitFor(() => expect(find(`webhook-row-${OTHER_WEBHOOK_ID}`)).toBeNull());
    expect(find(`webhook-row-${WEBHOOK_ID}`)).not.toBeNull();
    expect(find('webhooks-bulk-delete')).toBeNull();
    wrapper.unmount();
  });

  it('searches by name', async () => {
    const fetchMock = serve(makeMe('owner'), {
      webhooks: [makeWebhook(), makeWebhook({ id: OTHER_WEBHOOK_ID, name: 'Accounting' })],
    });
    const { wrapper } = await mountApp('/settings/integrations/webhooks');
    await flushPromises();
    await fill('webhooks-search', 'Account');
    await vi.waitFor(() =>
      expect(fetchMock).toHaveBeenLastCalledWith(
        '/api/v1/webhooks?page=1&per_page=25&search=Account',
        expect.anything(),
      ),
    );
    await vi.waitFor(() => expect(find(`webhook-row-${WEBHOOK_ID}`)).toBeNull());
    expect(find(`webhook-row-${OTHER_WEBHOOK_ID}`)).not.toBeNull();
    wrapper.unmount();
  });

  it('closes Webhooks to staff', async () => {
    serve(makeMe('staff'), { webhooks: [] });
    const { wrapper } = await mountApp(`/settings/integrations/webhooks/${WEBHOOK_ID}`);
    await flushPromises();
    expect(find('forbidden-notice')).not.toBeNull();
    expect(find('webhook-save')).toBeNull();
    wrapper.unmount();
  });
});
