/**
 * Turns a validated day (day-schema.ts) into the solver's VrpProblem. Stops outside China are set
 * aside with a message naming them; stops no van can serve (eligibility, capacity, a window no van
 * can reach, zones, time on road) come back from the solver as unassigned and are explained here in
 * the planner's words. Either way the rest of the day is still planned.
 */
import { assertInsideChina, insideArea, insideChina, OutsideChinaError, toWgs84, type Area, type LatLng } from "./geo";
import type {
  DepotSpec,
  StopSpec,
  TempClass,
  TimeInterval,
  TravelModel,
  UnassignedReason,
  VehicleSpec,
  VrpProblem,
} from "./model";
import { coordSystemOf, TEMP_CLASSES, vanUnitIds, type Day, type DayStop, type DayVan, type DayZone } from "./day-schema";
import { forbiddenFor, mergeIntervals } from "./zones";
import {
  buildTravelModel,
  OfflineMatrixProvider,
  SHANGHAI_TRAVEL,
  type MatrixProvider,
  type SpeedProfile,
  type TravelConfig,
} from "./travel";
import { formatClock } from "./units";

export * from "./day-schema";

/** Why a stop is not in the plan: the solver's reasons plus the planner's own. */
export type DayUnassignedReason = UnassignedReason | "outside_china";

/** A stop left out of the plan, with a message naming it. */
export interface RejectedStop {
  /** Index into day.stops. */
  stop: number;
  id: string;
  name: string;
  reason: DayUnassignedReason;
  message: string;
}

/** Names of the demand / capacity dimensions, in vector order. */
export const DIMENSIONS: readonly string[] = [
  "total g",
  "total cm³",
  ...TEMP_CLASSES.map((c) => `${c} g`),
  ...TEMP_CLASSES.map((c) => `${c} cm³`),
];

/** Demand vector of one stop: [total g, total cm³, g per class…, cm³ per class…]. */
export function stopDemand(stop: DayStop): number[] {
  const v = new Array<number>(DIMENSIONS.length).fill(0);
  for (const l of stop.loads) {
    const k = TEMP_CLASSES.indexOf(l.class);
    v[0] += l.weight;
    v[1] += l.volume;
    v[2 + k] += l.weight;
    v[5 + k] += l.volume;
  }
  return v.map((x) => Math.round(x));
}

/** Capacity vector of one van, in the same order as stopDemand. */
export function vanCapacity(van: DayVan): number[] {
  return [
    van.payload,
    van.volume,
    ...TEMP_CLASSES.map((c) => van.compartments[c]?.weight ?? 0),
    ...TEMP_CLASSES.map((c) => van.compartments[c]?.volume ?? 0),
  ].map((x) => Math.round(x));
}

/** Temperature classes a van can carry (compartments with room). */
export function vanFeatures(van: DayVan): TempClass[] {
  return TEMP_CLASSES.filter((c) => {
    const comp = van.compartments[c];
    return comp !== undefined && comp.weight > 0 && comp.volume > 0;
  });
}

/** Temperature classes a stop needs. */
export function stopRequires(stop: DayStop): TempClass[] {
  return TEMP_CLASSES.filter((c) => stop.loads.some((l) => l.class === c && (l.weight > 0 || l.volume > 0)));
}

/** Service seconds: base + per-kg time × kg delivered (stop override, then day default). */
export function serviceSeconds(day: Day, stop: DayStop): number {
  const base = stop.service?.base ?? day.defaults?.service?.base ?? 300;
  const perKg = stop.service?.perKg ?? day.defaults?.service?.perKg ?? 0;
  const kg = stop.loads.reduce((s, l) => s + l.weight, 0) / 1000;
  return Math.round(base + perKg * kg);
}

/** Longest time on the road allowed for the stop: the strictest class it carries. */
export function stopMaxRideTime(day: Day, stop: DayStop): number | undefined {
  const limits = day.limits?.maxTimeOnRoad;
  let best: number | undefined;
  for (const c of stopRequires(stop)) {
    const l = limits?.[c];
    if (l !== undefined && (best === undefined || l < best)) best = l;
  }
  return best;
}

/** A zone's shape as a geo Area. */
export function zoneArea(zone: DayZone): Area {
  return zone.shape.type === "polygon"
    ? { type: "polygon", points: zone.shape.points }
    : { type: "circle", center: zone.shape.center, radiusM: zone.shape.radius };
}

export { mergeIntervals };

/** Forbidden intervals at a point: every zone containing it, merged. */
export function forbiddenAt(p: LatLng, zones: DayZone[]): TimeInterval[] {
  const out: TimeInterval[] = [];
  for (const z of zones) if (insideArea(p, zoneArea(z))) out.push(...z.forbidden);
  return mergeIntervals(out);
}

/** The day converted for the solver, with the maps back to the day's own ids. */
export interface DayProblem {
  day: Day;
  problem: VrpProblem;
  /** WGS-84 position of each travel location: warehouses first, then stops. */
  points: LatLng[];
  /** Travel location of each day stop, or -1 when it is outside China. */
  stopLocation: number[];
  /** Day stop index of each problem stop. */
  stopIndex: number[];
  /** Day van index and unit number (1..count) of each problem vehicle. */
  vehicleVan: { van: number; unit: number }[];
  /**
   * Stops set aside before solving (coordinates outside China). Stops that no van can serve stay in
   * the problem: the solver reports them, so feasibility has one judge; diagnoseStop() explains them.
   */
  rejected: RejectedStop[];
  /** Non-fatal remarks about the day (e.g. zone rules approximated). */
  warnings: string[];
}

/** Options for dayToProblem. */
export interface DayToProblemOptions {
  provider?: MatrixProvider;
  travel?: TravelConfig;
}

/** Thrown for problems that make the whole day unplannable (e.g. a warehouse outside China). */
export class DayPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DayPlanError";
  }
}

function stopLabel(s: { id: string; name: string }): string {
  return `stop "${s.id}" ${s.name}`;
}

/** Which van indices a zone keeps out during its hours: those `affects` names, less the permit holders. */
export function zoneAffects(day: Day, zone: DayZone): Set<number> {
  const out = new Set<number>();
  day.vans.forEach((v, i) => {
    if (zone.permits?.includes(v.id)) return;
    if (zone.affects === "all" || (zone.affects === "restricted" && v.restricted)) out.add(i);
    else if (Array.isArray(zone.affects) && zone.affects.includes(v.id)) out.add(i);
  });
  return out;
}

/** The solver's name for day zone i (zone names need not be unique). */
export function zoneKey(day: Day, i: number): string {
  return `${i + 1}:${day.zones[i].name}`;
}

/** Solver zones a point lies in, each with its merged forbidden intervals. */
export function zonesAt(p: LatLng, day: Day): { zone: string; forbidden: TimeInterval[] }[] {
  const out: { zone: string; forbidden: TimeInterval[] }[] = [];
  day.zones.forEach((z, i) => {
    if (insideArea(p, zoneArea(z))) out.push({ zone: zoneKey(day, i), forbidden: mergeIntervals(z.forbidden) });
  });
  return out;
}

function speedProfile(name: string, bands: [number, number][]): SpeedProfile {
  return { name, bands: bands.map(([from, kmh]) => ({ from, kmh })) };
}

/** The travel configuration of a day: the built-in Shanghai model with the day's overrides. */
export function travelConfigOf(day: Day, base: TravelConfig = SHANGHAI_TRAVEL): TravelConfig {
  const t = day.travel;
  return {
    detourFactor: t?.detourFactor ?? base.detourFactor,
    sliceSeconds: t?.sliceMinutes !== undefined ? t.sliceMinutes * 60 : base.sliceSeconds,
    defaultProfile: t?.defaultSpeeds ? speedProfile("default", t.defaultSpeeds) : base.defaultProfile,
    areas: t?.areas
      ? t.areas.map((a) => ({
          name: a.name,
          area:
            a.shape.type === "polygon"
              ? { type: "polygon" as const, points: a.shape.points }
              : { type: "circle" as const, center: a.shape.center, radiusM: a.shape.radius },
          profile: speedProfile(a.name, a.speeds),
        }))
      : base.areas,
  };
}

/** Converts a validated day into a VrpProblem plus the stops that cannot be planned at all. */
export async function dayToProblem(day: Day, options: DayToProblemOptions = {}): Promise<DayProblem> {
  const warnings: string[] = [];
  const rejected: RejectedStop[] = [];

  const depots: DepotSpec[] = [];
  const points: LatLng[] = [];
  day.warehouses.forEach((w, i) => {
    const p = toWgs84({ lat: w.lat, lng: w.lng }, coordSystemOf(day, w));
    try {
      assertInsideChina(p, `warehouse "${w.id}" ${w.name}`);
    } catch (e) {
      if (e instanceof OutsideChinaError) throw new DayPlanError(e.message);
      throw e;
    }
    points.push(p);
    depots.push({ id: w.id, location: i, open: w.open, close: w.close });
  });

  const stopLocation: number[] = [];
  day.stops.forEach((s, i) => {
    const p = toWgs84({ lat: s.lat, lng: s.lng }, coordSystemOf(day, s));
    if (!insideChina(p)) {
      stopLocation.push(-1);
      rejected.push({
        stop: i,
        id: s.id,
        name: s.name,
        reason: "outside_china",
        message: new OutsideChinaError(stopLabel(s), { lat: s.lat, lng: s.lng }).message,
      });
      return;
    }
    stopLocation.push(points.length);
    points.push(p);
  });

  // Zones: a van kept out of any zone is "restricted" for the solver and holds a permit for every zone
  // that does not affect it, so each zone keeps out exactly its own vans.
  const zoneSets = day.zones.map((z) => zoneAffects(day, z));
  const affected = new Set<number>();
  for (const set of zoneSets) for (const v of set) affected.add(v);
  const permitsOf = (vi: number) => day.zones.map((_, zi) => zoneKey(day, zi)).filter((_, zi) => !zoneSets[zi].has(vi));

  const vehicles: VehicleSpec[] = [];
  const vehicleVan: { van: number; unit: number }[] = [];
  const depotIndex = new Map(day.warehouses.map((w, i) => [w.id, i]));
  day.vans.forEach((v, vi) => {
    const depot = depotIndex.get(v.warehouse);
    if (depot === undefined) throw new DayPlanError(`van "${v.id}": unknown warehouse "${v.warehouse}"`);
    const capacity = vanCapacity(v);
    for (let u = 1; u <= v.count; u++) {
      vehicles.push({
        id: v.count === 1 ? v.id : `${v.id}-${u}`,
        depot,
        capacity,
        features: vanFeatures(v),
        shiftStart: v.shift.start,
        shiftEnd: v.shift.end,
        maxDuration: v.maxRouteDuration ?? day.limits?.maxRouteDuration,
        restricted: affected.has(vi),
        ...(affected.has(vi) && permitsOf(vi).length > 0 ? { zonePermits: permitsOf(vi) } : {}),
        // Ranks equal van counts: prefer smaller vans (metres, the objective's scale).
        fixedCost: 10_000 + v.payload / 200,
      });
      vehicleVan.push({ van: vi, unit: u });
    }
  });

  let horizonFrom = Infinity;
  let horizonTo = -Infinity;
  for (const v of vehicles) {
    horizonFrom = Math.min(horizonFrom, Math.max(v.shiftStart, depots[v.depot].open));
    horizonTo = Math.max(horizonTo, Math.min(v.shiftEnd, depots[v.depot].close));
  }
  const config: TravelConfig = options.travel ?? travelConfigOf(day);
  const provider = options.provider ?? new OfflineMatrixProvider(config);
  const { model: travel } = await buildTravelModel(provider, {
    points,
    horizon: { from: horizonFrom, to: Math.max(horizonFrom, horizonTo) },
  });

  const stops: StopSpec[] = [];
  const stopIndex: number[] = [];
  day.stops.forEach((s, i) => {
    const location = stopLocation[i];
    if (location < 0) return;
    const spec: StopSpec = {
      id: s.id,
      location,
      twStart: s.window.from,
      twEnd: s.window.to,
      serviceTime: serviceSeconds(day, s),
      demand: stopDemand(s),
      requires: stopRequires(s),
      maxRideTime: stopMaxRideTime(day, s),
      zones: zonesAt(points[location], day),
    };
    stops.push(spec);
    stopIndex.push(i);
  });
  rejected.sort((a, b) => a.stop - b.stop);
  applyLocks(day, stops, stopIndex, vehicles, vehicleVan, warnings);

  const problem: VrpProblem = {
    name: day.name ?? `day ${day.date}`,
    depots,
    stops,
    vehicles,
    travel,
  };
  return { day, problem, points, stopLocation, stopIndex, vehicleVan, rejected, warnings };
}

/** Maps the day's lockedVan and fixedSequence (already validated by the schema) onto problem indices. */
function applyLocks(
  day: Day, stops: StopSpec[], stopIndex: number[], vehicles: VehicleSpec[], vehicleVan: { van: number; unit: number }[],
  warnings: string[]
): void {
  const units = vanUnitIds(day.vans);
  const vehicleOf = new Map(vehicleVan.map((vv, k) => [`${vv.van}/${vv.unit}`, k]));
  const problemStop = new Map(stopIndex.map((dayIndex, k) => [day.stops[dayIndex].id, k]));
  stopIndex.forEach((dayIndex, k) => {
    const lock = day.stops[dayIndex].lockedVan;
    if (lock === undefined) return;
    const unit = units.get(lock);
    if (!unit) throw new DayPlanError(`stop "${day.stops[dayIndex].id}": unknown van "${lock}"`);
    stops[k].lockedVehicle = vehicleOf.get(`${unit.van}/${unit.unit}`);
  });
  day.vans.forEach((v, vi) => {
    if (!v.fixedSequence) return;
    const k = vehicleOf.get(`${vi}/1`)!;
    const seq: number[] = [];
    for (const id of v.fixedSequence) {
      const ps = problemStop.get(id);
      if (ps === undefined) warnings.push(`van "${v.id}": fixed-sequence stop "${id}" cannot be planned and is skipped`);
      else seq.push(ps);
    }
    if (seq.length > 0) vehicles[k].fixedSequence = seq;
  });
}

function kg(g: number): string {
  return `${Math.round(g / 100) / 10} kg`;
}

/**
 * Explains, in the planner's words (times, van ids), why a problem stop cannot be served by any van
 * on its own; null when some van could. Used to word the solver's unassigned reasons.
 */
export function diagnoseStop(
  dp: DayProblem,
  problemStop: number
): { reason: UnassignedReason; message: string } | null {
  const { problem, day } = dp;
  const s = day.stops[dp.stopIndex[problemStop]];
  return checkStop(problem.stops[problemStop], s, problem.vehicles, problem.depots, problem.travel);
}

/** First moment ≥ t outside every forbidden interval (intervals merged and sorted). */
export function leaveForbidden(t: number, forbidden: TimeInterval[] | undefined): number {
  let x = t;
  for (const f of forbidden ?? []) if (x >= f.from && x < f.to) x = f.to;
  return x;
}

const STAGES = ["no_eligible_vehicle", "capacity", "time_window", "restricted_zone", "ride_time", "return"] as const;

/**
 * Checks that at least one vehicle could serve the stop alone (eligible, big enough, can arrive in
 * the window outside forbidden hours, within the ride-time limit and back within its shift).
 * Returns null when one can, else the reason the most promising vehicle failed.
 */
export function checkStop(
  spec: StopSpec,
  stop: { id: string; name: string },
  vehicles: VehicleSpec[],
  depots: DepotSpec[],
  travel: TravelModel
): { reason: UnassignedReason; message: string } | null {
  const label = stopLabel(stop);
  let bestStage = -1;
  let bestMessage = "";
  let bestScore = Infinity;
  // Report the vehicle that got furthest; among equals, the one with the lowest score (e.g. earliest arrival).
  const fail = (stage: number, message: string, score = 0) => {
    if (stage > bestStage || (stage === bestStage && score < bestScore)) {
      bestStage = stage;
      bestMessage = message;
      bestScore = score;
    }
  };
  for (const v of vehicles) {
    const missing = spec.requires.filter((r) => !v.features.includes(r));
    if (missing.length > 0) {
      fail(0, `${label} needs ${spec.requires.join(" + ")} in one van, and no van has all of those compartments`);
      continue;
    }
    const over = spec.demand.findIndex((d, k) => d > (v.capacity[k] ?? 0));
    if (over >= 0) {
      const dim = DIMENSIONS[over];
      const amount = dim.endsWith("g") ? kg(spec.demand[over]) : `${spec.demand[over] / 1e6} m³`;
      fail(1, `${label}: ${amount} (${dim.replace(/ (g|cm³)$/, "")}) is more than any eligible van can carry`);
      continue;
    }
    const depot = depots[v.depot];
    const leave = Math.max(v.shiftStart, depot.open);
    const back = Math.min(v.shiftEnd, depot.close);
    const drive = travel.time(depot.location, spec.location, leave);
    const arrive = leave + drive;
    if (arrive > spec.twEnd) {
      fail(
        2,
        `${label}: window closes ${formatClock(spec.twEnd)}, but the earliest van (${v.id}, leaving ${depot.id} ` +
          `at ${formatClock(leave)}) arrives ${formatClock(arrive)}`,
        arrive
      );
      continue;
    }
    let start = Math.max(arrive, spec.twStart);
    if (v.restricted) start = leaveForbidden(start, mergeIntervals(forbiddenFor(spec, v)));
    if (start > spec.twEnd) {
      fail(
        3,
        `${label}: lies in a restricted zone during its whole window ` +
          `${formatClock(spec.twStart)}–${formatClock(spec.twEnd)} and every van that can carry it is kept out ` +
          "(restricted, without the zone's permit)"
      );
      continue;
    }
    // Leave as late as possible so waiting happens at the depot, not with the load on board.
    const rideDrive = travel.time(depot.location, spec.location, Math.max(leave, start - drive));
    if (spec.maxRideTime !== undefined && rideDrive > spec.maxRideTime) {
      fail(
        4,
        `${label}: ${Math.round(rideDrive / 60)} min from ${depot.id} exceeds the ${Math.round(
          spec.maxRideTime / 60
        )} min ` + "allowed on the road for its load"
      );
      continue;
    }
    const finish = start + spec.serviceTime;
    const home = finish + travel.time(spec.location, depot.location, finish);
    const departed = Math.max(leave, start - rideDrive);
    if (home > back || (v.maxDuration !== undefined && home - departed > v.maxDuration)) {
      fail(5, `${label}: no van can serve it and be back at its warehouse within its shift or route limit`);
      continue;
    }
    return null;
  }
  if (bestStage < 0) return { reason: "no_eligible_vehicle", message: `${label}: there are no vans` };
  const stage = STAGES[bestStage];
  return { reason: stage === "return" ? "time_window" : stage, message: bestMessage };
}
