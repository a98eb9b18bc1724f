import { geoArea } from "d3-geo";
import { describe, expect, it } from "vitest";
import { gcj02ToWgs84 } from "~/modules/logistics/geo";
import { districtAt, fitMap, homeWarehouse, polylinePath, routeMapGeometry, SHANGHAI_DISTRICTS } from "./map-projection";

// WGS-84, as the database keeps them.
const YANGPU_WAREHOUSE = { id: "w1", name: "杨浦配送仓", lat: 31.2836, lng: 121.5260 };
const FUDAN = { lat: 31.2989, lng: 121.5035 };
const TONGJI = { lat: 31.2847, lng: 121.5010 };
const LUJIAZUI = { lat: 31.2397, lng: 121.4998 };
const PEOPLES_SQUARE = { lat: 31.2304, lng: 121.4737 };

describe("the district outlines", () => {
  it("are Shanghai's 16 districts, each a small area wound the way d3-geo reads an inside", () => {
    const names = SHANGHAI_DISTRICTS.features.map((f) => f.properties.name);
    expect(names).toHaveLength(16);
    expect(names).toEqual(expect.arrayContaining(["黄浦区", "浦东新区", "杨浦区", "崇明区", "金山区"]));
    for (const f of SHANGHAI_DISTRICTS.features) {
      const km2 = geoArea(f) * 6371 ** 2;
      // A ring wound the wrong way would be the whole globe minus the district (~5 × 10⁸ km²).
      expect(km2, f.properties.name).toBeGreaterThan(10);
      expect(km2, f.properties.name).toBeLessThan(2_500);
    }
  });

  it("tell which district a point is in", () => {
    expect(districtAt({ lat: 31.23, lng: 121.47 })).toBe("黄浦区");
    expect(districtAt(FUDAN)).toBe("杨浦区");
    expect(districtAt(LUJIAZUI)).toBe("浦东新区");
    expect(districtAt({ lat: 31.6, lng: 121.6 })).toBe("崇明区");
    expect(districtAt({ lat: 31.1, lng: 121.38 })).toBe("闵行区");
    // Hangzhou, and the sea east of the coast.
    expect(districtAt({ lat: 30.27, lng: 120.15 })).toBeNull();
    expect(districtAt({ lat: 31.0, lng: 122.4 })).toBeNull();
  });
});

describe("fitMap", () => {
  const inside = (p: { x: number; y: number }, w: number, h: number, pad = 0) => p.x >= pad && p.x <= w - pad && p.y >= pad && p.y <= h - pad;

  it("keeps every point inside the viewBox, off its edges, north up", () => {
    const points = [YANGPU_WAREHOUSE, FUDAN, TONGJI, LUJIAZUI, PEOPLES_SQUARE];
    const frame = fitMap(points);
    expect(frame.width).toBe(800);
    for (const p of points) expect(inside(frame.project(p), frame.width, frame.height, 30)).toBe(true);
    expect(frame.project(FUDAN).y).toBeLessThan(frame.project(LUJIAZUI).y);
    expect(frame.project(PEOPLES_SQUARE).x).toBeLessThan(frame.project(YANGPU_WAREHOUSE).x);
  });

  it("keeps points far apart inside too (Jinshan to Chongming), within the height limits", () => {
    const points = [{ lat: 30.75, lng: 121.34 }, { lat: 31.62, lng: 121.4 }, { lat: 31.05, lng: 121.9 }];
    const frame = fitMap(points);
    expect(frame.height).toBeGreaterThanOrEqual(420);
    expect(frame.height).toBeLessThanOrEqual(800);
    for (const p of points) expect(inside(frame.project(p), frame.width, frame.height)).toBe(true);
  });

  it("shows a neighbourhood, not a point, for a single stop", () => {
    const frame = fitMap([FUDAN]);
    const p = frame.project(FUDAN);
    expect(Math.abs(p.x - frame.width / 2)).toBeLessThan(1);
    expect(Math.abs(p.y - frame.height / 2)).toBeLessThan(1);
    // 1 km east is a visible step, not hundreds of pixels.
    const east = frame.project({ lat: FUDAN.lat, lng: FUDAN.lng + 0.0105 });
    expect(east.x - p.x).toBeGreaterThan(5);
    expect(east.x - p.x).toBeLessThan(200);
  });

  it("shows all of Shanghai with no points, labelling the districts wide enough for their name", () => {
    const frame = fitMap([]);
    expect(frame.districts).toHaveLength(16);
    for (const d of frame.districts) expect(d.path).toMatch(/^M[\d.-]+,[\d.-]+L/);
    const labelled = frame.districts.filter((d) => d.label).map((d) => d.name);
    expect(labelled).toEqual(expect.arrayContaining(["崇明区", "浦东新区", "闵行区", "金山区"]));
    expect(labelled).not.toContain("黄浦区");
  });

  it("labels only the districts whose label point is in view, and draws outlines as short path strings", () => {
    const frame = fitMap([FUDAN, TONGJI]);
    const labelled = frame.districts.filter((d) => d.label).map((d) => d.name);
    expect(labelled).toContain("杨浦区");
    expect(labelled).not.toContain("金山区");
    // One decimal is enough in an 800-wide viewBox.
    expect(frame.districts[0]!.path).not.toMatch(/\.\d\d/);
  });

  it("puts a WGS-84 point where the GCJ-02 outlines have it (shifted ~500 m)", () => {
    const frame = fitMap([PEOPLES_SQUARE, LUJIAZUI]);
    const huangpu = frame.districts.find((d) => d.name === "黄浦区")!.label!;
    const [lng, lat] = SHANGHAI_DISTRICTS.features.find((f) => f.properties.name === "黄浦区")!.properties.cp!;
    const back = frame.project(gcj02ToWgs84({ lat, lng }));
    expect(Math.abs(back.x - huangpu.x)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(back.y - huangpu.y)).toBeLessThanOrEqual(0.2);
    // Unshifted, the same numbers land several pixels away.
    const unshifted = frame.project({ lat, lng });
    expect(Math.hypot(unshifted.x - huangpu.x, unshifted.y - huangpu.y)).toBeGreaterThan(4);
  });
});

describe("routeMapGeometry", () => {
  const input = {
    warehouses: [YANGPU_WAREHOUSE],
    routes: [
      {
        id: "r1",
        label: "沪A·D1234",
        color: "#1f77b4",
        // Out of order on purpose: drawn by sequence.
        stops: [
          { id: "s2", sequence: 2, name: "同济", ...TONGJI, locked: false },
          { id: "s1", sequence: 1, name: "复旦", ...FUDAN, locked: true },
        ],
      },
      { id: "r2", label: "沪A·D5678", color: "#d62728", stops: [] },
    ],
    unassigned: [{ id: "u1", name: "陆家嘴", ...LUJIAZUI }],
  };

  it("draws each route warehouse → stops in sequence → warehouse", () => {
    const geo = routeMapGeometry(input);
    const [r1, r2] = geo.routes;
    expect(r1!.stops.map((s) => s.id)).toEqual(["s1", "s2"]);
    const w = geo.warehouses[0]!;
    const points = [w, r1!.stops[0]!, r1!.stops[1]!, w];
    expect(r1!.path).toBe(polylinePath(points));
    expect(r1!.path.startsWith(`M${w.x} ${w.y} L`)).toBe(true);
    expect(r1!.stops[0]!.locked).toBe(true);
    // An empty route has no line; the unassigned stop is a point in view.
    expect(r2!.path).toBe("");
    const u = geo.unassigned[0]!;
    expect(u.x).toBeGreaterThan(0);
    expect(u.y).toBeLessThan(geo.height);
  });

  it("starts a route at the nearest warehouse when the map shows several", () => {
    const minhang = { id: "w2", name: "闵行仓", lat: 31.1, lng: 121.38 };
    expect(homeWarehouse([minhang, YANGPU_WAREHOUSE], [FUDAN])).toBe(YANGPU_WAREHOUSE);
    expect(homeWarehouse([minhang, YANGPU_WAREHOUSE], [])).toBe(minhang);
    expect(homeWarehouse([], [FUDAN])).toBeUndefined();
  });
});
