import { EPS as EPS_, type Compiled } from "./compile";

// Local copy: reading an imported binding goes through a getter under tsx.
const EPS = EPS_;
const simulate = simulate_;
import { simulate as simulate_ } from "./schedule";

let versionCounter = 0;

/** One vehicle's route with cached loads, distance and prefix/suffix time-window segments. */
export class Route {
  nodes: number[] = [];
  /** Changes whenever the route does; lets callers cache per-route results. */
  version = 0;
  load: Float64Array;
  distance = 0;
  /** Time warp of the whole route (fast mode); 0 when time-feasible. */
  warp = 0;
  /** Load above capacity, summed over dimensions. */
  excess = 0;
  // Prefix k = depot start + nodes[0..k-1]; suffix k = nodes[k..] + depot end (Vidal segments).
  pD: Float64Array;
  pTW: Float64Array;
  pE: Float64Array;
  pL: Float64Array;
  sD: Float64Array;
  sTW: Float64Array;
  sE: Float64Array;
  sL: Float64Array;

  constructor(c: Compiled, readonly v: number) {
    this.load = new Float64Array(c.dims);
    const size = c.fast ? c.n + 2 : 0;
    this.pD = new Float64Array(size);
    this.pTW = new Float64Array(size);
    this.pE = new Float64Array(size);
    this.pL = new Float64Array(size);
    this.sD = new Float64Array(size);
    this.sTW = new Float64Array(size);
    this.sE = new Float64Array(size);
    this.sL = new Float64Array(size);
    this.refresh(c);
  }

  /** Inserts stop s before position k, updating the caches incrementally (only what the insertion changes). */
  insertAt(c: Compiled, k: number, s: number): void {
    this.version = ++versionCounter;
    const nodes = this.nodes;
    if (!c.fast) {
      nodes.splice(k, 0, s);
      this.refresh(c);
      return;
    }
    const len = nodes.length;
    const depot = c.vLoc[this.v];
    const prev = k === 0 ? depot : c.loc[nodes[k - 1]];
    const next = k === len ? depot : c.loc[nodes[k]];
    const ls = c.loc[s];
    this.distance += len === 0 ? c.d(depot, ls) + c.d(ls, depot) : c.d(prev, ls) + c.d(ls, next) - c.d(prev, next);
    const dims = c.dims;
    for (let q = 0; q < dims; q++) this.load[q] += c.demand[s * dims + q];
    nodes.splice(k, 0, s);
    const { sD, sTW, sE, sL } = this;
    // Suffixes after the new stop keep their values but move one slot right.
    sD.copyWithin(k + 1, k, len + 1);
    sTW.copyWithin(k + 1, k, len + 1);
    sE.copyWithin(k + 1, k, len + 1);
    sL.copyWithin(k + 1, k, len + 1);
    this.segments(c, k, k);
    this.totals(c);
  }

  /** Whole-route time warp and capacity excess from the caches. */
  private totals(c: Compiled): void {
    const dims = c.dims;
    let ex = 0;
    for (let q = 0; q < dims; q++) {
      const over = this.load[q] - c.vCap[this.v * dims + q];
      if (over > 0) ex += over;
    }
    this.excess = ex;
    const len = this.nodes.length;
    if (!c.fast || len === 0) {
      this.warp = 0;
      return;
    }
    const depot = c.vLoc[this.v];
    const t = c.tm[depot * c.L + c.loc[this.nodes[0]]];
    const w = c.vStart[this.v] + t - this.sL[0];
    this.warp = this.sTW[0] + (w > 0 ? w : 0);
  }

  /** Recomputes prefixes from index pFrom+1 on and suffixes from index sFrom down to 0. */
  private segments(c: Compiled, pFrom: number, sFrom: number): void {
    const nodes = this.nodes;
    const len = nodes.length;
    const tm = c.tm;
    const L = c.L;
    const depot = c.vLoc[this.v];
    const { pD, pTW, pE, pL, sD, sTW, sE, sL } = this;
    let prev = pFrom === 0 ? depot : c.loc[nodes[pFrom - 1]];
    for (let k = pFrom; k < len; k++) {
      const s = nodes[k];
      const l = c.loc[s];
      const t = tm[prev * L + l];
      const delta = pD[k] - pTW[k] + t;
      const e2 = c.tws[s];
      const l2 = c.twe[s];
      const dWait = Math.max(e2 - delta - pL[k], 0);
      const dWarp = Math.max(pE[k] + delta - l2, 0);
      pD[k + 1] = pD[k] + c.svc[s] + t + dWait;
      pTW[k + 1] = pTW[k] + dWarp;
      pE[k + 1] = Math.max(e2 - delta, pE[k]) - dWait;
      pL[k + 1] = Math.min(l2 - delta, pL[k]) + dWarp;
      prev = l;
    }
    let next = sFrom + 1 > len - 1 ? depot : c.loc[nodes[sFrom + 1]];
    for (let k = Math.min(sFrom, len - 1); k >= 0; k--) {
      const s = nodes[k];
      const l = c.loc[s];
      const t = tm[l * L + next];
      const delta = c.svc[s] + t;
      const e1 = c.tws[s];
      const l1 = c.twe[s];
      const dWait = Math.max(sE[k + 1] - delta - l1, 0);
      const dWarp = Math.max(e1 + delta - sL[k + 1], 0);
      sD[k] = c.svc[s] + sD[k + 1] + t + dWait;
      sTW[k] = sTW[k + 1] + dWarp;
      sE[k] = Math.max(sE[k + 1] - delta, e1) - dWait;
      sL[k] = Math.min(sL[k + 1] - delta, l1) + dWarp;
      next = l;
    }
  }

  /** Recomputes every cache after `nodes` changed. */
  refresh(c: Compiled): void {
    this.version = ++versionCounter;
    const nodes = this.nodes;
    const len = nodes.length;
    const dims = c.dims;
    const load = this.load;
    load.fill(0);
    const depot = c.vLoc[this.v];
    let d = 0;
    let prev = depot;
    for (let k = 0; k < len; k++) {
      const s = nodes[k];
      for (let q = 0; q < dims; q++) load[q] += c.demand[s * dims + q];
      const l = c.loc[s];
      d += c.d(prev, l);
      prev = l;
    }
    if (len > 0) d += c.d(prev, depot);
    this.distance = d;
    if (!c.fast) {
      this.totals(c);
      return;
    }
    const { pD, pTW, pE, pL, sD, sTW, sE, sL } = this;
    pD[0] = 0;
    pTW[0] = 0;
    pE[0] = c.vStart[this.v];
    pL[0] = c.vEnd[this.v];
    sD[len] = 0;
    sTW[len] = 0;
    sE[len] = c.vStart[this.v];
    sL[len] = c.vEnd[this.v];
    this.segments(c, 0, len - 1);
    this.totals(c);
  }
}

/** True when the route's load plus stop s's demand fits the vehicle. */
export function fitsLoad(c: Compiled, r: Route, s: number): boolean {
  const dims = c.dims;
  const base = r.v * dims;
  for (let q = 0; q < dims; q++) {
    if (r.load[q] + c.demand[s * dims + q] > c.vCap[base + q] + EPS) return false;
  }
  return true;
}

let seqBuf = new Int32Array(64);

/** True when inserting stop s at position k (before nodes[k]) keeps the route time-feasible. */
export function canInsertAt(c: Compiled, r: Route, k: number, s: number): boolean {
  if (c.fast) return insertWarp(c, r, k, s) <= EPS;
  const nodes = r.nodes;
  const len = nodes.length + 1;
  if (seqBuf.length < len) seqBuf = new Int32Array(len * 2);
  for (let i = 0; i < k; i++) seqBuf[i] = nodes[i];
  seqBuf[k] = s;
  for (let i = k; i < nodes.length; i++) seqBuf[i + 1] = nodes[i];
  return simulate(c, r.v, seqBuf, len);
}

/**
 * Fast mode only: time warp of the whole route after inserting stop s before position k, in O(1);
 * Infinity when the maximum duration would be exceeded.
 */
export function insertWarp(c: Compiled, r: Route, k: number, s: number): number {
  {
    const L = c.L;
    const tm = c.tm;
    const nodes = r.nodes;
    const len = nodes.length;
    const depot = c.vLoc[r.v];
    const prev = k === 0 ? depot : c.loc[nodes[k - 1]];
    const next = k === len ? depot : c.loc[nodes[k]];
    const l = c.loc[s];
    const t1 = tm[prev * L + l];
    const pd = r.pD[k];
    const delta = pd - r.pTW[k] + t1;
    const e2 = c.tws[s];
    const l2 = c.twe[s];
    const pl = r.pL[k];
    const pe = r.pE[k];
    const dWait = e2 - delta - pl > 0 ? e2 - delta - pl : 0;
    const dWarp = pe + delta - l2 > 0 ? pe + delta - l2 : 0;
    const tw1 = r.pTW[k] + dWarp;
    const D = pd + c.svc[s] + t1 + dWait;
    const E = (e2 - delta > pe ? e2 - delta : pe) - dWait;
    const Lt = (l2 - delta < pl ? l2 - delta : pl) + dWarp;
    const t2 = tm[l * L + next];
    const delta2 = D - tw1 + t2;
    const se = r.sE[k];
    const dWait2 = se - delta2 - Lt > 0 ? se - delta2 - Lt : 0;
    const dWarp2 = E + delta2 - r.sL[k] > 0 ? E + delta2 - r.sL[k] : 0;
    if (D + r.sD[k] + t2 + dWait2 > c.vMaxDur[r.v] + EPS) return Infinity;
    return tw1 + dWarp2 + r.sTW[k];
  }
}

/** True when vehicle v can run `seq` respecting capacity and every time rule. */
export function sequenceFeasible(c: Compiled, v: number, seq: ArrayLike<number>, len: number): boolean {
  const dims = c.dims;
  for (let q = 0; q < dims; q++) {
    let sum = 0;
    for (let k = 0; k < len; k++) sum += c.demand[seq[k] * dims + q];
    if (sum > c.vCap[v * dims + q] + EPS) return false;
  }
  for (let k = 0; k < len; k++) if (c.elig[v * c.n + seq[k]] === 0) return false;
  if (c.hasSeq && !sequenceOrderKept(c, seq, len)) return false;
  return simulate(c, v, seq, len);
}

/** True when the fixed-sequence stops in `seq` come in their fixed order (eligibility keeps them on their vehicle). */
export function sequenceOrderKept(c: Compiled, seq: ArrayLike<number>, len: number): boolean {
  let last = -1;
  for (let k = 0; k < len; k++) {
    const rank = c.seqRank[seq[k]];
    if (rank < 0) continue;
    if (rank < last) return false;
    last = rank;
  }
  return true;
}

/**
 * Positions (before index lo..hi) where a fixed-sequence stop s may be inserted into `nodes` without
 * breaking the order: after every earlier member present, before every later one.
 */
export function sequenceBounds(c: Compiled, nodes: number[], s: number): { lo: number; hi: number } {
  const rank = c.seqRank[s];
  let lo = 0;
  let hi = nodes.length;
  if (rank < 0) return { lo, hi };
  for (let k = 0; k < nodes.length; k++) {
    const r = c.seqRank[nodes[k]];
    if (r < 0) continue;
    if (r < rank) lo = k + 1;
    else if (r > rank && hi === nodes.length) hi = k;
  }
  return { lo, hi };
}

/** Distance of vehicle v driving `seq` from and back to its depot (0 when empty). */
export function sequenceDistance(c: Compiled, v: number, seq: ArrayLike<number>, len: number): number {
  if (len === 0) return 0;
  const depot = c.vLoc[v];
  let prev = depot;
  let d = 0;
  for (let k = 0; k < len; k++) {
    const l = c.loc[seq[k]];
    d += c.d(prev, l);
    prev = l;
  }
  return d + c.d(prev, depot);
}
