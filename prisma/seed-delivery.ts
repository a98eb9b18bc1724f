/**
 * The demo world's delivery operations (issue 10), built from the seeded orders: daily trunk runs from the Sanming
 * consolidation point to each Shanghai warehouse (yesterday's arrived with today's goods, today's carrying
 * tomorrow's packed orders), and today's published city plan per warehouse whose first van — the demo driver's at
 * 江桥 — visits today's delivery points in window order. Pure: rows in, rows out (ids from the caller's source).
 */
import type { Prisma, TempClass } from "../app/generated/prisma/client";
import { haversine } from "../app/modules/logistics/geo";
import { trunkReason } from "../app/modules/trunk/assignment";
import { addDays, buildTrunkDeparture, shanghaiDay, shanghaiTime, type OrderRows } from "../tests/factories";

const CLASSES: readonly TempClass[] = ["chilled", "frozen", "ambient"];
/** Daily trunk: cut-off 12:00, leaves 14:00, ~900 km on the G70/G15 with two drivers: at the warehouse by 23:30. */
const TRUNK = { cutoffHour: 12, departHour: 14, hours: 9.5, capacityGrams: 12_000_000 } as const;
/** A city stop takes 15 minutes; vans average 28 km/h over roads ~1.3× the straight line. */
const SERVICE_MIN = 15;
const ROAD_FACTOR = 1.3;
const KMH = 28;

export interface DeliverySeedInput {
  now: Date;
  newId: () => string;
  warehouses: readonly { id: string; code: string; name: string; nameEn: string; lat: number; lng: number }[];
  /** Vehicles in fleet order; the first of each warehouse runs today's route. */
  vehicles: readonly { id: string; warehouseId: string; driverId: string | null }[];
  slots: ReadonlyMap<string, { warehouseId: string; startsAt: Date; endsAt: Date }>;
  points: ReadonlyMap<string, { name: string; nameEn: string; address: string; lat: number; lng: number; contactName: string; contactPhone: string }>;
  volumeCm3: ReadonlyMap<string, number>;
  /** Today's orders (out for delivery), those of them that came on yesterday's trunk, and tomorrow's packed orders. */
  today: readonly OrderRows[];
  todayByTrunk: readonly OrderRows[];
  tomorrowPacked: readonly OrderRows[];
  operatorId: string;
}

export interface DeliverySeed {
  trunkDepartures: Prisma.TrunkDepartureCreateManyInput[];
  trunkLoads: Prisma.TrunkLoadCreateManyInput[];
  plans: Prisma.DeliveryPlanCreateManyInput[];
  routes: Prisma.DeliveryRouteCreateManyInput[];
  stops: Prisma.DeliveryStopCreateManyInput[];
  stopOrders: Prisma.DeliveryStopOrderCreateManyInput[];
  events: Prisma.OrderEventCreateManyInput[];
}

type Departure = Prisma.TrunkDepartureCreateManyInput & { id: string; departsAt: Date; cutoffAt: Date; arrivesAt: Date };

/** Trunk runs for yesterday, today and tomorrow, their status following the clock. */
function departures(input: DeliverySeedInput): Map<string, Departure> {
  const byKey = new Map<string, Departure>();
  for (const offset of [-1, 0, 1]) {
    const day = shanghaiDay(input.now, offset);
    for (const w of input.warehouses) {
      CLASSES.forEach((tempClass, k) => {
        const departsAt = shanghaiTime(day, TRUNK.departHour);
        const arrivesAt = new Date(departsAt.getTime() + TRUNK.hours * 3_600_000);
        const status = arrivesAt <= input.now ? "arrived" : departsAt <= input.now ? "departed" : "scheduled";
        const row = buildTrunkDeparture({
          id: input.newId(),
          warehouseId: w.id,
          tempClass,
          departsAt,
          cutoffAt: shanghaiTime(day, TRUNK.cutoffHour),
          arrivesAt,
          capacityGrams: tempClass === "ambient" ? 8_000_000 : TRUNK.capacityGrams,
          vehiclePlate: `闽G·${w.code === "JQ" ? "3" : "5"}${k}${String(20 + offset * 3 + k).padStart(3, "0")}`,
          status,
        }) as Departure;
        row.departedAt = status === "scheduled" ? null : departsAt;
        row.arrivedAt = status === "arrived" ? arrivesAt : null;
        byKey.set(`${w.id}:${offset}:${tempClass}`, row);
      });
    }
  }
  return byKey;
}

/** Grams per temperature class of a seller order's lines (shipped packs). */
function gramsByClass(rows: OrderRows, sellerOrderId: string): Map<TempClass, number> {
  const out = new Map<TempClass, number>();
  for (const l of rows.lines) {
    if (l.sellerOrderId !== sellerOrderId) continue;
    const cls = (l.tempClass ?? "ambient") as TempClass;
    const packs = (l.shippedQuantity ?? l.quantity) as number;
    const grams = (l.actualGrams as number | null) ?? packs * (l.netWeightGrams as number);
    out.set(cls, (out.get(cls) ?? 0) + grams);
  }
  return out;
}

/** Puts the seller orders of `orders` on the departures of `offset`, with their trunk events. */
function loadTrunk(input: DeliverySeedInput, runs: Map<string, Departure>, orders: readonly OrderRows[], offset: number, out: DeliverySeed): void {
  for (const rows of orders) {
    const slot = input.slots.get(rows.order.slotId as string);
    if (!slot) continue;
    for (const so of rows.sellerOrders) {
      for (const [tempClass, grams] of gramsByClass(rows, so.id as string)) {
        const run = runs.get(`${slot.warehouseId}:${offset}:${tempClass}`);
        if (!run) continue;
        const assignedAt = new Date(run.cutoffAt.getTime() - 30 * 60_000);
        out.trunkLoads.push({ id: input.newId(), departureId: run.id, sellerOrderId: so.id as string, tempClass, grams, assignedAt });
        // The goods were packed before the run: the seller order stays packed through the trunk leg.
        const base = { orderId: rows.order.id as string, sellerOrderId: so.id as string, actorRole: "system", fromStatus: "packed", toStatus: "packed" } as const;
        const facts = { vehiclePlate: run.vehiclePlate ?? "", tempClass, departsAt: run.departsAt, arrivesAt: run.arrivesAt };
        // The details the app writes with these events, so the timeline words them in the reader's language.
        const run1 = { departureId: run.id, vehiclePlate: facts.vehiclePlate, tempClass, grams };
        const warehouse = input.warehouses.find((w) => w.id === slot.warehouseId);
        out.events.push({ ...base, event: "trunk_assign", reason: trunkReason("assign", facts), details: { ...run1, departsAt: run.departsAt.toISOString(), manual: false }, createdAt: assignedAt });
        if (run.status !== "scheduled") out.events.push({ ...base, event: "trunk_depart", reason: trunkReason("depart", facts), details: { ...run1, departedAt: run.departsAt.toISOString() }, createdAt: run.departsAt });
        if (run.status === "arrived")
          out.events.push({
            ...base,
            event: "trunk_arrive",
            reason: trunkReason("arrive", facts, { warehouseName: warehouse?.name }),
            details: { ...run1, arrivedAt: run.arrivesAt.toISOString(), warehouseName: warehouse?.name ?? "", warehouseNameEn: warehouse?.nameEn ?? "" },
            createdAt: run.arrivesAt,
          });
      }
    }
  }
}

interface SeedStop {
  row: Prisma.DeliveryStopCreateManyInput & { id: string; windowStart: Date; windowEnd: Date; lat: number; lng: number };
  orders: OrderRows[];
  grams: number;
}

/** Today's orders of one warehouse as stops: one per delivery point and window, loads summed per class. */
function stopsOf(input: DeliverySeedInput, planId: string, orders: readonly OrderRows[]): SeedStop[] {
  const byKey = new Map<string, SeedStop>();
  for (const rows of orders) {
    const slot = input.slots.get(rows.order.slotId as string);
    const pointId = rows.order.deliveryPointId as string | null;
    const point = pointId ? input.points.get(pointId) : undefined;
    if (!slot || !point || !pointId) continue;
    const key = `${pointId}:${slot.startsAt.toISOString()}`;
    let stop = byKey.get(key);
    if (!stop) {
      stop = {
        row: { id: input.newId(), planId, deliveryPointId: pointId, name: point.name, nameEn: point.nameEn, address: point.address, lat: point.lat, lng: point.lng, contactName: point.contactName, contactPhone: point.contactPhone, windowStart: slot.startsAt, windowEnd: slot.endsAt },
        orders: [],
        grams: 0,
      };
      byKey.set(key, stop);
    }
    stop.orders.push(rows);
    for (const l of rows.lines) {
      const cls = (l.tempClass ?? "ambient") as TempClass;
      const packs = (l.shippedQuantity ?? l.quantity) as number;
      const grams = (l.actualGrams as number | null) ?? packs * (l.netWeightGrams as number);
      const cm3 = packs * (input.volumeCm3.get(l.variantId as string) ?? 0);
      const r = stop.row as Record<string, unknown>;
      r[`${cls}Grams`] = ((r[`${cls}Grams`] as number | undefined) ?? 0) + grams;
      r[`${cls}Cm3`] = ((r[`${cls}Cm3`] as number | undefined) ?? 0) + cm3;
      stop.grams += grams;
    }
  }
  return [...byKey.values()];
}

/**
 * Visit order: by window, nearest next within a window; ETAs from travel at KMH plus service time. A stop the van
 * would reach after its window closes is left for the next van (`late`), as the solver would not make it late.
 */
function sequence(depot: { lat: number; lng: number }, stops: SeedStop[], leaveAt: Date): { ordered: SeedStop[]; late: SeedStop[]; returnAt: Date; metres: number } {
  const left = [...stops];
  const ordered: SeedStop[] = [];
  const late: SeedStop[] = [];
  let here = depot;
  let clock = leaveAt.getTime();
  let metres = 0;
  while (left.length > 0) {
    const earliest = Math.min(...left.map((s) => s.row.windowStart.getTime()));
    const open = left.filter((s) => s.row.windowStart.getTime() === earliest);
    const next = open.reduce((best, s) => (haversine(here, s.row) < haversine(here, best.row) ? s : best));
    left.splice(left.indexOf(next), 1);
    const leg = haversine(here, next.row) * ROAD_FACTOR;
    const arrive = Math.max(clock + (leg / 1000 / KMH) * 3_600_000, next.row.windowStart.getTime());
    if (arrive > next.row.windowEnd.getTime()) {
      late.push(next);
      continue;
    }
    metres += leg;
    next.row.etaAt = new Date(arrive);
    next.row.departAt = new Date(arrive + SERVICE_MIN * 60_000);
    next.row.sequence = ordered.length + 1;
    clock = arrive + SERVICE_MIN * 60_000;
    here = next.row;
    ordered.push(next);
  }
  const back = haversine(here, depot) * ROAD_FACTOR;
  return { ordered, late, returnAt: new Date(clock + (back / 1000 / KMH) * 3_600_000), metres: Math.round(metres + back) };
}

/** The warehouse's vans for today's plan: those with a driver first (the demo driver's van leads). */
function vansOf(input: DeliverySeedInput, warehouseId: string) {
  const vans = input.vehicles.filter((v) => v.warehouseId === warehouseId);
  return [...vans.filter((v) => v.driverId), ...vans.filter((v) => !v.driverId)];
}

/**
 * Today's published plan of one warehouse: its first van (with a driver) takes every stop it can reach in time,
 * the next vans the rest; a stop no van reaches in time is left unassigned with the reason, as planning would.
 */
function todaysPlan(input: DeliverySeedInput, warehouse: DeliverySeedInput["warehouses"][number], orders: readonly OrderRows[], out: DeliverySeed): void {
  const vans = vansOf(input, warehouse.id);
  if (!vans[0]?.driverId || orders.length === 0) return;
  const planId = input.newId();
  const stops = stopsOf(input, planId, orders);
  if (stops.length === 0) return;
  const firstWindow = new Date(Math.min(...stops.map((s) => s.row.windowStart.getTime())));
  const leaveAt = new Date(firstWindow.getTime() - 40 * 60_000);
  const routes: { van: (typeof vans)[number]; ordered: SeedStop[]; returnAt: Date; metres: number }[] = [];
  let left = stops;
  for (const van of vans) {
    if (left.length === 0) break;
    const r = sequence(warehouse, left, leaveAt);
    if (r.ordered.length > 0) routes.push({ van, ...r });
    left = r.late;
  }
  const metres = routes.reduce((sum, r) => sum + r.metres, 0);
  const publishedAt = new Date(Math.min(input.now.getTime(), shanghaiTime(shanghaiDay(addDays(input.now, -1)), 17).getTime()));
  const d = shanghaiDay(input.now);
  out.plans.push({
    id: planId,
    warehouseId: warehouse.id,
    serviceDate: new Date(Date.UTC(d.year, d.month - 1, d.day)),
    version: 1,
    status: "published",
    solveStatus: "done",
    progress: 1,
    solveSeconds: 20,
    solveMessage: "",
    distanceM: metres,
    createdById: input.operatorId,
    publishedById: input.operatorId,
    createdAt: new Date(publishedAt.getTime() - 20 * 60_000),
    updatedAt: publishedAt,
    solvedAt: new Date(publishedAt.getTime() - 10 * 60_000),
    publishedAt,
  });
  routes.forEach((r, position) => {
    const routeId = input.newId();
    out.routes.push({ id: routeId, planId, vehicleId: r.van.id, driverId: r.van.driverId, position, departAt: leaveAt, returnAt: r.returnAt, distanceM: r.metres, startedAt: leaveAt <= input.now && r.van.driverId ? leaveAt : null });
    for (const s of r.ordered) publishStop(input, out, { ...s, row: { ...s.row, routeId } }, publishedAt);
  });
  for (const s of left) {
    out.stops.push({ ...s.row, routeId: null, unassignedReason: "time_window" });
    for (const rows of s.orders) out.stopOrders.push({ stopId: s.row.id, orderId: rows.order.id as string });
  }
}

/** A planned stop, with its orders and their 'route_publish' timeline rows. */
function publishStop(input: DeliverySeedInput, out: DeliverySeed, s: SeedStop, publishedAt: Date): void {
  out.stops.push(s.row);
  for (const rows of s.orders) {
    out.stopOrders.push({ stopId: s.row.id, orderId: rows.order.id as string });
    out.events.push({
      orderId: rows.order.id as string,
      event: "route_publish",
      actorId: input.operatorId,
      actorRole: "operator",
      details: { etaAt: (s.row.etaAt as Date).toISOString(), windowStart: s.row.windowStart.toISOString(), windowEnd: s.row.windowEnd.toISOString() },
      createdAt: publishedAt,
    });
  }
}

/** Trunk runs with their loads and today's published plans, from the seeded orders. */
export function buildDeliverySeed(input: DeliverySeedInput): DeliverySeed {
  const out: DeliverySeed = { trunkDepartures: [], trunkLoads: [], plans: [], routes: [], stops: [], stopOrders: [], events: [] };
  const runs = departures(input);
  out.trunkDepartures.push(...runs.values());
  loadTrunk(input, runs, input.todayByTrunk, -1, out);
  loadTrunk(input, runs, input.tomorrowPacked, 0, out);
  for (const w of input.warehouses) {
    const mine = input.today.filter((o) => input.slots.get(o.order.slotId as string)?.warehouseId === w.id);
    todaysPlan(input, w, mine, out);
  }
  return out;
}
