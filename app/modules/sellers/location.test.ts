import { describe, expect, it } from "vitest";
import { inChina, locationWarnings, parseCoordinates, roundCoordinate, sanmingCountyOf } from "./location";

describe("parseCoordinates", () => {
  it("reads decimal degrees and rounds to 6 places", () => {
    expect(parseCoordinates("26.3972", "117.7922")).toEqual({ ok: true, value: { lat: 26.3972, lng: 117.7922 } });
    expect(parseCoordinates(" 26.39721234 ", "117.79229999")).toEqual({ ok: true, value: { lat: 26.397212, lng: 117.7923 } });
    expect(parseCoordinates("３１.２３", "１２１.４７")).toEqual({ ok: true, value: { lat: 31.23, lng: 121.47 } });
    expect(parseCoordinates("26.3972°", "117.7922°")).toEqual({ ok: true, value: { lat: 26.3972, lng: 117.7922 } });
  });

  it("treats two empty fields as no location", () => {
    expect(parseCoordinates("", "")).toEqual({ ok: true, value: null });
    expect(parseCoordinates(undefined, "  ")).toEqual({ ok: true, value: null });
  });

  it("wants both or neither", () => {
    expect(parseCoordinates("26.39", "")).toEqual({ ok: false, errors: { lng: "onboarding.location.bothNeeded" } });
    expect(parseCoordinates("", "117.79")).toEqual({ ok: false, errors: { lat: "onboarding.location.bothNeeded" } });
  });

  it("refuses non-numbers and out-of-range values per field", () => {
    expect(parseCoordinates("北纬26度", "117.79")).toEqual({ ok: false, errors: { lat: "onboarding.location.latNumber" } });
    expect(parseCoordinates("26.39", "1e2")).toEqual({ ok: false, errors: { lng: "onboarding.location.lngNumber" } });
    expect(parseCoordinates("91", "117")).toEqual({ ok: false, errors: { lat: "onboarding.location.latNumber" } });
    expect(parseCoordinates("26", "181")).toEqual({ ok: false, errors: { lng: "onboarding.location.lngNumber" } });
    expect(parseCoordinates("NaN", "Infinity").ok).toBe(false);
    expect(parseCoordinates("26,39", "117,79").ok).toBe(false);
  });

  it("refuses points outside China, and says so when latitude and longitude are swapped", () => {
    expect(parseCoordinates("48.8566", "2.3522")).toEqual({ ok: false, errors: { lat: "onboarding.location.outsideChina", lng: "onboarding.location.outsideChina" } });
    expect(parseCoordinates("-26.39", "117.79").ok).toBe(false);
    expect(parseCoordinates("117.7922", "26.3972")).toEqual({ ok: false, errors: { lat: "onboarding.location.swapped", lng: "onboarding.location.swapped" } });
  });

  it("covers the mainland's corners and the South China Sea", () => {
    for (const p of [
      { lat: 53.47, lng: 122.35 }, // 漠河
      { lat: 39.47, lng: 75.99 }, // 喀什
      { lat: 18.25, lng: 109.5 }, // 三亚
      { lat: 16.83, lng: 112.33 }, // 永兴岛
      { lat: 48.35, lng: 134.8 }, // 抚远
    ]) {
      expect(inChina(p), JSON.stringify(p)).toBe(true);
    }
    expect(inChina({ lat: 1.29, lng: 103.85 })).toBe(false); // Singapore
    expect(inChina({ lat: 35.68, lng: 139.69 })).toBe(false); // Tokyo
  });

  it("rounds like a person expects", () => {
    expect(roundCoordinate(117.1234565)).toBe(117.123457);
    expect(roundCoordinate(-0.0000004)).toBe(-0);
  });
});

describe("locationWarnings", () => {
  it("says nothing for a Sanming seller inside its county", () => {
    expect(locationWarnings("沙县区", { lat: 26.3972, lng: 117.7922 })).toEqual([]);
    expect(locationWarnings("建宁县", { lat: 26.83, lng: 116.85 })).toEqual([]);
    expect(locationWarnings("沙县区", null)).toEqual([]);
  });

  it("warns when a Sanming seller's point is far outside Sanming (a phone located in Shanghai)", () => {
    expect(locationWarnings("尤溪县", { lat: 31.23, lng: 121.47 })).toEqual([{ key: "onboarding.location.farFromSanming" }]);
    // Fuzhou is ~150 km east of Sanming's edge.
    expect(locationWarnings("三元区", { lat: 26.07, lng: 119.3 })).toEqual([{ key: "onboarding.location.farFromSanming" }]);
  });

  it("warns when the point is in Sanming but outside the county named", () => {
    // A point in 建宁县 for a seller who says 尤溪县.
    expect(locationWarnings("尤溪县", { lat: 26.83, lng: 116.85 })).toEqual([{ key: "onboarding.location.outsideCounty", params: { county: "尤溪县" } }]);
  });

  it("leaves sellers outside Sanming alone", () => {
    expect(locationWarnings("杨浦区", { lat: 31.3, lng: 121.5 })).toEqual([]);
  });

  it("knows the pre-2021 names", () => {
    expect(sanmingCountyOf("沙县")).toBe("沙县区");
    expect(sanmingCountyOf("梅列区")).toBe("三元区");
    expect(sanmingCountyOf("建宁")).toBe("建宁县");
    expect(sanmingCountyOf("浦东新区")).toBeNull();
  });
});
