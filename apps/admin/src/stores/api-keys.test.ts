import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, makeApiKey, pageOf } from '@/test/fixtures';

import { useApiKeysStore } from './api-keys';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

describe('api-keys store', () => {
  it('sends filters as query parameters, leaving empty ones out', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, pageOf([makeApiKey()])));
    vi.stubGlobal('fetch', fetchMock);
    const store = useApiKeysStore();
    store.filters = { name: '  sync ', status: 'expired' };
    await store.load();
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/v1/api-keys?page=1&per_page=25&name=sync&status=expired',
      expect.anything(),
    );

    store.filters = { name: '', status: null };
    await store.load();
    expect(fetchMock).toHaveBeenLastCalledWith('/api/v1/api-keys?page=1&per_page=25', expect.anything());
  });

  it('drops an answer that arrives after dehydrate (tenant switch)', async () => {
    let answer!: (response: Response) => void;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))),
    );
    const store = useApiKeysStore();
    const loading = store.load();
    store.dehydrate();
    answer(jsonResponse(200, pageOf([makeApiKey()])));
    await loading;
    expect(store.items).toEqual([]);
    expect(store.loaded).toBe(false);
  });
});
