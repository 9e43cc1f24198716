import {
  type ApiKey,
  type ApiKeyStatus,
  BulkRevokeApiKeys,
  CreateApiKey,
  type CreateApiKeyBody,
  type CreatedApiKey,
  GetApiKey,
  ListApiKeys,
  RevokeApiKey,
  UpdateApiKey,
  type UpdateApiKeyBody,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';

import { call } from '@/api/client';

import { usePagedList } from './paged-list';

export interface ApiKeyFilters {
  name: string;
  status: ApiKeyStatus | null;
}

const emptyFilters = (): ApiKeyFilters => ({ name: '', status: null });

/** The tenant's API keys: one page of the list with its filters, and the key operations. */
export const useApiKeysStore = defineStore('api-keys', () => {
  const filters = ref<ApiKeyFilters>(emptyFilters());
  const list = usePagedList((page, perPage) => {
    const name = filters.value.name.trim();
    return call(ListApiKeys, {
      query: { page, per_page: perPage, name: name || undefined, status: filters.value.status ?? undefined },
    });
  });
  const { items, meta, page, perPage, loading, loaded, load } = list;

  function dehydrate(): void {
    list.reset();
    filters.value = emptyFilters();
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
    dehydrate,
    get,
    create,
    update,
    revoke,
    bulkRevoke,
  };
});
