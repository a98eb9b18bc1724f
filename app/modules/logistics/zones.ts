/**
 * Restricted zones as the solver sees them: which forbidden intervals hold for one vehicle at one stop.
 * Plain functions over model.ts types, shared by the solver's compile step and the day planner's
 * diagnosis so both read the rules the same way.
 */
import type { StopSpec, TimeInterval, VehicleSpec } from "./model";

/**
 * Forbidden intervals that keep `vehicle` from serving `stop`, sorted by start: none for an unrestricted
 * vehicle; for a restricted one the stop's `forbidden` plus every zone whose permit it lacks.
 */
export function forbiddenFor(stop: StopSpec, vehicle: Pick<VehicleSpec, "restricted" | "zonePermits">): TimeInterval[] {
  if (!vehicle.restricted) return [];
  const out: TimeInterval[] = stop.forbidden ? stop.forbidden.slice() : [];
  if (stop.zones && stop.zones.length > 0) {
    const permits = vehicle.zonePermits ?? [];
    for (const z of stop.zones) if (!permits.includes(z.zone)) out.push(...z.forbidden);
  }
  return out.sort((a, b) => a.from - b.from);
}

/** Merges overlapping or touching intervals into a sorted list. */
export function mergeIntervals(list: TimeInterval[]): TimeInterval[] {
  const sorted = list.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const out: TimeInterval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ from: i.from, to: i.to });
  }
  return out;
}
