import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui/page-header";
import { SlotList, VehicleList } from "~/components/vehicle-list";
import { getDriverOverview } from "~/modules/operations/overview.server";
import { requirePermission } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatTimeRange } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "司机工作台" }];

/** Drivers' entry page: their vehicles, home warehouses and those warehouses' next slots. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:deliveries:own");
  const overview = await getDriverOverview(await prisma(), user.id);
  const t = translator(await resolveLocale(request, user.locale));
  return { ...overview, displayName: user.displayName, title: `${t("driver.title")} · ${t("app.name")}` };
}

export default function DriverPage() {
  const { vehicles, slots, displayName } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const warehouses = [...new Map(vehicles.map((v) => [v.warehouse.id, v.warehouse])).values()];
  return (
    <div className="space-y-6">
      <PageHeader title={t("driver.title")} subtitle={displayName} />
      <section className="card p-4 sm:p-5">
        <h2 className="mb-3 text-xl font-semibold">{t("driver.vehicles")}</h2>
        {vehicles.length === 0 ? <p className="text-stone-600">{t("driver.noVehicle")}</p> : <VehicleList vehicles={vehicles} t={t} locale={locale} showDriver={false} />}
      </section>
      {warehouses.map((w) => (
        <section key={w.id} className="card p-4 sm:p-5">
          <h2 className="text-xl font-semibold">{t("driver.base")}</h2>
          <p className="mt-1 font-medium">{w.name}</p>
          <p className="text-sm text-stone-600">
            {w.district} · {w.address}
          </p>
        </section>
      ))}
      {vehicles.length > 0 ? (
        <section className="card p-4 sm:p-5">
          <h2 className="mb-2 text-xl font-semibold">{t("driver.slots")}</h2>
          <SlotList slots={slots} t={t} locale={locale} formatRange={(s) => formatTimeRange(s.startsAt, s.endsAt, locale)} />
        </section>
      ) : null}
    </div>
  );
}
