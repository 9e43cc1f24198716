import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  cursorOf,
  dataOf,
  INBOUND_ID,
  jsonResponse,
  makeInboundEvent,
  makeInboundSummary,
  OTHER_INBOUND_ID,
} from '@/test/fixtures';

import { emptyInboundFilters, inboundWindow, isFiltered, useInboundStore } from './inbound';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** `fetch` answering with `answer(url, init)`; the mock keeps every call for assertions. */
function stubFetch(answer: (url: string, init: RequestInit) => Response) {
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => answer(url, init));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const NOW = Date.parse('2026-01-12T12:00:00.000Z');
const paramsOf = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1]));

describe('inboundWindow', () => {
  it('leaves out every filter not set', () => {
    expect(inboundWindow(emptyInboundFilters(), NOW)).toEqual({ provider: undefined, status: undefined });
    expect(isFiltered(emptyInboundFilters())).toBe(false);
  });

  it('reaches back from now for a preset, ignoring stale custom bounds', () => {
    const filters = { ...emptyInboundFilters(), range: '24h' as const, since: new Date(0), until: new Date(0) };
    expect(inboundWindow(filters, NOW)).toEqual({ since: '2026-01-11T12:00:00.000Z' });
    expect(inboundWindow({ ...filters, range: '1h' }, NOW).since).toBe('2026-01-12T11:00:00.000Z');
    expect(inboundWindow({ ...filters, range: '7d' }, NOW).since).toBe('2026-01-05T12:00:00.000Z');
  });

  it('takes a custom range as picked; an empty custom range does not count as a filter', () => {
    const custom = { ...emptyInboundFilters(), range: 'custom' as const };
    expect(isFiltered(custom)).toBe(false);
    const since = new Date('2026-01-01T00:00:00.000Z');
    expect(inboundWindow({ ...custom, since }, NOW)).toEqual({ since: '2026-01-01T00:00:00.000Z' });
    expect(isFiltered({ ...custom, since })).toBe(true);
  });
});

describe('inbound store', () => {
  it('sends the filters as query parameters', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const fetchMock = stubFetch(() => jsonResponse(200, cursorOf([makeInboundEvent()], null, 50)));
    const store = useInboundStore();
    store.filters = { ...emptyInboundFilters(), provider: 'hospitable', status: 'rejected', range: '24h' };
    await store.load();

    const [url] = fetchMock.mock.calls[0]!;
    expect(url.startsWith('/api/v1/inbound-events?')).toBe(true);
    expect(paramsOf(url)).toEqual({
      limit: '50',
      provider: 'hospitable',
      status: 'rejected',
      since: '2026-01-11T12:00:00.000Z',
    });
    expect(store.events).toHaveLength(1);
    expect(store.filtered).toBe(true);

    store.filters = emptyInboundFilters();
    await store.load();
    expect(fetchMock).toHaveBeenLastCalledWith('/api/v1/inbound-events?limit=50', expect.anything());
    expect(store.filtered).toBe(false);
  });

  it('loads more with the cursor in the same window, appending, until the end', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const fetchMock = stubFetch((url) =>
      url.includes('cursor=')
        ? jsonResponse(200, cursorOf([makeInboundEvent({ id: OTHER_INBOUND_ID })], null, 50))
        : jsonResponse(200, cursorOf([makeInboundEvent()], 'next-page', 50)),
    );
    const store = useInboundStore();
    store.filters = { ...emptyInboundFilters(), range: '1h' };
    await store.load();
    expect(store.nextCursor).toBe('next-page');

    // Time moves on and a filter is touched but not applied: the next page reads on where the first stopped.
    vi.setSystemTime(NOW + 10 * 60_000);
    store.filters.status = 'verified';
    await store.loadMore();
    expect(paramsOf(fetchMock.mock.calls[1]![0])).toEqual({
      limit: '50',
      cursor: 'next-page',
      since: '2026-01-12T11:00:00.000Z',
    });
    expect(store.events.map((e) => e.id)).toEqual([INBOUND_ID, OTHER_INBOUND_ID]);
    expect(store.nextCursor).toBeNull();

    await store.loadMore();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('replaces a listed entry with the one it gets', async () => {
    stubFetch((url) =>
      url === `/api/v1/inbound-events/${INBOUND_ID}`
        ? jsonResponse(200, dataOf(makeInboundEvent({ processing_result: 'Emitted booking.created' })))
        : jsonResponse(200, cursorOf([makeInboundEvent({ processed_at: null, processing_result: null })])),
    );
    const store = useInboundStore();
    await store.load();
    const fresh = await store.get(INBOUND_ID);
    expect(fresh.processing_result).toBe('Emitted booking.created');
    expect(store.events[0]!.processing_result).toBe('Emitted booking.created');
  });

  it('loads the summary and answers per provider', async () => {
    const fetchMock = stubFetch(() =>
      jsonResponse(
        200,
        dataOf([
          makeInboundSummary(),
          makeInboundSummary({ provider: 'hospitable', last_received_at: null, silent: true }),
        ]),
      ),
    );
    const store = useInboundStore();
    await store.loadSummary();
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/inbound-events/summary', expect.anything());
    expect(store.summaryOf('stripe')?.received_24h).toBe(12);
    expect(store.isSilent('hospitable')).toBe(true);
    expect(store.isSilent('stripe')).toBe(false);
    expect(store.summaryOf('nuki')).toBeNull();
    expect(store.isSilent('nuki')).toBe(false);
  });

  it('drops answers that arrive after dehydrate (tenant switch)', async () => {
    const answers: Array<(response: Response) => void> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => answers.push(resolve))),
    );
    const store = useInboundStore();
    store.filters.provider = 'stripe';
    const list = store.load();
    const summary = store.loadSummary();
    store.dehydrate();
    answers[0]!(jsonResponse(200, cursorOf([makeInboundEvent()])));
    answers[1]!(jsonResponse(200, dataOf([makeInboundSummary({ silent: true })])));
    await Promise.all([list, summary]);
    expect(store.events).toEqual([]);
    expect(store.summary).toEqual([]);
    expect(store.loaded).toBe(false);
    expect(store.filters).toEqual(emptyInboundFilters());
  });
});
