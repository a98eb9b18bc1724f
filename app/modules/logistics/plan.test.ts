import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateSolution } from "../../../tests/logistics/evaluator";
import { parseDayFile, validateDay, type DayInput } from "./day";
import { withBadStops } from "./day.fixtures";
import { formatPlanSummary, planDay } from "./plan";
import { niceLength, renderPlanSvg } from "./svg";
import { parseClock } from "./units";

const EXAMPLE = fileURLToPath(new URL("./examples/shanghai-day.json", import.meta.url));

describe("planning the Shanghai example day", async () => {
  const day = parseDayFile(readFileSync(EXAMPLE, "utf8"), "shanghai-day.json");
  const { plan, dayProblem, solution } = await planDay(day, { timeLimitMs: 3000, seed: 7 });

  it("is feasible for the independent evaluator", () => {
    const ev = evaluateSolution(dayProblem.problem, solution);
    expect(ev.violations).toEqual([]);
    expect(ev.feasible).toBe(true);
  });

  it("accounts for every stop exactly once and serves nearly all of them", () => {
    const ids = [...plan.routes.flatMap((r) => r.stops.map((s) => s.id)), ...plan.unassigned.map((u) => u.id)];
    expect(ids.slice().sort()).toEqual(day.stops.map((s) => s.id).sort());
    expect(plan.totals.served).toBeGreaterThanOrEqual(day.stops.length - 2);
    for (const u of plan.unassigned) expect(u.message).toContain(u.id);
  });

  it("keeps restricted trucks out of the inner ring during its hours", () => {
    const zoned = new Set(dayProblem.problem.stops.filter((s) => s.zones?.length).map((s) => s.id));
    expect(zoned.size).toBeGreaterThan(5);
    for (const r of plan.routes.filter((x) => x.restricted)) {
      for (const s of r.stops.filter((x) => zoned.has(x.id))) {
        const start = parseClock(s.start);
        expect(start < 7 * 3600 || start >= 20 * 3600).toBe(true);
      }
    }
  });

  it("respects windows, time on road and capacities in the plan JSON", () => {
    for (const r of plan.routes) {
      for (const s of r.stops) {
        // Times are rounded to the minute in the JSON.
        expect(parseClock(s.start)).toBeGreaterThanOrEqual(parseClock(s.window.from) - 60);
        expect(parseClock(s.start)).toBeLessThanOrEqual(parseClock(s.window.to) + 60);
        if (s.kg.chilled > 0) expect(s.onRoadMin).toBeLessThanOrEqual(4 * 60 + 1);
      }
      expect(r.utilisation.weight).toBeLessThanOrEqual(1);
      expect(r.utilisation.volume).toBeLessThanOrEqual(1);
    }
  });

  it("summarises bilingually and draws a map", () => {
    const text = formatPlanSummary(plan);
    expect(text).toContain("车辆 Van");
    expect(text).toMatch(/总里程 Distance [\d.]+ km/);
    for (const r of plan.routes) expect(text).toContain(r.vehicle);
    const svg = renderPlanSvg(plan);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<polyline /g)?.length).toBe(plan.routes.length);
    expect(svg).toContain("图例 Legend");
    expect(svg).toMatch(/>\d+ km</);
  });
});

describe("a day with stops that cannot be served", () => {
  const raw: DayInput = {
    date: "2026-11-30",
    timezone: "Asia/Shanghai",
    warehouses: [{ id: "WH", name: "康桥仓", lat: 31.1405, lng: 121.579, open: "04:00", close: "14:00" }],
    vans: [
      {
        id: "V",
        warehouse: "WH",
        payload: "1 t",
        volume: "6 m3",
        compartments: { chilled: { weight: "1 t", volume: "6 m3" } },
        shift: { from: "05:00", to: "12:00" },
      },
    ],
    stops: [
      {
        id: "OK1",
        name: "张江 <食堂> & co",
        lat: 31.204,
        lng: 121.5935,
        window: { from: "06:00", to: "09:00" },
        loads: [{ class: "chilled", weight: "100 kg", volume: "0.3 m3" }],
      },
      {
        id: "BAD",
        name: "经纬度写反",
        lat: 121.5935,
        lng: 31.204,
        window: { from: "06:00", to: "09:00" },
        loads: [{ class: "chilled", weight: "100 kg", volume: "0.3 m3" }],
      },
      {
        id: "ICE",
        name: "冷冻",
        lat: 31.2,
        lng: 121.6,
        window: { from: "06:00", to: "09:00" },
        loads: [{ class: "frozen", weight: "10 kg", volume: "20 L" }],
      },
    ],
  };

  it("plans the rest and reports each bad stop by name", async () => {
    const { plan } = await planDay(validateDay(raw), { timeLimitMs: 300, seed: 1 });
    expect(plan.routes).toHaveLength(1);
    expect(plan.routes[0].stops.map((s) => s.id)).toEqual(["OK1"]);
    expect(plan.unassigned.map((u) => [u.id, u.reason])).toEqual([
      ["BAD", "outside_china"],
      ["ICE", "no_eligible_vehicle"],
    ]);
    const text = formatPlanSummary(plan);
    expect(text).toContain("未分配站点 Unassigned stops (2)");
    expect(text).toMatch(/BAD .*stop "BAD" 经纬度写反/);
    const svg = renderPlanSvg(plan);
    expect(svg).toContain("张江 &lt;食堂&gt; &amp; co");
  });

  it("returns an empty plan when nothing can be served", async () => {
    const { plan } = await planDay(validateDay({ ...raw, stops: raw.stops.slice(1) }), { timeLimitMs: 100 });
    expect(plan.routes).toEqual([]);
    expect(plan.totals.unassigned).toBe(2);
    expect(renderPlanSvg(plan)).toContain("</svg>");
  });
});

describe("stops no van can serve", () => {
  it("come back from the solver with the planner's wording, and the rest is planned", async () => {
    const { plan, dayProblem, solution } = await planDay(validateDay(withBadStops()), { timeLimitMs: 500, seed: 3 });
    expect(evaluateSolution(dayProblem.problem, solution).violations).toEqual([]);
    const reasons = Object.fromEntries(plan.unassigned.map((u) => [u.id, u.reason]));
    expect(reasons).toMatchObject({
      SWAPPED: "outside_china",
      TOKYO: "outside_china",
      ICE: "no_eligible_vehicle",
      HUGE: "capacity",
      EARLY: "time_window",
      ZONED: "restricted_zone",
      FAR: "ride_time",
    });
    for (const u of plan.unassigned) expect(u.message).toContain(`stop "${u.id}" ${u.name}`);
    const early = plan.unassigned.find((u) => u.id === "EARLY");
    expect(early?.message).toMatch(/window closes 04:10, but the earliest van \(VAN-1/);
    const served = plan.routes.flatMap((r) => r.stops.map((x) => x.id));
    expect(served).toContain("CAOYANG");
    expect(served.length + plan.unassigned.length).toBe(plan.totals.stops);
  });
});

describe("reproducibility", () => {
  it("gives the same plan for the same seed and iteration cap", async () => {
    const day = validateDay(withBadStops());
    const a = await planDay(day, { timeLimitMs: 20_000, seed: 11, maxIterations: 200 });
    const b = await planDay(day, { timeLimitMs: 20_000, seed: 11, maxIterations: 200 });
    expect(b.plan).toEqual(a.plan);
  });
});

describe("svg helpers", () => {
  it("picks round scale-bar lengths", () => {
    expect(niceLength(7300)).toBe(5000);
    expect(niceLength(2100)).toBe(2000);
    expect(niceLength(999)).toBe(500);
    expect(niceLength(1000)).toBe(1000);
  });
});
