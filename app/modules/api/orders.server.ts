/**
 * The API's order endpoints over the ordering workflows: a JSON body by SKU becomes a placeOrder call
 * (channel "api"), each refusal becomes its error code with the field path of the line at fault, and an
 * order is shown through loadOrderDetail in the API's Order shape. A key sees only its organization's
 * orders: another organization's number is 404, exactly like an unknown one.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { loadOrderDetail, type OrderDetail } from "~/modules/orders/detail.server";
import { variantIdsBySku } from "~/modules/orders/ordering-data.server";
import { cancelOrderByBuyer } from "~/workflows/buyer-order.server";
import { placeOrder, type PlaceOrderResult } from "~/workflows/place-order.server";
import type { T } from "~/utils/i18n/translate";
import { apiError, type ApiError, type ApiFields } from "./errors";
import type { ApiCaller } from "./keys.server";
import type { ApiOrder, OrderCreate } from "./schemas";

/** An order detail in the API's Order shape (ids of lines and events stay internal). */
export function toApiOrder(d: OrderDetail): ApiOrder {
  return {
    number: d.number,
    status: d.status,
    channel: d.channel,
    placedAt: d.placedAt.toISOString(),
    note: d.note,
    deliveryPoint: { id: d.deliveryPoint.id, address: d.deliveryPoint.address },
    slot: d.slot ? { id: d.slot.id, startsAt: d.slot.startsAt.toISOString(), endsAt: d.slot.endsAt.toISOString(), cutoffAt: d.slot.cutoffAt.toISOString() } : null,
    subtotalFen: d.subtotalFen,
    deliveryFeeFen: d.deliveryFeeFen,
    totalFen: d.totalFen,
    estimatedTotalFen: d.estimatedTotalFen,
    chargedTotalFen: d.chargedTotalFen,
    final: d.final,
    sellerOrders: d.sellerOrders.map((so) => ({
      seller: so.seller,
      status: so.status,
      subtotalFen: so.subtotalFen,
      cancelReason: so.cancelReason,
      lines: so.lines.map((l) => ({
        sku: l.sku,
        productNameZh: l.productNameZh,
        productNameEn: l.productNameEn,
        quantity: l.quantity,
        shippedQuantity: l.shippedQuantity,
        shortReason: l.shortReason,
        unitPriceFen: l.unitPriceFen,
        priceSource: l.priceSource,
        lineTotalFen: l.lineTotalFen,
        chargedFen: l.chargedFen,
        final: l.final,
        netWeightGrams: l.netWeightGrams,
        variableWeight: l.variableWeight,
        actualGrams: l.actualGrams,
        tempClass: l.tempClass,
      })),
    })),
  };
}

/** The caller's order by number, or null (unknown, malformed, or another organization's). */
export async function findCallerOrder(db: PrismaClient, caller: ApiCaller, number: string): Promise<OrderDetail | null> {
  const detail = await loadOrderDetail(db, { number });
  return detail && detail.buyer.id === caller.organizationId ? detail : null;
}

/** The refusal of placeOrder as an API error, naming the lines at fault by their index in the body. */
export function placeRefusal(result: Extract<PlaceOrderResult, { ok: false }>, body: OrderCreate, variantBySku: ReadonlyMap<string, string>, t: T): ApiError {
  // The first body line of each pack (a SKU named twice is one line of the order).
  const lineOf = new Map<string, number>();
  body.lines.forEach((l, i) => {
    const v = variantBySku.get(l.sku);
    if (v && !lineOf.has(v)) lineOf.set(v, i);
  });
  const skuOf = (variantId: string) => body.lines[lineOf.get(variantId.toLowerCase()) ?? -1]?.sku ?? "";
  const at = (variantId: string, member: "sku" | "quantity") => `lines.${lineOf.get(variantId.toLowerCase()) ?? 0}.${member}`;
  switch (result.code) {
    case "idempotency_key_reused":
      return apiError(t, "idempotency_key_reused", { fields: { "Idempotency-Key": t("api.error.idempotency_key_reused") } });
    case "delivery_point_invalid":
      return apiError(t, "delivery_point_invalid", { fields: { deliveryPoint: t("api.error.delivery_point_invalid") } });
    case "slot_closed":
      return apiError(t, "slot_closed", { fields: { slot: t("api.field.slot_closed") } });
    case "slot_full":
      return apiError(t, "slot_full", { fields: { slot: t("api.field.slot_full") }, short: result.short.map((s) => ({ tempClass: s.tempClass, requestedGrams: s.requestedGrams, remainingGrams: s.remainingGrams })) });
    case "insufficient_stock": {
      const fields: ApiFields = {};
      for (const l of result.lines) fields[at(l.variantId, "quantity")] = t("api.field.insufficient_stock", { available: Math.max(0, l.available) });
      return apiError(t, "insufficient_stock", { fields, lines: result.lines.map((l) => ({ sku: skuOf(l.variantId), requested: l.requested, available: Math.max(0, l.available) })) });
    }
    case "pack_unavailable": {
      const fields: ApiFields = {};
      for (const v of result.variantIds) fields[at(v, "sku")] = t("api.field.pack_unavailable");
      return apiError(t, "pack_unavailable", { fields });
    }
    case "invalid_quantity": {
      const fields: ApiFields = {};
      for (const l of result.lines) fields[at(l.variantId, "quantity")] = t("api.field.quantity_rules", { min: l.min, multiple: l.multiple, max: l.max });
      return apiError(t, "invalid_quantity", { fields });
    }
    case "price_changed": {
      const fields: ApiFields = {};
      for (const l of result.lines) fields[at(l.variantId, "quantity")] = t("api.field.price_changed", { old: l.oldUnitPriceFen, new: l.newUnitPriceFen });
      return apiError(t, "price_changed", { fields });
    }
    case "below_minimum_order":
      return apiError(t, "below_minimum_order", {
        fields: { lines: result.sellers.map((s) => t("api.field.below_minimum_order", { minimum: s.minOrderValueFen, shortfall: s.shortfallFen })).join("; ") },
        sellers: result.sellers.map((s) => ({ id: s.sellerId, subtotalFen: s.subtotalFen, minOrderValueFen: s.minOrderValueFen, shortfallFen: s.shortfallFen })),
      });
    case "empty_cart":
      return apiError(t, "invalid_request", { fields: { lines: t("api.field.too_short", { minimum: 1 }) } });
  }
}

/**
 * Places the body as an order of the caller's organization (recorded as placed by the key's acting
 * member, channel "api"): the order and whether it was a replay, or the refusal as an API error to throw.
 */
export async function placeApiOrder(
  db: PrismaClient,
  caller: ApiCaller,
  body: OrderCreate,
  idempotencyKey: string,
  t: T,
  now?: Date,
): Promise<{ ok: true; order: OrderDetail; replayed: boolean } | { ok: false; error: ApiError }> {
  const variantBySku = await variantIdsBySku(db, body.lines.map((l) => l.sku));
  const unknown: ApiFields = {};
  body.lines.forEach((l, i) => {
    if (!variantBySku.has(l.sku)) unknown[`lines.${i}.sku`] = t("api.field.unknown_sku");
  });
  if (Object.keys(unknown).length > 0) return { ok: false, error: apiError(t, "unknown_sku", { fields: unknown }) };
  const result = await placeOrder(db, {
    buyerId: caller.organizationId,
    userId: caller.actingUserId,
    channel: "api",
    deliveryPointId: body.deliveryPoint.toLowerCase(),
    slotId: body.slot.toLowerCase(),
    lines: body.lines.map((l) => ({ variantId: variantBySku.get(l.sku)!, quantity: l.quantity })),
    note: body.note,
    idempotencyKey,
    now,
  });
  if (!result.ok) return { ok: false, error: placeRefusal(result, body, variantBySku, t) };
  const order = await loadOrderDetail(db, { id: result.orderId });
  if (!order) throw new Error(`order ${result.number} placed but not found`);
  return { ok: true, order, replayed: result.replayed };
}

/** Cancels the caller's order by number: the order afterwards, or the refusal as an API error. */
export async function cancelApiOrder(
  db: PrismaClient,
  caller: ApiCaller,
  number: string,
  reason: string | undefined,
  t: T,
  now?: Date,
): Promise<{ ok: true; order: OrderDetail } | { ok: false; error: ApiError }> {
  const order = await findCallerOrder(db, caller, number);
  if (!order) return { ok: false, error: apiError(t, "not_found", {}, { key: "api.error.order_not_found" }) };
  const result = await cancelOrderByBuyer(db, { buyerId: caller.organizationId, userId: caller.actingUserId, orderId: order.id, reason, now });
  if (!result.ok) {
    if (result.code === "not_found") return { ok: false, error: apiError(t, "not_found", {}, { key: "api.error.order_not_found" }) };
    return { ok: false, error: apiError(t, result.code) };
  }
  const after = await loadOrderDetail(db, { id: order.id });
  if (!after) throw new Error(`order ${number} cancelled but not found`);
  return { ok: true, order: after };
}
