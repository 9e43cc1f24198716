import {
  BulkDeleteWebhooks,
  CreateWebhook,
  DeleteWebhook,
  type EndpointInput,
  type EventTypeInfo,
  GetWebhook,
  GetWebhookStats,
  ListEventTypes,
  ListWebhookAttempts,
  ListWebhooks,
  RecoverWebhook,
  ResendWebhookMessage,
  RotateWebhookSecret,
  type TestResult,
  TestWebhook,
  UpdateWebhook,
  type UpdateWebhookBody,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookStats,
  type WebhookStatus,
  type WebhookWithSecret,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';

import { call } from '@/api/client';
import { localCatalog } from '@/modules/webhooks/event-types';

import { usePagedList } from './paged-list';

export interface WebhookFilters {
  search: string;
  status: WebhookStatus | null;
  eventType: string | null;
}

export type AttemptOutcome = 'succeeded' | 'failed';

export interface AttemptPage {
  attempts: WebhookAttempt[];
  nextCursor: string | null;
}

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_GRACE_HOURS = 24;
const ATTEMPTS_PAGE = 25;

/** What create takes: the body before the contract's defaults (no headers, enabled) apply. */
export type CreateWebhookInput = EndpointInput<typeof CreateWebhook>['body'];

const emptyFilters = (): WebhookFilters => ({ search: '', status: null, eventType: null });

/**
 * The tenant's outbound webhook endpoints (seeds 001, 003): one page of the list with its filters,
 * the event catalog for the pickers, and the endpoint operations of the detail page.
 */
export const useWebhooksStore = defineStore('webhooks', () => {
  const filters = ref<WebhookFilters>(emptyFilters());
  const list = usePagedList((page, perPage) => {
    const search = filters.value.search.trim();
    return call(ListWebhooks, {
      query: {
        page,
        per_page: perPage,
        status: filters.value.status ?? undefined,
        event_type: filters.value.eventType ?? undefined,
        search: search || undefined,
      },
    });
  });
  const { items, meta, page, perPage, loading, loaded, load } = list;

  const eventTypes = ref<EventTypeInfo[]>([]);
  let catalogRequest: Promise<EventTypeInfo[]> | null = null;

  /**
   * The event catalog, asked once per session. Should the API not answer, the catalog compiled into
   * the shared contracts stands in: it is the same list, only without the server's word on it.
   */
  function loadEventTypes(): Promise<EventTypeInfo[]> {
    if (catalogRequest) return catalogRequest;
    const request: Promise<EventTypeInfo[]> = call(ListEventTypes)
      .then((answer) => answer.data)
      .catch(() => localCatalog())
      .then((catalog) => {
        // A dehydrate while the request ran (tenant switch) started over: this answer is stale.
        if (catalogRequest === request) eventTypes.value = catalog;
        return catalog;
      });
    catalogRequest = request;
    return request;
  }

  function dehydrate(): void {
    list.reset();
    filters.value = emptyFilters();
    eventTypes.value = [];
    catalogRequest = null;
  }

  function replace(webhook: WebhookEndpoint): void {
    items.value = items.value.map((item) => (item.id === webhook.id ? webhook : item));
  }

  async function get(id: string): Promise<WebhookEndpoint> {
    const { data } = await call(GetWebhook, { params: { id } });
    replace(data);
    return data;
  }

  /** Creates an endpoint and reloads the list; the answer holds the signing secret, shown once. */
  async function create(body: CreateWebhookInput): Promise<WebhookWithSecret> {
    const { data } = await call(CreateWebhook, { body });
    await load();
    return data;
  }

  async function update(id: string, body: UpdateWebhookBody): Promise<WebhookEndpoint> {
    const { data } = await call(UpdateWebhook, { params: { id }, body });
    replace(data);
    return data;
  }

  async function remove(id: string): Promise<void> {
    await call(DeleteWebhook, { params: { id } });
    items.value = items.value.filter((item) => item.id !== id);
  }

  /** Deletes endpoints and reloads the list (a step back when its page emptied); answers the deleted ids. */
  async function bulkRemove(ids: string[]): Promise<string[]> {
    const { data } = await call(BulkDeleteWebhooks, { body: { ids } });
    await load();
    if (items.value.length === 0 && page.value > 1) {
      page.value = Math.max(1, meta.value?.last_page ?? page.value - 1);
      await load();
    }
    return data.deleted;
  }

  /** A new signing secret, shown once; the previous one keeps signing for the grace period. */
  async function rotateSecret(id: string, graceHours = ROTATION_GRACE_HOURS): Promise<WebhookWithSecret> {
    const { data } = await call(RotateWebhookSecret, { params: { id }, body: { grace_period_hours: graceHours } });
    replace(data.endpoint);
    return data;
  }

  /** Sends a signed test event now; a failed delivery is an answer too (`success: false`), not an error. */
  async function sendTest(id: string, eventType?: string): Promise<TestResult> {
    const { data } = await call(TestWebhook, { params: { id }, body: eventType ? { event_type: eventType } : {} });
    return data;
  }

  /** One page of an endpoint's delivery attempts, newest first. */
  async function attempts(
    id: string,
    options: { cursor?: string; outcome?: AttemptOutcome | null } = {},
  ): Promise<AttemptPage> {
    const answer = await call(ListWebhookAttempts, {
      params: { id },
      query: { cursor: options.cursor, limit: ATTEMPTS_PAGE, outcome: options.outcome ?? undefined },
    });
    return { attempts: answer.data, nextCursor: answer.meta.next_cursor };
  }

  async function resend(id: string, messageId: string): Promise<void> {
    await call(ResendWebhookMessage, { params: { id, messageId } });
  }

  /** Re-queues every message that failed to reach the endpoint since `since`; answers how many. */
  async function recover(id: string, since: Date): Promise<number> {
    const { data } = await call(RecoverWebhook, { params: { id }, body: { since: since.toISOString() } });
    return data.queued;
  }

  async function stats(id: string, days: number): Promise<WebhookStats> {
    const { data } = await call(GetWebhookStats, { params: { id }, query: { days } });
    return data;
  }

  return {
    items,
    meta,
    filters,
    page,
    perPage,
    loading,
    loaded,
    eventTypes,
    load,
    loadEventTypes,
    dehydrate,
    get,
    create,
    update,
    remove,
    bulkRemove,
    rotateSecret,
    sendTest,
    attempts,
    resend,
    recover,
    stats,
  };
});
