import {
  GetInboundEvent,
  GetInboundSummary,
  type InboundEvent,
  type InboundStatus,
  type InboundSummary,
  ListInboundEvents,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { call } from '@/api/client';
import { type InboundRange, rangeMs } from '@/modules/integrations/inbound';

import { useLatestLoad } from './latest';

export interface InboundFilters {
  provider: string | null;
  status: InboundStatus | null;
  /** A preset window, `custom` for since/until, `null` for any time. */
  range: InboundRange | null;
  /** Bounds of a custom range; ignored by the presets. */
  since: Date | null;
  until: Date | null;
}

/** The filter part of a list query; the cursor and limit are added per page. */
export interface InboundWindow {
  provider?: string;
  status?: InboundStatus;
  since?: string;
  until?: string;
}

const PAGE_SIZE = 50;
export const emptyInboundFilters = (): InboundFilters => ({
  provider: null,
  status: null,
  range: null,
  since: null,
  until: null,
});

/** The query of the filters at `now`: a preset reaches back from then, a custom range is taken as picked. */
export function inboundWindow(filters: InboundFilters, now: number = Date.now()): InboundWindow {
  const query: InboundWindow = {
    provider: filters.provider ?? undefined,
    status: filters.status ?? undefined,
  };
  if (filters.range === 'custom') {
    query.since = filters.since?.toISOString();
    query.until = filters.until?.toISOString();
  } else if (filters.range) {
    const ms = rangeMs(filters.range);
    if (ms !== null) query.since = new Date(now - ms).toISOString();
  }
  return query;
}

/** Whether any filter narrows the log (an empty page then means "no match", not "nothing yet"). */
export const isFiltered = (filters: InboundFilters): boolean =>
  filters.provider !== null ||
  filters.status !== null ||
  (filters.range !== null && (filters.range !== 'custom' || filters.since !== null || filters.until !== null));

/**
 * The inbound webhook log (seed 002 "Webhook logs"), newest first and read page by page with the
 * API's cursor, and the per-provider summary behind the "Nothing for 24 h" badges.
 */
export const useInboundStore = defineStore('inbound', () => {
  const events = ref<InboundEvent[]>([]);
  const nextCursor = ref<string | null>(null);
  const filters = ref<InboundFilters>(emptyInboundFilters());
  const { loading, loaded, run, reset } = useLatestLoad();
  // Fixed when the first page loads, so "Load more" reads on in the same window although time moved.
  let activeWindow: InboundWindow = {};

  const summary = ref<InboundSummary[]>([]);
  const summaryLoad = useLatestLoad();

  /** Loads the first page for the current filters, replacing what was shown. */
  async function load(): Promise<void> {
    activeWindow = inboundWindow(filters.value);
    await fetchPage(undefined);
  }

  /** Appends the next page; does nothing at the end of the log. */
  async function loadMore(): Promise<void> {
    if (nextCursor.value) await fetchPage(nextCursor.value);
  }

  async function fetchPage(cursor: string | undefined): Promise<void> {
    await run(
      () => call(ListInboundEvents, { query: { limit: PAGE_SIZE, cursor, ...activeWindow } }),
      (answer) => {
        events.value = cursor ? [...events.value, ...answer.data] : answer.data;
        nextCursor.value = answer.meta.next_cursor;
      },
    );
  }

  /** One request as stored now (its processing result may have arrived since the list loaded). */
  async function get(id: string): Promise<InboundEvent> {
    const { data } = await call(GetInboundEvent, { params: { id } });
    events.value = events.value.map((event) => (event.id === id ? data : event));
    return data;
  }

  async function loadSummary(): Promise<void> {
    await summaryLoad.run(
      () => call(GetInboundSummary),
      (answer) => (summary.value = answer.data),
    );
  }

  const summaryOf = (provider: string): InboundSummary | null =>
    summary.value.find((s) => s.provider === provider) ?? null;
  /** Whether a provider that should send has gone quiet for a day. */
  const isSilent = (provider: string): boolean => summaryOf(provider)?.silent ?? false;

  function dehydrate(): void {
    reset();
    summaryLoad.reset();
    events.value = [];
    nextCursor.value = null;
    filters.value = emptyInboundFilters();
    activeWindow = {};
    summary.value = [];
  }

  return {
    events,
    nextCursor,
    filters,
    loading,
    loaded,
    summary,
    summaryLoading: summaryLoad.loading,
    summaryLoaded: summaryLoad.loaded,
    filtered: computed(() => isFiltered(filters.value)),
    load,
    loadMore,
    get,
    loadSummary,
    summaryOf,
    isSilent,
    dehydrate,
  };
});
