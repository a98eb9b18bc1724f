import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliverySlot, createOrder, createOrganization, createProduct, createStockEntries, createUser, createWarehouse } from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { permissionsFor } from "~/modules/auth/permissions";
import { sumLedger } from "~/modules/stock/balance";
import { applySellerOrderEvent, type StepActor, type StepInput } from "./seller-order-step.server";

let t: TestDatabase;
let db: PrismaClient;
let sellerA: string;
let sellerB: string;
let buyer: string;
let buyerUser: string;
let warehouseId: string;
let seller: StepActor;
let sellerOfB: StepActor;
let operator: StepActor;
let admin: StepActor;
let buyerActor: StepActor;
// Packs: fixed-weight rice (sellerA), variable-weight fresh shiitake (sellerA, chilled), lotus seeds (sellerB).
let rice: string;
let shiitake: string;
let lotus: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] seller-order-step: database ${t.label}`);
  sellerA = (await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社" })).id;
  sellerB = (await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社" })).id;
  buyer = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  const platform = (await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" })).id;
  const sellerUser = (await createUser(db, { role: "seller", organizationId: sellerA, displayName: "林秀英" })).id;
  const sellerBUser = (await createUser(db, { role: "seller", organizationId: sellerB })).id;
  const operatorUser = (await createUser(db, { role: "operator", organizationId: platform, displayName: "陈运营" })).id;
  const adminUser = (await createUser(db, { role: "admin", organizationId: platform })).id;
  buyerUser = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
  seller = { userId: sellerUser, role: "seller", permissions: permissionsFor(["seller"]), organizationIds: [sellerA] };
  sellerOfB = { userId: sellerBUser, role: "seller", permissions: permissionsFor(["seller"]), organizationIds: [sellerB] };
  operator = { userId: operatorUser, role: "operator", permissions: permissionsFor(["operator"]), organizationIds: [platform] };
  admin = { userId: adminUser, role: "admin", permissions: permissionsFor(["admin"]), organizationIds: [platform] };
  buyerActor = { userId: buyerUser, role: "buyer", permissions: permissionsFor(["buyer"]), organizationIds: [buyer] };
  warehouseId = (await createWarehouse(db, { operatorId: platform })).id;
  rice = (await createProduct(db, { sellerId: sellerA, nameZh: "明溪大米", variants: [{ netWeightGrams: 10_000 }] })).variants[0].id;
  shiitake = (await createProduct(db, { sellerId: sellerA, nameZh: "鲜香菇", tempClass: "chilled", variants: [{ netWeightGrams: 5_000, variableWeight: true }] })).variants[0].id;
  lotus = (await createProduct(db, { sellerId: sellerB, nameZh: "建宁通心白莲", variants: [{ netWeightGrams: 500 }] })).variants[0].id;
  await createStockEntries(db, [
    { variantId: rice, onHandDelta: 500 },
    { variantId: shiitake, onHandDelta: 500 },
    { variantId: lotus, onHandDelta: 500 },
  ]);
});
afterAll(async () => t?.drop());

interface LineSpec {
  variantId: string;
  quantity: number;
  unitPriceFen: number;
}
const PACKS: Record<string, () => { net: number; variable: boolean; temp: "ambient" | "chilled"; sku: string; name: string }> = {
  rice: () => ({ net: 10_000, variable: false, temp: "ambient", sku: "RICE-10KG", name: "明溪大米" }),
  shiitake: () => ({ net: 5_000, variable: true, temp: "chilled", sku: "XG-5KG", name: "鲜香菇" }),
  lotus: () => ({ net: 500, variable: false, temp: "ambient", sku: "BL-500G", name: "建宁通心白莲" }),
};
function packOf(variantId: string) {
  return PACKS[variantId === rice ? "rice" : variantId === shiitake ? "shiitake" : "lotus"]();
}

/**
 * An order as placing leaves it: a slot booking its nominal grams, each line's packs reserved in the
 * ledger (with the line's id) and the balance rows following. Returns ids by seller and variant.
 */
async function placedOrder(spec: { sellerId: string; lines: LineSpec[] }[], deliveryFeeFen = 1_000) {
  const slot = await createDeliverySlot(db, { warehouseId });
  const order = await createOrder(db, {
    buyerId: buyer,
    placedById: buyerUser,
    slotId: slot.id,
    deliveryFeeFen,
    sellerOrders: spec.map((s) => ({
      sellerId: s.sellerId,
      lines: s.lines.map((l) => {
        const p = packOf(l.variantId);
        return { variantId: l.variantId, productNameZh: p.name, sku: p.sku, netWeightGrams: p.net, variableWeight: p.variable, tempClass: p.temp, quantity: l.quantity, unitPriceFen: l.unitPriceFen, weightGrams: p.net * l.quantity };
      }),
    })),
  });
  const lines = order.sellerOrders.flatMap((so) => so.lines.map((l) => ({ ...l, sellerId: so.sellerId })));
  await createStockEntries(
    db,
    lines.map((l) => ({ variantId: l.variantId, kind: "reservation" as const, reservedDelta: l.quantity, orderLineId: l.id })),
  );
  const booked = { ambient: 0, chilled: 0 };
  for (const l of lines) booked[packOf(l.variantId).temp] += packOf(l.variantId).net * l.quantity;
  await db.deliverySlot.update({ where: { id: slot.id }, data: { bookedAmbientGrams: booked.ambient, bookedChilledGrams: booked.chilled }, select: { id: true } });
  const so = (sellerId: string) => order.sellerOrders.find((s) => s.sellerId === sellerId)!.id;
  const line = (sellerId: string, variantId: string) => lines.find((l) => l.sellerId === sellerId && l.variantId === variantId)!.id;
  return { orderId: order.id, number: order.number, slotId: slot.id, so, line };
}

const act = (input: Omit<StepInput, "actor"> & { actor?: StepActor }) => applySellerOrderEvent(db, { actor: seller, ...input });

async function orderRow(id: string) {
  return db.order.findUniqueOrThrow({ where: { id }, select: { status: true, subtotalFen: true, deliveryFeeFen: true, totalFen: true } });
}
async function lineRow(id: string) {
  return db.orderLine.findUniqueOrThrow({ where: { id }, select: { shippedQuantity: true, shortReason: true, actualGrams: true, chargedFen: true } });
}
async function slotBooked(id: string) {
  return db.deliverySlot.findUniqueOrThrow({ where: { id }, select: { bookedAmbientGrams: true, bookedChilledGrams: true } });
}
/** Packs the line still holds reserved, from its ledger rows. */
async function reservedFor(lineId: string) {
  const agg = await db.stockLedger.aggregate({ where: { orderLineId: lineId }, _sum: { reservedDelta: true } });
  return agg._sum.reservedDelta ?? 0;
}
async function ledgerKinds(lineId: string) {
  return (await db.stockLedger.findMany({ where: { orderLineId: lineId }, select: { kind: true, onHandDelta: true, reservedDelta: true }, orderBy: { id: "asc" } })).map((r) => `${r.kind}:${r.onHandDelta}/${r.reservedDelta}`);
}
/** The kinds of the buyer user's notifications about the order, oldest first. */
async function noticesOf(orderId: string) {
  const rows = await db.notification.findMany({ where: { orderId, userId: buyerUser }, select: { kind: true }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.kind);
}
/** Every pack's balance row equals the sums of its whole ledger. */
async function expectStockAgrees() {
  for (const variantId of [rice, shiitake, lotus]) {
    const row = await db.stockBalance.findUniqueOrThrow({ where: { variantId }, select: { onHand: true, reserved: true } });
    const entries = await db.stockLedger.findMany({ where: { variantId }, select: { onHandDelta: true, reservedDelta: true } });
    expect(sumLedger(entries), `ledger of ${variantId}`).toEqual(row);
  }
}
async function balance(variantId: string) {
  return db.stockBalance.findUniqueOrThrow({ where: { variantId }, select: { onHand: true, reserved: true } });
}
/** Writes a refused step must not leave: events, audit entries, ledger rows, a changed seller order. */
async function snapshot(orderId: string) {
  return {
    events: await db.orderEvent.count({ where: { orderId } }),
    audit: await db.auditEntry.count(),
    ledger: await db.stockLedger.count(),
    sellerOrders: await db.sellerOrder.findMany({ where: { orderId }, select: { id: true, status: true, subtotalFen: true }, orderBy: { id: "asc" } }),
    lines: await db.orderLine.findMany({ where: { sellerOrder: { orderId } }, select: { id: true, shippedQuantity: true, actualGrams: true, chargedFen: true }, orderBy: { id: "asc" } }),
    order: await orderRow(orderId),
  };
}

describe("confirming", () => {
  it("confirms wholly: every line ships all its packs, the order is partially confirmed until the other seller confirms", async () => {
    const o = await placedOrder([
      { sellerId: sellerA, lines: [{ variantId: rice, quantity: 4, unitPriceFen: 12_000 }] },
      { sellerId: sellerB, lines: [{ variantId: lotus, quantity: 10, unitPriceFen: 3_500 }] },
    ]);
    const riceBefore = await balance(rice);
    const r = await act({ sellerOrderId: o.so(sellerA), event: "confirm" });
    expect(r).toMatchObject({ ok: true, status: "confirmed", orderStatus: "partially_confirmed", number: o.number });
    expect(await lineRow(o.line(sellerA, rice))).toEqual({ shippedQuantity: 4, shortReason: "", actualGrams: null, chargedFen: 48_000 });
    expect(await balance(rice)).toEqual(riceBefore);
    expect(await orderRow(o.orderId)).toEqual({ status: "partially_confirmed", subtotalFen: 83_000, deliveryFeeFen: 1_000, totalFen: 84_000 });
    const events = await db.orderEvent.findMany({ where: { orderId: o.orderId }, select: { event: true, fromStatus: true, toStatus: true, actorId: true, actorRole: true, sellerOrderId: true } });
    expect(events).toEqual([{ event: "confirm", fromStatus: "placed", toStatus: "confirmed", actorId: seller.userId, actorRole: "seller", sellerOrderId: o.so(sellerA) }]);
    expect(await db.auditEntry.findFirst({ where: { subjectId: o.so(sellerA) }, select: { action: true, actorId: true, organizationId: true } })).toEqual({
      action: "seller_order.confirm",
      actorId: seller.userId,
      organizationId: sellerA,
    });
    expect(await act({ sellerOrderId: o.so(sellerB), event: "confirm", actor: sellerOfB })).toMatchObject({ ok: true, orderStatus: "confirmed" });
    expect((await orderRow(o.orderId)).status).toBe("confirmed");
    // The buyer hears of each confirmation (written with the step: no queue runs in this test).
    expect(await noticesOf(o.orderId)).toEqual(["order_confirmed", "order_confirmed"]);
  });

  it("confirms with a short line and a reason: the unshipped packs' reservation and slot grams are given back, totals follow", async () => {
    const o = await placedOrder([
      {
        sellerId: sellerA,
        lines: [
          { variantId: rice, quantity: 5, unitPriceFen: 12_000 },
          { variantId: shiitake, quantity: 2, unitPriceFen: 9_000 },
        ],
      },
    ]);
    const riceLine = o.line(sellerA, rice);
    const before = await balance(rice);
    const r = await act({ sellerOrderId: o.so(sellerA), event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 3, reason: "今年减产，只能供 3 袋" }] });
    expect(r).toMatchObject({ ok: true, status: "confirmed", orderStatus: "confirmed" });
    expect(await lineRow(riceLine)).toEqual({ shippedQuantity: 3, shortReason: "今年减产，只能供 3 袋", actualGrams: null, chargedFen: 36_000 });
    // The shiitake line was not named: it ships all its packs, charged at nominal weight until weighed.
    expect(await lineRow(o.line(sellerA, shiitake))).toMatchObject({ shippedQuantity: 2, chargedFen: null });
    expect(await balance(rice)).toEqual({ onHand: before.onHand, reserved: before.reserved - 2 });
    expect(await reservedFor(riceLine)).toBe(3);
    expect(await ledgerKinds(riceLine)).toEqual(["reservation:0/5", "release:0/-2"]);
    expect(await slotBooked(o.slotId)).toEqual({ bookedAmbientGrams: 30_000, bookedChilledGrams: 10_000 });
    expect(await orderRow(o.orderId)).toEqual({ status: "confirmed", subtotalFen: 54_000, deliveryFeeFen: 1_000, totalFen: 55_000 });
    const event = await db.orderEvent.findFirstOrThrow({ where: { orderId: o.orderId }, select: { details: true } });
    expect(event.details).toMatchObject({ shortLineIds: [riceLine], lines: [{ lineId: riceLine, ordered: 5, shipped: 3, reason: "今年减产，只能供 3 袋" }] });
    expect(await noticesOf(o.orderId)).toEqual(["order_short_shipped"]);
    await expectStockAgrees();
  });

  it("refuses a short line without a reason, more packs than ordered, fractions, unknown lines and shipping nothing — writing nothing", async () => {
    const o = await placedOrder([{ sellerId: sellerA, lines: [{ variantId: rice, quantity: 5, unitPriceFen: 12_000 }] }]);
    const riceLine = o.line(sellerA, rice);
    const before = await snapshot(o.orderId);
    const id = o.so(sellerA);
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 3 }] })).toEqual({ ok: false, code: "reason_required", lineIds: [riceLine] });
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 3, reason: "   " }] })).toMatchObject({ ok: false, code: "reason_required" });
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 3, reason: "缺".repeat(501) }] })).toMatchObject({ ok: false, code: "reason_too_long" });
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 6 }] })).toEqual({ ok: false, code: "invalid_shipment", lineIds: [riceLine] });
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 2.5, reason: "x" }] })).toMatchObject({ ok: false, code: "invalid_shipment" });
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: -1, reason: "x" }] })).toMatchObject({ ok: false, code: "invalid_shipment" });
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 0, reason: "没货" }] })).toEqual({ ok: false, code: "nothing_to_ship" });
    const stranger = o.line(sellerA, rice).replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: stranger, shippedQuantity: 1 }] })).toEqual({ ok: false, code: "invalid_shipment", lineIds: [stranger] });
    expect(await snapshot(o.orderId)).toEqual(before);
    expect(await noticesOf(o.orderId)).toEqual([]);
  });
});

describe("short-shipping after confirming", () => {
  it("ships fewer packs with a reason, releasing only the difference; raising or repeating is refused", async () => {
    const o = await placedOrder([{ sellerId: sellerA, lines: [{ variantId: rice, quantity: 6, unitPriceFen: 10_000 }] }], 0);
    const id = o.so(sellerA);
    const riceLine = o.line(sellerA, rice);
    expect(await act({ sellerOrderId: id, event: "short_ship", shipment: [{ lineId: riceLine, shippedQuantity: 4, reason: "x" }] })).toEqual({ ok: false, code: "invalid_state" });
    expect(await act({ sellerOrderId: id, event: "confirm" })).toMatchObject({ ok: true });
    expect(await act({ sellerOrderId: id, event: "short_ship", shipment: [{ lineId: riceLine, shippedQuantity: 4 }] })).toMatchObject({ ok: false, code: "reason_required" });
    expect(await act({ sellerOrderId: id, event: "short_ship", shipment: [{ lineId: riceLine, shippedQuantity: 6, reason: "x" }] })).toEqual({ ok: false, code: "no_change" });
    expect(await act({ sellerOrderId: id, event: "short_ship", reason: "仓库盘点少了两袋", shipment: [{ lineId: riceLine, shippedQuantity: 4 }] })).toMatchObject({ ok: true, status: "confirmed" });
    expect(await lineRow(riceLine)).toEqual({ shippedQuantity: 4, shortReason: "仓库盘点少了两袋", actualGrams: null, chargedFen: 40_000 });
    expect(await reservedFor(riceLine)).toBe(4);
    expect(await act({ sellerOrderId: id, event: "short_ship", shipment: [{ lineId: riceLine, shippedQuantity: 5, reason: "又找到了" }] })).toEqual({ ok: false, code: "invalid_shipment", lineIds: [riceLine] });
    expect(await act({ sellerOrderId: id, event: "short_ship", shipment: [{ lineId: riceLine, shippedQuantity: 1, reason: "只剩一袋" }] })).toMatchObject({ ok: true });
    expect(await reservedFor(riceLine)).toBe(1);
    expect(await ledgerKinds(riceLine)).toEqual(["reservation:0/6", "release:0/-2", "release:0/-3"]);
    expect(await slotBooked(o.slotId)).toMatchObject({ bookedAmbientGrams: 10_000 });
    expect(await orderRow(o.orderId)).toMatchObject({ subtotalFen: 10_000, totalFen: 10_000 });
    await expectStockAgrees();
  });
});

describe("short-shipping another line later", () => {
  it("keeps the earlier short line's reason, so only the newly short line needs one", async () => {
    const o = await placedOrder([
      {
        sellerId: sellerA,
        lines: [
          { variantId: rice, quantity: 5, unitPriceFen: 10_000 },
          { variantId: shiitake, quantity: 4, unitPriceFen: 9_000 },
        ],
      },
    ]);
    const id = o.so(sellerA);
    const riceLine = o.line(sellerA, rice);
    const mushroom = o.line(sellerA, shiitake);
    expect(await act({ sellerOrderId: id, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 4, reason: "米不够" }] })).toMatchObject({ ok: true });
    expect(await act({ sellerOrderId: id, event: "short_ship", shipment: [{ lineId: mushroom, shippedQuantity: 3 }] })).toEqual({ ok: false, code: "reason_required", lineIds: [mushroom] });
    expect(await act({ sellerOrderId: id, event: "short_ship", shipment: [{ lineId: mushroom, shippedQuantity: 3, reason: "香菇品相不好" }] })).toMatchObject({ ok: true });
    expect(await lineRow(riceLine)).toMatchObject({ shippedQuantity: 4, shortReason: "米不够" });
    expect(await lineRow(mushroom)).toMatchObject({ shippedQuantity: 3, shortReason: "香菇品相不好" });
    // A step-wide reason goes to the lines changed now, not to the earlier one.
    expect(await act({ sellerOrderId: id, event: "short_ship", reason: "冷库故障", shipment: [{ lineId: mushroom, shippedQuantity: 2 }] })).toMatchObject({ ok: true });
    expect(await lineRow(riceLine)).toMatchObject({ shortReason: "米不够" });
    expect(await lineRow(mushroom)).toMatchObject({ shippedQuantity: 2, shortReason: "冷库故障" });
    await expectStockAgrees();
  });
});

describe("weighing and packing", () => {
  it("charges a variable-weight line on its recorded grams, refuses absurd weights, and packs only once weighed", async () => {
    const o = await placedOrder([
      {
        sellerId: sellerA,
        lines: [
          { variantId: shiitake, quantity: 3, unitPriceFen: 9_000 },
          { variantId: rice, quantity: 1, unitPriceFen: 12_000 },
        ],
      },
    ]);
    const id = o.so(sellerA);
    const mushroom = o.line(sellerA, shiitake);
    const riceLine = o.line(sellerA, rice);
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: mushroom, actualGrams: 15_000 }] })).toEqual({ ok: false, code: "invalid_state" });
    expect(await act({ sellerOrderId: id, event: "confirm" })).toMatchObject({ ok: true });
    expect(await act({ sellerOrderId: id, event: "pack" })).toEqual({ ok: false, code: "weights_missing", lineIds: [mushroom] });
    const before = await snapshot(o.orderId);
    // 14.2 typed as kilograms-as-grams, an extra zero, a fixed-weight line, nothing at all: refused.
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: mushroom, actualGrams: 14 }] })).toEqual({ ok: false, code: "invalid_weight", lineIds: [mushroom] });
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: mushroom, actualGrams: 142_000 }] })).toEqual({ ok: false, code: "invalid_weight", lineIds: [mushroom] });
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: mushroom, actualGrams: 14_200.5 }] })).toMatchObject({ ok: false, code: "invalid_weight" });
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: riceLine, actualGrams: 10_000 }] })).toEqual({ ok: false, code: "invalid_weight", lineIds: [riceLine] });
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [] })).toEqual({ ok: false, code: "weights_missing" });
    expect(await snapshot(o.orderId)).toEqual(before);

    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: mushroom, actualGrams: 14_200 }] })).toMatchObject({ ok: true, status: "confirmed" });
    // 9 000 fen per 5 kg pack × 14 200 g ÷ 5 000 g = 25 560 fen.
    expect(await lineRow(mushroom)).toMatchObject({ shippedQuantity: 3, actualGrams: 14_200, chargedFen: 25_560 });
    expect(await orderRow(o.orderId)).toMatchObject({ subtotalFen: 37_560, totalFen: 38_560 });
    // Re-weighing replaces the weight.
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: mushroom, actualGrams: 15_551 }] })).toMatchObject({ ok: true });
    expect(await lineRow(mushroom)).toMatchObject({ actualGrams: 15_551, chargedFen: 27_992 });
    expect(await act({ sellerOrderId: id, event: "pack" })).toMatchObject({ ok: true, status: "packed", orderStatus: "packed" });
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: mushroom, actualGrams: 15_000 }] })).toEqual({ ok: false, code: "invalid_state" });
    const kinds = await db.orderEvent.findMany({ where: { orderId: o.orderId }, select: { event: true }, orderBy: { id: "asc" } });
    expect(kinds.map((k) => k.event)).toEqual(["confirm", "record_weights", "record_weights", "pack"]);
    // Each weighing changed what the buyer pays: a price-change notice each; packing changed nothing.
    expect(await noticesOf(o.orderId)).toEqual(["order_confirmed", "price_changed", "price_changed"]);
    const last = await db.notification.findFirstOrThrow({ where: { orderId: o.orderId, userId: buyerUser, kind: "price_changed" }, select: { params: true }, orderBy: { createdAt: "desc" } });
    expect(last.params).toMatchObject({ previousTotalFen: 38_560 });
  });

  it("drops a recorded weight when the line is short-shipped afterwards (the weighed packs are not the ones that ship)", async () => {
    const o = await placedOrder([{ sellerId: sellerA, lines: [{ variantId: shiitake, quantity: 4, unitPriceFen: 9_000 }] }]);
    const id = o.so(sellerA);
    const mushroom = o.line(sellerA, shiitake);
    await act({ sellerOrderId: id, event: "confirm" });
    expect(await act({ sellerOrderId: id, event: "record_weights", weights: [{ lineId: mushroom, actualGrams: 20_400 }] })).toMatchObject({ ok: true });
    expect(await act({ sellerOrderId: id, event: "short_ship", reason: "一筐坏了", shipment: [{ lineId: mushroom, shippedQuantity: 3 }] })).toMatchObject({ ok: true });
    expect(await lineRow(mushroom)).toMatchObject({ shippedQuantity: 3, actualGrams: null, chargedFen: null });
    // The estimate now counts the 3 packs at nominal weight.
    expect(await orderRow(o.orderId)).toMatchObject({ subtotalFen: 27_000 });
    expect(await slotBooked(o.slotId)).toMatchObject({ bookedChilledGrams: 15_000 });
    expect(await act({ sellerOrderId: id, event: "pack" })).toMatchObject({ ok: false, code: "weights_missing" });
  });
});

describe("the warehouse steps", () => {
  it("receives, dispatches (reservations become a shipment), delivers; the order status follows every seller order", async () => {
    const o = await placedOrder([
      { sellerId: sellerA, lines: [{ variantId: rice, quantity: 5, unitPriceFen: 12_000 }] },
      { sellerId: sellerB, lines: [{ variantId: lotus, quantity: 8, unitPriceFen: 3_500 }] },
    ]);
    const a = o.so(sellerA);
    const b = o.so(sellerB);
    const riceLine = o.line(sellerA, rice);
    expect(await act({ sellerOrderId: a, event: "receive", actor: operator })).toEqual({ ok: false, code: "invalid_state" });
    await act({ sellerOrderId: a, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 4, reason: "少一袋" }] });
    await act({ sellerOrderId: a, event: "pack" });
    await act({ sellerOrderId: b, event: "confirm", actor: sellerOfB });
    await act({ sellerOrderId: b, event: "pack", actor: sellerOfB });
    // A seller cannot run warehouse steps; an admin oversees but does not either.
    expect(await act({ sellerOrderId: a, event: "receive" })).toEqual({ ok: false, code: "forbidden" });
    expect(await act({ sellerOrderId: a, event: "receive", actor: admin })).toEqual({ ok: false, code: "forbidden" });
    expect(await act({ sellerOrderId: a, event: "receive", actor: operator })).toMatchObject({ ok: true, status: "received", orderStatus: "packed" });
    expect(await act({ sellerOrderId: b, event: "receive", actor: operator })).toMatchObject({ ok: true, orderStatus: "received" });
    const before = await balance(rice);
    expect(await act({ sellerOrderId: a, event: "dispatch", actor: operator })).toMatchObject({ ok: true, status: "out_for_delivery", orderStatus: "received" });
    expect(await balance(rice)).toEqual({ onHand: before.onHand - 4, reserved: before.reserved - 4 });
    expect(await ledgerKinds(riceLine)).toEqual(["reservation:0/5", "release:0/-1", "shipment:-4/-4"]);
    expect(await reservedFor(riceLine)).toBe(0);
    expect(await act({ sellerOrderId: a, event: "dispatch", actor: operator })).toEqual({ ok: false, code: "invalid_state" });
    await act({ sellerOrderId: b, event: "dispatch", actor: operator });
    expect(await act({ sellerOrderId: a, event: "deliver", actor: operator })).toMatchObject({ ok: true, status: "delivered", orderStatus: "partially_delivered" });
    expect(await act({ sellerOrderId: b, event: "deliver", actor: operator })).toMatchObject({ ok: true, orderStatus: "delivered" });
    expect((await noticesOf(o.orderId)).filter((k) => k === "order_delivered")).toHaveLength(2);
    // Closing needs close:order:warehouse, which operators hold and admins do not.
    expect(await act({ sellerOrderId: a, event: "close", actor: admin })).toEqual({ ok: false, code: "forbidden" });
    expect(await act({ sellerOrderId: a, event: "close", actor: operator })).toMatchObject({ ok: true, status: "closed", orderStatus: "delivered" });
    expect(await act({ sellerOrderId: b, event: "close", actor: operator })).toMatchObject({ ok: true, orderStatus: "closed" });
    expect(await orderRow(o.orderId)).toMatchObject({ subtotalFen: 48_000 + 28_000, totalFen: 77_000 });
    expect(await act({ sellerOrderId: a, event: "cancel_by_operator", actor: operator, reason: "太迟" })).toEqual({ ok: false, code: "invalid_state" });
    await expectStockAgrees();
  });
});

describe("cancelling", () => {
  it("a seller cancels a placed seller order with a reason: every reservation and booked gram comes back; the other seller's part stays", async () => {
    const o = await placedOrder([
      {
        sellerId: sellerA,
        lines: [
          { variantId: rice, quantity: 3, unitPriceFen: 12_000 },
          { variantId: shiitake, quantity: 2, unitPriceFen: 9_000 },
        ],
      },
      { sellerId: sellerB, lines: [{ variantId: lotus, quantity: 4, unitPriceFen: 3_500 }] },
    ]);
    const a = o.so(sellerA);
    const riceBefore = await balance(rice);
    const shiitakeBefore = await balance(shiitake);
    expect(await act({ sellerOrderId: a, event: "cancel_by_seller" })).toEqual({ ok: false, code: "reason_required" });
    expect(await act({ sellerOrderId: a, event: "cancel_by_seller", reason: "冷库故障，本周无法发货" })).toMatchObject({ ok: true, status: "cancelled", orderStatus: "placed" });
    expect(await balance(rice)).toEqual({ onHand: riceBefore.onHand, reserved: riceBefore.reserved - 3 });
    expect(await balance(shiitake)).toEqual({ onHand: shiitakeBefore.onHand, reserved: shiitakeBefore.reserved - 2 });
    expect(await reservedFor(o.line(sellerA, rice))).toBe(0);
    expect(await reservedFor(o.line(sellerB, lotus))).toBe(4);
    expect(await slotBooked(o.slotId)).toEqual({ bookedAmbientGrams: 2_000, bookedChilledGrams: 0 });
    expect(await db.sellerOrder.findUniqueOrThrow({ where: { id: a }, select: { cancelReason: true } })).toEqual({ cancelReason: "冷库故障，本周无法发货" });
    expect(await orderRow(o.orderId)).toEqual({ status: "placed", subtotalFen: 14_000, deliveryFeeFen: 1_000, totalFen: 15_000 });
    // A confirmed seller order is the seller's promise: only an operator can call it off now.
    const b = o.so(sellerB);
    await act({ sellerOrderId: b, event: "confirm", actor: sellerOfB });
    expect(await act({ sellerOrderId: b, event: "cancel_by_seller", actor: sellerOfB, reason: "不想发了" })).toEqual({ ok: false, code: "invalid_state" });
    expect(await act({ sellerOrderId: b, event: "cancel_by_operator", actor: operator })).toEqual({ ok: false, code: "reason_required" });
    expect(await act({ sellerOrderId: b, event: "cancel_by_operator", actor: operator, reason: "买家来电取消" })).toMatchObject({ ok: true, orderStatus: "cancelled" });
    expect(await reservedFor(o.line(sellerB, lotus))).toBe(0);
    expect(await slotBooked(o.slotId)).toEqual({ bookedAmbientGrams: 0, bookedChilledGrams: 0 });
    expect(await orderRow(o.orderId)).toEqual({ status: "cancelled", subtotalFen: 0, deliveryFeeFen: 1_000, totalFen: 1_000 });
    const events = await db.orderEvent.findMany({ where: { orderId: o.orderId }, select: { event: true, reason: true, actorRole: true }, orderBy: { id: "asc" } });
    expect(events).toEqual([
      { event: "cancel_by_seller", reason: "冷库故障，本周无法发货", actorRole: "seller" },
      { event: "confirm", reason: "", actorRole: "seller" },
      { event: "cancel_by_operator", reason: "买家来电取消", actorRole: "operator" },
    ]);
    expect(await noticesOf(o.orderId)).toEqual(["order_cancelled", "order_confirmed", "order_cancelled"]);
    await expectStockAgrees();
  });

  it("an admin may cancel any open seller order; after a short shipment only the rest is released", async () => {
    const o = await placedOrder([{ sellerId: sellerA, lines: [{ variantId: rice, quantity: 5, unitPriceFen: 12_000 }] }]);
    const a = o.so(sellerA);
    const riceLine = o.line(sellerA, rice);
    await act({ sellerOrderId: a, event: "confirm", shipment: [{ lineId: riceLine, shippedQuantity: 2, reason: "只有两袋" }] });
    expect(await act({ sellerOrderId: a, event: "cancel_by_operator", actor: admin, reason: "质量问题" })).toMatchObject({ ok: true, status: "cancelled" });
    expect(await ledgerKinds(riceLine)).toEqual(["reservation:0/5", "release:0/-3", "release:0/-2"]);
    expect(await slotBooked(o.slotId)).toMatchObject({ bookedAmbientGrams: 0 });
    await expectStockAgrees();
  });
});

describe("who may act", () => {
  it("refuses another seller's order, a buyer, unknown events and unknown orders, writing nothing", async () => {
    const o = await placedOrder([{ sellerId: sellerA, lines: [{ variantId: rice, quantity: 2, unitPriceFen: 12_000 }] }]);
    const a = o.so(sellerA);
    const before = await snapshot(o.orderId);
    expect(await act({ sellerOrderId: a, event: "confirm", actor: sellerOfB })).toEqual({ ok: false, code: "not_owner" });
    expect(await act({ sellerOrderId: a, event: "cancel_by_seller", actor: sellerOfB, reason: "x" })).toEqual({ ok: false, code: "not_owner" });
    expect(await act({ sellerOrderId: a, event: "confirm", actor: buyerActor })).toEqual({ ok: false, code: "forbidden" });
    expect(await act({ sellerOrderId: a, event: "confirm", actor: operator })).toEqual({ ok: false, code: "forbidden" });
    expect(await act({ sellerOrderId: a, event: "cancel_by_buyer", actor: buyerActor })).toEqual({ ok: false, code: "unknown_event" });
    expect(await act({ sellerOrderId: a, event: "ship_it" })).toEqual({ ok: false, code: "unknown_event" });
    expect(await act({ sellerOrderId: "00000000-0000-4000-8000-000000000000", event: "confirm" })).toEqual({ ok: false, code: "not_found" });
    expect(await act({ sellerOrderId: "not-a-uuid", event: "confirm" })).toEqual({ ok: false, code: "not_found" });
    expect(await snapshot(o.orderId)).toEqual(before);
  });

  it("two sellers confirming one order at the same moment leave it confirmed, not partially", async () => {
    const o = await placedOrder([
      { sellerId: sellerA, lines: [{ variantId: rice, quantity: 1, unitPriceFen: 12_000 }] },
      { sellerId: sellerB, lines: [{ variantId: lotus, quantity: 2, unitPriceFen: 3_500 }] },
    ]);
    const results = await Promise.all([act({ sellerOrderId: o.so(sellerA), event: "confirm" }), act({ sellerOrderId: o.so(sellerB), event: "confirm", actor: sellerOfB })]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await orderRow(o.orderId)).status).toBe("confirmed");
    // A double click: the second confirmation finds the order confirmed already.
    const twice = await Promise.all([act({ sellerOrderId: o.so(sellerA), event: "pack" }), act({ sellerOrderId: o.so(sellerA), event: "pack" })]);
    expect(twice.map((r) => (r.ok ? "ok" : r.code)).sort()).toEqual(["invalid_state", "ok"]);
  });
});
