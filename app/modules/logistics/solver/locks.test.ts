import { describe, expect, it } from "vitest";
import { evaluateSolution } from "../../../../tests/logistics/evaluator";
import { depot, problemOf, stop, vehicle, type Pt } from "../../../../tests/logistics/problems";
import type { VrpProblem, VrpSolution } from "../model";
import { solve } from "./index";

const FAST = { timeLimitMs: 5000, maxIterations: 600, seed: 3 };

function solveChecked(p: VrpProblem, opts = FAST): VrpSolution {
  const sol = solve(p, opts);
  expect(evaluateSolution(p, sol).violations).toEqual([]);
  return sol;
}

/** 30 stops scattered around a central depot, 6 identical vans. */
function scattered(): VrpProblem {
  let x = 987;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pts: Pt[] = [[50, 50]];
  const stops = [];
  for (let k = 0; k < 30; k++) {
    pts.push([Math.floor(rnd() * 100), Math.floor(rnd() * 100)]);
    stops.push(stop(`c${k}`, k + 1, { serviceTime: 5, demand: [1 + Math.floor(rnd() * 9)] }));
  }
  const vehicles = Array.from({ length: 6 }, (_, k) => vehicle(`v${k}`, { capacity: [40], shiftEnd: 2000 }));
  return problemOf(pts, stops, vehicles, [depot("D", { close: 2000 })]);
}

const vehicleOf = (sol: VrpSolution, s: number) => sol.routes.find((r) => r.stops.includes(s))?.vehicle;

describe("locked stops", () => {
  it("keeps a locked stop on its van across solves with different seeds", () => {
    const p = scattered();
    const first = solveChecked(p);
    // Lock three stops to a van that did not serve them, and pin three more where they were.
    const moved = [0, 1, 2].map((s) => ({ s, v: (vehicleOf(first, s)! + 1) % p.vehicles.length }));
    const kept = [10, 11, 12].map((s) => ({ s, v: vehicleOf(first, s)! }));
    for (const { s, v } of [...moved, ...kept]) p.stops[s].lockedVehicle = v;
    for (const seed of [1, 2, 7]) {
      const sol = solveChecked(p, { ...FAST, seed });
      expect(sol.unassigned).toEqual([]);
      for (const { s, v } of [...moved, ...kept]) expect(vehicleOf(sol, s)).toBe(v);
    }
  });

  it("keeps a fixed sequence in order with other stops in between", () => {
    const pts: Pt[] = [[0, 0], [10, 0], [20, 0], [30, 0], [40, 0], [50, 0], [15, 1], [35, 1]];
    const stops = [1, 2, 3, 4, 5, 6, 7].map((k) => stop(`s${k}`, k));
    // Far end first, then back: not the order a distance-minimiser would choose.
    const p = problemOf(pts, stops, [vehicle("A", { fixedSequence: [4, 0, 2] }), vehicle("B")]);
    const sol = solveChecked(p);
    const route = sol.routes.find((r) => r.vehicle === 0)!;
    const at = (s: number) => route.stops.indexOf(s);
    expect(at(4)).toBeGreaterThanOrEqual(0);
    expect(at(4)).toBeLessThan(at(0));
    expect(at(0)).toBeLessThan(at(2));
    expect(sol.unassigned).toEqual([]);
  });

  it("reports a lock the van cannot serve as lock_infeasible, naming stop and van", () => {
    const pts: Pt[] = [[0, 0], [10, 0], [20, 0], [30, 0]];
    const p = problemOf(
      pts,
      [
        stop("ice", 1, { requires: ["frozen"], lockedVehicle: 0 }),
        stop("late", 2, { twStart: 0, twEnd: 5, lockedVehicle: 1 }),
        stop("free", 3, { requires: ["frozen"] }),
      ],
      [vehicle("dry", { features: ["ambient"] }), vehicle("slowStart", { shiftStart: 100, features: ["frozen"] }), vehicle("cold", { features: ["frozen"] })],
    );
    const sol = solveChecked(p);
    const ice = sol.unassigned.find((u) => u.stop === 0)!;
    expect(ice.reason).toBe("lock_infeasible");
    expect(ice.message).toContain('"ice"');
    expect(ice.message).toContain('"dry"');
    expect(ice.message).toContain("frozen");
    const late = sol.unassigned.find((u) => u.stop === 1)!;
    expect(late.reason).toBe("lock_infeasible");
    expect(late.message).toContain('"slowStart"');
    // The free frozen stop is still served, by a van with a frozen compartment.
    expect([1, 2]).toContain(vehicleOf(sol, 2));
  });

  it("leaves a stop out when a fixed sequence contradicts its windows, and says why", () => {
    const pts: Pt[] = [[0, 0], [10, 0], [20, 0]];
    const p = problemOf(
      pts,
      [stop("early", 1, { twStart: 0, twEnd: 15 }), stop("later", 2, { twStart: 0, twEnd: 25 })],
      // "later" must come first, after which "early" can no longer be reached in its window.
      [vehicle("A", { fixedSequence: [1, 0] }), vehicle("B")],
    );
    const sol = solveChecked(p);
    expect(sol.unassigned).toHaveLength(1);
    expect(sol.unassigned[0].reason).toBe("lock_infeasible");
    expect(sol.unassigned[0].message).toMatch(/"(early|later)".*"A".*fixed sequence/);
  });

  it("rejects contradictory locks when compiling", () => {
    const pts: Pt[] = [[0, 0], [10, 0], [20, 0]];
    const two = problemOf(pts, [stop("a", 1), stop("b", 2)], [vehicle("A", { fixedSequence: [0] }), vehicle("B", { fixedSequence: [0, 1] })]);
    expect(() => solve(two, FAST)).toThrow(/"a" is in the fixed sequences of both "A" and "B"/);
    const elsewhere = problemOf(pts, [stop("a", 1, { lockedVehicle: 1 })], [vehicle("A", { fixedSequence: [0] }), vehicle("B")]);
    expect(() => solve(elsewhere, FAST)).toThrow(/fixed sequence of "A" but locked to "B"/);
    const unknown = problemOf(pts, [stop("a", 1, { lockedVehicle: 5 })], [vehicle("A")]);
    expect(() => solve(unknown, FAST)).toThrow(/unknown vehicle 5/);
  });

  it("keeps locks and order through every search path (soft constraints, local search on each best, kicks)", () => {
    const p = scattered();
    p.vehicles[0].fixedSequence = [20, 3, 17, 8];
    for (const s of [5, 6, 7]) p.stops[s].lockedVehicle = 1;
    for (const seed of [1, 2, 3]) {
      for (const params of [{}, { soft: true }, { lsOnBest: true, kickAfter: 0.02 }]) {
        const sol = solve(p, { timeLimitMs: 10_000, maxIterations: 800, seed }, { params });
        expect(evaluateSolution(p, sol).violations).toEqual([]);
        expect(sol.unassigned).toEqual([]);
      }
    }
  });

  it("never drops a route holding locked stops to save a vehicle", () => {
    const pts: Pt[] = [[0, 0], [10, 0], [11, 0], [12, 0]];
    const p = problemOf(pts, [stop("a", 1, { lockedVehicle: 1 }), stop("b", 2), stop("c", 3)], [vehicle("A"), vehicle("B")]);
    const sol = solveChecked(p);
    expect(sol.vehicles).toBe(1);
    expect(sol.routes[0].vehicle).toBe(1);
  });
});
