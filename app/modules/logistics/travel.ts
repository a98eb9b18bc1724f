/**
 * Offline travel model for the day planner: road distance is the great-circle distance times a
 * detour factor; travel time integrates piecewise-constant speeds over the day (so it is FIFO by
 * construction), with a speed profile chosen by the area each end of a leg lies in.
 *
 * The solver only sees a TravelModel (model.ts). It is built from TravelMatrices, which any
 * MatrixProvider can produce: the offline one here, or later one backed by OSRM / Valhalla.
 */
import { haversine, insideArea, type Area, type LatLng } from "./geo";
import type { TravelModel } from "./model";

/** Seconds in a day; speed profiles repeat with this period. */
export const DAY_SECONDS = 86_400;

/** Speed from `from` (seconds since midnight) until the next band starts. */
export interface SpeedBand {
  from: number;
  kmh: number;
}

/** A daily, piecewise-constant speed profile; bands are sorted and the first starts at 0. */
export interface SpeedProfile {
  name: string;
  bands: SpeedBand[];
}

/** An area whose roads follow `profile` (e.g. inside the Inner Ring). */
export interface SpeedArea {
  name: string;
  area: Area;
  profile: SpeedProfile;
}

/** Everything the offline model needs; plain data so a day file can override it. */
export interface TravelConfig {
  /** Road distance ÷ great-circle distance. */
  detourFactor: number;
  /** Checked in order; the first area containing a point decides its profile. */
  areas: SpeedArea[];
  /** Profile for points outside every area. */
  defaultProfile: SpeedProfile;
  /**
   * Spacing of the precomputed departure-time slices, seconds. Between slices the time is
   * interpolated, which is off by at most about a quarter of a slice near a speed change.
   */
  sliceSeconds: number;
}

const h = (hh: number, mm = 0) => hh * 3600 + mm * 60;

/** Builds a SpeedProfile from [["HH:MM", kmh], ...] pairs. */
export function profile(name: string, bands: Array<[string, number]>): SpeedProfile {
  return {
    name,
    bands: bands.map(([t, kmh]) => {
      const [hh, mm] = t.split(":").map(Number);
      return { from: h(hh, mm), kmh };
    }),
  };
}

// Approximate course of the Inner Ring Road (内环高架): Zhongshan Rd in Puxi, the Nanpu and
// Yangpu bridges, Luoshan Rd in Pudong. WGS-84, good to a few hundred metres; a speed model and
// the default truck-restriction zone do not need more.
export const SHANGHAI_INNER_RING: LatLng[] = [
  { lat: 31.21, lng: 121.488 },
  { lat: 31.202, lng: 121.508 },
  { lat: 31.203, lng: 121.525 },
  { lat: 31.205, lng: 121.556 },
  { lat: 31.23, lng: 121.562 },
  { lat: 31.245, lng: 121.551 },
  { lat: 31.253, lng: 121.54 },
  { lat: 31.262, lng: 121.525 },
  { lat: 31.27, lng: 121.522 },
  { lat: 31.2785, lng: 121.508 },
  { lat: 31.281, lng: 121.488 },
  { lat: 31.272, lng: 121.46 },
  { lat: 31.258, lng: 121.434 },
  { lat: 31.243, lng: 121.418 },
  { lat: 31.225, lng: 121.415 },
  { lat: 31.205, lng: 121.424 },
  { lat: 31.19, lng: 121.432 },
  { lat: 31.185, lng: 121.45 },
  { lat: 31.192, lng: 121.468 },
  { lat: 31.2, lng: 121.48 },
];

// Approximate course of the Outer Ring (外环, S20), WGS-84.
export const SHANGHAI_OUTER_RING: LatLng[] = [
  { lat: 31.11, lng: 121.385 },
  { lat: 31.2, lng: 121.355 },
  { lat: 31.255, lng: 121.36 },
  { lat: 31.33, lng: 121.395 },
  { lat: 31.355, lng: 121.455 },
  { lat: 31.365, lng: 121.51 },
  { lat: 31.345, lng: 121.58 },
  { lat: 31.3, lng: 121.62 },
  { lat: 31.23, lng: 121.635 },
  { lat: 31.175, lng: 121.62 },
  { lat: 31.12, lng: 121.56 },
  { lat: 31.09, lng: 121.47 },
  { lat: 31.1, lng: 121.42 },
];

/** Default Shanghai model: slow inside the Inner Ring by day, fast outside the Outer Ring at night. */
export const SHANGHAI_TRAVEL: TravelConfig = {
  detourFactor: 1.3,
  sliceSeconds: 300,
  areas: [
    {
      name: "inner-ring",
      area: { type: "polygon", points: SHANGHAI_INNER_RING },
      profile: profile("inner-ring", [
        ["00:00", 38],
        ["06:00", 30],
        ["07:00", 16],
        ["09:30", 20],
        ["16:30", 15],
        ["19:30", 24],
        ["22:00", 34],
      ]),
    },
    {
      name: "inner-to-outer-ring",
      area: { type: "polygon", points: SHANGHAI_OUTER_RING },
      profile: profile("inner-to-outer-ring", [
        ["00:00", 50],
        ["06:00", 38],
        ["07:00", 22],
        ["09:30", 28],
        ["16:30", 20],
        ["19:30", 32],
        ["22:00", 45],
      ]),
    },
  ],
  defaultProfile: profile("outside-outer-ring", [
    ["00:00", 60],
    ["06:00", 50],
    ["07:00", 32],
    ["09:30", 40],
    ["16:30", 30],
    ["19:30", 45],
    ["22:00", 55],
  ]),
};

/** Throws when a profile is unusable (unsorted, not starting at 0, non-positive speed). */
export function validateProfile(p: SpeedProfile): void {
  if (p.bands.length === 0 || p.bands[0].from !== 0) {
    throw new Error(`speed profile "${p.name}": the first band must start at 00:00`);
  }
  for (let i = 0; i < p.bands.length; i++) {
    const b = p.bands[i];
    if (!(b.kmh > 0) || !Number.isFinite(b.kmh)) throw new Error(`speed profile "${p.name}": speed must be > 0`);
    if (i > 0 && !(b.from > p.bands[i - 1].from)) {
      throw new Error(`speed profile "${p.name}": bands must be in increasing time order`);
    }
    if (b.from >= DAY_SECONDS) throw new Error(`speed profile "${p.name}": band starts after 24:00`);
  }
}

/**
 * Seconds needed to drive `metres` under `p` when leaving at `departAt`. Integrates the distance
 * covered band by band, which makes it FIFO: leaving later never arrives earlier. Times past
 * midnight wrap onto the next day's profile.
 */
export function integrateTravel(metres: number, departAt: number, p: SpeedProfile): number {
  if (metres <= 0) return 0;
  const bands = p.bands;
  let remaining = metres;
  let t = departAt;
  // Bounded: each iteration either finishes or reaches the next band boundary.
  for (let guard = 0; guard < 10_000; guard++) {
    const dayStart = Math.floor(t / DAY_SECONDS) * DAY_SECONDS;
    const tod = t - dayStart;
    let k = bands.length - 1;
    while (k > 0 && bands[k].from > tod) k--;
    const mps = bands[k].kmh / 3.6;
    const bandEnd = dayStart + (k + 1 < bands.length ? bands[k + 1].from : DAY_SECONDS);
    const reach = mps * (bandEnd - t);
    if (reach >= remaining) return t + remaining / mps - departAt;
    remaining -= reach;
    t = bandEnd;
  }
  throw new Error("integrateTravel: did not converge");
}

/** Road metres between two points under the config's detour factor. */
export function roadDistance(a: LatLng, b: LatLng, config: TravelConfig = SHANGHAI_TRAVEL): number {
  return haversine(a, b) * config.detourFactor;
}

/** Index of the speed profile for a point: an index into config.areas, or -1 for the default. */
export function areaIndex(p: LatLng, config: TravelConfig = SHANGHAI_TRAVEL): number {
  return config.areas.findIndex((a) => insideArea(p, a.area));
}

function profileAt(config: TravelConfig, idx: number): SpeedProfile {
  return idx < 0 ? config.defaultProfile : config.areas[idx].profile;
}

/**
 * Exact offline travel time from a to b leaving at `departAt`: the first half of the road distance
 * at the origin area's speeds, the second half at the destination's. Composition of two FIFO
 * functions, hence FIFO.
 */
export function offlineTravelTime(
  a: LatLng,
  b: LatLng,
  departAt: number,
  config: TravelConfig = SHANGHAI_TRAVEL
): number {
  return legTime(roadDistance(a, b, config), departAt, areaIndex(a, config), areaIndex(b, config), config);
}

function legTime(metres: number, departAt: number, ia: number, ib: number, config: TravelConfig): number {
  if (ia === ib) return integrateTravel(metres, departAt, profileAt(config, ia));
  const t1 = integrateTravel(metres / 2, departAt, profileAt(config, ia));
  return t1 + integrateTravel(metres / 2, departAt + t1, profileAt(config, ib));
}

/** Row-major n×n matrices: distance in metres, and travel seconds sampled at departure times. */
export interface TravelMatrices {
  size: number;
  distance: Float64Array;
  /** Ascending departure times (seconds since local midnight) at which `times` were sampled. */
  sliceStarts: number[];
  /** One n×n matrix of travel seconds per slice start. */
  times: Float64Array[];
}

/** What a provider is asked for: the points and the span of departure times that matters. */
export interface MatrixRequest {
  points: LatLng[];
  horizon: { from: number; to: number };
}

/** Source of travel matrices: the offline model, or a real routing engine behind the same shape. */
export interface MatrixProvider {
  readonly name: string;
  matrices(request: MatrixRequest): Promise<TravelMatrices>;
}

/** Uniform departure-time grid covering the horizon, with at least one slice. */
export function sliceGrid(horizon: { from: number; to: number }, step: number): number[] {
  const from = Math.floor(horizon.from / step) * step;
  const to = Math.max(from, Math.ceil(horizon.to / step) * step);
  const out: number[] = [];
  for (let t = from; t <= to; t += step) out.push(t);
  return out;
}

function isConstantConfig(config: TravelConfig): boolean {
  const speeds = new Set<number>();
  for (const p of [config.defaultProfile, ...config.areas.map((a) => a.profile)]) {
    for (const b of p.bands) speeds.add(b.kmh);
  }
  return speeds.size <= 1;
}

const MAX_MATRIX_ENTRIES = 8_000_000;

/** The offline provider: haversine × detour factor, area speed profiles, one matrix per slice. */
export class OfflineMatrixProvider implements MatrixProvider {
  readonly name = "offline";
  constructor(readonly config: TravelConfig = SHANGHAI_TRAVEL) {
    if (!(config.detourFactor >= 1)) throw new Error("travel: detourFactor must be ≥ 1");
    if (!(config.sliceSeconds >= 60)) throw new Error("travel: sliceSeconds must be ≥ 60");
    validateProfile(config.defaultProfile);
    for (const a of config.areas) validateProfile(a.profile);
  }

  /** Computes the matrices synchronously (the async wrapper exists for the interface). */
  compute(request: MatrixRequest): TravelMatrices {
    const { points } = request;
    const n = points.length;
    const distance = new Float64Array(n * n);
    const areas = points.map((p) => areaIndex(p, this.config));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        distance[i * n + j] = i === j ? 0 : roadDistance(points[i], points[j], this.config);
      }
    }
    // Coarser slices for very large point sets keep the matrices within ~64 MB.
    const span = Math.max(0, request.horizon.to - request.horizon.from);
    let step = this.config.sliceSeconds;
    while (n * n * (span / step + 2) > MAX_MATRIX_ENTRIES && step < DAY_SECONDS) step *= 2;
    const sliceStarts = isConstantConfig(this.config) ? [request.horizon.from] : sliceGrid(request.horizon, step);
    const times = sliceStarts.map((t0) => {
      const m = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          m[i * n + j] = i === j ? 0 : legTime(distance[i * n + j], t0, areas[i], areas[j], this.config);
        }
      }
      return m;
    });
    return { size: n, distance, sliceStarts, times };
  }

  /** See MatrixProvider. */
  async matrices(request: MatrixRequest): Promise<TravelMatrices> {
    return this.compute(request);
  }
}

/**
 * A provider over matrices computed elsewhere (e.g. an OSRM or Valhalla table fetched ahead of time
 * and stored with the day), keyed by nothing but point order: it checks the size and hands them back.
 */
export class StaticMatrixProvider implements MatrixProvider {
  readonly name = "static";
  constructor(readonly fixed: TravelMatrices) {}

  /** See MatrixProvider. */
  async matrices(request: MatrixRequest): Promise<TravelMatrices> {
    if (request.points.length !== this.fixed.size) {
      throw new Error(`static matrices cover ${this.fixed.size} points, but ${request.points.length} were asked for`);
    }
    return this.fixed;
  }
}

/**
 * Wraps sampled matrices as the solver's TravelModel. Between slices the travel time is linearly
 * interpolated, outside them it is held constant. Samples from an engine may violate FIFO (a later
 * slice arriving earlier); those are raised just enough to restore it, because the solver's slack
 * arithmetic relies on FIFO.
 */
export function travelModelFromMatrices(m: TravelMatrices): TravelModel {
  const n = m.size;
  const nn = n * n;
  const k = m.sliceStarts.length;
  if (k === 0 || m.times.length !== k) throw new Error("travel matrices: one time matrix per slice start");
  if (m.distance.length !== nn) throw new Error("travel matrices: distance matrix has the wrong size");
  for (let s = 1; s < k; s++) {
    if (!(m.sliceStarts[s] > m.sliceStarts[s - 1])) throw new Error("travel matrices: slice starts must ascend");
  }
  const flat = new Float64Array(k * nn);
  for (let s = 0; s < k; s++) {
    if (m.times[s].length !== nn) throw new Error("travel matrices: time matrix has the wrong size");
    flat.set(m.times[s], s * nn);
  }
  for (let s = 1; s < k; s++) {
    const gap = m.sliceStarts[s] - m.sliceStarts[s - 1];
    for (let e = 0; e < nn; e++) {
      const minimum = flat[(s - 1) * nn + e] - gap;
      if (flat[s * nn + e] < minimum) flat[s * nn + e] = minimum;
    }
  }
  const starts = m.sliceStarts.slice();
  const t0 = starts[0];
  const tLast = starts[k - 1];
  const step = k > 1 ? starts[1] - starts[0] : 1;
  const uniform = starts.every((s, i) => Math.abs(s - (t0 + i * step)) < 1e-9);
  const distance = m.distance;

  const time = (i: number, j: number, departAt: number): number => {
    const e = i * n + j;
    if (k === 1 || departAt <= t0) return flat[e];
    if (departAt >= tLast) return flat[(k - 1) * nn + e];
    let s: number;
    if (uniform) {
      s = Math.min(k - 2, Math.floor((departAt - t0) / step));
    } else {
      let lo = 0;
      let hi = k - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= departAt) lo = mid;
        else hi = mid;
      }
      s = lo;
    }
    const a = flat[s * nn + e];
    const b = flat[(s + 1) * nn + e];
    const f = (departAt - starts[s]) / (starts[s + 1] - starts[s]);
    return a + (b - a) * f;
  };

  return {
    size: n,
    timeIndependent: k === 1,
    distance: (i, j) => distance[i * n + j],
    time,
  };
}

/**
 * The offline model evaluated exactly on every call (no slices): slower per call than the sliced
 * model, for checks and for callers that prefer precision to speed.
 */
export function exactTravelModel(points: LatLng[], config: TravelConfig = SHANGHAI_TRAVEL): TravelModel {
  const n = points.length;
  const areas = points.map((p) => areaIndex(p, config));
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) distance[i * n + j] = roadDistance(points[i], points[j], config);
  return {
    size: n,
    timeIndependent: isConstantConfig(config),
    distance: (i, j) => distance[i * n + j],
    time: (i, j, departAt) => (i === j ? 0 : legTime(distance[i * n + j], departAt, areas[i], areas[j], config)),
  };
}

/** Asks `provider` for matrices and wraps them as a TravelModel. */
export async function buildTravelModel(
  provider: MatrixProvider,
  request: MatrixRequest
): Promise<{ model: TravelModel; matrices: TravelMatrices }> {
  const matrices = await provider.matrices(request);
  if (matrices.size !== request.points.length) {
    throw new Error(
      `matrix provider "${provider.name}" returned ${matrices.size} points, expected ${request.points.length}`
    );
  }
  return { model: travelModelFromMatrices(matrices), matrices };
}
