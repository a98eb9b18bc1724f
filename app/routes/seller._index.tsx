import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { SalesChart } from "~/components/charts/sales-chart";
import { SellerNav } from "~/components/seller-nav";
import { StatusBadge, TempBadge } from "~/components/ui/badges";
import { PageHeader, Stat } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { composePackLabel, unitName } from "~/modules/catalog/packs";
import { getSellerDashboard, sellerOrganizationIds } from "~/modules/seller/console.server";
import { requirePermission } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatDate, formatFen, formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "卖家中心" }];

/** The seller console's home: today's work (orders, low stock, expiring lots, verification), sales and the product list. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  const dashboard = await getSellerDashboard(await prisma(), orgIds, { page: parsePage(new URL(request.url).searchParams.get("page")) });
  const t = translator(await resolveLocale(request, user.locale));
  return { ...dashboard, title: `${t("seller.title")} · ${t("app.name")}` };
}

/** One card of today's work: a heading with its count, what it lists, and where to act. */
function WorkCard({ title, count, link, children, alert }: { title: string; count: string; link: { to: string; label: string }; children?: ReactNode; alert?: boolean }) {
  return (
    <section className={`card flex flex-col p-4 ${alert ? "border-amber-300" : ""}`} aria-label={title}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="font-semibold">{title}</h3>
        <span className={`text-2xl font-semibold tabular-nums ${alert ? "text-amber-800" : "text-stone-900"}`}>{count}</span>
      </div>
      {children ? <div className="mt-2 flex-1 text-sm">{children}</div> : <div className="flex-1" />}
      <Link to={link.to} className="mt-3 inline-flex min-h-11 items-center font-medium text-brand-700">
        {link.label} →
      </Link>
    </section>
  );
}

export default function SellerConsolePage() {
  const { organizations, counts, products, lowStock, expiringLots, sales } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const needsVerification = organizations.filter((o) => o.verificationStatus !== "verified");
  return (
    <div>
      <SellerNav current="overview" />
      <PageHeader title={t("seller.title")} subtitle={organizations.length > 0 ? organizations.map((o) => `${o.name}（${o.county}）`).join("、") : t("seller.noOrg")} />

      {needsVerification.map((o) => {
        const rejected = o.verificationStatus === "rejected";
        return (
          <div
            key={o.id}
            role={rejected ? "alert" : "status"}
            className={`mb-4 rounded-xl border px-4 py-3 ${rejected ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-900"}`}
          >
            <p className="font-semibold">{t(rejected ? "dashboard.verification.rejected.title" : "dashboard.verification.pending.title")}</p>
            <p className="mt-1 text-sm">
              {rejected
                ? t("dashboard.verification.rejected.body", { org: o.name, reason: o.reviewNote.trim() || t("dashboard.verification.noReason") })
                : t("dashboard.verification.pending.body", { org: o.name })}
            </p>
            <Link to="/seller/profile" className="mt-1 inline-flex min-h-11 items-center text-sm font-semibold underline underline-offset-4">
              {t("dashboard.verification.link")} →
            </Link>
          </div>
        );
      })}

      <h2 className="mb-3 text-xl font-semibold">{t("dashboard.today")}</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <WorkCard
          title={t("dashboard.ordersToConfirm")}
          count={formatNumber(counts.pendingOrders, locale)}
          alert={counts.pendingOrders > 0}
          link={{ to: "/seller/orders", label: t("dashboard.toOrders") }}
        />
        <WorkCard title={t("dashboard.lowStock")} count={formatNumber(lowStock.total, locale)} alert={lowStock.total > 0} link={{ to: "/seller/stock", label: t("dashboard.toStock") }}>
          {lowStock.items.length === 0 ? (
            <p className="text-stone-600">{t("dashboard.lowStockNone")}</p>
          ) : (
            <ul className="space-y-1">
              {lowStock.items.map((item) => (
                <li key={item.variantId} className="flex justify-between gap-2">
                  <Link to={`/seller/stock/${item.variantId}`} className="min-w-0 truncate hover:text-brand-700">
                    {bilingualName(item.nameZh, item.nameEn, locale).primary} · {composePackLabel(item.pack, locale)}
                  </Link>
                  <span className="shrink-0 font-medium tabular-nums text-amber-900">{t("dashboard.lowStockItem", { available: formatNumber(item.available, locale) })}</span>
                </li>
              ))}
              {lowStock.total > lowStock.items.length ? <li className="text-stone-500">{t("dashboard.more", { count: formatNumber(lowStock.total - lowStock.items.length, locale) })}</li> : null}
            </ul>
          )}
          <p className="mt-2 text-xs text-stone-500">{t("dashboard.lowStockHint", { threshold: lowStock.threshold })}</p>
        </WorkCard>
        <WorkCard title={t("dashboard.expiringLots")} count={formatNumber(expiringLots.total, locale)} alert={expiringLots.total > 0} link={{ to: "/seller/lots", label: t("dashboard.toLots") }}>
          {expiringLots.items.length === 0 ? (
            <p className="text-stone-600">{t("dashboard.expiringNone")}</p>
          ) : (
            <ul className="space-y-1">
              {expiringLots.items.map((lot) => (
                <li key={lot.id}>
                  <span className="font-medium">{lot.code}</span> · {bilingualName(lot.nameZh, lot.nameEn, locale).primary}
                  <span className="block text-xs text-amber-900">{t("dashboard.expiresOn", { date: formatDate(lot.expiresAt, locale) })}</span>
                </li>
              ))}
              {expiringLots.total > expiringLots.items.length ? <li className="text-stone-500">{t("dashboard.more", { count: formatNumber(expiringLots.total - expiringLots.items.length, locale) })}</li> : null}
            </ul>
          )}
        </WorkCard>
      </div>

      <div className="mt-3 grid grid-cols-2 gap-3">
        <Stat label={t("seller.activeCount")} value={formatNumber(counts.active, locale)} />
        <Stat label={t("seller.productCount")} value={formatNumber(counts.products, locale)} />
      </div>

      <section className="card mt-8 p-4" aria-labelledby="sales-heading">
        <h2 id="sales-heading" className="text-xl font-semibold">
          {t("dashboard.sales.title")}
        </h2>
        <p className="mb-3 mt-1 text-sm text-stone-500">{t("dashboard.sales.note")}</p>
        {sales.series.length === 0 ? (
          <p className="py-6 text-center text-stone-600">{t("dashboard.sales.empty")}</p>
        ) : (
          <SalesChart
            id="sales-chart"
            title={t("dashboard.sales.title")}
            weeks={sales.weeks}
            series={sales.series.map((s) => ({ key: s.productId, name: bilingualName(s.nameZh, s.nameEn, locale).primary, weekly: s.weekly, totalFen: s.totalFen }))}
            totalFen={sales.totalFen}
            locale={locale}
            t={t}
          />
        )}
      </section>

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
                        <span className="font-medium">{composePackLabel(v, locale)}</span>
                        {v.priceTiers.length > 0
                          ? ` · ${v.priceTiers.map((tier) => t("product.tier", { min: tier.minQuantity, unit: unitName(v.unit, locale), price: formatFen(tier.unitPriceFen, locale) })).join("；")}`
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
