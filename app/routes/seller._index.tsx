import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge, TempBadge } from "~/components/ui/badges";
import { PageHeader, Stat } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { getSellerConsole, sellerOrganizationIds } from "~/modules/seller/console.server";
import { requirePermission } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatDate, formatFen, formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "卖家中心" }];

/** The seller console: the user's selling organizations' own listings and pending orders. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  const overview = await getSellerConsole(await prisma(), orgIds, parsePage(new URL(request.url).searchParams.get("page")));
  const t = translator(await resolveLocale(request, user.locale));
  return { ...overview, title: `${t("seller.title")} · ${t("app.name")}` };
}

export default function SellerConsolePage() {
  const { organizations, counts, products } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader title={t("seller.title")} subtitle={organizations.length > 0 ? organizations.map((o) => `${o.name}（${o.county}）`).join("、") : t("seller.noOrg")} />
      <div className="grid grid-cols-3 gap-3">
        <Stat label={t("seller.pendingOrders")} value={formatNumber(counts.pendingOrders, locale)} />
        <Stat label={t("seller.activeCount")} value={formatNumber(counts.active, locale)} />
        <Stat label={t("seller.productCount")} value={formatNumber(counts.products, locale)} />
      </div>
      <h2 className="mb-3 mt-8 text-xl font-semibold">{t("seller.products")}</h2>
      {products.items.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("seller.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {products.items.map((p) => {
            const name = bilingualName(p.nameZh, p.nameEn, locale);
            return (
              <li key={p.id}>
                <Link to={`/seller/products/${p.id}`} prefetch="intent" className="card block p-4 hover:border-brand-500">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <div className="min-w-0">
                      <h3 className="font-semibold">{name.primary}</h3>
                      {name.secondary ? <p className="truncate text-sm text-stone-500">{name.secondary}</p> : null}
                    </div>
                    <div className="flex items-center gap-2">
                      <TempBadge temp={p.tempClass} t={t} />
                      <StatusBadge status={p.status} t={t} />
                    </div>
                  </div>
                  <ul className="mt-2 space-y-1 text-sm text-stone-700">
                    {p.variants.map((v) => (
                      <li key={v.id} className={v.active ? "" : "text-stone-400 line-through"}>
                        <span className="font-medium">{v.label}</span>
                        {v.priceTiers.length > 0
                          ? ` · ${v.priceTiers.map((tier) => t("product.tier", { min: tier.minQuantity, unit: t(`unit.${v.unit}`), price: formatFen(tier.unitPriceFen, locale) })).join("；")}`
                          : ` · ${t("catalog.noPrice")}`}
                      </li>
                    ))}
                  </ul>
                  <p className="mt-2 text-xs text-stone-500">
                    {t("seller.variantCount", { count: p.variants.length })} · {t("seller.updated", { date: formatDate(p.updatedAt, locale) })}
                  </p>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={products.page} pages={products.pages} t={t} />
    </div>
  );
}
