import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, createOrganization, createProduct, createUser, createVehicle, createWarehouse } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { permissionsFor } from "~/modules/auth/permissions";
import type { Storage } from "~/modules/storage/index.server";
import type { StepActor } from "~/workflows/seller-order-step.server";
import type { DeliverPayload, DriverAction } from "./actions";
import { getDriverStop, listDriverRoutes } from "./routes.server";
import { applyDriverActions, startRoute } from "./sync.server";

let t: TestDatabase;
let db: PrismaClient;
let driver: StepActor;
let otherDriver: StepActor;
let ctx: { warehouseId: string; vehicleId: string; buyer: string; buyerUser: string; seller: string; chilled: string; frozen: string };
const stored = new Map<string, Buffer>();
const storage: Storage = {
  kind: "memory",
  put: async (key, body) => void stored.set(key, body),
  get: async (key) => (stored.has(key) ? { body: stored.get(key)!, contentType: "image/webp", byteSize: stored.get(key)!.length } : null),
  delete: async (key) => void stored.delete(key),
};
const options = () => ({ storage, maxPhotoBytes: 5 * 1024 * 1024 });
const SIG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><path d="M 10 10 L 50 50" stroke="#000" fill="none"/></svg>';

function actorFor(userId: string, orgId: string): StepActor {
  const permissions = [...new Set([...permissionsFor(["driver"]), "read:deliveries:own", "deliver:delivery:own"])];
  return { userId, role: "driver", permissions, organizationIds: [orgId] };
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] driver sync: database ${t.label}`);
  const platform = (await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" })).id;
  const seller = (await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂" })).id;
  const buyer = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  const buyerUser = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
  const d1 = (await createUser(db, { role: "driver", organizationId: platform, displayName: "张师傅" })).id;
  const d2 = (await createUser(db, { role: "driver", organizationId: platform, displayName: "李师傅" })).id;
  driver = actorFor(d1, platform);
  otherDriver = actorFor(d2, platform);
  const warehouseId = (await createWarehouse(db, { operatorId: platform })).id;
  const vehicleId = (await createVehicle(db, { warehouseId, driverId: d1, tempClasses: ["chilled", "frozen"] })).id;
  const chilled = (await createProduct(db, { sellerId: seller, nameZh: "鲜香菇", tempClass: "chilled", variants: [{ netWeightGrams: 5_000 }] })).variants[0].id;
  const frozen = (await createProduct(db, { sellerId: seller, nameZh: "沙县扁肉", tempClass: "frozen", variants: [{ netWeightGrams: 1_000 }] })).variants[0].id;
  ctx = { warehouseId, vehicleId, buyer, buyerUser, seller, chilled, frozen };
});
afterAll(async () => t?.drop());

let planVersion = 0;
/** A published plan for today with one route of `driverId` and one stop carrying an order out for delivery. */
async function stopWithOrder(opts: { driverId?: string; status?: "out_for_delivery" | "received" } = {}) {
  const order = await createOrder(db, {
    buyerId: ctx.buyer,
    placedById: ctx.buyerUser,
    status: opts.status ?? "out_for_delivery",
    sellerOrders: [
      {
        sellerId: ctx.seller,
        status: opts.status ?? "out_for_delivery",
        lines: [
          { variantId: ctx.chilled, productNameZh: "鲜香菇", tempClass: "chilled", quantity: 4, shippedQuantity: 4, unitPriceFen: 5_000, weightGrams: 20_000 },
          { variantId: ctx.frozen, productNameZh: "沙县扁肉", tempClass: "frozen", quantity: 10, shippedQuantity: 10, unitPriceFen: 1_500, weightGrams: 10_000 },
        ],
      },
    ],
  });
  const today = new Date();
  const serviceDate = new Date(Date.UTC(new Date(today.getTime() + 8 * 3_600_000).getUTCFullYear(), new Date(today.getTime() + 8 * 3_600_000).getUTCMonth(), new Date(today.getTime() + 8 * 3_600_000).getUTCDate()));
  planVersion += 1;
  const plan = await db.deliveryPlan.create({ data: { warehouseId: ctx.warehouseId, serviceDate, version: planVersion, status: "published", publishedAt: new Date() }, select: { id: true } });
  const route = await db.deliveryRoute.create({ data: { planId: plan.id, vehicleId: ctx.vehicleId, driverId: opts.driverId ?? driver.userId, position: 0 }, select: { id: true } });
  const start = new Date(Date.now() + 3_600_000);
  const stop = await db.deliveryStop.create({
    data: { planId: plan.id, routeId: route.id, name: "南区食堂", address: "上海市杨浦区邯郸路220号", lat: 31.2975, lng: 121.5033, contactName: "王师傅", contactPhone: "13800000099", windowStart: start, windowEnd: new Date(start.getTime() + 7_200_000), sequence: 1, chilledGrams: 20_000, frozenGrams: 10_000 },
    select: { id: true },
  });
  await db.deliveryStopOrder.create({ data: { stopId: stop.id, orderId: order.id } });
  const lines = order.sellerOrders[0].lines;
  return { planId: plan.id, routeId: route.id, stopId: stop.id, orderId: order.id, sellerOrderId: order.sellerOrders[0].id, chilledLine: lines.find((l) => l.variantId === ctx.chilled)!.id, frozenLine: lines.find((l) => l.variantId === ctx.frozen)!.id };
}

function deliverAction(s: { stopId: string; chilledLine: string; frozenLine: string }, over: Partial<DeliverPayload> = {}): DriverAction {
  return {
    id: randomUUID(),
    stopId: s.stopId,
    kind: "deliver",
    actedAt: new Date(Date.now() - 60_000).toISOString(),
    payload: {
      lines: [
        { lineId: s.chilledLine, receivedQuantity: 3, note: "一箱压坏" },
        { lineId: s.frozenLine, receivedQuantity: 10, note: "" },
      ],
      temperatures: { chilled: 3.5, frozen: -18 },
      receiverName: "王师傅",
      signatureSvg: SIG,
      hasPhoto: false,
      note: "",
      ...over,
    },
  };
}

describe("applyDriverActions", () => {
  it("deliver records received packs, temperature and signature once and moves the seller orders to delivered", async () => {
    const s = await stopWithOrder();
    const arrive: DriverAction = { id: randomUUID(), stopId: s.stopId, kind: "arrive", actedAt: new Date(Date.now() - 120_000).toISOString(), payload: {} };
    const d = deliverAction(s);
    // Sent in the wrong order: the stop's actions apply by actedAt.
    const results = await applyDriverActions(db, driver, [d, arrive], new Map(), options());
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      [arrive.id, "applied"],
      [d.id, "applied"],
    ]);
    const stop = await db.deliveryStop.findUniqueOrThrow({ where: { id: s.stopId }, select: { status: true, temperatureC: true, receiverName: true, signatureSvg: true, arrivedAt: true, deliveredAt: true } });
    expect(stop).toMatchObject({ status: "delivered", temperatureC: 3.5, receiverName: "王师傅", signatureSvg: SIG });
    expect(stop.arrivedAt!.getTime()).toBeLessThan(stop.deliveredAt!.getTime());
    const lines = await db.orderLine.findMany({ where: { sellerOrderId: s.sellerOrderId }, select: { id: true, receivedQuantity: true, receivedNote: true } });
    expect(lines.find((l) => l.id === s.chilledLine)).toMatchObject({ receivedQuantity: 3, receivedNote: "一箱压坏" });
    expect(lines.find((l) => l.id === s.frozenLine)).toMatchObject({ receivedQuantity: 10, receivedNote: "" });
    expect(await db.sellerOrder.findUniqueOrThrow({ where: { id: s.sellerOrderId }, select: { status: true } })).toEqual({ status: "delivered" });
    expect(await db.order.findUniqueOrThrow({ where: { id: s.orderId }, select: { status: true } })).toEqual({ status: "delivered" });
    const events = await db.orderEvent.findMany({ where: { orderId: s.orderId }, select: { event: true, actorRole: true } });
    expect(events).toEqual(expect.arrayContaining([{ event: "stop_arrive", actorRole: "driver" }, { event: "deliver", actorRole: "driver" }]));

    // The same batch again: a no-op answering the first outcomes.
    const again = await applyDriverActions(db, driver, [d, arrive], new Map(), options());
    expect(again.map((r) => [r.outcome, r.replayed])).toEqual([
      ["applied", true],
      ["applied", true],
    ]);
    expect(await db.deliveryAction.count({ where: { stopId: s.stopId } })).toBe(2);
    expect(await db.orderEvent.count({ where: { orderId: s.orderId, event: "deliver" } })).toBe(1);

    // A second proof under a new id: the same proof is a duplicate, a different signature or temperature refused; nothing changes.
    const [same] = await applyDriverActions(db, driver, [deliverAction(s)], new Map(), options());
    expect(same.outcome).toBe("duplicate");
    const [second] = await applyDriverActions(db, driver, [deliverAction(s, { temperatures: { chilled: 6, frozen: -18 }, signatureSvg: SIG.replace("50 50", "70 20") })], new Map(), options());
    expect(second).toMatchObject({ outcome: "refused", message: "driverApp.outcome.secondProof", replayed: false });
    expect(await db.deliveryStop.findUniqueOrThrow({ where: { id: s.stopId }, select: { temperatureC: true, signatureSvg: true } })).toEqual({ temperatureC: 3.5, signatureSvg: SIG });
    expect(await db.deliveryAction.count({ where: { stopId: s.stopId } })).toBe(4);
  });

  it("an action for a re-planned stop (plan superseded, or the stop on another driver's route) is stale and changes nothing", async () => {
    const s = await stopWithOrder();
    await db.deliveryPlan.update({ where: { id: s.planId }, data: { status: "superseded" } });
    const [r] = await applyDriverActions(db, driver, [deliverAction(s)], new Map(), options());
    expect(r).toMatchObject({ outcome: "stale", message: "driverApp.outcome.stale" });
    expect(await db.deliveryStop.findUniqueOrThrow({ where: { id: s.stopId }, select: { status: true } })).toEqual({ status: "planned" });
    expect(await db.sellerOrder.findUniqueOrThrow({ where: { id: s.sellerOrderId }, select: { status: true } })).toEqual({ status: "out_for_delivery" });
    expect(await db.deliveryAction.findFirst({ where: { stopId: s.stopId }, select: { outcome: true } })).toEqual({ outcome: "stale" });

    const moved = await stopWithOrder({ driverId: otherDriver.userId });
    const [m] = await applyDriverActions(db, driver, [{ id: randomUUID(), stopId: moved.stopId, kind: "arrive", actedAt: new Date().toISOString(), payload: {} }], new Map(), options());
    expect(m.outcome).toBe("stale");
    const [gone] = await applyDriverActions(db, driver, [{ id: randomUUID(), stopId: randomUUID(), kind: "arrive", actedAt: new Date().toISOString(), payload: {} }], new Map(), options());
    expect(gone).toMatchObject({ outcome: "stale", message: "driverApp.outcome.staleUnknown" });
  });

  it("refuses a proof that breaks the hand-over rules, recording nothing", async () => {
    const s = await stopWithOrder();
    const [r] = await applyDriverActions(db, driver, [deliverAction(s, { temperatures: { chilled: 12, frozen: -18 } })], new Map(), options());
    expect(r).toMatchObject({ outcome: "invalid", fields: { "temperature:chilled": "driverApp.temp.chilledRange" } });
    const [foreign] = await applyDriverActions(db, driver, [deliverAction(s, { lines: [{ lineId: randomUUID(), receivedQuantity: 1, note: "" }] })], new Map(), options());
    expect(foreign.outcome).toBe("invalid");
    expect(await db.deliveryAction.count({ where: { stopId: s.stopId } })).toBe(0);
    expect(await db.deliveryStop.findUniqueOrThrow({ where: { id: s.stopId }, select: { status: true } })).toEqual({ status: "planned" });
  });

  it("refuses an action recorded by another user than the session's, per action and recording nothing; no user recorded is the session's", async () => {
    const s = await stopWithOrder();
    const theirs: DriverAction = { id: randomUUID(), stopId: s.stopId, kind: "arrive", actedAt: new Date(Date.now() - 60_000).toISOString(), payload: {}, userId: otherDriver.userId };
    const d = { ...deliverAction(s), actedAt: new Date(Date.now() - 45_000).toISOString(), userId: otherDriver.userId };
    const mine: DriverAction = { id: randomUUID(), stopId: s.stopId, kind: "arrive", actedAt: new Date(Date.now() - 30_000).toISOString(), payload: {}, userId: driver.userId };
    const results = await applyDriverActions(db, driver, [theirs, d, mine], new Map([[d.id, Buffer.from("not an image")]]), options());
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      [theirs.id, "otherAccount"],
      [d.id, "otherAccount"],
      [mine.id, "applied"],
    ]);
    expect(results[0]).toEqual({ id: theirs.id, stopId: s.stopId, outcome: "otherAccount", message: "driverApp.outcome.otherAccount", replayed: false, stopStatus: null });
    expect(await db.deliveryAction.findMany({ where: { stopId: s.stopId }, select: { id: true } })).toEqual([{ id: mine.id }]);
    expect(await db.deliveryStop.findUniqueOrThrow({ where: { id: s.stopId }, select: { status: true } })).toEqual({ status: "arrived" });
    expect([...stored.keys()].some((k) => k.includes(d.id))).toBe(false);

    // Sent later under its own user's session, the ordinary rules apply (stale here: the stop is on the first driver's route).
    const [later] = await applyDriverActions(db, otherDriver, [theirs], new Map(), options());
    expect(later).toMatchObject({ id: theirs.id, outcome: "stale", replayed: false });

    // Queued before the phone recorded users: taken as the session's.
    const legacy = await stopWithOrder();
    const [old] = await applyDriverActions(db, driver, [{ id: randomUUID(), stopId: legacy.stopId, kind: "arrive", actedAt: new Date().toISOString(), payload: {} }], new Map(), options());
    expect(old.outcome).toBe("applied");
  });

  it("another driver replaying an id learns nothing and changes nothing", async () => {
    const s = await stopWithOrder();
    const arrive: DriverAction = { id: randomUUID(), stopId: s.stopId, kind: "arrive", actedAt: new Date().toISOString(), payload: {} };
    await applyDriverActions(db, driver, [arrive], new Map(), options());
    const [r] = await applyDriverActions(db, otherDriver, [arrive], new Map(), options());
    expect(r).toMatchObject({ outcome: "refused", stopStatus: null });
  });
});

describe("startRoute and the driver's reads", () => {
  it("dispatches the route's received seller orders as the driver and records startedAt; another driver's route is not found", async () => {
    const s = await stopWithOrder({ status: "received" });
    expect(await startRoute(db, otherDriver, s.routeId)).toEqual({ ok: false, code: "not_found" });
    expect(await startRoute(db, driver, s.routeId)).toEqual({ ok: true, dispatched: 1, alreadyStarted: false });
    expect(await db.sellerOrder.findUniqueOrThrow({ where: { id: s.sellerOrderId }, select: { status: true } })).toEqual({ status: "out_for_delivery" });
    expect((await db.deliveryRoute.findUniqueOrThrow({ where: { id: s.routeId }, select: { startedAt: true } })).startedAt).not.toBeNull();
    expect(await startRoute(db, driver, s.routeId)).toEqual({ ok: true, dispatched: 0, alreadyStarted: true });
  });

  it("lists only the driver's published routes, and a stop of another driver is null", async () => {
    const mine = await stopWithOrder();
    const theirs = await stopWithOrder({ driverId: otherDriver.userId });
    const routes = await listDriverRoutes(db, driver.userId);
    expect(routes.map((r) => r.id)).toContain(mine.routeId);
    expect(routes.map((r) => r.id)).not.toContain(theirs.routeId);
    const stop = await getDriverStop(db, driver.userId, mine.stopId);
    expect(stop?.items.map((i) => [i.compartment, i.shipped])).toEqual([
      ["frozen", 10],
      ["chilled", 4],
    ]);
    expect(await getDriverStop(db, driver.userId, theirs.stopId)).toBeNull();
  });
});
