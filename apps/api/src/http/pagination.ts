import type { PageLinks, PageMeta } from '@gatehouse/shared';

/** Meta and links of seed 004's paginated lists; links keep the caller's other filters. */
export function pageOf<T>(
  items: T[],
  total: number,
  page: number,
  perPage: number,
  path: string,
  query: Record<string, unknown> = {},
): { data: T[]; meta: PageMeta; links: PageLinks } {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const link = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && k !== 'page') params.set(k, String(v));
    }
    params.set('page', String(p));
    return `${path}?${params.toString()}`;
  };
  return {
    data: items,
    meta: { current_page: page, per_page: perPage, total, last_page: lastPage },
    links: {
      first: link(1),
      last: link(lastPage),
      prev: page > 1 ? link(Math.min(page - 1, lastPage)) : null,
      next: page < lastPage ? link(page + 1) : null,
    },
  };
}
