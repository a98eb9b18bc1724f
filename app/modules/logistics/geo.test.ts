import { describe, expect, it } from "vitest";
import {
  assertInsideChina,
  gcj02ToWgs84,
  haversine,
  insideArea,
  insideChina,
  OutsideChinaError,
  pointInPolygon,
  toWgs84,
  wgs84ToGcj02,
} from "./geo";

describe("haversine", () => {
  it("is zero for the same point and symmetric", () => {
    const a = { lat: 31.2304, lng: 121.4737 };
    const b = { lat: 31.1443, lng: 121.8083 };
    expect(haversine(a, a)).toBe(0);
    expect(haversine(a, b)).toBeCloseTo(haversine(b, a), 9);
  });

  it("matches known distances", () => {
    // One degree of latitude on the mean sphere is 111.195 km.
    expect(haversine({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1);
    // People's Square to Pudong airport is about 33 km as the crow flies.
    const d = haversine({ lat: 31.2304, lng: 121.4737 }, { lat: 31.1443, lng: 121.8083 });
    expect(d).toBeGreaterThan(32_000);
    expect(d).toBeLessThan(34_000);
  });
});

describe("GCJ-02", () => {
  it("matches published WGS-84 → GCJ-02 test vectors", () => {
    const sh = wgs84ToGcj02({ lat: 31.1774276, lng: 121.5272106 });
    expect(sh.lat).toBeCloseTo(31.17530398364597, 9);
    expect(sh.lng).toBeCloseTo(121.531541859215, 9);
    const sz = wgs84ToGcj02({ lat: 22.543847, lng: 113.912316 });
    expect(sz.lat).toBeCloseTo(22.540796131694766, 9);
    expect(sz.lng).toBeCloseTo(113.9171764808363, 9);
  });

  it("offsets Shanghai by a few hundred metres", () => {
    const w = { lat: 31.2304, lng: 121.4737 };
    const d = haversine(w, wgs84ToGcj02(w));
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(700);
  });

  it("round-trips to well under a metre across China", () => {
    for (const p of [
      { lat: 31.2304, lng: 121.4737 },
      { lat: 26.2654, lng: 117.6389 }, // Sanming
      { lat: 39.9087, lng: 116.3975 },
      { lat: 43.8256, lng: 87.6168 },
      { lat: 18.2528, lng: 109.512 },
    ]) {
      const back = gcj02ToWgs84(wgs84ToGcj02(p));
      expect(haversine(p, back)).toBeLessThan(0.01);
      expect(haversine(toWgs84(wgs84ToGcj02(p), "gcj02"), p)).toBeLessThan(0.01);
    }
  });

  it("leaves points outside China untouched", () => {
    const tokyo = { lat: 35.68, lng: 139.69 };
    expect(wgs84ToGcj02(tokyo)).toEqual(tokyo);
    expect(gcj02ToWgs84(tokyo)).toEqual(tokyo);
  });
});

describe("insideChina", () => {
  it("accepts mainland cities and rejects Taiwan, Tokyo and swapped coordinates", () => {
    expect(insideChina({ lat: 31.2304, lng: 121.4737 })).toBe(true);
    expect(insideChina({ lat: 26.2654, lng: 117.6389 })).toBe(true);
    expect(insideChina({ lat: 18.2528, lng: 109.512 })).toBe(true);
    expect(insideChina({ lat: 25.033, lng: 121.5654 })).toBe(false);
    expect(insideChina({ lat: 35.68, lng: 139.69 })).toBe(false);
    expect(insideChina({ lat: 121.4737, lng: 31.2304 })).toBe(false);
    expect(insideChina({ lat: Number.NaN, lng: 121 })).toBe(false);
  });

  it("names the place and hints at swapped coordinates", () => {
    expect(() => assertInsideChina({ lat: 121.4737, lng: 31.2304 }, 'stop "S1" 复旦')).toThrow(OutsideChinaError);
    expect(() => assertInsideChina({ lat: 121.4737, lng: 31.2304 }, 'stop "S1" 复旦')).toThrow(
      /stop "S1" 复旦.*outside mainland China/
    );
  });
});

describe("areas", () => {
  const square = [
    { lat: 0, lng: 0 },
    { lat: 0, lng: 1 },
    { lat: 1, lng: 1 },
    { lat: 1, lng: 0 },
  ];
  it("tests polygons and circles", () => {
    expect(pointInPolygon({ lat: 0.5, lng: 0.5 }, square)).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lng: 0.5 }, square)).toBe(false);
    const c = { type: "circle" as const, center: { lat: 31.23, lng: 121.47 }, radiusM: 1000 };
    expect(insideArea({ lat: 31.235, lng: 121.47 }, c)).toBe(true);
    expect(insideArea({ lat: 31.25, lng: 121.47 }, c)).toBe(false);
  });
});
