import {
  ActivateIntegration,
  CreateIntegration,
  DeleteIntegration,
  DisableIntegration,
  GetIntegration,
  type Integration,
  type IntegrationState,
  type IntegrationStatusEvent,
  ListIntegrationHistory,
  ListIntegrations,
  ListProviders,
  type Provider,
  ResetIntegration,
  UpdateIntegration,
  VerifyIntegration,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { call } from '@/api/client';
import { createBody, type IntegrationDraft, updateBody } from '@/modules/integrations/credential-form';
import { isUnsettled } from '@/modules/integrations/status';

import { useLatestLoad } from './latest';

/** How often the list is asked again while a verification runs. */
export const POLL_INTERVAL_MS = 1000;
/** One integration per provider, so one page holds them all. */
const PER_PAGE = 100;
const HISTORY_PAGE = 25;

type IntegrationAction =
  typeof ActivateIntegration | typeof DisableIntegration | typeof VerifyIntegration | typeof ResetIntegration;

/**
 * The provider catalog and the tenant's integrations (seed 004), with the lifecycle actions, and a
 * poll of the list while any verification runs so cards settle without a reload.
 */
export const useIntegrationsStore = defineStore('integrations', () => {
  const providers = ref<Provider[]>([]);
  const integrations = ref<Integration[]>([]);
  const catalog = useLatestLoad();
  const list = useLatestLoad();

  const loading = computed(() => catalog.loading.value || list.loading.value);
  const loaded = computed(() => catalog.loaded.value && list.loaded.value);
  /** Some verification is queued or running. */
  const unsettled = computed(() => integrations.value.some(isUnsettled));

  const providerNamed = (name: string): Provider | undefined => providers.value.find((p) => p.name === name);
  const integrationOf = (provider: string): Integration | null =>
    integrations.value.find((i) => i.provider === provider) ?? null;
  const integrationById = (id: string): Integration | null => integrations.value.find((i) => i.id === id) ?? null;

  async function loadProviders(): Promise<void> {
    await catalog.run(
      () => call(ListProviders),
      (answer) => (providers.value = answer.data),
    );
  }

  // Bumped by every local change: a list answer requested before one would undo it, so it is dropped.
  let changes = 0;

  async function loadIntegrations(): Promise<void> {
    const seen = changes;
    await list.run(
      () => call(ListIntegrations, { query: { page: 1, per_page: PER_PAGE } }),
      (answer) => {
        if (seen === changes) integrations.value = answer.data;
      },
    );
  }

  /** The catalog and the integrations together, as the hub shows them. */
  async function load(): Promise<void> {
    await Promise.all([loadProviders(), loadIntegrations()]);
  }

  function upsert(integration: Integration): void {
    changes++;
    const known = integrations.value.some((i) => i.id === integration.id);
    integrations.value = known
      ? integrations.value.map((i) => (i.id === integration.id ? integration : i))
      : [...integrations.value, integration];
  }

  function applyState(state: IntegrationState): void {
    changes++;
    integrations.value = integrations.value.map((i) =>
      i.id === state.id ? { ...i, status: state.status, verifying: state.verifying, updated_at: state.updated_at } : i,
    );
  }

  async function get(id: string): Promise<Integration> {
    const { data } = await call(GetIntegration, { params: { id } });
    upsert(data);
    return data;
  }

  /**
   * Saves the configure panel: a new integration with every filled field, or a saved one with only
   * what changed (blank secrets keep the stored values). Answers the integration as saved.
   */
  async function save(provider: Provider, draft: IntegrationDraft): Promise<Integration> {
    const current = integrationOf(provider.name);
    if (!current) {
      const { data } = await call(CreateIntegration, { body: createBody(provider, draft) });
      upsert(data);
      return data;
    }
    const body = updateBody(provider, current, draft);
    if (Object.keys(body).length === 0) return current;
    const { data } = await call(UpdateIntegration, { params: { id: current.id }, body });
    upsert(data);
    return data;
  }

  async function remove(id: string): Promise<void> {
    await call(DeleteIntegration, { params: { id } });
    changes++;
    integrations.value = integrations.value.filter((i) => i.id !== id);
    providers.value = providers.value.map((p) =>
      p.integration_id === id ? { ...p, is_configured: false, integration_id: null } : p,
    );
  }

  async function act(action: IntegrationAction, id: string): Promise<IntegrationState> {
    const { data } = await call(action, { params: { id } });
    applyState(data);
    return data;
  }

  const activate = (id: string) => act(ActivateIntegration, id);
  const disable = (id: string) => act(DisableIntegration, id);
  const verify = (id: string) => act(VerifyIntegration, id);
  const reset = (id: string) => act(ResetIntegration, id);

  /** One page of an integration's status history, newest first. */
  async function history(
    id: string,
    cursor?: string,
  ): Promise<{ events: IntegrationStatusEvent[]; nextCursor: string | null }> {
    const answer = await call(ListIntegrationHistory, { params: { id }, query: { cursor, limit: HISTORY_PAGE } });
    return { events: answer.data, nextCursor: answer.meta.next_cursor };
  }

  // Polling: one timer at a time; `pollRun` invalidates a tick whose request outlived a stop.
  const polling = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pollRun = 0;

  /** Asks for the list every second until no verification runs; does nothing when none runs. */
  function startPolling(): void {
    if (polling.value || !unsettled.value) return;
    polling.value = true;
    const run = ++pollRun;
    const tick = async () => {
      timer = undefined;
      try {
        await loadIntegrations();
      } catch {
        // A failed poll is retried on the next tick; the page reports load failures itself.
      }
      if (run !== pollRun) return;
      if (unsettled.value) timer = setTimeout(tick, POLL_INTERVAL_MS);
      else polling.value = false;
    };
    timer = setTimeout(tick, POLL_INTERVAL_MS);
  }

  function stopPolling(): void {
    pollRun++;
    clearTimeout(timer);
    timer = undefined;
    polling.value = false;
  }

  function dehydrate(): void {
    stopPolling();
    catalog.reset();
    list.reset();
    providers.value = [];
    integrations.value = [];
  }

  return {
    providers,
    integrations,
    loading,
    loaded,
    unsettled,
    polling,
    providerNamed,
    integrationOf,
    integrationById,
    load,
    loadProviders,
    loadIntegrations,
    get,
    save,
    remove,
    activate,
    disable,
    verify,
    reset,
    history,
    startPolling,
    stopPolling,
    dehydrate,
  };
});
