import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductFacts, ProductVariants } from "~/components/product-facts";
import { StatusBadge } from "~/components/ui/badges";
import { getOwnProduct, sellerOrganizationIds } from "~/modules/seller/console.server";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatDate, formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "卖家中心" }];

/** A seller's own product; someone else's listing is 403 even for another seller. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  if (!isUuid(params.productId)) notFound();
  const result = await getOwnProduct(await prisma(), params.productId, sellerOrganizationIds(user.memberships));
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  return { ...result, title: `${bilingualName(result.product.nameZh, result.product.nameEn, locale).primary} · ${t("seller.title")}` };
}

export default function SellerProductPage() {
  const { product, stock, pendingOrderLines } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = bilingualName(product.nameZh, product.nameEn, locale);
  const unitOf = Object.fromEntries(product.variants.map((v) => [v.id, t(`unit.${v.unit}`)]));
  return (
    <article className="space-y-6">
      <Link to="/seller" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("seller.back")}
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold sm:text-3xl">{name.primary}</h1>
          {name.secondary ? <p className="mt-1 text-stone-500">{name.secondary}</p> : null}
          <p className="mt-2 text-sm text-stone-500">{t("seller.updated", { date: formatDate(product.updatedAt, locale) })}</p>
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge status={product.status} t={t} />
          {product.status === "active" ? (
            <Link to={`/catalog/${product.id}`} className="btn-secondary">
              {t("seller.viewInCatalog")}
            </Link>
          ) : null}
        </div>
      </header>
      <section className="card p-5">
        <ProductFacts product={product} t={t} locale={locale} />
        <p className="mt-4 text-sm text-stone-600">
          {t("seller.pendingLines", { count: formatNumber(pendingOrderLines, locale) })}
        </p>
      </section>
      <section>
        <h2 className="mb-3 text-xl font-semibold">{t("product.variants")}</h2>
        <ProductVariants
          product={product}
          t={t}
          locale={locale}
          extra={(id) => <p className="mt-1 text-sm font-medium text-stone-800">{t("seller.stock", { count: formatNumber(stock[id] ?? 0, locale), unit: unitOf[id] })}</p>}
        />
      </section>
    </article>
  );
}
