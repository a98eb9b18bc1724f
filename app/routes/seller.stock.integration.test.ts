// The stock pages and the seller dashboard driven through their route modules (loaders and actions in-process).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliverySlot, createLot, createOrder, createOrganization, createProduct, createStockEntries, createUser, createWarehouse } from "../../tests/factories";
import { buildRequest, runRoute, sessionCookieFor, type RouteModule } from "../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as dashboardRoute from "./seller._index";
import * as ordersRoute from "./seller.orders";
import * as stockRoute from "./seller.stock";
import * as historyRoute from "./seller.stock_.$variantId";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
const ids = {} as { sellerA: string; sellerB: string; userA: string; userB: string; packA: string; packA2: string; packB: string; productA: string; buyer: string; buyerUser: string };
let cookieA: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] seller stock routes: database ${t.label}`);
  const db = t.db.prisma;
  ids.sellerA = (await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂" })).id;
  ids.sellerB = (await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社" })).id;
  ids.buyer = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  ids.userA = (await createUser(db, { role: "seller", organizationId: ids.sellerA, displayName: "林建华" })).id;
  ids.userB = (await createUser(db, { role: "seller", organizationId: ids.sellerB })).id;
  ids.buyerUser = (await createUser(db, { role: "buyer", organizationId: ids.buyer })).id;
  const a = await createProduct(db, { sellerId: ids.sellerA, nameZh: "沙县扁肉", nameEn: "Shaxian wontons", variants: [{ unit: "bag", netWeightGrams: 500 }, { unit: "box", itemCount: 10, itemNetWeightGrams: 500 }] });
  ids.productA = a.id;
  ids.packA = a.variants[0].id;
  ids.packA2 = a.variants[1].id;
  ids.packB = (await createProduct(db, { sellerId: ids.sellerB })).variants[0].id;
  await createStockEntries(db, [
    { variantId: ids.packA, onHandDelta: 30 },
    { variantId: ids.packB, onHandDelta: 10 },
  ]);
  cookieA = await sessionCookieFor(db, ids.userA);
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

// Route modules' loader and action types are narrower than the harness's; it calls them the way Remix does.
const post = (module: object, path: string, form: Record<string, string>, cookie = cookieA, params: Record<string, string> = {}) =>
  runRoute(module as RouteModule, buildRequest("POST", path, { cookie, form }), params);
const get = (module: object, path: string, cookie = cookieA, params: Record<string, string> = {}) => runRoute(module as RouteModule, buildRequest("GET", path, { cookie }), params);

async function ledgerCount(variantId: string) {
  return t.db.prisma.stockLedger.count({ where: { variantId } });
}

describe("/seller/stock", () => {
  it("shows on hand, reserved and available per pack of the seller's own products only", async () => {
    const out = await get(stockRoute, "/seller/stock");
    expect(out.status).toBe(200);
    const data = out.data as { stock: { items: { id: string; packs: { variantId: string; onHand: number; reserved: number; available: number }[] }[] } };
    expect(data.stock.items.map((p) => p.id)).toEqual([ids.productA]);
    expect(data.stock.items[0].packs.find((p) => p.variantId === ids.packA)).toMatchObject({ onHand: 30, reserved: 0, available: 30 });
  });

  it("records an adjustment with who made it, then redirects back (a reload cannot record it twice)", async () => {
    const out = await post(stockRoute, "/seller/stock", { variantId: ids.packA, reason: "received", quantity: "１２", note: " 11 月 30 日到货 ", page: "1" });
    expect(out).toMatchObject({ status: 302, location: `/seller/stock?saved=${ids.packA}` });
    const last = await t.db.prisma.stockLedger.findFirst({ where: { variantId: ids.packA }, orderBy: { id: "desc" }, select: { kind: true, onHandDelta: true, actorId: true, note: true } });
    expect(last).toEqual({ kind: "receipt", onHandDelta: 12, actorId: ids.userA, note: "11 月 30 日到货" });
    const page = await get(stockRoute, `/seller/stock?saved=${ids.packA}`);
    expect((page.data as { saved: string }).saved).toBe(ids.packA);
    // A count: on hand becomes the counted number.
    expect(await post(stockRoute, "/seller/stock", { variantId: ids.packA, reason: "counted", quantity: "40", page: "2" })).toMatchObject({ status: 302, location: `/seller/stock?page=2&saved=${ids.packA}` });
    expect(await t.db.prisma.stockBalance.findUnique({ where: { variantId: ids.packA }, select: { onHand: true } })).toEqual({ onHand: 40 });
  });

  it("answers a refused adjustment with 400 and the rule's message on the quantity, writing nothing", async () => {
    const before = await ledgerCount(ids.packA2);
    const out = await post(stockRoute, "/seller/stock", { variantId: ids.packA2, reason: "spoiled", quantity: "3", note: "压坏" });
    expect(out.status).toBe(400);
    expect(out.data).toEqual({ variantId: ids.packA2, values: { variantId: ids.packA2, reason: "spoiled", quantity: "3", note: "压坏" }, errors: { quantity: "stock.refusal.overOnHand" } });
    expect(await ledgerCount(ids.packA2)).toBe(before);
    expect(await t.db.prisma.stockBalance.findUnique({ where: { variantId: ids.packA2 } })).toBeNull();
  });

  it("answers bad input with field errors and keeps what was typed", async () => {
    const out = await post(stockRoute, "/seller/stock", { variantId: ids.packA, reason: "", quantity: "2.5", note: "x".repeat(201) });
    expect(out.status).toBe(400);
    expect(out.data).toMatchObject({ variantId: ids.packA, errors: { reason: "stock.error.reason", quantity: "stock.error.quantity", note: "validation.tooLong" }, values: { quantity: "2.5" } });
    const zero = await post(stockRoute, "/seller/stock", { variantId: ids.packA, reason: "received", quantity: "0" });
    expect((zero.data as { errors: object }).errors).toEqual({ quantity: "stock.error.quantityPositive" });
    // Ordering's movements cannot be made by hand.
    const ship = await post(stockRoute, "/seller/stock", { variantId: ids.packA, reason: "shipment", quantity: "1" });
    expect((ship.data as { errors: object }).errors).toEqual({ reason: "stock.error.reason" });
  });

  it("answers 403 for another seller's pack and 404 for an unknown one, writing nothing", async () => {
    const before = await ledgerCount(ids.packB);
    expect((await post(stockRoute, "/seller/stock", { variantId: ids.packB, reason: "received", quantity: "5" })).status).toBe(403);
    expect(await ledgerCount(ids.packB)).toBe(before);
    expect((await post(stockRoute, "/seller/stock", { variantId: "00000000-0000-4000-8000-000000000000", reason: "received", quantity: "5" })).status).toBe(404);
  });

  it("sends a visitor to sign in and refuses a buyer", async () => {
    expect(await post(stockRoute, "/seller/stock", { variantId: ids.packA, reason: "received", quantity: "5" }, "")).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fseller%2Fstock" });
    const buyerCookie = await sessionCookieFor(t.db.prisma, ids.buyerUser);
    expect((await post(stockRoute, "/seller/stock", { variantId: ids.packA, reason: "received", quantity: "5" }, buyerCookie)).status).toBe(403);
  });
});

describe("/seller/stock/:variantId", () => {
  it("shows the pack's history, newest first, with who and why", async () => {
    const out = await get(historyRoute, `/seller/stock/${ids.packA}`, cookieA, { variantId: ids.packA });
    expect(out.status).toBe(200);
    const data = out.data as { balance: object; entries: { total: number; items: { kind: string; actorName: string | null; note: string }[] } };
    expect(data.balance).toEqual({ onHand: 40, reserved: 0, available: 40 });
    expect(data.entries.items.map((e) => [e.kind, e.actorName])).toEqual([
      ["adjustment", "林建华"],
      ["receipt", "林建华"],
      ["receipt", null],
    ]);
  });

  it("answers 403 for another seller's pack, 404 for an unknown or malformed id", async () => {
    expect((await get(historyRoute, `/seller/stock/${ids.packB}`, cookieA, { variantId: ids.packB })).status).toBe(403);
    expect((await get(historyRoute, "/seller/stock/00000000-0000-4000-8000-000000000000", cookieA, { variantId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    expect((await get(historyRoute, "/seller/stock/nope", cookieA, { variantId: "nope" })).status).toBe(404);
  });
});

describe("dashboard and orders to confirm", () => {
  it("counts today's work from the data: pending orders, low stock, lots expiring, verification, sales", async () => {
    const db = t.db.prisma;
    const warehouse = await createWarehouse(db, { operatorId: (await createOrganization(db, { kind: "platform" })).id });
    const slot = await createDeliverySlot(db, { warehouseId: warehouse.id, startsAt: new Date(Date.now() + 86_400_000) });
    const line = (quantity: number, unitPriceFen = 1000) => ({ variantId: ids.packA, productNameZh: "沙县扁肉", quantity, unitPriceFen, weightGrams: 500 * quantity });
    await createOrder(db, { buyerId: ids.buyer, placedById: ids.buyerUser, slotId: slot.id, note: "请走北门", sellerOrders: [{ sellerId: ids.sellerA, status: "placed", lines: [line(3)] }] });
    await createOrder(db, { buyerId: ids.buyer, placedById: ids.buyerUser, sellerOrders: [{ sellerId: ids.sellerA, status: "placed", lines: [line(2, 1200)] }] });
    await createOrder(db, { buyerId: ids.buyer, placedById: ids.buyerUser, sellerOrders: [{ sellerId: ids.sellerA, status: "delivered", lines: [line(5)] }] });
    await createOrder(db, { buyerId: ids.buyer, placedById: ids.buyerUser, status: "cancelled", sellerOrders: [{ sellerId: ids.sellerA, status: "cancelled", lines: [line(50)] }] });
    // Another seller's pending order is not A's work.
    await createOrder(db, { buyerId: ids.buyer, placedById: ids.buyerUser, sellerOrders: [{ sellerId: ids.sellerB, status: "placed", lines: [{ ...line(1), variantId: ids.packB }] }] });
    await createLot(db, { variantId: ids.packA, code: "SX-EXP-3", producedAt: new Date(Date.now() - 20 * 86_400_000), expiresAt: new Date(Date.now() + 3 * 86_400_000) });
    await createLot(db, { variantId: ids.packA, code: "SX-LATER", producedAt: new Date(Date.now() - 86_400_000), expiresAt: new Date(Date.now() + 30 * 86_400_000) });
    await createLot(db, { variantId: ids.packB, code: "JN-EXP-2", producedAt: new Date(Date.now() - 20 * 86_400_000), expiresAt: new Date(Date.now() + 2 * 86_400_000) });
    await db.organization.update({ where: { id: ids.sellerA }, data: { verificationStatus: "rejected", reviewNote: "营业执照照片不清晰" } });

    const out = await get(dashboardRoute, "/seller");
    expect(out.status).toBe(200);
    const d = out.data as {
      counts: { pendingOrders: number; products: number; active: number };
      organizations: { verificationStatus: string; reviewNote: string }[];
      lowStock: { total: number; items: { variantId: string; available: number }[] };
      expiringLots: { total: number; items: { code: string }[] };
      sales: { weeks: Date[]; series: { productId: string; totalFen: number; weekly: number[] }[]; totalFen: number };
    };
    expect(d.counts).toEqual({ products: 1, active: 1, pendingOrders: 2 });
    expect(d.organizations).toEqual([expect.objectContaining({ verificationStatus: "rejected", reviewNote: "营业执照照片不清晰" })]);
    // packA has 40 on hand, packA2 none: only packA2 is low (≤ 10 available).
    expect(d.lowStock.items).toEqual([expect.objectContaining({ variantId: ids.packA2, available: 0 })]);
    expect(d.expiringLots).toEqual({ total: 1, items: [expect.objectContaining({ code: "SX-EXP-3" })] });
    // This week's sales: 3×10 + 2×12 + 5×10 yuan; the cancelled order does not count.
    expect(d.sales.weeks).toHaveLength(8);
    expect(d.sales.series).toEqual([{ productId: ids.productA, totalFen: 10_400, weekly: [0, 0, 0, 0, 0, 0, 0, 10_400], nameZh: "沙县扁肉", nameEn: "Shaxian wontons" }]);
    expect(d.sales.totalFen).toBe(10_400);

    const orders = await get(ordersRoute, "/seller/orders");
    expect(orders.status).toBe(200);
    const o = orders.data as { inbox: { total: number; days: { day: string | null; items: { subtotalFen: number; note: string }[] }[] } };
    expect(o.inbox.total).toBe(2);
    expect(o.inbox.days.map((g) => [g.day === null ? null : "dated", g.items.map((x) => x.subtotalFen)])).toEqual([
      ["dated", [3000]],
      [null, [2400]],
    ]);
    expect(o.inbox.days[0].items[0].note).toBe("请走北门");
  });
});
