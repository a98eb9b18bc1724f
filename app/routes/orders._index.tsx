import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { forbidden, requirePermission } from "~/modules/auth/request.server";
import { listBuyerOrders } from "~/modules/orders/detail.server";
import { ORDER_STATUSES, type OrderStatus } from "~/modules/orders/state-machine";
import { prisma } from "~/utils/db.server";
import { formatDateTime, formatFen, formatNumber, formatTimeRange } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { orgName, placeName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "我的订单" }];

/** The buyer organization's orders, newest first, paged, with a status filter (an unknown status means all). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:order:own");
  const org = user.memberships.find((m) => m.role === "buyer");
  if (!org) forbidden();
  const url = new URL(request.url);
  const raw = url.searchParams.get("status");
  const status = ORDER_STATUSES.includes(raw as OrderStatus) ? (raw as OrderStatus) : null;
  const orders = await listBuyerOrders(await prisma(), org.organizationId, { page: parsePage(url.searchParams.get("page")), status });
  const t = translator(await resolveLocale(request, user.locale));
  return { orders, status, title: `${t("checkout.orders.title")} · ${t("app.name")}` };
}

export default function BuyerOrdersPage() {
  const { orders, status } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <PageHeader title={t("checkout.orders.title")} subtitle={t("checkout.orders.intro")}>
        <Form method="get" className="flex items-end gap-2">
          <div>
            <label htmlFor="status" className="block text-sm font-medium text-stone-800">
              {t("checkout.orders.filter")}
            </label>
            <select id="status" name="status" defaultValue={status ?? ""} className="input">
              <option value="">{t("checkout.orders.all")}</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`orderStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary min-h-11">
            {t("checkout.orders.apply")}
          </button>
        </Form>
      </PageHeader>
      {orders.items.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("checkout.orders.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {orders.items.map((o) => (
            <li key={o.id} className="card p-4" data-order={o.number}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link to={`/orders/${o.number}`} className="font-semibold text-brand-700 hover:underline">
                  {o.number}
                </Link>
                <span className="rounded-md bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700">{t(`orderStatus.${o.status}`)}</span>
              </div>
              <p className="mt-1 text-sm text-stone-600">
                {t("checkout.orders.placedAt")} {formatDateTime(o.placedAt, locale)} · {o.placedByName}
                {o.slot ? ` · ${t("checkout.orders.delivery")} ${formatTimeRange(o.slot.startsAt, o.slot.endsAt, locale)}` : ""}
                {o.deliveryPointName ? ` · ${placeName(o.deliveryPointName, o.deliveryPointNameEn, locale)}` : ""}
              </p>
              <div className="mt-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span className="text-stone-600">
                  {t("checkout.orders.sellers", { count: formatNumber(o.sellerCount, locale) })}: {o.sellers.map((s) => orgName(s.name, s.nameEn, locale)).join("、")}
                </span>
                <span className="font-semibold tabular-nums">{formatFen(o.totalFen, locale)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={orders.page} pages={orders.pages} t={t} />
    </div>
  );
}
