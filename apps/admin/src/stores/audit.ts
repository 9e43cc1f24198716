import { type AuditEvent, ListAuditEvents } from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';

import { call } from '@/api/client';

import { useAuthStore } from './auth';
import { latestOnly } from './latest';

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
  const loading = ref(false);
  const loaded = ref(false);
  const requests = latestOnly();

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
    const isLatest = requests.begin();
    loading.value = true;
    try {
      const result = await call(ListAuditEvents, { query: query(cursor) });
      if (!isLatest()) return;
      events.value = cursor ? [...events.value, ...result.data] : result.data;
      nextCursor.value = result.meta.next_cursor;
      loaded.value = true;
    } finally {
      if (isLatest()) loading.value = false;
    }
  }

  async function hydrate(): Promise<void> {
    if (useAuthStore().allowed('audit.view')) await load();
  }

  function dehydrate(): void {
    requests.cancel();
    events.value = [];
    nextCursor.value = null;
    filters.value = emptyFilters();
    loading.value = false;
    loaded.value = false;
  }

  return { events, nextCursor, filters, loading, loaded, load, loadMore, hydrate, dehydrate };
});
