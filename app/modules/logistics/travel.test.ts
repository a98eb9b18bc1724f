import { describe, expect, it } from "vitest";
import { haversine } from "./geo";
import {
  areaIndex,
  buildTravelModel,
  exactTravelModel,
  integrateTravel,
  offlineTravelTime,
  OfflineMatrixProvider,
  profile,
  SHANGHAI_TRAVEL,
  travelModelFromMatrices,
  type TravelConfig,
} from "./travel";

const slowFast = profile("test", [
  ["00:00", 36],
  ["07:00", 18],
]);

describe("integrateTravel", () => {
  it("uses one speed inside a band", () => {
    // 36 km/h = 10 m/s
    expect(integrateTravel(10_000, 3600, slowFast)).toBeCloseTo(1000, 9);
  });

  it("integrates across a breakpoint instead of using the departure speed", () => {
    // Leave 06:50 with 20 km: 10 min at 10 m/s covers 6 km, the other 14 km at 5 m/s take 2800 s.
    const t = integrateTravel(20_000, 7 * 3600 - 600, slowFast);
    expect(t).toBeCloseTo(600 + 2800, 9);
    expect(t).not.toBeCloseTo(2000, 0);
  });

  it("wraps past midnight onto the next day's profile", () => {
    const p = profile("night", [
      ["00:00", 36],
      ["23:00", 72],
    ]);
    // Leave 23:50 with 24 km: 600 s at 20 m/s (12 km), then 12 km at 10 m/s.
    expect(integrateTravel(24_000, 23 * 3600 + 3000, p)).toBeCloseTo(600 + 1200, 9);
  });

  it("is FIFO: leaving later never arrives earlier", () => {
    for (let d = 1000; d <= 40_000; d += 13_000) {
      let lastArrival = -Infinity;
      for (let t = 5 * 3600; t <= 10 * 3600; t += 97) {
        const arrival = t + integrateTravel(d, t, SHANGHAI_TRAVEL.areas[0].profile);
        expect(arrival).toBeGreaterThanOrEqual(lastArrival - 1e-9);
        lastArrival = arrival;
      }
    }
  });
});

describe("offline model for Shanghai", () => {
  const peoplesSquare = { lat: 31.2304, lng: 121.4737 };
  const lujiazui = { lat: 31.2335, lng: 121.5055 };
  const jiangqiao = { lat: 31.248, lng: 121.305 };
  const kangqiao = { lat: 31.14, lng: 121.58 };

  it("classifies points by ring", () => {
    expect(areaIndex(peoplesSquare)).toBe(0);
    expect(areaIndex({ lat: 31.298, lng: 121.5015 })).toBe(1); // Fudan, between the rings
    expect(areaIndex(jiangqiao)).toBe(-1);
  });

  it("uses the detour factor for road distance", async () => {
    const provider = new OfflineMatrixProvider();
    const m = provider.compute({ points: [peoplesSquare, lujiazui], horizon: { from: 0, to: 3600 } });
    expect(m.distance[1]).toBeCloseTo(haversine(peoplesSquare, lujiazui) * 1.3, 6);
  });

  it("is slower in the inner ring by day than outside at night", () => {
    const dayInner = offlineTravelTime(peoplesSquare, lujiazui, 8 * 3600) / haversine(peoplesSquare, lujiazui);
    const nightOuter = offlineTravelTime(jiangqiao, kangqiao, 3600) / haversine(jiangqiao, kangqiao);
    expect(dayInner).toBeGreaterThan(3 * nightOuter);
  });

  it("interpolated slices stay FIFO and within a quarter slice of the exact time", async () => {
    const points = [peoplesSquare, lujiazui, jiangqiao, kangqiao];
    const { model } = await buildTravelModel(new OfflineMatrixProvider(), {
      points,
      horizon: { from: 4 * 3600, to: 12 * 3600 },
    });
    const exactModel = exactTravelModel(points);
    expect(model.size).toBe(4);
    expect(model.timeIndependent).toBe(false);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        let last = -Infinity;
        for (let t = 3 * 3600; t <= 13 * 3600; t += 131) {
          const arrival = t + model.time(i, j, t);
          expect(arrival).toBeGreaterThanOrEqual(last - 1e-6);
          last = arrival;
          if (i !== j && t >= 4 * 3600 && t <= 12 * 3600) {
            const exact = offlineTravelTime(points[i], points[j], t);
            expect(Math.abs(model.time(i, j, t) - exact)).toBeLessThan(SHANGHAI_TRAVEL.sliceSeconds / 4);
            expect(exactModel.time(i, j, t)).toBeCloseTo(exact, 9);
          }
        }
      }
    }
    expect(model.time(2, 3, 6 * 3600)).toBeCloseTo(offlineTravelTime(jiangqiao, kangqiao, 6 * 3600), 6);
  });

  it("is time-independent with a single constant speed", async () => {
    const flat: TravelConfig = { ...SHANGHAI_TRAVEL, areas: [], defaultProfile: profile("flat", [["00:00", 36]]) };
    const { model } = await buildTravelModel(new OfflineMatrixProvider(flat), {
      points: [peoplesSquare, lujiazui],
      horizon: { from: 0, to: 86_400 },
    });
    expect(model.timeIndependent).toBe(true);
    expect(model.time(0, 1, 0)).toBeCloseTo(model.distance(0, 1) / 10, 6);
  });
});

describe("travelModelFromMatrices", () => {
  it("repairs non-FIFO samples from an engine", () => {
    const model = travelModelFromMatrices({
      size: 2,
      distance: new Float64Array([0, 1000, 1000, 0]),
      sliceStarts: [0, 600],
      times: [new Float64Array([0, 2000, 2000, 0]), new Float64Array([0, 100, 100, 0])],
    });
    // Raised to 2000 - 600 so that leaving at 600 does not beat leaving at 0.
    expect(model.time(0, 1, 600)).toBe(1400);
    expect(600 + model.time(0, 1, 600)).toBeGreaterThanOrEqual(0 + model.time(0, 1, 0));
  });

  it("rejects malformed matrices", () => {
    expect(() =>
      travelModelFromMatrices({
        size: 2,
        distance: new Float64Array(3),
        sliceStarts: [0],
        times: [new Float64Array(4)],
      })
    ).toThrow(/wrong size/);
  });
});
