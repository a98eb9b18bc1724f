import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldError, SavedNotice } from "~/components/delivery-setup/fields";
import { ExcludedVans, PlanStatusBadge, SolveProgress, SolveStatusText, WeightByClass } from "~/components/delivery/plan-parts";
import { RouteMap } from "~/components/delivery/route-map";
import { TempBadge } from "~/components/ui/badges";
import { Field, FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { can } from "~/modules/auth/permissions";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { isPlanId, lockSchema, moveSchema, publishSchema, solveSchema, SOLVE_SECONDS } from "~/modules/delivery/plans-forms";
import { cancelSolve, createRevision, lockStop, moveStop, planScope, publishPlan, readPlan, requestSolve, type Refusal } from "~/modules/delivery/plans.server";
import { ROUTE_COLORS } from "~/modules/logistics/plan";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatDate, formatDateTime, formatNumber, formatTime, formatTimeRange, formatWeight } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { withPlaceName } from "~/utils/i18n/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "排线方案" }];

const NOTICES = ["solving", "locked", "moved", "published", "revision", "cancelled"] as const;
type Notice = (typeof NOTICES)[number];
const TEMPS = ["ambient", "chilled", "frozen"] as const;

/** One plan version: progress while solving, then routes on the map and per van, the unassigned stops, the actions. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:plan:warehouse");
  if (!isPlanId(params.planId)) notFound();
  const db = await prisma();
  const found = await readPlan(db, planScope(user), params.planId.toLowerCase());
  if (found.kind === "not_found") notFound();
  if (found.kind === "forbidden") forbidden();
  const url = new URL(request.url);
  const noticeParam = url.searchParams.get("notice") ?? "";
  const notice = (NOTICES as readonly string[]).includes(noticeParam) ? (noticeParam as Notice) : null;
  const orders = Number(url.searchParams.get("orders") ?? "0");
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  // Stops and the warehouse under their names in the reader's language (the map, the table and the forms use them).
  const named = <S extends { name: string; nameEn: string }>(s: S): S => withPlaceName(s, locale);
  const plan = { ...found.plan, warehouse: named(found.plan.warehouse) };
  const routes = found.routes.map((r) => ({
    ...r,
    stops: r.stops.map(named),
    color: ROUTE_COLORS[r.position % ROUTE_COLORS.length],
    loadGrams: {
      ambient: r.stops.reduce((a, s) => a + s.ambientGrams, 0),
      chilled: r.stops.reduce((a, s) => a + s.chilledGrams, 0),
      frozen: r.stops.reduce((a, s) => a + s.frozenGrams, 0),
    },
    onTime: r.stops.filter((s) => s.etaAt && s.etaAt >= s.windowStart && s.etaAt <= s.windowEnd).length,
  }));
  return {
    title: `${t("planning.plan.title", { warehouse: plan.warehouse.name, date: plan.serviceDate, version: plan.version })} · ${t("planning.title")}`,
    plan,
    routes,
    unassigned: found.unassigned.map(named),
    vans: found.vans,
    excludedVans: found.excludedVans,
    versions: found.versions,
    notice,
    orders: Number.isInteger(orders) && orders >= 0 ? orders : 0,
    canManage: can(user.permissions, "manage:plan:warehouse"),
    canPublish: can(user.permissions, "publish:plan:warehouse"),
  };
}

type ActionData = { intent: string; values: Record<string, string>; errors: FieldErrors; stopId?: string; needsConfirm?: number };

const INTENTS = ["solve", "cancel", "lock", "move", "publish", "revision"] as const;

/**
 * intent=solve (re-optimise, locks kept), cancel (the stop button), lock (stopId, vehicleId; empty unlocks),
 * move (stopId, direction up|down), publish (revision, confirm=1 when stops are unassigned), revision (a new
 * draft from a published plan). Another operator's plan is 403; a refused change is 400 with the reason.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  const intent = (INTENTS as readonly string[]).includes(values.intent ?? "") ? (values.intent as (typeof INTENTS)[number]) : null;
  // Publishing is its own permission: someone may plan without being allowed to send plans to drivers and buyers.
  const user = intent === "publish" ? await requirePermission(request, "publish:plan:warehouse") : await requirePermission(request, "manage:plan:warehouse");
  if (!isPlanId(params.planId)) notFound();
  const planId = params.planId.toLowerCase();
  const actor = { userId: user.id, scope: planScope(user) };
  const db = await prisma();
  const refuse = (body: Omit<ActionData, "values">) => data<ActionData>({ ...body, values: redisplayValues(values) }, { status: 400 });
  const here = `/ops/plans/${planId}`;
  const outcome = (r: { kind: "ok" } | Refusal | { kind: string }, notice: string, extra: Omit<ActionData, "values" | "errors" | "intent"> = {}) => {
    if (r.kind === "not_found") notFound();
    if (r.kind === "forbidden") forbidden();
    if (r.kind === "ok") throw redirect(`${here}?notice=${notice}`);
    if (r.kind === "needs_confirm") return refuse({ intent: intent ?? "", errors: { _form: "planning.refuse.needs_confirm" }, needsConfirm: (r as { unassigned: number }).unassigned });
    return refuse({ intent: intent ?? "", errors: { _form: `planning.refuse.${r.kind}` as MessageKey }, ...extra });
  };

  switch (intent) {
    case "solve": {
      const parsed = parseForm(solveSchema, values);
      if (parsed.errors) return refuse({ intent, errors: parsed.errors });
      return outcome(await requestSolve(db, actor, planId, { solveSeconds: parsed.data.solveSeconds }), "solving");
    }
    case "cancel":
      return outcome(await cancelSolve(db, actor, planId), "cancelled");
    case "lock": {
      const parsed = parseForm(lockSchema, values);
      if (parsed.errors) return refuse({ intent, errors: parsed.errors, stopId: values.stopId });
      return outcome(await lockStop(db, actor, planId, parsed.data.stopId, parsed.data.vehicleId), "locked", { stopId: parsed.data.stopId });
    }
    case "move": {
      const parsed = parseForm(moveSchema, values);
      if (parsed.errors) return refuse({ intent, errors: parsed.errors, stopId: values.stopId });
      return outcome(await moveStop(db, actor, planId, parsed.data.stopId, parsed.data.direction), "moved", { stopId: parsed.data.stopId });
    }
    case "publish": {
      const parsed = parseForm(publishSchema, values);
      if (parsed.errors) return refuse({ intent, errors: { _form: "planning.refuse.stale" } });
      const r = await publishPlan(db, { ...actor, role: user.roles.includes("operator") ? "operator" : (user.roles[0] ?? "operator") }, planId, { revision: parsed.data.revision, confirmUnassigned: parsed.data.confirm === "1" });
      if (r.kind === "ok") throw redirect(`${here}?notice=published&orders=${r.orders}`);
      return outcome(r, "published");
    }
    case "revision": {
      const r = await createRevision(db, actor, planId);
      if (r.kind === "ok") throw redirect(`/ops/plans/${r.planId}?notice=revision`);
      return outcome(r, "revision");
    }
    default:
      return refuse({ intent: "", errors: { _form: "planning.error.intent" } });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function PlanPage() {
  const { plan, routes, unassigned, vans, excludedVans, versions, notice, orders, canManage, canPublish } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const editable = canManage && plan.status === "draft" && !plan.solving;
  const placed = routes.reduce((n, r) => n + r.stops.length, 0);
  const formError = actionData?.errors._form;
  return (
    <div className="space-y-6">
      <PageHeader title={t("planning.plan.title", { warehouse: plan.warehouse.name, date: formatDate(`${plan.serviceDate}T04:00:00Z`, locale), version: plan.version })}>
        <Link to={`/ops/plans?date=${plan.serviceDate}&warehouse=${plan.warehouse.id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          {t("planning.back")}
        </Link>
      </PageHeader>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <PlanStatusBadge status={plan.status} t={t} />
        <SolveStatusText status={plan.solveStatus} t={t} />
        <span className="text-stone-500">{t("planning.plan.meta", { who: plan.createdBy || "—", when: formatDateTime(plan.createdAt, locale) })}</span>
        {plan.publishedAt ? <span className="text-stone-500">{t("planning.plan.published", { who: plan.publishedBy || "—", when: formatDateTime(plan.publishedAt, locale) })}</span> : null}
      </div>

      {notice ? <SavedNotice>{t(`planning.notice.${notice}`, { orders })}</SavedNotice> : null}
      {formError && !actionData?.needsConfirm ? <FormAlert>{t(formError)}</FormAlert> : null}
      {!canManage ? <p className="rounded-lg border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700">{t("planning.readOnly")}</p> : null}

      {plan.solving || plan.solveStatus === "failed" ? (
        <section aria-labelledby="progress-h" className="card space-y-3 p-4">
          <h2 id="progress-h" className="text-lg font-semibold">
            {t("planning.progress.heading")}
          </h2>
          {plan.solving ? (
            <SolveProgress initial={{ solveStatus: plan.solveStatus, progress: plan.progress, cancelRequested: plan.cancelRequested, solving: plan.solving }} progressUrl={`/ops/plans/${plan.id}/progress`} t={t} />
          ) : (
            <p role="alert" className="text-sm text-red-700">
              {t("planning.progress.failed", { message: plan.solveMessage })}
            </p>
          )}
          {plan.solving && canManage ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="btn-secondary" disabled={plan.cancelRequested}>
                {t("planning.stop")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {!plan.solving ? (
        <>
          <p className="text-sm text-stone-700" data-testid="plan-summary">
            {t("planning.plan.summary", { routes: routes.length, stops: placed, km: formatNumber(plan.distanceM / 1000, locale, 1), unassigned: unassigned.length })}
          </p>
          {plan.status === "draft" && plan.dirty && plan.solvedAt ? <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("planning.plan.dirty")}</p> : null}
          {plan.status === "draft" && !plan.latest ? <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("planning.plan.notLatest")}</p> : null}
          <ExcludedVans vans={excludedVans} t={t} />

          {routes.length > 0 || unassigned.length > 0 ? (
            <RouteMap
              title={t("planning.map.title", { warehouse: plan.warehouse.name, date: plan.serviceDate, version: plan.version })}
              warehouses={[plan.warehouse]}
              routes={routes.map((r) => ({ id: r.id, label: r.vehicle.plate, color: r.color, stops: r.stops.map((s) => ({ id: s.id, sequence: s.sequence, name: s.name, lat: s.lat, lng: s.lng, locked: s.locked })) }))}
              unassigned={unassigned.map((s) => ({ id: s.id, name: s.name, lat: s.lat, lng: s.lng }))}
            />
          ) : null}

          {routes.length === 0 ? <p className="card p-6 text-center text-stone-600">{t("planning.plan.noRoutes")}</p> : null}
          {routes.map((r) => (
            <RouteSection key={r.id} route={r} planId={plan.id} vans={vans} editable={editable} actionData={actionData} t={t} locale={locale} />
          ))}

          {unassigned.length > 0 ? (
            <section aria-labelledby="unassigned-h" className="card space-y-3 p-4">
              <h2 id="unassigned-h" className="text-lg font-semibold">
                {t("planning.unassigned.heading")} ({unassigned.length})
              </h2>
              <ul className="divide-y divide-stone-100" data-testid="unassigned">
                {unassigned.map((s) => (
                  <li key={s.id} className="space-y-2 py-2 text-sm">
                    <div>
                      <span className="font-medium">{s.name}</span> · {formatTimeRange(s.windowStart, s.windowEnd, locale)}
                    </div>
                    <div className="text-red-800">
                      {t(reasonKey(s.unassignedReason))}
                      {s.unassignedMessage ? <span className="text-stone-600"> — {s.unassignedMessage}</span> : null}
                    </div>
                    {editable ? <LockForm stop={s} vans={vans} currentVan={null} actionData={actionData} t={t} /> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <Actions plan={plan} unassigned={unassigned.length} canManage={canManage} canPublish={canPublish} actionData={actionData} t={t} />
        </>
      ) : null}

      <section aria-labelledby="versions-h" className="card space-y-2 p-4">
        <h2 id="versions-h" className="text-lg font-semibold">
          {t("planning.versions.heading")}
        </h2>
        <ul className="divide-y divide-stone-100">
          {versions.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              {v.id === plan.id ? (
                <span className="font-semibold">{t("planning.version", { version: v.version })}</span>
              ) : (
                <Link to={`/ops/plans/${v.id}`} className="font-medium text-brand-700">
                  {t("planning.version", { version: v.version })}
                </Link>
              )}
              <PlanStatusBadge status={v.status} t={t} />
              <SolveStatusText status={v.solveStatus} t={t} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

const REASONS = ["capacity", "time_window", "restricted_zone", "no_eligible_vehicle", "ride_time", "no_room", "lock_infeasible", "outside_china", "not_planned"] as const;

function reasonKey(reason: string): MessageKey {
  return (REASONS as readonly string[]).includes(reason) ? (`planning.reason.${reason}` as MessageKey) : "planning.reason.unknown";
}

type RouteItem = LoaderData["routes"][number];
type StopItem = RouteItem["stops"][number];
type ActionResult = ReturnType<typeof useActionData<typeof action>>;

function RouteSection({ route, planId, vans, editable, actionData, t, locale }: { route: RouteItem; planId: string; vans: LoaderData["vans"]; editable: boolean; actionData: ActionResult; t: T; locale: ReturnType<typeof useLocale> }) {
  const payload = route.vehicle.payloadGrams;
  const n = route.stops.length;
  return (
    <section aria-label={route.vehicle.plate} className="card space-y-3 p-4" data-testid="route" data-plate={route.vehicle.plate}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="flex items-center gap-2 text-lg font-semibold">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full" style={{ background: route.color }} />
          {t("planning.route.heading", { plate: route.vehicle.plate, driver: route.driver?.displayName ?? t("planning.route.noDriver") })}
        </h2>
        {n > 0 ? (
          <a href={`/ops/plans/${planId}/routes/${route.id}/load-sheet.pdf`} className="btn-secondary" data-testid="load-sheet">
            {t("planning.route.loadSheet")}
          </a>
        ) : null}
      </div>
      <p className="text-sm text-stone-700">
        {t("planning.route.facts", {
          km: formatNumber(route.distanceM / 1000, locale, 1),
          depart: route.departAt ? formatTime(route.departAt, locale) : "—",
          ret: route.returnAt ? formatTime(route.returnAt, locale) : "—",
          stops: n,
          onTime: route.onTime,
        })}
      </p>
      <ul className="flex flex-wrap gap-3 text-sm" aria-label={t("planning.col.load")}>
        {TEMPS.filter((c) => route.vehicle.tempClasses.includes(c) || route.loadGrams[c] > 0).map((c) => (
          <li key={c} className="inline-flex items-center gap-1">
            <TempBadge temp={c} t={t} />
            {t("planning.route.load", { temp: "", percent: payload > 0 ? Math.round((route.loadGrams[c] / payload) * 100) : 0, weight: formatWeight(route.loadGrams[c], locale) }).trim()}
          </li>
        ))}
      </ul>
      {n > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-stone-200 text-stone-600">
                <th className="py-2 pr-3">{t("planning.col.seq")}</th>
                <th className="py-2 pr-3">{t("planning.col.stop")}</th>
                <th className="py-2 pr-3">{t("planning.col.window")}</th>
                <th className="py-2 pr-3">{t("planning.col.eta")}</th>
                <th className="py-2 pr-3">{t("planning.col.weight")}</th>
                {editable ? <th className="py-2 pr-3">{t("planning.col.lock")}</th> : null}
                {editable ? <th className="py-2 pr-3">{t("planning.col.move")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {route.stops.map((s, i) => (
                <StopRow key={s.id} stop={s} first={i === 0} last={i === n - 1} currentVan={route.vehicle.id} vans={vans} editable={editable} actionData={actionData} t={t} locale={locale} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function StopRow({ stop, first, last, currentVan, vans, editable, actionData, t, locale }: { stop: StopItem; first: boolean; last: boolean; currentVan: string; vans: LoaderData["vans"]; editable: boolean; actionData: ActionResult; t: T; locale: ReturnType<typeof useLocale> }) {
  const late = stop.etaAt && new Date(stop.etaAt) > new Date(stop.windowEnd);
  const grams = { ambient: stop.ambientGrams, chilled: stop.chilledGrams, frozen: stop.frozenGrams };
  return (
    <tr className="border-b border-stone-100 align-top" data-testid="stop-row" data-stop={stop.id} data-locked={stop.locked ? "true" : "false"}>
      <td className="py-2 pr-3">{stop.sequence}</td>
      <td className="py-2 pr-3">
        <div className="font-medium">{stop.name}</div>
        <div className="text-stone-500">{stop.address}</div>
        {stop.locked ? <div className="text-xs text-brand-800">{stop.sequenceLocked ? t("planning.lock.sequence") : t("planning.lock.locked")}</div> : null}
      </td>
      <td className="py-2 pr-3 whitespace-nowrap">{formatTimeRange(stop.windowStart, stop.windowEnd, locale)}</td>
      <td className={`py-2 pr-3 whitespace-nowrap ${late ? "font-semibold text-red-700" : ""}`}>
        {stop.etaAt ? formatTime(stop.etaAt, locale) : "—"}
        {late ? ` (${t("planning.late")})` : null}
      </td>
      <td className="py-2 pr-3">
        <WeightByClass stops={[{ grams }]} t={t} locale={locale} compact />
      </td>
      {editable ? (
        <td className="py-2 pr-3">
          <LockForm stop={stop} vans={vans} currentVan={stop.locked ? currentVan : null} actionData={actionData} t={t} />
        </td>
      ) : null}
      {editable ? (
        <td className="py-2 pr-3">
          <Form method="post" className="flex gap-1">
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="stopId" value={stop.id} />
            <button type="submit" name="direction" value="up" className="btn-secondary px-2" disabled={first} aria-label={t("planning.move.upLabel", { stop: stop.name })}>
              {t("planning.move.up")}
            </button>
            <button type="submit" name="direction" value="down" className="btn-secondary px-2" disabled={last} aria-label={t("planning.move.downLabel", { stop: stop.name })}>
              {t("planning.move.down")}
            </button>
          </Form>
        </td>
      ) : null}
    </tr>
  );
}

function LockForm({ stop, vans, currentVan, actionData, t }: { stop: { id: string; name: string }; vans: LoaderData["vans"]; currentVan: string | null; actionData: ActionResult; t: T }) {
  const mine = actionData?.stopId === stop.id && actionData.intent === "lock" ? actionData : undefined;
  return (
    <Form method="post" className="flex flex-wrap items-center gap-1" data-testid="lock-form">
      <input type="hidden" name="intent" value="lock" />
      <input type="hidden" name="stopId" value={stop.id} />
      <label className="sr-only" htmlFor={`lock-${stop.id}`}>
        {t("planning.lock.label", { stop: stop.name })}
      </label>
      <select id={`lock-${stop.id}`} name="vehicleId" defaultValue={mine?.values.vehicleId ?? currentVan ?? ""} className="input py-1" aria-invalid={mine?.errors.vehicleId ? true : undefined}>
        <option value="">{t("planning.lock.none")}</option>
        {vans.map((v) => (
          <option key={v.id} value={v.id}>
            {v.plate} · {v.driver}
          </option>
        ))}
      </select>
      <button type="submit" className="btn-secondary px-2">
        {t("planning.lock.submit")}
      </button>
      {mine?.errors.vehicleId ? <span className="text-sm text-red-700">{t(mine.errors.vehicleId)}</span> : null}
      {mine?.errors._form ? <span className="text-sm text-red-700">{t(mine.errors._form)}</span> : null}
    </Form>
  );
}

function Actions({ plan, unassigned, canManage, canPublish, actionData, t }: { plan: LoaderData["plan"]; unassigned: number; canManage: boolean; canPublish: boolean; actionData: ActionResult; t: T }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const solveErrors = actionData?.intent === "solve" ? actionData.errors : {};
  if (plan.status !== "draft") {
    return plan.status === "published" && canManage ? (
      <Form method="post" className="card space-y-2 p-4">
        <input type="hidden" name="intent" value="revision" />
        <p className="text-sm text-stone-600">{t("planning.revision.hint")}</p>
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t("planning.revision")}
        </button>
      </Form>
    ) : null;
  }
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {canManage ? (
        <Form method="post" className="card space-y-3 p-4">
          <input type="hidden" name="intent" value="solve" />
          <p className="text-sm text-stone-600">{t("planning.resolve.hint")}</p>
          <details open={Boolean(solveErrors.solveSeconds)}>
            <summary className="cursor-pointer text-sm text-stone-700">{t("planning.advanced")}</summary>
            <div className="mt-2 max-w-xs">
              <Field
                id="resolve-seconds"
                name="solveSeconds"
                inputMode="numeric"
                label={t("planning.seconds")}
                hint={t("planning.seconds.hint", { min: SOLVE_SECONDS.min, max: SOLVE_SECONDS.max, default: SOLVE_SECONDS.default })}
                defaultValue={actionData?.intent === "solve" ? actionData.values.solveSeconds : String(plan.solveSeconds)}
                error={fieldError(solveErrors, "solveSeconds", t)}
              />
            </div>
          </details>
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("planning.resolve")}
          </button>
        </Form>
      ) : null}
      {canPublish ? (
        <Form method="post" className="card space-y-3 p-4">
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="revision" value={plan.revision} />
          <p className="text-sm text-stone-600">{t("planning.publish.hint")}</p>
          {actionData?.needsConfirm ? (
            <div role="alert" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              <p>{t("planning.publish.confirm", { count: actionData.needsConfirm })}</p>
              <button type="submit" name="confirm" value="1" className="btn-primary" disabled={busy}>
                {t("planning.publish.confirmSubmit")}
              </button>
            </div>
          ) : (
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("planning.publish")}
              {unassigned > 0 ? ` (${unassigned})` : ""}
            </button>
          )}
        </Form>
      ) : null}
    </div>
  );
}
