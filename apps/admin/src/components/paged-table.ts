import type { PageMeta } from '@gatehouse/shared';

/** The state of a store built on `usePagedList`, as a component sees it. */
interface PagedListState {
  readonly page: number;
  readonly perPage: number;
  readonly meta: PageMeta | null;
  readonly loading: boolean;
}

const ROWS_PER_PAGE_OPTIONS = [10, 25, 50, 100];

/** DataTable props that show one server page of a paged list: `v-bind="pagedTableProps(store)"`. */
export function pagedTableProps(list: PagedListState) {
  return {
    lazy: true,
    paginator: true,
    rows: list.perPage,
    first: (list.page - 1) * list.perPage,
    totalRecords: list.meta?.total ?? 0,
    rowsPerPageOptions: ROWS_PER_PAGE_OPTIONS,
    alwaysShowPaginator: false,
    loading: list.loading,
  };
}
