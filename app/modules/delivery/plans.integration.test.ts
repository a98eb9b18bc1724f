import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryPoint, createDeliverySlot, createOrder, createOrganization, createProduct, createUser, createVehicle, createWarehouse, shanghaiDay, shanghaiTime } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { runPlanSolve } from "~/jobs/plan-solve.server";
import type { PrismaClient } from "~/generated/prisma/client";
import {
  cancelSolve,
  createDraft,
  createRevision,
  lockStop,
  moveStop,
  planningDay,
  planProgress,
  publishPlan,
  readPlan,
  requestSolve,
  type PlanActor,
} from "./plans.server";

let t: TestDatabase;
let db: PrismaClient;
let warehouseId: string;
let otherWarehouseId: string;
let buyer: string;
let buyerUser: string;
let seller: string;
let chilledPack: string;
let ambientPack: string;
let slotId: string;
let vanA: string;
let vanB: string;
let noDriverVan: string;
let actor: PlanActor & { role: string };
let outsider: PlanActor;
const tomorrow = shanghaiDay(new Date(), 1);
const serviceDate = `${tomorrow.year}-${String(tomorrow.month).padStart(2, "0")}-${String(tomorrow.day).padStart(2, "0")}`;
const SOLVE = { maxIterations: 300 };

// Canteens and offices in Yangpu, Hongkou and Huangpu (WGS-84).
const PLACES = [
  { name: "北区食堂", lat: 31.2989, lng: 121.5015 },
  { name: "南区食堂", lat: 31.2975, lng: 121.5033 },
  { name: "同济西苑", lat: 31.2837, lng: 121.5009 },
  { name: "虹口足球场食堂", lat: 31.2716, lng: 121.4788 },
  { name: "外滩办公楼", lat: 31.2391, lng: 121.4903 },
  { name: "五角场社区", lat: 31.3006, lng: 121.5139 },
];

async function order(pointId: string, lat: number, lng: number, packs = 6) {
  return createOrder(db, {
    buyerId: buyer,
    placedById: buyerUser,
    slotId,
    deliveryPointId: pointId,
    lat,
    lng,
    sellerOrders: [
      {
        sellerId: seller,
        lines: [
          { variantId: chilledPack, productNameZh: "鲜香菇", tempClass: "chilled", quantity: packs, unitPriceFen: 3000, weightGrams: packs * 5000, netWeightGrams: 5000 },
          { variantId: ambientPack, productNameZh: "明溪大米", quantity: 2, unitPriceFen: 8000, weightGrams: 20_000, netWeightGrams: 10_000 },
        ],
      },
    ],
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] plans: database ${t.label}`);
  const platform = (await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" })).id;
  const otherOperator = (await createOrganization(db, { kind: "platform", name: "浦东冷链配送公司" })).id;
  buyer = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  seller = (await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社" })).id;
  buyerUser = (await createUser(db, { role: "buyer", organizationId: buyer, email: "lin@canteen.test" })).id;
  const operatorUser = (await createUser(db, { role: "operator", organizationId: platform })).id;
  const outsiderUser = (await createUser(db, { role: "operator", organizationId: otherOperator })).id;
  const driver1 = (await createUser(db, { role: "driver", organizationId: platform, displayName: "张师傅" })).id;
  const driver2 = (await createUser(db, { role: "driver", organizationId: platform, displayName: "李师傅" })).id;
  actor = { userId: operatorUser, scope: { all: false, operatorOrgIds: [platform] }, role: "operator" };
  outsider = { userId: outsiderUser, scope: { all: false, operatorOrgIds: [otherOperator] } };
  warehouseId = (await createWarehouse(db, { operatorId: platform, name: "江桥冷链仓" })).id;
  otherWarehouseId = (await createWarehouse(db, { operatorId: otherOperator, name: "浦东冷链仓" })).id;
  vanA = (await createVehicle(db, { warehouseId, tempClasses: ["chilled", "ambient"], driverId: driver1, payloadGrams: 1_000_000 })).id;
  vanB = (await createVehicle(db, { warehouseId, tempClasses: ["chilled", "ambient"], driverId: driver2, payloadGrams: 1_000_000 })).id;
  noDriverVan = (await createVehicle(db, { warehouseId, driverId: null })).id;
  chilledPack = (await createProduct(db, { sellerId: seller, nameZh: "鲜香菇", tempClass: "chilled", variants: [{ netWeightGrams: 5000, volumeCm3: 15_000 }] })).variants[0].id;
  ambientPack = (await createProduct(db, { sellerId: seller, nameZh: "明溪大米", variants: [{ netWeightGrams: 10_000, volumeCm3: 12_000 }] })).variants[0].id;
  slotId = (await createDeliverySlot(db, { warehouseId, startsAt: shanghaiTime(tomorrow, 5), endsAt: shanghaiTime(tomorrow, 11) })).id;
  for (const p of PLACES) {
    const point = await createDeliveryPoint(db, { organizationId: buyer, name: p.name, lat: p.lat, lng: p.lng, receivingFrom: "05:00", receivingTo: "10:30" });
    await order(point.id, p.lat, p.lng);
  }
  // An order without usable coordinates: reported, not planned.
  await createOrder(db, { buyerId: buyer, placedById: buyerUser, slotId, lat: 0, lng: 0, sellerOrders: [{ sellerId: seller, lines: [{ variantId: ambientPack, productNameZh: "明溪大米", quantity: 1, unitPriceFen: 8000, weightGrams: 10_000 }] }] });
  // A cancelled order: not planned at all.
  await createOrder(db, { buyerId: buyer, placedById: buyerUser, slotId, status: "cancelled", sellerOrders: [{ sellerId: seller, status: "cancelled", lines: [{ variantId: ambientPack, productNameZh: "明溪大米", quantity: 1, unitPriceFen: 8000, weightGrams: 10_000 }] }] });
});
afterAll(async () => t?.drop());

async function solved(planId: string) {
  const r = await requestSolve(db, actor, planId, { solveSeconds: 2 });
  expect(r).toMatchObject({ kind: "ok" });
  await runPlanSolve(t.db, planId, SOLVE);
  const read = await readPlan(db, actor.scope, planId);
  if (read.kind !== "ok") throw new Error(read.kind);
  return read;
}

describe("delivery plans", () => {
  let firstPlan: string;
  let lockedStop: string;
  let lockedVan: string;

  it("shows the day: stops from the orders, vans with drivers, the van without one, the order without coordinates", async () => {
    const day = await planningDay(db, actor.scope, warehouseId, serviceDate);
    if (day.kind !== "ok") throw new Error(day.kind);
    expect(day.stops).toHaveLength(PLACES.length);
    expect(day.stops[0].grams).toEqual({ ambient: 20_000, chilled: 30_000, frozen: 0 });
    expect(day.vans.map((v) => v.id).sort()).toEqual([vanA, vanB].sort());
    expect(day.excludedVans).toEqual([expect.objectContaining({ id: noDriverVan, reason: "no_driver" })]);
    expect(day.rejected).toHaveLength(1);
    expect(await planningDay(db, outsider.scope, warehouseId, serviceDate)).toEqual({ kind: "forbidden" });
  });

  it("creates a draft, solves it in a worker thread and stores the routes", async () => {
    const draft = await createDraft(db, actor, { warehouseId, serviceDate, solveSeconds: 2 });
    if (draft.kind !== "ok") throw new Error(draft.kind);
    expect(draft.version).toBe(1);
    firstPlan = draft.planId;
    const read = await solved(firstPlan);
    expect(read.plan.solveStatus).toBe("done");
    expect(read.plan.progress).toBe(1);
    expect(read.unassigned).toEqual([]);
    const onRoutes = read.routes.flatMap((r) => r.stops);
    expect(onRoutes).toHaveLength(PLACES.length);
    for (const r of read.routes) {
      expect(r.stops.map((s) => s.sequence)).toEqual(r.stops.map((_, i) => i + 1));
      expect(r.driver).not.toBeNull();
      for (const s of r.stops) {
        expect(s.etaAt!.getTime()).toBeGreaterThanOrEqual(s.windowStart.getTime());
        expect(s.etaAt!.getTime()).toBeLessThanOrEqual(s.windowEnd.getTime());
      }
    }
    expect(read.plan.dirty).toBe(false);
    expect((await planProgress(db, outsider.scope, firstPlan)).kind).toBe("forbidden");
  });

  it("locks a stop to the other van and keeps it there on re-solve; manual moves lock the order", async () => {
    const before = await readPlan(db, actor.scope, firstPlan);
    if (before.kind !== "ok") throw new Error(before.kind);
    const from = before.routes[0];
    lockedStop = from.stops[0].id;
    lockedVan = from.vehicle.id === vanA ? vanB : vanA;
    expect(await lockStop(db, actor, firstPlan, lockedStop, noDriverVan)).toEqual({ kind: "bad_van" });
    expect(await lockStop(db, outsider, firstPlan, lockedStop, lockedVan)).toEqual({ kind: "forbidden" });
    expect(await lockStop(db, actor, firstPlan, lockedStop, lockedVan)).toEqual({ kind: "ok" });
    const after = await solved(firstPlan);
    const route = after.routes.find((r) => r.vehicle.id === lockedVan)!;
    expect(route.stops.find((s) => s.id === lockedStop)?.locked).toBe(true);

    if (route.stops.length >= 2) {
      const [first, second] = [route.stops[0].id, route.stops[1].id];
      expect(await moveStop(db, actor, firstPlan, second, "up")).toEqual({ kind: "ok" });
      const moved = await readPlan(db, actor.scope, firstPlan);
      if (moved.kind !== "ok") throw new Error(moved.kind);
      const r = moved.routes.find((x) => x.vehicle.id === lockedVan)!;
      expect(r.stops[0].id).toBe(second);
      expect(r.stops.slice(0, 2).every((s) => s.sequenceLocked)).toBe(true);
      expect(moved.plan.dirty).toBe(true);
      // A changed plan is not published before it is solved again.
      expect((await publishPlan(db, actor, firstPlan, { revision: moved.plan.revision, confirmUnassigned: true })).kind).toBe("dirty");
      const resolved = await solved(firstPlan);
      const rr = resolved.routes.find((x) => x.vehicle.id === lockedVan)!;
      const ids = rr.stops.map((s) => s.id);
      expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
      expect(ids).toContain(lockedStop);
    }
    expect(await moveStop(db, actor, firstPlan, lockedStop, "up")).toMatchObject({ kind: expect.stringMatching(/ok|edge/) });
  });

  it("publishes once: a stale revision is refused; events and buyer notices are written", async () => {
    let read = await solved(firstPlan);
    expect((await publishPlan(db, actor, firstPlan, { revision: "123", confirmUnassigned: false })).kind).toBe("stale");
    const r = await publishPlan(db, actor, firstPlan, { revision: read.plan.revision, confirmUnassigned: false });
    expect(r).toEqual({ kind: "ok", orders: PLACES.length });
    read = (await readPlan(db, actor.scope, firstPlan)) as typeof read;
    expect(read.plan.status).toBe("published");
    expect(read.plan.publishedAt).not.toBeNull();
    const events = await db.orderEvent.findMany({ where: { event: "route_publish" }, select: { details: true } });
    expect(events).toHaveLength(PLACES.length);
    expect(events[0].details).toMatchObject({ windowFrom: expect.any(String), windowTo: expect.any(String), version: 1 });
    const notices = await db.notification.findMany({ where: { kind: "delivery_planned" }, select: { userId: true, params: true } });
    expect(notices).toHaveLength(PLACES.length);
    expect(notices.every((n) => n.userId === buyerUser)).toBe(true);
    expect(await db.emailMessage.count({ where: { dedupeKey: { startsWith: "delivery_planned:" } } })).toBe(PLACES.length);
    expect((await publishPlan(db, actor, firstPlan, { revision: read.plan.revision, confirmUnassigned: false })).kind).toBe("stale");
    expect((await lockStop(db, actor, firstPlan, lockedStop, null)).kind).toBe("not_draft");
  });

  it("re-plans after a late order: the new version keeps locked stops on their vans and supersedes on publish", async () => {
    const late = await createDeliveryPoint(db, { organizationId: buyer, name: "国权路食堂", lat: 31.2925, lng: 121.5098, receivingFrom: "05:00", receivingTo: "10:30" });
    await order(late.id, 31.2925, 121.5098, 2);
    const revision = await createRevision(db, actor, firstPlan);
    if (revision.kind !== "ok") throw new Error(revision.kind);
    expect(revision.version).toBe(2);
    const draft = await readPlan(db, actor.scope, revision.planId);
    if (draft.kind !== "ok") throw new Error(draft.kind);
    // The late order's stop is not on a route yet; the locked stop is on its van.
    expect(draft.unassigned.map((s) => s.name)).toEqual(["复旦大学邯郸校区食堂 国权路食堂"]);
    const kept = draft.routes.find((r) => r.vehicle.id === lockedVan)!.stops.find((s) => s.name === (draft.routes.flatMap((x) => x.stops).find((s) => s.locked)?.name ?? ""));
    expect(kept?.locked).toBe(true);
    const lockedName = kept!.name;

    const read = await solved(revision.planId);
    expect(read.routes.flatMap((r) => r.stops)).toHaveLength(PLACES.length + 1);
    const onVan = read.routes.find((r) => r.vehicle.id === lockedVan)!.stops.find((s) => s.name === lockedName);
    expect(onVan?.locked).toBe(true);

    // The old version cannot be changed or re-published; the new one supersedes it.
    const r = await publishPlan(db, actor, revision.planId, { revision: read.plan.revision, confirmUnassigned: false });
    expect(r.kind).toBe("ok");
    const statuses = await db.deliveryPlan.findMany({ where: { warehouseId }, orderBy: { version: "asc" }, select: { version: true, status: true } });
    expect(statuses).toEqual([
      { version: 1, status: "superseded" },
      { version: 2, status: "published" },
    ]);
    // A fresh draft from the index copies the published version's locks.
    const next = await createDraft(db, actor, { warehouseId, serviceDate });
    if (next.kind !== "ok") throw new Error(next.kind);
    const nextRead = await readPlan(db, actor.scope, next.planId);
    if (nextRead.kind !== "ok") throw new Error(nextRead.kind);
    expect(nextRead.routes.flatMap((x) => x.stops).filter((s) => s.locked).map((s) => s.name)).toContain(lockedName);
  });

  it("a lock the van cannot keep comes back as lock_infeasible with the solver's message; publishing then asks to confirm", async () => {
    const driver = (await createUser(db, { role: "driver", organizationId: (await db.warehouse.findUniqueOrThrow({ where: { id: warehouseId }, select: { operatorId: true } })).operatorId })).id;
    const dryVan = (await createVehicle(db, { warehouseId, plate: "沪C·A0001", tempClasses: ["ambient"], driverId: driver })).id;
    const draft = await createDraft(db, actor, { warehouseId, serviceDate, solveSeconds: 1 });
    if (draft.kind !== "ok") throw new Error(draft.kind);
    const one = await db.deliveryStop.findFirstOrThrow({ where: { planId: draft.planId }, orderBy: { name: "asc" }, select: { id: true } });
    // Its load is chilled: a van with only an ambient body cannot carry it.
    expect(await lockStop(db, actor, draft.planId, one.id, dryVan)).toEqual({ kind: "ok" });
    const read = await solved(draft.planId);
    const left = read.unassigned.find((s) => s.id === one.id);
    expect(left?.unassignedReason).toBe("lock_infeasible");
    expect(left?.unassignedMessage).not.toBe("");
    expect(left?.locked).toBe(false);
    const confirm = await publishPlan(db, actor, draft.planId, { revision: read.plan.revision, confirmUnassigned: false });
    expect(confirm).toEqual({ kind: "needs_confirm", unassigned: 1 });
    await db.vehicle.update({ where: { id: dryVan }, data: { active: false } });
  });

  it("the stop button ends a running solve early with the best plan so far", async () => {
    const draft = await createDraft(db, actor, { warehouseId, serviceDate, solveSeconds: 20 });
    if (draft.kind !== "ok") throw new Error(draft.kind);
    expect(await requestSolve(db, actor, draft.planId, { solveSeconds: 20 })).toMatchObject({ kind: "ok" });
    expect(await requestSolve(db, actor, draft.planId)).toEqual({ kind: "solving" });
    const started = Date.now();
    const run = runPlanSolve(t.db, draft.planId, { progressEveryMs: 100 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await cancelSolve(db, actor, draft.planId)).toEqual({ kind: "ok" });
    await run;
    expect(Date.now() - started).toBeLessThan(15_000);
    const read = await readPlan(db, actor.scope, draft.planId);
    if (read.kind !== "ok") throw new Error(read.kind);
    expect(read.plan.solveStatus).toBe("cancelled");
    expect(read.routes.length).toBeGreaterThan(0);
  });

  it("refuses another operator's warehouse", async () => {
    expect(await createDraft(db, actor, { warehouseId: otherWarehouseId, serviceDate })).toEqual({ kind: "forbidden" });
  });
});
