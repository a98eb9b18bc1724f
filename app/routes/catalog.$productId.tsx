import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AddToCart, readAddToCartState } from "~/components/orders/add-to-cart";
import { PhotoGallery } from "~/components/photos/photo-gallery";
import { CertificateBadges, currentCertificates, priceSummary, ProductFacts, ProductVariants, SellerCard, shanghaiToday } from "~/components/product-facts";
import { TempBadge } from "~/components/ui/badges";
import { getProduct } from "~/modules/catalog/catalog.server";
import { countyName } from "~/modules/catalog/counties";
import { unitName } from "~/modules/catalog/packs";
import { notFound, requirePermissionIfSignedIn } from "~/modules/auth/request.server";
import { can } from "~/modules/auth/permissions";
import { prisma } from "~/utils/db.server";
import { loaderCacheHeaders, publicPageHeaders } from "~/utils/http-cache";
import { formatFen } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "商品目录" }, ...(data?.description ? [{ name: "description", content: data.description }] : [])];

/**
 * One product on sale, public: visitors need no account; a signed-in user needs read:catalog (a driver gets 403).
 * Drafts, paused and archived products, and products of unverified or suspended sellers are 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermissionIfSignedIn(request, "read:catalog");
  if (!isUuid(params.productId)) notFound();
  const product = await getProduct(await prisma(), params.productId, { activeOnly: true });
  if (!product) notFound();
  const locale = await resolveLocale(request, user?.locale);
  const t = translator(locale);
  const name = bilingualName(product.nameZh, product.nameEn, locale).primary;
  const description = (locale === "en" && product.descriptionEn ? product.descriptionEn : product.descriptionZh).slice(0, 160);
  // Signed-in buyers get a quantity field per pack (the forms post to /cart); the page stays public and cacheable for visitors.
  const cart = readAddToCartState(new URL(request.url), user !== null && can(user.permissions, "manage:cart:own"), user !== null);
  return data({ product, today: shanghaiToday(), cart, title: `${name} · ${t("app.name")}`, description }, { headers: publicPageHeaders(user !== null) });
}

export const headers = loaderCacheHeaders;

export default function CatalogProductPage() {
  const { product, today, cart } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = bilingualName(product.nameZh, product.nameEn, locale);
  const description = locale === "en" && product.descriptionEn ? product.descriptionEn : product.descriptionZh;
  const prices = priceSummary(product.variants);
  const certificates = currentCertificates(product);
  return (
    <article className="space-y-6">
      <Link to="/catalog" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("product.back")}
      </Link>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-4">
          <header>
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-2xl font-semibold sm:text-3xl">{name.primary}</h1>
              <TempBadge temp={product.tempClass} t={t} />
            </div>
            {name.secondary ? (
              <p className="mt-1 text-stone-500" lang={locale === "zh" ? "en" : "zh-CN"}>
                {name.secondary}
              </p>
            ) : null}
            <p className="mt-1 text-sm text-stone-600">{t("catalog.origin", { county: countyName(product.originCounty, locale) })}</p>
            {prices.perPack ? (
              <p className="mt-3 flex flex-wrap items-baseline gap-x-3" data-testid="price-summary">
                <span className="text-2xl font-semibold text-brand-700">{t("productPage.priceFrom", { price: formatFen(prices.perPack.unitPriceFen, locale), unit: unitName(prices.perPack.unit, locale) })}</span>
                {prices.perKgFen !== null ? <span className="text-stone-600">{t("productPage.perKgFrom", { price: formatFen(prices.perKgFen, locale) })}</span> : null}
              </p>
            ) : (
              <p className="mt-3 text-stone-500">{t("catalog.noPrice")}</p>
            )}
          </header>
          <PhotoGallery photos={product.photos} name={name.primary} t={t} />
        </div>
        <div className="space-y-4">
          <SellerCard seller={product.seller} t={t} locale={locale} />
          <section aria-labelledby="certificates-heading" className="card p-4 sm:p-5">
            <h2 id="certificates-heading" className="mb-2 text-sm font-medium text-stone-500">
              {t("productPage.certificates")}
            </h2>
            <CertificateBadges certificates={certificates} t={t} />
          </section>
        </div>
      </div>
      <section aria-labelledby="packs-heading">
        <h2 id="packs-heading" className="mb-3 text-xl font-semibold">
          {t("product.variants")}
        </h2>
        <ProductVariants product={product} t={t} locale={locale} showAvailability today={today} />
      </section>
      <AddToCart productId={product.id} packs={product.variants} state={cart} t={t} locale={locale} />
      <section aria-labelledby="about-heading" className="card p-5">
        <h2 id="about-heading" className="mb-3 text-lg font-semibold">
          {t("productPage.description")}
        </h2>
        <p className="whitespace-pre-line text-stone-700" lang={locale === "en" && !product.descriptionEn && product.descriptionZh ? "zh-CN" : undefined}>
          {description || t("product.noDescription")}
        </p>
        <h3 className="sr-only">{t("productPage.facts")}</h3>
        <div className="mt-4">
          <ProductFacts product={product} t={t} locale={locale} withSeller={false} />
        </div>
      </section>
    </article>
  );
}
