import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createContractPrice,
  createDeliveryPoint,
  createDeliverySlot,
  createOrganization,
  createOrganizations,
  createProduct,
  createStockEntries,
  createUser,
  createWarehouse,
} from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { loadOrderDetail } from "~/modules/orders/detail.server";
import { listOpenSlotsFor } from "~/modules/orders/ordering-data.server";
import { amendOrderByBuyer, cancelOrderByBuyer } from "./buyer-order.server";
import { placeOrder, requestHash, type PlaceOrderInput } from "./place-order.server";

let t: TestDatabase;
let db: PrismaClient;
let sellerA: string;
let sellerB: string;
let buyer: string;
let buyerUser: string;
let point: string;
let warehouse: string;
let slot: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] place order: database ${t.label}`);
  sellerA = (await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社" })).id;
  sellerB = (await createOrganization(db, { kind: "snack_supplier", minOrderValueFen: 10_000 })).id;
  buyer = (await createOrganization(db, { kind: "canteen" })).id;
  buyerUser = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
  const operator = (await createOrganization(db, { kind: "platform" })).id;
  warehouse = (await createWarehouse(db, { operatorId: operator })).id;
  point = (await createDeliveryPoint(db, { organizationId: buyer })).id;
  slot = (await newSlot()).id;
}, 60_000);

let slotDays = 2;
afterAll(async () => t?.drop());

/** A slot at 08:00 Beijing time a few days ahead (a later day each call), cut-off 14:00 the day before. */
function newSlot(input: Partial<Parameters<typeof createDeliverySlot>[1]> = {}) {
  slotDays += 1;
  const startsAt = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + slotDays, 0, 0));
  return createDeliverySlot(db, { warehouseId: warehouse, startsAt, ...input });
}

/** A pack of the seller with `onHand` packs in stock. */
async function newPack(sellerId: string, onHand: number, variant: Record<string, unknown> = {}, tempClass: "ambient" | "chilled" | "frozen" = "ambient"): Promise<string> {
  const p = await createProduct(db, { sellerId, tempClass, variants: [{ tiers: [{ minQuantity: 1, unitPriceFen: 4800 }, { minQuantity: 20, unitPriceFen: 4550 }], ...variant }] });
  const id = p.variants[0]!.id;
  if (onHand > 0) await createStockEntries(db, [{ variantId: id, onHandDelta: onHand }]);
  return id;
}

function input(lines: PlaceOrderInput["lines"], extra: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return { buyerId: buyer, userId: buyerUser, channel: "web", deliveryPointId: point, slotId: slot, lines, idempotencyKey: randomUUID(), ...extra };
}

async function balance(variantId: string) {
  return db.stockBalance.findUniqueOrThrow({ where: { variantId }, select: { onHand: true, reserved: true } });
}

async function ledgerReserved(variantId: string): Promise<number> {
  const r = await db.stockLedger.aggregate({ where: { variantId }, _sum: { reservedDelta: true } });
  return r._sum.reservedDelta ?? 0;
}

async function slotBooked(id: string) {
  return db.deliverySlot.findUniqueOrThrow({ where: { id }, select: { bookedAmbientGrams: true, bookedChilledGrams: true, bookedFrozenGrams: true } });
}

describe("placeOrder", () => {
  it("splits the order per seller, charges the pricing module's prices, reserves stock, books the slot and records everything", async () => {
    const a = await newPack(sellerA, 100);
    const b = await newPack(sellerB, 100, { netWeightGrams: 2500 }, "frozen");
    const s = await newSlot();
    const before = await slotBooked(s.id);
    const r = await placeOrder(db, input([{ variantId: a, quantity: 20, expectedUnitPriceFen: 4550 }, { variantId: b, quantity: 3 }], { slotId: s.id, note: "  早上六点前送到  " }));
    expect(r).toMatchObject({ ok: true, replayed: false });
    if (!r.ok) return;
    expect(r.number).toMatch(/^HM-\d{8}-\d{6,}$/);
    const detail = (await loadOrderDetail(db, { number: r.number }))!;
    expect(detail.sellerOrders.map((so) => so.seller.id).sort()).toEqual([sellerA, sellerB].sort());
    expect(detail.status).toBe("placed");
    expect(detail.note).toBe("早上六点前送到");
    const lineA = detail.sellerOrders.flatMap((so) => so.lines).find((l) => l.variantId === a)!;
    expect(lineA).toMatchObject({ quantity: 20, unitPriceFen: 4550, lineTotalFen: 91_000, priceSource: "tier", weightGrams: 10_000 });
    expect(detail.totalFen).toBe(91_000 + 3 * 4800);
    expect(detail.estimatedTotalFen).toBe(detail.totalFen);
    expect(await balance(a)).toEqual({ onHand: 100, reserved: 20 });
    expect(await ledgerReserved(a)).toBe(20);
    const ledger = await db.stockLedger.findMany({ where: { variantId: a, kind: "reservation" }, select: { orderLineId: true, reservedDelta: true } });
    expect(ledger).toEqual([{ orderLineId: lineA.id, reservedDelta: 20 }]);
    const after = await slotBooked(s.id);
    expect(after.bookedAmbientGrams - before.bookedAmbientGrams).toBe(10_000);
    expect(after.bookedFrozenGrams - before.bookedFrozenGrams).toBe(7_500);
    expect(detail.events.map((e) => e.event)).toEqual(["place"]);
    expect(await db.auditEntry.count({ where: { subjectId: r.orderId, action: "order.place" } })).toBe(1);
    // No queue here: the buyer's notice is written in the order's transaction, once the order's rows exist.
    expect(await db.notification.findMany({ where: { orderId: r.orderId }, select: { userId: true, kind: true } })).toEqual([{ userId: buyerUser, kind: "order_placed" }]);
  });

  it("uses the buyer's contract price", async () => {
    const a = await newPack(sellerA, 50);
    await createContractPrice(db, { sellerId: sellerA, buyerId: buyer, variantId: a, unitPriceFen: 4000, validFrom: "2020-01-01" });
    const r = await placeOrder(db, input([{ variantId: a, quantity: 2, expectedUnitPriceFen: 4000 }]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = (await loadOrderDetail(db, { id: r.orderId }))!;
    expect(d.sellerOrders[0]!.lines[0]).toMatchObject({ unitPriceFen: 4000, priceSource: "contract" });
  });

  it("refuses a price that changed since the buyer saw it, and writes nothing", async () => {
    const a = await newPack(sellerA, 10);
    const count = await db.order.count();
    const r = await placeOrder(db, input([{ variantId: a, quantity: 2, expectedUnitPriceFen: 4500 }]));
    expect(r).toEqual({ ok: false, code: "price_changed", lines: [{ variantId: a, oldUnitPriceFen: 4500, newUnitPriceFen: 4800, differenceFen: 300 }] });
    expect(await db.order.count()).toBe(count);
    expect(await balance(a)).toEqual({ onHand: 10, reserved: 0 });
  });

  it("refuses a seller's order below its minimum order value", async () => {
    const b = await newPack(sellerB, 10);
    const r = await placeOrder(db, input([{ variantId: b, quantity: 1 }]));
    expect(r).toMatchObject({ ok: false, code: "below_minimum_order", sellers: [{ sellerId: sellerB, shortfallFen: 10_000 - 4800 }] });
  });

  it("refuses bad quantities, unknown packs, another buyer's delivery point and a point outside the slot's district", async () => {
    const a = await newPack(sellerA, 10, { minOrderQuantity: 5, orderMultiple: 5 });
    expect(await placeOrder(db, input([{ variantId: a, quantity: 7 }]))).toMatchObject({ ok: false, code: "invalid_quantity", lines: [{ variantId: a, issue: "not_multiple", nearest: { down: 5, up: 10 } }] });
    expect(await placeOrder(db, input([{ variantId: a, quantity: -5 }]))).toMatchObject({ ok: false, code: "invalid_quantity" });
    expect(await placeOrder(db, input([{ variantId: a, quantity: 2.5 }]))).toMatchObject({ ok: false, code: "invalid_quantity" });
    expect(await placeOrder(db, input([{ variantId: randomUUID(), quantity: 1 }]))).toMatchObject({ ok: false, code: "pack_unavailable" });
    expect(await placeOrder(db, input([{ variantId: "not-a-uuid", quantity: 1 }]))).toMatchObject({ ok: false, code: "pack_unavailable" });
    expect(await placeOrder(db, input([]))).toMatchObject({ ok: false, code: "empty_cart" });
    const other = (await createOrganization(db, { kind: "canteen" })).id;
    const otherPoint = (await createDeliveryPoint(db, { organizationId: other })).id;
    expect(await placeOrder(db, input([{ variantId: a, quantity: 5 }], { deliveryPointId: otherPoint }))).toEqual({ ok: false, code: "delivery_point_invalid" });
    const farPoint = (await createDeliveryPoint(db, { organizationId: buyer, district: "闵行区", name: "闵行校区食堂" })).id;
    expect(await placeOrder(db, input([{ variantId: a, quantity: 5 }], { deliveryPointId: farPoint }))).toEqual({ ok: false, code: "delivery_point_invalid" });
    expect(await placeOrder(db, input([{ variantId: a, quantity: 5 }], { slotId: randomUUID() }))).toEqual({ ok: false, code: "slot_closed" });
    expect(await balance(a)).toEqual({ onHand: 10, reserved: 0 });
  });

  it("refuses a slot past its cut-off and a full slot, and lists only open slots", async () => {
    const a = await newPack(sellerA, 100);
    const now = new Date();
    const closed = await newSlot({ startsAt: new Date(now.getTime() + 3 * 3_600_000), cutoffAt: new Date(now.getTime() - 60_000) });
    expect(await placeOrder(db, input([{ variantId: a, quantity: 1 }], { slotId: closed.id }))).toEqual({ ok: false, code: "slot_closed" });
    const full = await newSlot({ capacityGrams: { ambient: 2_000 } });
    expect(await placeOrder(db, input([{ variantId: a, quantity: 5 }], { slotId: full.id }))).toEqual({ ok: false, code: "slot_full", short: [{ tempClass: "ambient", requestedGrams: 2_500, remainingGrams: 2_000 }] });
    expect(await balance(a)).toEqual({ onHand: 100, reserved: 0 });
    const open = await listOpenSlotsFor(db, point, now);
    expect(open.map((s) => s.id)).not.toContain(closed.id);
    expect(open.find((s) => s.id === full.id)?.remainingGrams.ambient).toBe(2_000);
    // The cut-off passing between loading the page and placing: `now` decides.
    expect(await placeOrder(db, input([{ variantId: a, quantity: 1 }], { slotId: full.id, now: new Date(full.cutoffAt.getTime() + 1) }))).toEqual({ ok: false, code: "slot_closed" });
  });

  it("refuses more packs than are available, saying how many are", async () => {
    const a = await newPack(sellerA, 3);
    const b = await newPack(sellerA, 0);
    const r = await placeOrder(db, input([{ variantId: a, quantity: 5 }, { variantId: b, quantity: 1 }]));
    expect(r).toMatchObject({ ok: false, code: "insufficient_stock" });
    if (r.ok || r.code !== "insufficient_stock") return;
    expect(r.lines.sort((x, y) => x.requested - y.requested)).toEqual([
      { variantId: b, requested: 1, available: 0 },
      { variantId: a, requested: 5, available: 3 },
    ]);
    expect(await balance(a)).toEqual({ onHand: 3, reserved: 0 });
  });
});

describe("idempotency", () => {
  it("a replay returns the same order; the same key with another request is refused", async () => {
    const a = await newPack(sellerA, 100);
    const key = randomUUID();
    const first = await placeOrder(db, input([{ variantId: a, quantity: 2 }], { idempotencyKey: key }));
    const again = await placeOrder(db, input([{ variantId: a, quantity: 2, expectedUnitPriceFen: 4800 }], { idempotencyKey: key }));
    expect(first.ok && again.ok && again.orderId === first.orderId && again.replayed).toBe(true);
    expect(await placeOrder(db, input([{ variantId: a, quantity: 3 }], { idempotencyKey: key }))).toEqual({ ok: false, code: "idempotency_key_reused" });
    expect(await balance(a)).toEqual({ onHand: 100, reserved: 2 });
  });

  it("the request hash ignores line order, id case and repeated packs", () => {
    const base = { deliveryPointId: point, slotId: slot, note: "x" };
    const id1 = randomUUID();
    const id2 = randomUUID();
    expect(requestHash({ ...base, lines: [{ variantId: id1, quantity: 2 }, { variantId: id2, quantity: 1 }] })).toBe(
      requestHash({ ...base, lines: [{ variantId: id2.toUpperCase(), quantity: 1 }, { variantId: id1, quantity: 1 }, { variantId: id1, quantity: 1 }] }),
    );
    expect(requestHash({ ...base, lines: [{ variantId: id1, quantity: 2 }] })).not.toBe(requestHash({ ...base, lines: [{ variantId: id1, quantity: 3 }] }));
    expect(requestHash({ ...base, lines: [{ variantId: id1, quantity: 2 }] })).not.toBe(requestHash({ ...base, note: "y", lines: [{ variantId: id1, quantity: 2 }] }));
  });

  it("one key submitted 50 times at once makes exactly one order", async () => {
    const a = await newPack(sellerA, 1000);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 50 }, () => placeOrder(db, input([{ variantId: a, quantity: 3 }], { idempotencyKey: key }))));
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(50);
    expect(new Set(ok.map((r) => r.ok && r.orderId)).size).toBe(1);
    expect(ok.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect(await db.order.count({ where: { buyerId: buyer, idempotencyKey: key } })).toBe(1);
    expect(await balance(a)).toEqual({ onHand: 1000, reserved: 3 });
    expect(await ledgerReserved(a)).toBe(3);
  }, 60_000);
});

describe("concurrency", () => {
  it("200 buyers racing for the last 10 packs: exactly 10 sold, balance and ledger agree", async () => {
    const a = await newPack(sellerA, 10);
    const orgs = await createOrganizations(db, Array.from({ length: 200 }, () => ({ kind: "canteen" as const })));
    const ids = orgs.map((o) => o.id);
    await db.deliveryPoint.createMany({ data: ids.map((organizationId) => ({ organizationId, name: "食堂", district: "杨浦区", address: "上海市杨浦区", lat: 31.3, lng: 121.5, receivingFrom: "04:30", receivingTo: "06:30", contactName: "王", contactPhone: "13800000000" })) });
    const points = await db.deliveryPoint.findMany({ where: { organizationId: { in: ids } }, select: { id: true, organizationId: true } });
    const s = await newSlot();
    const results = await Promise.all(
      points.map((p) => placeOrder(db, { buyerId: p.organizationId, userId: buyerUser, channel: "api", deliveryPointId: p.id, slotId: s.id, lines: [{ variantId: a, quantity: 1 }], idempotencyKey: randomUUID() })),
    );
    const sold = results.filter((r) => r.ok);
    expect(sold).toHaveLength(10);
    const refused = results.filter((r) => !r.ok);
    expect(refused.every((r) => !r.ok && r.code === "insufficient_stock" && r.lines[0]!.available === 0)).toBe(true);
    expect(await balance(a)).toEqual({ onHand: 10, reserved: 10 });
    expect(await ledgerReserved(a)).toBe(10);
    expect(await db.orderLine.count({ where: { variantId: a } })).toBe(10);
    expect((await slotBooked(s.id)).bookedAmbientGrams).toBe(10 * 500);
  }, 120_000);

  it("orders of overlapping packs in opposite line order never deadlock", async () => {
    const packs = [await newPack(sellerA, 500), await newPack(sellerA, 500), await newPack(sellerA, 500)];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => placeOrder(db, input((i % 2 ? [...packs].reverse() : packs).map((variantId) => ({ variantId, quantity: 1 }))))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    for (const p of packs) expect(await balance(p)).toEqual({ onHand: 500, reserved: 30 });
  }, 60_000);
});

describe("buyer changes until the cut-off", () => {
  it("cancel releases reservations and booked grams; a second cancel is refused", async () => {
    const a = await newPack(sellerA, 20);
    const s = await newSlot();
    const r = await placeOrder(db, input([{ variantId: a, quantity: 4 }], { slotId: s.id }));
    if (!r.ok) throw new Error(r.code);
    expect(await cancelOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: r.orderId, reason: "菜单调整" })).toEqual({ ok: true });
    expect(await balance(a)).toEqual({ onHand: 20, reserved: 0 });
    expect(await ledgerReserved(a)).toBe(0);
    expect((await slotBooked(s.id)).bookedAmbientGrams).toBe(0);
    const d = (await loadOrderDetail(db, { id: r.orderId }))!;
    expect(d.status).toBe("cancelled");
    expect(d.events.map((e) => e.event)).toEqual(["place", "cancel_by_buyer"]);
    expect(d.events[1]!.reason).toBe("菜单调整");
    expect(await cancelOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: r.orderId })).toEqual({ ok: false, code: "not_cancellable" });
  });

  it("cancel is refused after the cut-off and for another buyer's order", async () => {
    const a = await newPack(sellerA, 20);
    const s = await newSlot();
    const r = await placeOrder(db, input([{ variantId: a, quantity: 1 }], { slotId: s.id }));
    if (!r.ok) throw new Error(r.code);
    expect(await cancelOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: r.orderId, now: new Date(s.cutoffAt.getTime()) })).toEqual({ ok: false, code: "past_cutoff" });
    expect(await cancelOrderByBuyer(db, { buyerId: sellerA, userId: buyerUser, orderId: r.orderId })).toEqual({ ok: false, code: "not_found" });
    expect(await cancelOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: "nope" })).toEqual({ ok: false, code: "not_found" });
    expect(await balance(a)).toEqual({ onHand: 20, reserved: 1 });
  });

  it("amend raises and lowers reservations, re-prices changed lines, removes lines and sends confirmed seller orders back to placed", async () => {
    const a = await newPack(sellerA, 50);
    const c = await newPack(sellerA, 50);
    const s = await newSlot();
    const r = await placeOrder(db, input([{ variantId: a, quantity: 5 }, { variantId: c, quantity: 2 }], { slotId: s.id }));
    if (!r.ok) throw new Error(r.code);
    const d = (await loadOrderDetail(db, { id: r.orderId }))!;
    const so = d.sellerOrders[0]!;
    await db.sellerOrder.update({ where: { id: so.id }, data: { status: "confirmed" } });
    const lineA = so.lines.find((l) => l.variantId === a)!;
    const lineC = so.lines.find((l) => l.variantId === c)!;
    const up = await amendOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: r.orderId, lines: [{ lineId: lineA.id, quantity: 20 }, { lineId: lineC.id, quantity: 0 }] });
    expect(up).toEqual({ ok: true, changed: 2 });
    expect(await balance(a)).toEqual({ onHand: 50, reserved: 20 });
    expect(await balance(c)).toEqual({ onHand: 50, reserved: 0 });
    expect(await ledgerReserved(c)).toBe(0);
    const after = (await loadOrderDetail(db, { id: r.orderId }))!;
    expect(after.sellerOrders[0]!.status).toBe("placed");
    expect(after.sellerOrders[0]!.lines).toHaveLength(1);
    // 20 packs reach the 20-pack tier.
    expect(after.sellerOrders[0]!.lines[0]).toMatchObject({ quantity: 20, unitPriceFen: 4550, lineTotalFen: 91_000 });
    expect(after.totalFen).toBe(91_000);
    expect((await slotBooked(s.id)).bookedAmbientGrams).toBe(20 * 500);
    expect(after.events.map((e) => e.event)).toEqual(["place", "amend"]);
    // More than is available is refused with what is there; nothing changes.
    const tooMany = await amendOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: r.orderId, lines: [{ lineId: lineA.id, quantity: 60 }] });
    expect(tooMany).toEqual({ ok: false, code: "insufficient_stock", lines: [{ variantId: a, requested: 40, available: 30 }] });
    expect(await balance(a)).toEqual({ onHand: 50, reserved: 20 });
    // Removing the last line cancels the order.
    expect(await amendOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: r.orderId, lines: [{ lineId: lineA.id, quantity: 0 }] })).toEqual({ ok: true, changed: 1 });
    expect(await balance(a)).toEqual({ onHand: 50, reserved: 0 });
    expect((await loadOrderDetail(db, { id: r.orderId }))!.status).toBe("cancelled");
    expect((await slotBooked(s.id)).bookedAmbientGrams).toBe(0);
    expect(await amendOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: r.orderId, lines: [{ lineId: lineA.id, quantity: 5 }] })).toEqual({ ok: false, code: "unknown_line" });
  });

  it("amend is refused after the cut-off", async () => {
    const a = await newPack(sellerA, 50);
    const s = await newSlot();
    const r = await placeOrder(db, input([{ variantId: a, quantity: 5 }], { slotId: s.id }));
    if (!r.ok) throw new Error(r.code);
    const line = (await loadOrderDetail(db, { id: r.orderId }))!.sellerOrders[0]!.lines[0]!;
    expect(await amendOrderByBuyer(db, { buyerId: buyer, userId: buyerUser, orderId: r.orderId, lines: [{ lineId: line.id, quantity: 6 }], now: s.cutoffAt })).toEqual({ ok: false, code: "past_cutoff" });
  });
});
