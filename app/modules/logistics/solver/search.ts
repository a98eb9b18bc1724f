/**
 * The search behind solve():
 *  1. Several constructions (greedy insertion in varied orders) each polished by local search; keep the best.
 *  2. Vehicle minimisation: drop a route and repair by ruin-and-recreate that accepts fewer absent stops
 *     or lower absence counters (SISR fleet minimisation); repeat while it succeeds.
 *  3. Distance minimisation: simulated annealing over ruin-and-recreate (string removals around a seed,
 *     greedy insertion with blinks), with kicks that drop a route and repair it when the search stalls.
 *  4. A final local search (relocate, swap, 2-opt*, or-opt, 2-opt) on the best solution.
 * Feasibility is exact throughout: O(1) segment arithmetic when travel is time-independent, route
 * simulation otherwise. Reference: Christiaens & Vanden Berghe, "Slack Induction by String Removals
 * for Vehicle Routing Problems", Transportation Science 54(2), 2020.
 */
import type { Compiled } from "./compile";
import { canInsertAt as canInsertAt_, fitsLoad as fitsLoad_, insertWarp as insertWarp_, sequenceFeasible } from "./route";
import { Rng } from "./rng";
import { State } from "./state";
import { localSearch } from "./moves";

// Local copies: calling imported bindings goes through getters under tsx, which shows in the hot loop.
const canInsertAt = canInsertAt_;
const fitsLoad = fitsLoad_;
const insertWarp = insertWarp_;

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

export interface SearchOptions {
  timeLimitMs: number;
  maxIterations?: number;
  seed: number;
  params?: Partial<SearchParams>;
  /** Unassigned stops found before search, reported in progress. */
  preUnassigned: number;
  onProgress?: (p: { elapsedMs: number; fraction: number; vehicles: number; distance: number; unassigned: number; iterations: number }) => boolean | void;
}

export interface SearchResult {
  /** Stops per vehicle, in visit order. */
  routes: number[][];
  absent: number[];
  iterations: number;
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

/** Runs construction, vehicle minimisation and distance minimisation; returns the best solution found. */
export function runSearch(c: Compiled, active: number[], singleOk: Uint8Array, opts: SearchOptions): SearchResult {
  const P: SearchParams = { ...DEFAULT_PARAMS, ...opts.params };
  const rng = new Rng(opts.seed);
  const n = c.n;
  const st = new State(c, active);
  const startMs = performance.now();
  const limit = opts.timeLimitMs;
  const maxIt = opts.maxIterations ?? 0;

  const isActive = new Uint8Array(n);
  for (const s of active) isActive[s] = 1;
  const depotDist = new Float64Array(n).fill(Infinity);
  for (const s of active) {
    for (let v = 0; v < c.m; v++) {
      const d = c.d(c.vLoc[v], c.loc[s]);
      if (d < depotDist[s]) depotDist[s] = d;
    }
  }
  // Neighbour lists by distance (symmetrised), used to pick strings to remove near a seed.
  const neigh: Int32Array[] = new Array(n);
  {
    const keyd = new Float64Array(n);
    for (const s of active) {
      const others = active.slice();
      for (const o of others) keyd[o] = o === s ? -1 : c.d(c.loc[s], c.loc[o]) + c.d(c.loc[o], c.loc[s]);
      others.sort((a, b) => keyd[a] - keyd[b]);
      neigh[s] = Int32Array.from(others);
    }
  }

  // compat[a*n+b] = 0 when b can never directly follow a (a's window and service end too late to reach b in time).
  const compat = new Uint8Array(n * n);
  for (const a of active) {
    const dep = c.tws[a] + c.svc[a];
    for (const b of active) {
      const t = c.tm.length > 0 ? c.tm[c.loc[a] * c.L + c.loc[b]] : c.problem.travel.time(c.loc[a], c.loc[b], dep);
      compat[a * n + b] = dep + t <= c.twe[b] + 1e-7 ? 1 : 0;
    }
  }
  const logKeep = Math.log(1 - P.blink);
  /** Positions until the next blink (geometric), so the hot loop needs no random draw per position. */
  const nextBlink = () => (P.blink > 0 ? Math.floor(Math.log(1 - rng.next()) / logKeep) + 1 : Infinity);
  let blinkIn = nextBlink();

  let soft = false;
  const cacheVer = new Float64Array(n * c.m).fill(-1);
  const cacheCost = new Float64Array(n * c.m);
  const cachePos = new Int32Array(n * c.m);
  const absCount = new Float64Array(n);
  let capRoutes = c.m;
  let iterations = 0;

  // ---- recreate -------------------------------------------------------------------------------
  const sortKey = new Float64Array(n);
  function recreate(list: number[], absentFirst = false): void {
    const w = rng.next() * 15;
    if (absentFirst) {
      // Stops that were missing most often get the first pick of the free positions.
      rng.shuffle(list);
      list.sort((a, b) => absCount[b] - absCount[a]);
    } else if (w < 4) rng.shuffle(list);
    else {
      if (w < 8) for (const s of list) sortKey[s] = -sumDemand(s);
      else if (w < 10) for (const s of list) sortKey[s] = -depotDist[s];
      else if (w < 11) for (const s of list) sortKey[s] = depotDist[s];
      else if (w < 13) for (const s of list) sortKey[s] = c.twe[s] - c.tws[s];
      else for (const s of list) sortKey[s] = c.twe[s];
      // Random tie-breaking keeps identical keys from always inserting in the same order.
      rng.shuffle(list);
      list.sort((a, b) => sortKey[a] - sortKey[b]);
    }
    const absent: number[] = [];
    for (const s of list) {
      if (!insertBest(s)) {
        absent.push(s);
        st.routeOf[s] = -1;
      }
    }
    st.absent = absent;
  }

  function sumDemand(s: number): number {
    let t = 0;
    for (let q = 0; q < c.dims; q++) t += c.demand[s * c.dims + q];
    return t;
  }

  function insertBest(s: number): boolean {
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
          if (--blinkIn === 0) blinkIn = nextBlink();
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
          if (--blinkIn === 0) blinkIn = nextBlink();
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
    if (st.used < capRoutes) {
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

  // ---- ruin -----------------------------------------------------------------------------------
  const ruinedFlag = new Uint8Array(c.m);
  const removed: number[] = [];
  function removeFrom(r: number, idx: number[]): void {
    st.touch(r);
    const nodes = st.routes[r].nodes;
    const drop = new Set(idx);
    const keep: number[] = [];
    for (let k = 0; k < nodes.length; k++) {
      if (drop.has(k)) {
        removed.push(nodes[k]);
        st.routeOf[nodes[k]] = -1;
      } else keep.push(nodes[k]);
    }
    st.routes[r].nodes = keep;
    st.refresh(r);
  }

  function ruin(seedFromAbsent: boolean): void {
    removed.length = 0;
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
    const list = neigh[seed];
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
      removeFrom(r, idx);
      ruinedFlag[r] = 1;
      ruined.push(r);
    }
    for (const r of ruined) ruinedFlag[r] = 0;
  }

  // ---- bookkeeping ----------------------------------------------------------------------------
  let best = st.snapshot();
  let bestAbsent = Infinity;
  let bestUsed = Infinity;
  let bestCost = Infinity;
  let bestDist = 0;
  function better(abs: number, used: number, cost: number): boolean {
    if (abs !== bestAbsent) return abs < bestAbsent;
    if (used !== bestUsed) return used < bestUsed;
    return cost < bestCost - 1e-9;
  }
  function recordBest(): void {
    best = st.snapshot();
    bestAbsent = st.absent.length;
    bestUsed = st.used;
    bestCost = st.plainCost();
    bestDist = st.totalDist;
  }
  function exactFeasible(): boolean {
    for (const r of st.routes) if (r.warp > 1e-7 || r.excess > 1e-9) return false;
    return true;
  }

  let stop = false;
  let lastProgress = 0;
  function elapsed(): number {
    return performance.now() - startMs;
  }
  function fraction(): number {
    if (maxIt > 0) return Math.min(1, iterations / maxIt);
    return Math.min(1, elapsed() / limit);
  }
  function tick(): void {
    const e = elapsed();
    if (e >= limit || (maxIt > 0 && iterations >= maxIt)) stop = true;
    if (opts.onProgress && (e - lastProgress >= 100 || stop)) {
      lastProgress = e;
      const res = opts.onProgress({
        elapsedMs: e,
        fraction: Math.min(1, maxIt > 0 ? iterations / maxIt : e / limit),
        vehicles: bestUsed === Infinity ? 0 : bestUsed,
        distance: bestCost === Infinity ? 0 : bestDist,
        unassigned: (bestAbsent === Infinity ? active.length : bestAbsent) + opts.preUnassigned,
        iterations,
      });
      if (res === false) stop = true;
    }
  }

  // ---- construction ---------------------------------------------------------------------------
  // Several constructions, each polished by local search: the landscape of tightly timed instances
  // (e.g. Solomon C2) depends strongly on the starting structure, and a start is cheap.
  const granular = neighLists(c, active, neigh);
  for (let start = 0; start < P.starts && !stop; start++) {
    st.restore({ routes: st.routes.map(() => []), absent: active.slice() });
    for (const s of active) st.routeOf[s] = -1;
    st.begin();
    recreate(active.slice());
    localSearch(st, rng, granular);
    if (better(st.absent.length, st.used, st.cost())) recordBest();
    iterations++;
    tick();
    if (fraction() > P.startShare) break;
  }
  st.restore(best);
  const lb = fleetLowerBound(c, active);

  // ---- phase 1: fewer vehicles (absence-counter acceptance) -----------------------------------
  function sumAbs(list: number[]): number {
    let t = 0;
    for (const s of list) t += absCount[s];
    return t;
  }
  function dropRoute(): boolean {
    let pick = -1;
    let pickLen = Infinity;
    const usedRoutes: number[] = [];
    for (let r = 0; r < c.m; r++) if (st.routes[r].nodes.length > 0) usedRoutes.push(r);
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
    for (const s of st.routes[pick].nodes) {
      st.routeOf[s] = -1;
      st.absent.push(s);
    }
    st.setNodes(pick, []);
    capRoutes = st.used;
    return true;
  }

  let lastDrop = fraction();
  let phase = st.absent.length === 0 && st.used <= lb ? 2 : 1;
  if (phase === 1 && st.absent.length === 0) dropRoute();
  /** One ruin-and-recreate step that accepts on fewer absent stops or lower absence counts. */
  function fleetIteration(): void {
    st.begin();
    const curN = st.absent.length;
    const curSum = sumAbs(st.absent);
    ruin(rng.next() < 0.5);
    const list = removed.concat(st.absent);
    recreate(list, rng.next() < P.absentFirst);
    const newN = st.absent.length;
    const newSum = sumAbs(st.absent);
    for (const s of st.absent) absCount[s]++;
    if (!(newN < curN || (newN === curN && newSum < curSum))) st.rollback();
  }

  while (phase === 1 && !stop) {
    iterations++;
    if ((iterations & 7) === 0) tick();
    const fr = fraction();
    if (fr >= P.fleetShare || fr >= lastDrop + P.fleetStall) break;
    fleetIteration();
    if (st.absent.length === 0) {
      if (better(0, st.used, st.cost())) recordBest();
      if (st.used <= lb) break;
      lastDrop = fraction();
      dropRoute();
    }
  }

  // ---- phase 2: distance (simulated annealing over ruin-and-recreate) -------------------------
  st.restore(best);
  capRoutes = Math.max(st.used, st.absent.length > 0 ? c.m : 0);
  const served = active.length - st.absent.length;
  const meanEdge = st.totalDist / Math.max(1, served + st.used);
  const T0 = P.t0 * meanEdge;
  const Tf = P.tf * meanEdge;
  const f0 = fraction();
  // Soft constraints (penalised time warp and excess load) let the distance phase cross infeasible
  // regions, e.g. to swap whole clusters between tightly loaded vans; only feasible solutions become best.
  let maxDurAll = 0;
  for (let v = 0; v < c.m; v++) maxDurAll = Math.max(maxDurAll, c.vMaxDur[v]);
  soft = P.soft && c.fast && maxDurAll === Infinity;
  let wWarp0 = 0;
  let wExcess0 = 0;
  if (soft) {
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
    for (const x of active) demandTotal += sumDemand(x);
    wWarp0 = travelTotal > 0 ? st.totalDist / travelTotal : 1;
    wExcess0 = demandTotal > 0 ? meanEdge / (demandTotal / Math.max(1, active.length)) : 1;
    st.wWarp = wWarp0;
    st.wExcess = wExcess0;
  }
  let warpViol = 0;
  let excessViol = 0;
  let window = 0;
  let curCost = st.cost();
  let kicks = 0;
  let epochStart = f0;
  let lastImprove = f0;
  while (!stop && active.length > 0) {
    iterations++;
    if ((iterations & 7) === 0) tick();
    if (stop) break;
    const fr = fraction();
    if (fr - lastImprove > P.kickAfter && fr < 1 - P.kickAfter && bestAbsent === 0) {
      kick();
      epochStart = lastImprove = fraction();
      curCost = st.cost();
      continue;
    }
    const f = epochStart >= 1 ? 1 : Math.min(1, (fr - epochStart) / (1 - epochStart));
    const T = T0 * Math.pow(Tf / T0, f);
    st.begin();
    const curAbs = st.absent.length;
    const curUsed = st.used;
    ruin(false);
    const list = removed.concat(st.absent);
    recreate(list);
    const newAbs = st.absent.length;
    const cost = st.cost();
    let accept: boolean;
    if (newAbs !== curAbs) accept = newAbs < curAbs;
    else if (st.used !== curUsed) accept = st.used < curUsed;
    else accept = cost < curCost - T * Math.log(1 - rng.next());
    if (soft) {
      if (!accept) st.rollback();
      if (st.totalWarp > 1e-7) warpViol++;
      if (st.totalExcess > 1e-9) excessViol++;
      if (++window === 100) {
        // Keep roughly a third to two thirds of visited solutions feasible in each constraint.
        if (warpViol > 66) st.wWarp = Math.min(st.wWarp * 1.4, wWarp0 * 1e4);
        else if (warpViol < 33) st.wWarp = Math.max(st.wWarp * 0.75, wWarp0 * 1e-3);
        if (excessViol > 66) st.wExcess = Math.min(st.wExcess * 1.4, wExcess0 * 1e4);
        else if (excessViol < 33) st.wExcess = Math.max(st.wExcess * 0.75, wExcess0 * 1e-3);
        window = warpViol = excessViol = 0;
      }
      curCost = st.cost();
      if (accept && st.feasible() && exactFeasible() && better(newAbs, st.used, st.plainCost())) {
        lastImprove = fraction();
        recordBest();
      }
      continue;
    }
    if (accept) {
      curCost = cost;
      if (better(newAbs, st.used, cost)) {
        lastImprove = fraction();
        if (P.lsOnBest) {
          localSearch(st, rng, granular);
          curCost = st.cost();
        }
        recordBest();
      }
    } else st.rollback();
  }
  /**
   * Escapes a stagnating search: drop a route from the best solution and repair with one vehicle less
   * for a while (which sometimes succeeds outright); then reopen it. The repaired structure is often far
   * from the old basin, which single ruin-and-recreate steps rarely leave.
   */
  function kick(): void {
    const keepCap = capRoutes;
    const keepSoft = soft;
    // The repair works with hard constraints, like the vehicle phase.
    soft = false;
    if (kicks++ % 2 === 1) {
      splitKick();
      capRoutes = keepCap;
      soft = keepSoft;
      return;
    }
    st.restore(best);
    if (!dropRoute()) {
      soft = keepSoft;
      return;
    }
    const until = fraction() + P.kickShare;
    while (!stop && st.absent.length > 0 && fraction() < until) {
      iterations++;
      if ((iterations & 7) === 0) tick();
      fleetIteration();
    }
    if (st.absent.length === 0 && exactFeasible() && better(0, st.used, st.plainCost())) recordBest();
    capRoutes = keepCap;
    soft = keepSoft;
    if (st.absent.length > 0) {
      st.begin();
      recreate(st.absent.slice());
      if (st.absent.length > 0) st.restore(best);
    }
  }

  /**
   * Splits a route of the best solution in two, then removes another route and repairs with the
   * original vehicle count: a way through a solution with one vehicle more that reshuffles clusters.
   */
  function splitKick(): void {
    st.restore(best);
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
    st.begin();
    st.setNodes(r, first);
    st.setNodes(v, second);
    const others = cands.filter((x) => x !== r);
    const o = others[rng.int(others.length)];
    for (const x of st.routes[o].nodes) {
      st.routeOf[x] = -1;
      st.absent.push(x);
    }
    st.setNodes(o, []);
    capRoutes = K;
    const until = fraction() + P.kickShare;
    while (!stop && st.absent.length > 0 && fraction() < until) {
      iterations++;
      if ((iterations & 7) === 0) tick();
      fleetIteration();
    }
    if (st.absent.length === 0 && exactFeasible()) {
      if (better(0, st.used, st.plainCost())) recordBest();
    } else st.restore(best);
  }

  // A final descent polishes what annealing left; it only ever improves the best solution.
  soft = false;
  st.wWarp = 0;
  st.wExcess = 0;
  st.restore(best);
  localSearch(st, rng, granular);
  if (better(st.absent.length, st.used, st.cost())) recordBest();
  tick();
  return { routes: best.routes, absent: best.absent, iterations };
}

/** Granular neighbourhoods: the nearest stops of each stop (by symmetric distance). */
function neighLists(c: Compiled, active: number[], neigh: Int32Array[]): Int32Array[] {
  const k = Math.min(30, active.length - 1);
  const out: Int32Array[] = new Array(c.n);
  for (const s of active) out[s] = neigh[s].subarray(1, 1 + k);
  return out;
}
