import { describe, expect, it } from "vitest";
import { evaluateSolution } from "../../../../tests/logistics/evaluator";
import { problemOf, stop, vehicle, type Pt } from "../../../../tests/logistics/problems";
import type { StopSpec, VrpProblem, VrpSolution } from "../model";
import { forbiddenFor } from "../zones";
import { solve } from "./index";

const FAST = { timeLimitMs: 5000, maxIterations: 300, seed: 3 };
const line: Pt[] = [[0, 0], [10, 0], [20, 0], [30, 0]];

function solveChecked(p: VrpProblem): VrpSolution {
  const sol = solve(p, FAST);
  expect(evaluateSolution(p, sol).violations).toEqual([]);
  return sol;
}

const inner = (over: Partial<StopSpec> = {}) =>
  stop("inner", 1, { twStart: 0, twEnd: 500, serviceTime: 10, zones: [{ zone: "inner-ring", forbidden: [{ from: 0, to: 100 }] }], ...over });

describe("per-zone van lists", () => {
  it("lets a restricted van holding the zone's permit serve during the forbidden hours", () => {
    const sol = solveChecked(problemOf(line, [inner()], [vehicle("permit", { restricted: true, zonePermits: ["inner-ring"] })]));
    expect(sol.routes[0].visits[0].start).toBeLessThan(100);
  });

  it("makes a restricted van without the permit wait until the interval ends", () => {
    const sol = solveChecked(problemOf(line, [inner()], [vehicle("truck", { restricted: true, zonePermits: ["elsewhere"] })]));
    expect(sol.routes[0].visits[0].start).toBeGreaterThanOrEqual(100);
  });

  it("never affects an unrestricted van", () => {
    const sol = solveChecked(problemOf(line, [inner()], [vehicle("van")]));
    expect(sol.routes[0].visits[0].start).toBeLessThan(100);
  });

  it("reports restricted_zone when no van with a permit can come, and uses the one that can", () => {
    const blocked = inner({ twStart: 20, twEnd: 60 });
    const without = solveChecked(problemOf(line, [blocked], [vehicle("truck", { restricted: true })]));
    expect(without.unassigned.map((u) => u.reason)).toEqual(["restricted_zone"]);
    expect(without.unassigned[0].message).toContain('"inner"');
    const withPermit = solveChecked(
      problemOf(line, [blocked, stop("other", 2)], [
        vehicle("truck", { restricted: true }),
        vehicle("permit", { restricted: true, zonePermits: ["inner-ring"] }),
      ]),
    );
    expect(withPermit.unassigned).toEqual([]);
    const route = withPermit.routes.find((r) => r.stops.includes(0))!;
    expect(route.vehicle).toBe(1);
  });

  it("applies each zone a stop lies in separately", () => {
    const both = inner({
      zones: [
        { zone: "A", forbidden: [{ from: 0, to: 100 }] },
        { zone: "B", forbidden: [{ from: 150, to: 200 }] },
      ],
    });
    const veh = { restricted: true, zonePermits: ["A"] };
    expect(forbiddenFor(both, veh)).toEqual([{ from: 150, to: 200 }]);
    expect(forbiddenFor(both, { restricted: true })).toEqual([{ from: 0, to: 100 }, { from: 150, to: 200 }]);
    expect(forbiddenFor(both, { restricted: false })).toEqual([]);
    // The old stop-wide intervals hold for every restricted van, permits or not.
    expect(forbiddenFor({ ...both, forbidden: [{ from: 300, to: 310 }] }, { restricted: true, zonePermits: ["A", "B"] })).toEqual([
      { from: 300, to: 310 },
    ]);
    const sol = solveChecked(problemOf(line, [both], [vehicle("truck", veh)]));
    expect(sol.routes[0].visits[0].start).toBeLessThan(100);
  });
});
