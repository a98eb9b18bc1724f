import type { TimeInterval, VrpProblem } from "../model";

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
  forbidden: (TimeInterval[] | null)[];
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
  const forbidden: (TimeInterval[] | null)[] = new Array(n).fill(null);
  let hasRide = false;
  let anyForbidden = false;
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
    if (s.forbidden && s.forbidden.length > 0) {
      forbidden[i] = [...s.forbidden].sort((a, b) => a.from - b.from);
      anyForbidden = true;
    }
  }
  const vLoc = new Int32Array(m);
  const vStart = new Float64Array(m);
  const vEnd = new Float64Array(m);
  const vMaxDur = new Float64Array(m);
  const vFixed = new Float64Array(m);
  const vCap = new Float64Array(m * dims);
  const vRestricted = new Uint8Array(m);
  const elig = new Uint8Array(m * n);
  let anyRestricted = false;
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
    if (veh.restricted) anyRestricted = true;
    const feats = new Set(veh.features);
    for (let i = 0; i < n; i++) {
      elig[v * n + i] = stops[i].requires.every((f) => feats.has(f)) ? 1 : 0;
    }
    const key = JSON.stringify([
      veh.depot, veh.capacity, [...feats].sort(), vStart[v], vEnd[v], veh.maxDuration ?? null, vRestricted[v], vFixed[v],
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
  const fast = travel.timeIndependent && hasMatrix && !hasRide && !(anyForbidden && anyRestricted);
  const d = hasMatrix ? (a: number, b: number) => dm[a * L + b] : (a: number, b: number) => travel.distance(a, b);
  return {
    d, problem, n, m, dims, L, hasMatrix, dm, tm, timeIndependent: travel.timeIndependent, fast, hasRide,
    loc, tws, twe, svc, demand, maxRide, forbidden,
    vLoc, vStart, vEnd, vMaxDur, vFixed, vCap, vRestricted, vClass, classMembers, elig,
  };
}

/** Distance between two locations. */
export function dist(c: Compiled, a: number, b: number): number {
  return c.hasMatrix ? c.dm[a * c.L + b] : c.problem.travel.distance(a, b);
}

/** Travel time between two locations when leaving at `at`. */
export function travelTime(c: Compiled, a: number, b: number, at: number): number {
  return c.tm.length > 0 ? c.tm[a * c.L + b] : c.problem.travel.time(a, b, at);
}
