import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SlotLoadList } from "~/components/delivery-setup/slot-load";
import { TempBadge } from "~/components/ui/badges";
import { PageHeader } from "~/components/ui/page-header";
import { VehicleList } from "~/components/vehicle-list";
import { ORDER_STATUSES } from "~/modules/operations/order-statuses";
import { getOperationsOverview, operationsScope } from "~/modules/operations/overview.server";
import { requirePermission } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatLitres, formatNumber, formatWeight } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { placeName } from "~/utils/i18n/names";
import { districtName } from "~/modules/orders/districts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "运营中心" }];

/** Operators' entry page: warehouses, cold rooms, fleet, next delivery slots and orders by status. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:operations");
  const overview = await getOperationsOverview(await prisma(), operationsScope(user));
  const t = translator(await resolveLocale(request, user.locale));
  return { ...overview, title: `${t("ops.title")} · ${t("app.name")}` };
}

export default function OperationsPage() {
  const { warehouses, slots, orderCounts } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <PageHeader title={t("ops.title")}>
        <nav aria-label={t("ops.title")} className="flex flex-wrap gap-2">
          <Link to="/ops/plans" className="chip min-h-11 border-brand-600 bg-brand-700 font-medium text-white hover:bg-brand-800">
            {t("ops.plansLink")}
          </Link>
          <Link to="/ops/trunk" className="chip min-h-11 border-brand-600 bg-brand-700 font-medium text-white hover:bg-brand-800">
            {t("ops.trunkLink")}
          </Link>
          <Link to="/ops/slots" className="chip min-h-11 border-stone-300 bg-white font-medium text-stone-700 hover:border-brand-500 hover:text-brand-800">
            {t("deliverySetup.slots.opsLink")}
          </Link>
          <Link to="/ops/contracts" className="chip min-h-11 border-stone-300 bg-white font-medium text-stone-700 hover:border-brand-500 hover:text-brand-800">
            {t("deliverySetup.contracts.opsLink")}
          </Link>
        </nav>
      </PageHeader>
      <section aria-labelledby="orders-h">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="orders-h" className="text-xl font-semibold">
            {t("ops.orders")}
          </h2>
          <Link to="/ops/orders" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
            {t("fulfilment.ops.allOrders")}
          </Link>
        </div>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {ORDER_STATUSES.map((s) => (
            <li key={s}>
              <Link to={`/ops/orders?status=${s}`} className="card block p-4 hover:border-brand-300">
                <div className="text-sm text-stone-500">{t(`orderStatus.${s}`)}</div>
                <div className="mt-1 text-2xl font-semibold">{formatNumber(orderCounts[s], locale)}</div>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="slots-h" className="card p-4 sm:p-5">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="slots-h" className="text-xl font-semibold">
            {t("ops.slots")}
          </h2>
          <Link to="/ops/slots" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
            {t("deliverySetup.slots.opsLink")} →
          </Link>
        </div>
        <SlotLoadList slots={slots} t={t} locale={locale} />
      </section>
      <section aria-labelledby="wh-h" className="space-y-4">
        <h2 id="wh-h" className="text-xl font-semibold">
          {t("ops.warehouses")}
        </h2>
        {warehouses.length === 0 ? <p className="card p-6 text-center text-stone-600">{t("ops.noWarehouses")}</p> : null}
        {warehouses.map((w) => (
          <article key={w.id} className="card p-4 sm:p-5">
            <h3 className="text-lg font-semibold">{placeName(w.name, w.nameEn, locale)}</h3>
            <p className="text-sm text-stone-600">
              {districtName(w.district, locale)} · {w.address}
            </p>
            <h4 className="mb-2 mt-4 text-sm font-semibold text-stone-700">{t("ops.coldRooms")}</h4>
            <ul className="grid gap-2 sm:grid-cols-3">
              {w.coldRooms.map((r) => (
                <li key={r.id} className="rounded-lg border border-stone-200 p-3">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{r.name}</span>
                    <TempBadge temp={r.tempClass} t={t} />
                  </div>
                  <p className="mt-1 text-sm text-stone-600">
                    {t("ops.capacity", { weight: formatWeight(r.capacityGrams, locale), volume: formatLitres(r.capacityLitres, locale) })}
                  </p>
                </li>
              ))}
            </ul>
            <h4 className="mb-2 mt-4 text-sm font-semibold text-stone-700">
              {t("ops.vehicles")} ({formatNumber(w.vehicles.length, locale)})
            </h4>
            <VehicleList vehicles={w.vehicles} t={t} locale={locale} />
          </article>
        ))}
      </section>
    </div>
  );
}
