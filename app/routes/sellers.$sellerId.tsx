import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PhotoImage } from "~/components/photos/photo-image";
import { CertificateBadges, profilePhotoUrl, VerifiedBadge } from "~/components/product-facts";
import { TempBadge } from "~/components/ui/badges";
import { Pagination } from "~/components/ui/pagination";
import { countyName } from "~/modules/catalog/counties";
import { unitName } from "~/modules/catalog/packs";
import { getStorefrontSeller, listStorefrontProducts } from "~/modules/catalog/storefront.server";
import { CARD_SIZES } from "~/modules/images/urls";
import { notFound, requirePermissionIfSignedIn } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { loaderCacheHeaders, publicPageHeaders } from "~/utils/http-cache";
import { formatDate, formatFen, formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid, parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "商品目录" }];

/**
 * A seller's public storefront: its profile and its products on sale, newest first, a page at a time. Public
 * like the product pages (a signed-in user needs read:catalog); only verified, unsuspended sellers have one
 * (404 otherwise). A page number past the end shows the last page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermissionIfSignedIn(request, "read:catalog");
  if (!isUuid(params.sellerId)) notFound();
  const db = await prisma();
  const seller = await getStorefrontSeller(db, params.sellerId);
  if (!seller) notFound();
  const products = await listStorefrontProducts(db, seller.id, parsePage(new URL(request.url).searchParams.get("page")));
  const locale = await resolveLocale(request, user?.locale);
  const t = translator(locale);
  return data(
    { seller, products, title: `${bilingualName(seller.name, seller.nameEn, locale).primary} · ${t("app.name")}` },
    { headers: publicPageHeaders(user !== null) },
  );
}

export const headers = loaderCacheHeaders;

export default function SellerStorefrontPage() {
  const { seller, products } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = bilingualName(seller.name, seller.nameEn, locale);
  const englishIntro = locale === "en" && seller.descriptionEn.trim() !== "";
  const intro = englishIntro ? seller.descriptionEn : seller.descriptionZh;
  return (
    <div className="space-y-6">
      <Link to="/catalog" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("product.back")}
      </Link>
      <header className="card flex flex-col gap-4 p-4 sm:flex-row sm:p-6">
        {seller.photoId ? (
          <img
            src={profilePhotoUrl(seller.id, seller.photoId)}
            alt={t("storefront.photoAlt", { name: name.primary })}
            width={160}
            height={160}
            decoding="async"
            className="h-40 w-40 shrink-0 rounded-xl bg-stone-100 object-cover"
          />
        ) : null}
        <div className="min-w-0 space-y-2">
          <h1 className="text-2xl font-semibold sm:text-3xl">{name.primary}</h1>
          {name.secondary ? (
            <p className="text-stone-500" lang={locale === "zh" ? "en" : "zh-CN"}>
              {name.secondary}
            </p>
          ) : null}
          <p className="text-sm text-stone-600">
            {t(`orgKind.${seller.kind}`)} · {t("storefront.located", { county: countyName(seller.county, locale) })}
          </p>
          <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
            <VerifiedBadge t={t} />
            {seller.reviewedAt ? <span>{t("storefront.verifiedSince", { date: formatDate(seller.reviewedAt, locale) })}</span> : null}
          </p>
          {intro.trim() ? (
            <p className="whitespace-pre-line text-stone-700" lang={locale === "en" && !englishIntro ? "zh-CN" : undefined}>
              {intro}
            </p>
          ) : null}
          {seller.certificates.length > 0 ? (
            <div>
              <h2 className="mb-1 text-sm font-medium text-stone-500">{t("storefront.certifications")}</h2>
              <CertificateBadges certificates={seller.certificates} t={t} />
            </div>
          ) : null}
        </div>
      </header>
      <section aria-labelledby="storefront-products">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="storefront-products" className="text-xl font-semibold">
            {t("storefront.products")}
          </h2>
          <p className="text-sm text-stone-600">{t("storefront.productCount", { count: formatNumber(products.total, locale) })}</p>
        </div>
        {products.items.length === 0 ? (
          <p className="card p-6 text-center text-stone-600">{t("storefront.empty")}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {products.items.map((p, index) => {
              const productName = bilingualName(p.nameZh, p.nameEn, locale);
              const cover = p.photos[0];
              return (
                <li key={p.id}>
                  <Link to={`/catalog/${p.id}`} prefetch="intent" className="card flex h-full flex-col overflow-hidden hover:border-brand-500">
                    {cover ? (
                      <PhotoImage photo={cover} alt={productName.primary} sizes={CARD_SIZES} boxWidth={640} loading={index < 2 ? "eager" : "lazy"} className="aspect-[4/3] h-auto w-full bg-stone-100 object-cover" />
                    ) : (
                      <div className="flex aspect-[4/3] w-full items-center justify-center bg-stone-100 text-sm text-stone-400">{t("photos.noPhoto")}</div>
                    )}
                    <div className="flex flex-1 flex-col p-4">
                      <div className="flex items-start justify-between gap-2">
                        <div className="min-w-0">
                          <h3 className="font-semibold text-stone-900">{productName.primary}</h3>
                          {productName.secondary ? <p className="truncate text-sm text-stone-500">{productName.secondary}</p> : null}
                        </div>
                        <TempBadge temp={p.tempClass} t={t} />
                      </div>
                      <div className="mt-auto flex flex-wrap items-end justify-between gap-2 pt-3">
                        <span className="text-xs text-stone-500">
                          {t(`category.${p.category}`)}
                          {p.inStock ? <span className="ml-2 font-medium text-emerald-700">{t("storefront.inStock")}</span> : null}
                        </span>
                        <span className="text-right">
                          <span className="block text-lg font-semibold text-brand-700">
                            {p.lowest ? t("productPage.priceFrom", { price: formatFen(p.lowest.unitPriceFen, locale), unit: unitName(p.lowest.unit, locale) }) : t("catalog.noPrice")}
                          </span>
                          {p.lowestPerKgFen !== null ? <span className="block text-xs text-stone-600">{t("productPage.perKgFrom", { price: formatFen(p.lowestPerKgFen, locale) })}</span> : null}
                        </span>
                      </div>
                    </div>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
        <Pagination page={products.page} pages={products.pages} t={t} />
      </section>
    </div>
  );
}
