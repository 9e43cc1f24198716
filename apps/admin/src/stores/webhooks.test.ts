import { EVENT_TYPES } from '@gatehouse/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  cursorOf,
  dataOf,
  jsonResponse,
  makeAttempt,
  makeStats,
  makeWebhook,
  OTHER_WEBHOOK_ID,
  pageOf,
  WEBHOOK_ID,
} from '@/test/fixtures';

import { useWebhooksStore } from './webhooks';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** `fetch` answering with `answer(url, init)`; the mock keeps every call for assertions. */
function stubFetch(answer: (url: string, init: RequestInit) => Response) {
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => answer(url, init));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const bodyOf = (init: RequestInit) => JSON.parse(init.body as string);

describe('webhooks store', () => {
  it('sends filters as query parameters, leaving empty ones out', async () => {
    const fetchMock = stubFetch(() => jsonResponse(200, pageOf([makeWebhook()])));
    const store = useWebhooksStore();
    store.filters = { search: '  channel ', status: 'disabled', eventType: 'booking.created' };
    await store.load();
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/v1/webhooks?page=1&per_page=25&status=disabled&event_type=booking.created&search=channel',
      expect.anything(),
    );
    expect(store.items).toHaveLength(1);

    store.filters = { search: '', status: null, eventType: null };
    await store.load();
    expect(fetchMock).toHaveBeenLastCalledWith('/api/v1/webhooks?page=1&per_page=25', expect.anything());
  });

  it('drops a list answer that arrives after dehydrate (tenant switch)', async () => {
    let answer!: (response: Response) => void;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))),
    );
    const store = useWebhooksStore();
    const loading = store.load();
    store.dehydrate();
    answer(jsonResponse(200, pageOf([makeWebhook()])));
    await loading;
    expect(store.items).toEqual([]);
    expect(store.loaded).toBe(false);
  });

  it('creates with the secret in the answer, and reloads the list', async () => {
    const fetchMock = stubFetch((_url, init) =>
      init.method === 'POST'
        ? jsonResponse(201, dataOf({ endpoint: makeWebhook(), secret: 'whsec_c2VjcmV0YWJjZA==' }))
        : jsonResponse(200, pageOf([makeWebhook()])),
    );
    const store = useWebhooksStore();
    const body = { name: 'Channel manager', url: 'https://hooks.example.com/gatehouse', event_types: [] };
    const created = await store.create(body);
    expect(created.secret).toBe('whsec_c2VjcmV0YWJjZA==');
    const post = fetchMock.mock.calls.find(([, init]) => init.method === 'POST')!;
    expect(post[0]).toBe('/api/v1/webhooks');
    expect(bodyOf(post[1])).toEqual(body);
    expect(store.items).toHaveLength(1);
  });

  it('patches only what it is given and replaces the row', async () => {
    const fetchMock = stubFetch((_url, init) =>
      init.method === 'PATCH'
        ? jsonResponse(200, dataOf(makeWebhook({ name: 'Renamed' })))
        : jsonResponse(200, pageOf([makeWebhook()])),
    );
    const store = useWebhooksStore();
    await store.load();
    await store.update(WEBHOOK_ID, { name: 'Renamed' });
    const patch = fetchMock.mock.calls.find(([, init]) => init.method === 'PATCH')!;
    expect(patch[0]).toBe(`/api/v1/webhooks/${WEBHOOK_ID}`);
    expect(bodyOf(patch[1])).toEqual({ name: 'Renamed' });
    expect(store.items[0]!.name).toBe('Renamed');
  });

  it('bulk deletes, then steps back a page when the shown page emptied', async () => {
    let listed = 0;
    const fetchMock = stubFetch((url, init) => {
      if (init.method === 'POST') return jsonResponse(200, dataOf({ deleted: [WEBHOOK_ID, OTHER_WEBHOOK_ID] }));
      listed++;
      // The first reload is of page 2, which is empty now; page 1 still has a row.
      if (url.includes('?page=2&')) {
        return jsonResponse(200, {
          ...pageOf([]),
          meta: { current_page: 2, per_page: 25, total: 25, last_page: 1 },
        });
      }
      return jsonResponse(200, pageOf([makeWebhook({ id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc' })]));
    });
    const store = useWebhooksStore();
    store.page = 2;
    const deleted = await store.bulkRemove([WEBHOOK_ID, OTHER_WEBHOOK_ID]);
    expect(deleted).toEqual([WEBHOOK_ID, OTHER_WEBHOOK_ID]);
    const post = fetchMock.mock.calls.find(([, init]) => init.method === 'POST')!;
    expect(post[0]).toBe('/api/v1/webhooks/bulk-delete');
    expect(bodyOf(post[1])).toEqual({ ids: [WEBHOOK_ID, OTHER_WEBHOOK_ID] });
    expect(listed).toBe(2);
    expect(store.page).toBe(1);
    expect(store.items).toHaveLength(1);
  });

  it('rotates with the 24 h grace period and keeps the new hint in the list', async () => {
    const fetchMock = stubFetch((_url, init) =>
      init.method === 'POST'
        ? jsonResponse(
            200,
            dataOf({
              endpoint: makeWebhook({ secret_hint: 'wxyz', previous_secret_expires_at: '2026-01-13T10:00:00.000Z' }),
              secret: 'whsec_bmV3c2VjcmV0d3h5eg==',
            }),
          )
        : jsonResponse(200, pageOf([makeWebhook()])),
    );
    const store = useWebhooksStore();
    await store.load();
    const rotated = await store.rotateSecret(WEBHOOK_ID);
    const post = fetchMock.mock.calls.find(([, init]) => init.method === 'POST')!;
    expect(post[0]).toBe(`/api/v1/webhooks/${WEBHOOK_ID}/rotate-secret`);
    expect(bodyOf(post[1])).toEqual({ grace_period_hours: 24 });
    expect(rotated.secret).toBe('whsec_bmV3c2VjcmV0d3h5eg==');
    expect(store.items[0]!.secret_hint).toBe('wxyz');
  });

  it('sends a test, with an event type only when one is chosen', async () => {
    const result = {
      success: false,
      status_code: 0,
      error: 'Connection refused',
      duration_ms: 12,
      message_id: 'msg_x',
    };
    const fetchMock = stubFetch(() => jsonResponse(200, dataOf(result)));
    const store = useWebhooksStore();
    expect(await store.sendTest(WEBHOOK_ID)).toEqual(result);
    expect(fetchMock.mock.calls[0]![0]).toBe(`/api/v1/webhooks/${WEBHOOK_ID}/test`);
    expect(bodyOf(fetchMock.mock.calls[0]![1])).toEqual({});
    await store.sendTest(WEBHOOK_ID, 'booking.created');
    expect(bodyOf(fetchMock.mock.calls[1]![1])).toEqual({ event_type: 'booking.created' });
  });

  it('reads attempts by cursor and outcome', async () => {
    const fetchMock = stubFetch(() => jsonResponse(200, cursorOf([makeAttempt()], 'next-1')));
    const store = useWebhooksStore();
    const first = await store.attempts(WEBHOOK_ID);
    expect(fetchMock).toHaveBeenLastCalledWith(`/api/v1/webhooks/${WEBHOOK_ID}/attempts?limit=25`, expect.anything());
    expect(first.nextCursor).toBe('next-1');
    expect(first.attempts).toHaveLength(1);

    await store.attempts(WEBHOOK_ID, { cursor: 'next-1', outcome: 'failed' });
    expect(fetchMock).toHaveBeenLastCalledWith(
      `/api/v1/webhooks/${WEBHOOK_ID}/attempts?cursor=next-1&limit=25&outcome=failed`,
      expect.anything(),
    );
  });

  it('resends one message, recovers since a time, and reads stats for a period', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-12T12:00:00.000Z'), toFake: ['Date'] });
    const fetchMock = stubFetch((url) => {
      if (url.endsWith('/resend')) return jsonResponse(200, dataOf({ queued: true }));
      if (url.endsWith('/recover')) return jsonResponse(200, dataOf({ queued: 4 }));
      return jsonResponse(200, dataOf(makeStats()));
    });
    const store = useWebhooksStore();

    await store.resend(WEBHOOK_ID, 'msg_2zN4kQ8xVb7LpR1tY6wE');
    expect(fetchMock.mock.calls[0]![0]).toBe(`/api/v1/webhooks/${WEBHOOK_ID}/messages/msg_2zN4kQ8xVb7LpR1tY6wE/resend`);
    expect(fetchMock.mock.calls[0]![1].method).toBe('POST');

    expect(await store.recover(WEBHOOK_ID, new Date('2026-01-11T12:00:00.000Z'))).toBe(4);
    expect(bodyOf(fetchMock.mock.calls[1]![1])).toEqual({ since: '2026-01-11T12:00:00.000Z' });

    const stats = await store.stats(WEBHOOK_ID, 30);
    expect(fetchMock.mock.calls[2]![0]).toBe(`/api/v1/webhooks/${WEBHOOK_ID}/stats?days=30`);
    expect(stats.totals.succeeded).toBe(17);
  });

  it('asks for the event catalog once, and falls back to the shared catalog when the API fails', async () => {
    const fetchMock = stubFetch(() =>
      jsonResponse(200, {
        success: true,
        data: [{ type: 'booking.created', group: 'Bookings', description: 'New booking.', example: {} }],
      }),
    );
    const store = useWebhooksStore();
    await Promise.all([store.loadEventTypes(), store.loadEventTypes()]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/webhooks/event-types');
    expect(store.eventTypes.map((t) => t.type)).toEqual(['booking.created']);

    store.dehydrate();
    expect(store.eventTypes).toEqual([]);
    stubFetch(() => jsonResponse(404, { success: false, code: 'not_found', message: 'Not found' }));
    await store.loadEventTypes();
    expect(store.eventTypes.map((t) => t.type)).toEqual(EVENT_TYPES);
  });

  it('removes a deleted endpoint from the shown page', async () => {
    stubFetch((_url, init) =>
      init.method === 'DELETE'
        ? jsonResponse(200, { success: true, message: 'Webhook deleted' })
        : jsonResponse(200, pageOf([makeWebhook(), makeWebhook({ id: OTHER_WEBHOOK_ID })])),
    );
    const store = useWebhooksStore();
    await store.load();
    await store.remove(WEBHOOK_ID);
    expect(store.items.map((w) => w.id)).toEqual([OTHER_WEBHOOK_ID]);
  });
});
