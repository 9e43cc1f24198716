import type { PageMeta } from '@gatehouse/shared';
import { describe, expect, it, vi } from 'vitest';

import { DEFAULT_PER_PAGE, type Page, usePagedList } from './paged-list';

const metaOf = (total: number): PageMeta => ({ current_page: 1, per_page: DEFAULT_PER_PAGE, total, last_page: 1 });
const pageOf = (items: string[]): Page<string> => ({ data: items, meta: metaOf(items.length) });

/** A fetchPage whose answers the test releases one by one, in any order. */
function heldFetches() {
  const answers: Array<{ resolve: (page: Page<string>) => void; reject: (error: Error) => void }> = [];
  const fetchPage = vi.fn(
    (_page: number, _perPage: number) =>
      new Promise<Page<string>>((resolve, reject) => answers.push({ resolve, reject })),
  );
  return { fetchPage, answers };
}

describe('usePagedList', () => {
  it('asks for the current page and size and keeps the answer', async () => {
    const fetchPage = vi.fn(async () => pageOf(['a', 'b']));
    const list = usePagedList(fetchPage);
    list.page.value = 3;
    list.perPage.value = 10;

    await list.load();

    expect(fetchPage).toHaveBeenCalledWith(3, 10);
    expect(list.items.value).toEqual(['a', 'b']);
    expect(list.meta.value?.total).toBe(2);
    expect(list.loaded.value).toBe(true);
    expect(list.loading.value).toBe(false);
  });

  it('is loading only while the latest request is out', async () => {
    const { fetchPage, answers } = heldFetches();
    const list = usePagedList(fetchPage);

    const first = list.load();
    const second = list.load();
    expect(list.loading.value).toBe(true);

    answers[0]!.resolve(pageOf(['old']));
    await first;
    expect(list.loading.value).toBe(true);

    answers[1]!.resolve(pageOf(['new']));
    await second;
    expect(list.loading.value).toBe(false);
  });

  it('drops an older answer that arrives after a newer one', async () => {
    const { fetchPage, answers } = heldFetches();
    const list = usePagedList(fetchPage);

    const first = list.load();
    const second = list.load();
    answers[1]!.resolve(pageOf(['new']));
    await second;
    answers[0]!.resolve(pageOf(['old']));
    await first;

    expect(list.items.value).toEqual(['new']);
  });

  it('reset restores the defaults and drops the answer in flight', async () => {
    const { fetchPage, answers } = heldFetches();
    const list = usePagedList(fetchPage);
    list.page.value = 4;
    list.perPage.value = 100;

    const pending = list.load();
    list.reset();
    answers[0]!.resolve(pageOf(['stale']));
    await pending;

    expect(list.items.value).toEqual([]);
    expect(list.meta.value).toBeNull();
    expect(list.page.value).toBe(1);
    expect(list.perPage.value).toBe(DEFAULT_PER_PAGE);
    expect(list.loading.value).toBe(false);
    expect(list.loaded.value).toBe(false);
  });

  it('passes a failure on and stops loading, keeping the rows it had', async () => {
    const { fetchPage, answers } = heldFetches();
    const list = usePagedList(fetchPage);
    const first = list.load();
    answers[0]!.resolve(pageOf(['kept']));
    await first;

    const failing = list.load();
    answers[1]!.reject(new Error('offline'));

    await expect(failing).rejects.toThrow('offline');
    expect(list.loading.value).toBe(false);
    expect(list.items.value).toEqual(['kept']);
  });
});
