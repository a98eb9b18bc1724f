import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StopStatusBadge } from "~/components/driver/stop-status";
import { SyncBanner } from "~/components/driver/sync-banner";
import { useDriverQueue } from "~/components/driver/use-driver-queue";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/auth/request.server";
import { localStopStatus } from "~/modules/driver/actions";
import { listDriverRoutes } from "~/modules/driver/routes.server";
import { prisma } from "~/utils/db.server";
import { formatDate, formatNumber, formatTime, formatTimeRange } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { withPlaceName } from "~/utils/i18n/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "今日配送" }];

/** The installable driver app: only the driver pages link the manifest. */
export const links: LinksFunction = () => [
  { rel: "manifest", href: "/driver.webmanifest" },
  { rel: "apple-touch-icon", href: "/driver-icon-192.png" },
];

/** The driver's routes of published plans for today and tomorrow, stops in visit order. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:deliveries:own");
  const found = await listDriverRoutes(await prisma(), user.id);
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  const routes = found.map((r) => ({ ...r, warehouse: withPlaceName(r.warehouse, locale), stops: r.stops.map((s) => withPlaceName(s, locale)) }));
  // userId: the phone's queue records who made each action and sends only this user's.
  return { routes, userId: user.id, displayName: user.displayName, title: `${t("driverApp.title")} · ${t("app.name")}` };
}

export default function DriverPage() {
  const { routes, userId, displayName } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const queue = useDriverQueue(userId, routes.flatMap((r) => r.stops.map((s) => `/driver/stops/${s.id}`)));
  const [params] = useSearchParams();
  const started = params.get("started");
  const names = new Map(routes.flatMap((r) => r.stops.map((s) => [s.id, s.name])));
  return (
    <div className="mx-auto max-w-xl space-y-5">
      <PageHeader title={t("driverApp.title")} subtitle={displayName} />
      <SyncBanner queue={queue} t={t} stopName={(id) => names.get(id) ?? ""} />
      {started !== null && /^\d+$/.test(started) ? (
        <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900">
          {t("driverApp.route.startedNow", { count: Number(started) })}
        </p>
      ) : null}
      {routes.length === 0 ? <p className="card p-5 text-lg text-stone-600">{t("driverApp.noRoutes")}</p> : null}
      {routes.map((route) => {
        const statuses = route.stops.map((s) => localStopStatus(s.status, queue.pending, s.id));
        const done = statuses.filter((s) => s === "delivered" || s === "failed").length;
        return (
          <section key={route.id} className="card space-y-4 p-4" aria-labelledby={`route-${route.id}`} data-route={route.id}>
            <header className="space-y-1">
              <h2 id={`route-${route.id}`} className="text-xl font-semibold">
                {t("driverApp.route.heading", { date: formatDate(`${route.serviceDate}T00:00:00+08:00`, locale), plate: route.vehicle.plate })}
              </h2>
              <p className="text-stone-700">{t("driverApp.route.warehouse", { name: route.warehouse.name })}</p>
              <p className="text-sm text-stone-600">
                {route.departAt ? t("driverApp.route.depart", { time: formatTime(route.departAt, locale) }) : null}
                {route.distanceM > 0 ? ` · ${t("driverApp.route.distance", { km: formatNumber(route.distanceM / 1000, locale, 1) })}` : null}
              </p>
              <div className="pt-1">
                <p className="text-base font-medium" data-testid="progress">
                  {t("driverApp.route.progress", { done, total: route.stops.length })}
                </p>
                <progress className="mt-1 h-3 w-full accent-emerald-700" max={Math.max(1, route.stops.length)} value={done} />
              </div>
            </header>
            {route.startedAt ? <p className="text-sm text-emerald-800">{t("driverApp.route.started", { time: formatTime(route.startedAt, locale) })}</p> : null}
            {!route.startedAt || route.toDispatch > 0 ? (
              <Form method="post" action={`/driver/routes/${route.id}/start`} className="space-y-2">
                <button type="submit" className="btn-primary min-h-14 w-full text-lg">
                  {route.startedAt ? t("driverApp.route.startAgain") : t("driverApp.route.start")}
                </button>
                <p className="text-sm text-stone-600">{t("driverApp.route.startHint", { count: route.toDispatch })}</p>
              </Form>
            ) : null}
            <ol className="space-y-3">
              {route.stops.map((stop, i) => (
                <li key={stop.id} data-stop={stop.id}>
                  <Link
                    to={`/driver/stops/${stop.id}`}
                    className="block rounded-xl border border-stone-200 p-4 hover:border-brand-700 focus:outline-2 focus:outline-brand-700"
                  >
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="text-sm text-stone-500">{t("driverApp.stop.sequence", { n: stop.sequence || i + 1 })}</p>
                        <p className="text-lg font-semibold">{stop.name}</p>
                        <p className="text-stone-700">{stop.address}</p>
                      </div>
                      <StopStatusBadge status={statuses[i]} unsent={statuses[i] !== stop.status} t={t} />
                    </div>
                    <p className="mt-2 text-sm text-stone-600">
                      {t("driverApp.stop.window", { range: formatTimeRange(stop.windowStart, stop.windowEnd, locale) })}
                      {stop.etaAt ? ` · ${t("driverApp.stop.eta", { time: formatTime(stop.etaAt, locale) })}` : null}
                    </p>
                  </Link>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
