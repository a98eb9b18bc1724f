/**
 * Shanghai's truck-restriction zones as data (pure). Each zone has a permit id (Vehicle.zonePermits):
 * a van holding it may enter in the restricted hours. Shapes are approximate (a few hundred metres),
 * which is what a planning model needs; the rules follow the city's published pattern — goods vans
 * kept out of the area inside the Inner Ring by day, and the Bund / Nanjing Road core closed to every
 * delivery van in the morning and evening peaks — not the exact notice of any year.
 */
import type { LatLng } from "~/modules/logistics/geo";
import { SHANGHAI_INNER_RING } from "~/modules/logistics/travel";

/** A restriction zone: where, when ("HH:MM" Beijing time), which vans, and the permit that exempts. */
export interface RestrictionZone {
  /** The permit id a van needs to enter in the restricted hours. */
  permit: string;
  nameZh: string;
  nameEn: string;
  polygon: readonly LatLng[];
  forbidden: readonly { from: string; to: string }[];
  /** "restricted": only vans flagged restricted (trucks); "all": every delivery van. */
  appliesTo: "restricted" | "all";
}

// 外滩—南京东路 core: Waibaidu Bridge down the Bund to Yan'an Rd E, west to Xizang Rd M, north to Suzhou Creek.
const BUND_CORE: LatLng[] = [
  { lat: 31.2445, lng: 121.4905 },
  { lat: 31.2325, lng: 121.4925 },
  { lat: 31.2300, lng: 121.4755 },
  { lat: 31.2400, lng: 121.4740 },
  { lat: 31.2435, lng: 121.4790 },
];

/** The zones the planner applies by default. */
export const SHANGHAI_ZONES: readonly RestrictionZone[] = [
  {
    permit: "inner_ring",
    nameZh: "内环以内货车限行",
    nameEn: "Inner Ring truck restriction",
    polygon: SHANGHAI_INNER_RING,
    forbidden: [{ from: "07:00", to: "20:00" }],
    appliesTo: "restricted",
  },
  {
    permit: "bund_core",
    nameZh: "外滩·南京路核心区高峰禁行",
    nameEn: "Bund / Nanjing Road core, peak hours",
    polygon: BUND_CORE,
    forbidden: [
      { from: "07:00", to: "10:00" },
      { from: "16:00", to: "20:00" },
    ],
    appliesTo: "all",
  },
];

/** A permit's zone name for the interface; an unknown permit id as it is. */
export function zoneName(permit: string, locale: "zh" | "en"): string {
  const zone = SHANGHAI_ZONES.find((z) => z.permit === permit);
  return zone ? (locale === "en" ? zone.nameEn : zone.nameZh) : permit;
}

/** The permits a van may hold: one per zone. */
export const ZONE_PERMITS: readonly string[] = SHANGHAI_ZONES.map((z) => z.permit);

/** The vans a zone keeps out in its hours: those it applies to, less the holders of its permit. */
export function affectedVans(zone: RestrictionZone, vans: readonly { id: string; restricted: boolean; zonePermits: readonly string[] }[]): string[] {
  return vans.filter((v) => (zone.appliesTo === "all" || v.restricted) && !v.zonePermits.includes(zone.permit)).map((v) => v.id);
}
