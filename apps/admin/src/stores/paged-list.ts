import type { PageMeta } from '@gatehouse/shared';
import { type Ref, ref } from 'vue';

import { useLatestLoad } from './latest';

export const DEFAULT_PER_PAGE = 25;

export interface Page<T> {
  data: T[];
  meta: PageMeta;
}

/**
 * One server page of a list, for use inside a setup store: the store returns these refs and
 * `load`, and calls `reset` from its `dehydrate`. `fetchPage` reads any filters of the store itself.
 */
export function usePagedList<T>(fetchPage: (page: number, perPage: number) => Promise<Page<T>>) {
  // The cast keeps `T` as given: `ref` would otherwise type the items as their unwrapped form.
  const items = ref<T[]>([]) as Ref<T[]>;
  const meta = ref<PageMeta | null>(null);
  const page = ref(1);
  const perPage = ref(DEFAULT_PER_PAGE);
  const { loading, loaded, run, reset: resetLoad } = useLatestLoad();

  async function load(): Promise<void> {
    await run(
      () => fetchPage(page.value, perPage.value),
      (answer) => {
        items.value = answer.data;
        meta.value = answer.meta;
      },
    );
  }

  function reset(): void {
    resetLoad();
    items.value = [];
    meta.value = null;
    page.value = 1;
    perPage.value = DEFAULT_PER_PAGE;
  }

  return { items, meta, page, perPage, loading, loaded, load, reset };
}
