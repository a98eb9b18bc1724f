import { EPS as EPS_, type Compiled } from "./compile";

// Local copy: reading an imported binding goes through a getter under tsx.
const EPS = EPS_;

/** Relaxations used by the pre-check to tell which rule makes a stop unservable. */
export const RELAX_FORBIDDEN = 1;
export const RELAX_RIDE = 2;

/** Scratch schedule of the last successful simulate() call. */
export class Schedule {
  arrival = new Float64Array(16);
  start = new Float64Array(16);
  departure = 0;
  returnTime = 0;

  ensure(len: number): void {
    if (this.arrival.length < len) {
      const size = Math.max(len, this.arrival.length * 2);
      this.arrival = new Float64Array(size);
      this.start = new Float64Array(size);
    }
  }
}

const scratch = new Schedule();

/** Service start at stop s for a vehicle arriving at `arr`, honouring the window opening and forbidden intervals. */
function serviceStart(c: Compiled, v: number, s: number, arr: number, relax: number): number {
  let start = arr > c.tws[s] ? arr : c.tws[s];
  const forb = c.forbid[c.vZone[v] * c.n + s];
  if (forb !== null && (relax & RELAX_FORBIDDEN) === 0) {
    const end = c.svc[s];
    // Intervals are sorted by `from`; moving past one can only collide with later ones.
    for (let k = 0; k < forb.length; k++) {
      const iv = forb[k];
      if (start < iv.to && start + end > iv.from) start = iv.to;
    }
  }
  return start;
}

/** Simulates leaving at dep; returns the return time or NaN when a window or the shift end is missed. */
function forward(c: Compiled, v: number, seq: ArrayLike<number>, len: number, dep: number, out: Schedule, relax: number): number {
  let t = dep;
  let prev = c.vLoc[v];
  for (let k = 0; k < len; k++) {
    const s = seq[k];
    const l = c.loc[s];
    const arr = t + (c.tm.length > 0 ? c.tm[prev * c.L + l] : c.problem.travel.time(prev, l, t));
    const start = serviceStart(c, v, s, arr, relax);
    if (start > c.twe[s] + EPS) return NaN;
    out.arrival[k] = arr;
    out.start[k] = start;
    t = start + c.svc[s];
    prev = l;
  }
  const ret = t + (c.tm.length > 0 ? c.tm[prev * c.L + c.vLoc[v]] : c.problem.travel.time(prev, c.vLoc[v], t));
  if (ret > c.vEnd[v] + EPS) return NaN;
  return ret;
}

/**
 * Checks whether vehicle v can run the sequence (time windows, shift, forbidden intervals, maximum duration,
 * maximum ride time; capacity is the caller's job) and leaves the schedule in `out`. Departure is delayed as
 * far as useful without missing a window, which minimises duration and ride times.
 */
export function simulate(
  c: Compiled, v: number, seq: ArrayLike<number>, len: number, out: Schedule = scratch, relax = 0,
  wantSchedule = false,
): boolean {
  out.ensure(len);
  const t0 = c.vStart[v];
  const ret0 = forward(c, v, seq, len, t0, out, relax);
  if (ret0 !== ret0) return false;
  const maxDur = c.vMaxDur[v];
  const needRide = c.hasRide && (relax & RELAX_RIDE) === 0;
  if (!wantSchedule && !needRide && maxDur === Infinity) return true;
  // Savelsbergh forward slack: delaying departure by delta shifts stop k by max(0, delta - wait so far).
  let wait = 0;
  let delta = Infinity;
  for (let k = 0; k < len; k++) {
    wait += out.start[k] - out.arrival[k];
    const slack = wait + c.twe[seq[k]] - out.start[k];
    if (slack < delta) delta = slack;
  }
  delta = Math.min(delta, wait + c.vEnd[v] - ret0, wait);
  let dep = t0;
  let ret = ret0;
  if (delta > EPS) {
    const r1 = forward(c, v, seq, len, t0 + delta, out, relax);
    if (r1 === r1) {
      dep = t0 + delta;
      ret = r1;
    } else {
      // Time-dependent travel or forbidden intervals make the slack estimate inexact: bisect instead.
      let lo = 0;
      let hi = delta;
      for (let it = 0; it < 10; it++) {
        const mid = (lo + hi) / 2;
        const r = forward(c, v, seq, len, t0 + mid, out, relax);
        if (r === r) lo = mid;
        else hi = mid;
      }
      dep = t0 + lo;
      ret = forward(c, v, seq, len, dep, out, relax);
      if (ret !== ret) {
        dep = t0;
        ret = forward(c, v, seq, len, t0, out, relax);
      }
    }
  }
  out.departure = dep;
  out.returnTime = ret;
  if (ret - dep > maxDur + EPS) return false;
  if (needRide) {
    for (let k = 0; k < len; k++) {
      if (out.start[k] - dep > c.maxRide[seq[k]] + EPS) return false;
    }
  }
  return true;
}
