/**
 * Placing an order with the job queue started (as in `npm start`): the read, then the notification job and the
 * writes in one statement (ADR 0012). Every answer that is not an order must leave nothing behind — no order,
 * seller order, line, timeline row, audit entry, reservation, booked gram or job — because that statement is
 * its own transaction; an order that sells a pack out is placed in an explicit transaction with its search
 * index job. The same workflow without a queue is place-order.integration.test.ts; both run on the embedded
 * database here too.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryPoint, createDeliverySlot, createOrganization, createProduct, createStockEntries, createUser, createWarehouse } from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { ORDER_NOTIFY_JOB } from "~/jobs/notify-order.server";
import { startQueue, stopQueue } from "~/jobs/queue.server";
import { SEARCH_INDEX_JOB } from "~/jobs/search-index";
import { openDatabase, type Database } from "~/utils/db.server";
import { placeOrder, type PlaceOrderInput } from "./place-order.server";

interface World {
  db: PrismaClient;
  buyer: string;
  buyerUser: string;
  point: string;
  warehouse: string;
  seller: string;
}

let t: TestDatabase;
let w: World;
let days = 2;

async function makeWorld(db: PrismaClient): Promise<World> {
  const seller = (await createOrganization(db, { kind: "cooperative" })).id;
  const buyer = (await createOrganization(db, { kind: "canteen" })).id;
  const buyerUser = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
  const warehouse = (await createWarehouse(db, { operatorId: (await createOrganization(db, { kind: "platform" })).id })).id;
  const point = (await createDeliveryPoint(db, { organizationId: buyer })).id;
  return { db, buyer, buyerUser, point, warehouse, seller };
}

function newSlot(world: World, capacityGrams?: { ambient: number }) {
  days += 1;
  const today = new Date();
  const startsAt = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days, 0, 0));
  return createDeliverySlot(world.db, { warehouseId: world.warehouse, startsAt, ...(capacityGrams ? { capacityGrams } : {}) });
}

/** A pack of 500 g at ¥48 with `onHand` packs in stock. */
async function newPack(world: World, onHand: number): Promise<string> {
  const p = await createProduct(world.db, { sellerId: world.seller, variants: [{ netWeightGrams: 500, tiers: [{ minQuantity: 1, unitPriceFen: 4800 }] }] });
  const id = p.variants[0]!.id;
  if (onHand > 0) await createStockEntries(world.db, [{ variantId: id, onHandDelta: onHand }]);
  return id;
}

function order(world: World, slotId: string, lines: PlaceOrderInput["lines"], extra: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return { buyerId: world.buyer, userId: world.buyerUser, channel: "api", deliveryPointId: world.point, slotId, lines, idempotencyKey: randomUUID(), ...extra };
}

/** Rows a placed order leaves, counted over the whole database. */
async function footprint(db: PrismaClient) {
  const [jobs] = await db.$queryRawUnsafe<{ notify: number; index: number }[]>(
    `SELECT count(*) FILTER (WHERE name = $1)::int AS notify, count(*) FILTER (WHERE name = $2)::int AS index FROM pgboss.job`,
    ORDER_NOTIFY_JOB,
    SEARCH_INDEX_JOB,
  );
  return {
    orders: await db.order.count(),
    sellerOrders: await db.sellerOrder.count(),
    lines: await db.orderLine.count(),
    events: await db.orderEvent.count(),
    audit: await db.auditEntry.count({ where: { action: "order.place" } }),
    reservations: await db.stockLedger.count({ where: { kind: "reservation" } }),
    notifyJobs: jobs!.notify,
    indexJobs: jobs!.index,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  console.log(`[integration] place order in one statement: database ${t.label}`);
  await startQueue(t.db, { work: false });
  w = await makeWorld(t.db.prisma);
}, 60_000);

afterAll(async () => {
  await stopQueue();
  await t?.drop();
});

describe("placing with the queue started", () => {
  it("writes the order and enqueues its notification in the same statement", async () => {
    const slot = await newSlot(w);
    const a = await newPack(w, 100);
    const before = await footprint(w.db);
    const r = await placeOrder(w.db, order(w, slot.id, [{ variantId: a, quantity: 4 }]));
    expect(r).toMatchObject({ ok: true, replayed: false });
    if (!r.ok) return;
    expect(await footprint(w.db)).toEqual({ ...before, orders: before.orders + 1, sellerOrders: before.sellerOrders + 1, lines: before.lines + 1, events: before.events + 1, audit: before.audit + 1, reservations: before.reservations + 1, notifyJobs: before.notifyJobs + 1 });
    const [job] = await w.db.$queryRawUnsafe<{ data: { orderId: string; kind: string } }[]>(`SELECT data FROM pgboss.job WHERE name = $1 AND data->>'orderId' = $2`, ORDER_NOTIFY_JOB, r.orderId);
    expect(job?.data).toMatchObject({ kind: "order_placed", orderId: r.orderId });
    expect(await w.db.stockBalance.findUniqueOrThrow({ where: { variantId: a }, select: { reserved: true } })).toEqual({ reserved: 4 });
  });

  it("leaves nothing of the orders refused under the locks: a race for the last packs", async () => {
    const slot = await newSlot(w);
    const scarce = await newPack(w, 10);
    const plenty = await newPack(w, 1_000);
    const before = await footprint(w.db);
    // Every request sees 10 available when it reads; the conditional UPDATE lets exactly 10 packs go.
    const results = await Promise.all(Array.from({ length: 25 }, () => placeOrder(w.db, order(w, slot.id, [{ variantId: plenty, quantity: 1 }, { variantId: scarce, quantity: 1 }]))));
    const placed = results.filter((r) => r.ok).length;
    expect(placed).toBe(10);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "insufficient_stock")).toBe(true);
    const after = await footprint(w.db);
    // The order that sold the last pack was placed in a transaction with its search index job.
    expect(after).toEqual({ ...before, orders: before.orders + 10, sellerOrders: before.sellerOrders + 10, lines: before.lines + 20, events: before.events + 10, audit: before.audit + 10, reservations: before.reservations + 20, notifyJobs: before.notifyJobs + 10, indexJobs: before.indexJobs + 1 });
    expect(await w.db.stockBalance.findUniqueOrThrow({ where: { variantId: scarce }, select: { onHand: true, reserved: true } })).toEqual({ onHand: 10, reserved: 10 });
    expect(await w.db.stockBalance.findUniqueOrThrow({ where: { variantId: plenty }, select: { reserved: true } })).toEqual({ reserved: 10 });
  });

  it("leaves nothing of the orders refused by a full slot, and books only what was placed", async () => {
    // Room for three orders of 2 kg.
    const slot = await newSlot(w, { ambient: 6_000 });
    const a = await newPack(w, 1_000);
    const before = await footprint(w.db);
    const results = await Promise.all(Array.from({ length: 8 }, () => placeOrder(w.db, order(w, slot.id, [{ variantId: a, quantity: 4 }]))));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, code: "slot_full", short: [{ tempClass: "ambient", requestedGrams: 2_000, remainingGrams: 0 }] });
    const after = await footprint(w.db);
    expect(after.orders - before.orders).toBe(3);
    expect(after.lines - before.lines).toBe(3);
    expect(after.reservations - before.reservations).toBe(3);
    expect(after.notifyJobs - before.notifyJobs).toBe(3);
    expect(await w.db.deliverySlot.findUniqueOrThrow({ where: { id: slot.id }, select: { bookedAmbientGrams: true } })).toEqual({ bookedAmbientGrams: 6_000 });
    expect(await w.db.stockBalance.findUniqueOrThrow({ where: { variantId: a }, select: { reserved: true } })).toEqual({ reserved: 12 });
  });

  it("one key sent many times at once makes one order; the same key with another cart is refused", async () => {
    const slot = await newSlot(w);
    const a = await newPack(w, 100);
    const key = randomUUID();
    const before = await footprint(w.db);
    const results = await Promise.all(Array.from({ length: 20 }, () => placeOrder(w.db, order(w, slot.id, [{ variantId: a, quantity: 2 }], { idempotencyKey: key }))));
    const numbers = new Set(results.map((r) => (r.ok ? r.number : r.code)));
    expect(numbers.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    const after = await footprint(w.db);
    expect(after.orders - before.orders).toBe(1);
    expect(after.notifyJobs - before.notifyJobs).toBe(1);
    expect(await placeOrder(w.db, order(w, slot.id, [{ variantId: a, quantity: 3 }], { idempotencyKey: key }))).toEqual({ ok: false, code: "idempotency_key_reused" });
  });

  it("an order whose notice the queue does not take (its queue deleted) is placed with the notices written beside it", async () => {
    const queue = await startQueue(t.db, { work: false });
    const slot = await newSlot(w);
    const a = await newPack(w, 100);
    await queue.boss.purgeQueue(ORDER_NOTIFY_JOB);
    await queue.boss.deleteQueue(ORDER_NOTIFY_JOB);
    try {
      const before = await footprint(w.db);
      const notices = await w.db.notification.count();
      const r = await placeOrder(w.db, order(w, slot.id, [{ variantId: a, quantity: 2 }]));
      expect(r).toMatchObject({ ok: true, replayed: false });
      expect(await footprint(w.db)).toEqual({ ...before, orders: before.orders + 1, sellerOrders: before.sellerOrders + 1, lines: before.lines + 1, events: before.events + 1, audit: before.audit + 1, reservations: before.reservations + 1 });
      // Written in the order's transaction, as without a queue: the buyer is told all the same.
      expect(await w.db.notification.count()).toBe(notices + 1);
    } finally {
      await queue.boss.createQueue(ORDER_NOTIFY_JOB, { name: ORDER_NOTIFY_JOB });
    }
  });
});

describe("placing with the queue started on the embedded database", () => {
  let embedded: Database;
  let e: World;

  beforeAll(async () => {
    // The process-wide queue belongs to one database at a time.
    await stopQueue();
    embedded = await openDatabase({ dataDir: "memory://" });
    await startQueue(embedded, { work: false });
    e = await makeWorld(embedded.prisma);
  }, 120_000);

  afterAll(async () => {
    await stopQueue();
    await embedded?.close();
  });

  it("places an order and refuses one the slot cannot take, leaving nothing of it", async () => {
    const slot = await newSlot(e, { ambient: 3_000 });
    const a = await newPack(e, 100);
    expect(await placeOrder(e.db, order(e, slot.id, [{ variantId: a, quantity: 4 }]))).toMatchObject({ ok: true });
    const before = await footprint(e.db);
    // The read sees room; the slot has been filled since (as by a concurrent order) when the writes run.
    const rows = await e.db.deliverySlot.update({ where: { id: slot.id }, data: { bookedAmbientGrams: 2_500 }, select: { bookedAmbientGrams: true } });
    expect(rows.bookedAmbientGrams).toBe(2_500);
    expect(await placeOrder(e.db, order(e, slot.id, [{ variantId: a, quantity: 2 }]))).toEqual({ ok: false, code: "slot_full", short: [{ tempClass: "ambient", requestedGrams: 1_000, remainingGrams: 500 }] });
    expect(await footprint(e.db)).toEqual(before);
  });
});
