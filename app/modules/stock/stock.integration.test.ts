import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, createOrganization, createProduct, createStockEntries, createUser } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { sumLedger } from "./balance";
import { adjustOwnStock, getPackLedger, listSellerStock, releaseStock, reserveStock, shipStock, stockBalances, StockRefusedError } from "./stock.server";

let t: TestDatabase;
let db: PrismaClient;
let sellerA: string;
let sellerB: string;
let buyer: string;
let actor: string;
let buyerUser: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] stock: database ${t.label}`);
  sellerA = (await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社" })).id;
  sellerB = (await createOrganization(db, { kind: "snack_supplier" })).id;
  buyer = (await createOrganization(db, { kind: "canteen" })).id;
  actor = (await createUser(db, { role: "seller", organizationId: sellerA, displayName: "林秀英" })).id;
  buyerUser = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
});
afterAll(async () => t?.drop());

/** A fresh pack of seller A (or B). */
async function newPack(sellerId = sellerA, variants = 1): Promise<string[]> {
  const p = await createProduct(db, { sellerId, variants: Array.from({ length: variants }, () => ({})) });
  return p.variants.map((v) => v.id);
}

async function balanceRow(variantId: string) {
  return db.stockBalance.findUnique({ where: { variantId }, select: { onHand: true, reserved: true } });
}

async function ledgerOf(variantId: string) {
  return db.stockLedger.findMany({ where: { variantId }, select: { kind: true, onHandDelta: true, reservedDelta: true, actorId: true, note: true, orderLineId: true }, orderBy: { id: "asc" } });
}

/** The balance row equals the sums of the pack's ledger. */
async function expectLedgerMatchesBalance(variantId: string) {
  const row = await balanceRow(variantId);
  expect(row, `balance row of ${variantId}`).not.toBeNull();
  expect(sumLedger(await ledgerOf(variantId))).toEqual(row);
}

const adjust = (variantId: string, reason: "received" | "counted" | "spoiled", quantity: number, note = "") =>
  adjustOwnStock(db, [sellerA], { variantId, reason, quantity, note, actorId: actor });

describe("a seller's adjustments", () => {
  it("records received, counted and spoiled with who and why, the balance row following the ledger", async () => {
    const [v] = await newPack();
    expect(await adjust(v, "received", 40, "11 月 30 日到货")).toMatchObject({ kind: "ok", balance: { onHand: 40, reserved: 0 } });
    expect(await adjust(v, "spoiled", 3, "运输压坏")).toMatchObject({ kind: "ok", balance: { onHand: 37, reserved: 0 } });
    expect(await adjust(v, "counted", 35)).toMatchObject({ kind: "ok", balance: { onHand: 35, reserved: 0 } });
    expect(await adjust(v, "counted", 36)).toMatchObject({ kind: "ok", balance: { onHand: 36, reserved: 0 } });
    expect(await ledgerOf(v)).toEqual([
      { kind: "receipt", onHandDelta: 40, reservedDelta: 0, actorId: actor, note: "11 月 30 日到货", orderLineId: null },
      { kind: "spoilage", onHandDelta: -3, reservedDelta: 0, actorId: actor, note: "运输压坏", orderLineId: null },
      { kind: "adjustment", onHandDelta: -2, reservedDelta: 0, actorId: actor, note: "", orderLineId: null },
      { kind: "adjustment", onHandDelta: 1, reservedDelta: 0, actorId: actor, note: "", orderLineId: null },
    ]);
    await expectLedgerMatchesBalance(v);
  });

  it("loses no update under 50 concurrent adjustments of one pack, and the ledger adds up to the balance", async () => {
    const [v] = await newPack();
    expect(await adjust(v, "received", 1000)).toMatchObject({ kind: "ok" });
    // 30 receipts of 1..30 and 20 spoilages of 1..20, all at once.
    const jobs = [...Array.from({ length: 30 }, (_, i) => adjust(v, "received", i + 1)), ...Array.from({ length: 20 }, (_, i) => adjust(v, "spoiled", i + 1))];
    const results = await Promise.all(jobs);
    expect(results.filter((r) => r.kind !== "ok")).toEqual([]);
    const expected = 1000 + (30 * 31) / 2 - (20 * 21) / 2;
    expect(await balanceRow(v)).toEqual({ onHand: expected, reserved: 0 });
    expect(await db.stockLedger.count({ where: { variantId: v } })).toBe(51);
    await expectLedgerMatchesBalance(v);
  });

  it("creates the balance row once when the first adjustments of a new pack arrive together", async () => {
    const [v] = await newPack();
    expect(await balanceRow(v)).toBeNull();
    const results = await Promise.all(Array.from({ length: 20 }, () => adjust(v, "received", 2)));
    expect(results.every((r) => r.kind === "ok")).toBe(true);
    expect(await balanceRow(v)).toEqual({ onHand: 40, reserved: 0 });
    await expectLedgerMatchesBalance(v);
    expect(Object.fromEntries(await stockBalances(db, [v, "00000000-0000-4000-8000-000000000000"]))).toEqual({
      [v]: { onHand: 40, reserved: 0, available: 40 },
      "00000000-0000-4000-8000-000000000000": { onHand: 0, reserved: 0, available: 0 },
    });
  });

  it("lets exactly as many concurrent spoilages through as there are packs, never going negative", async () => {
    const [v] = await newPack();
    await adjust(v, "received", 25);
    const results = await Promise.all(Array.from({ length: 50 }, () => adjust(v, "spoiled", 1)));
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(25);
    expect(results.filter((r) => r.kind === "refused" && r.refusal === "stock.refusal.overOnHand")).toHaveLength(25);
    expect(await balanceRow(v)).toEqual({ onHand: 0, reserved: 0 });
    await expectLedgerMatchesBalance(v);
  });

  it("writes nothing for a refused adjustment: no ledger entry, not even the balance row", async () => {
    const [v] = await newPack();
    expect(await adjust(v, "spoiled", 1)).toEqual({ kind: "refused", refusal: "stock.refusal.overOnHand", balance: { onHand: 0, reserved: 0 } });
    expect(await balanceRow(v)).toBeNull();
    expect(await db.stockLedger.count({ where: { variantId: v } })).toBe(0);
  });

  it("refuses to count below what open orders have reserved, leaving ledger and balance as they were", async () => {
    const [v] = await newPack();
    await adjust(v, "received", 10);
    await db.$transaction((tx) => reserveStock(tx, [{ variantId: v, quantity: 6 }]));
    const before = await ledgerOf(v);
    expect(await adjust(v, "counted", 5)).toEqual({ kind: "refused", refusal: "stock.refusal.belowReserved", balance: { onHand: 10, reserved: 6 } });
    expect(await adjust(v, "spoiled", 5)).toMatchObject({ kind: "refused", refusal: "stock.refusal.belowReserved" });
    expect(await adjust(v, "counted", 10)).toMatchObject({ kind: "refused", refusal: "stock.refusal.unchanged" });
    expect(await ledgerOf(v)).toEqual(before);
    expect(await balanceRow(v)).toEqual({ onHand: 10, reserved: 6 });
  });

  it("answers forbidden for another seller's pack and not_found for an unknown one, writing nothing", async () => {
    const [other] = await newPack(sellerB);
    expect(await adjust(other, "received", 5)).toEqual({ kind: "forbidden" });
    expect(await adjust("00000000-0000-4000-8000-000000000000", "received", 5)).toEqual({ kind: "not_found" });
    expect(await balanceRow(other)).toBeNull();
  });

  it("the database itself refuses a negative balance (CHECK), whatever code tries", async () => {
    const [v] = await newPack();
    await adjust(v, "received", 2);
    await expect(db.$executeRaw`UPDATE "stock_balances" SET "reserved" = 3 WHERE "variant_id" = ${v}::uuid`).rejects.toThrow(/stock_balances_available_check|check constraint/i);
    await expect(db.$executeRaw`UPDATE "stock_balances" SET "on_hand" = -1 WHERE "variant_id" = ${v}::uuid`).rejects.toThrow(/check constraint/i);
  });
});

describe("ordering's multi-pack helpers", () => {
  it("reserves, releases and ships across several packs in the caller's transaction", async () => {
    const [a, b, c] = await newPack(sellerA, 3);
    for (const v of [a, b, c]) await adjust(v, "received", 20);
    const reserved = await db.$transaction((tx) =>
      reserveStock(tx, [
        { variantId: c, quantity: 5 },
        { variantId: a, quantity: 3 },
        { variantId: c, quantity: 2 },
        { variantId: b, quantity: 20 },
      ]),
    );
    expect(Object.fromEntries(reserved)).toEqual({ [a]: { onHand: 20, reserved: 3 }, [b]: { onHand: 20, reserved: 20 }, [c]: { onHand: 20, reserved: 7 } });
    // One ledger entry per line, by the system (no actor).
    expect((await ledgerOf(c)).filter((e) => e.kind === "reservation").map((e) => e.reservedDelta)).toEqual([5, 2]);

    await db.$transaction((tx) => releaseStock(tx, [{ variantId: b, quantity: 4 }], { note: "缺货少发" }));
    await db.$transaction((tx) =>
      shipStock(tx, [
        { variantId: a, quantity: 3 },
        { variantId: b, quantity: 16 },
        { variantId: c, quantity: 7 },
      ]),
    );
    expect(await balanceRow(a)).toEqual({ onHand: 17, reserved: 0 });
    expect(await balanceRow(b)).toEqual({ onHand: 4, reserved: 0 });
    expect(await balanceRow(c)).toEqual({ onHand: 13, reserved: 0 });
    for (const v of [a, b, c]) await expectLedgerMatchesBalance(v);
  });

  it("undoes every line when one pack cannot be reserved", async () => {
    const [a, b] = await newPack(sellerA, 2);
    await adjust(a, "received", 10);
    await adjust(b, "received", 2);
    const attempt = db.$transaction((tx) =>
      reserveStock(tx, [
        { variantId: a, quantity: 5 },
        { variantId: b, quantity: 3 },
      ]),
    );
    await expect(attempt).rejects.toBeInstanceOf(StockRefusedError);
    await expect(attempt).rejects.toMatchObject({ variantId: b, refusal: "stock.refusal.overAvailable", balance: { onHand: 2, reserved: 0 } });
    expect(await balanceRow(a)).toEqual({ onHand: 10, reserved: 0 });
    expect(await db.stockLedger.count({ where: { variantId: a, kind: "reservation" } })).toBe(0);
  });

  it("links entries to order lines, and ships only what was reserved", async () => {
    const [v] = await newPack();
    await adjust(v, "received", 8);
    const order = await createOrder(db, {
      buyerId: buyer,
      placedById: buyerUser,
      sellerOrders: [{ sellerId: sellerA, lines: [{ variantId: v, productNameZh: "泰宁香菇", quantity: 4, unitPriceFen: 4800, weightGrams: 2000 }] }],
    });
    const line = order.sellerOrders[0].lines[0];
    await db.$transaction((tx) => reserveStock(tx, [{ variantId: v, quantity: 4, orderLineId: line.id }]));
    expect((await ledgerOf(v)).at(-1)).toMatchObject({ kind: "reservation", reservedDelta: 4, orderLineId: line.id, actorId: null });
    await expect(db.$transaction((tx) => shipStock(tx, [{ variantId: v, quantity: 5 }]))).rejects.toMatchObject({ refusal: "stock.refusal.overReserved" });
    await db.$transaction((tx) => shipStock(tx, [{ variantId: v, quantity: 4, orderLineId: line.id }]));
    expect(await balanceRow(v)).toEqual({ onHand: 4, reserved: 0 });
  });

  it("never deadlocks when concurrent orders take the same packs in opposite orders", async () => {
    const [a, b, c] = await newPack(sellerA, 3);
    for (const v of [a, b, c]) await adjust(v, "received", 1000);
    const forward = [a, b, c].map((variantId) => ({ variantId, quantity: 1 }));
    const backward = [...forward].reverse();
    const runs = Array.from({ length: 20 }, (_, i) => db.$transaction((tx) => reserveStock(tx, i % 2 === 0 ? forward : backward)));
    await Promise.all(runs);
    for (const v of [a, b, c]) {
      expect(await balanceRow(v)).toEqual({ onHand: 1000, reserved: 20 });
      await expectLedgerMatchesBalance(v);
    }
  });
});

describe("reading stock", () => {
  it("lists the seller's packs with on hand, reserved, available and low stock, and none of another seller's", async () => {
    const org = (await createOrganization(db, { kind: "cooperative" })).id;
    const user = (await createUser(db, { role: "seller", organizationId: org })).id;
    const p = await createProduct(db, { sellerId: org, nameZh: "尤溪金柑", variants: [{ sku: `JG-A-${org}` }, { sku: `JG-B-${org}` }, { sku: `JG-C-${org}` }] });
    const draft = await createProduct(db, { sellerId: org, nameZh: "尤溪金柑（试制）", status: "draft" });
    await createProduct(db, { sellerId: org, nameZh: "旧品", status: "archived" });
    const [plenty, few, fast] = p.variants.map((v) => v.id);
    await createStockEntries(db, [
      { variantId: plenty, onHandDelta: 200 },
      { variantId: plenty, reservedDelta: 5, kind: "reservation" },
      { variantId: few, onHandDelta: 12 },
      { variantId: few, reservedDelta: 2, kind: "reservation" },
      { variantId: fast, onHandDelta: 60 },
    ]);
    // 160 packs of `fast` sold in the last four weeks: 40 a week, more than its 60 − 30 = 30 available.
    const now = new Date();
    await createOrder(db, {
      buyerId: buyer,
      placedById: buyerUser,
      placedAt: new Date(now.getTime() - 3 * 86_400_000),
      sellerOrders: [{ sellerId: org, status: "delivered", lines: [{ variantId: fast, productNameZh: "尤溪金柑", quantity: 160, unitPriceFen: 100, weightGrams: 80_000 }] }],
    });
    await createStockEntries(db, [{ variantId: fast, reservedDelta: 30, kind: "reservation" }]);
    // A cancelled order does not count as a sale.
    await createOrder(db, {
      buyerId: buyer,
      placedById: buyerUser,
      status: "cancelled",
      placedAt: new Date(now.getTime() - 86_400_000),
      sellerOrders: [{ sellerId: org, status: "cancelled", lines: [{ variantId: plenty, productNameZh: "尤溪金柑", quantity: 999, unitPriceFen: 100, weightGrams: 1000 }] }],
    });
    const page = await listSellerStock(db, [org], { page: 1, now });
    expect(page.items.map((x) => x.nameZh)).toEqual(["尤溪金柑", "尤溪金柑（试制）"]);
    const packs = Object.fromEntries(page.items[0].packs.map((x) => [x.variantId, x]));
    expect(packs[plenty]).toMatchObject({ onHand: 200, reserved: 5, available: 195, recentSold: 0, low: false });
    expect(packs[few]).toMatchObject({ onHand: 12, reserved: 2, available: 10, low: true });
    expect(packs[fast]).toMatchObject({ onHand: 60, reserved: 30, available: 30, recentSold: 160, low: true });
    // A draft with no stock is not flagged: nothing is on sale.
    expect(page.items[1].packs[0]).toMatchObject({ variantId: draft.variants[0].id, onHand: 0, reserved: 0, available: 0, low: false });
    expect((await listSellerStock(db, [sellerB], { page: 1, now })).items.some((x) => x.id === p.id)).toBe(false);

    // The ledger history: newest first, who and why.
    await adjustOwnStock(db, [org], { variantId: few, reason: "spoiled", quantity: 1, note: "霉变", actorId: user });
    const ledger = await getPackLedger(db, few, [org], 1);
    expect(ledger.kind).toBe("ok");
    if (ledger.kind === "ok") {
      expect(ledger.balance).toEqual({ onHand: 11, reserved: 2, available: 9 });
      expect(ledger.entries.total).toBe(3);
      expect(ledger.entries.items[0]).toMatchObject({ kind: "spoilage", onHandDelta: -1, reservedDelta: 0, note: "霉变", actorName: expect.any(String) });
      expect(ledger.entries.items.slice(1).map((e) => [e.kind, e.actorName])).toEqual([
        ["reservation", null],
        ["receipt", null],
      ]);
    }
    expect(await getPackLedger(db, few, [sellerA], 1)).toEqual({ kind: "forbidden" });
    expect(await getPackLedger(db, "00000000-0000-4000-8000-000000000000", [org], 1)).toEqual({ kind: "not_found" });
  });
});
