import { describe, expect, it } from "vitest";
import { problemOf, stop, vehicle, type Pt } from "../../../../tests/logistics/problems";
import { compile } from "./compile";
import { Rng } from "./rng";
import { canInsertAt, Route, sequenceFeasible } from "./route";
import { concat, visitSegment } from "./segments";

describe("time-window segment concatenation", () => {
  it("adds waiting when the second window opens late", () => {
    const s = concat(visitSegment(0, 10, 5), visitSegment(20, 30, 5), 3);
    // Start at 10, finish 15, arrive 18, wait 2, serve 20..25.
    expect(s).toEqual({ d: 15, tw: 0, e: 10, l: 10 });
  });

  it("reports time warp when the second window closes too early", () => {
    const s = concat(visitSegment(0, 10, 5), visitSegment(0, 5, 5), 3);
    expect(s.tw).toBe(3);
  });

  it("is associative", () => {
    const a = visitSegment(0, 50, 4);
    const b = visitSegment(30, 40, 2);
    const c = visitSegment(10, 100, 7);
    const left = concat(concat(a, b, 6), c, 9);
    const right = concat(a, concat(b, c, 9), 6);
    for (const k of ["d", "tw", "e", "l"] as const) expect(left[k]).toBeCloseTo(right[k], 9);
  });

  it("agrees with route simulation on random insertions (O(1) slack check)", () => {
    const rng = new Rng(7);
    const pts: Pt[] = [[50, 50]];
    for (let i = 0; i < 40; i++) pts.push([rng.int(100), rng.int(100)]);
    const stops = pts.slice(1).map((_, k) => {
      const a = rng.int(400);
      return stop(`s${k}`, k + 1, { twStart: a, twEnd: a + 20 + rng.int(150), serviceTime: 5 + rng.int(10) });
    });
    const problem = problemOf(pts, stops, [vehicle("v", { shiftEnd: 700, maxDuration: 450 })]);
    const c = compile(problem);
    expect(c.fast).toBe(true);
    let agree = 0;
    for (let trial = 0; trial < 30; trial++) {
      const route = new Route(c, 0);
      const order = rng.shuffle([...Array(c.n).keys()]);
      for (const s of order) {
        for (let k = 0; k <= route.nodes.length; k++) {
          const cand = route.nodes.slice();
          cand.splice(k, 0, s);
          const slow = sequenceFeasible(c, 0, cand, cand.length);
          expect(canInsertAt(c, route, k, s)).toBe(slow);
          agree++;
          if (slow && rng.next() < 0.3) {
            route.nodes = cand;
            route.refresh(c);
            break;
          }
        }
      }
    }
    expect(agree).toBeGreaterThan(1000);
  });
});
