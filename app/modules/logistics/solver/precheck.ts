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
    let allRestricted = true;
    seq[0] = i;
    for (const members of c.classMembers) {
      const v = members[0];
      if (c.elig[v * n + i] === 0) continue;
      eligible = true;
      let cap = true;
      for (let q = 0; q < dims; q++) if (c.demand[i * dims + q] > c.vCap[v * dims + q] + EPS) cap = false;
      if (!cap) continue;
      fits = true;
      if (c.vRestricted[v] === 0) allRestricted = false;
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
    } else if (okNoZone && allRestricted) {
      unassigned.push({
        stop: i,
        reason: "restricted_zone",
        message: `Stop "${id}": every eligible vehicle is restricted and its time window lies inside a forbidden interval.`,
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
