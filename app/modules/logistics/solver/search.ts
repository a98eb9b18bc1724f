import type { Compiled } from "./compile";
import { canInsertAt as canInsertAt_, fitsLoad as fitsLoad_ } from "./route";
import { Rng } from "./rng";
import { State } from "./state";
import { localSearch } from "./moves";

// Local copies: calling imported bindings goes through getters under tsx, which shows in the hot loop.
const canInsertAt = canInsertAt_;
const fitsLoad = fitsLoad_;

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
}

export const DEFAULT_PARAMS: SearchParams = {
  cBar: 10,
  lMax: 10,
  splitGrow: 0.5,
  blink: 0.01,
  fleetShare: 0.6,
  fleetStall: 0.2,
  t0: 1,
  tf: 0.01,
  lsOnBest: false,
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

  const absCount = new Float64Array(n);
  let capRoutes = c.m;
  let iterations = 0;

  // ---- recreate -------------------------------------------------------------------------------
  const sortKey = new Float64Array(n);
  function recreate(list: number[]): void {
    const w = rng.next() * 15;
    if (w < 4) rng.shuffle(list);
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
    for (let r = 0; r < routes.length; r++) {
      const route = routes[r];
      const nodes = route.nodes;
      const len = nodes.length;
      if (len === 0 || c.elig[r * n + s] === 0 || !fitsLoad(c, route, s)) continue;
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
          if (delta < best && canInsertAt(c, route, k, s)) {
            best = delta;
            bestR = r;
            bestK = k;
          }
        }
        prev = next;
        prevOk = nextStop >= 0 ? compat[nextStop * n + s] : 1;
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
  function better(abs: number, used: number, cost: number): boolean {
    if (abs !== bestAbsent) return abs < bestAbsent;
    if (used !== bestUsed) return used < bestUsed;
    return cost < bestCost - 1e-9;
  }
  function recordBest(): void {
    best = st.snapshot();
    bestAbsent = st.absent.length;
    bestUsed = st.used;
    bestCost = st.cost();
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
        distance: bestCost === Infinity ? 0 : bestCost,
        unassigned: (bestAbsent === Infinity ? active.length : bestAbsent) + opts.preUnassigned,
        iterations,
      });
      if (res === false) stop = true;
    }
  }

  // ---- construction ---------------------------------------------------------------------------
  st.begin();
  recreate(active.slice());
  recordBest();
  const lb = fleetLowerBound(c, active);

  // ---- phase 1: fewer vehicles (absence-counter acceptance) -----------------------------------
  const granular = neighLists(c, active, neigh);
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

  let lastDrop = 0;
  let phase = st.absent.length === 0 && st.used <= lb ? 2 : 1;
  if (phase === 1 && st.absent.length === 0) dropRoute();
  while (phase === 1 && !stop) {
    iterations++;
    if ((iterations & 7) === 0) tick();
    const fr = fraction();
    if (fr >= P.fleetShare || fr >= lastDrop + P.fleetStall) break;
    st.begin();
    const curN = st.absent.length;
    const curSum = sumAbs(st.absent);
    ruin(rng.next() < 0.5);
    const list = removed.concat(st.absent);
    recreate(list);
    const newN = st.absent.length;
    const newSum = sumAbs(st.absent);
    for (const s of st.absent) absCount[s]++;
    if (newN < curN || (newN === curN && newSum < curSum)) {
      if (newN === 0) {
        if (better(0, st.used, st.cost())) recordBest();
        if (st.used <= lb) break;
        lastDrop = fraction();
        dropRoute();
      }
    } else st.rollback();
  }

  // ---- phase 2: distance (simulated annealing over ruin-and-recreate) -------------------------
  st.restore(best);
  if (process.env.SOLVER_DEBUG) console.error("phase1 end", iterations, elapsed().toFixed(0), st.used, st.cost().toFixed(1));
  capRoutes = Math.max(st.used, st.absent.length > 0 ? c.m : 0);
  const served = active.length - st.absent.length;
  const meanEdge = st.totalDist / Math.max(1, served + st.used);
  const T0 = P.t0 * meanEdge;
  const Tf = P.tf * meanEdge;
  const f0 = fraction();
  let curCost = st.cost();
  while (!stop && active.length > 0) {
    iterations++;
    if ((iterations & 7) === 0) tick();
    if (stop) break;
    const f = f0 >= 1 ? 1 : Math.min(1, (fraction() - f0) / (1 - f0));
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
    if (accept) {
      curCost = cost;
      if (better(newAbs, st.used, cost)) {
        if (P.lsOnBest) {
          localSearch(st, rng, granular);
          curCost = st.cost();
        }
        recordBest();
      }
    } else st.rollback();
  }
  // A final descent polishes what annealing left; it only ever improves the best solution.
  st.restore(best);
  localSearch(st, rng, granular);
  if (better(st.absent.length, st.used, st.cost())) recordBest();
  tick();
  if (process.env.SOLVER_DEBUG) console.error("end", iterations, elapsed().toFixed(0), bestUsed, bestCost.toFixed(1));
  return { routes: best.routes, absent: best.absent, iterations };
}

/** Granular neighbourhoods: the nearest stops of each stop (by symmetric distance). */
function neighLists(c: Compiled, active: number[], neigh: Int32Array[]): Int32Array[] {
  const k = Math.min(30, active.length - 1);
  const out: Int32Array[] = new Array(c.n);
  for (const s of active) out[s] = neigh[s].subarray(1, 1 + k);
  return out;
}
