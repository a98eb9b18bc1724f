/**
 * The search behind solve(), in phases (runSearch at the bottom calls them in order):
 *  1. construction: several greedy insertions in varied orders, each polished by local search; keep the best.
 *  2. fleet minimisation: drop a route and repair by ruin-and-recreate that accepts fewer absent stops
 *     or lower absence counters (SISR fleet minimisation); repeat while it succeeds.
 *  3. distance annealing: simulated annealing over ruin-and-recreate (string removals around a seed,
 *     greedy insertion with blinks), with kicks that drop or split a route when the search stalls.
 *  4. final local search (relocate, swap, 2-opt*, or-opt, 2-opt) on the best solution.
 * Bookkeeping (the clock, the iteration cap, cancellation, progress, the best solution) sits in
 * SearchClock and Incumbent; the ruin and recreate operators in RuinRecreate.
 * Feasibility is exact throughout: O(1) segment arithmetic when travel is time-independent, route
 * simulation otherwise. Locked stops can only be inserted into their own vehicle (eligibility), in the
 * order of its fixed sequence, and a route holding locked stops is never dropped whole.
 * Reference: Christiaens & Vanden Berghe, "Slack Induction by String Removals for Vehicle Routing
 * Problems", Transportation Science 54(2), 2020.
 */
import type { Compiled } from "./compile";
import {
  canInsertAt as canInsertAt_,
  fitsLoad as fitsLoad_,
  insertWarp as insertWarp_,
  sequenceBounds,
  sequenceFeasible,
} from "./route";
import { Rng } from "./rng";
import { State } from "./state";
import { localSearch as localSearch_ } from "./moves";

// Local copies: calling imported bindings goes through getters under tsx, which shows in the hot loop.
const canInsertAt = canInsertAt_;
const fitsLoad = fitsLoad_;
const insertWarp = insertWarp_;
const localSearch = localSearch_;

/** Tunable parameters of the ruin-and-recreate search (SISR, Christiaens & Vanden Berghe 2020). */
export interface SearchParams {
  /** Average number of stops removed per ruin. */
  cBar: number;
  /** Longest removed string. */
  lMax: number;
  /** Probability of continuing to grow the kept part of a split string. */
  splitGrow: number;
  /** Probability of skipping an insertion position (blinks). */
  blink: number;
  /** Share of the budget spent on removing vehicles. */
  fleetShare: number;
  /** Vehicle minimisation also ends once this share of the budget passes without removing a vehicle. */
  fleetStall: number;
  /** Start and end temperatures as multiples of the mean edge length. */
  t0: number;
  tf: number;
  /** Run local search on every new best solution of the distance phase. */
  lsOnBest: boolean;
  /** Penalise instead of forbid time warp and excess load in the distance phase (fast mode only). */
  soft: boolean;
  /** Number of initial constructions, and the budget share they may use. */
  starts: number;
  startShare: number;
  /** Kick after this share of the budget without a new best; a kick repairs for at most kickShare. */
  kickAfter: number;
  kickShare: number;
  /** Probability that a vehicle-phase repair inserts the most often absent stops first. */
  absentFirst: number;
}

export const DEFAULT_PARAMS: SearchParams = {
  cBar: 10,
  lMax: 10,
  splitGrow: 0.5,
  blink: 0.01,
  fleetShare: 0.75,
  fleetStall: 0.3,
  t0: 1,
  tf: 0.01,
  lsOnBest: false,
  soft: false,
  starts: 8,
  startShare: 0.06,
  kickAfter: 0.12,
  kickShare: 0.04,
  absentFirst: 0.5,
};

/** Why a search ended. */
export type StopReason = "time" | "cancelled" | "iterations";

export interface SearchProgress {
  elapsedMs: number;
  fraction: number;
  vehicles: number;
  distance: number;
  unassigned: number;
  iterations: number;
}

export interface SearchOptions {
  timeLimitMs: number;
  maxIterations?: number;
  seed: number;
  params?: Partial<SearchParams>;
  /** Unassigned stops found before search, reported in progress. */
  preUnassigned: number;
  onProgress?: (p: SearchProgress) => boolean | void;
  /** Longest gap between progress reports, ms (default 250). */
  progressIntervalMs?: number;
  /** Checked every iteration and inside long steps; once aborted the search returns its best so far. */
  signal?: { readonly aborted: boolean };
}

export interface SearchResult {
  /** Stops per vehicle, in visit order. */
  routes: number[][];
  absent: number[];
  iterations: number;
  stopped?: StopReason;
}

/** Lower bound on the vehicles needed, from total demand against the largest capacities. */
export function fleetLowerBound(c: Compiled, active: number[]): number {
  if (active.length === 0) return 0;
  let lb = 1;
  for (let q = 0; q < c.dims; q++) {
    let total = 0;
    for (const s of active) total += c.demand[s * c.dims + q];
    const caps: number[] = [];
    for (let v = 0; v < c.m; v++) caps.push(c.vCap[v * c.dims + q]);
    caps.sort((a, b) => b - a);
    let k = 0;
    let sum = 0;
    while (k < caps.length && sum < total - 1e-9) sum += caps[k++];
    lb = Math.max(lb, k);
  }
  return lb;
}

// ---- bookkeeping --------------------------------------------------------------------------------

/** The best solution found so far, compared hierarchically: absent stops, then vehicles, then cost. */
class Incumbent {
  snapshot: { routes: number[][]; absent: number[] };
  absent = Infinity;
  used = Infinity;
  cost = Infinity;
  distance = 0;

  constructor(st: State) {
    this.snapshot = st.snapshot();
  }

  /** True when a solution with these counts would beat the incumbent. */
  better(absent: number, used: number, cost: number): boolean {
    if (absent !== this.absent) return absent < this.absent;
    if (used !== this.used) return used < this.used;
    return cost < this.cost - 1e-9;
  }

  /** Makes the state's current solution the incumbent. */
  record(st: State): void {
    this.snapshot = st.snapshot();
    this.absent = st.absent.length;
    this.used = st.used;
    this.cost = st.plainCost();
    this.distance = st.totalDist;
  }
}

/** Iterations and elapsed time, the decision to stop (time, cap, cancellation) and progress reports. */
class SearchClock {
  iterations = 0;
  stop = false;
  stopped: StopReason | undefined = undefined;
  /** Set on cancellation, which (unlike the cap) also cuts long steps short. */
  private cancelled = false;
  private readonly startMs = performance.now();
  private lastProgress = 0;
  private readonly limit: number;
  private readonly maxIt: number;
  private readonly interval: number;
  private readonly signal: { readonly aborted: boolean } | undefined;

  constructor(private readonly opts: SearchOptions, private readonly best: Incumbent, private readonly activeCount: number) {
    this.limit = opts.timeLimitMs;
    this.maxIt = opts.maxIterations ?? 0;
    this.interval = opts.progressIntervalMs ?? 250;
    this.signal = opts.signal;
  }

  /** Milliseconds since the search started. */
  elapsed(): number {
    return performance.now() - this.startMs;
  }

  /** Share of the budget used: by iterations under a cap (reproducible), else by time. */
  fraction(): number {
    if (this.maxIt > 0) return Math.min(1, this.iterations / this.maxIt);
    return Math.min(1, this.elapsed() / this.limit);
  }

  /** Ends the search; the first reason given is the one reported. */
  halt(reason: StopReason): void {
    this.stop = true;
    if (reason === "cancelled") this.cancelled = true;
    if (this.stopped === undefined) this.stopped = reason;
  }

  /** Checks the iteration cap, the clock and the signal, and reports progress when due. */
  tick(): void {
    const e = this.elapsed();
    if (this.maxIt > 0 && this.iterations >= this.maxIt) this.halt("iterations");
    if (e >= this.limit) this.halt("time");
    if (this.signal !== undefined && this.signal.aborted) this.halt("cancelled");
    if (this.opts.onProgress && (e - this.lastProgress >= this.interval || this.stop)) this.report(e);
  }

  /** Once per search iteration: a full tick every 8th, otherwise only the cancellation flag. */
  pulse(): void {
    if ((this.iterations & 7) === 0) this.tick();
    else if (this.signal !== undefined && this.signal.aborted) this.halt("cancelled");
  }

  /**
   * Inside long steps (a construction, a local search): cancellation, the clock when `timed`, and
   * progress when due. True when the step must end now; a reached iteration cap lets it finish (as a
   * step under way always did), so capped runs stay reproducible.
   */
  checkpoint(timed: boolean): boolean {
    const e = this.elapsed();
    let end = false;
    if (timed && e >= this.limit) {
      this.halt("time");
      end = true;
    }
    if (this.signal !== undefined && this.signal.aborted) this.halt("cancelled");
    if (this.opts.onProgress && e - this.lastProgress >= this.interval) this.report(e);
    return end || this.cancelled;
  }

  private report(e: number): void {
    this.lastProgress = e;
    const best = this.best;
    const res = this.opts.onProgress!({
      elapsedMs: e,
      fraction: Math.min(1, this.maxIt > 0 ? this.iterations / this.maxIt : e / this.limit),
      vehicles: best.used === Infinity ? 0 : best.used,
      distance: best.cost === Infinity ? 0 : best.distance,
      unassigned: (best.absent === Infinity ? this.activeCount : best.absent) + this.opts.preUnassigned,
      iterations: this.iterations,
    });
    if (res === false) this.halt("cancelled");
  }
}

// ---- ruin and recreate --------------------------------------------------------------------------

/** The ruin (string removal) and recreate (greedy insertion with blinks) operators over one State. */
class RuinRecreate {
  /** Penalised insertion (time warp, excess load) instead of hard feasibility. */
  soft = false;
  /** Most routes a recreate may use (empty vehicles are opened only below it). */
  capRoutes: number;
  /** Stops removed by the last ruin. */
  readonly removed: number[] = [];
  /** How often each stop was left absent by a fleet-phase repair. */
  readonly absCount: Float64Array;
  /** Nearest stops of each stop (symmetrised distance), itself first. */
  readonly neigh: Int32Array[];
  private readonly n: number;
  private readonly depotDist: Float64Array;
  /** compat[a*n+b] = 0 when b can never directly follow a (a's window and service end too late to reach b in time). */
  private readonly compat: Uint8Array;
  private readonly logKeep: number;
  /** Positions until the next blink. */
  private blinkIn: number;
  private readonly cacheVer: Float64Array;
  private readonly cacheCost: Float64Array;
  private readonly cachePos: Int32Array;
  private readonly sortKey: Float64Array;
  private readonly ruinedFlag: Uint8Array;

  constructor(
    private readonly c: Compiled, private readonly st: State, private readonly rng: Rng, private readonly P: SearchParams,
    private readonly active: number[], private readonly singleOk: Uint8Array, private readonly clock: SearchClock,
  ) {
    const n = (this.n = c.n);
    this.capRoutes = c.m;
    this.depotDist = depotDistances(c, active);
    this.neigh = neighbourLists(c, active);
    this.compat = compatibility(c, active);
    this.logKeep = Math.log(1 - P.blink);
    this.blinkIn = this.nextBlink();
    this.cacheVer = new Float64Array(n * c.m).fill(-1);
    this.cacheCost = new Float64Array(n * c.m);
    this.cachePos = new Int32Array(n * c.m);
    this.absCount = new Float64Array(n);
    this.sortKey = new Float64Array(n);
    this.ruinedFlag = new Uint8Array(c.m);
  }

  /** Positions until the next blink (geometric), so the hot loop needs no random draw per position. */
  private nextBlink(): number {
    return this.P.blink > 0 ? Math.floor(Math.log(1 - this.rng.next()) / this.logKeep) + 1 : Infinity;
  }

  /** Total demand of stop s over every dimension. */
  sumDemand(s: number): number {
    const c = this.c;
    let t = 0;
    for (let q = 0; q < c.dims; q++) t += c.demand[s * c.dims + q];
    return t;
  }

  /**
   * Inserts the stops of `list` one by one at their cheapest feasible positions, in a randomly chosen
   * order; those that fit nowhere become the absent list. When `abortable`, a cancellation or the end of
   * the time budget leaves the rest absent.
   */
  recreate(list: number[], absentFirst = false, abortable = true): void {
    const { rng, sortKey, c, absCount, depotDist, st } = this;
    const w = rng.next() * 15;
    if (absentFirst) {
      // Stops that were missing most often get the first pick of the free positions.
      rng.shuffle(list);
      list.sort((a, b) => absCount[b] - absCount[a]);
    } else if (w < 4) rng.shuffle(list);
    else {
      if (w < 8) for (const s of list) sortKey[s] = -this.sumDemand(s);
      else if (w < 10) for (const s of list) sortKey[s] = -depotDist[s];
      else if (w < 11) for (const s of list) sortKey[s] = depotDist[s];
      else if (w < 13) for (const s of list) sortKey[s] = c.twe[s] - c.tws[s];
      else for (const s of list) sortKey[s] = c.twe[s];
      // Random tie-breaking keeps identical keys from always inserting in the same order.
      rng.shuffle(list);
      list.sort((a, b) => sortKey[a] - sortKey[b]);
    }
    const absent: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (abortable && (i & 31) === 31 && this.clock.checkpoint(true)) {
        for (let j = i; j < list.length; j++) {
          absent.push(list[j]);
          st.routeOf[list[j]] = -1;
        }
        break;
      }
      if (!this.insertBest(s)) {
        absent.push(s);
        st.routeOf[s] = -1;
      }
    }
    st.absent = absent;
  }

  /** Inserts stop s at its cheapest position over all routes (and one empty vehicle per class); false if none. */
  insertBest(s: number): boolean {
    const c = this.c;
    if (c.hasLocks && c.lockedTo[s] >= 0) return this.insertLocked(s);
    const st = this.st;
    const n = this.n;
    const compat = this.compat;
    const soft = this.soft;
    let blinkIn = this.blinkIn;
    let best = Infinity;
    let bestR = -1;
    let bestK = -1;
    const ls = c.loc[s];
    const routes = st.routes;
    if (soft) {
      // Penalised insertion: time warp and excess load cost wWarp / wExcess per unit instead of being forbidden.
      const dims = c.dims;
      const wW = st.wWarp;
      for (let r = 0; r < routes.length; r++) {
        const route = routes[r];
        const nodes = route.nodes;
        const len = nodes.length;
        if (len === 0 || c.elig[r * n + s] === 0) continue;
        let ex = 0;
        for (let q = 0; q < dims; q++) {
          const over = route.load[q] + c.demand[s * dims + q] - c.vCap[r * dims + q];
          if (over > 0) ex += over;
        }
        const capPen = st.wExcess * (ex - route.excess);
        const warp0 = route.warp;
        const depot = c.vLoc[r];
        let prev = depot;
        let prevOk = 1;
        for (let k = 0; k <= len; k++) {
          const nextStop = k < len ? nodes[k] : -1;
          const next = nextStop >= 0 ? c.loc[nextStop] : depot;
          const nextOk = nextStop >= 0 ? compat[s * n + nextStop] : 1;
          if (--blinkIn === 0) blinkIn = this.nextBlink();
          else if (prevOk === 1 && nextOk === 1) {
            const lb = c.d(prev, ls) + c.d(ls, next) - c.d(prev, next) + capPen;
            if (lb < best) {
              const cost = lb + wW * (insertWarp(c, route, k, s) - warp0);
              if (cost < best) {
                best = cost;
                bestR = r;
                bestK = k;
              }
            }
          }
          prev = next;
          prevOk = nextStop >= 0 ? compat[nextStop * n + s] : 1;
        }
      }
    }
    // With few routes nearly all change every iteration, so caching would only cost.
    const useCache = !soft && st.used >= 6;
    const { cacheVer, cacheCost, cachePos } = this;
    if (!soft) for (let r = 0; r < routes.length; r++) {
      const route = routes[r];
      const nodes = route.nodes;
      const len = nodes.length;
      if (len === 0 || c.elig[r * n + s] === 0 || !fitsLoad(c, route, s)) continue;
      // Best position per (stop, route) is cached until the route changes: most routes survive an
      // iteration untouched, and stops that fit nowhere are retried every iteration.
      const ci = s * c.m + r;
      let rBest: number;
      let rK: number;
      if (useCache && cacheVer[ci] === route.version) {
        rBest = cacheCost[ci];
        rK = cachePos[ci];
      } else {
        // Without the cache, pruning against the best over all routes so far is cheaper.
        rBest = useCache ? Infinity : best;
        rK = -1;
        const depot = c.vLoc[r];
        let prev = depot;
        let prevOk = 1;
        for (let k = 0; k <= len; k++) {
          const nextStop = k < len ? nodes[k] : -1;
          const next = nextStop >= 0 ? c.loc[nextStop] : depot;
          const nextOk = nextStop >= 0 ? compat[s * n + nextStop] : 1;
          if (--blinkIn === 0) blinkIn = this.nextBlink();
          else if (prevOk === 1 && nextOk === 1) {
            const delta = c.d(prev, ls) + c.d(ls, next) - c.d(prev, next);
            if (delta < rBest && canInsertAt(c, route, k, s)) {
              rBest = delta;
              rK = k;
            }
          }
          prev = next;
          prevOk = nextStop >= 0 ? compat[nextStop * n + s] : 1;
        }
        if (useCache) {
          cacheVer[ci] = route.version;
          cacheCost[ci] = rBest;
          cachePos[ci] = rK;
        }
      }
      if (rBest < best) {
        best = rBest;
        bestR = r;
        bestK = rK;
      }
    }
    this.blinkIn = blinkIn;
    if (st.used < this.capRoutes) {
      const singleOk = this.singleOk;
      for (const members of c.classMembers) {
        let v = -1;
        for (const u of members) {
          if (routes[u].nodes.length === 0) {
            v = u;
            break;
          }
        }
        if (v < 0 || singleOk[v * n + s] === 0) continue;
        const depot = c.vLoc[v];
        const delta = c.d(depot, ls) + c.d(ls, depot) + c.vFixed[v];
        if (delta < best) {
          best = delta;
          bestR = v;
          bestK = 0;
        }
      }
    }
    if (bestR < 0) return false;
    st.insert(bestR, bestK, s);
    return true;
  }

  /**
   * Insertion of a locked stop: only into its own vehicle, between its fixed-sequence neighbours, and
   * with hard feasibility even while the search is soft. Few enough to skip the cache and blinks.
   */
  private insertLocked(s: number): boolean {
    const c = this.c;
    const st = this.st;
    const v = c.lockedTo[s];
    const route = st.routes[v];
    const nodes = route.nodes;
    if (c.elig[v * this.n + s] === 0) return false;
    if (nodes.length === 0) {
      if (st.used >= this.capRoutes || this.singleOk[v * this.n + s] === 0) return false;
      st.insert(v, 0, s);
      return true;
    }
    if (!fitsLoad(c, route, s)) return false;
    const { lo, hi } = sequenceBounds(c, nodes, s);
    const ls = c.loc[s];
    let best = Infinity;
    let bestK = -1;
    for (let k = lo; k <= hi; k++) {
      const prev = k === 0 ? c.vLoc[v] : c.loc[nodes[k - 1]];
      const next = k === nodes.length ? c.vLoc[v] : c.loc[nodes[k]];
      const delta = c.d(prev, ls) + c.d(ls, next) - c.d(prev, next);
      if (delta < best && canInsertAt(c, route, k, s)) {
        best = delta;
        bestK = k;
      }
    }
    if (bestK < 0) return false;
    st.insert(v, bestK, s);
    return true;
  }

  /** Removes the stops at positions `idx` of route r into `removed`. */
  private removeFrom(r: number, idx: number[]): void {
    const st = this.st;
    st.touch(r);
    const nodes = st.routes[r].nodes;
    const drop = new Set(idx);
    const keep: number[] = [];
    for (let k = 0; k < nodes.length; k++) {
      if (drop.has(k)) {
        this.removed.push(nodes[k]);
        st.routeOf[nodes[k]] = -1;
      } else keep.push(nodes[k]);
    }
    st.routes[r].nodes = keep;
    st.refresh(r);
  }

  /** SISR ruin: removes strings (or split strings) from routes near a random seed stop. */
  ruin(seedFromAbsent: boolean): void {
    const { st, rng, P, active, ruinedFlag } = this;
    this.removed.length = 0;
    const served = active.length - st.absent.length;
    if (served === 0 || st.used === 0) return;
    const avgLen = served / st.used;
    const lsMax = Math.min(P.lMax, avgLen);
    const ksMax = (4 * P.cBar) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    let seed: number;
    if (seedFromAbsent && st.absent.length > 0) seed = st.absent[rng.int(st.absent.length)];
    else {
      do seed = active[rng.int(active.length)];
      while (st.routeOf[seed] < 0);
    }
    const ruined: number[] = [];
    const list = this.neigh[seed];
    for (let i = 0; i < list.length && ruined.length < ks; i++) {
      const s = list[i];
      const r = st.routeOf[s];
      if (r < 0 || ruinedFlag[r] === 1) continue;
      const nodes = st.routes[r].nodes;
      const len = nodes.length;
      const lMaxT = Math.min(len, lsMax);
      const l = Math.floor(rng.next() * lMaxT) + 1;
      const pos = nodes.indexOf(s);
      const idx: number[] = [];
      if (l === len || rng.next() < 0.5) {
        const lo = Math.max(0, pos - l + 1);
        const hi = Math.min(pos, len - l);
        const start = lo + rng.int(hi - lo + 1);
        for (let k = 0; k < l; k++) idx.push(start + k);
      } else {
        let keepN = 1;
        while (l + keepN < len && rng.next() < P.splitGrow) keepN++;
        const w = l + keepN;
        const lo = Math.max(0, pos - w + 1);
        const hi = Math.min(pos, len - w);
        const start = lo + rng.int(hi - lo + 1);
        const keepAt = rng.int(l + 1);
        for (let k = 0; k < w; k++) if (k < keepAt || k >= keepAt + keepN) idx.push(start + k);
      }
      this.removeFrom(r, idx);
      ruinedFlag[r] = 1;
      ruined.push(r);
    }
    for (const r of ruined) ruinedFlag[r] = 0;
  }
}

/** Distance from the nearest vehicle start to each active stop. */
function depotDistances(c: Compiled, active: number[]): Float64Array {
  const out = new Float64Array(c.n).fill(Infinity);
  for (const s of active) {
    for (let v = 0; v < c.m; v++) {
      const d = c.d(c.vLoc[v], c.loc[s]);
      if (d < out[s]) out[s] = d;
    }
  }
  return out;
}

/**
 * Every active stop's active stops by symmetrised distance, nearest (itself) first, ties in `active`
 * order: O(n²) memory, O(n² log n) time (a stable merge sort on typed arrays, about 5× faster than
 * Array.prototype.sort with a comparator, which matters at 1000 stops).
 */
function neighbourLists(c: Compiled, active: number[]): Int32Array[] {
  const neigh: Int32Array[] = new Array(c.n);
  const keyd = new Float64Array(c.n);
  const order = Int32Array.from(active);
  const scratch = new Int32Array(active.length);
  for (const s of active) {
    for (const o of active) keyd[o] = o === s ? -1 : c.d(c.loc[s], c.loc[o]) + c.d(c.loc[o], c.loc[s]);
    const list = order.slice();
    stableSortByKey(list, keyd, scratch);
    neigh[s] = list;
  }
  return neigh;
}

/** Sorts `items` in place by key[item], keeping the order of equal keys (bottom-up merge sort over runs of 16). */
export function stableSortByKey(items: Int32Array, key: Float64Array, scratch: Int32Array = new Int32Array(items.length)): void {
  const n = items.length;
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const x = items[i];
      const kx = key[x];
      let j = i - 1;
      while (j >= lo && key[items[j]] > kx) {
        items[j + 1] = items[j];
        j--;
      }
      items[j + 1] = x;
    }
  }
  let src = items;
  let dst = scratch;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = key[src[j]] < key[src[i]] ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== items) items.set(src.subarray(0, n));
}

/** compat[a*n+b]: 1 unless b can never directly follow a (leaving a at its earliest misses b's window). */
function compatibility(c: Compiled, active: number[]): Uint8Array {
  const n = c.n;
  const compat = new Uint8Array(n * n);
  for (const a of active) {
    const dep = c.tws[a] + c.svc[a];
    for (const b of active) {
      const t = c.tm.length > 0 ? c.tm[c.loc[a] * c.L + c.loc[b]] : c.problem.travel.time(c.loc[a], c.loc[b], dep);
      compat[a * n + b] = dep + t <= c.twe[b] + 1e-7 ? 1 : 0;
    }
  }
  return compat;
}

/** Granular neighbourhoods: the nearest stops of each stop (by symmetric distance). */
function granularLists(c: Compiled, active: number[], neigh: Int32Array[]): Int32Array[] {
  const k = Math.min(30, active.length - 1);
  const out: Int32Array[] = new Array(c.n);
  for (const s of active) out[s] = neigh[s].subarray(1, 1 + k);
  return out;
}

// ---- the phases ---------------------------------------------------------------------------------

/** Everything the phases share. */
interface Search {
  c: Compiled;
  P: SearchParams;
  rng: Rng;
  st: State;
  active: number[];
  ops: RuinRecreate;
  clock: SearchClock;
  best: Incumbent;
  granular: Int32Array[];
  /** Lower bound on the vehicle count. */
  lb: number;
}

/** True when no route has time warp or excess load (exactly, not within the soft tolerances). */
function exactFeasible(st: State): boolean {
  for (const r of st.routes) if (r.warp > 1e-7 || r.excess > 1e-9) return false;
  return true;
}

/** Local search that gives way to a cancellation (and, when `timed`, to the end of the budget). */
function polish(s: Search, timed: boolean): void {
  localSearch(s.st, s.rng, s.granular, 50, () => s.clock.checkpoint(timed));
}

/**
 * Phase 1, construction: several greedy constructions, each polished by local search; keeps the best.
 * The landscape of tightly timed instances (e.g. Solomon C2) depends strongly on the starting
 * structure, and a start is cheap. The first greedy insertion always completes, so even a search
 * cancelled at once returns a full solution.
 */
function construction(s: Search): void {
  const { P, st, active, ops, clock, best } = s;
  for (let start = 0; start < P.starts && !clock.stop; start++) {
    st.restore({ routes: st.routes.map(() => []), absent: active.slice() });
    for (const x of active) st.routeOf[x] = -1;
    st.begin();
    ops.recreate(active.slice(), false, start > 0);
    polish(s, true);
    if (best.better(st.absent.length, st.used, st.cost())) best.record(st);
    clock.iterations++;
    clock.tick();
    if (clock.fraction() > P.startShare) break;
  }
  st.restore(best.snapshot);
}

/** Empties one used route without locked stops (random or shortest) and caps the fleet below it; false if none. */
function dropRoute(s: Search): boolean {
  const { c, st, rng, ops } = s;
  let pick = -1;
  let pickLen = Infinity;
  const usedRoutes: number[] = [];
  for (let r = 0; r < c.m; r++) if (st.routes[r].nodes.length > 0 && c.vLocked[r] === 0) usedRoutes.push(r);
  if (usedRoutes.length === 0) return false;
  if (rng.next() < 0.5) pick = usedRoutes[rng.int(usedRoutes.length)];
  else {
    for (const r of usedRoutes) {
      const len = st.routes[r].nodes.length;
      if (len < pickLen) {
        pickLen = len;
        pick = r;
      }
    }
  }
  st.begin();
  for (const x of st.routes[pick].nodes) {
    st.routeOf[x] = -1;
    st.absent.push(x);
  }
  st.setNodes(pick, []);
  ops.capRoutes = st.used;
  return true;
}

/** Sum of the absence counters of `list`. */
function absenceSum(ops: RuinRecreate, list: number[]): number {
  let t = 0;
  for (const x of list) t += ops.absCount[x];
  return t;
}

/** One ruin-and-recreate step that accepts on fewer absent stops or lower absence counts. */
function fleetIteration(s: Search): void {
  const { st, rng, ops, P } = s;
  st.begin();
  const curN = st.absent.length;
  const curSum = absenceSum(ops, st.absent);
  ops.ruin(rng.next() < 0.5);
  const list = ops.removed.concat(st.absent);
  ops.recreate(list, rng.next() < P.absentFirst);
  const newN = st.absent.length;
  const newSum = absenceSum(ops, st.absent);
  for (const x of st.absent) ops.absCount[x]++;
  if (!(newN < curN || (newN === curN && newSum < curSum))) st.rollback();
}

/** Phase 2, fleet minimisation: drop a route, repair until nothing is absent, repeat until stalled or at the bound. */
function fleetMinimisation(s: Search): void {
  const { P, st, clock, best, lb } = s;
  let lastDrop = clock.fraction();
  let running = !(st.absent.length === 0 && st.used <= lb);
  if (running && st.absent.length === 0 && !dropRoute(s)) running = false;
  while (running && !clock.stop) {
    clock.iterations++;
    clock.pulse();
    const fr = clock.fraction();
    if (fr >= P.fleetShare || fr >= lastDrop + P.fleetStall) break;
    fleetIteration(s);
    if (st.absent.length === 0) {
      if (best.better(0, st.used, st.cost())) best.record(st);
      if (st.used <= lb) break;
      lastDrop = clock.fraction();
      if (!dropRoute(s)) break;
    }
  }
}

/** Initial penalty weights of the soft distance phase: one unit of warp or excess costs about one mean edge. */
function softWeights(s: Search, meanEdge: number): { warp: number; excess: number } {
  const { c, st, active, ops } = s;
  let travelTotal = 0;
  for (const r of st.routes) {
    let prev = c.vLoc[r.v];
    for (const x of r.nodes) {
      travelTotal += c.tm[prev * c.L + c.loc[x]];
      prev = c.loc[x];
    }
    if (r.nodes.length > 0) travelTotal += c.tm[prev * c.L + c.vLoc[r.v]];
  }
  let demandTotal = 0;
  for (const x of active) demandTotal += ops.sumDemand(x);
  return {
    warp: travelTotal > 0 ? st.totalDist / travelTotal : 1,
    excess: demandTotal > 0 ? meanEdge / (demandTotal / Math.max(1, active.length)) : 1,
  };
}

/**
 * Phase 3, distance annealing: simulated annealing over ruin-and-recreate from the best solution, with
 * kicks when no new best appears for a while. Soft constraints (penalised time warp and excess load),
 * when enabled, let it cross infeasible regions, e.g. to swap whole clusters between tightly loaded
 * vans; only feasible solutions become best.
 */
function distanceAnnealing(s: Search): void {
  const { c, P, rng, st, active, ops, clock, best } = s;
  st.restore(best.snapshot);
  ops.capRoutes = Math.max(st.used, st.absent.length > 0 ? c.m : 0);
  const served = active.length - st.absent.length;
  const meanEdge = st.totalDist / Math.max(1, served + st.used);
  const T0 = P.t0 * meanEdge;
  const Tf = P.tf * meanEdge;
  const f0 = clock.fraction();
  let maxDurAll = 0;
  for (let v = 0; v < c.m; v++) maxDurAll = Math.max(maxDurAll, c.vMaxDur[v]);
  ops.soft = P.soft && c.fast && maxDurAll === Infinity;
  let wWarp0 = 0;
  let wExcess0 = 0;
  if (ops.soft) {
    const w = softWeights(s, meanEdge);
    wWarp0 = w.warp;
    wExcess0 = w.excess;
    st.wWarp = wWarp0;
    st.wExcess = wExcess0;
  }
  let warpViolations = 0;
  let excessViolations = 0;
  let window = 0;
  let currentCost = st.cost();
  let kicks = 0;
  let epochStart = f0;
  let lastImprove = f0;
  while (!clock.stop && active.length > 0) {
    clock.iterations++;
    clock.pulse();
    if (clock.stop) break;
    const fr = clock.fraction();
    if (fr - lastImprove > P.kickAfter && fr < 1 - P.kickAfter && best.absent === 0) {
      if (kicks++ % 2 === 1) splitKick(s);
      else dropKick(s);
      epochStart = lastImprove = clock.fraction();
      currentCost = st.cost();
      continue;
    }
    const f = epochStart >= 1 ? 1 : Math.min(1, (fr - epochStart) / (1 - epochStart));
    const T = T0 * Math.pow(Tf / T0, f);
    st.begin();
    const curAbs = st.absent.length;
    const curUsed = st.used;
    ops.ruin(false);
    const list = ops.removed.concat(st.absent);
    ops.recreate(list);
    const newAbs = st.absent.length;
    const cost = st.cost();
    let accept: boolean;
    if (newAbs !== curAbs) accept = newAbs < curAbs;
    else if (st.used !== curUsed) accept = st.used < curUsed;
    else accept = cost < currentCost - T * Math.log(1 - rng.next());
    if (ops.soft) {
      if (!accept) st.rollback();
      if (st.totalWarp > 1e-7) warpViolations++;
      if (st.totalExcess > 1e-9) excessViolations++;
      if (++window === 100) {
        // Keep roughly a third to two thirds of visited solutions feasible in each constraint.
        if (warpViolations > 66) st.wWarp = Math.min(st.wWarp * 1.4, wWarp0 * 1e4);
        else if (warpViolations < 33) st.wWarp = Math.max(st.wWarp * 0.75, wWarp0 * 1e-3);
        if (excessViolations > 66) st.wExcess = Math.min(st.wExcess * 1.4, wExcess0 * 1e4);
        else if (excessViolations < 33) st.wExcess = Math.max(st.wExcess * 0.75, wExcess0 * 1e-3);
        window = warpViolations = excessViolations = 0;
      }
      currentCost = st.cost();
      if (accept && st.feasible() && exactFeasible(st) && best.better(newAbs, st.used, st.plainCost())) {
        lastImprove = clock.fraction();
        best.record(st);
      }
      continue;
    }
    if (accept) {
      currentCost = cost;
      if (best.better(newAbs, st.used, cost)) {
        lastImprove = clock.fraction();
        if (P.lsOnBest) {
          polish(s, false);
          currentCost = st.cost();
        }
        best.record(st);
      }
    } else st.rollback();
  }
}

/** Runs fleet-phase repairs until nothing is absent, the kick's budget share is spent, or the search ends. */
function repairWithinKick(s: Search): void {
  const { P, st, clock } = s;
  const until = clock.fraction() + P.kickShare;
  while (!clock.stop && st.absent.length > 0 && clock.fraction() < until) {
    clock.iterations++;
    clock.pulse();
    fleetIteration(s);
  }
}

/**
 * Kick that drops a route from the best solution and repairs with one vehicle less for a while (which
 * sometimes succeeds outright), then reopens it. The repaired structure is often far from the old
 * basin, which single ruin-and-recreate steps rarely leave.
 */
function dropKick(s: Search): void {
  const { st, ops, best } = s;
  const keepCap = ops.capRoutes;
  const keepSoft = ops.soft;
  // The repair works with hard constraints, like the vehicle phase.
  ops.soft = false;
  st.restore(best.snapshot);
  if (!dropRoute(s)) {
    ops.soft = keepSoft;
    return;
  }
  repairWithinKick(s);
  if (st.absent.length === 0 && exactFeasible(st) && best.better(0, st.used, st.plainCost())) best.record(st);
  ops.capRoutes = keepCap;
  ops.soft = keepSoft;
  if (st.absent.length > 0) {
    st.begin();
    ops.recreate(st.absent.slice());
    if (st.absent.length > 0) st.restore(best.snapshot);
  }
}

/**
 * Kick that splits a route of the best solution in two, then removes another route and repairs with the
 * original vehicle count: a way through a solution with one vehicle more that reshuffles clusters.
 */
function splitKick(s: Search): void {
  const { ops } = s;
  const keepCap = ops.capRoutes;
  const keepSoft = ops.soft;
  ops.soft = false;
  splitAndRepair(s);
  ops.capRoutes = keepCap;
  ops.soft = keepSoft;
}

/** The body of splitKick: split, drop another route without locks, repair; keeps the result only if feasible and better. */
function splitAndRepair(s: Search): void {
  const { c, rng, st, ops, best } = s;
  st.restore(best.snapshot);
  const K = st.used;
  const cands: number[] = [];
  for (let r = 0; r < c.m; r++) if (st.routes[r].nodes.length >= 4) cands.push(r);
  if (cands.length < 2) return;
  const r = cands[rng.int(cands.length)];
  let v = -1;
  for (const u of c.classMembers[c.vClass[r]]) if (st.routes[u].nodes.length === 0) v = u;
  if (v < 0) return;
  const nodes = st.routes[r].nodes;
  const half = nodes.length >> 1;
  const first = nodes.slice(0, half);
  const second = nodes.slice(half);
  if (!sequenceFeasible(c, r, first, first.length) || !sequenceFeasible(c, v, second, second.length)) return;
  const others = cands.filter((x) => x !== r && c.vLocked[x] === 0);
  if (others.length === 0) return;
  st.begin();
  st.setNodes(r, first);
  st.setNodes(v, second);
  const o = others[rng.int(others.length)];
  for (const x of st.routes[o].nodes) {
    st.routeOf[x] = -1;
    st.absent.push(x);
  }
  st.setNodes(o, []);
  ops.capRoutes = K;
  repairWithinKick(s);
  if (st.absent.length === 0 && exactFeasible(st)) {
    if (best.better(0, st.used, st.plainCost())) best.record(st);
  } else st.restore(best.snapshot);
}

/** Phase 4, final local search: a descent that polishes what annealing left; it only ever improves the best. */
function finalLocalSearch(s: Search): void {
  const { st, ops, best, clock } = s;
  ops.soft = false;
  st.wWarp = 0;
  st.wExcess = 0;
  st.restore(best.snapshot);
  polish(s, false);
  if (best.better(st.absent.length, st.used, st.cost())) best.record(st);
  clock.tick();
}

/** Runs construction, fleet minimisation, distance annealing and a final local search; returns the best solution. */
export function runSearch(c: Compiled, active: number[], singleOk: Uint8Array, opts: SearchOptions): SearchResult {
  const P: SearchParams = { ...DEFAULT_PARAMS, ...opts.params };
  const rng = new Rng(opts.seed);
  const st = new State(c, active);
  const best = new Incumbent(st);
  const clock = new SearchClock(opts, best, active.length);
  const ops = new RuinRecreate(c, st, rng, P, active, singleOk, clock);
  const search: Search = {
    c, P, rng, st, active, ops, clock, best,
    granular: granularLists(c, active, ops.neigh),
    lb: fleetLowerBound(c, active),
  };
  construction(search);
  fleetMinimisation(search);
  distanceAnnealing(search);
  finalLocalSearch(search);
  return { routes: best.snapshot.routes, absent: best.snapshot.absent, iterations: clock.iterations, stopped: clock.stopped };
}
