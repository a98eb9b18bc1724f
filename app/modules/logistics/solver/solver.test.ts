import { describe, expect, it } from "vitest";
import { evaluateSolution } from "../../../../tests/logistics/evaluator";
import { depot, planeTravel, problemOf, stop, vehicle, type Pt } from "../../../../tests/logistics/problems";
import type { TravelModel, VrpProblem, VrpSolution } from "../model";
import { solve } from "./index";

const FAST = { timeLimitMs: 2000, maxIterations: 300, seed: 3 };

function solveChecked(p: VrpProblem, opts = FAST): VrpSolution {
  const sol = solve(p, opts);
  const ev = evaluateSolution(p, sol);
  expect(ev.violations).toEqual([]);
  return sol;
}

const reasonOf = (sol: VrpSolution, p: VrpProblem, id: string) =>
  sol.unassigned.find((u) => p.stops[u.stop].id === id)?.reason;

const line: Pt[] = [[0, 0], [10, 0], [20, 0], [30, 0], [40, 0], [50, 0]];

describe("eligibility and capacity", () => {
  it("puts frozen stops only on vans with a frozen compartment", () => {
    const p = problemOf(
      line,
      [
        stop("frozen1", 1, { requires: ["frozen"] }),
        stop("amb", 2, { requires: ["ambient"] }),
        stop("frozen2", 3, { requires: ["frozen", "chilled"] }),
      ],
      [
        vehicle("dry", { features: ["ambient"] }),
        vehicle("cold", { features: ["ambient", "chilled", "frozen"], capacity: [2] }),
      ],
    );
    const sol = solveChecked(p);
    expect(sol.unassigned).toEqual([]);
    for (const r of sol.routes) {
      if (p.vehicles[r.vehicle].id === "dry") expect(r.stops).toEqual([1]);
    }
  });

  it("reports stops no vehicle may serve and loads too large for every vehicle", () => {
    const p = problemOf(
      line,
      [
        stop("ice", 1, { requires: ["frozen"], demand: [1, 1] }),
        stop("big", 2, { demand: [1, 500] }),
        stop("ok", 3, { demand: [5, 5] }),
      ],
      [vehicle("van", { features: ["ambient", "chilled"], capacity: [10, 100] })],
    );
    const sol = solveChecked(p);
    expect(reasonOf(sol, p, "ice")).toBe("no_eligible_vehicle");
    expect(reasonOf(sol, p, "big")).toBe("capacity");
    expect(sol.unassigned.find((u) => u.reason === "capacity")?.message).toContain('"big"');
    expect(sol.routes.map((r) => r.stops)).toEqual([[2]]);
  });

  it("splits loads across capacity dimensions and says no_room when the fleet is full", () => {
    const p = problemOf(
      line,
      [stop("a", 1, { demand: [6, 1] }), stop("b", 2, { demand: [1, 6] }), stop("c", 3, { demand: [6, 6] })],
      [vehicle("v", { capacity: [10, 10] })],
    );
    const sol = solveChecked(p);
    expect(sol.routes[0].stops.length).toBe(2);
    expect(sol.unassigned.map((u) => u.reason)).toEqual(["no_room"]);
  });

  it("prefers the vehicle count over distance and uses a heterogeneous fleet", () => {
    const p = problemOf(
      line,
      [1, 2, 3, 4, 5].map((k) => stop(`s${k}`, k, { demand: [4] })),
      [vehicle("small1", { capacity: [8] }), vehicle("small2", { capacity: [8] }), vehicle("big", { capacity: [20] })],
    );
    const sol = solveChecked(p);
    expect(sol.vehicles).toBe(1);
    expect(p.vehicles[sol.routes[0].vehicle].id).toBe("big");
  });
});

describe("time rules", () => {
  it("reports a window that closes before any van can arrive", () => {
    const p = problemOf(line, [stop("late", 5, { twEnd: 30 }), stop("fine", 1)], [vehicle("v")]);
    const sol = solveChecked(p);
    expect(reasonOf(sol, p, "late")).toBe("time_window");
    expect(sol.unassigned[0].message).toContain('"late"');
  });

  it("respects the maximum route duration by using another vehicle", () => {
    // Together: 80 driving + 20 service = 100 > 95; alone each fits.
    const p = problemOf(line, [stop("a", 3, { serviceTime: 10 }), stop("b", 4, { serviceTime: 10 })], [
      vehicle("v1", { maxDuration: 95 }),
      vehicle("v2", { maxDuration: 95 }),
    ]);
    const sol = solveChecked(p);
    expect(sol.vehicles).toBe(2);
    for (const r of sol.routes) expect(r.returnTime - r.departure).toBeLessThanOrEqual(95);
  });

  it("delays departure so a chilled load stays within its ride time", () => {
    const p = problemOf(line, [stop("canteen", 1, { twStart: 100, twEnd: 110, maxRideTime: 15 })], [vehicle("v")]);
    const sol = solveChecked(p);
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes[0].departure).toBeCloseTo(90, 6);
    expect(sol.routes[0].visits[0].start - sol.routes[0].departure).toBeLessThanOrEqual(15);
  });

  it("reports stops that cannot be reached within their ride time", () => {
    const p = problemOf(line, [stop("far", 5, { maxRideTime: 30 }), stop("near", 1, { maxRideTime: 30 })], [vehicle("v")]);
    const sol = solveChecked(p);
    expect(reasonOf(sol, p, "far")).toBe("ride_time");
    expect(sol.routes[0].stops).toEqual([1]);
  });

  it("keeps ride times when ordering stops", () => {
    const pts: Pt[] = [[0, 0], [10, 0], [-10, 0], [0, 10]];
    const p = problemOf(
      pts,
      [stop("a", 1, { maxRideTime: 12 }), stop("b", 2, { maxRideTime: 12 }), stop("c", 3, { maxRideTime: 100 })],
      [vehicle("v1"), vehicle("v2")],
    );
    const sol = solveChecked(p);
    expect(sol.unassigned).toEqual([]);
    expect(sol.vehicles).toBe(2);
  });
});

describe("restricted zones", () => {
  const zoneStops = () => [
    stop("inner", 1, { twStart: 0, twEnd: 500, serviceTime: 10, forbidden: [{ from: 0, to: 100 }] }),
  ];

  it("makes a restricted van wait outside until the forbidden interval ends", () => {
    const p = problemOf(line, zoneStops(), [vehicle("truck", { restricted: true })]);
    const sol = solveChecked(p);
    expect(sol.routes[0].visits[0].start).toBeGreaterThanOrEqual(100);
  });

  it("lets an unrestricted van serve during the interval", () => {
    const p = problemOf(line, zoneStops(), [vehicle("van")]);
    const sol = solveChecked(p);
    expect(sol.routes[0].visits[0].start).toBeLessThan(100);
  });

  it("reports restricted_zone when every eligible van is restricted for the whole window", () => {
    const p = problemOf(
      line,
      [stop("blocked", 2, { twStart: 100, twEnd: 200, forbidden: [{ from: 50, to: 300 }] }), stop("free", 1)],
      [vehicle("truck", { restricted: true })],
    );
    const sol = solveChecked(p);
    expect(reasonOf(sol, p, "blocked")).toBe("restricted_zone");
  });

  it("uses the unrestricted van for the stop inside the zone", () => {
    const p = problemOf(
      line,
      [stop("blocked", 2, { twStart: 100, twEnd: 200, forbidden: [{ from: 50, to: 300 }] }), stop("free", 1)],
      [vehicle("truck", { restricted: true }), vehicle("van")],
    );
    const sol = solveChecked(p);
    expect(sol.unassigned).toEqual([]);
    const blockedRoute = sol.routes.find((r) => r.stops.includes(1));
    expect(p.vehicles[blockedRoute!.vehicle].id).toBe("van");
  });
});

describe("time-dependent travel and depots", () => {
  // Speed 0.5 before t=100 (rush hour), 1 afterwards; FIFO by construction.
  function rushTravel(points: Pt[]): TravelModel {
    const base = planeTravel(points);
    return {
      size: base.size,
      timeIndependent: false,
      distance: base.distance,
      time: (a, b, t) => {
        const d = base.distance(a, b);
        if (t >= 100) return d;
        if (t + 2 * d <= 100) return 2 * d;
        const covered = (100 - t) / 2;
        return 100 - t + (d - covered);
      },
    };
  }

  it("uses the travel time at the departure time", () => {
    const p: VrpProblem = {
      ...problemOf(line, [stop("x", 4, { twEnd: 90 }), stop("y", 2, { twStart: 0, twEnd: 60 })], [vehicle("v")]),
      travel: rushTravel(line),
    };
    const sol = solveChecked(p);
    expect(sol.unassigned).toEqual([]);
    const r = sol.routes[0];
    expect(r.stops).toEqual([1, 0]);
    // Leaving at 0 the van needs 40 for 20 units, then 40 more for the next 20.
    expect(r.visits[0].arrival).toBeCloseTo(r.departure + 40, 6);
  });

  it("reports a stop unreachable in rush hour", () => {
    const p: VrpProblem = {
      ...problemOf(line, [stop("x", 4, { twEnd: 70 })], [vehicle("v")]),
      travel: rushTravel(line),
    };
    const sol = solveChecked(p);
    expect(reasonOf(sol, p, "x")).toBe("time_window");
  });

  it("serves each stop from the nearer of two depots", () => {
    const pts: Pt[] = [[0, 0], [100, 0], [5, 0], [6, 1], [95, 0], [94, 1]];
    const p = problemOf(
      pts,
      [stop("w1", 2), stop("w2", 3), stop("e1", 4), stop("e2", 5)],
      // Capacity 2 forces two vans, so the test shows which depot serves which side.
      [vehicle("west", { depot: 0, capacity: [2] }), vehicle("east", { depot: 1, capacity: [2] })],
      [depot("W"), depot("E", { location: 1 })],
    );
    const sol = solveChecked(p);
    expect(sol.vehicles).toBe(2);
    for (const r of sol.routes) {
      const ids = r.stops.map((s) => p.stops[s].id[0]).join("");
      expect(ids).toBe(p.vehicles[r.vehicle].id === "west" ? "ww" : "ee");
    }
  });
});

describe("search control", () => {
  function randomProblem(): VrpProblem {
    let x = 12345;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pts: Pt[] = [[50, 50]];
    const stops = [];
    for (let k = 0; k < 40; k++) {
      pts.push([Math.floor(rnd() * 100), Math.floor(rnd() * 100)]);
      const a = Math.floor(rnd() * 300);
      stops.push(stop(`c${k}`, k + 1, { twStart: a, twEnd: a + 120, serviceTime: 10, demand: [1 + Math.floor(rnd() * 20)] }));
    }
    const vehicles = Array.from({ length: 10 }, (_, k) => vehicle(`v${k}`, { capacity: [100], shiftEnd: 600 }));
    return problemOf(pts, stops, vehicles, [depot("D", { close: 600 })]);
  }

  it("is deterministic for a seed under an iteration cap", () => {
    const opts = { timeLimitMs: 20_000, maxIterations: 1500, seed: 42 };
    const a = solveChecked(randomProblem(), opts);
    const b = solveChecked(randomProblem(), opts);
    expect(a.routes.map((r) => r.stops)).toEqual(b.routes.map((r) => r.stops));
    expect(a.distance).toBe(b.distance);
  });

  it("reports progress and stops when the callback says so", () => {
    const seen: number[] = [];
    const t0 = Date.now();
    const sol = solve(randomProblem(), {
      timeLimitMs: 10_000,
      seed: 1,
      onProgress: (p) => {
        seen.push(p.fraction);
        expect(p.best.vehicles).toBeGreaterThan(0);
        return p.elapsedMs < 250;
      },
    });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(evaluateSolution(randomProblem(), sol).feasible).toBe(true);
  });

  it("returns only feasible solutions when constraints are penalised during search", () => {
    const p = randomProblem();
    const sol = solve(p, { timeLimitMs: 20_000, maxIterations: 3000, seed: 5 }, { params: { soft: true, fleetShare: 0.2 } });
    expect(evaluateSolution(p, sol).violations).toEqual([]);
    expect(sol.unassigned).toEqual([]);
  });

  it("handles a problem without stops", () => {
    const sol = solveChecked(problemOf(line, [], [vehicle("v")]));
    expect(sol).toMatchObject({ routes: [], unassigned: [], vehicles: 0, distance: 0 });
  });
});
