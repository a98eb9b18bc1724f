import { describe, expect, it } from "vitest";
import { problemOf, stop, vehicle, type Pt } from "../../../../tests/logistics/problems";
import type { StopSpec } from "../model";
import { compile } from "./compile";
import { orOpt, positions, relocate, swap, twoOpt, twoOptStar } from "./moves";
import { State } from "./state";

// Depot at the origin; an east cluster and a west cluster.
const PTS: Pt[] = [[0, 0], [10, 0], [10, 1], [-10, 0], [-10, 1], [-10, 2]];
const A = 0; // (10,0)
const B = 1; // (10,1)
const C = 2; // (-10,0)
const D = 3; // (-10,1)
const E = 4; // (-10,2)

function stateWith(routes: number[][], over: Partial<StopSpec>[] = []): State {
  const stops = PTS.slice(1).map((_, k) => stop(`s${k}`, k + 1, over[k] ?? {}));
  const problem = problemOf(PTS, stops, [vehicle("v0"), vehicle("v1"), vehicle("v2")]);
  const c = compile(problem);
  const all = [...Array(c.n).keys()];
  const st = new State(c, all);
  st.begin();
  routes.forEach((nodes, r) => st.setNodes(r, nodes));
  st.absent = all.filter((s) => st.routeOf[s] < 0);
  return st;
}

const nodes = (st: State) => st.routes.map((r) => r.nodes);

describe("local search moves", () => {
  it("relocate moves a stop next to its neighbour in another route", () => {
    const st = stateWith([[A, C], [B]]);
    const before = st.totalDist;
    expect(relocate(st, positions(st), A, B)).toBe(true);
    expect(nodes(st)).toEqual([[C], [B, A], []]);
    expect(st.totalDist).toBeLessThan(before);
  });

  it("relocate that empties a route frees the vehicle", () => {
    const st = stateWith([[A], [B]]);
    expect(relocate(st, positions(st), A, B, true)).toBe(true);
    expect(st.used).toBe(1);
    expect(nodes(st)[1]).toEqual([A, B]);
  });

  it("relocate refuses a move that breaks a time window", () => {
    // B must be served by time 12; putting A first makes the van arrive at B at time 11 + service 5 > 12.
    const st = stateWith([[A], [B]], [{ serviceTime: 5 }, { twEnd: 12 }]);
    expect(relocate(st, positions(st), A, B, true)).toBe(false);
    expect(nodes(st)).toEqual([[A], [B], []]);
  });

  it("swap exchanges two stops between routes", () => {
    const st = stateWith([[A, D], [C, B]]);
    const before = st.totalDist;
    expect(swap(st, positions(st), D, B)).toBe(true);
    expect(nodes(st)).toEqual([[A, B], [C, D], []]);
    expect(st.totalDist).toBeLessThan(before);
  });

  it("swap respects capacity", () => {
    const st = stateWith([[A, D], [C, B]], [{}, { demand: [60] }, {}, { demand: [50] }]);
    // Route 0 would carry A(1) + B(60) = 61 and route 1 C(1) + D(50): fine; make B too heavy for route 0.
    st.c.vCap[0] = 40;
    expect(swap(st, positions(st), D, B)).toBe(false);
  });

  it("2-opt* exchanges route tails", () => {
    const st = stateWith([[A, D], [C, B]]);
    expect(twoOptStar(st, positions(st), A, C)).toBe(true);
    expect(nodes(st)).toEqual([[A, B], [C, D], []]);
  });

  it("or-opt moves a string of stops", () => {
    const st = stateWith([[A, C, D], [E]]);
    const before = st.totalDist;
    expect(orOpt(st, positions(st), C, E, 2)).toBe(true);
    expect(nodes(st)).toEqual([[A], [E, C, D], []]);
    expect(st.totalDist).toBeLessThan(before);
  });

  it("or-opt within a route", () => {
    const st = stateWith([[C, A, B, D]]);
    expect(orOpt(st, positions(st), A, D, 2)).toBe(true);
    expect(nodes(st)[0]).toEqual([C, D, A, B]);
  });

  it("2-opt removes a crossing inside a route", () => {
    const pts: Pt[] = [[0, 0], [10, 0], [20, 0], [20, 10], [10, 10]];
    const c = compile(problemOf(pts, pts.slice(1).map((_, k) => stop(`p${k}`, k + 1)), [vehicle("v")]));
    const st = new State(c, [0, 1, 2, 3]);
    st.begin();
    st.setNodes(0, [0, 2, 1, 3]);
    st.absent = [];
    const before = st.totalDist;
    expect(twoOpt(st, positions(st), 0, 1)).toBe(true);
    expect(st.routes[0].nodes).toEqual([0, 1, 2, 3]);
    expect(st.totalDist).toBeLessThan(before);
  });

  it("moves never improve what is already optimal", () => {
    const st = stateWith([[A, B], [C, D, E]]);
    const pos = positions(st);
    for (const u of [A, B, C, D, E]) {
      for (const v of [A, B, C, D, E]) {
        expect(relocate(st, pos, u, v)).toBe(false);
        expect(swap(st, pos, u, v)).toBe(false);
        expect(twoOptStar(st, pos, u, v)).toBe(false);
        expect(twoOpt(st, pos, u, v)).toBe(false);
      }
    }
  });
});
