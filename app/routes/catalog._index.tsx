import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import * as z from "zod/mini";
import { PhotoImage } from "~/components/photos/photo-image";
import { ActiveFilters, CatalogFacets, SortLinks, type FacetGroup } from "~/components/search/catalog-facets";
import { catalogHref, type CatalogUrlState, type FilterParam } from "~/components/search/catalog-url";
import { SearchBox } from "~/components/search/search-box";
import { TempBadge } from "~/components/ui/badges";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import type { TempClass } from "~/generated/prisma/enums";
import { requirePermissionIfSignedIn } from "~/modules/auth/request.server";
import { effectiveSort, searchCatalog, type CatalogItem, type CatalogQuery, type StockFilter } from "~/modules/catalog/catalog.server";
import { CATEGORIES, parseCategory } from "~/modules/catalog/categories";
import { certificateKey } from "~/modules/catalog/certificates";
import { countyName, isSanmingCounty, SANMING_COUNTIES } from "~/modules/catalog/counties";
import { unitName } from "~/modules/catalog/packs";
import { emptyResultsHelp } from "~/modules/search/correction.server";
import { SEARCH_SORTS, type SearchSort } from "~/modules/search/engine";
import { CARD_SIZES } from "~/modules/images/urls";
import { prisma } from "~/utils/db.server";
import { loaderCacheHeaders, publicPageHeaders } from "~/utils/http-cache";
import { formatFen, formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName, orgName } from "~/utils/i18n/names";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid, parsePage } from "~/utils/pagination";
import { cleanSearchText } from "~/utils/search-text";

const TEMPS: readonly TempClass[] = ["ambient", "chilled", "frozen"];
const STOCKS: readonly StockFilter[] = ["in", "soon"];

/** A query parameter narrowed by `parse`; anything else (unknown values, repeats, odd bytes) is simply no filter. */
const choice = <V extends string>(parse: (value: string) => V | undefined) => z.catch(z.optional(z.pipe(z.string(), z.transform(parse))), undefined);
const oneOf =
  <V extends string>(values: readonly V[]) =>
  (value: string) =>
    values.find((v) => v === value);

const CatalogParams = z.object({
  q: choice((v) => cleanSearchText(v) || undefined),
  category: choice(parseCategory),
  county: choice((v) => (isSanmingCounty(v) ? v : undefined)),
  temp: choice(oneOf(TEMPS)),
  seller: choice((v) => (isUuid(v) ? v.toLowerCase() : undefined)),
  // Only kinds the catalogue can name: a chip must never read "other certificate".
  cert: choice((v) => (/^[a-z_]{1,40}$/.test(v) && certificateKey(v) !== "cert.other" ? v : undefined)),
  stock: choice(oneOf(STOCKS)),
  sort: choice(oneOf(SEARCH_SORTS)),
  page: choice((v) => v),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "商品目录" }];

/**
 * The public catalogue (signed-out visitors may browse; a signed-in account needs read:catalog): search words, facets
 * with counts and sorting, all from the search engine's one query; help when nothing is found.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermissionIfSignedIn(request, "read:catalog");
  const params = CatalogParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  const q = params.q ?? "";
  const sort: SearchSort = effectiveSort(q, params.sort);
  const query: CatalogQuery = {
    q,
    category: params.category,
    originCounty: params.county,
    tempClass: params.temp,
    sellerId: params.seller,
    certKind: params.cert,
    stock: params.stock,
    sort,
    page: parsePage(params.page),
  };
  const db = await prisma();
  const result = await searchCatalog(db, query);
  const help = result.total === 0 ? await emptyResultsHelp(db, { ...query, sellerId: result.seller?.id }) : null;
  const t = translator(await resolveLocale(request, user?.locale));
  const filters: Record<FilterParam, string | null> = {
    category: params.category ?? null,
    county: params.county ?? null,
    temp: params.temp ?? null,
    seller: result.seller?.id ?? null,
    cert: params.cert ?? null,
    stock: params.stock ?? null,
  };
  return data(
    { ...result, help, q, sort, filters, signedIn: user !== null, title: `${q ? `${q} · ` : ""}${t("catalog.title")} · ${t("app.name")}` },
    { headers: publicPageHeaders(user !== null) },
  );
}

export const headers = loaderCacheHeaders;

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The facet groups in display order, with labels in the viewer's language. */
function facetGroups(data: LoaderData, t: T, locale: Locale): FacetGroup[] {
  const { facets, filters } = data;
  const keep = (param: FilterParam, value: string, count: number | undefined) => (count ?? 0) > 0 || filters[param] === value;
  const sellers = facets.sellers.map((s) => ({ value: s.id, label: orgName(s.name, s.nameEn, locale), count: s.count }));
  if (data.seller && !sellers.some((s) => s.value === data.seller?.id)) sellers.unshift({ value: data.seller.id, label: orgName(data.seller.name, data.seller.nameEn, locale), count: 0 });
  const certs = Object.entries(facets.certKind)
    .filter(([kind]) => certificateKey(kind) !== "cert.other")
    .map(([kind, count]) => ({ value: kind, label: t(certificateKey(kind)), count }));
  if (filters.cert && !certs.some((c) => c.value === filters.cert)) certs.push({ value: filters.cert, label: t(certificateKey(filters.cert)), count: 0 });
  const groups: FacetGroup[] = [
    { param: "category", title: t("catalogList.facet.category"), options: CATEGORIES.filter((c) => keep("category", c, facets.category[c])).map((c) => ({ value: c, label: t(`category.${c}`), count: facets.category[c] ?? 0 })) },
    { param: "county", title: t("search.facet.county"), options: SANMING_COUNTIES.filter((c) => keep("county", c, facets.originCounty[c])).map((c) => ({ value: c, label: countyName(c, locale), count: facets.originCounty[c] ?? 0 })) },
    { param: "temp", title: t("search.facet.temp"), options: TEMPS.filter((c) => keep("temp", c, facets.tempClass[c])).map((c) => ({ value: c, label: t(`temp.${c}`), count: facets.tempClass[c] ?? 0 })) },
    { param: "stock", title: t("catalogList.facet.stock"), options: [
        { value: "in", label: t("catalogList.stock.in"), count: facets.inStock },
        { value: "soon", label: t("catalogList.stock.soon"), count: facets.availableSoon },
      ].filter((o) => keep("stock", o.value, o.count)) },
    { param: "cert", title: t("catalogList.facet.cert"), options: certs },
    { param: "seller", title: t("catalogList.facet.seller"), options: sellers },
  ];
  return groups.filter((g) => g.options.length > 0);
}

/** The chosen filters' labels, for the removable chips. */
function activeLabels(groups: FacetGroup[], filters: LoaderData["filters"]): { param: FilterParam; label: string }[] {
  return groups.flatMap((g) => {
    const value = filters[g.param];
    const option = value ? g.options.find((o) => o.value === value) : undefined;
    return option ? [{ param: g.param, label: option.label }] : [];
  });
}

export default function CatalogPage() {
  const data = useLoaderData<typeof loader>();
  const { items, total, page, pages, q, sort, filters, help, signedIn } = data;
  const t = useT();
  const locale = useLocale();
  const state: CatalogUrlState = { q, filters, sort };
  const groups = facetGroups(data, t, locale);
  const sorts = SEARCH_SORTS.filter((s) => s !== "relevance" || q);
  const count = formatNumber(total, locale);
  return (
    <div>
      <PageHeader title={t("catalog.title")} subtitle={q ? t("catalogList.resultsFor", { q, count }) : t("catalog.results", { count })} />
      {/* Remounted for new words, so a correction link shows its words in the box. */}
      <SearchBox key={q} t={t} defaultValue={q}>
        {Object.entries(filters).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        {sort !== "relevance" && sort !== "newest" ? <input type="hidden" name="sort" value={sort} /> : null}
      </SearchBox>
      <ActiveFilters t={t} state={state} labels={activeLabels(groups, filters)} />
      <div className="mt-4 lg:grid lg:grid-cols-[16rem_minmax(0,1fr)] lg:items-start lg:gap-6">
        {groups.length ? <CatalogFacets t={t} locale={locale} state={state} groups={groups} /> : <div />}
        <section aria-label={t("catalog.title")} className="mt-4 lg:mt-0">
          {total > 0 ? <SortLinks t={t} state={state} sorts={sorts} /> : null}
          {help ? <EmptyHelp t={t} locale={locale} q={q} state={state} help={help} /> : <ProductGrid items={items} t={t} locale={locale} />}
          <Pagination page={page} pages={pages} t={t} />
          {signedIn ? null : (
            <p className="mt-6 text-sm text-stone-500">
              {t("catalogList.publicPrices")}{" "}
              <Link to="/login?redirectTo=%2Fcatalog" className="font-medium text-brand-700 underline underline-offset-4">
                {t("nav.signIn")}
              </Link>
            </p>
          )}
        </section>
      </div>
    </div>
  );
}

function ProductGrid({ items, t, locale }: { items: CatalogItem[]; t: T; locale: Locale }) {
  return (
    <ul className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {items.map((p, index) => (
        <li key={p.id}>
          <ProductCard p={p} t={t} locale={locale} eager={index < 2} />
        </li>
      ))}
    </ul>
  );
}

function ProductCard({ p, t, locale, eager }: { p: CatalogItem; t: T; locale: Locale; eager: boolean }) {
  const name = bilingualName(p.nameZh, p.nameEn, locale);
  const cover = p.photos[0];
  return (
    <Link to={`/catalog/${p.id}`} prefetch="intent" className="card flex h-full flex-col overflow-hidden hover:border-brand-500">
      {cover ? (
        <PhotoImage
          photo={cover}
          alt={name.primary}
          sizes={CARD_SIZES}
          boxWidth={640}
          // The first row is above the fold on a phone: load it at once.
          loading={eager ? "eager" : "lazy"}
          className="aspect-[4/3] h-auto w-full bg-stone-100 object-cover"
        />
      ) : (
        <div className="flex aspect-[4/3] w-full items-center justify-center bg-stone-100 text-sm text-stone-400">{t("photos.noPhoto")}</div>
      )}
      <div className="flex flex-1 flex-col p-4">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <h3 className="font-semibold text-stone-900">{name.primary}</h3>
            {name.secondary ? <p className="truncate text-sm text-stone-500">{name.secondary}</p> : null}
          </div>
          <TempBadge temp={p.tempClass} t={t} />
        </div>
        <p className="mt-2 text-sm text-stone-600">
          {orgName(p.sellerName, p.sellerNameEn, locale)} · {t("catalog.origin", { county: countyName(p.originCounty, locale) })}
        </p>
        <div className="mt-auto flex items-end justify-between gap-2 pt-3">
          <span className="text-xs text-stone-500">{t(`category.${p.category}`)}</span>
          <span className="text-right">
            <span className="block text-lg font-semibold text-brand-700">
              {p.lowest ? t("catalog.fromPrice", { price: formatFen(p.lowest.unitPriceFen, locale), unit: unitName(p.lowest.unit, locale) }) : t("catalog.noPrice")}
            </span>
            {p.perKgFen !== null ? (
              <span className="block text-xs text-stone-500" data-per-kg-fen={p.perKgFen}>
                {t("catalogList.perKg", { price: formatFen(p.perKgFen, locale) })}
              </span>
            ) : null}
          </span>
        </div>
      </div>
    </Link>
  );
}

function EmptyHelp({ t, locale, q, state, help }: { t: T; locale: Locale; q: string; state: CatalogUrlState; help: NonNullable<LoaderData["help"]> }) {
  // The corrected word becomes a link inside the sentence: split the message where the word goes.
  const [before, after = ""] = t("catalogList.empty.didYouMean").split("{word}");
  return (
    <div className="card mt-4 space-y-3 p-6 text-stone-700" role="status">
      <p className="text-lg font-medium text-stone-900">{q ? t("catalogList.empty.title", { q }) : t("catalogList.empty.filtered")}</p>
      {help.correction ? (
        <p className="text-lg">
          {before}
          <Link to={catalogHref({ q: help.correction, filters: {}, sort: "relevance" })} className="font-semibold text-brand-700 underline underline-offset-4">
            {help.correction}
          </Link>
          {after}
        </p>
      ) : null}
      <ul className="space-y-2">
        {help.foundWithoutFilters ? (
          <li>
            <Link to={catalogHref({ q, filters: {}, sort: state.sort })} className="text-brand-700 underline underline-offset-4">
              {t("catalogList.empty.withoutFilters", { q })}
            </Link>
          </li>
        ) : null}
        {help.category ? (
          <li>
            <Link to={catalogHref({ q: "", filters: { category: help.category }, sort: "newest" })} className="text-brand-700 underline underline-offset-4">
              {t("catalogList.empty.category", { category: t(`category.${help.category}`) })}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to="/catalog" className="text-brand-700 underline underline-offset-4">
            {t("catalogList.empty.browseAll")}
          </Link>
        </li>
      </ul>
      <p className="text-sm text-stone-500">{t("catalogList.empty.tips")}</p>
      {help.soon.length ? (
        <div className="pt-2">
          <h2 className="text-base font-semibold text-stone-900">{t("catalogList.empty.soon")}</h2>
          <ProductGrid items={help.soon} t={t} locale={locale} />
        </div>
      ) : null}
    </div>
  );
}
