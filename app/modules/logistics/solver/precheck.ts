import type { Unassigned } from "../model";
import { EPS, type Compiled } from "./compile";
import { RELAX_FORBIDDEN, RELAX_RIDE, simulate } from "./schedule";

export interface PrecheckResult {
  /** Stops that some vehicle can serve alone. */
  active: number[];
  unassigned: Unassigned[];
  /** m*n: vehicle v can serve stop i on a route of its own. */
  singleOk: Uint8Array;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** Finds, per stop, whether any vehicle can serve it alone, and if not the reason why. */
export function precheck(c: Compiled): PrecheckResult {
  const { n, m, dims } = c;
  const stops = c.problem.stops;
  const singleOk = new Uint8Array(m * n);
  const active: number[] = [];
  const unassigned: Unassigned[] = [];
  const seq = [0];
  for (let i = 0; i < n; i++) {
    const id = stops[i].id;
    let eligible = false;
    let fits = false;
    let ok = false;
    let okNoZone = false;
    let okNoRide = false;
    seq[0] = i;
    for (const members of c.classMembers) {
      const v = members[0];
      if (c.elig[v * n + i] === 0) continue;
      eligible = true;
      let cap = true;
      for (let q = 0; q < dims; q++) if (c.demand[i * dims + q] > c.vCap[v * dims + q] + EPS) cap = false;
      if (!cap) continue;
      fits = true;
      if (simulate(c, v, seq, 1)) {
        ok = true;
        for (const u of members) singleOk[u * n + i] = 1;
      } else {
        if (simulate(c, v, seq, 1, undefined, RELAX_FORBIDDEN)) okNoZone = true;
        if (simulate(c, v, seq, 1, undefined, RELAX_RIDE)) okNoRide = true;
      }
    }
    if (ok) {
      active.push(i);
      continue;
    }
    const s = stops[i];
    const locked = c.lockedTo[i];
    if (locked >= 0) {
      const cause = lockCause(c, i, locked, { fits, okNoZone, okNoRide });
      unassigned.push({
        stop: i,
        reason: "lock_infeasible",
        message: `Stop "${id}" is locked to vehicle "${c.problem.vehicles[locked].id}", which cannot serve it: ${cause}.`,
      });
      continue;
    }
    if (!eligible) {
      unassigned.push({
        stop: i,
        reason: "no_eligible_vehicle",
        message: `Stop "${id}" requires [${s.requires.join(", ")}] but no vehicle offers all of these features.`,
      });
    } else if (!fits) {
      unassigned.push({
        stop: i,
        reason: "capacity",
        message: `Stop "${id}": demand [${s.demand.map(fmt).join(", ")}] exceeds the capacity of every eligible vehicle.`,
      });
    } else if (okNoZone) {
      // Some vehicle could serve it but for a zone it may not enter during the window (restricted, no permit).
      unassigned.push({
        stop: i,
        reason: "restricted_zone",
        message: `Stop "${id}": every vehicle that could reach it in time is restricted (without the zone's permit) and its time window lies inside a forbidden interval.`,
      });
    } else if (okNoRide) {
      unassigned.push({
        stop: i,
        reason: "ride_time",
        message: `Stop "${id}" cannot be reached within its maximum ride time of ${fmt(s.maxRideTime ?? Infinity)}.`,
      });
    } else {
      unassigned.push({
        stop: i,
        reason: "time_window",
        message: `Stop "${id}": no eligible vehicle can start service within its time window [${fmt(s.twStart)}, ${fmt(s.twEnd)}] and return within its shift.`,
      });
    }
  }
  return { active, unassigned, singleOk };
}

/** Why the vehicle a stop is locked to cannot serve it alone, in a few words. */
function lockCause(c: Compiled, i: number, v: number, f: { fits: boolean; okNoZone: boolean; okNoRide: boolean }): string {
  const s = c.problem.stops[i];
  const veh = c.problem.vehicles[v];
  const feats = new Set(veh.features);
  const missing = s.requires.filter((x) => !feats.has(x));
  if (missing.length > 0) return `the vehicle lacks [${missing.join(", ")}]`;
  if (!f.fits) return `demand [${s.demand.map(fmt).join(", ")}] exceeds its capacity [${veh.capacity.map(fmt).join(", ")}]`;
  if (f.okNoZone) return "it may not enter the stop's restricted zone during the time window";
  if (f.okNoRide) return `the stop cannot be reached within its maximum ride time of ${fmt(s.maxRideTime ?? Infinity)}`;
  return `it cannot start service within the time window [${fmt(s.twStart)}, ${fmt(s.twEnd)}] and return within its shift`;
}
