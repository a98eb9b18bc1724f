import type { Compiled } from "./compile";
import { fitsLoad as fitsLoad_, sequenceDistance as sequenceDistance_, sequenceFeasible as sequenceFeasible_ } from "./route";
import type { Rng } from "./rng";
import type { State } from "./state";

/**
 * Feasibility-preserving improvement moves on a State. Each move function evaluates the distance change
 * in O(1) where it can, checks feasibility only for improving candidates, applies the move and returns
 * true when it improved the solution. `pos` must hold each routed stop's index in its route.
 */

// Local copies: calling imported bindings goes through getters under tsx.
const fitsLoad = fitsLoad_;
const sequenceDistance = sequenceDistance_;
const sequenceFeasible = sequenceFeasible_;

const IMPROVE = 1e-9;
/** Emptying a route removes a vehicle, which outranks any distance change. */
const ROUTE_BONUS = 1e12;

/** Index of every routed stop in its route. */
export function positions(st: State): Int32Array {
  const pos = new Int32Array(st.c.n).fill(-1);
  for (const r of st.routes) r.nodes.forEach((s, k) => (pos[s] = k));
  return pos;
}

function locAt(c: Compiled, st: State, r: number, k: number): number {
  const nodes = st.routes[r].nodes;
  return k < 0 || k >= nodes.length ? c.vLoc[r] : c.loc[nodes[k]];
}

function apply(st: State, pos: Int32Array, r: number, nodes: number[]): void {
  st.setNodes(r, nodes);
  for (let k = 0; k < nodes.length; k++) pos[nodes[k]] = k;
}

function eligibleAll(c: Compiled, r: number, seq: number[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (c.elig[r * c.n + seq[k]] === 0) return false;
  return true;
}

/** Same-route candidate: accept when strictly shorter and feasible. */
function tryIntra(st: State, pos: Int32Array, r: number, cand: number[]): boolean {
  const c = st.c;
  const delta = sequenceDistance(c, r, cand, cand.length) - st.routes[r].distance;
  if (delta >= -IMPROVE) return false;
  if (!sequenceFeasible(c, r, cand, cand.length)) return false;
  apply(st, pos, r, cand);
  return true;
}

/** Two-route candidate with a precomputed delta. */
function tryInter(st: State, pos: Int32Array, ra: number, a: number[], rb: number, b: number[], delta: number): boolean {
  const c = st.c;
  if (a.length === 0) delta -= ROUTE_BONUS + c.vFixed[ra];
  if (b.length === 0) delta -= ROUTE_BONUS + c.vFixed[rb];
  if (delta >= -IMPROVE) return false;
  if (!sequenceFeasible(c, ra, a, a.length) || !sequenceFeasible(c, rb, b, b.length)) return false;
  for (const s of a) st.routeOf[s] = ra;
  for (const s of b) st.routeOf[s] = rb;
  apply(st, pos, ra, a);
  apply(st, pos, rb, b);
  return true;
}

/** Moves stop u right after stop v (or right before it when `before`). */
export function relocate(st: State, pos: Int32Array, u: number, v: number, before = false): boolean {
  const c = st.c;
  const ru = st.routeOf[u];
  const rv = st.routeOf[v];
  if (ru < 0 || rv < 0 || u === v) return false;
  const A = st.routes[ru].nodes;
  const pu = pos[u];
  const pv = pos[v];
  if (ru === rv) {
    // Insert after w (index -1 = depot); O(1) estimate first, exact check only for promising candidates.
    const w = before ? pv - 1 : pv;
    if (w === pu || w === pu - 1) return false;
    const lu = c.loc[u];
    const p = locAt(c, st, ru, pu - 1);
    const nx = locAt(c, st, ru, pu + 1);
    const lw = locAt(c, st, ru, w);
    const sw = locAt(c, st, ru, w + 1);
    const est = c.d(p, nx) - c.d(p, lu) - c.d(lu, nx) + c.d(lw, lu) + c.d(lu, sw) - c.d(lw, sw);
    if (est >= -IMPROVE) return false;
    const cand = A.slice();
    cand.splice(pu, 1);
    const at = cand.indexOf(v) + (before ? 0 : 1);
    cand.splice(at, 0, u);
    return tryIntra(st, pos, ru, cand);
  }
  if (c.elig[rv * c.n + u] === 0 || !fitsLoad(c, st.routes[rv], u)) return false;
  const lu = c.loc[u];
  const ap = locAt(c, st, ru, pu - 1);
  const an = locAt(c, st, ru, pu + 1);
  const x = before ? locAt(c, st, rv, pv - 1) : c.loc[v];
  const y = before ? c.loc[v] : locAt(c, st, rv, pv + 1);
  const delta =
    c.d(ap, an) - c.d(ap, lu) - c.d(lu, an) + c.d(x, lu) + c.d(lu, y) - c.d(x, y) -
    (A.length === 1 ? c.d(ap, an) : 0);
  if (A.length > 1 && delta >= -IMPROVE) return false;
  const a = A.slice();
  a.splice(pu, 1);
  const b = st.routes[rv].nodes.slice();
  b.splice(before ? pv : pv + 1, 0, u);
  return tryInter(st, pos, ru, a, rv, b, delta);
}

/** Exchanges stops u and v. */
export function swap(st: State, pos: Int32Array, u: number, v: number): boolean {
  const c = st.c;
  const ru = st.routeOf[u];
  const rv = st.routeOf[v];
  if (ru < 0 || rv < 0 || u === v) return false;
  const pu = pos[u];
  const pv = pos[v];
  if (ru === rv) {
    if (Math.abs(pu - pv) > 1) {
      const lu = c.loc[u];
      const lv = c.loc[v];
      const up = locAt(c, st, ru, pu - 1);
      const un = locAt(c, st, ru, pu + 1);
      const vp = locAt(c, st, ru, pv - 1);
      const vn = locAt(c, st, ru, pv + 1);
      const est = c.d(up, lv) + c.d(lv, un) + c.d(vp, lu) + c.d(lu, vn) - c.d(up, lu) - c.d(lu, un) - c.d(vp, lv) - c.d(lv, vn);
      if (est >= -IMPROVE) return false;
    }
    const cand = st.routes[ru].nodes.slice();
    cand[pu] = v;
    cand[pv] = u;
    return tryIntra(st, pos, ru, cand);
  }
  if (c.elig[rv * c.n + u] === 0 || c.elig[ru * c.n + v] === 0) return false;
  const lu = c.loc[u];
  const lv = c.loc[v];
  const ap = locAt(c, st, ru, pu - 1);
  const an = locAt(c, st, ru, pu + 1);
  const bp = locAt(c, st, rv, pv - 1);
  const bn = locAt(c, st, rv, pv + 1);
  const delta =
    c.d(ap, lv) + c.d(lv, an) - c.d(ap, lu) - c.d(lu, an) +
    c.d(bp, lu) + c.d(lu, bn) - c.d(bp, lv) - c.d(lv, bn);
  if (delta >= -IMPROVE) return false;
  const a = st.routes[ru].nodes.slice();
  const b = st.routes[rv].nodes.slice();
  a[pu] = v;
  b[pv] = u;
  return tryInter(st, pos, ru, a, rv, b, delta);
}

/** 2-opt*: exchanges the tails of two routes after u and after v. */
export function twoOptStar(st: State, pos: Int32Array, u: number, v: number): boolean {
  const c = st.c;
  const ru = st.routeOf[u];
  const rv = st.routeOf[v];
  if (ru < 0 || rv < 0 || ru === rv) return false;
  const A = st.routes[ru].nodes;
  const B = st.routes[rv].nodes;
  const pu = pos[u];
  const pv = pos[v];
  const sameDepot = c.vLoc[ru] === c.vLoc[rv];
  let delta = 0;
  if (sameDepot) {
    const x = locAt(c, st, ru, pu + 1);
    const y = locAt(c, st, rv, pv + 1);
    const lu = c.loc[u];
    const lv = c.loc[v];
    delta = c.d(lu, y) + c.d(lv, x) - c.d(lu, x) - c.d(lv, y);
    // Only a move that empties a route may be worth it at a non-negative distance change.
    if (delta >= -IMPROVE && pu !== A.length - 1 && pv !== B.length - 1) return false;
  }
  const a = A.slice(0, pu + 1).concat(B.slice(pv + 1));
  const b = B.slice(0, pv + 1).concat(A.slice(pu + 1));
  if (!eligibleAll(c, ru, a, pu + 1, a.length) || !eligibleAll(c, rv, b, pv + 1, b.length)) return false;
  if (!sameDepot) {
    delta = sequenceDistance(c, ru, a, a.length) + sequenceDistance(c, rv, b, b.length) -
      st.routes[ru].distance - st.routes[rv].distance;
  }
  return tryInter(st, pos, ru, a, rv, b, delta);
}

/** Or-opt: moves the string of `len` stops starting at u to right after v (same or another route). */
export function orOpt(st: State, pos: Int32Array, u: number, v: number, len: number): boolean {
  const c = st.c;
  const ru = st.routeOf[u];
  const rv = st.routeOf[v];
  if (ru < 0 || rv < 0) return false;
  const A = st.routes[ru].nodes;
  const pu = pos[u];
  if (pu + len > A.length) return false;
  if (ru === rv && pos[v] >= pu && pos[v] < pu + len) return false;
  const seg = A.slice(pu, pu + len);
  if (ru === rv) {
    const pv0 = pos[v];
    if (pv0 === pu - 1) return false;
    const f = c.loc[seg[0]];
    const l = c.loc[seg[len - 1]];
    const p = locAt(c, st, ru, pu - 1);
    const nx = locAt(c, st, ru, pu + len);
    const lv = c.loc[v];
    const sv = locAt(c, st, ru, pv0 + 1);
    const est = c.d(p, nx) - c.d(p, f) - c.d(l, nx) + c.d(lv, f) + c.d(l, sv) - c.d(lv, sv);
    if (est >= -IMPROVE) return false;
    const cand = A.slice(0, pu).concat(A.slice(pu + len));
    cand.splice(cand.indexOf(v) + 1, 0, ...seg);
    return tryIntra(st, pos, ru, cand);
  }
  if (!eligibleAll(c, rv, seg, 0, len)) return false;
  const B = st.routes[rv].nodes;
  const pv = pos[v];
  const first = c.loc[seg[0]];
  const last = c.loc[seg[len - 1]];
  const ap = locAt(c, st, ru, pu - 1);
  const an = locAt(c, st, ru, pu + len);
  const y = locAt(c, st, rv, pv + 1);
  const lv = c.loc[v];
  let delta = c.d(ap, an) - c.d(ap, first) - c.d(last, an) + c.d(lv, first) + c.d(last, y) - c.d(lv, y);
  if (A.length === len) delta -= c.d(ap, an);
  else if (delta >= -IMPROVE) return false;
  const a = A.slice(0, pu).concat(A.slice(pu + len));
  const b = B.slice(0, pv + 1).concat(seg, B.slice(pv + 1));
  return tryInter(st, pos, ru, a, rv, b, delta);
}

/** 2-opt within a route: reverses the part between u and v so that u is followed by v. */
export function twoOpt(st: State, pos: Int32Array, u: number, v: number): boolean {
  const ru = st.routeOf[u];
  if (ru < 0 || ru !== st.routeOf[v] || u === v) return false;
  const pu = pos[u];
  const pv = pos[v];
  // u before v: reverse (pu, pv] so u is followed by v; v before u: reverse [pv, pu) so v is followed by u.
  const from = pu < pv ? pu + 1 : pv;
  const to = pu < pv ? pv : pu - 1;
  if (to - from < 1) return false;
  const c = st.c;
  const e1 = locAt(c, st, ru, from - 1);
  const e2 = locAt(c, st, ru, from);
  const e3 = locAt(c, st, ru, to);
  const e4 = locAt(c, st, ru, to + 1);
  if (c.d(e1, e3) + c.d(e2, e4) - c.d(e1, e2) - c.d(e3, e4) >= -IMPROVE) return false;
  const cand = st.routes[ru].nodes.slice();
  for (let a = from, b = to; a < b; a++, b--) {
    const t = cand[a];
    cand[a] = cand[b];
    cand[b] = t;
  }
  return tryIntra(st, pos, ru, cand);
}

/**
 * First-improvement local search over granular neighbourhoods until no move improves. `shouldStop` is
 * asked every 32 stops and ends the search early (the state stays a valid solution).
 */
export function localSearch(
  st: State, rng: Rng, neighbours: Int32Array[], maxPasses = 50, shouldStop?: () => boolean,
): void {
  const pos = positions(st);
  const order: number[] = [];
  for (let s = 0; s < st.c.n; s++) if (st.routeOf[s] >= 0) order.push(s);
  rng.shuffle(order);
  let improved = true;
  for (let pass = 0; improved && pass < maxPasses; pass++) {
    improved = false;
    for (let ui = 0; ui < order.length; ui++) {
      if (shouldStop !== undefined && (ui & 31) === 31 && shouldStop()) return;
      const u = order[ui];
      const nb = neighbours[u];
      if (!nb) continue;
      for (let i = 0; i < nb.length; i++) {
        const v = nb[i];
        if (st.routeOf[u] < 0 || st.routeOf[v] < 0) continue;
        if (
          relocate(st, pos, u, v) || relocate(st, pos, u, v, true) || swap(st, pos, u, v) ||
          twoOptStar(st, pos, u, v) || orOpt(st, pos, u, v, 2) || orOpt(st, pos, u, v, 3) || twoOpt(st, pos, u, v)
        ) improved = true;
      }
    }
  }
}
