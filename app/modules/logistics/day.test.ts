import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { haversine, wgs84ToGcj02 } from "./geo";
import {
  checkStop,
  dayToProblem,
  DayFileInvalid,
  diagnoseStop,
  DayPlanError,
  forbiddenAt,
  mergeIntervals,
  parseDayFile,
  travelConfigOf,
  validateDay,
} from "./day";
import { miniDay, withBadStops } from "./day.fixtures";
import { StaticMatrixProvider, type MatrixProvider } from "./travel";

const EXAMPLE = fileURLToPath(new URL("./examples/shanghai-day.json", import.meta.url));

function errorsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DayFileInvalid) return e.message;
    throw e;
  }
  throw new Error("expected DayFileInvalid");
}

describe("day file validation", () => {
  it("accepts the Shanghai example", () => {
    const day = parseDayFile(readFileSync(EXAMPLE, "utf8"), "shanghai-day.json");
    expect(day.warehouses).toHaveLength(2);
    expect(day.stops.length).toBeGreaterThanOrEqual(30);
    expect(day.stops.length).toBeLessThanOrEqual(60);
    const units = day.vans.reduce((a, v) => a + v.count, 0);
    expect(units).toBeGreaterThanOrEqual(6);
    expect(units).toBeLessThanOrEqual(10);
    expect(day.zones[0].forbidden).toEqual([{ from: 7 * 3600, to: 20 * 3600 }]);
  });

  it("normalises units: 斤, t, L and per-kg service", () => {
    const day = validateDay(miniDay());
    const fudan = day.stops[0];
    expect(fudan.loads[1].weight).toBe(50_000);
    expect(fudan.loads[1].volume).toBe(100_000);
    expect(day.stops[2].loads[0].weight).toBe(50_000);
    expect(fudan.service?.perKg).toBe(2);
    expect(day.vans[0].payload).toBe(2_000_000);
  });

  it("names the stop, the field and the line for an unknown unit", () => {
    const raw = miniDay();
    (raw.stops[1].loads[0] as { weight: string }).weight = "80 lb";
    const text = JSON.stringify(raw, null, 2);
    const msg = errorsOf(() => parseDayFile(text, "day.json"));
    const line = text.split("\n").findIndex((l) => l.includes('"80 lb"')) + 1;
    expect(msg).toContain(`day.json:${line}: stop "IFC" 国金中心 员工餐厅: loads[0].weight: unknown weight unit "lb"`);
  });

  it("reports every problem at once, each with its subject", () => {
    const raw = miniDay() as unknown as Record<string, unknown[]>;
    const stops = raw.stops as Record<string, unknown>[];
    stops[0].window = { from: "5:30am", to: "07:00" };
    stops[2].windw = { from: "08:00", to: "09:00" };
    (raw.vans[0] as Record<string, unknown>).payload = 2000;
    const msg = errorsOf(() => validateDay(raw, "d.json"));
    expect(msg).toMatch(/stop "FUDAN" 复旦大学 北区食堂: window\.from: cannot read time "5:30am"/);
    expect(msg).toMatch(/stop "CAOYANG" 曹杨新村 自提点: Unrecognized key: "windw" \(misspelt field\?\)/);
    expect(msg).toMatch(/van "TRUCK": payload: /);
    delete (raw.stops as Record<string, unknown>[])[1].window;
    expect(errorsOf(() => validateDay(raw, "d.json"))).toContain(
      'stop "IFC" 国金中心 员工餐厅: window: missing required field (expected object)'
    );
  });

  it("checks cross-references", () => {
    const raw = miniDay();
    raw.vans[1].warehouse = "WH-X";
    raw.stops[2].id = "IFC";
    const msg = errorsOf(() => validateDay(raw, "d.json"));
    expect(msg).toContain('van "VAN": warehouse: unknown warehouse "WH-X"');
    expect(msg).toContain('stop "IFC" 曹杨新村 自提点: id: duplicate id "IFC"');
  });

  it("reports JSON syntax errors with a line", () => {
    const text = '{\n  "date": "2026-11-30",\n  "timezone": "Asia/Shanghai"\n  "stops": []\n}';
    expect(errorsOf(() => parseDayFile(text, "bad.json"))).toMatch(/^bad\.json:4: invalid JSON/);
  });
});

describe("day → problem", () => {
  it("builds demand and capacity vectors, eligibility and ride-time limits", async () => {
    const dp = await dayToProblem(validateDay(miniDay()));
    const { problem } = dp;
    expect(problem.depots).toEqual([{ id: "WH", location: 0, open: 4 * 3600, close: 14 * 3600 }]);
    expect(problem.vehicles.map((v) => v.id)).toEqual(["TRUCK", "VAN-1", "VAN-2"]);
    expect(problem.vehicles[0].capacity).toEqual([2e6, 12e6, 0, 1.2e6, 8e5, 0, 7e6, 5e6]);
    expect(problem.vehicles[0].features).toEqual(["chilled", "frozen"]);
    expect(problem.vehicles[1].maxDuration).toBe(8 * 3600);
    const fudan = problem.stops[0];
    expect(fudan.demand).toEqual([250_000, 700_000, 0, 200_000, 50_000, 0, 600_000, 100_000]);
    expect(fudan.requires).toEqual(["chilled", "frozen"]);
    // Chilled (4 h) is stricter than frozen (6 h).
    expect(fudan.maxRideTime).toBe(4 * 3600);
    expect(fudan.serviceTime).toBe(600 + 2 * 250);
    expect(problem.stops[2].maxRideTime).toBeUndefined();
    expect(problem.stops[2].requires).toEqual(["ambient"]);
    expect(dp.rejected).toEqual([]);
  });

  it("takes forbidden intervals from the zones a stop lies in and marks affected vans restricted", async () => {
    const dp = await dayToProblem(validateDay(miniDay()));
    const [fudan, ifc, caoyang] = dp.problem.stops;
    expect(ifc.zones).toEqual([{ zone: "1:内环 inner ring", forbidden: [{ from: 7 * 3600, to: 20 * 3600 }] }]);
    expect(fudan.zones).toEqual([]);
    expect(caoyang.zones).toEqual([]);
    expect(dp.problem.vehicles.map((v) => v.restricted)).toEqual([true, false, false]);
    expect(dp.problem.vehicles.map((v) => v.zonePermits)).toEqual([undefined, undefined, undefined]);
  });

  it("zones listing vans restrict exactly those vans", async () => {
    const raw = miniDay();
    raw.zones![0].affects = ["VAN"];
    const dp = await dayToProblem(validateDay(raw));
    expect(dp.problem.vehicles.map((v) => v.restricted)).toEqual([false, true, true]);
  });

  it("converts GCJ-02 input to WGS-84", async () => {
    const raw = miniDay();
    const wgs = { lat: raw.stops[0].lat, lng: raw.stops[0].lng };
    const gcj = wgs84ToGcj02(wgs);
    raw.stops[0] = { ...raw.stops[0], lat: gcj.lat, lng: gcj.lng, coords: "gcj02" };
    const dp = await dayToProblem(validateDay(raw));
    expect(haversine(dp.points[dp.problem.stops[0].location], wgs)).toBeLessThan(1);
  });

  it("sets aside stops outside China and diagnoses stops no van can serve", async () => {
    const raw = withBadStops();
    const dp = await dayToProblem(validateDay(raw));
    expect(dp.rejected.map((r) => [r.id, r.reason])).toEqual([
      ["SWAPPED", "outside_china"],
      ["TOKYO", "outside_china"],
    ]);
    expect(dp.rejected[0].message).toMatch(
      /stop "SWAPPED" 坐标颠倒: .*outside mainland China \(latitude and longitude look swapped\)/
    );
    const kept = dp.problem.stops.map((s) => s.id);
    expect(kept).not.toContain("TOKYO");
    expect(kept).toContain("ICE");
    expect(dp.stopIndex.map((i) => dp.day.stops[i].id)).toEqual(kept);
    expect(dp.stopLocation[raw.stops.findIndex((s) => s.id === "TOKYO")]).toBe(-1);

    const diagnosis = (id: string) => diagnoseStop(dp, kept.indexOf(id));
    expect(diagnosis("CAOYANG")).toBeNull();
    expect(diagnosis("ICE")?.reason).toBe("no_eligible_vehicle");
    expect(diagnosis("ICE")?.message).toContain('stop "ICE" 常温+冷冻 needs ambient + frozen in one van');
    expect(diagnosis("HUGE")?.reason).toBe("capacity");
    expect(diagnosis("HUGE")?.message).toMatch(/stop "HUGE" 超重: 3000 kg \(total\)/);
    expect(diagnosis("EARLY")?.reason).toBe("time_window");
    expect(diagnosis("EARLY")?.message).toMatch(
      /window closes 04:10, but the earliest van \(VAN-1, leaving WH at 05:00\) arrives 05:\d\d/
    );
    expect(diagnosis("ZONED")?.reason).toBe("restricted_zone");
    expect(diagnosis("FAR")?.reason).toBe("ride_time");
    expect(diagnosis("FAR")?.message).toMatch(/min from WH exceeds the 30 min allowed on the road/);
  });

  it("rejects a warehouse outside China as a whole-day error", async () => {
    const raw = miniDay();
    raw.warehouses[0].lat = 1.3;
    raw.warehouses[0].lng = 103.8;
    await expect(dayToProblem(validateDay(raw))).rejects.toThrow(DayPlanError);
    await expect(dayToProblem(validateDay(raw))).rejects.toThrow(/warehouse "WH" 江桥仓: .*outside mainland China/);
  });
});

describe("travel settings in the day file", () => {
  it("overrides detour factor, default speeds and areas", async () => {
    const raw = miniDay();
    raw.travel = {
      detourFactor: 1.5,
      sliceMinutes: 10,
      defaultSpeeds: [
        ["00:00", 60],
        ["07:00", 30],
      ],
      areas: [
        {
          name: "Fudan",
          shape: { type: "circle", center: [31.303, 121.4985], radius: "3 km" },
          speeds: [["00:00", 10]],
        },
      ],
    };
    const day = validateDay(raw);
    const config = travelConfigOf(day);
    expect(config.detourFactor).toBe(1.5);
    expect(config.sliceSeconds).toBe(600);
    expect(config.defaultProfile.bands).toEqual([
      { from: 0, kmh: 60 },
      { from: 7 * 3600, kmh: 30 },
    ]);
    expect(config.areas).toHaveLength(1);
    const dp = await dayToProblem(day);
    const { travel } = dp.problem;
    const wh = 0;
    const fudan = dp.problem.stops[0].location;
    expect(travel.distance(wh, fudan)).toBeCloseTo(haversine(dp.points[wh], dp.points[fudan]) * 1.5, 3);
    // Half the leg at 60 km/h, half at 10 km/h (5 am, before the 07:00 change).
    const half = travel.distance(wh, fudan) / 2;
    expect(travel.time(wh, fudan, 5 * 3600)).toBeCloseTo(half / (60 / 3.6) + half / (10 / 3.6), 0);
  });

  it("rejects speed bands that do not start at midnight or go backwards", () => {
    const raw = miniDay();
    raw.travel = {
      defaultSpeeds: [
        ["01:00", 60],
        ["00:30", 30],
      ],
    };
    const msg = errorsOf(() => validateDay(raw, "d.json"));
    expect(msg).toContain('travel.defaultSpeeds[0][0]: the first band must start at "00:00"');
    expect(msg).toContain("travel.defaultSpeeds[1][0]: band times must increase");
  });
});

describe("matrix providers", () => {
  it("plug a different travel source in without changing the problem shape", async () => {
    const day = validateDay(miniDay());
    const asked: number[] = [];
    const provider: MatrixProvider = {
      name: "fake-engine",
      async matrices(request) {
        asked.push(request.points.length, request.horizon.from, request.horizon.to);
        const n = request.points.length;
        const distance = new Float64Array(n * n).fill(5000);
        const time = new Float64Array(n * n).fill(600);
        for (let i = 0; i < n; i++) distance[i * n + i] = time[i * n + i] = 0;
        return { size: n, distance, sliceStarts: [0], times: [time] };
      },
    };
    const dp = await dayToProblem(day, { provider });
    expect(asked).toEqual([4, 4 * 3600, 13 * 3600]);
    expect(dp.problem.travel.timeIndependent).toBe(true);
    expect(dp.problem.travel.time(0, 1, 12345)).toBe(600);
    expect(dp.problem.travel.distance(0, 2)).toBe(5000);

    const reused = await dayToProblem(day, {
      provider: new StaticMatrixProvider(await provider.matrices({ points: dp.points, horizon: { from: 0, to: 1 } })),
    });
    expect(reused.problem.travel.time(1, 2, 0)).toBe(600);
    const short = new StaticMatrixProvider({
      size: 1,
      distance: new Float64Array(1),
      sliceStarts: [0],
      times: [new Float64Array(1)],
    });
    await expect(dayToProblem(day, { provider: short })).rejects.toThrow(/cover 1 points, but 4/);
  });
});

describe("helpers", () => {
  it("merges intervals", () => {
    expect(
      mergeIntervals([
        { from: 5, to: 9 },
        { from: 1, to: 3 },
        { from: 3, to: 4 },
        { from: 8, to: 12 },
      ])
    ).toEqual([
      { from: 1, to: 4 },
      { from: 5, to: 12 },
    ]);
  });

  it("finds forbidden intervals by circle zones", () => {
    const zone = validateDay({
      ...miniDay(),
      zones: [
        {
          name: "外滩",
          shape: { type: "circle", center: [31.24, 121.49], radius: "1 km" },
          forbidden: [
            { from: "07:00", to: "10:00" },
            { from: "09:00", to: "12:00" },
          ],
          affects: "all",
        },
      ],
    }).zones;
    expect(forbiddenAt({ lat: 31.242, lng: 121.49 }, zone)).toEqual([{ from: 7 * 3600, to: 12 * 3600 }]);
    expect(forbiddenAt({ lat: 31.26, lng: 121.49 }, zone)).toEqual([]);
  });

  it("checkStop accepts a reachable stop", async () => {
    const dp = await dayToProblem(validateDay(miniDay()));
    const { problem } = dp;
    expect(
      checkStop(problem.stops[0], { id: "FUDAN", name: "x" }, problem.vehicles, problem.depots, problem.travel)
    ).toBeNull();
  });
});
