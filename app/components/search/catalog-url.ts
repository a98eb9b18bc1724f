/** Catalogue URLs: the words, filters and sort a link keeps. Pure, shared by the page and its tests. */

/** The filters as URL parameters, in the order links write them. */
export const FILTER_PARAMS = ["category", "county", "temp", "seller", "cert", "stock"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export interface CatalogUrlState {
  q: string;
  filters: Partial<Record<FilterParam, string | null>>;
  /** The sort asked for; left out of links when it is the default (relevance with words, newest without). */
  sort: string;
}

function defaultSort(q: string): string {
  return q ? "relevance" : "newest";
}

/**
 * The catalogue URL for the state with some filters changed (null removes one), the words or the sort replaced.
 * The page is never kept: a different list starts on page 1.
 */
export function catalogHref(state: CatalogUrlState, change: { filters?: Partial<Record<FilterParam, string | null>>; q?: string; sort?: string } = {}): string {
  const q = change.q ?? state.q;
  const filters = { ...state.filters, ...change.filters };
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const name of FILTER_PARAMS) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  // Relevance without words is meaningless: such a link falls back to the default.
  let sort = change.sort ?? state.sort;
  if (!q && sort === "relevance") sort = "newest";
  if (sort && sort !== defaultSort(q)) params.set("sort", sort);
  const qs = params.toString();
  return qs ? `/catalog?${qs}` : "/catalog";
}

/** How many filters are set. */
export function activeFilterCount(filters: CatalogUrlState["filters"]): number {
  return FILTER_PARAMS.filter((name) => Boolean(filters[name])).length;
}
