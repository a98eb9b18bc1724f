import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PhotoImage } from "~/components/photos/photo-image";
import { TempBadge } from "~/components/ui/badges";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { catalogFacets, listCatalog } from "~/modules/catalog/catalog.server";
import { CATEGORIES, parseCategory } from "~/modules/catalog/categories";
import { countyName, SANMING_COUNTIES } from "~/modules/catalog/counties";
import { parseSort, SEARCH_SORTS } from "~/modules/search/engine";
import { unitName } from "~/modules/catalog/packs";
import { CARD_SIZES } from "~/modules/images/urls";
import { requirePermission } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatFen, formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName, orgName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { parsePage } from "~/utils/pagination";
import { cleanSearchText } from "~/utils/search-text";

const TEMPS = ["ambient", "chilled", "frozen"] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "商品目录" }];

/** Buyers' catalogue: active products by category and name search, one page at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:catalog");
  const url = new URL(request.url);
  const q = cleanSearchText(url.searchParams.get("q"));
  const category = parseCategory(url.searchParams.get("category"));
  // Unknown facet values are ignored rather than refused.
  const county = SANMING_COUNTIES.find((c) => c === url.searchParams.get("county"));
  const temp = TEMPS.find((c) => c === url.searchParams.get("temp"));
  const sort = parseSort(url.searchParams.get("sort") ?? (q ? "relevance" : "newest"));
  const db = await prisma();
  const query = { q, category, originCounty: county, tempClass: temp, sort, page: parsePage(url.searchParams.get("page")) };
  const [result, facets] = await Promise.all([listCatalog(db, query), catalogFacets(db, query)]);
  const t = translator(await resolveLocale(request, user.locale));
  return { ...result, facets, q, category: category ?? null, county: county ?? null, temp: temp ?? null, sort, title: `${t("catalog.title")} · ${t("app.name")}` };
}

export default function CatalogPage() {
  const { items, total, page, pages, q, category, county, temp, sort, facets } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  // Links keep the other filters; a change of filter goes back to page 1.
  const href = (change: Partial<Record<"category" | "county" | "temp", string | null>>) => {
    const current = { category, county, temp, ...change };
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (current.category) params.set("category", current.category);
    if (current.county) params.set("county", current.county);
    if (current.temp) params.set("temp", current.temp);
    if (sort !== (q ? "relevance" : "newest")) params.set("sort", sort);
    const qs = params.toString();
    return qs ? `/catalog?${qs}` : "/catalog";
  };
  const chipHref = (c: string | null) => href({ category: c });
  const chipClass = (active: boolean) => `chip ${active ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white text-stone-700 hover:border-brand-500"}`;
  const countyChips = SANMING_COUNTIES.filter((c) => (facets.originCounty[c] ?? 0) > 0 || c === county);
  const tempChips = TEMPS.filter((c) => (facets.tempClass[c] ?? 0) > 0 || c === temp);
  return (
    <div>
      <PageHeader title={t("catalog.title")} subtitle={t("catalog.results", { count: formatNumber(total, locale) })} />
      <Form method="get" role="search" className="flex gap-2">
        {category ? <input type="hidden" name="category" value={category} /> : null}
        {county ? <input type="hidden" name="county" value={county} /> : null}
        {temp ? <input type="hidden" name="temp" value={temp} /> : null}
        <label htmlFor="catalog-q" className="sr-only">
          {t("catalog.search")}
        </label>
        <input id="catalog-q" name="q" type="search" defaultValue={q} placeholder={t("catalog.searchPlaceholder")} maxLength={50} className="input flex-1" />
        <button type="submit" className="btn-primary shrink-0">
          {t("catalog.searchSubmit")}
        </button>
      </Form>
      <nav aria-label={t("catalog.categories")} className="-mx-4 mt-4 overflow-x-auto px-4">
        <ul className="flex gap-2 pb-2">
          {[null, ...CATEGORIES].map((c) => {
            const active = c === category;
            return (
              <li key={c ?? "all"}>
                <Link
                  to={chipHref(c)}
                  aria-current={active ? "page" : undefined}
                  className={`chip ${active ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white text-stone-700 hover:border-brand-500"}`}
                >
                  {c ? t(`category.${c}`) : t("category.all")}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="mt-2 space-y-2">
        <nav aria-label={t("search.facet.county")} className="-mx-4 overflow-x-auto px-4">
          <ul className="flex items-center gap-2 pb-1">
            <li className="shrink-0 text-sm text-stone-600">{t("search.facet.county")}</li>
            <li>
              <Link to={href({ county: null })} aria-current={county === null ? "page" : undefined} className={chipClass(county === null)}>
                {t("search.facet.any")}
              </Link>
            </li>
            {countyChips.map((c) => (
              <li key={c}>
                <Link to={href({ county: c === county ? null : c })} aria-current={c === county ? "page" : undefined} className={chipClass(c === county)}>
                  {countyName(c, locale)} <span className="ml-1 opacity-75">{formatNumber(facets.originCounty[c] ?? 0, locale)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label={t("search.facet.temp")} className="-mx-4 overflow-x-auto px-4">
          <ul className="flex items-center gap-2 pb-1">
            <li className="shrink-0 text-sm text-stone-600">{t("search.facet.temp")}</li>
            <li>
              <Link to={href({ temp: null })} aria-current={temp === null ? "page" : undefined} className={chipClass(temp === null)}>
                {t("search.facet.any")}
              </Link>
            </li>
            {tempChips.map((c) => (
              <li key={c}>
                <Link to={href({ temp: c === temp ? null : c })} aria-current={c === temp ? "page" : undefined} className={chipClass(c === temp)}>
                  {t(`temp.${c}`)} <span className="ml-1 opacity-75">{formatNumber(facets.tempClass[c] ?? 0, locale)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Form method="get" className="flex items-center gap-2">
          {q ? <input type="hidden" name="q" value={q} /> : null}
          {category ? <input type="hidden" name="category" value={category} /> : null}
          {county ? <input type="hidden" name="county" value={county} /> : null}
          {temp ? <input type="hidden" name="temp" value={temp} /> : null}
          <label htmlFor="catalog-sort" className="text-sm text-stone-600">
            {t("search.sort.label")}
          </label>
          <select id="catalog-sort" name="sort" defaultValue={sort} className="input min-h-11 w-auto">
            {SEARCH_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary shrink-0">
            {t("search.apply")}
          </button>
        </Form>
      </div>
      {items.length === 0 ? (
        <p className="card mt-6 p-6 text-center text-stone-600">{t("catalog.empty")}</p>
      ) : (
        <ul className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((p, index) => {
            const name = bilingualName(p.nameZh, p.nameEn, locale);
            const cover = p.photos[0];
            return (
              <li key={p.id}>
                <Link to={`/catalog/${p.id}`} prefetch="intent" className="card flex h-full flex-col overflow-hidden hover:border-brand-500">
                  {cover ? (
                    <PhotoImage
                      photo={cover}
                      alt={name.primary}
                      sizes={CARD_SIZES}
                      boxWidth={640}
                      // The first row is above the fold on a phone: load it at once.
                      loading={index < 2 ? "eager" : "lazy"}
                      className="aspect-[4/3] h-auto w-full bg-stone-100 object-cover"
                    />
                  ) : (
                    <div className="flex aspect-[4/3] w-full items-center justify-center bg-stone-100 text-sm text-stone-400">{t("photos.noPhoto")}</div>
                  )}
                  <div className="flex flex-1 flex-col p-4">
                    <div className="flex items-start justify-between gap-2">
                      <div className="min-w-0">
                        <h2 className="font-semibold text-stone-900">{name.primary}</h2>
                        {name.secondary ? <p className="truncate text-sm text-stone-500">{name.secondary}</p> : null}
                      </div>
                      <TempBadge temp={p.tempClass} t={t} />
                    </div>
                    <p className="mt-2 text-sm text-stone-600">
                      {orgName(p.sellerName, p.sellerNameEn, locale)} · {t("catalog.origin", { county: countyName(p.originCounty, locale) })}
                    </p>
                    <div className="mt-auto flex items-end justify-between gap-2 pt-3">
                      <span className="text-xs text-stone-500">{t(`category.${p.category}`)}</span>
                      <span className="text-lg font-semibold text-brand-700">
                        {p.lowest ? t("catalog.fromPrice", { price: formatFen(p.lowest.unitPriceFen, locale), unit: unitName(p.lowest.unit, locale) }) : t("catalog.noPrice")}
                      </span>
                    </div>
                  </div>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} pages={pages} t={t} />
    </div>
  );
}
