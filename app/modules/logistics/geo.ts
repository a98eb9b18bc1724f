/**
 * Geodesy for the day planner: great-circle distance on WGS-84, conversion between WGS-84 and
 * GCJ-02 (the obfuscated datum every Chinese map app shows), and a coarse "inside mainland China"
 * check. Pure functions, no I/O.
 */

/** A point in decimal degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Which datum a coordinate pair is given in. */
export type CoordSystem = "wgs84" | "gcj02";

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two WGS-84 points (haversine formula). */
export function haversine(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

// GCJ-02 uses the Krasovsky 1940 ellipsoid in its published reference transform.
const GCJ_A = 6_378_245.0;
const GCJ_EE = 0.006_693_421_622_965_943_23;

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/**
 * The published transform only applies inside this rough rectangle; outside it GCJ-02 equals WGS-84.
 * (Deliberately not insideChina(): the reference implementations all use this rectangle.)
 */
function gcjApplies(p: LatLng): boolean {
  return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

/** WGS-84 → GCJ-02 (the forward, published transform). */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (!gcjApplies(p)) return { lat: p.lat, lng: p.lng };
  const x = p.lng - 105.0;
  const y = p.lat - 35.0;
  let dLat = transformLat(x, y);
  let dLng = transformLng(x, y);
  const radLat = p.lat * RAD;
  let magic = Math.sin(radLat);
  magic = 1 - GCJ_EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((GCJ_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}

/**
 * GCJ-02 → WGS-84 by fixed-point iteration on the forward transform. The offset varies slowly
 * (a few hundred metres over hundreds of km), so each step shrinks the error by ~1e-5; the loop
 * stops below 1e-9° (≈ 0.1 mm), far under the 1 m requirement.
 */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (!gcjApplies(p)) return { lat: p.lat, lng: p.lng };
  let w: LatLng = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w);
    const dLat = g.lat - p.lat;
    const dLng = g.lng - p.lng;
    w = { lat: w.lat - dLat, lng: w.lng - dLng };
    if (Math.abs(dLat) < 1e-9 && Math.abs(dLng) < 1e-9) break;
  }
  return w;
}

/** Converts a point given in `system` to WGS-84. */
export function toWgs84(p: LatLng, system: CoordSystem = "wgs84"): LatLng {
  return system === "gcj02" ? gcj02ToWgs84(p) : { lat: p.lat, lng: p.lng };
}

// [north, west, south, east] boxes covering mainland China (incl. Hainan), minus boxes that
// would otherwise catch Taiwan and the neighbouring parts of Vietnam and Russia. Coarse on purpose:
// the check exists to catch swapped lat/lng, a missing minus sign or a point pasted from another map.
const CHINA_BOXES: ReadonlyArray<readonly [number, number, number, number]> = [
  [49.2204, 79.4462, 42.8899, 96.33],
  [54.1415, 109.6872, 39.3742, 135.0002],
  [42.8899, 73.1246, 29.5297, 124.143255],
  [29.5297, 82.9684, 26.7186, 97.0352],
  [29.5297, 97.0253, 20.414096, 124.367395],
  [20.414096, 107.975793, 17.871542, 111.744104],
];
const NOT_CHINA_BOXES: ReadonlyArray<readonly [number, number, number, number]> = [
  [25.398623, 119.921265, 21.785006, 122.497559],
  [22.284, 101.8652, 20.0988, 106.665],
  [21.5422, 106.4525, 20.4878, 108.051],
  [55.8175, 109.0323, 50.3257, 119.127],
  [55.8175, 127.4568, 49.5574, 137.0227],
  [44.8922, 131.2662, 42.5692, 137.0227],
];

function inBox(p: LatLng, b: readonly [number, number, number, number]): boolean {
  return p.lat <= b[0] && p.lng >= b[1] && p.lat >= b[2] && p.lng <= b[3];
}

/** True when the point lies inside the coarse mainland-China bounding boxes. */
export function insideChina(p: LatLng): boolean {
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) return false;
  return CHINA_BOXES.some((b) => inBox(p, b)) && !NOT_CHINA_BOXES.some((b) => inBox(p, b));
}

/** Error thrown when a coordinate lies outside mainland China; the message names the place. */
export class OutsideChinaError extends Error {
  constructor(readonly label: string, readonly point: LatLng) {
    super(
      `${label}: coordinate (lat ${point.lat}, lng ${point.lng}) is outside mainland China` +
        (insideChina({ lat: point.lng, lng: point.lat }) ? " (latitude and longitude look swapped)" : "")
    );
    this.name = "OutsideChinaError";
  }
}

/** Throws OutsideChinaError naming `label` unless the point is inside mainland China. */
export function assertInsideChina(p: LatLng, label: string): void {
  if (!insideChina(p)) throw new OutsideChinaError(label, p);
}

/** Ray-casting point-in-polygon test on lat/lng vertices (fine at city scale). */
export function pointInPolygon(p: LatLng, polygon: readonly LatLng[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i];
    const b = polygon[j];
    if (a.lat > p.lat !== b.lat > p.lat) {
      const x = ((b.lng - a.lng) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lng;
      if (p.lng < x) inside = !inside;
    }
  }
  return inside;
}

/** A region on the map: a polygon (WGS-84 vertices) or a circle (centre + radius in metres). */
export type Area = { type: "polygon"; points: LatLng[] } | { type: "circle"; center: LatLng; radiusM: number };

/** True when the point lies inside the area. */
export function insideArea(p: LatLng, area: Area): boolean {
  return area.type === "circle" ? haversine(p, area.center) <= area.radiusM : pointInPolygon(p, area.points);
}
