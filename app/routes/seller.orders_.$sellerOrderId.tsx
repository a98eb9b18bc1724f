import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DeliveryProofPanel } from "~/components/orders/delivery-proof";
import { OrderLinesTable } from "~/components/orders/order-lines-table";
import { OrderTimeline } from "~/components/orders/order-timeline";
import { SellerNav } from "~/components/seller-nav";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { forbidden, notFound, requirePermission, safeRedirect } from "~/modules/auth/request.server";
import { WEIGHT_TOLERANCE_PERCENT, weightRange } from "~/modules/orders/charges";
import { loadDeliveryProofs } from "~/modules/delivery/proof.server";
import { loadOrderDetail, type OrderDetailLine } from "~/modules/orders/detail.server";
import { findOwnSellerOrder } from "~/modules/orders/inbox.server";
import { availableEvents, type SellerOrderState } from "~/modules/orders/state-machine";
import { readReason, readShipmentForm, readWeightsForm, reasonField, refusalErrors, shippedField, unitField, weightField, type FormLine, type StepFieldErrors } from "~/modules/orders/step-forms";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formValues, hasForbiddenCharacters, redisplayValues } from "~/utils/forms";
import { formatDateTime, formatFen, formatNumber, formatTimeRange, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { bilingualName, orgName, placeName } from "~/utils/i18n/names";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";
import { applySellerOrderEvent, type StepEvent } from "~/workflows/seller-order-step.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "订单" }];

/** One of the seller's seller orders, with the steps the seller may take now; another seller's is 403. */
async function loadOwn(request: Request, sellerOrderId: string | undefined) {
  const user = await requirePermission(request, "read:seller-order:own");
  if (!isUuid(sellerOrderId)) notFound();
  const db = await prisma();
  const orgIds = sellerOrganizationIds(user.memberships);
  const access = await findOwnSellerOrder(db, sellerOrderId, orgIds);
  if (access.kind === "not_found") notFound();
  if (access.kind === "forbidden") forbidden();
  const order = await loadOrderDetail(db, { id: access.orderId });
  const so = order?.sellerOrders.find((s) => s.id === access.sellerOrderId);
  if (!order || !so) notFound();
  return { user, db, orgIds, order, so };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, order, so } = await loadOwn(request, params.sellerOrderId);
  const t = translator(await resolveLocale(request, user.locale));
  const done = new URL(request.url).searchParams.get("done");
  const events = availableEvents(so.status as SellerOrderState, { permissions: user.permissions, owns: true });
  return {
    title: `${t("fulfilment.order.title", { number: order.number })} · ${t("seller.title")}`,
    done: done && (DONE_EVENTS as readonly string[]).includes(done) ? (done as StepEvent) : null,
    events,
    order: {
      number: order.number,
      buyer: order.buyer,
      placedAt: order.placedAt,
      note: order.note,
      deliveryPoint: order.deliveryPoint,
      slot: order.slot,
    },
    so,
    proofs: await loadDeliveryProofs(db, order.id),
    // The seller sees its own part of the timeline and the order's own events (placing).
    timeline: order.events.filter((e) => e.sellerOrderId === null || e.sellerOrderId === so.id),
  };
}

const DONE_EVENTS = ["confirm", "short_ship", "record_weights", "pack", "cancel_by_seller"] as const satisfies readonly StepEvent[];
const INTENTS = ["confirm", "short_ship", "record_weights", "pack", "cancel"] as const;
type Intent = (typeof INTENTS)[number];

type ActionData = { intent: Intent | ""; values: Record<string, string>; errors: StepFieldErrors };

function formLines(lines: readonly OrderDetailLine[]): FormLine[] {
  return lines.map((l) => ({ id: l.id, quantity: l.quantity, shippedQuantity: l.shippedQuantity, shortReason: l.shortReason, variableWeight: l.variableWeight, netWeightGrams: l.netWeightGrams || 1 }));
}

/**
 * The seller's steps on one seller order (intent: confirm, short_ship, record_weights, pack, cancel), each
 * through applySellerOrderEvent; field errors re-render the page (400), success redirects (POST-redirect-GET)
 * to the page or to the inbox the form came from (`returnTo`).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, orgIds, so } = await loadOwn(request, params.sellerOrderId);
  const values = formValues(await request.formData());
  const intent = (INTENTS as readonly string[]).includes(values.intent ?? "") ? (values.intent as Intent) : "";
  // Each step's own permission (the workflow checks it again, with ownership, under its lock).
  if (intent === "confirm" || intent === "short_ship") await requirePermission(request, "confirm:seller-order:own");
  if (intent === "record_weights" || intent === "pack") await requirePermission(request, "pack:seller-order:own");
  if (intent === "cancel") await requirePermission(request, "cancel:seller-order:own");
  const fail = (errors: StepFieldErrors) => data<ActionData>({ intent, values: redisplayValues(values), errors }, { status: 400 });
  const bad = Object.entries(values).find(([, v]) => hasForbiddenCharacters(v));
  if (bad) return fail({ [bad[0]]: "validation.invalidCharacters", _form: "fulfilment.error.fix" });
  const lines = formLines(so.lines);
  let event: StepEvent;
  let input: Pick<Parameters<typeof applySellerOrderEvent>[1], "shipment" | "weights" | "reason"> = {};
  switch (intent) {
    case "confirm":
    case "short_ship": {
      const read = readShipmentForm(values, lines, { reduceOnly: intent === "short_ship" });
      if (!read.ok) return fail(read.errors);
      event = intent;
      input = { shipment: read.shipment };
      break;
    }
    case "record_weights": {
      const read = readWeightsForm(values, lines);
      if (!read.ok) return fail(read.errors);
      event = "record_weights";
      input = { weights: read.weights };
      break;
    }
    case "pack":
      event = "pack";
      break;
    case "cancel": {
      const read = readReason(values.reason);
      if (read.error) return fail({ reason: read.error });
      if (!read.reason) return fail({ reason: "fulfilment.error.reasonRequired" });
      event = "cancel_by_seller";
      input = { reason: read.reason };
      break;
    }
    default:
      return fail({ _form: "fulfilment.error.unknownAction" });
  }
  const result = await applySellerOrderEvent(db, {
    sellerOrderId: so.id,
    event,
    actor: { userId: user.id, role: "seller", permissions: user.permissions, organizationIds: orgIds },
    ...input,
  });
  if (!result.ok) {
    if (result.code === "forbidden" || result.code === "not_owner") forbidden();
    if (result.code === "not_found") notFound();
    return fail(refusalErrors(result.code, result.lineIds, event));
  }
  const back = safeRedirect(values.returnTo, "", new URL(request.url).origin);
  const target = back.startsWith("/seller/orders") ? back : `/seller/orders/${so.id}`;
  throw redirect(`${target}${target.includes("?") ? "&" : "?"}done=${event}`);
}

export default function SellerOrderPage() {
  const { order, so, proofs, events, timeline, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const lines = so.lines.map((l) => ({ ...l }));
  const notFinal = so.lines.some((l) => !l.final) && so.status !== "cancelled";
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined);
  return (
    <div>
      <SellerNav current="orders" />
      <p className="mb-2">
        <Link to="/seller/orders" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          {t("fulfilment.order.back")}
        </Link>
      </p>
      <PageHeader title={t("fulfilment.order.title", { number: order.number })}>
        <span className="rounded-md bg-stone-100 px-2 py-1 text-sm font-semibold" data-testid="seller-order-status">
          {t(`checkout.sellerStatus.${so.status}` as MessageKey)}
        </span>
      </PageHeader>
      {done ? (
        <p role="status" className="mb-4 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t(`fulfilment.done.${done}` as MessageKey)}
        </p>
      ) : null}
      {/* An unknown action, or a step the order has moved past (its form is gone now): said at the top. */}
      {actionData && (actionData.intent === "" || actionData.errors._form === "fulfilment.error.invalidState") ? <FormAlert>{t((actionData.errors._form ?? "fulfilment.error.unknownAction") as MessageKey)}</FormAlert> : null}

      <dl className="card mb-6 grid gap-4 p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-stone-500">{t("fulfilment.order.buyer")}</dt>
          <dd className="font-medium">{orgName(order.buyer.name, order.buyer.nameEn, locale)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("fulfilment.order.slot")}</dt>
          <dd className="font-medium">
            {order.slot ? formatTimeRange(order.slot.startsAt, order.slot.endsAt, locale) : t("fulfilment.inbox.noSlot")}
            {order.slot ? <span className="block text-xs font-normal text-stone-500">{t("fulfilment.order.cutoff", { time: formatDateTime(order.slot.cutoffAt, locale) })}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("fulfilment.order.deliverTo")}</dt>
          <dd>
            {order.deliveryPoint.name ? <span className="block font-medium">{placeName(order.deliveryPoint.name, order.deliveryPoint.nameEn, locale)}</span> : null}
            <span className="block">{order.deliveryPoint.address}</span>
            {order.deliveryPoint.contactName ? <span className="block text-xs text-stone-500">{t("fulfilment.order.contact", { name: order.deliveryPoint.contactName, phone: order.deliveryPoint.contactPhone ?? "" })}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("fulfilment.order.placed")}</dt>
          <dd>{formatDateTime(order.placedAt, locale)}</dd>
        </div>
        {order.note ? <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 sm:col-span-2">{t("fulfilment.inbox.buyerNote", { note: order.note })}</p> : null}
        {so.status === "cancelled" && so.cancelReason ? <p className="rounded-md bg-red-50 px-3 py-2 text-red-900 sm:col-span-2">{t("fulfilment.order.cancelReason", { reason: so.cancelReason })}</p> : null}
      </dl>

      <section aria-labelledby="lines-h" className="card mb-6 p-4">
        <h2 id="lines-h" className="mb-2 font-semibold">{t("fulfilment.order.lines")}</h2>
        <OrderLinesTable lines={lines} caption={t("fulfilment.order.lines")} t={t} locale={locale} />
        <p className="mt-3 flex justify-between border-t border-stone-200 pt-2 font-semibold">
          <span>{notFinal ? t("fulfilment.order.subtotalEstimated") : t("fulfilment.order.subtotal")}</span>
          <span className="tabular-nums" data-testid="seller-order-total">{formatFen(so.chargedFen, locale)}</span>
        </p>
      </section>

      <div className="mb-6 space-y-4">
        {events.includes("confirm") ? <ShipmentForm intent="confirm" lines={so.lines} state={errorsFor("confirm")} t={t} locale={locale} /> : null}
        {events.includes("record_weights") && so.lines.some((l) => l.variableWeight) ? <WeightsForm lines={so.lines} state={errorsFor("record_weights")} t={t} locale={locale} /> : null}
        {events.includes("pack") ? <PackForm state={errorsFor("pack")} t={t} /> : null}
        {events.includes("short_ship") ? <ShipmentForm intent="short_ship" lines={so.lines} state={errorsFor("short_ship")} t={t} locale={locale} /> : null}
        {events.includes("cancel_by_seller") ? <CancelForm state={errorsFor("cancel")} t={t} /> : null}
        {events.length === 0 ? <p className="text-sm text-stone-600">{t("fulfilment.order.noActions")}</p> : null}
      </div>

      <div className="mb-6">
        <DeliveryProofPanel proofs={proofs} lines={so.lines} t={t} locale={locale} />
      </div>
      <div className="card p-4">
        <OrderTimeline events={timeline} t={t} locale={locale} />
      </div>
    </div>
  );
}

type LineView = OrderDetailLine;
type FormState = ActionData | undefined;

function useBusy(intent: Intent): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

function ErrorText({ id, error, t, params }: { id: string; error: string | undefined; t: T; params?: Record<string, string> }) {
  return error ? (
    <p id={id} className="text-sm font-medium text-red-700">
      {t(error as MessageKey, params)}
    </p>
  ) : null;
}

function FormLevel({ state, t }: { state: FormState; t: T }) {
  if (!state || Object.keys(state.errors).length === 0) return null;
  return <FormAlert>{t((state.errors._form ?? "fulfilment.error.fix") as MessageKey)}</FormAlert>;
}

function ShipmentForm({ intent, lines, state, t, locale }: { intent: "confirm" | "short_ship"; lines: readonly LineView[]; state: FormState; t: T; locale: Locale }) {
  const busy = useBusy(intent);
  const values = state?.values ?? {};
  const errors = state?.errors ?? {};
  const confirm = intent === "confirm";
  const body = (
    <Form method="post" noValidate className="space-y-4" aria-labelledby={`${intent}-h`}>
      <input type="hidden" name="intent" value={intent} />
      <FormLevel state={state} t={t} />
      <ul className="divide-y divide-stone-100">
        {lines.map((l) => {
          const name = bilingualName(l.productNameZh, l.productNameEn, locale).primary;
          const sf = shippedField(l.id);
          const rf = reasonField(l.id);
          const current = l.shippedQuantity ?? l.quantity;
          return (
            <li key={l.id} className="grid gap-3 py-3 sm:grid-cols-[12rem_1fr]">
              <div className="space-y-1">
                <label htmlFor={`f-${sf}`} className="block text-sm font-medium text-stone-800">
                  {t("fulfilment.field.shipped", { product: name, ordered: formatNumber(l.quantity, locale) })}
                </label>
                <input
                  id={`f-${sf}`}
                  name={sf}
                  inputMode="numeric"
                  autoComplete="off"
                  className="input"
                  defaultValue={values[sf] ?? String(current)}
                  aria-invalid={errors[sf] ? true : undefined}
                  aria-describedby={errors[sf] ? `f-${sf}-error` : undefined}
                />
                <ErrorText id={`f-${sf}-error`} error={errors[sf]} t={t} />
              </div>
              <div className="space-y-1">
                <label htmlFor={`f-${rf}`} className="block text-sm font-medium text-stone-800">
                  {t("fulfilment.field.reason", { product: name })}
                </label>
                <input
                  id={`f-${rf}`}
                  name={rf}
                  maxLength={500}
                  className="input"
                  placeholder={t("fulfilment.field.reasonPlaceholder")}
                  defaultValue={values[rf] ?? l.shortReason}
                  aria-invalid={errors[rf] ? true : undefined}
                  aria-describedby={errors[rf] ? `f-${rf}-error` : undefined}
                />
                <ErrorText id={`f-${rf}-error`} error={errors[rf]} t={t} />
              </div>
            </li>
          );
        })}
      </ul>
      <button type="submit" className={confirm ? "btn-primary w-full sm:w-auto" : "btn-secondary w-full sm:w-auto"} disabled={busy}>
        {t(confirm ? "fulfilment.confirm.submit" : "fulfilment.short.submit")}
      </button>
    </Form>
  );
  if (confirm)
    return (
      <section className="card p-4" aria-labelledby={`${intent}-h`}>
        <h2 id={`${intent}-h`} className="font-semibold">{t("fulfilment.confirm.title")}</h2>
        <p className="mb-3 text-sm text-stone-600">{t("fulfilment.confirm.hint")}</p>
        {body}
      </section>
    );
  // Short-shipping after confirming is the exception: folded away unless it has errors.
  return (
    <details className="card p-4" open={state ? true : undefined}>
      <summary className="cursor-pointer font-semibold" id={`${intent}-h`}>
        {t("fulfilment.short.title")}
      </summary>
      <p className="mb-3 mt-1 text-sm text-stone-600">{t("fulfilment.short.hint")}</p>
      {body}
    </details>
  );
}

function WeightsForm({ lines, state, t, locale }: { lines: readonly LineView[]; state: FormState; t: T; locale: Locale }) {
  const busy = useBusy("record_weights");
  const values = state?.values ?? {};
  const errors = state?.errors ?? {};
  const weighable = lines.filter((l) => l.variableWeight && (l.shippedQuantity ?? l.quantity) > 0);
  return (
    <section className="card p-4" aria-labelledby="weights-h">
      <h2 id="weights-h" className="font-semibold">{t("fulfilment.weights.title")}</h2>
      <p className="mb-3 text-sm text-stone-600">{t("fulfilment.weights.hint", { tolerance: WEIGHT_TOLERANCE_PERCENT })}</p>
      {weighable.length === 0 ? (
        <p className="text-sm text-stone-600">{t("fulfilment.weights.none")}</p>
      ) : (
        <Form method="post" noValidate className="space-y-4">
          <input type="hidden" name="intent" value="record_weights" />
          <FormLevel state={state} t={t} />
          <ul className="divide-y divide-stone-100">
            {weighable.map((l) => {
              const name = bilingualName(l.productNameZh, l.productNameEn, locale).primary;
              const packs = l.shippedQuantity ?? l.quantity;
              const net = l.netWeightGrams || 1;
              const range = weightRange(packs, net);
              const wf = weightField(l.id);
              const uf = unitField(l.id);
              const unit = values[uf] === "g" ? "g" : "kg";
              const hintId = `f-${wf}-hint`;
              return (
                <li key={l.id} className="space-y-1 py-3">
                  <label htmlFor={`f-${wf}`} className="block text-sm font-medium text-stone-800">
                    {t("fulfilment.weights.field", { product: name, packs: formatNumber(packs, locale), nominal: formatWeight(packs * net, locale) })}
                  </label>
                  <div className="flex gap-2">
                    <input
                      id={`f-${wf}`}
                      name={wf}
                      inputMode="decimal"
                      autoComplete="off"
                      className="input max-w-48"
                      data-nominal-grams={packs * net}
                      defaultValue={values[wf] ?? (l.actualGrams !== null ? String(l.actualGrams / 1000) : "")}
                      aria-invalid={errors[wf] ? true : undefined}
                      aria-describedby={`${hintId}${errors[wf] ? ` f-${wf}-error` : ""}`}
                    />
                    <label htmlFor={`f-${uf}`} className="sr-only">
                      {t("fulfilment.weights.unit")}
                    </label>
                    <select id={`f-${uf}`} name={uf} defaultValue={unit} className="input w-24">
                      <option value="kg">{t("fulfilment.weights.unit.kg")}</option>
                      <option value="g">{t("fulfilment.weights.unit.g")}</option>
                    </select>
                  </div>
                  <p id={hintId} className="text-sm text-stone-500">
                    {t("fulfilment.weights.range", { min: formatWeight(range.minGrams, locale), max: formatWeight(range.maxGrams, locale) })}
                    {l.actualGrams !== null ? ` · ${t("fulfilment.weights.recorded", { weight: formatWeight(l.actualGrams, locale), amount: formatFen(l.chargedFen, locale) })}` : ""}
                  </p>
                  <ErrorText id={`f-${wf}-error`} error={errors[wf]} t={t} />
                </li>
              );
            })}
          </ul>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t("fulfilment.weights.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

function PackForm({ state, t }: { state: FormState; t: T }) {
  const busy = useBusy("pack");
  return (
    <section className="card p-4" aria-labelledby="pack-h">
      <h2 id="pack-h" className="font-semibold">{t("fulfilment.pack.title")}</h2>
      <p className="mb-3 text-sm text-stone-600">{t("fulfilment.pack.hint")}</p>
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="pack" />
        <FormLevel state={state} t={t} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("fulfilment.pack.submit")}
        </button>
      </Form>
    </section>
  );
}

function CancelForm({ state, t }: { state: FormState; t: T }) {
  const busy = useBusy("cancel");
  const error = state?.errors.reason;
  return (
    <details className="card p-4" open={state ? true : undefined}>
      <summary className="cursor-pointer font-semibold">{t("fulfilment.cancel.title")}</summary>
      <p className="mb-3 mt-1 text-sm text-stone-600">{t("fulfilment.cancel.sellerHint")}</p>
      <Form method="post" noValidate className="space-y-3">
        <input type="hidden" name="intent" value="cancel" />
        {state?.errors._form ? <FormAlert>{t(state.errors._form as MessageKey)}</FormAlert> : null}
        <div className="space-y-1">
          <label htmlFor="f-cancel-reason" className="block text-sm font-medium text-stone-800">
            {t("fulfilment.cancel.reason")}
          </label>
          <textarea id="f-cancel-reason" name="reason" rows={2} maxLength={500} className="input" defaultValue={state?.values.reason ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? "f-cancel-reason-error" : undefined} />
          <ErrorText id="f-cancel-reason-error" error={error} t={t} />
        </div>
        <button type="submit" className="btn-secondary w-full text-red-700 sm:w-auto" disabled={busy}>
          {t("fulfilment.cancel.submit")}
        </button>
      </Form>
    </details>
  );
}
