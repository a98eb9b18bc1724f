import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SellerNav } from "~/components/seller-nav";
import { PageHeader } from "~/components/ui/page-header";
import { composePackLabel, formatPackCount } from "~/modules/catalog/packs";
import { requirePermission } from "~/modules/auth/request.server";
import { listOrdersToConfirm, sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formatDateTime, formatFen, formatNumber, formatTimeRange, formatWeight, intlTag, TIME_ZONE } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { orgName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "待确认订单" }];

/**
 * The seller's orders waiting for confirmation, by delivery date. Read-only: confirming and
 * short-shipping arrive with the ordering issue.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  const orders = await listOrdersToConfirm(await prisma(), sellerOrganizationIds(user.memberships));
  const t = translator(await resolveLocale(request, user.locale));
  return { orders, title: `${t("dashboard.orders.title")} · ${t("seller.title")}` };
}

/** "2026年12月1日星期二" / "Tuesday 1 December 2026" for a Beijing date key (YYYY-MM-DD). */
function dayHeading(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { timeZone: TIME_ZONE, dateStyle: "full" }).format(new Date(`${day}T12:00:00+08:00`));
}

export default function SellerOrdersPage() {
  const { orders } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <SellerNav current="orders" />
      <PageHeader title={t("dashboard.orders.title")} subtitle={t("dashboard.orders.intro")} />
      <p role="note" className="mb-6 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
        {t("dashboard.orders.comingSoon")}
      </p>
      {orders.shown < orders.total ? <p className="mb-4 text-sm text-stone-600">{t("dashboard.orders.truncated", { total: formatNumber(orders.total, locale), shown: formatNumber(orders.shown, locale) })}</p> : null}
      {orders.days.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("dashboard.orders.empty")}</p>
      ) : (
        <div className="space-y-8">
          {orders.days.map((group) => {
            const headingId = `day-${group.day ?? "none"}`;
            return (
              <section key={group.day ?? "none"} aria-labelledby={headingId}>
                <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
                  <h2 id={headingId} className="text-lg font-semibold">
                    {group.day ? t("dashboard.orders.deliveryOn", { date: dayHeading(group.day, locale) }) : t("dashboard.orders.noSlot")}
                  </h2>
                  <p className="text-sm text-stone-600">{t("dashboard.orders.dayTotal", { count: formatNumber(group.orders.length, locale), amount: formatFen(group.subtotalFen, locale) })}</p>
                </div>
                <ul className="space-y-3">
                  {group.orders.map((o) => (
                    <li key={o.sellerOrderId} className="card p-4">
                      <div className="flex flex-wrap items-start justify-between gap-2">
                        <div className="min-w-0">
                          <h3 className="font-semibold">{orgName(o.buyerName, o.buyerNameEn, locale)}</h3>
                          <p className="text-sm text-stone-500">{t("dashboard.orders.number", { number: o.number })}</p>
                        </div>
                        <p className="text-right">
                          <span className="block text-xs text-stone-500">{t("dashboard.orders.subtotal")}</span>
                          <span className="text-lg font-semibold tabular-nums">{formatFen(o.subtotalFen, locale)}</span>
                        </p>
                      </div>
                      <p className="mt-1 text-sm text-stone-600">
                        {o.slotStartsAt && o.slotEndsAt ? `${t("dashboard.orders.slot", { range: formatTimeRange(o.slotStartsAt, o.slotEndsAt, locale) })} · ` : ""}
                        {t("dashboard.orders.placedAt", { time: formatDateTime(o.placedAt, locale) })} · {t("dashboard.orders.weight", { weight: formatWeight(o.weightGrams, locale) })}
                      </p>
                      <p className="text-sm text-stone-500">{o.deliveryAddress}</p>
                      <table className="mt-3 w-full text-sm">
                        <caption className="sr-only">{t("dashboard.orders.lines")}</caption>
                        <thead className="sr-only">
                          <tr>
                            <th scope="col">{t("dashboard.orders.lines")}</th>
                            <th scope="col">{t("dashboard.orders.lineQuantity")}</th>
                            <th scope="col">{t("dashboard.orders.lineTotal")}</th>
                          </tr>
                        </thead>
                        <tbody className="divide-y divide-stone-100 border-t border-stone-100">
                          {o.lines.map((l) => (
                            <tr key={l.id}>
                              <td className="py-2 pr-2 align-top">
                                <span className="block font-medium">{locale === "en" && l.productNameEn ? l.productNameEn : l.productNameZh}</span>
                                <span className="block text-xs text-stone-500">
                                  {composePackLabel(l.pack, locale)} · {t("dashboard.orders.linePrice")} {formatFen(l.unitPriceFen, locale)}
                                </span>
                              </td>
                              <td className="whitespace-nowrap py-2 pr-2 text-right align-top tabular-nums">{formatPackCount(l.quantity, l.pack.unit, locale)}</td>
                              <td className="whitespace-nowrap py-2 text-right align-top tabular-nums">{formatFen(l.lineTotalFen, locale)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      {o.note ? <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("dashboard.orders.buyerNote", { note: o.note })}</p> : null}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
