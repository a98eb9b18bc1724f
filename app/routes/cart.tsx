import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { quantityMessage, weightsText, type QuantityProblemView } from "~/components/orders/messages";
import { TempBadge } from "~/components/ui/badges";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { forbidden, requirePermission, type SessionUser } from "~/modules/auth/request.server";
import { can } from "~/modules/auth/permissions";
import { addToCart, cartOrderLines, confirmCartPrices, loadCart, removeCartLine, removeOrderedLines, setCartQuantity } from "~/modules/orders/carts.server";
import { addToCartSchema, checkoutSchema, formatCheckoutLines, removeLineSchema, setQuantitySchema } from "~/modules/orders/checkout-schemas";
import { listDeliveryPointsOf, listOpenSlotsFor } from "~/modules/orders/ordering-data.server";
import { findIdempotentReplay, placeOrder, type PlaceOrderResult } from "~/workflows/place-order.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatDateTime, formatFen, formatNumber, formatTimeRange } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { bilingualName, orgName } from "~/utils/i18n/names";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "购物车" }];

/** The buyer organization the user orders for (its first buyer membership); 403 without one. */
function buyerOrg(user: SessionUser): string {
  const m = user.memberships.find((x) => x.role === "buyer");
  if (!m) forbidden();
  return m.organizationId;
}

/** The organization's shared cart, its delivery points and the chosen point's open slots, and a fresh idempotency key. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:cart:own");
  const orgId = buyerOrg(user);
  const db = await prisma();
  const now = new Date();
  const url = new URL(request.url);
  const cart = await loadCart(db, orgId, now);
  const points = await listDeliveryPointsOf(db, orgId);
  const wanted = url.searchParams.get("point");
  const point = points.find((p) => p.id === wanted) ?? points[0] ?? null;
  const slots = point ? await listOpenSlotsFor(db, point.id, now) : [];
  const flash = url.searchParams.get("done");
  const t = translator(await resolveLocale(request, user.locale));
  return {
    cart,
    points,
    pointId: point?.id ?? null,
    slots,
    // A new key each time the page renders: a double click or a browser retry of this page's form is one order.
    idempotencyKey: randomUUID(),
    flash: flash === "updated" || flash === "confirmed" || flash === "reordered" ? flash : null,
    reordered: Number(url.searchParams.get("added")) || 0,
    skipped: (url.searchParams.get("skipped") ?? "").slice(0, 300),
    canPlace: can(user.permissions, "place:order:own"),
    title: `${t("checkout.cart.title")} · ${t("app.name")}`,
  };
}

type Refusal = Extract<PlaceOrderResult, { ok: false }> | { ok: false; code: "prices_unconfirmed" | "stale" };
type ActionData =
  | { intent: "set"; lineId: string; problem?: QuantityProblemView; message?: MessageKey }
  | { intent: "checkout"; errors: FieldErrors; refusal?: Refusal; values: Record<string, string> };

/** Only product pages of the catalogue may be returned to after adding from them. */
function returnPath(value: string | undefined): string {
  return value && /^\/catalog\/[0-9a-f-]{36}$/i.test(value) ? value : "/cart";
}

/**
 * add (from a product page) / set / remove / confirm-prices / checkout. Successes redirect (POST-redirect-GET);
 * refusals come back as field errors (400) without losing what was typed.
 */
export async function action({ request }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  const intent = values.intent ?? "";
  if (intent === "checkout") {
    const user = await requirePermission(request, "place:order:own");
    return checkout(user, buyerOrg(user), values);
  }
  const user = await requirePermission(request, "manage:cart:own");
  const orgId = buyerOrg(user);
  const db = await prisma();
  if (intent === "add") {
    const parsed = parseForm(addToCartSchema, values);
    const back = returnPath(values.returnTo);
    if (parsed.errors) throw redirect(`${back}?${new URLSearchParams({ cartError: "pack_unavailable", variant: values.variantId ?? "" })}`);
    const r = await addToCart(db, { buyerId: orgId, userId: user.id, variantId: parsed.data.variantId, quantity: parsed.data.quantity });
    if (r.ok) throw redirect(back === "/cart" ? "/cart?done=updated" : `${back}?${new URLSearchParams({ added: parsed.data.variantId })}`);
    // The product page shows the refusal from its query (no JavaScript needed), keeping the typed quantity.
    const q = new URLSearchParams({ cartError: r.code, variant: parsed.data.variantId, quantity: parsed.data.quantity.slice(0, 20) });
    if (r.field === "quantity") for (const [k, v] of Object.entries({ min: r.min, multiple: r.multiple, max: r.max, down: r.nearest.down ?? "", up: r.nearest.up ?? "" })) q.set(k, String(v));
    throw redirect(`${back}?${q}`);
  }
  if (intent === "set") {
    const parsed = parseForm(setQuantitySchema, values);
    if (parsed.errors) return data<ActionData>({ intent: "set", lineId: values.lineId ?? "", message: "checkout.error.stale" }, { status: 400 });
    const r = await setCartQuantity(db, { buyerId: orgId, userId: user.id, lineId: parsed.data.lineId, quantity: parsed.data.quantity });
    if (r.ok) throw redirect("/cart?done=updated");
    if (r.field === "quantity") return data<ActionData>({ intent: "set", lineId: parsed.data.lineId, problem: { code: r.code, nearest: r.nearest, min: r.min, multiple: r.multiple, max: r.max } }, { status: 400 });
    return data<ActionData>({ intent: "set", lineId: parsed.data.lineId, message: "checkout.error.stale" }, { status: 400 });
  }
  if (intent === "remove") {
    const parsed = parseForm(removeLineSchema, values);
    if (parsed.data) await removeCartLine(db, { buyerId: orgId, lineId: parsed.data.lineId });
    throw redirect("/cart?done=updated");
  }
  if (intent === "confirm-prices") {
    await confirmCartPrices(db, { buyerId: orgId, userId: user.id });
    throw redirect("/cart?done=confirmed");
  }
  return data<ActionData>({ intent: "set", lineId: "", message: "checkout.error.stale" }, { status: 400 });
}

async function checkout(user: SessionUser, orgId: string, values: Record<string, string>) {
  const fail = (errors: FieldErrors, refusal?: Refusal) => data<ActionData>({ intent: "checkout", errors, refusal, values: redisplayValues(values) }, { status: 400 });
  const parsed = parseForm(checkoutSchema, values);
  if (parsed.errors) return fail(parsed.errors);
  const form = parsed.data;
  const db = await prisma();
  const request = { buyerId: orgId, idempotencyKey: form.idempotencyKey, deliveryPointId: form.deliveryPointId, slotId: form.slotId, lines: form.lines, note: form.note ?? "" };
  // A second click or a retry of the same page: its answer, before the cart (perhaps emptied by the first) is read.
  const replay = await findIdempotentReplay(db, request);
  if (replay?.ok) throw redirect(`/orders/${replay.number}`);
  if (replay) return fail({}, replay);
  const now = new Date();
  const cart = await loadCart(db, orgId, now);
  const inCart = new Map(cart.lines.map((l) => [l.variantId, l]));
  // The page must show what the cart holds now: another member may have changed it since it was rendered.
  if (form.lines.length !== cart.lines.length || form.lines.some((l) => inCart.get(l.variantId)?.quantity !== l.quantity)) return fail({}, { ok: false, code: "stale" });
  if (cart.priceChanges.length > 0) {
    if (form.confirmPrices !== "1") return fail({ confirmPrices: "checkout.error.prices_unconfirmed" }, { ok: false, code: "prices_unconfirmed" });
    await confirmCartPrices(db, { buyerId: orgId, userId: user.id, now });
  }
  const seen = new Map((await cartOrderLines(db, orgId)).map((l) => [l.variantId, l.expectedUnitPriceFen]));
  const result = await placeOrder(db, { ...request, userId: user.id, channel: "web", lines: form.lines.map((l) => ({ ...l, expectedUnitPriceFen: seen.get(l.variantId) ?? null })), now });
  if (!result.ok) return fail({}, result);
  await removeOrderedLines(db, orgId, form.lines);
  throw redirect(`/orders/${result.number}?placed=1`);
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

export default function CartPage() {
  const { cart, points, pointId, slots, idempotencyKey, flash, reordered, skipped, canPlace } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const sellerName = (id: string) => (cart.sellerNames[id] ? orgName(cart.sellerNames[id]!.name, cart.sellerNames[id]!.nameEn, locale) : "");
  return (
    <div className="space-y-6">
      <PageHeader title={t("checkout.cart.title")} subtitle={t("checkout.cart.intro")} />
      {flash ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {flash === "reordered" ? t("checkout.cart.reordered", { count: formatNumber(reordered, locale) }) : t(flash === "confirmed" ? "checkout.cart.pricesConfirmed" : "checkout.cart.updated")}
          {flash === "reordered" && skipped ? <span className="block font-normal">{t("checkout.cart.reorderSkipped", { items: skipped })}</span> : null}
        </p>
      ) : null}
      {cart.lines.length === 0 ? (
        <div className="card p-6 text-center">
          <p className="text-stone-600">{t("checkout.cart.empty")}</p>
          <Link to="/catalog" className="mt-3 inline-flex min-h-11 items-center font-medium text-brand-700">
            {t("checkout.cart.browse")} →
          </Link>
        </div>
      ) : (
        <>
          {cart.priceChanges.length > 0 ? (
            <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              <span className="font-medium">{t("checkout.cart.priceChangesTitle", { count: cart.priceChanges.length })}</span>
              <Form method="post">
                <input type="hidden" name="intent" value="confirm-prices" />
                <button type="submit" className="btn-secondary min-h-11">
                  {t("checkout.cart.confirmPrices")}
                </button>
              </Form>
            </div>
          ) : null}
          {cart.unavailable.length > 0 ? (
            <section className="card p-4" aria-label={t("checkout.cart.unavailable")}>
              <ul className="divide-y divide-stone-100">
                {cart.unavailable.map((l) => (
                  <CartLineRow key={l.id} line={l} t={t} locale={locale} actionData={actionData} />
                ))}
              </ul>
            </section>
          ) : null}
          {cart.sellers.map((g) => (
            <section key={g.sellerId} className="card p-4" aria-labelledby={`seller-${g.sellerId}`} data-seller={g.sellerId}>
              <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`seller-${g.sellerId}`} className="font-semibold">
                  {t("checkout.cart.seller", { name: sellerName(g.sellerId) })}
                </h2>
                <span className="text-sm tabular-nums">{t("checkout.cart.sellerSubtotal", { amount: formatFen(g.subtotalFen, locale) })}</span>
              </div>
              {g.meetsMinimum ? (
                g.minOrderValueFen > 0 ? <p className="mb-2 text-xs text-brand-700">{t("checkout.cart.minimumMet")}</p> : null
              ) : (
                <p className="mb-2 rounded-md bg-amber-50 px-2 py-1 text-sm font-medium text-amber-900" data-testid="shortfall" data-shortfall-fen={g.shortfallFen}>
                  {t("checkout.cart.shortfall", { amount: formatFen(g.shortfallFen, locale), minimum: formatFen(g.minOrderValueFen, locale) })}
                </p>
              )}
              <ul className="divide-y divide-stone-100">
                {g.lines.map((l) => (
                  <CartLineRow key={l.id} line={l} t={t} locale={locale} actionData={actionData} />
                ))}
              </ul>
            </section>
          ))}
          <section className="card flex flex-wrap items-baseline justify-between gap-2 p-4" aria-label={t("checkout.cart.totals")}>
            <span className="text-sm text-stone-600">
              {t("checkout.cart.packs", { count: formatNumber(cart.packCount, locale) })} · {t("checkout.cart.weight", { weights: weightsText(cart.weightGrams, t, locale) })}
            </span>
            <span className="text-lg font-semibold tabular-nums" data-testid="cart-total">
              {t("checkout.cart.totals")} {formatFen(cart.totalFen, locale)}
            </span>
          </section>
          {canPlace ? <CheckoutForm cart={cart} points={points} pointId={pointId} slots={slots} idempotencyKey={idempotencyKey} t={t} locale={locale} /> : null}
        </>
      )}
    </div>
  );
}

function CartLineRow({ line, t, locale, actionData }: { line: Loaded["cart"]["lines"][number]; t: T; locale: Locale; actionData: ActionData | undefined }) {
  const navigation = useNavigation();
  const name = bilingualName(line.productNameZh || line.sku, line.productNameEn, locale);
  const mine = actionData?.intent === "set" && actionData.lineId === line.id ? actionData : undefined;
  const error = mine?.problem ? quantityMessage(mine.problem, t, locale) : mine?.message ? t(mine.message) : line.quantityIssue ? quantityMessage({ code: line.quantityIssue, min: line.minOrderQuantity, multiple: line.orderMultiple, max: 1_000_000 }, t, locale) : null;
  const inputId = `q-${line.id}`;
  const busy = navigation.state === "submitting" && navigation.formData?.get("lineId") === line.id;
  return (
    <li className="py-3" data-line={line.sku || line.variantId} data-quantity={line.quantity} data-min={line.minOrderQuantity} data-multiple={line.orderMultiple} data-unit-price={line.unitPriceFen ?? ""}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            {line.productId ? (
              <Link to={`/catalog/${line.productId}`} className="font-medium hover:text-brand-700">
                {name.primary}
              </Link>
            ) : (
              <span className="font-medium text-stone-500">{name.primary}</span>
            )}
            <TempBadge temp={line.tempClass} t={t} />
          </div>
          <p className="text-xs text-stone-500">
            {line.sku} · {t("checkout.qty.rules", { min: formatNumber(line.minOrderQuantity, locale), multiple: formatNumber(line.orderMultiple, locale) })}
          </p>
          {line.unavailable ? <p className="text-sm font-medium text-red-700">{t("checkout.cart.unavailable")}</p> : null}
          {line.unitPriceFen !== null ? (
            <p className="text-sm">
              <span className="font-medium tabular-nums" data-testid="unit-price">
                {formatFen(line.unitPriceFen, locale)}
              </span>
              {line.perKgFen !== null ? <span className="ml-2 text-stone-500">{t("checkout.cart.perKg", { price: formatFen(line.perKgFen, locale) })}</span> : null}
              {line.variableWeight ? <span className="ml-2 text-xs text-stone-500">{t("checkout.cart.estimate")}</span> : null}
            </p>
          ) : null}
          {line.priceChanged && line.unitPriceFen !== null ? (
            <p className="text-sm font-medium text-amber-900" data-testid="price-changed">
              {t("checkout.cart.priceChanged", { old: formatFen(line.seenUnitPriceFen, locale), new: formatFen(line.unitPriceFen, locale) })}
            </p>
          ) : null}
          {line.nextTier ? <p className="text-xs text-brand-700">{t("checkout.cart.nextTier", { extra: formatNumber(line.nextTier.extraPacks, locale), price: formatFen(line.nextTier.unitPriceFen, locale) })}</p> : null}
        </div>
        <div className="text-right">
          <div className="text-xs text-stone-500">{t("checkout.cart.lineTotal")}</div>
          <div className="font-semibold tabular-nums">{formatFen(line.lineTotalFen, locale)}</div>
        </div>
      </div>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <Form method="post" className="flex items-end gap-2" noValidate>
          <input type="hidden" name="intent" value="set" />
          <input type="hidden" name="lineId" value={line.id} />
          <div>
            <label htmlFor={inputId} className="sr-only">
              {t("checkout.cart.quantity", { product: name.primary })}
            </label>
            <input
              id={inputId}
              name="quantity"
              inputMode="numeric"
              defaultValue={String(line.quantity)}
              className="input w-24 text-right"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${inputId}-error` : undefined}
            />
          </div>
          <button type="submit" className="btn-secondary min-h-11" disabled={busy}>
            {t("checkout.cart.update")}
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="lineId" value={line.id} />
          <button type="submit" className="min-h-11 px-3 text-sm font-medium text-red-700" aria-label={t("checkout.cart.removeLabel", { product: name.primary })}>
            {t("checkout.cart.remove")}
          </button>
        </Form>
      </div>
      {error ? (
        <p id={`${inputId}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}

function refusalText(refusal: Refusal, cart: Loaded["cart"], t: T, locale: Locale): string {
  const nameOf = (variantId: string) => {
    const l = cart.lines.find((x) => x.variantId === variantId);
    return l ? bilingualName(l.productNameZh || l.sku, l.productNameEn, locale).primary : variantId;
  };
  switch (refusal.code) {
    case "insufficient_stock":
      return t("checkout.error.insufficient_stock", { items: refusal.lines.map((l) => t("checkout.error.insufficientItem", { product: nameOf(l.variantId), available: formatNumber(l.available, locale) })).join("；") });
    case "slot_full":
      return t("checkout.error.slot_full", { classes: refusal.short.map((s) => t(`temp.${s.tempClass}`)).join("、") });
    default:
      return t(`checkout.error.${refusal.code}` as MessageKey);
  }
}

function CheckoutForm({ cart, points, pointId, slots, idempotencyKey, t, locale }: { cart: Loaded["cart"]; points: Loaded["points"]; pointId: string | null; slots: Loaded["slots"]; idempotencyKey: string; t: T; locale: Locale }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const mine = actionData?.intent === "checkout" ? actionData : undefined;
  const errors = mine?.errors ?? {};
  const values = mine?.values ?? {};
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "checkout";
  const lines = formatCheckoutLines(cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })));
  const chosenSlot = values.slotId ?? slots[0]?.id ?? "";
  return (
    <section className="card space-y-4 p-4" aria-labelledby="checkout-title">
      <h2 id="checkout-title" className="text-lg font-semibold">
        {t("checkout.form.title")}
      </h2>
      {points.length === 0 ? (
        <p className="text-sm text-stone-600">
          {t("checkout.form.noPoints")}{" "}
          <Link to="/account/delivery-points" className="font-medium text-brand-700">
            {t("checkout.form.addPoint")}
          </Link>
        </p>
      ) : (
        <Form method="get" className="flex flex-wrap items-end gap-2" onChange={(e) => submit(e.currentTarget, { replace: true })}>
          <div>
            <label htmlFor="point" className="block text-sm font-medium text-stone-800">
              {t("checkout.form.point")}
            </label>
            <select id="point" name="point" defaultValue={pointId ?? undefined} className="input">
              {points.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {p.district} {p.address}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary min-h-11">
            {t("checkout.form.showSlots")}
          </button>
        </Form>
      )}
      {pointId ? (
        <Form method="post" className="space-y-4" noValidate aria-label={t("checkout.form.title")}>
          <input type="hidden" name="intent" value="checkout" />
          <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? idempotencyKey} />
          <input type="hidden" name="deliveryPointId" value={pointId} />
          <input type="hidden" name="lines" value={lines} />
          {mine?.refusal ? <FormAlert>{refusalText(mine.refusal, cart, t, locale)}</FormAlert> : Object.keys(errors).length > 0 ? <FormAlert>{t("validation.fixErrors")}</FormAlert> : null}
          <fieldset aria-describedby={errors.slotId ? "slot-error" : undefined}>
            <legend className="mb-2 block text-sm font-medium text-stone-800">{t("checkout.form.slot")}</legend>
            {slots.length === 0 ? (
              <p className="text-sm text-stone-600">{t("checkout.form.noSlots")}</p>
            ) : (
              <div className="grid gap-2 sm:grid-cols-2">
                {slots.map((s) => (
                  <label key={s.id} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-300 bg-white px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                    <input type="radio" name="slotId" value={s.id} defaultChecked={chosenSlot === s.id} className="mt-1 size-5 shrink-0 accent-brand-600" />
                    <span>
                      <span className="block font-medium">{t("checkout.form.slotOption", { window: formatTimeRange(s.startsAt, s.endsAt, locale), cutoff: formatDateTime(s.cutoffAt, locale) })}</span>
                      <span className="block text-xs text-stone-500">{t("checkout.form.remaining", { weights: weightsText(s.remainingGrams, t, locale) || "—" })}</span>
                    </span>
                  </label>
                ))}
              </div>
            )}
            {errors.slotId ? (
              <p id="slot-error" className="mt-1 text-sm font-medium text-red-700">
                {t(errors.slotId)}
              </p>
            ) : null}
          </fieldset>
          <div className="space-y-1">
            <label htmlFor="note" className="block text-sm font-medium text-stone-800">
              {t("checkout.form.note")}
            </label>
            <textarea id="note" name="note" rows={2} maxLength={500} defaultValue={values.note ?? ""} placeholder={t("checkout.form.notePlaceholder")} className="input" aria-invalid={errors.note ? true : undefined} />
            {errors.note ? <p className="text-sm font-medium text-red-700">{t(errors.note)}</p> : null}
          </div>
          {cart.priceChanges.length > 0 ? (
            <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-amber-900">
              <input type="checkbox" name="confirmPrices" value="1" className="size-5 accent-brand-600" aria-invalid={errors.confirmPrices ? true : undefined} />
              {t("checkout.form.confirmPrices")}
            </label>
          ) : null}
          {!cart.canCheckout ? <p className="text-sm text-amber-900">{t("checkout.form.cannot")}</p> : null}
          <button type="submit" className="btn-primary min-h-11 w-full sm:w-auto" disabled={submitting}>
            {submitting ? t("checkout.form.submitting") : t("checkout.form.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
