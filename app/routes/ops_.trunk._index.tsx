import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import { SavedNotice } from "~/components/delivery-setup/fields";
import { DepartureCard } from "~/components/trunk/departure-card";
import { DepartureForm } from "~/components/trunk/departure-form";
import { OutlookPanel } from "~/components/trunk/outlook-panel";
import { UnassignedList } from "~/components/trunk/unassigned-list";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import {
  forbidden,
  notFound,
  requirePermission,
  type SessionUser,
} from "~/modules/auth/request.server";
import { addDaysToDay, dayOf, isDay } from "~/modules/lots/rules";
import { operationsScope } from "~/modules/operations/overview.server";
import {
  departureFormValues,
  departureIdSchema,
  departureSchema,
  placeLoadSchema,
} from "~/modules/trunk/forms";
import {
  autoAssign,
  createDeparture,
  findDeparture,
  loadTrunkDay,
  markArrived,
  markDeparted,
  placeLoad,
  stockOutlook,
  updateDeparture,
} from "~/modules/trunk/trunk.server";
import type { StepActor } from "~/workflows/seller-order-step.server";
import { prisma } from "~/utils/db.server";
import {
  formValues,
  parseForm,
  redisplayValues,
  type FieldErrors,
} from "~/utils/forms";
import { formatDateTime } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";
import { placeName } from "~/utils/i18n/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "三明干线" },
];

const PATH = "/ops/trunk";

/**
 * The Sanming trunk for one Beijing day (?date=YYYY-MM-DD, default today; anything else is today): per warehouse
 * the day's runs with their loads, the seller orders not on a run with the reason, and what the next day's plan
 * can count on. Operators see their own warehouses (platform operators and admins all; admins read only).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:trunk:warehouse");
  const scope = operationsScope(user);
  const url = new URL(request.url);
  const now = new Date();
  const dateParam = url.searchParams.get("date") ?? "";
  const date = isDay(dateParam) ? dateParam : dayOf(now);
  const db = await prisma();
  const [day, outlook] = await Promise.all([
    loadTrunkDay(db, scope, date, now),
    stockOutlook(db, scope, addDaysToDay(date, 1)),
  ]);
  const t = translator(await resolveLocale(request, user.locale));
  const noticeId = (name: string) => {
    const id = url.searchParams.get(name);
    return isUuid(id ?? undefined) ? name : null;
  };
  return {
    day,
    outlook,
    date,
    today: dayOf(now),
    canManage: user.permissions.includes("manage:trunk:warehouse"),
    notice: noticeId("created") ?? noticeId("saved"),
    title: `${t("trunk.title")} · ${t("ops.title")}`,
  };
}

type Notice = { key: MessageKey; params?: Record<string, string | number> };
type ActionData =
  | {
      kind: "form";
      intent: "create" | "update";
      departureId?: string;
      values: Record<string, string>;
      errors: FieldErrors;
    }
  | { kind: "done"; ok: boolean; notices: Notice[] };

function stepActor(user: SessionUser): StepActor {
  return {
    userId: user.id,
    role: "operator",
    permissions: user.permissions,
    organizationIds: user.memberships.map((m) => m.organizationId),
  };
}

/**
 * intent=assign runs the automatic assignment; create / update a run (field errors, 400); depart / arrive a run;
 * place moves one seller order's class load onto a run by hand. Another operator's run is 403, an unknown one 404,
 * a malformed form 400.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:trunk:warehouse");
  const scope = operationsScope(user);
  const values = formValues(await request.formData());
  const db = await prisma();
  const now = new Date();
  const done = (ok: boolean, notices: Notice[]) =>
    data<ActionData>({ kind: "done", ok, notices }, { status: ok ? 200 : 400 });
  const formError = (body: Extract<ActionData, { kind: "form" }>) =>
    data<ActionData>(
      { ...body, values: redisplayValues(body.values) },
      { status: 400 }
    );
  const bad = () => done(false, [{ key: "validation.fixErrors" }]);
  const locale = await resolveLocale(request, user.locale);

  switch (values.intent) {
    case "assign": {
      const result = await autoAssign(db, scope, stepActor(user), now);
      return done(true, [
        {
          key: "trunk.assigned",
          params: {
            count: result.assigned.length,
            unassigned: result.unassigned.length,
          },
        },
      ]);
    }
    case "create":
    case "update": {
      const intent = values.intent;
      const departureId =
        intent === "update"
          ? parseForm(departureIdSchema, values).data?.departureId
          : undefined;
      if (intent === "update" && !departureId) return bad();
      if (departureId) {
        // Ownership first: another operator's run is 403 whatever was typed.
        const found = await findDeparture(db, scope, departureId);
        if (found.kind === "not_found") notFound();
        if (found.kind === "forbidden") forbidden();
      }
      const parsed = parseForm(departureSchema, values);
      if (parsed.errors)
        return formError({
          kind: "form",
          intent,
          departureId,
          values,
          errors: parsed.errors,
        });
      const result = departureId
        ? await updateDeparture(db, scope, departureId, parsed.data)
        : await createDeparture(db, scope, parsed.data, now);
      if (result.kind === "not_found") notFound();
      if (result.kind === "forbidden") forbidden();
      if (result.kind === "invalid")
        return formError({
          kind: "form",
          intent,
          departureId,
          values,
          errors: result.errors,
        });
      throw redirect(
        `${PATH}?date=${parsed.data.date}&${
          intent === "create" ? "created" : "saved"
        }=${result.id}#run-${result.id}`
      );
    }
    case "depart": {
      const parsed = parseForm(departureIdSchema, values);
      if (parsed.errors) return bad();
      const result = await markDeparted(
        db,
        scope,
        parsed.data.departureId,
        stepActor(user),
        now
      );
      if (result.kind === "not_found") notFound();
      if (result.kind === "forbidden") forbidden();
      if (result.kind === "refused")
        return done(false, [{ key: "trunk.refused.already_departed" }]);
      return done(true, [
        { key: "trunk.departed", params: { count: result.departed } },
        ...result.moved.map(
          (m): Notice =>
            m.to
              ? {
                  key: "trunk.movedNext",
                  params: {
                    number: m.number,
                    seller: m.sellerName,
                    plate: m.to.vehiclePlate || "—",
                    time: formatDateTime(m.to.departsAt, locale),
                  },
                }
              : {
                  key: "trunk.movedNone",
                  params: { number: m.number, seller: m.sellerName },
                }
        ),
      ]);
    }
    case "arrive": {
      const parsed = parseForm(departureIdSchema, values);
      if (parsed.errors) return bad();
      const result = await markArrived(
        db,
        scope,
        parsed.data.departureId,
        stepActor(user),
        now
      );
      if (result.kind === "not_found") notFound();
      if (result.kind === "forbidden") forbidden();
      if (result.kind === "refused")
        return done(false, [{ key: `trunk.refused.${result.code}` }]);
      const notices: Notice[] = [
        {
          key: result.already ? "trunk.arrivedAgain" : "trunk.arrived",
          params: { count: result.received.length },
        },
      ];
      if (result.waiting.length > 0)
        notices.push({
          key: "trunk.waiting",
          params: { numbers: result.waiting.join("、") },
        });
      return done(true, notices);
    }
    case "place": {
      const parsed = parseForm(placeLoadSchema, values);
      if (parsed.errors) return bad();
      const result = await placeLoad(
        db,
        scope,
        parsed.data,
        stepActor(user),
        now
      );
      if (result.kind === "not_found") notFound();
      if (result.kind === "forbidden") forbidden();
      if (result.kind === "refused")
        return done(false, [{ key: `trunk.refused.${result.code}` }]);
      return done(true, [
        { key: "trunk.placed", params: { number: result.number } },
      ]);
    }
    default:
      return bad();
  }
}

export default function OpsTrunkPage() {
  const { day, outlook, date, today, canManage, notice } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const formAction = `${PATH}?date=${date}`;
  const formData = actionData?.kind === "form" ? actionData : undefined;
  const assigning =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "assign";
  const warehouses = day.warehouses.map((w) => ({ id: w.id, name: placeName(w.name, w.nameEn, locale) }));
  return (
    <div className="space-y-8">
      <PageHeader title={t("trunk.title")} subtitle={t("trunk.intro")}>
        <Link
          to="/ops"
          className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700"
        >
          ← {t("ops.title")}
        </Link>
      </PageHeader>

      {notice ? (
        <SavedNotice>
          {t(notice === "created" ? "trunk.created" : "trunk.saved")}
        </SavedNotice>
      ) : null}
      {actionData?.kind === "done" ? (
        actionData.ok ? (
          <div
            role="status"
            className="space-y-1 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800"
            data-testid="trunk-notice"
          >
            {actionData.notices.map((n, i) => (
              <p key={i}>{t(n.key, n.params)}</p>
            ))}
          </div>
        ) : (
          <FormAlert>
            {actionData.notices.map((n) => t(n.key, n.params)).join(" ")}
          </FormAlert>
        )
      ) : null}
      {!canManage ? (
        <p className="rounded-lg border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700">
          {t("trunk.readOnly")}
        </p>
      ) : null}

      <div className="flex flex-wrap items-end justify-between gap-3">
        <Form
          method="get"
          className="flex flex-wrap items-end gap-2"
          aria-label={t("trunk.date")}
        >
          <div className="space-y-1">
            <label
              htmlFor="trunk-date"
              className="block text-sm font-medium text-stone-800"
            >
              {t("trunk.date")}
            </label>
            <input
              id="trunk-date"
              name="date"
              type="date"
              className="input"
              defaultValue={date}
            />
          </div>
          <button type="submit" className="btn-secondary">
            {t("trunk.show")}
          </button>
          <Link
            to={`${PATH}?date=${addDaysToDay(date, -1)}`}
            className="btn-secondary"
          >
            {t("trunk.prevDay")}
          </Link>
          <Link
            to={`${PATH}?date=${addDaysToDay(date, 1)}`}
            className="btn-secondary"
          >
            {t("trunk.nextDay")}
          </Link>
        </Form>
        {canManage ? (
          <Form method="post" action={formAction} className="max-w-md">
            <input type="hidden" name="intent" value="assign" />
            <button type="submit" className="btn-primary" disabled={assigning}>
              {t("trunk.assign")}
            </button>
            <p className="mt-1 text-xs text-stone-500">
              {t("trunk.assignHint")}
            </p>
          </Form>
        ) : null}
      </div>

      {day.warehouses.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">
          {t("trunk.noWarehouses")}
        </p>
      ) : null}
      {day.warehouses.map((w) => (
        <section
          key={w.id}
          aria-labelledby={`wh-${w.id}`}
          className="space-y-3"
          data-warehouse={w.id}
        >
          <h2 id={`wh-${w.id}`} className="text-xl font-semibold">
            {placeName(w.name, w.nameEn, locale)}
          </h2>
          {w.departures.length === 0 ? (
            <p className="card p-4 text-sm text-stone-600">
              {t("trunk.noDepartures")}
            </p>
          ) : (
            <ul className="grid gap-3 lg:grid-cols-2">
              {w.departures.map((d) => {
                const editing =
                  formData?.intent === "update" && formData.departureId === d.id
                    ? formData
                    : undefined;
                return (
                  <DepartureCard
                    key={d.id}
                    departure={d}
                    warehouseName={placeName(w.name, w.nameEn, locale)}
                    targets={w.targets}
                    canManage={canManage}
                    action={formAction}
                    t={t}
                    locale={locale}
                    editOpen={Boolean(editing)}
                    editForm={
                      <DepartureForm
                        action={formAction}
                        intent="update"
                        departureId={d.id}
                        warehouses={warehouses}
                        values={
                          editing?.values ??
                          departureFormValues({
                            ...d,
                            warehouseId: w.id,
                            cutoffAt: new Date(d.cutoffAt),
                            departsAt: new Date(d.departsAt),
                            arrivesAt: new Date(d.arrivesAt),
                          })
                        }
                        serverErrors={editing?.errors}
                        t={t}
                      />
                    }
                  />
                );
              })}
            </ul>
          )}
          <div>
            <h3 className="mb-2 font-semibold">
              {t("trunk.unassigned.title")}
            </h3>
            <UnassignedList
              items={w.unassigned}
              targets={w.targets}
              canManage={canManage}
              action={formAction}
              t={t}
              locale={locale}
            />
          </div>
        </section>
      ))}

      <OutlookPanel outlook={outlook} t={t} locale={locale} />

      {canManage && warehouses.length > 0 ? (
        <section aria-labelledby="new-run-h" className="card p-4 sm:p-5">
          <h2 id="new-run-h" className="mb-3 text-xl font-semibold">
            {t("trunk.new.title")}
          </h2>
          <DepartureForm
            action={formAction}
            intent="create"
            warehouses={warehouses}
            values={
              formData?.intent === "create"
                ? formData.values
                : { date: date < today ? today : date }
            }
            serverErrors={
              formData?.intent === "create" ? formData.errors : undefined
            }
            t={t}
          />
        </section>
      ) : null}
    </div>
  );
}
