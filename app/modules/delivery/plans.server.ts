/**
 * Delivery plan versions per warehouse and Beijing service date (issue 10 items 2–3): a draft's stops
 * come from the day's orders, a solve (the plan.solve job) places them on the warehouse's vans, the
 * operator locks stops to vans or reorders them by hand, and publishing makes one version the day's
 * plan (the previous one is superseded), tells each order's buyer its arrival window and writes the
 * order timeline. Operators see only their warehouses (operationsScope).
 */
import { enqueueOrderNotification } from "~/jobs/notify-order.server";
import { enqueue, isQueueStarted } from "~/jobs/queue.server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { PlanStatus, SolveStatus } from "~/generated/prisma/enums";
import { operationsScope, type OperationsScope } from "~/modules/operations/overview.server";
import { buildDay, dayStart, rowsOf, usableVans, type DayStopFacts, type DayVanFacts, type ExcludedVan, type SolveResult } from "./day-input";
import { SOLVE_SECONDS } from "./plans-forms";
import { arrivalWindow, groupStops, stopKey, type PlannedStopInput, type RejectedOrder, type StopOrder, type TempClass } from "./stops";

type Tx = Prisma.TransactionClient;

/** The job that solves a plan (defined in app/jobs/plan-solve.server.ts). */
export const PLAN_SOLVE_JOB = "plan.solve";
export { SOLVE_SECONDS };
/** Order statuses whose orders are still to be planned (not cancelled, not yet on the road or delivered). */
export const PLANNABLE_ORDER_STATUSES = ["placed", "partially_confirmed", "confirmed", "packed", "received"] as const;

export type PlanScope = OperationsScope;
export { operationsScope as planScope };

/** Who acts: the user and its scope. */
export interface PlanActor {
  userId: string;
  scope: PlanScope;
}

export type Refusal =
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "not_draft" }
  | { kind: "solving" }
  | { kind: "stale" }
  | { kind: "dirty" }
  | { kind: "not_solved" }
  | { kind: "needs_confirm"; unassigned: number }
  | { kind: "bad_van" }
  | { kind: "not_on_route" }
  | { kind: "edge" }
  | { kind: "no_vans" }
  | { kind: "no_stops" };

const DAY_MS = 86_400_000;

function warehouseWhere(scope: PlanScope): Prisma.WarehouseWhereInput {
  return scope.all ? {} : { operatorId: { in: scope.operatorOrgIds } };
}

function inScope(scope: PlanScope, operatorId: string): boolean {
  return scope.all || scope.operatorOrgIds.includes(operatorId);
}

/** The date column's value for a Beijing day "YYYY-MM-DD". */
function dateValue(serviceDate: string): Date {
  return new Date(`${serviceDate}T00:00:00Z`);
}

function dayString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Warehouses the user plans for, by name. */
export async function listPlanWarehouses(db: PrismaClient, scope: PlanScope): Promise<{ id: string; name: string; nameEn: string; district: string }[]> {
  return db.warehouse.findMany({ where: warehouseWhere(scope), select: { id: true, name: true, nameEn: true, district: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

const warehouseSelect = { id: true, name: true, nameEn: true, address: true, lat: true, lng: true, operatorId: true } satisfies Prisma.WarehouseSelect;

/** A warehouse in the user's scope, or why not. */
export async function findPlanWarehouse(db: PrismaClient | Tx, scope: PlanScope, warehouseId: string) {
  const w = await db.warehouse.findUnique({ where: { id: warehouseId }, select: warehouseSelect });
  if (!w) return { kind: "not_found" as const };
  if (!inScope(scope, w.operatorId)) return { kind: "forbidden" as const };
  return { kind: "ok" as const, warehouse: w };
}

const vanSelect = {
  id: true,
  plate: true,
  tempClasses: true,
  payloadGrams: true,
  volumeLitres: true,
  active: true,
  restricted: true,
  zonePermits: true,
  driver: { select: { id: true, displayName: true, phone: true } },
} satisfies Prisma.VehicleSelect;

/** The warehouse's vans as the planner reads them. */
export async function warehouseVans(db: PrismaClient | Tx, warehouseId: string): Promise<(DayVanFacts & { driver: { id: string; displayName: string; phone: string } | null })[]> {
  const rows = await db.vehicle.findMany({ where: { warehouseId }, select: vanSelect, orderBy: [{ plate: "asc" }] });
  return rows.map((v) => ({ ...v, tempClasses: v.tempClasses as TempClass[] }));
}

/** The day's plannable orders of a warehouse, with the facts stops are made of. */
export async function dayOrders(db: PrismaClient | Tx, warehouseId: string, serviceDate: string): Promise<StopOrder[]> {
  const from = dayStart(serviceDate);
  const rows = await db.order.findMany({
    where: { slot: { warehouseId, startsAt: { gte: from, lt: new Date(from.getTime() + DAY_MS) } }, status: { in: [...PLANNABLE_ORDER_STATUSES] } },
    orderBy: [{ placedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      number: true,
      deliveryAddress: true,
      lat: true,
      lng: true,
      buyer: { select: { name: true, nameEn: true } },
      slot: { select: { startsAt: true, endsAt: true } },
      deliveryPoint: { select: { id: true, name: true, nameEn: true, address: true, lat: true, lng: true, receivingFrom: true, receivingTo: true, contactName: true, contactPhone: true } },
      sellerOrders: {
        where: { status: { not: "cancelled" } },
        select: { lines: { select: { tempClass: true, quantity: true, shippedQuantity: true, actualGrams: true, netWeightGrams: true, variant: { select: { volumeCm3: true } } } } },
      },
    },
  });
  return rows.map((o) => ({
    id: o.id,
    number: o.number,
    buyerName: o.buyer.name,
    buyerNameEn: o.buyer.nameEn ?? "",
    deliveryAddress: o.deliveryAddress,
    lat: o.lat,
    lng: o.lng,
    windowStart: o.slot?.startsAt ?? from,
    windowEnd: o.slot?.endsAt ?? new Date(from.getTime() + DAY_MS),
    point: o.deliveryPoint,
    lines: o.sellerOrders.flatMap((so) =>
      so.lines.map((l) => ({ tempClass: l.tempClass as TempClass, quantity: l.quantity, shippedQuantity: l.shippedQuantity, actualGrams: l.actualGrams, netWeightGrams: l.netWeightGrams, volumeCm3: l.variant.volumeCm3 })),
    ),
  }));
}

/** The planning screen's overview of one warehouse and day: stops from the orders, vans, plan versions. */
export async function planningDay(db: PrismaClient, scope: PlanScope, warehouseId: string, serviceDate: string) {
  const found = await findPlanWarehouse(db, scope, warehouseId);
  if (found.kind !== "ok") return found;
  const [orders, vans, versions] = await Promise.all([dayOrders(db, warehouseId, serviceDate), warehouseVans(db, warehouseId), planVersions(db, warehouseId, serviceDate)]);
  const { stops, rejected } = groupStops(orders);
  const { usable, excluded } = usableVans(vans);
  return {
    kind: "ok" as const,
    warehouse: { id: found.warehouse.id, name: found.warehouse.name, nameEn: found.warehouse.nameEn },
    orderCount: orders.length,
    stops: stops.map((s) => ({ key: s.key, name: s.name, nameEn: s.nameEn, address: s.address, windowStart: s.windowStart, windowEnd: s.windowEnd, grams: s.grams, orders: s.orderIds.length })),
    rejected: rejectedWithNames(rejected),
    vans: usable.map((v) => ({ id: v.id, plate: v.plate, tempClasses: v.tempClasses, payloadGrams: v.payloadGrams, restricted: v.restricted, zonePermits: v.zonePermits, driver: v.driver?.displayName ?? "" })),
    excludedVans: excluded,
    versions,
  };
}

function rejectedWithNames(rejected: RejectedOrder[]) {
  return rejected.map((r) => ({ orderId: r.orderId, number: r.number, reason: r.reason }));
}

/** The versions of one warehouse's day, newest first. */
export async function planVersions(db: PrismaClient | Tx, warehouseId: string, serviceDate: string) {
  return db.deliveryPlan.findMany({
    where: { warehouseId, serviceDate: dateValue(serviceDate) },
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, solveStatus: true, createdAt: true, publishedAt: true, distanceM: true, _count: { select: { stops: true, routes: true } } },
  });
}

const stopSelect = {
  id: true,
  routeId: true,
  deliveryPointId: true,
  name: true,
  nameEn: true,
  address: true,
  lat: true,
  lng: true,
  contactName: true,
  contactPhone: true,
  windowStart: true,
  windowEnd: true,
  sequence: true,
  locked: true,
  sequenceLocked: true,
  etaAt: true,
  departAt: true,
  ambientGrams: true,
  chilledGrams: true,
  frozenGrams: true,
  ambientCm3: true,
  chilledCm3: true,
  frozenCm3: true,
  unassignedReason: true,
  unassignedMessage: true,
  status: true,
} satisfies Prisma.DeliveryStopSelect;

type StopRow = Prisma.DeliveryStopGetPayload<{ select: typeof stopSelect }>;

const planHeadSelect = {
  id: true,
  warehouseId: true,
  serviceDate: true,
  version: true,
  status: true,
  solveStatus: true,
  progress: true,
  cancelRequested: true,
  solveSeconds: true,
  solveMessage: true,
  distanceM: true,
  createdAt: true,
  updatedAt: true,
  solvedAt: true,
  publishedAt: true,
  createdBy: { select: { displayName: true } },
  publishedBy: { select: { displayName: true } },
  warehouse: { select: warehouseSelect },
} satisfies Prisma.DeliveryPlanSelect;

type PlanHead = Prisma.DeliveryPlanGetPayload<{ select: typeof planHeadSelect }>;

async function findPlan(db: PrismaClient | Tx, scope: PlanScope, planId: string): Promise<{ kind: "ok"; plan: PlanHead } | { kind: "not_found" } | { kind: "forbidden" }> {
  const plan = await db.deliveryPlan.findUnique({ where: { id: planId }, select: planHeadSelect });
  if (!plan) return { kind: "not_found" };
  if (!inScope(scope, plan.warehouse.operatorId)) return { kind: "forbidden" };
  return { kind: "ok", plan };
}

const SOLVING: readonly SolveStatus[] = ["queued", "running"];

/** A plan with a change the last solve has not seen (stops moved or refreshed since). */
export function isDirty(plan: { solvedAt: Date | null; updatedAt: Date }): boolean {
  return plan.solvedAt === null || plan.updatedAt.getTime() > plan.solvedAt.getTime();
}

/** The value a form sends back so a changed plan is not published by mistake. */
export function revisionOf(plan: { updatedAt: Date }): string {
  return String(plan.updatedAt.getTime());
}

function stopFacts(row: StopRow, vehicleOf: Map<string, string>): DayStopFacts {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    grams: { ambient: row.ambientGrams, chilled: row.chilledGrams, frozen: row.frozenGrams },
    cm3: { ambient: row.ambientCm3, chilled: row.chilledCm3, frozen: row.frozenCm3 },
    lockedVanId: row.locked && row.routeId ? (vehicleOf.get(row.routeId) ?? null) : null,
    sequenceLocked: row.sequenceLocked,
    sequence: row.sequence,
  };
}

function rowKey(row: Pick<StopRow, "deliveryPointId" | "address" | "lat" | "lng" | "windowStart" | "windowEnd">): string {
  return stopKey(row);
}

function loadColumns(s: PlannedStopInput) {
  return {
    name: s.name,
    nameEn: s.nameEn,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    contactName: s.contactName,
    contactPhone: s.contactPhone,
    ambientGrams: Math.round(s.grams.ambient),
    chilledGrams: Math.round(s.grams.chilled),
    frozenGrams: Math.round(s.grams.frozen),
    ambientCm3: Math.round(s.cm3.ambient),
    chilledCm3: Math.round(s.cm3.chilled),
    frozenCm3: Math.round(s.cm3.frozen),
  };
}

/**
 * Rebuilds a draft's stops from the current orders: a stop whose point and window still have orders keeps its
 * id, route and locks (its load and orders are updated); a new one starts unplanned; one without orders goes.
 */
export async function refreshStops(tx: Tx, plan: { id: string; warehouseId: string; serviceDate: Date }): Promise<{ stops: number; rejected: RejectedOrder[] }> {
  const serviceDate = dayString(plan.serviceDate);
  const { stops, rejected } = groupStops(await dayOrders(tx, plan.warehouseId, serviceDate));
  const existing = await tx.deliveryStop.findMany({ where: { planId: plan.id }, select: stopSelect });
  const byKey = new Map(existing.map((r) => [rowKey(r), r]));
  const kept = new Set<string>();
  for (const s of stops) {
    const row = byKey.get(s.key);
    let stopId: string;
    if (row) {
      stopId = row.id;
      kept.add(row.id);
      await tx.deliveryStop.update({ where: { id: row.id }, data: loadColumns(s), select: { id: true } });
      await tx.deliveryStopOrder.deleteMany({ where: { stopId } });
    } else {
      const created = await tx.deliveryStop.create({
        data: { planId: plan.id, deliveryPointId: s.deliveryPointId, windowStart: s.windowStart, windowEnd: s.windowEnd, ...loadColumns(s) },
        select: { id: true },
      });
      stopId = created.id;
    }
    await tx.deliveryStopOrder.createMany({ data: s.orderIds.map((orderId) => ({ stopId, orderId })), skipDuplicates: true });
  }
  const gone = existing.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (gone.length > 0) await tx.deliveryStop.deleteMany({ where: { id: { in: gone } } });
  return { stops: stops.length, rejected };
}

/** Options for a new draft. */
export interface DraftOptions {
  warehouseId: string;
  serviceDate: string;
  solveSeconds?: number;
  /** Copy locks (and, for a revision, every stop's place) from this plan; default: the day's latest version. */
  fromPlanId?: string;
  /** A revision starts from the source plan's routes as they are, not only its locks. */
  copyPlacements?: boolean;
}

/**
 * Creates the next version of a warehouse's day as a draft, stops from the current orders, locks carried over
 * from the latest version (same point and window → locked to the same van, sequence locks kept).
 */
export async function createDraft(db: PrismaClient, actor: PlanActor, options: DraftOptions): Promise<{ kind: "ok"; planId: string; version: number } | Refusal> {
  const found = await findPlanWarehouse(db, actor.scope, options.warehouseId);
  if (found.kind !== "ok") return found;
  const seconds = clampSeconds(options.solveSeconds);
  return db.$transaction(async (tx) => {
    // Serialise version numbers per warehouse: two operators pressing at once get 3 and 4, not a unique violation.
    await tx.$queryRaw`SELECT id FROM warehouses WHERE id = ${options.warehouseId}::uuid FOR UPDATE`;
    const date = dateValue(options.serviceDate);
    const latest = await tx.deliveryPlan.findFirst({ where: { warehouseId: options.warehouseId, serviceDate: date }, orderBy: { version: "desc" }, select: { id: true, version: true } });
    const source = options.fromPlanId ? await tx.deliveryPlan.findFirst({ where: { id: options.fromPlanId, warehouseId: options.warehouseId, serviceDate: date }, select: { id: true, version: true } }) : latest;
    if (options.fromPlanId && !source) return { kind: "not_found" as const };
    const version = (latest?.version ?? 0) + 1;
    const now = new Date();
    const plan = await tx.deliveryPlan.create({
      data: { warehouseId: options.warehouseId, serviceDate: date, version, solveSeconds: seconds, createdById: actor.userId, createdAt: now, updatedAt: now },
      select: { id: true, warehouseId: true, serviceDate: true },
    });
    await refreshStops(tx, plan);
    if (source) await copyFrom(tx, source.id, plan.id, options.copyPlacements === true);
    // A revision copied from a solved plan is viewable at once; a fresh draft waits for its first solve.
    const solvedAt = options.copyPlacements ? new Date() : null;
    await tx.deliveryPlan.update({ where: { id: plan.id }, data: { updatedAt: solvedAt ?? now, solvedAt, solveStatus: solvedAt ? "done" : "idle" }, select: { id: true } });
    return { kind: "ok" as const, planId: plan.id, version };
  });
}

async function copyFrom(tx: Tx, sourceId: string, planId: string, placements: boolean): Promise<void> {
  const [sourceStops, sourceRoutes, targetStops] = await Promise.all([
    tx.deliveryStop.findMany({ where: { planId: sourceId, routeId: { not: null } }, select: stopSelect }),
    tx.deliveryRoute.findMany({ where: { planId: sourceId }, orderBy: { position: "asc" }, select: { id: true, vehicleId: true, driverId: true, position: true, departAt: true, returnAt: true, distanceM: true } }),
    tx.deliveryStop.findMany({ where: { planId }, select: stopSelect }),
  ]);
  const targetByKey = new Map(targetStops.map((r) => [rowKey(r), r]));
  const wanted = sourceStops.filter((s) => (placements || s.locked) && targetByKey.has(rowKey(s)));
  const routeIds = new Set(wanted.map((s) => s.routeId as string));
  const newRoute = new Map<string, string>();
  let position = 0;
  for (const r of sourceRoutes) {
    if (!routeIds.has(r.id)) continue;
    const created = await tx.deliveryRoute.create({
      data: { planId, vehicleId: r.vehicleId, driverId: r.driverId, position: position++, ...(placements ? { departAt: r.departAt, returnAt: r.returnAt, distanceM: r.distanceM } : {}) },
      select: { id: true },
    });
    newRoute.set(r.id, created.id);
  }
  for (const s of wanted) {
    const target = targetByKey.get(rowKey(s));
    if (!target) continue;
    await tx.deliveryStop.update({
      where: { id: target.id },
      data: {
        routeId: newRoute.get(s.routeId as string),
        locked: s.locked,
        sequenceLocked: s.sequenceLocked,
        sequence: s.sequence,
        ...(placements ? { etaAt: s.etaAt, departAt: s.departAt } : {}),
      },
      select: { id: true },
    });
  }
  if (placements) {
    const placed = new Set(wanted.map((s) => rowKey(s)));
    // New orders since the source: not planned yet, say so.
    for (const t of targetStops) if (!placed.has(rowKey(t))) await tx.deliveryStop.update({ where: { id: t.id }, data: { unassignedReason: "not_planned" }, select: { id: true } });
  }
}

function clampSeconds(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds)) return SOLVE_SECONDS.default;
  return Math.min(SOLVE_SECONDS.max, Math.max(SOLVE_SECONDS.min, Math.round(seconds)));
}

async function editableDraft(tx: PrismaClient | Tx, scope: PlanScope, planId: string): Promise<{ kind: "ok"; plan: PlanHead } | Refusal> {
  const found = await findPlan(tx, scope, planId);
  if (found.kind !== "ok") return found;
  if (found.plan.status !== "draft") return { kind: "not_draft" };
  if (SOLVING.includes(found.plan.solveStatus)) return { kind: "solving" };
  return found;
}

/**
 * Queues a solve of a draft: its stops are refreshed from the current orders first (a late order joins),
 * then the plan.solve job runs the planner off the request thread. Locks are kept.
 */
export async function requestSolve(db: PrismaClient, actor: PlanActor, planId: string, options: { solveSeconds?: number } = {}): Promise<{ kind: "ok"; queued: boolean } | Refusal> {
  return db.$transaction(async (tx) => {
    const found = await editableDraft(tx, actor.scope, planId);
    if (found.kind !== "ok") return found;
    const plan = found.plan;
    const { stops } = await refreshStops(tx, plan);
    if (stops === 0) return { kind: "no_stops" as const };
    const { usable } = usableVans(await warehouseVans(tx, plan.warehouseId));
    if (usable.length === 0) return { kind: "no_vans" as const };
    const changed = await tx.deliveryPlan.updateMany({
      where: { id: plan.id, status: "draft", solveStatus: { notIn: [...SOLVING] } },
      data: { solveStatus: "queued", progress: 0, cancelRequested: false, solveMessage: "", solveSeconds: options.solveSeconds === undefined ? plan.solveSeconds : clampSeconds(options.solveSeconds), updatedAt: new Date() },
    });
    if (changed.count === 0) return { kind: "solving" as const };
    if (!isQueueStarted()) return { kind: "ok" as const, queued: false };
    await enqueue(PLAN_SOLVE_JOB, { planId: plan.id }, { tx });
    return { kind: "ok" as const, queued: true };
  });
}

/** The stop button: a running solve ends with the best plan so far; a queued one does not start. */
export async function cancelSolve(db: PrismaClient, actor: PlanActor, planId: string): Promise<{ kind: "ok" } | Refusal> {
  const found = await findPlan(db, actor.scope, planId);
  if (found.kind !== "ok") return found;
  await db.deliveryPlan.updateMany({ where: { id: planId, solveStatus: { in: [...SOLVING] } }, data: { cancelRequested: true } });
  return { kind: "ok" };
}

/** What the solve job needs: the day for the planner and the vans to map its answer back. */
export async function loadSolveInput(db: PrismaClient, planId: string) {
  const plan = await db.deliveryPlan.findUnique({ where: { id: planId }, select: { ...planHeadSelect, routes: { select: { id: true, vehicleId: true } }, stops: { select: stopSelect, orderBy: [{ windowStart: "asc" }, { id: "asc" }] } } });
  if (!plan) return null;
  const vehicleOf = new Map(plan.routes.map((r) => [r.id, r.vehicleId]));
  const vans = await warehouseVans(db, plan.warehouseId);
  const serviceDate = dayString(plan.serviceDate);
  const built = buildDay({ serviceDate, warehouse: plan.warehouse, vans, stops: plan.stops.map((s) => stopFacts(s, vehicleOf)) });
  return { plan, serviceDate, vans, ...built };
}

/** Marks a queued solve running, unless the stop button came first; false: do not run it. */
export async function startSolve(db: PrismaClient, planId: string): Promise<boolean> {
  const started = await db.deliveryPlan.updateMany({ where: { id: planId, solveStatus: "queued", cancelRequested: false }, data: { solveStatus: "running", progress: 0 } });
  if (started.count === 1) return true;
  await db.deliveryPlan.updateMany({ where: { id: planId, solveStatus: "queued" }, data: { solveStatus: "cancelled", cancelRequested: false, progress: 0 } });
  return false;
}

/** Writes progress (0…1); answers whether the stop button was pressed. */
export async function reportProgress(db: PrismaClient, planId: string, progress: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ cancel_requested: boolean }[]>`
    UPDATE delivery_plans SET progress = ${Math.min(1, Math.max(0, progress))} WHERE id = ${planId}::uuid AND solve_status = 'running' RETURNING cancel_requested`;
  return rows[0]?.cancel_requested === true;
}

/** Records a failed solve with its message. */
export async function failSolve(db: PrismaClient, planId: string, message: string): Promise<void> {
  await db.deliveryPlan.updateMany({ where: { id: planId, solveStatus: { in: [...SOLVING] } }, data: { solveStatus: "failed", solveMessage: message.slice(0, 2000), cancelRequested: false } });
}

/**
 * Stores a solve's result in one transaction: a route per van used (in order), each stop's place and times or
 * its reason; a stop whose lock could not be kept loses the lock (its message says why).
 */
export async function saveSolveResult(db: PrismaClient, planId: string, result: SolveResult, options: { serviceDate: string; vans: readonly DayVanFacts[]; message?: string }): Promise<void> {
  const rows = rowsOf(options.serviceDate, result, options.vans);
  const status: SolveStatus = result.stopped === "cancelled" ? "cancelled" : "done";
  await db.$transaction(async (tx) => {
    const existing = await tx.deliveryRoute.findMany({ where: { planId }, select: { id: true, vehicleId: true } });
    const byVehicle = new Map(existing.map((r) => [r.vehicleId, r.id]));
    const routeOf = new Map<string, string>();
    for (const r of rows.routes) {
      const id = byVehicle.get(r.vehicleId);
      const data = { driverId: r.driverId, position: r.position, departAt: r.departAt, returnAt: r.returnAt, distanceM: r.distanceM };
      const saved = id ? await tx.deliveryRoute.update({ where: { id }, data, select: { id: true } }) : await tx.deliveryRoute.create({ data: { planId, vehicleId: r.vehicleId, ...data }, select: { id: true } });
      routeOf.set(r.vehicleId, saved.id);
    }
    const placedStops = new Set<string>();
    for (const s of rows.stops) {
      placedStops.add(s.stopId);
      if (s.vehicleId !== null) {
        await tx.deliveryStop.update({
          where: { id: s.stopId },
          data: { routeId: routeOf.get(s.vehicleId), sequence: s.sequence, etaAt: s.etaAt, departAt: s.departAt, unassignedReason: "", unassignedMessage: "" },
          select: { id: true },
        });
      } else {
        await tx.deliveryStop.update({
          where: { id: s.stopId },
          data: { routeId: null, sequence: 0, etaAt: null, departAt: null, locked: false, sequenceLocked: false, unassignedReason: s.reason, unassignedMessage: s.message },
          select: { id: true },
        });
      }
    }
    const unused = existing.filter((r) => !rows.routes.some((x) => x.vehicleId === r.vehicleId)).map((r) => r.id);
    if (unused.length > 0) {
      await tx.deliveryStop.updateMany({ where: { routeId: { in: unused }, id: { notIn: [...placedStops] } }, data: { routeId: null, locked: false, sequenceLocked: false, unassignedReason: "not_planned" } });
      await tx.deliveryRoute.deleteMany({ where: { id: { in: unused } } });
    }
    const now = new Date();
    await tx.deliveryPlan.update({
      where: { id: planId },
      data: { solveStatus: status, progress: 1, cancelRequested: false, distanceM: result.distanceM, solvedAt: now, updatedAt: now, solveMessage: options.message ?? "" },
      select: { id: true },
    });
  });
}

/** Locks a stop to a van (it moves onto that van's route now; the next solve keeps it there), or unlocks it. */
export async function lockStop(db: PrismaClient, actor: PlanActor, planId: string, stopId: string, vehicleId: string | null): Promise<{ kind: "ok" } | Refusal> {
  return db.$transaction(async (tx) => {
    const found = await editableDraft(tx, actor.scope, planId);
    if (found.kind !== "ok") return found;
    const stop = await tx.deliveryStop.findFirst({ where: { id: stopId, planId }, select: { id: true, routeId: true, route: { select: { vehicleId: true } } } });
    if (!stop) return { kind: "not_found" as const };
    const now = new Date();
    if (vehicleId === null) {
      await tx.deliveryStop.update({ where: { id: stop.id }, data: { locked: false, sequenceLocked: false }, select: { id: true } });
    } else {
      const { usable } = usableVans(await warehouseVans(tx, found.plan.warehouseId));
      const van = usable.find((v) => v.id === vehicleId);
      if (!van) return { kind: "bad_van" as const };
      let routeId = stop.route?.vehicleId === vehicleId ? stop.routeId : null;
      let sequence: number | undefined;
      if (!routeId) {
        const route =
          (await tx.deliveryRoute.findFirst({ where: { planId, vehicleId }, select: { id: true } })) ??
          (await tx.deliveryRoute.create({ data: { planId, vehicleId, driverId: van.driver?.id ?? null, position: await tx.deliveryRoute.count({ where: { planId } }) }, select: { id: true } }));
        routeId = route.id;
        sequence = (await tx.deliveryStop.count({ where: { routeId } })) + 1;
      }
      await tx.deliveryStop.update({
        where: { id: stop.id },
        data: { routeId, locked: true, ...(sequence !== undefined ? { sequence, sequenceLocked: false, etaAt: null, departAt: null, unassignedReason: "", unassignedMessage: "" } : {}) },
        select: { id: true },
      });
    }
    await tx.deliveryPlan.update({ where: { id: planId }, data: { updatedAt: now }, select: { id: true } });
    return { kind: "ok" as const };
  });
}

/** Moves a stop one place up or down its route by hand: both stops are then locked in that order. */
export async function moveStop(db: PrismaClient, actor: PlanActor, planId: string, stopId: string, direction: "up" | "down"): Promise<{ kind: "ok" } | Refusal> {
  return db.$transaction(async (tx) => {
    const found = await editableDraft(tx, actor.scope, planId);
    if (found.kind !== "ok") return found;
    const stop = await tx.deliveryStop.findFirst({ where: { id: stopId, planId }, select: { id: true, routeId: true } });
    if (!stop) return { kind: "not_found" as const };
    if (!stop.routeId) return { kind: "not_on_route" as const };
    const onRoute = await tx.deliveryStop.findMany({ where: { routeId: stop.routeId }, orderBy: [{ sequence: "asc" }, { id: "asc" }], select: { id: true } });
    const i = onRoute.findIndex((s) => s.id === stop.id);
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= onRoute.length) return { kind: "edge" as const };
    [onRoute[i], onRoute[j]] = [onRoute[j], onRoute[i]];
    // Renumber the whole route (sequences may have gaps after locks), then lock the two that moved.
    for (let k = 0; k < onRoute.length; k++) {
      const moved = k === i || k === j;
      await tx.deliveryStop.update({ where: { id: onRoute[k].id }, data: { sequence: k + 1, ...(moved ? { locked: true, sequenceLocked: true } : {}) }, select: { id: true } });
    }
    await tx.deliveryPlan.update({ where: { id: planId }, data: { updatedAt: new Date() }, select: { id: true } });
    return { kind: "ok" as const };
  });
}

/**
 * Publishes a solved draft: the form's revision must be the plan's (nothing changed since the page was
 * read), it must be the day's latest version and solved since its last change; stops left out need
 * `confirmUnassigned`. The previous published version is superseded; each order gets a route_publish
 * event with its arrival window, and its buyer a delivery_planned notice (through the queue, after commit).
 */
export async function publishPlan(
  db: PrismaClient,
  actor: PlanActor & { role: string },
  planId: string,
  options: { revision: string; confirmUnassigned: boolean },
): Promise<{ kind: "ok"; orders: number } | Refusal> {
  return db.$transaction(async (tx) => {
    const found = await findPlan(tx, actor.scope, planId);
    if (found.kind !== "ok") return found;
    const plan = found.plan;
    if (plan.status !== "draft") return { kind: "stale" as const };
    if (SOLVING.includes(plan.solveStatus)) return { kind: "solving" as const };
    if (revisionOf(plan) !== options.revision) return { kind: "stale" as const };
    const newer = await tx.deliveryPlan.count({ where: { warehouseId: plan.warehouseId, serviceDate: plan.serviceDate, version: { gt: plan.version } } });
    if (newer > 0) return { kind: "stale" as const };
    if (plan.solvedAt === null) return { kind: "not_solved" as const };
    if (isDirty(plan)) return { kind: "dirty" as const };
    const unassigned = await tx.deliveryStop.count({ where: { planId, routeId: null } });
    const placed = await tx.deliveryStop.count({ where: { planId, routeId: { not: null } } });
    if (placed === 0) return { kind: "not_solved" as const };
    if (unassigned > 0 && !options.confirmUnassigned) return { kind: "needs_confirm" as const, unassigned };

    const now = new Date();
    const claimed = await tx.deliveryPlan.updateMany({ where: { id: planId, status: "draft", updatedAt: plan.updatedAt }, data: { status: "published", publishedAt: now, publishedById: actor.userId } });
    if (claimed.count === 0) return { kind: "stale" as const };
    await tx.deliveryPlan.updateMany({
      where: { warehouseId: plan.warehouseId, serviceDate: plan.serviceDate, status: "published", id: { not: planId } },
      data: { status: "superseded" },
    });
    const stops = await tx.deliveryStop.findMany({
      where: { planId, routeId: { not: null } },
      select: { id: true, etaAt: true, sequence: true, route: { select: { vehicle: { select: { plate: true } } } }, orders: { select: { orderId: true } } },
    });
    let orders = 0;
    for (const s of stops) {
      if (!s.etaAt) continue;
      const window = arrivalWindow(s.etaAt);
      for (const { orderId } of s.orders) {
        const details = { planId, version: plan.version, stopId: s.id, sequence: s.sequence, plate: s.route?.vehicle.plate ?? "", etaAt: s.etaAt.toISOString(), windowFrom: window.from.toISOString(), windowTo: window.to.toISOString() };
        const event = await tx.orderEvent.create({ data: { orderId, event: "route_publish", actorId: actor.userId, actorRole: actor.role, details }, select: { id: true } });
        await enqueueOrderNotification(tx, { kind: "delivery_planned", orderId, eventId: String(event.id), details: { windowFrom: details.windowFrom, windowTo: details.windowTo, plate: details.plate } });
        orders++;
      }
    }
    return { kind: "ok" as const, orders };
  });
}

/** A new draft version from a published plan: its routes as they are, ready to change and publish again. */
export async function createRevision(db: PrismaClient, actor: PlanActor, planId: string): Promise<{ kind: "ok"; planId: string; version: number } | Refusal> {
  const found = await findPlan(db, actor.scope, planId);
  if (found.kind !== "ok") return found;
  if (found.plan.status === "draft") return { kind: "not_draft" };
  return createDraft(db, actor, { warehouseId: found.plan.warehouseId, serviceDate: dayString(found.plan.serviceDate), solveSeconds: found.plan.solveSeconds, fromPlanId: planId, copyPlacements: true });
}

/** The progress endpoint's answer. */
export async function planProgress(db: PrismaClient, scope: PlanScope, planId: string) {
  const found = await findPlan(db, scope, planId);
  if (found.kind !== "ok") return found;
  const p = found.plan;
  return { kind: "ok" as const, progress: { solveStatus: p.solveStatus, progress: p.progress, cancelRequested: p.cancelRequested, message: p.solveMessage, solving: SOLVING.includes(p.solveStatus) } };
}

/** Everything the plan page shows: the plan, its routes with vans and stops, the unassigned stops, the other versions. */
export async function readPlan(db: PrismaClient, scope: PlanScope, planId: string) {
  const found = await findPlan(db, scope, planId);
  if (found.kind !== "ok") return found;
  const plan = found.plan;
  const serviceDate = dayString(plan.serviceDate);
  const [routes, stops, vans, versions, latest] = await Promise.all([
    db.deliveryRoute.findMany({
      where: { planId },
      orderBy: { position: "asc" },
      select: { id: true, position: true, departAt: true, returnAt: true, distanceM: true, vehicle: { select: { id: true, plate: true, payloadGrams: true, volumeLitres: true, tempClasses: true } }, driver: { select: { id: true, displayName: true } } },
    }),
    db.deliveryStop.findMany({ where: { planId }, orderBy: [{ sequence: "asc" }, { windowStart: "asc" }, { id: "asc" }], select: { ...stopSelect, _count: { select: { orders: true } } } }),
    warehouseVans(db, plan.warehouseId),
    planVersions(db, plan.warehouseId, serviceDate),
    db.deliveryPlan.findFirst({ where: { warehouseId: plan.warehouseId, serviceDate: plan.serviceDate }, orderBy: { version: "desc" }, select: { id: true } }),
  ]);
  const { usable, excluded } = usableVans(vans);
  return {
    kind: "ok" as const,
    plan: {
      id: plan.id,
      version: plan.version,
      status: plan.status as PlanStatus,
      solveStatus: plan.solveStatus as SolveStatus,
      progress: plan.progress,
      cancelRequested: plan.cancelRequested,
      solveSeconds: plan.solveSeconds,
      solveMessage: plan.solveMessage,
      distanceM: plan.distanceM,
      serviceDate,
      createdAt: plan.createdAt,
      solvedAt: plan.solvedAt,
      publishedAt: plan.publishedAt,
      createdBy: plan.createdBy?.displayName ?? "",
      publishedBy: plan.publishedBy?.displayName ?? "",
      revision: revisionOf(plan),
      dirty: isDirty(plan),
      latest: latest?.id === plan.id,
      solving: SOLVING.includes(plan.solveStatus),
      warehouse: { id: plan.warehouse.id, name: plan.warehouse.name, nameEn: plan.warehouse.nameEn, lat: plan.warehouse.lat, lng: plan.warehouse.lng },
    },
    routes: routes.map((r) => ({ ...r, stops: stops.filter((s) => s.routeId === r.id) })),
    unassigned: stops.filter((s) => s.routeId === null),
    vans: usable.map((v) => ({ id: v.id, plate: v.plate, driver: v.driver?.displayName ?? "" })),
    excludedVans: excluded as ExcludedVan[],
    versions,
  };
}
