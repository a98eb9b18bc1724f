/**
 * Between the database and the day planner (pure): a plan's stops, its warehouse, vans and the
 * restriction zones as a logistics Day (app/modules/logistics/day-schema.ts), and the planner's answer
 * back as route and stop rows (sequence, times as instants, distance, why a stop was left out).
 */
import type { DayInput, DayProblem } from "~/modules/logistics/day";
import type { DayPlan } from "~/modules/logistics/plan";
import type { VrpSolution } from "~/modules/logistics/model";
import { STOP_TEMP_CLASSES, type ByTemp, type TempClass } from "./stops";
import { affectedVans, SHANGHAI_ZONES, type RestrictionZone } from "./zones";

/** Warehouse facts the day needs. */
export interface DayWarehouseFacts {
  id: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
}

/** A van as stored (Vehicle), with its driver. */
export interface DayVanFacts {
  id: string;
  plate: string;
  tempClasses: TempClass[];
  payloadGrams: number;
  volumeLitres: number;
  active: boolean;
  restricted: boolean;
  zonePermits: string[];
  driver: { id: string; displayName: string } | null;
}

/** A plan stop as stored (DeliveryStop), with its lock. */
export interface DayStopFacts {
  id: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  windowStart: Date;
  windowEnd: Date;
  grams: ByTemp;
  cm3: ByTemp;
  /** The van the operator locked the stop to, if any. */
  lockedVanId: string | null;
  /** Kept in this place among the van's other sequence-locked stops. */
  sequenceLocked: boolean;
  sequence: number;
}

/** A van left out of the day, with the message key that says why. */
export interface ExcludedVan {
  id: string;
  plate: string;
  reason: "no_driver" | "inactive" | "no_compartment";
}

/** Hours the planner assumes: the warehouse's dock and every van's shift (Beijing time). */
export const PLAN_HOURS = { open: "02:00", close: "23:30", shiftStart: "03:00", shiftEnd: "22:00" } as const;

/** Service time at a stop: a base plus handling per kg. */
export const SERVICE = { base: "8min", perKg: "1.5s" } as const;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The first instant of a Beijing service day "YYYY-MM-DD". */
export function dayStart(serviceDate: string): Date {
  return new Date(Date.parse(`${serviceDate}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** Seconds since the service day's Beijing midnight → the instant. */
export function instantOf(serviceDate: string, seconds: number): Date {
  return new Date(dayStart(serviceDate).getTime() + Math.round(seconds) * 1000);
}

/** "HH:MM" of an instant on the service day, clamped to the day (00:00–24:00); `up` rounds to the next minute. */
export function clockOn(serviceDate: string, instant: Date, up = false): string {
  const minutes = (instant.getTime() - dayStart(serviceDate).getTime()) / 60_000;
  const m = Math.min(24 * 60, Math.max(0, up ? Math.ceil(minutes) : Math.floor(minutes)));
  if (m === 24 * 60) return "24:00";
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** The vans that can drive (active, a driver, a compartment) and those left out with why. */
export function usableVans(vans: readonly DayVanFacts[]): { usable: DayVanFacts[]; excluded: ExcludedVan[] } {
  const usable: DayVanFacts[] = [];
  const excluded: ExcludedVan[] = [];
  for (const v of vans) {
    const reason = !v.active ? "inactive" : !v.driver ? "no_driver" : v.tempClasses.length === 0 || v.payloadGrams <= 0 || v.volumeLitres <= 0 ? "no_compartment" : null;
    if (reason) excluded.push({ id: v.id, plate: v.plate, reason });
    else usable.push(v);
  }
  return { usable, excluded };
}

function stopLoads(s: DayStopFacts) {
  const loads = STOP_TEMP_CLASSES.filter((c) => s.grams[c] > 0 || s.cm3[c] > 0).map((c) => ({
    class: c,
    weight: { value: Math.max(0, Math.round(s.grams[c])), unit: "g" },
    volume: { value: Math.max(0, Math.round(s.cm3[c])), unit: "cm3" },
  }));
  // Every line short-shipped to nothing: still a visit (paperwork, returns), with no load.
  return loads.length > 0 ? loads : [{ class: "ambient" as const, weight: { value: 0, unit: "g" }, volume: { value: 0, unit: "cm3" } }];
}

/** Everything buildDay needs. */
export interface BuildDayInput {
  serviceDate: string;
  warehouse: DayWarehouseFacts;
  vans: readonly DayVanFacts[];
  stops: readonly DayStopFacts[];
  zones?: readonly RestrictionZone[];
}

/**
 * The day file for the planner: usable vans only (a van without a driver is listed in `excluded`), a lock
 * becomes stops[].lockedVan, sequence locks become the van's fixedSequence. A stop locked to a van left out
 * is planned unlocked and listed in `droppedLocks`.
 */
export function buildDay(input: BuildDayInput): { day: DayInput; excluded: ExcludedVan[]; droppedLocks: string[] } {
  const { usable, excluded } = usableVans(input.vans);
  const usableIds = new Set(usable.map((v) => v.id));
  const droppedLocks: string[] = [];
  const stops = input.stops.map((s) => {
    const locked = s.lockedVanId !== null && usableIds.has(s.lockedVanId);
    if (s.lockedVanId !== null && !locked) droppedLocks.push(s.id);
    return {
      id: s.id,
      name: s.name,
      lat: s.lat,
      lng: s.lng,
      coords: "wgs84" as const,
      window: { from: clockOn(input.serviceDate, s.windowStart), to: clockOn(input.serviceDate, s.windowEnd, true) },
      loads: stopLoads(s),
      address: s.address,
      ...(locked ? { lockedVan: s.lockedVanId as string } : {}),
    };
  });
  const vans = usable.map((v) => {
    const fixed = input.stops
      .filter((s) => s.sequenceLocked && s.lockedVanId === v.id)
      .sort((a, b) => a.sequence - b.sequence)
      .map((s) => s.id);
    const compartments: Record<string, { weight: { value: number; unit: string }; volume: { value: number; unit: string } }> = {};
    // One body shared by its compartments: each may take the whole payload; the van's total still caps it.
    for (const c of v.tempClasses) compartments[c] = { weight: { value: v.payloadGrams, unit: "g" }, volume: { value: v.volumeLitres, unit: "L" } };
    return {
      id: v.id,
      plate: v.plate,
      name: v.driver?.displayName,
      warehouse: input.warehouse.id,
      payload: { value: v.payloadGrams, unit: "g" },
      volume: { value: v.volumeLitres, unit: "L" },
      compartments,
      shift: { from: PLAN_HOURS.shiftStart, to: PLAN_HOURS.shiftEnd },
      restricted: v.restricted,
      ...(fixed.length > 1 ? { fixedSequence: fixed } : {}),
    };
  });
  const zones = (input.zones ?? SHANGHAI_ZONES).flatMap((z) => {
    const affects = affectedVans(z, usable);
    if (affects.length === 0) return [];
    return [{ name: z.permit, shape: { type: "polygon" as const, points: z.polygon.map((p) => [p.lat, p.lng] as [number, number]) }, forbidden: z.forbidden.map((f) => ({ ...f })), affects, note: z.nameZh }];
  });
  const day = {
    name: `${input.warehouse.name} ${input.serviceDate}`,
    date: input.serviceDate,
    timezone: "Asia/Shanghai",
    defaults: { coords: "wgs84", service: { ...SERVICE } },
    warehouses: [{ id: input.warehouse.id, name: input.warehouse.name, lat: input.warehouse.lat, lng: input.warehouse.lng, coords: "wgs84", open: PLAN_HOURS.open, close: PLAN_HOURS.close, address: input.warehouse.address }],
    vans,
    stops,
    zones,
  } as unknown as DayInput;
  return { day, excluded, droppedLocks };
}

/** The planner's answer in the day's own ids and seconds since the service day's midnight (JSON-able). */
export interface SolveResult {
  routes: { vanId: string; departure: number; returnTime: number; distanceM: number; stops: { stopId: string; arrival: number; start: number; departure: number }[] }[];
  unassigned: { stopId: string; reason: string; message: string }[];
  distanceM: number;
  stopped: "time" | "cancelled" | "iterations" | null;
}

/** Reads planDay's output back into day ids (the van's and stop's own ids, which are the database's). */
export function solveResultOf(dayProblem: DayProblem, solution: VrpSolution, plan: DayPlan): SolveResult {
  const { day } = dayProblem;
  const routes = solution.routes
    .filter((r) => r.visits.length > 0)
    .map((r) => ({
      vanId: day.vans[dayProblem.vehicleVan[r.vehicle].van].id,
      departure: r.departure,
      returnTime: r.returnTime,
      distanceM: Math.round(r.distance),
      stops: r.visits.map((v) => ({ stopId: day.stops[dayProblem.stopIndex[v.stop]].id, arrival: v.arrival, start: v.start, departure: v.departure })),
    }));
  return {
    routes,
    unassigned: plan.unassigned.map((u) => ({ stopId: u.id, reason: u.reason, message: u.message })),
    distanceM: Math.round(solution.distance),
    stopped: (solution as VrpSolution & { stopped?: SolveResult["stopped"] }).stopped ?? null,
  };
}

/** A route row to write. */
export interface RouteRow {
  vehicleId: string;
  driverId: string | null;
  position: number;
  departAt: Date;
  returnAt: Date;
  distanceM: number;
}

/** A stop's planned place: on a route (vehicle, sequence, times) or left out with a reason. */
export type StopPlacement =
  | { stopId: string; vehicleId: string; sequence: number; etaAt: Date; departAt: Date }
  | { stopId: string; vehicleId: null; reason: string; message: string };

/**
 * Rows for a solve result: routes in order (position = colour), each stop's placement. Messages name vans
 * by plate and drop the planner's internal stop ids, so the operator reads "沪A·K3920", not a uuid.
 */
export function rowsOf(serviceDate: string, result: SolveResult, vans: readonly Pick<DayVanFacts, "id" | "plate" | "driver">[]): { routes: RouteRow[]; stops: StopPlacement[] } {
  const byId = new Map(vans.map((v) => [v.id, v]));
  const routes: RouteRow[] = result.routes.map((r, i) => ({
    vehicleId: r.vanId,
    driverId: byId.get(r.vanId)?.driver?.id ?? null,
    position: i,
    departAt: instantOf(serviceDate, r.departure),
    returnAt: instantOf(serviceDate, r.returnTime),
    distanceM: r.distanceM,
  }));
  const stops: StopPlacement[] = [];
  for (const r of result.routes) {
    r.stops.forEach((s, i) => stops.push({ stopId: s.stopId, vehicleId: r.vanId, sequence: i + 1, etaAt: instantOf(serviceDate, s.start), departAt: instantOf(serviceDate, s.departure) }));
  }
  for (const u of result.unassigned) stops.push({ stopId: u.stopId, vehicleId: null, reason: u.reason, message: readableMessage(u.message, u.stopId, vans) });
  return { routes, stops };
}

/** The planner's message with van ids replaced by plates and the stop's own id removed. */
export function readableMessage(message: string, stopId: string, vans: readonly Pick<DayVanFacts, "id" | "plate">[]): string {
  let out = message.split(`stop "${stopId}" `).join("").split(`"${stopId}"`).join("");
  for (const v of vans) out = out.split(v.id).join(v.plate);
  return out.slice(0, 1000);
}
