import type { TimeInterval, VrpProblem } from "../model";
import { forbiddenFor } from "../zones";

/** Tolerance of the solver's own feasibility checks; stricter than any evaluator should be. */
export const EPS = 1e-7;

/** Largest location count for which distance/time matrices are materialised. */
const MATRIX_LIMIT = 2500;

/** The problem flattened into typed arrays for the hot loops. Stop and vehicle indices are the caller's. */
export interface Compiled {
  problem: VrpProblem;
  n: number;
  m: number;
  dims: number;
  /** Number of locations in the travel model. */
  L: number;
  hasMatrix: boolean;
  /** Distances by location pair (L*L) when hasMatrix. */
  dm: Float64Array;
  /** Travel times by location pair (L*L) when hasMatrix and travel is time-independent. */
  tm: Float64Array;
  timeIndependent: boolean;
  /** True when O(1) segment arithmetic is exact: time-independent, no ride limits, no active forbidden intervals. */
  fast: boolean;
  hasRide: boolean;
  loc: Int32Array;
  tws: Float64Array;
  twe: Float64Array;
  svc: Float64Array;
  /** n*dims */
  demand: Float64Array;
  maxRide: Float64Array;
  /**
   * Forbidden intervals by zone profile and stop (profile*n + stop), sorted by start; null when none.
   * Profile 0 (unrestricted vehicles) never has any; vehicles with the same permits share a profile.
   */
  forbid: (TimeInterval[] | null)[];
  /** Zone profile of each vehicle (index into the rows of `forbid`). */
  vZone: Int32Array;
  /** Vehicle each stop is locked to (lockedVehicle or a fixed sequence), -1 when free. */
  lockedTo: Int32Array;
  /** Position of each stop in its vehicle's fixed sequence, -1 when in none. */
  seqRank: Int32Array;
  /** Number of stops locked to each vehicle: such a route is never dropped as a whole. */
  vLocked: Int32Array;
  hasLocks: boolean;
  hasSeq: boolean;
  vLoc: Int32Array;
  vStart: Float64Array;
  vEnd: Float64Array;
  vMaxDur: Float64Array;
  vFixed: Float64Array;
  /** m*dims */
  vCap: Float64Array;
  vRestricted: Uint8Array;
  /** Vehicles with identical attributes share a class; one empty vehicle per class is enough to try. */
  vClass: Int32Array;
  classMembers: number[][];
  /** m*n: vehicle v may serve stop i (features). */
  elig: Uint8Array;
  /** Distance between locations (plain field rather than an import so hot loops avoid module getters). */
  d: (a: number, b: number) => number;
}

function fail(msg: string): never {
  throw new Error(`Invalid routing problem: ${msg}`);
}

/** Validates the problem and flattens it; throws an Error with a readable message on malformed input. */
export function compile(problem: VrpProblem): Compiled {
  const { stops, vehicles, depots, travel } = problem;
  const n = stops.length;
  const m = vehicles.length;
  const L = travel.size;
  let dims = 0;
  for (const v of vehicles) dims = Math.max(dims, v.capacity.length);
  for (const s of stops) dims = Math.max(dims, s.demand.length);
  for (const v of vehicles) {
    if (v.capacity.length !== dims) fail(`vehicle "${v.id}" has ${v.capacity.length} capacity entries, expected ${dims}`);
    if (!(v.depot >= 0 && v.depot < depots.length)) fail(`vehicle "${v.id}" refers to unknown depot ${v.depot}`);
  }
  for (const d of depots) {
    if (!(d.location >= 0 && d.location < L)) fail(`depot "${d.id}" has location ${d.location} outside 0..${L - 1}`);
  }
  const loc = new Int32Array(n);
  const tws = new Float64Array(n);
  const twe = new Float64Array(n);
  const svc = new Float64Array(n);
  const demand = new Float64Array(n * dims);
  const maxRide = new Float64Array(n);
  let hasRide = false;
  for (let i = 0; i < n; i++) {
    const s = stops[i];
    if (!(s.location >= 0 && s.location < L)) fail(`stop "${s.id}" has location ${s.location} outside 0..${L - 1}`);
    if (s.demand.length !== dims) fail(`stop "${s.id}" has ${s.demand.length} demand entries, expected ${dims}`);
    if (!Number.isFinite(s.twStart) || Number.isNaN(s.twEnd)) fail(`stop "${s.id}" has a non-numeric time window`);
    loc[i] = s.location;
    tws[i] = s.twStart;
    twe[i] = s.twEnd;
    svc[i] = s.serviceTime;
    for (let d = 0; d < dims; d++) demand[i * dims + d] = s.demand[d];
    maxRide[i] = s.maxRideTime ?? Infinity;
    if (s.maxRideTime !== undefined) hasRide = true;
  }
  const { lockedTo, seqRank, vLocked } = compileLocks(problem);
  const vLoc = new Int32Array(m);
  const vStart = new Float64Array(m);
  const vEnd = new Float64Array(m);
  const vMaxDur = new Float64Array(m);
  const vFixed = new Float64Array(m);
  const vCap = new Float64Array(m * dims);
  const vRestricted = new Uint8Array(m);
  const elig = new Uint8Array(m * n);
  const { forbid, vZone, anyForbid } = compileZones(problem);
  const classKey = new Map<string, number>();
  const vClass = new Int32Array(m);
  const classMembers: number[][] = [];
  for (let v = 0; v < m; v++) {
    const veh = vehicles[v];
    const dep = depots[veh.depot];
    vLoc[v] = dep.location;
    vStart[v] = Math.max(veh.shiftStart, dep.open);
    vEnd[v] = Math.min(veh.shiftEnd, dep.close);
    vMaxDur[v] = veh.maxDuration ?? Infinity;
    vFixed[v] = veh.fixedCost ?? 0;
    for (let d = 0; d < dims; d++) vCap[v * dims + d] = veh.capacity[d];
    vRestricted[v] = veh.restricted ? 1 : 0;
    const feats = new Set(veh.features);
    for (let i = 0; i < n; i++) {
      const free = lockedTo[i] < 0 || lockedTo[i] === v;
      elig[v * n + i] = free && stops[i].requires.every((f) => feats.has(f)) ? 1 : 0;
    }
    // A vehicle with locked stops is eligible for stops no other vehicle is, so it is a class of its own.
    const key = JSON.stringify([
      veh.depot, veh.capacity, [...feats].sort(), vStart[v], vEnd[v], veh.maxDuration ?? null, vRestricted[v], vFixed[v],
      vZone[v], vLocked[v] > 0 ? v : -1,
    ]);
    let cl = classKey.get(key);
    if (cl === undefined) {
      cl = classMembers.length;
      classKey.set(key, cl);
      classMembers.push([]);
    }
    vClass[v] = cl;
    classMembers[cl].push(v);
  }
  const hasMatrix = L <= MATRIX_LIMIT;
  const dm = new Float64Array(hasMatrix ? L * L : 0);
  const tm = new Float64Array(hasMatrix && travel.timeIndependent ? L * L : 0);
  if (hasMatrix) {
    for (let a = 0; a < L; a++) {
      for (let b = 0; b < L; b++) {
        dm[a * L + b] = travel.distance(a, b);
        if (travel.timeIndependent) tm[a * L + b] = travel.time(a, b, 0);
      }
    }
  }
  const fast = travel.timeIndependent && hasMatrix && !hasRide && !anyForbid;
  const d = hasMatrix ? (a: number, b: number) => dm[a * L + b] : (a: number, b: number) => travel.distance(a, b);
  return {
    d, problem, n, m, dims, L, hasMatrix, dm, tm, timeIndependent: travel.timeIndependent, fast, hasRide,
    loc, tws, twe, svc, demand, maxRide, forbid, vZone, lockedTo, seqRank, vLocked,
    hasLocks: lockedTo.some((v) => v >= 0), hasSeq: seqRank.some((r) => r >= 0),
    vLoc, vStart, vEnd, vMaxDur, vFixed, vCap, vRestricted, vClass, classMembers, elig,
  };
}

/** Checks lockedVehicle and fixedSequence and returns, per stop, its vehicle and sequence position. */
function compileLocks(problem: VrpProblem): { lockedTo: Int32Array; seqRank: Int32Array; vLocked: Int32Array } {
  const { stops, vehicles } = problem;
  const n = stops.length;
  const m = vehicles.length;
  const lockedTo = new Int32Array(n).fill(-1);
  const seqRank = new Int32Array(n).fill(-1);
  const vLocked = new Int32Array(m);
  const seqOwner = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const lv = stops[i].lockedVehicle;
    if (lv === undefined) continue;
    if (!(Number.isInteger(lv) && lv >= 0 && lv < m)) fail(`stop "${stops[i].id}" is locked to unknown vehicle ${lv}`);
    lockedTo[i] = lv;
  }
  for (let v = 0; v < m; v++) {
    const seq = vehicles[v].fixedSequence;
    if (!seq) continue;
    seq.forEach((i, rank) => {
      if (!(Number.isInteger(i) && i >= 0 && i < n)) fail(`vehicle "${vehicles[v].id}" has unknown stop ${i} in its fixed sequence`);
      if (seqOwner[i] === v) fail(`stop "${stops[i].id}" appears twice in the fixed sequence of vehicle "${vehicles[v].id}"`);
      if (seqOwner[i] >= 0) {
        fail(`stop "${stops[i].id}" is in the fixed sequences of both "${vehicles[seqOwner[i]].id}" and "${vehicles[v].id}"`);
      }
      if (lockedTo[i] >= 0 && lockedTo[i] !== v) {
        fail(`stop "${stops[i].id}" is in the fixed sequence of "${vehicles[v].id}" but locked to "${vehicles[lockedTo[i]].id}"`);
      }
      seqOwner[i] = v;
      seqRank[i] = rank;
      lockedTo[i] = v;
    });
  }
  for (let i = 0; i < n; i++) if (lockedTo[i] >= 0) vLocked[lockedTo[i]]++;
  return { lockedTo, seqRank, vLocked };
}

/** Groups vehicles by what zones keep them out of, and lists the forbidden intervals per group and stop. */
function compileZones(problem: VrpProblem): { forbid: (TimeInterval[] | null)[]; vZone: Int32Array; anyForbid: boolean } {
  const { stops, vehicles } = problem;
  const n = stops.length;
  const vZone = new Int32Array(vehicles.length);
  const profileKey = new Map<string, number>();
  const representative: number[] = [-1];
  vehicles.forEach((veh, v) => {
    if (!veh.restricted) return;
    const key = JSON.stringify([...new Set(veh.zonePermits ?? [])].sort());
    let p = profileKey.get(key);
    if (p === undefined) {
      p = representative.length;
      profileKey.set(key, p);
      representative.push(v);
    }
    vZone[v] = p;
  });
  const forbid: (TimeInterval[] | null)[] = new Array(representative.length * n).fill(null);
  let anyForbid = false;
  for (let p = 1; p < representative.length; p++) {
    const veh = vehicles[representative[p]];
    for (let i = 0; i < n; i++) {
      const list = forbiddenFor(stops[i], veh);
      if (list.length > 0) {
        forbid[p * n + i] = list;
        anyForbid = true;
      }
    }
  }
  return { forbid, vZone, anyForbid };
}

/** Distance between two locations. */
export function dist(c: Compiled, a: number, b: number): number {
  return c.hasMatrix ? c.dm[a * c.L + b] : c.problem.travel.distance(a, b);
}

/** Travel time between two locations when leaving at `at`. */
export function travelTime(c: Compiled, a: number, b: number, at: number): number {
  return c.tm.length > 0 ? c.tm[a * c.L + b] : c.problem.travel.time(a, b, at);
}
