/**
 * Time-window segment arithmetic (Vidal et al. 2013): a sequence of visits is summarised by its
 * minimal duration D, its unavoidable time warp TW, and the earliest/latest start E/L that achieve them.
 * Two summaries concatenate in O(1), which makes insertion and move checks constant-time.
 */
export interface Segment {
  /** Minimal duration from the first service start to the end of the last service (travel, waits, service). */
  d: number;
  /** Total time warp (lateness that cannot be avoided); 0 for a feasible sequence. */
  tw: number;
  /** Earliest start of the first service that achieves d. */
  e: number;
  /** Latest start of the first service without extra time warp. */
  l: number;
}

/** Summary of a single visit: service starts in [twStart, twEnd] and lasts serviceTime. */
export function visitSegment(twStart: number, twEnd: number, serviceTime: number): Segment {
  return { d: serviceTime, tw: 0, e: twStart, l: twEnd };
}

/** Concatenates a then b with travel time t from a's last visit to b's first one. */
export function concat(a: Segment, b: Segment, t: number): Segment {
  const delta = a.d - a.tw + t;
  const dWait = Math.max(b.e - delta - a.l, 0);
  const dWarp = Math.max(a.e + delta - b.l, 0);
  return {
    d: a.d + b.d + t + dWait,
    tw: a.tw + b.tw + dWarp,
    e: Math.max(b.e - delta, a.e) - dWait,
    l: Math.min(b.l - delta, a.l) + dWarp,
  };
}
