import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { quantityMessage } from "~/components/orders/messages";
import { MoneySummary } from "~/components/orders/money-summary";
import { DeliveryProofPanel } from "~/components/orders/delivery-proof";
import { OrderLinesTable } from "~/components/orders/order-lines-table";
import { OrderTimeline } from "~/components/orders/order-timeline";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { forbidden, notFound, requirePermission, type SessionUser } from "~/modules/auth/request.server";
import { can } from "~/modules/auth/permissions";
import { reorderIntoCart } from "~/modules/orders/carts.server";
import { cancelOrderSchema } from "~/modules/orders/checkout-schemas";
import { loadDeliveryProofs } from "~/modules/delivery/proof.server";
import { buyerCanChange, loadOrderDetail, type OrderDetail } from "~/modules/orders/detail.server";
import { isOrderNumber } from "~/modules/orders/numbers";
import { readQuantityText } from "~/modules/orders/quantities";
import { amendOrderByBuyer, cancelOrderByBuyer, type AmendResult, type CancelResult } from "~/workflows/buyer-order.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm } from "~/utils/forms";
import { formatDateTime, formatNumber, formatTimeRange } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { bilingualName, orgName, placeName } from "~/utils/i18n/names";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "订单" }];

/** The buyer's own order (404 for an unknown number, 403 for another organization's). */
async function ownOrder(user: SessionUser, number: string | undefined): Promise<OrderDetail> {
  const org = user.memberships.find((m) => m.role === "buyer");
  if (!org) forbidden();
  if (!isOrderNumber(number)) notFound();
  const order = await loadOrderDetail(await prisma(), { number });
  if (!order) notFound();
  if (order.buyer.id !== org.organizationId) forbidden();
  return order;
}

/** The buyer's view of one order: split per seller, estimated vs actual, the timeline, edit/cancel until the cut-off. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:order:own");
  const order = await ownOrder(user, params.number);
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  const t = translator(await resolveLocale(request, user.locale));
  return {
    order,
    proofs: await loadDeliveryProofs(await prisma(), order.id),
    canChange: buyerCanChange(order, new Date()),
    may: { amend: can(user.permissions, "update:order:own"), cancel: can(user.permissions, "cancel:order:own"), reorder: can(user.permissions, "manage:cart:own") },
    placed: url.searchParams.get("placed") === "1",
    done: done === "edited" || done === "cancelled" ? done : null,
    title: `${t("checkout.order.title", { number: order.number })} · ${t("app.name")}`,
  };
}

type ActionData = { intent: "cancel"; result: Extract<CancelResult, { ok: false }> } | { intent: "amend"; result: Extract<AmendResult, { ok: false }>; values: Record<string, string> } | { intent: "reorder"; code: "not_found" };

/** cancel / amend (new quantities, 0 removes) / reorder (into the cart). */
export async function action({ request, params }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  const intent = values.intent;
  if (intent === "cancel") {
    const user = await requirePermission(request, "cancel:order:own");
    const order = await ownOrder(user, params.number);
    const parsed = parseForm(cancelOrderSchema, values);
    const result = await cancelOrderByBuyer(await prisma(), { buyerId: order.buyer.id, userId: user.id, orderId: order.id, reason: parsed.data?.reason ?? "" });
    if (result.ok) throw redirect(`/orders/${order.number}?done=cancelled`);
    return data<ActionData>({ intent: "cancel", result }, { status: 400 });
  }
  if (intent === "amend") {
    const user = await requirePermission(request, "update:order:own");
    const order = await ownOrder(user, params.number);
    const lines = Object.entries(values)
      .filter(([k, v]) => k.startsWith("q_") && v.trim() !== "")
      // Text that is no number stays NaN: the workflow refuses it as not_integer for that line.
      .map(([k, v]) => ({ lineId: k.slice(2), quantity: readQuantityText(v) }));
    const result = await amendOrderByBuyer(await prisma(), { buyerId: order.buyer.id, userId: user.id, orderId: order.id, lines });
    if (result.ok) throw redirect(`/orders/${order.number}?done=edited`);
    return data<ActionData>({ intent: "amend", result, values }, { status: 400 });
  }
  if (intent === "reorder") {
    const user = await requirePermission(request, "manage:cart:own");
    const order = await ownOrder(user, params.number);
    const result = await reorderIntoCart(await prisma(), { buyerId: order.buyer.id, userId: user.id, orderId: order.id });
    if (!result.ok) return data<ActionData>({ intent: "reorder", code: "not_found" }, { status: 400 });
    const skipped = result.skipped.map((s) => s.productNameZh || s.sku).join("、");
    throw redirect(`/cart?${new URLSearchParams({ done: "reordered", added: String(result.added), ...(skipped ? { skipped } : {}) })}`);
  }
  await requirePermission(request, "read:order:own");
  throw data({ message: "unknown intent" }, { status: 400 });
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function amendMessage(result: Extract<AmendResult, { ok: false }>, order: Loaded["order"], t: T, locale: Locale): string {
  const lineName = (variantId: string) => {
    const l = order.sellerOrders.flatMap((so) => so.lines).find((x) => x.variantId === variantId);
    return l ? bilingualName(l.productNameZh, l.productNameEn, locale).primary : variantId;
  };
  switch (result.code) {
    case "insufficient_stock":
      return t("checkout.error.insufficient_stock", { items: result.lines.map((l) => t("checkout.error.insufficientItem", { product: lineName(l.variantId), available: formatNumber(l.available, locale) })).join("；") });
    case "invalid_quantity":
      return result.lines.map((l) => `${lineName(l.variantId)}：${quantityMessage({ code: l.issue, nearest: l.nearest, min: l.min, multiple: l.multiple, max: l.max }, t, locale)}`).join("；");
    case "slot_full":
      return t("checkout.error.slot_full", { classes: result.short.map((s) => t(`temp.${s.tempClass}`)).join("、") });
    case "past_cutoff":
    case "not_amendable":
    case "no_change":
    case "unknown_line":
    case "not_found":
      return t(`checkout.order.error.${result.code}`);
    default:
      return t(`checkout.error.${result.code}` as MessageKey);
  }
}

export default function BuyerOrderPage() {
  const { order, proofs, canChange, may, placed, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state !== "idle";
  const amendError = actionData?.intent === "amend" ? actionData : undefined;
  return (
    <div className="space-y-6">
      <Link to="/orders" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("checkout.order.back")}
      </Link>
      <PageHeader title={t("checkout.order.title", { number: order.number })} subtitle={t("checkout.order.placedBy", { name: order.placedBy.name, time: formatDateTime(order.placedAt, locale) })}>
        <span className="rounded-md bg-stone-100 px-2 py-1 text-sm font-medium text-stone-800" data-testid="order-status">
          {t(`orderStatus.${order.status}`)}
        </span>
      </PageHeader>
      {placed ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t("checkout.order.placed", { count: order.sellerOrders.length })}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t(done === "edited" ? "checkout.order.edited" : "checkout.order.cancelled")}
        </p>
      ) : null}
      <section className="card grid gap-3 p-4 text-sm sm:grid-cols-2">
        <div>
          <div className="text-stone-500">{t("checkout.order.deliverTo")}</div>
          <div className="font-medium">{order.deliveryPoint.name ? placeName(order.deliveryPoint.name, order.deliveryPoint.nameEn, locale) : ""}</div>
          <div>{order.deliveryPoint.address}</div>
          {order.deliveryPoint.contactName ? (
            <div className="text-stone-600">
              {order.deliveryPoint.contactName} {order.deliveryPoint.contactPhone}
            </div>
          ) : null}
        </div>
        <div>
          <div className="text-stone-500">{t("checkout.order.slot")}</div>
          {order.slot ? (
            <>
              <div className="font-medium">
                {formatTimeRange(order.slot.startsAt, order.slot.endsAt, locale)}
              </div>
              <div className="text-stone-600">{canChange ? t("checkout.order.cutoff", { time: formatDateTime(order.slot.cutoffAt, locale) }) : t("checkout.order.locked")}</div>
            </>
          ) : (
            <div>—</div>
          )}
          {order.note ? (
            <div className="mt-2">
              <span className="text-stone-500">{t("checkout.order.note")}：</span>
              {order.note}
            </div>
          ) : null}
          {order.channel === "api" ? <div className="text-xs text-stone-500">{t("checkout.order.channel.api")}</div> : null}
        </div>
      </section>
      {order.sellerOrders.map((so) => (
        <section key={so.id} className="card p-4" aria-labelledby={`so-${so.id}`} data-seller-order={so.seller.id}>
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`so-${so.id}`} className="font-semibold">
              {orgName(so.seller.name, so.seller.nameEn, locale)}
            </h2>
            <span className="rounded-md bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700">{t(`checkout.sellerStatus.${so.status}`)}</span>
          </div>
          {so.cancelReason ? <p className="mb-2 text-sm text-stone-600">{t("checkout.order.cancelReasonShown", { reason: so.cancelReason })}</p> : null}
          <OrderLinesTable lines={so.lines} caption={orgName(so.seller.name, so.seller.nameEn, locale)} t={t} locale={locale} />
        </section>
      ))}
      <DeliveryProofPanel proofs={proofs} lines={order.sellerOrders.flatMap((so) => so.lines)} t={t} locale={locale} />
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card p-4">
          <MoneySummary money={order} t={t} locale={locale} />
        </section>
        <section className="card p-4">
          <OrderTimeline events={order.events} t={t} locale={locale} />
        </section>
      </div>
      {canChange && may.amend ? (
        <section className="card space-y-3 p-4" aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="font-semibold">
            {t("checkout.order.edit")}
          </h2>
          <p className="text-sm text-stone-600">{t("checkout.order.editHint")}</p>
          {amendError ? <FormAlert>{amendMessage(amendError.result, order, t, locale)}</FormAlert> : null}
          <Form method="post" className="space-y-2" noValidate>
            <input type="hidden" name="intent" value="amend" />
            <ul className="divide-y divide-stone-100">
              {order.sellerOrders
                .filter((so) => so.status === "placed" || so.status === "confirmed")
                .flatMap((so) => so.lines)
                .map((l) => {
                  const name = bilingualName(l.productNameZh, l.productNameEn, locale).primary;
                  return (
                    <li key={l.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <label htmlFor={`q-${l.id}`} className="text-sm">
                        {t("checkout.order.editQuantity", { product: name })}
                      </label>
                      <input id={`q-${l.id}`} name={`q_${l.id}`} inputMode="numeric" defaultValue={amendError?.values[`q_${l.id}`] ?? String(l.quantity)} className="input w-24 text-right" />
                    </li>
                  );
                })}
            </ul>
            <button type="submit" className="btn-primary min-h-11" disabled={busy}>
              {t("checkout.order.saveEdit")}
            </button>
          </Form>
        </section>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {canChange && may.cancel ? (
          <Form method="post" className="card flex flex-wrap items-end gap-2 p-4">
            <input type="hidden" name="intent" value="cancel" />
            <div>
              <label htmlFor="reason" className="block text-sm font-medium text-stone-800">
                {t("checkout.order.cancelReason")}
              </label>
              <input id="reason" name="reason" maxLength={500} className="input" />
            </div>
            <button type="submit" className="min-h-11 rounded-lg border border-red-300 px-4 font-medium text-red-700" disabled={busy}>
              {t("checkout.order.cancel")}
            </button>
            {actionData?.intent === "cancel" ? <p className="w-full text-sm font-medium text-red-700">{t(`checkout.order.error.${actionData.result.code}`)}</p> : null}
          </Form>
        ) : null}
        {may.reorder ? (
          <Form method="post" className="self-end">
            <input type="hidden" name="intent" value="reorder" />
            <button type="submit" className="btn-secondary min-h-11" disabled={busy}>
              {t("checkout.order.reorder")}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
