import {
  type ApiKey,
  type ApiKeyStatus,
  BulkRevokeApiKeys,
  CreateApiKey,
  type CreateApiKeyBody,
  type CreatedApiKey,
  GetApiKey,
  ListApiKeys,
  type PageMeta,
  RevokeApiKey,
  UpdateApiKey,
  type UpdateApiKeyBody,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';

import { call } from '@/api/client';

import { useAuthStore } from './auth';
import { latestOnly } from './latest';

export interface ApiKeyFilters {
  name: string;
  status: ApiKeyStatus | null;
}

const DEFAULT_PER_PAGE = 25;

/** The tenant's API keys: one page of the list with its filters, and the key operations. */
export const useApiKeysStore = defineStore('api-keys', () => {
  const items = ref<ApiKey[]>([]);
  const meta = ref<PageMeta | null>(null);
  const filters = ref<ApiKeyFilters>({ name: '', status: null });
  const page = ref(1);
  const perPage = ref(DEFAULT_PER_PAGE);
  const loading = ref(false);
  const loaded = ref(false);
  const requests = latestOnly();

  async function load(): Promise<void> {
    const isLatest = requests.begin();
    loading.value = true;
    try {
      const name = filters.value.name.trim();
      const result = await call(ListApiKeys, {
        query: {
          page: page.value,
          per_page: perPage.value,
          name: name || undefined,
          status: filters.value.status ?? undefined,
        },
      });
      if (!isLatest()) return;
      items.value = result.data;
      meta.value = result.meta;
      loaded.value = true;
    } finally {
      if (isLatest()) loading.value = false;
    }
  }

  async function hydrate(): Promise<void> {
    if (useAuthStore().allowed('api_keys.manage')) await load();
  }

  function dehydrate(): void {
    requests.cancel();
    items.value = [];
    meta.value = null;
    filters.value = { name: '', status: null };
    page.value = 1;
    perPage.value = DEFAULT_PER_PAGE;
    loading.value = false;
    loaded.value = false;
  }

  async function get(id: string): Promise<ApiKey> {
    const { data } = await call(GetApiKey, { params: { id } });
    replace(data);
    return data;
  }

  async function create(body: CreateApiKeyBody): Promise<CreatedApiKey> {
    const { data } = await call(CreateApiKey, { body });
    await load();
    return data;
  }

  async function update(id: string, body: UpdateApiKeyBody): Promise<ApiKey> {
    const { data } = await call(UpdateApiKey, { params: { id }, body });
    replace(data);
    return data;
  }

  async function revoke(id: string): Promise<ApiKey> {
    const { data } = await call(RevokeApiKey, { params: { id } });
    replace(data);
    return data;
  }

  async function bulkRevoke(ids: string[]): Promise<string[]> {
    const { data } = await call(BulkRevokeApiKeys, { body: { ids } });
    await load();
    return data.revoked;
  }

  function replace(key: ApiKey): void {
    items.value = items.value.map((item) => (item.id === key.id ? key : item));
  }

  return {
    items,
    meta,
    filters,
    page,
    perPage,
    loading,
    loaded,
    load,
    hydrate,
    dehydrate,
    get,
    create,
    update,
    revoke,
    bulkRevoke,
  };
});
