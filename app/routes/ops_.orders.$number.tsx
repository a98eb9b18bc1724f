import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { MoneySummary } from "~/components/orders/money-summary";
import { DeliveryProofPanel } from "~/components/orders/delivery-proof";
import { OrderLinesTable } from "~/components/orders/order-lines-table";
import { OrderTimeline } from "~/components/orders/order-timeline";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { loadDeliveryProofs } from "~/modules/delivery/proof.server";
import { loadOrderDetail } from "~/modules/orders/detail.server";
import { availableEvents, type SellerOrderEvent, type SellerOrderState } from "~/modules/orders/state-machine";
import { readReason, refusalErrors, type StepFieldErrors } from "~/modules/orders/step-forms";
import { prisma } from "~/utils/db.server";
import { formValues, hasForbiddenCharacters, redisplayValues } from "~/utils/forms";
import { formatDateTime, formatFen, formatTimeRange } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { orgName, placeName } from "~/utils/i18n/names";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";
import { applySellerOrderEvent, type StepEvent } from "~/workflows/seller-order-step.server";
import { districtName } from "~/modules/orders/districts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "订单" }];

/** The warehouse's and operator's steps, in the order the page offers them. */
const OPS_EVENTS = ["receive", "dispatch", "deliver", "close", "cancel_by_operator"] as const satisfies readonly StepEvent[];
type OpsEvent = (typeof OPS_EVENTS)[number];
const INTENT_EVENT: Record<string, OpsEvent> = { receive: "receive", dispatch: "dispatch", deliver: "deliver", close: "close", cancel: "cancel_by_operator" };

async function loadAny(request: Request, number: string | undefined) {
  const user = await requirePermission(request, "read:order:any");
  const db = await prisma();
  const order = await loadOrderDetail(db, { number: number ?? "" });
  if (!order) notFound();
  return { user, db, order };
}

/** Any order, for operators and admins, with the steps each seller order allows the user now. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, order } = await loadAny(request, params.number);
  const t = translator(await resolveLocale(request, user.locale));
  const done = new URL(request.url).searchParams.get("done");
  const steps: Record<string, OpsEvent[]> = {};
  for (const so of order.sellerOrders) {
    const allowed = availableEvents(so.status as SellerOrderState, { permissions: user.permissions, owns: false });
    steps[so.id] = OPS_EVENTS.filter((e) => (allowed as SellerOrderEvent[]).includes(e));
  }
  return {
    title: `${t("fulfilment.order.title", { number: order.number })} · ${t("fulfilment.ops.title")}`,
    order,
    proofs: await loadDeliveryProofs(db, order.id),
    steps,
    done: done && (OPS_EVENTS as readonly string[]).includes(done) ? (done as OpsEvent) : null,
  };
}

type ActionData = { sellerOrderId: string; intent: string; values: Record<string, string>; errors: StepFieldErrors };

/** A warehouse step or a cancellation of one seller order of this order; success redirects back (POST-redirect-GET). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, order } = await loadAny(request, params.number);
  const values = formValues(await request.formData());
  const sellerOrderId = values.sellerOrderId ?? "";
  const intent = values.intent ?? "";
  const fail = (errors: StepFieldErrors) => data<ActionData>({ sellerOrderId, intent, values: redisplayValues(values), errors }, { status: 400 });
  const so = isUuid(sellerOrderId) ? order.sellerOrders.find((s) => s.id === sellerOrderId.toLowerCase()) : undefined;
  if (!so) return fail({ _form: "fulfilment.error.unknownAction" });
  const event = INTENT_EVENT[intent];
  if (!event) return fail({ _form: "fulfilment.error.unknownAction" });
  // Each step's own permission (admins oversee but run no warehouse step). Closing has no permission
  // of its own yet: the workflow refuses it (403) for every role.
  if (event === "receive") await requirePermission(request, "receive:order:warehouse");
  if (event === "dispatch") await requirePermission(request, "dispatch:order:warehouse");
  if (event === "deliver") await requirePermission(request, "deliver:order:warehouse");
  if (event === "close") await requirePermission(request, "close:order:warehouse");
  if (event === "cancel_by_operator") await requirePermission(request, "cancel:order:any");
  let reason: string | undefined;
  if (event === "cancel_by_operator") {
    if (hasForbiddenCharacters(values.reason ?? "")) return fail({ reason: "validation.invalidCharacters" });
    const read = readReason(values.reason);
    if (read.error) return fail({ reason: read.error });
    if (!read.reason) return fail({ reason: "fulfilment.error.reasonRequired" });
    reason = read.reason;
  }
  const role = user.roles.includes("operator") ? "operator" : user.roles.includes("admin") ? "admin" : (user.roles[0] ?? "operator");
  const result = await applySellerOrderEvent(db, {
    sellerOrderId: so.id,
    event,
    actor: { userId: user.id, role, permissions: user.permissions, organizationIds: user.memberships.map((m) => m.organizationId) },
    reason,
  });
  if (!result.ok) {
    if (result.code === "forbidden" || result.code === "not_owner") forbidden();
    if (result.code === "not_found") notFound();
    return fail(refusalErrors(result.code, result.lineIds, event));
  }
  throw redirect(`/ops/orders/${encodeURIComponent(order.number)}?done=${event}`);
}

export default function OpsOrderPage() {
  const { order, proofs, steps, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const orphan = actionData && !order.sellerOrders.some((so) => so.id === actionData.sellerOrderId);
  return (
    <div>
      <p className="mb-2">
        <Link to="/ops/orders" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          {t("fulfilment.ops.back")}
        </Link>
      </p>
      <PageHeader title={t("fulfilment.order.title", { number: order.number })}>
        <span className="rounded-md bg-stone-100 px-2 py-1 text-sm font-semibold" data-testid="order-status">
          {t(`orderStatus.${order.status}` as MessageKey)}
        </span>
      </PageHeader>
      {done ? (
        <p role="status" className="mb-4 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t(`fulfilment.done.${done}` as MessageKey)}
        </p>
      ) : null}
      {orphan ? <FormAlert>{t((actionData.errors._form ?? "fulfilment.error.unknownAction") as MessageKey)}</FormAlert> : null}
      <div className="mb-6 grid gap-4 lg:grid-cols-[2fr_1fr]">
        <dl className="card grid gap-4 p-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-stone-500">{t("fulfilment.order.buyer")}</dt>
            <dd className="font-medium">{orgName(order.buyer.name, order.buyer.nameEn, locale)}</dd>
            <dd className="text-xs text-stone-500">
              {t("fulfilment.ops.placedBy", { name: order.placedBy.name, time: formatDateTime(order.placedAt, locale) })} · {t(`fulfilment.ops.channel.${order.channel}`)}
            </dd>
          </div>
          <div>
            <dt className="text-stone-500">{t("fulfilment.order.slot")}</dt>
            <dd className="font-medium">{order.slot ? formatTimeRange(order.slot.startsAt, order.slot.endsAt, locale) : t("fulfilment.inbox.noSlot")}</dd>
            {order.slot ? <dd className="text-xs text-stone-500">{t("fulfilment.order.cutoff", { time: formatDateTime(order.slot.cutoffAt, locale) })}</dd> : null}
          </div>
          <div className="sm:col-span-2">
            <dt className="text-stone-500">{t("fulfilment.order.deliverTo")}</dt>
            <dd>
              {[order.deliveryPoint.name ? placeName(order.deliveryPoint.name, order.deliveryPoint.nameEn, locale) : null, order.deliveryPoint.district ? districtName(order.deliveryPoint.district, locale) : null, order.deliveryPoint.address].filter(Boolean).join(" · ")}
              {order.deliveryPoint.contactName ? <span className="block text-xs text-stone-500">{t("fulfilment.order.contact", { name: order.deliveryPoint.contactName, phone: order.deliveryPoint.contactPhone ?? "" })}</span> : null}
            </dd>
          </div>
          {order.note ? <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 sm:col-span-2">{t("fulfilment.ops.note", { note: order.note })}</p> : null}
        </dl>
        <div className="card p-4">
          <MoneySummary money={order} t={t} locale={locale} />
        </div>
      </div>
      <div className="mb-6 space-y-4">
        {order.sellerOrders.map((so) => {
          const seller = orgName(so.seller.name, so.seller.nameEn, locale);
          const mine = actionData?.sellerOrderId === so.id ? actionData : undefined;
          return (
            <section key={so.id} className="card p-4" aria-labelledby={`so-${so.id}`} data-seller-order={so.id}>
              <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`so-${so.id}`} className="font-semibold">
                  {t("fulfilment.ops.sellerOrder", { seller })}
                </h2>
                <span className="text-sm">
                  <span className="font-medium">{t(`checkout.sellerStatus.${so.status}` as MessageKey)}</span> · <span className="tabular-nums">{formatFen(so.chargedFen, locale)}</span>
                </span>
              </div>
              {so.status === "cancelled" && so.cancelReason ? <p className="mb-2 text-sm text-red-800">{t("fulfilment.order.cancelReason", { reason: so.cancelReason })}</p> : null}
              <OrderLinesTable lines={so.lines} caption={seller} t={t} locale={locale} />
              <Steps sellerOrderId={so.id} seller={seller} steps={steps[so.id] ?? []} state={mine} t={t} />
            </section>
          );
        })}
      </div>
      <DeliveryProofPanel proofs={proofs} lines={order.sellerOrders.flatMap((so) => so.lines)} t={t} locale={locale} />
      <div className="card p-4">
        <OrderTimeline events={order.events} t={t} locale={locale} />
      </div>
    </div>
  );
}

const STEP_LABEL: Record<Exclude<OpsEvent, "cancel_by_operator">, { intent: string; label: MessageKey; of: MessageKey }> = {
  receive: { intent: "receive", label: "fulfilment.ops.receive", of: "fulfilment.ops.receiveOf" },
  dispatch: { intent: "dispatch", label: "fulfilment.ops.dispatch", of: "fulfilment.ops.dispatchOf" },
  deliver: { intent: "deliver", label: "fulfilment.ops.deliver", of: "fulfilment.ops.deliverOf" },
  close: { intent: "close", label: "fulfilment.ops.close", of: "fulfilment.ops.closeOf" },
};

function Steps({ sellerOrderId, seller, steps, state, t }: { sellerOrderId: string; seller: string; steps: OpsEvent[]; state: ActionData | undefined; t: T }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("sellerOrderId") === sellerOrderId;
  const forward = steps.filter((s): s is Exclude<OpsEvent, "cancel_by_operator"> => s !== "cancel_by_operator");
  const reasonError = state?.errors.reason;
  return (
    <div className="mt-3 space-y-3 border-t border-stone-200 pt-3">
      <h3 className="text-sm font-semibold text-stone-700">{t("fulfilment.ops.steps")}</h3>
      {state?.errors._form ? <FormAlert>{t(state.errors._form as MessageKey)}</FormAlert> : null}
      {steps.length === 0 ? <p className="text-sm text-stone-500">{t("fulfilment.ops.noSteps")}</p> : null}
      {forward.length > 0 ? (
        <div className="flex flex-wrap gap-2">
          {forward.map((s) => (
            <Form key={s} method="post">
              <input type="hidden" name="sellerOrderId" value={sellerOrderId} />
              <input type="hidden" name="intent" value={STEP_LABEL[s].intent} />
              <button type="submit" className="btn-primary" disabled={busy} aria-label={t(STEP_LABEL[s].of, { seller })}>
                {t(STEP_LABEL[s].label)}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
      {steps.includes("cancel_by_operator") ? (
        <details open={reasonError ? true : undefined}>
          <summary className="cursor-pointer text-sm font-medium text-red-800">{t("fulfilment.ops.cancelOf", { seller })}</summary>
          <p className="mt-1 text-sm text-stone-600">{t("fulfilment.cancel.operatorHint")}</p>
          <Form method="post" noValidate className="mt-2 space-y-2">
            <input type="hidden" name="sellerOrderId" value={sellerOrderId} />
            <input type="hidden" name="intent" value="cancel" />
            <label htmlFor={`f-reason-${sellerOrderId}`} className="block text-sm font-medium text-stone-800">
              {t("fulfilment.cancel.reason")}
            </label>
            <textarea
              id={`f-reason-${sellerOrderId}`}
              name="reason"
              rows={2}
              maxLength={500}
              className="input"
              defaultValue={state?.values.reason ?? ""}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `f-reason-${sellerOrderId}-error` : undefined}
            />
            {reasonError ? (
              <p id={`f-reason-${sellerOrderId}-error`} className="text-sm font-medium text-red-700">
                {t(reasonError as MessageKey)}
              </p>
            ) : null}
            <button type="submit" className="btn-secondary text-red-700" disabled={busy}>
              {t("fulfilment.cancel.submit")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
