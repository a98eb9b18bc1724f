import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldError, SelectField } from "~/components/delivery-setup/fields";
import { ExcludedVans, PlanStatusBadge, SolveStatusText, WeightByClass } from "~/components/delivery/plan-parts";
import { Field, FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { can } from "~/modules/auth/permissions";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { createPlanSchema, SOLVE_SECONDS } from "~/modules/delivery/plans-forms";
import { createDraft, listPlanWarehouses, planningDay, planScope, requestSolve } from "~/modules/delivery/plans.server";
import { addDaysToDay, dayOf, isDay } from "~/modules/lots/rules";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatDateTime, formatTimeRange } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";
import { placeName } from "~/utils/i18n/names";
import { zoneName } from "~/modules/delivery/zones";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "排线规划" }];

/** The Beijing day after today: what is usually planned. */
function tomorrow(now: Date): string {
  return addDaysToDay(dayOf(now), 1);
}

/**
 * The planning screen's start: a date (default tomorrow, Beijing) and a warehouse of the operator's; the day's
 * stops from the orders, the vans and drivers (and those left out), and the plan versions.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:plan:warehouse");
  const scope = planScope(user);
  const url = new URL(request.url);
  const dateParam = url.searchParams.get("date") ?? "";
  const date = isDay(dateParam) ? dateParam : tomorrow(new Date());
  const db = await prisma();
  const warehouses = await listPlanWarehouses(db, scope);
  const warehouseParam = url.searchParams.get("warehouse");
  if (warehouseParam !== null && !isUuid(warehouseParam)) notFound();
  const warehouseId = warehouseParam ?? warehouses[0]?.id ?? null;
  const day = warehouseId ? await planningDay(db, scope, warehouseId, date) : null;
  if (day?.kind === "not_found") notFound();
  if (day?.kind === "forbidden") forbidden();
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  return {
    title: `${t("planning.title")} · ${t("ops.title")}`,
    date,
    warehouses,
    warehouseId,
    day: day?.kind === "ok" ? { ...day, vans: day.vans.map((v) => ({ ...v, permitNames: v.zonePermits.map((p) => zoneName(p, locale)) })) } : null,
    canManage: can(user.permissions, "manage:plan:warehouse"),
  };
}

type ActionData = { values: Record<string, string>; errors: FieldErrors };

/** "生成排线方案": a new draft version of the day (locks carried over from the latest one), its solve queued. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:plan:warehouse");
  const scope = planScope(user);
  const values = formValues(await request.formData());
  const refuse = (errors: FieldErrors) => data<ActionData>({ values: redisplayValues(values), errors }, { status: 400 });
  const parsed = parseForm(createPlanSchema, values);
  if (parsed.errors) return refuse(parsed.errors);
  const db = await prisma();
  const { warehouseId, date, solveSeconds } = parsed.data;
  const day = await planningDay(db, scope, warehouseId, date);
  if (day.kind === "not_found") notFound();
  if (day.kind === "forbidden") forbidden();
  if (day.stops.length === 0) return refuse({ _form: "planning.refuse.no_stops" });
  if (day.vans.length === 0) return refuse({ _form: "planning.refuse.no_vans" });
  const actor = { userId: user.id, scope };
  const draft = await createDraft(db, actor, { warehouseId, serviceDate: date, solveSeconds });
  if (draft.kind === "not_found") notFound();
  if (draft.kind === "forbidden") forbidden();
  if (draft.kind !== "ok") return refuse({ _form: `planning.refuse.${draft.kind}` });
  await requestSolve(db, actor, draft.planId);
  throw redirect(`/ops/plans/${draft.planId}?notice=solving`);
}

export default function PlansIndexPage() {
  const { date, warehouses, warehouseId, day, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const errors = actionData?.errors ?? {};
  const busy = navigation.state === "submitting" && navigation.formMethod === "POST";
  return (
    <div className="space-y-8">
      <PageHeader title={t("planning.title")} subtitle={t("planning.intro")}>
        <Link to="/ops" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          ← {t("ops.title")}
        </Link>
      </PageHeader>
      {!canManage ? <p className="rounded-lg border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700">{t("planning.readOnly")}</p> : null}

      {warehouses.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("planning.noWarehouses")}</p>
      ) : (
        <Form method="get" className="card flex flex-wrap items-end gap-3 p-4" aria-label={t("planning.filter")}>
          <Field id="plan-date" name="date" type="date" label={t("planning.date")} defaultValue={date} required />
          <SelectField id="plan-warehouse" name="warehouse" label={t("planning.warehouse")} defaultValue={warehouseId ?? ""}>
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {placeName(w.name, w.nameEn, locale)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="btn-secondary">
            {t("planning.show")}
          </button>
        </Form>
      )}

      {day ? (
        <>
          <section aria-labelledby="plan-stops-h" className="card space-y-4 p-4">
            <h2 id="plan-stops-h" className="text-lg font-semibold">
              {t("planning.stops.heading")}
            </h2>
            <p className="text-sm text-stone-700" data-testid="plan-day-summary">
              {t("planning.stops.summary", { stops: day.stops.length, orders: day.orderCount })}
            </p>
            <WeightByClass stops={day.stops} t={t} locale={locale} />
            {day.stops.length === 0 ? (
              <p className="text-stone-600">{t("planning.stops.empty")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead>
                    <tr className="border-b border-stone-200 text-stone-600">
                      <th className="py-2 pr-3">{t("planning.col.stop")}</th>
                      <th className="py-2 pr-3">{t("planning.col.window")}</th>
                      <th className="py-2 pr-3">{t("planning.col.orders")}</th>
                      <th className="py-2 pr-3">{t("planning.col.weight")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {day.stops.map((s) => (
                      <tr key={s.key} className="border-b border-stone-100">
                        <td className="py-2 pr-3">
                          <div className="font-medium">{placeName(s.name, s.nameEn, locale)}</div>
                          <div className="text-stone-500">{s.address}</div>
                        </td>
                        <td className="py-2 pr-3 whitespace-nowrap">{formatTimeRange(s.windowStart, s.windowEnd, locale)}</td>
                        <td className="py-2 pr-3">{s.orders}</td>
                        <td className="py-2 pr-3">
                          <WeightByClass stops={[s]} t={t} locale={locale} compact />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {day.rejected.length > 0 ? (
              <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
                <h3 className="font-semibold">{t("planning.rejected.heading")}</h3>
                <ul className="list-disc pl-5">
                  {day.rejected.map((r) => (
                    <li key={r.orderId}>{t("planning.rejected.no_coordinates", { number: r.number })}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>

          <section aria-labelledby="plan-vans-h" className="card space-y-3 p-4">
            <h2 id="plan-vans-h" className="text-lg font-semibold">
              {t("planning.vans.heading")}
            </h2>
            {day.vans.length === 0 ? (
              <p className="text-stone-600">{t("planning.vans.empty")}</p>
            ) : (
              <ul className="grid gap-2 sm:grid-cols-2">
                {day.vans.map((v) => (
                  <li key={v.id} className="rounded border border-stone-200 px-3 py-2 text-sm">
                    <span className="font-medium">{v.plate}</span> · {v.driver}
                    {v.restricted ? <span className="ml-2 text-amber-800">{t("planning.vans.restricted")}</span> : null}
                    {v.permitNames.length > 0 ? <span className="ml-2 text-stone-500">{t("planning.vans.permits", { permits: v.permitNames.join(locale === "zh" ? "、" : ", ") })}</span> : null}
                  </li>
                ))}
              </ul>
            )}
            <ExcludedVans vans={day.excludedVans} t={t} />
          </section>

          {canManage ? (
            <Form method="post" className="card space-y-3 p-4" aria-label={t("planning.create")}>
              {errors._form ? <FormAlert>{t(errors._form)}</FormAlert> : null}
              <input type="hidden" name="warehouseId" value={day.warehouse.id} />
              <input type="hidden" name="date" value={date} />
              <details open={Boolean(errors.solveSeconds)}>
                <summary className="cursor-pointer text-sm text-stone-700">{t("planning.advanced")}</summary>
                <div className="mt-2 max-w-xs">
                  <Field
                    id="plan-seconds"
                    name="solveSeconds"
                    inputMode="numeric"
                    label={t("planning.seconds")}
                    hint={t("planning.seconds.hint", { min: SOLVE_SECONDS.min, max: SOLVE_SECONDS.max, default: SOLVE_SECONDS.default })}
                    defaultValue={actionData?.values.solveSeconds ?? ""}
                    error={fieldError(errors, "solveSeconds", t)}
                  />
                </div>
              </details>
              <button type="submit" className="btn-primary" disabled={busy || day.stops.length === 0 || day.vans.length === 0}>
                {t("planning.create")}
              </button>
            </Form>
          ) : null}

          <section aria-labelledby="plan-versions-h" className="card space-y-3 p-4">
            <h2 id="plan-versions-h" className="text-lg font-semibold">
              {t("planning.versions.heading")}
            </h2>
            {day.versions.length === 0 ? (
              <p className="text-stone-600">{t("planning.versions.empty")}</p>
            ) : (
              <ul className="divide-y divide-stone-100">
                {day.versions.map((v) => (
                  <li key={v.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
                    <Link to={`/ops/plans/${v.id}`} className="font-medium text-brand-700">
                      {t("planning.version", { version: v.version })}
                    </Link>
                    <PlanStatusBadge status={v.status} t={t} />
                    <SolveStatusText status={v.solveStatus} t={t} />
                    <span className="text-stone-500">{formatDateTime(v.createdAt, locale)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
