import { Link } from "@remix-run/react";
import type { T } from "~/utils/i18n/translate";
import { formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { activeFilterCount, catalogHref, type CatalogUrlState, type FilterParam } from "./catalog-url";

/** One facet: its parameter, heading and the values worth offering (with their counts under the current list). */
export interface FacetGroup {
  param: FilterParam;
  title: string;
  options: { value: string; label: string; count: number }[];
}

interface Props {
  t: T;
  locale: Locale;
  state: CatalogUrlState;
  groups: FacetGroup[];
}

const chipClass = (active: boolean) =>
  `chip gap-1 ${active ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white text-stone-700 hover:border-brand-500"}`;

/**
 * The facets as plain links (no JavaScript needed): each keeps the other filters and starts again on page 1; the
 * active value links back to "any". Folded behind a summary on phones, always open from the large breakpoint up
 * where the browser can style the details' content.
 */
export function CatalogFacets({ t, locale, state, groups }: Props) {
  const count = activeFilterCount(state.filters);
  return (
    <details className="group card p-3 lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none lg:[&::details-content]:[content-visibility:visible]">
      <summary className="flex min-h-11 cursor-pointer items-center justify-between font-medium text-stone-800 lg:supports-[selector(::details-content)]:hidden">
        <span>{count ? t("catalogList.filtersActive", { count }) : t("catalogList.filters")}</span>
        <span aria-hidden="true" className="text-stone-400 group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="mt-2 space-y-4 lg:mt-0">
        {groups.map((g) => {
          const current = state.filters[g.param] ?? null;
          return (
            <section key={g.param} aria-labelledby={`facet-${g.param}`}>
              <h2 id={`facet-${g.param}`} className="mb-2 text-sm font-semibold text-stone-600">
                {g.title}
              </h2>
              <ul className="flex flex-wrap gap-2">
                <li>
                  <Link to={catalogHref(state, { filters: { [g.param]: null } })} aria-current={current === null ? "true" : undefined} className={chipClass(current === null)}>
                    {t("search.facet.any")}
                  </Link>
                </li>
                {g.options.map((o) => {
                  const active = o.value === current;
                  return (
                    <li key={o.value}>
                      <Link
                        to={catalogHref(state, { filters: { [g.param]: active ? null : o.value } })}
                        aria-current={active ? "true" : undefined}
                        className={chipClass(active)}
                      >
                        {o.label} <span className="opacity-75">{formatNumber(o.count, locale)}</span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </details>
  );
}

/** The chosen filters as removable chips, with "clear all" when there is more than one. */
export function ActiveFilters({ t, state, labels }: { t: T; state: CatalogUrlState; labels: { param: FilterParam; label: string }[] }) {
  if (labels.length === 0) return null;
  return (
    <nav aria-label={t("catalogList.activeFilters")} className="mt-3">
      <ul className="flex flex-wrap items-center gap-2">
        {labels.map((l) => (
          <li key={l.param}>
            <Link
              to={catalogHref(state, { filters: { [l.param]: null } })}
              aria-label={t("catalogList.removeFilter", { label: l.label })}
              className="chip gap-2 border-brand-200 bg-brand-50 text-brand-800 hover:border-brand-500"
            >
              {l.label} <span aria-hidden="true">×</span>
            </Link>
          </li>
        ))}
        {labels.length > 1 ? (
          <li>
            <Link to={catalogHref(state, { filters: { category: null, county: null, temp: null, seller: null, cert: null, stock: null } })} className="inline-flex min-h-10 items-center px-2 text-sm text-brand-700 underline underline-offset-4">
              {t("catalogList.clearAll")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Sort choices as links (relevance only with words). */
export function SortLinks({ t, state, sorts }: { t: T; state: CatalogUrlState; sorts: readonly string[] }) {
  return (
    <nav aria-label={t("catalogList.sorts")} className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-stone-600">{t("search.sort.label")}</span>
      {sorts.map((s) => {
        const active = s === state.sort;
        return (
          <Link key={s} to={catalogHref(state, { sort: s })} aria-current={active ? "true" : undefined} className={`${chipClass(active)} min-h-10`}>
            {t(`search.sort.${s as "relevance" | "price_per_kg" | "newest"}`)}
          </Link>
        );
      })}
    </nav>
  );
}
