import { describe, expect, it } from "vitest";
import { evaluateSolution } from "../../../tests/logistics/evaluator";
import { dayToProblem, DayFileInvalid, validateDay, type DayInput } from "./day";
import { miniDay } from "./day.fixtures";
import { planDay } from "./plan";

const FAST = { timeLimitMs: 5000, maxIterations: 300, seed: 1 };

/** The problems validateDay reports, as "path: message" lines. */
function problemsOf(raw: DayInput): string[] {
  try {
    validateDay(raw);
    return [];
  } catch (e) {
    if (!(e instanceof DayFileInvalid)) throw e;
    return e.errors.map((x) => `${x.subject ?? ""} ${x.path}: ${x.message}`.trim());
  }
}

describe("locks in the day file", () => {
  it("maps lockedVan and fixedSequence onto the problem", async () => {
    const raw = miniDay();
    raw.stops[2].lockedVan = "VAN-2";
    raw.vans[0].fixedSequence = ["IFC", "FUDAN"];
    const dp = await dayToProblem(validateDay(raw));
    const ids = dp.problem.vehicles.map((v) => v.id);
    expect(ids).toEqual(["TRUCK", "VAN-1", "VAN-2"]);
    expect(dp.problem.stops[2].lockedVehicle).toBe(2);
    expect(dp.problem.vehicles[0].fixedSequence).toEqual([1, 0]);
  });

  it("plans a locked stop on its van and keeps the fixed order", async () => {
    const raw = miniDay();
    raw.stops[1].lockedVan = "VAN-2";
    const { plan, dayProblem, solution } = await planDay(validateDay(raw), FAST);
    expect(evaluateSolution(dayProblem.problem, solution).violations).toEqual([]);
    const route = plan.routes.find((r) => r.stops.some((s) => s.id === "IFC"));
    expect(route?.vehicle).toBe("VAN-2");
  });

  it("reports a lock the van cannot serve as lock_infeasible, naming stop and van", async () => {
    const raw = miniDay();
    // FUDAN needs a frozen compartment, which the vans lack.
    raw.stops[0].lockedVan = "VAN-1";
    const { plan } = await planDay(validateDay(raw), FAST);
    const u = plan.unassigned.find((x) => x.id === "FUDAN");
    expect(u?.reason).toBe("lock_infeasible");
    expect(u?.message).toContain('stop "FUDAN" 复旦大学 北区食堂');
    expect(u?.message).toContain('van "VAN-1"');
    expect(plan.totals.served).toBe(2);
  });

  it("rejects unknown ids, a stop in two sequences and a sequence stop locked elsewhere", () => {
    const raw = miniDay();
    raw.stops[0].lockedVan = "NOPE";
    raw.stops[1].lockedVan = "VAN";
    raw.stops[2].lockedVan = "VAN-1";
    raw.vans[0].fixedSequence = ["CAOYANG", "GHOST", "IFC", "IFC"];
    const problems = problemsOf(raw);
    expect(problems).toContain('stop "FUDAN" 复旦大学 北区食堂 lockedVan: unknown van "NOPE"');
    expect(problems.some((p) => /lockedVan: van "VAN" has 2 units; lock to one of them \("VAN-1" … "VAN-2"\)/.test(p))).toBe(true);
    expect(problems).toContain('van "TRUCK" fixedSequence[0]: stop "CAOYANG" is locked to van "VAN-1", not "TRUCK"');
    expect(problems).toContain('van "TRUCK" fixedSequence[1]: unknown stop "GHOST"');
    expect(problems).toContain('van "TRUCK" fixedSequence[3]: stop "IFC" appears twice in the fixed sequence');

    const two = miniDay();
    two.vans.push({ ...two.vans[0], id: "TRUCK2", fixedSequence: ["IFC"] });
    two.vans[0].fixedSequence = ["IFC"];
    expect(problemsOf(two)).toContain('van "TRUCK2" fixedSequence[0]: stop "IFC" is already in the fixed sequence of van "TRUCK"');

    const multi = miniDay();
    multi.vans[1].fixedSequence = ["CAOYANG"];
    expect(problemsOf(multi)).toContain('van "VAN" fixedSequence: a fixed sequence needs a single van, but "VAN" has count 2');
  });
});

describe("zones with their own van lists", () => {
  /** miniDay with a second zone around CAOYANG that only VAN-line vans may not enter in the morning. */
  function twoZones(): DayInput {
    const raw = miniDay();
    raw.zones!.push({
      name: "曹杨 caoyang",
      shape: { type: "circle", center: [31.2425, 121.4145], radius: "1 km" },
      forbidden: [{ from: "08:00", to: "10:00" }],
      affects: ["VAN"],
    });
    return raw;
  }

  it("keeps each van out of exactly the zones that list it", async () => {
    const dp = await dayToProblem(validateDay(twoZones()));
    const [truck, van1, van2] = dp.problem.vehicles;
    // TRUCK is affected by the inner ring only: it holds the caoyang permit; the vans hold the inner-ring one.
    expect(truck).toMatchObject({ restricted: true, zonePermits: ["2:曹杨 caoyang"] });
    expect(van1).toMatchObject({ restricted: true, zonePermits: ["1:内环 inner ring"] });
    expect(van2.zonePermits).toEqual(["1:内环 inner ring"]);
    expect(dp.warnings).toEqual([]);
    expect(dp.problem.stops[2].zones).toEqual([{ zone: "2:曹杨 caoyang", forbidden: [{ from: 8 * 3600, to: 10 * 3600 }] }]);
  });

  it("plans a van into the inner ring during its hours when only the truck is barred", async () => {
    const { plan, dayProblem, solution } = await planDay(validateDay(twoZones()), FAST);
    expect(evaluateSolution(dayProblem.problem, solution).violations).toEqual([]);
    const caoyang = plan.routes.flatMap((r) => r.stops).find((s) => s.id === "CAOYANG");
    // CAOYANG (08:30–11:00) is only for the vans, which must wait until 10:00.
    expect(caoyang && caoyang.start >= "10:00").toBe(true);
    const ifc = plan.routes.find((r) => r.stops.some((s) => s.id === "IFC"));
    expect(ifc?.van).toBe("VAN");
  });

  it("exempts the vans a zone gives a permit to", async () => {
    const raw = miniDay();
    raw.zones![0].permits = ["TRUCK"];
    const dp = await dayToProblem(validateDay(raw));
    expect(dp.problem.vehicles.map((v) => v.restricted)).toEqual([false, false, false]);
    raw.zones![0].permits = ["NOBODY"];
    expect(problemsOf(raw).join("\n")).toMatch(/permits\[0\]: unknown van "NOBODY"/);
  });
});

describe("planDay control", () => {
  it("passes cancellation and the progress interval through", async () => {
    const events: number[] = [];
    const controller = new AbortController();
    controller.abort();
    const { plan, solution } = await planDay(validateDay(miniDay()), {
      timeLimitMs: 10_000,
      signal: controller.signal,
      progressIntervalMs: 1,
      onProgress: (p) => void events.push(p.elapsedMs),
    });
    expect(solution.stopped).toBe("cancelled");
    expect(plan.solver.stopped).toBe("cancelled");
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(plan.totals.served).toBe(3);
  });
});
