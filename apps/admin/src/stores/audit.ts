import { type AuditEvent, ListAuditEvents } from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';

import { call } from '@/api/client';

import { useLatestLoad } from './latest';

export interface AuditFilters {
  action: string;
  targetType: string;
  since: Date | null;
  until: Date | null;
}

const PAGE_SIZE = 50;
const emptyFilters = (): AuditFilters => ({ action: '', targetType: '', since: null, until: null });

/** The audit log, newest first, read page by page with the API's cursor. */
export const useAuditStore = defineStore('audit', () => {
  const events = ref<AuditEvent[]>([]);
  const nextCursor = ref<string | null>(null);
  const filters = ref<AuditFilters>(emptyFilters());
  const { loading, loaded, run, reset } = useLatestLoad();

  const query = (cursor?: string) => {
    const f = filters.value;
    return {
      limit: PAGE_SIZE,
      cursor,
      action: f.action.trim() || undefined,
      target_type: f.targetType.trim() || undefined,
      since: f.since?.toISOString(),
      until: f.until?.toISOString(),
    };
  };

  /** Loads the first page for the current filters, replacing what was shown. */
  async function load(): Promise<void> {
    await fetchPage(undefined);
  }

  /** Appends the next page; does nothing at the end of the log. */
  async function loadMore(): Promise<void> {
    if (nextCursor.value) await fetchPage(nextCursor.value);
  }

  async function fetchPage(cursor: string | undefined): Promise<void> {
    await run(
      () => call(ListAuditEvents, { query: query(cursor) }),
      (answer) => {
        events.value = cursor ? [...events.value, ...answer.data] : answer.data;
        nextCursor.value = answer.meta.next_cursor;
      },
    );
  }

  function dehydrate(): void {
    reset();
    events.value = [];
    nextCursor.value = null;
    filters.value = emptyFilters();
  }

  return { events, nextCursor, filters, loading, loaded, load, loadMore, dehydrate };
});
