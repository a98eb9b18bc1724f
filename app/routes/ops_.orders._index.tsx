import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { requirePermission } from "~/modules/auth/request.server";
import { districtName, SHANGHAI_DISTRICTS } from "~/modules/orders/districts";
import { parseOpsFilters } from "~/modules/orders/inbox-filters";
import { listOpsOrders, listWarehouses } from "~/modules/orders/inbox.server";
import { ORDER_STATUSES } from "~/modules/orders/state-machine";
import { prisma } from "~/utils/db.server";
import { formatDateTime, formatFen, formatNumber, formatTimeRange } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { orgName, placeName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { FilterActions, FilterField, IgnoredFilters } from "~/components/orders/filter-actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "订单管理" }];

/** Every order for operators and admins: search by number or buyer, filter by status, delivery day, district, warehouse. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:order:any");
  const { filters, ignored } = parseOpsFilters(new URL(request.url).searchParams);
  const db = await prisma();
  const [orders, warehouses] = await Promise.all([listOpsOrders(db, filters), listWarehouses(db)]);
  const t = translator(await resolveLocale(request, user.locale));
  return { orders, warehouses, filters, ignored: ignored.length > 0, title: `${t("fulfilment.ops.title")} · ${t("app.name")}` };
}

export default function OpsOrdersPage() {
  const { orders, warehouses, filters, ignored } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const filtered = filters.q !== "" || filters.status || filters.date || filters.district || filters.warehouseId;
  return (
    <div>
      <p className="mb-2">
        <Link to="/ops" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          ← {t("ops.title")}
        </Link>
      </p>
      <PageHeader title={t("fulfilment.ops.title")} subtitle={t("fulfilment.ops.intro")} />
      <Form method="get" className="card mb-4 grid gap-3 p-4 sm:grid-cols-3 lg:grid-cols-6 lg:items-end" aria-label={t("fulfilment.filter.submit")}>
        <FilterField id="f-q" label={t("fulfilment.ops.search")} className="space-y-1 sm:col-span-3 lg:col-span-2">
          <input id="f-q" name="q" type="search" maxLength={60} defaultValue={filters.q} placeholder={t("fulfilment.ops.searchPlaceholder")} className="input" />
        </FilterField>
        <FilterField id="f-status" label={t("fulfilment.filter.status")}>
          <select id="f-status" name="status" defaultValue={filters.status ?? ""} className="input">
            <option value="">{t("fulfilment.ops.any")}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orderStatus.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField id="f-date" label={t("fulfilment.filter.date")}>
          <input id="f-date" name="date" type="date" defaultValue={filters.date ?? ""} className="input" />
        </FilterField>
        <FilterField id="f-district" label={t("fulfilment.ops.district")}>
          <select id="f-district" name="district" defaultValue={filters.district ?? ""} className="input">
            <option value="">{t("fulfilment.ops.any")}</option>
            {SHANGHAI_DISTRICTS.map((d) => (
              <option key={d} value={d}>
                {districtName(d, locale)}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField id="f-warehouse" label={t("fulfilment.ops.warehouse")}>
          <select id="f-warehouse" name="warehouse" defaultValue={filters.warehouseId ?? ""} className="input">
            <option value="">{t("fulfilment.ops.any")}</option>
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {placeName(w.name, w.nameEn, locale)}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterActions clearTo="/ops/orders" filtered={Boolean(filtered)} className="flex gap-2 sm:col-span-3 lg:col-span-6" />
      </Form>
      <IgnoredFilters ignored={ignored} />
      <p className="mb-2 text-sm text-stone-600">{t("fulfilment.ops.count", { total: formatNumber(orders.total, locale) })}</p>
      {orders.items.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("fulfilment.ops.empty")}</p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full min-w-[48rem] text-sm">
            <caption className="sr-only">{t("fulfilment.ops.title")}</caption>
            <thead>
              <tr className="border-b border-stone-200 text-left text-xs text-stone-500">
                <th scope="col" className="px-3 py-2 font-medium">{t("fulfilment.ops.col.number")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("fulfilment.ops.col.buyer")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("fulfilment.ops.col.delivery")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("fulfilment.ops.col.sellers")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("fulfilment.ops.col.status")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("fulfilment.ops.col.total")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {orders.items.map((o) => (
                <tr key={o.id} data-number={o.number}>
                  <td className="px-3 py-2 align-top">
                    <Link to={`/ops/orders/${o.number}`} className="font-medium text-brand-700">
                      {o.number}
                    </Link>
                    <div className="text-xs text-stone-500">{formatDateTime(o.placedAt, locale)}</div>
                  </td>
                  <td className="px-3 py-2 align-top">
                    {orgName(o.buyer.name, o.buyer.nameEn, locale)}
                    {o.deliveryPointName ? <div className="text-xs text-stone-500">{placeName(o.deliveryPointName, o.deliveryPointNameEn, locale)}</div> : null}
                  </td>
                  <td className="px-3 py-2 align-top">
                    {o.slot ? (
                      <>
                        {formatTimeRange(o.slot.startsAt, o.slot.endsAt, locale)}
                        <div className="text-xs text-stone-500">
                          {districtName(o.slot.district, locale)} · {placeName(o.slot.warehouseName, o.slot.warehouseNameEn, locale)}
                        </div>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="px-3 py-2 align-top">
                    <ul>
                      {o.sellerOrders.map((so) => (
                        <li key={so.id} className="text-xs">
                          {orgName(so.sellerName, so.sellerNameEn, locale)} · <span className="text-stone-600">{t(`checkout.sellerStatus.${so.status}` as MessageKey)}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="px-3 py-2 align-top font-medium">{t(`orderStatus.${o.status}` as MessageKey)}</td>
                  <td className="px-3 py-2 text-right align-top tabular-nums">
                    {formatFen(o.totalFen, locale)}
                    {o.estimated ? <div className="text-xs text-stone-500">{t("fulfilment.ops.estimated")}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={orders.page} pages={orders.pages} t={t} />
    </div>
  );
}
