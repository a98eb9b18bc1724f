/**
 * Independent solution checker for the route solver. It shares no code with the solver: it re-simulates
 * every route straight from the problem description and the documented rules in model.ts.
 */
import type { VrpProblem, VrpSolution } from "../../app/modules/logistics/model";

const TOL = 1e-6;

export interface Evaluation {
  feasible: boolean;
  violations: string[];
  /** Distance recomputed from the travel model. */
  distance: number;
  /** Non-empty routes. */
  vehicles: number;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Re-checks a solution against every rule of the contract; lists each violation in plain words. */
export function evaluateSolution(problem: VrpProblem, solution: VrpSolution): Evaluation {
  const v: string[] = [];
  const { stops, vehicles, depots, travel } = problem;
  const seen = new Map<number, string>();
  const mark = (s: number, where: string) => {
    if (!(Number.isInteger(s) && s >= 0 && s < stops.length)) {
      v.push(`${where}: unknown stop index ${s}`);
      return;
    }
    const before = seen.get(s);
    if (before !== undefined) v.push(`stop "${stops[s].id}" appears twice (${before} and ${where})`);
    else seen.set(s, where);
  };
  let distance = 0;
  let used = 0;
  const vehicleSeen = new Set<number>();
  for (const route of solution.routes) {
    const veh = vehicles[route.vehicle];
    if (!veh) {
      v.push(`route refers to unknown vehicle ${route.vehicle}`);
      continue;
    }
    const name = `vehicle "${veh.id}"`;
    if (vehicleSeen.has(route.vehicle)) v.push(`${name} has more than one route`);
    vehicleSeen.add(route.vehicle);
    if (route.stops.length === 0) continue;
    used++;
    const depot = depots[veh.depot];
    const feats = new Set(veh.features);
    const load = new Array<number>(veh.capacity.length).fill(0);
    for (const s of route.stops) {
      mark(s, name);
      const stop = stops[s];
      if (!stop) continue;
      for (const f of stop.requires) if (!feats.has(f)) v.push(`${name} lacks feature "${f}" required by stop "${stop.id}"`);
      for (let q = 0; q < load.length; q++) load[q] += stop.demand[q] ?? 0;
    }
    for (let q = 0; q < load.length; q++) {
      if (load[q] > veh.capacity[q] + TOL) v.push(`${name} carries ${load[q]} in dimension ${q}, capacity ${veh.capacity[q]}`);
    }
    const earliest = Math.max(veh.shiftStart, depot.open);
    const latest = Math.min(veh.shiftEnd, depot.close);
    const dep = route.departure;
    if (dep < earliest - TOL) v.push(`${name} leaves at ${dep}, before ${earliest}`);
    let t = dep;
    let at = depot.location;
    let d = 0;
    for (let k = 0; k < route.stops.length; k++) {
      const stop = stops[route.stops[k]];
      if (!stop) continue;
      const arrival = t + travel.time(at, stop.location, t);
      d += travel.distance(at, stop.location);
      let start = Math.max(arrival, stop.twStart);
      // Restricted vehicles keep out of `forbidden` always and out of each zone unless they hold its permit.
      const zoneIvs = (stop.zones ?? []).filter((z) => !(veh.zonePermits ?? []).includes(z.zone)).flatMap((z) => z.forbidden);
      const allIvs = [...(stop.forbidden ?? []), ...zoneIvs];
      if (veh.restricted && allIvs.length > 0) {
        const ivs = allIvs.sort((a, b) => a.from - b.from);
        for (const iv of ivs) if (start < iv.to && start + stop.serviceTime > iv.from) start = iv.to;
        for (const iv of ivs) {
          if (start < iv.to && start + stop.serviceTime > iv.from) {
            v.push(`${name} serves stop "${stop.id}" inside forbidden interval [${iv.from}, ${iv.to}]`);
          }
        }
      }
      if (start > stop.twEnd + TOL) v.push(`${name} starts stop "${stop.id}" at ${start}, after its window closes at ${stop.twEnd}`);
      if (stop.maxRideTime !== undefined && start - dep > stop.maxRideTime + TOL) {
        v.push(`${name} reaches stop "${stop.id}" after ${start - dep} on the road, limit ${stop.maxRideTime}`);
      }
      const visit = route.visits?.[k];
      if (!visit || visit.stop !== route.stops[k] || !close(visit.start, start) || !close(visit.arrival, arrival)) {
        v.push(`${name}: reported visit ${k} at stop "${stop.id}" does not match the re-simulated schedule (start ${start})`);
      }
      t = start + stop.serviceTime;
      at = stop.location;
    }
    const ret = t + travel.time(at, depot.location, t);
    d += travel.distance(at, depot.location);
    if (ret > latest + TOL) v.push(`${name} returns at ${ret}, after ${latest}`);
    if (veh.maxDuration !== undefined && ret - dep > veh.maxDuration + TOL) {
      v.push(`${name} route lasts ${ret - dep}, longer than ${veh.maxDuration}`);
    }
    if (!close(route.distance, d)) v.push(`${name} reports distance ${route.distance}, recomputed ${d}`);
    if (!close(route.returnTime, ret)) v.push(`${name} reports return at ${route.returnTime}, re-simulated ${ret}`);
    distance += d;
  }
  for (const u of solution.unassigned) mark(u.stop, "unassigned");
  // Locks: a locked stop is on its vehicle or reported lock_infeasible; fixed sequences keep their order.
  const onVehicle = new Map<number, { vehicle: number; position: number }>();
  for (const route of solution.routes) route.stops.forEach((s, k) => onVehicle.set(s, { vehicle: route.vehicle, position: k }));
  const lockOf = new Map<number, number>();
  stops.forEach((s, i) => {
    if (s.lockedVehicle !== undefined) lockOf.set(i, s.lockedVehicle);
  });
  vehicles.forEach((veh, vi) => {
    for (const s of veh.fixedSequence ?? []) lockOf.set(s, vi);
    let last = -1;
    for (const s of veh.fixedSequence ?? []) {
      const at = onVehicle.get(s);
      if (!at) continue;
      if (at.vehicle === vi && at.position < last) v.push(`stop "${stops[s]?.id}" is out of the fixed sequence of vehicle "${veh.id}"`);
      if (at.vehicle === vi) last = at.position;
    }
  });
  for (const [s, lv] of lockOf) {
    const at = onVehicle.get(s);
    if (at && at.vehicle !== lv) v.push(`stop "${stops[s]?.id}" is locked to vehicle "${vehicles[lv]?.id}" but served by "${vehicles[at.vehicle]?.id}"`);
    const u = solution.unassigned.find((x) => x.stop === s);
    if (u && u.reason !== "lock_infeasible") v.push(`locked stop "${stops[s]?.id}" is unassigned as "${u.reason}", expected lock_infeasible`);
  }
  for (let s = 0; s < stops.length; s++) {
    if (!seen.has(s)) v.push(`stop "${stops[s].id}" is neither routed nor reported unassigned`);
  }
  for (const u of solution.unassigned) {
    const stop = stops[u.stop];
    if (stop && !u.message.includes(stop.id)) v.push(`unassigned message for stop "${stop.id}" does not name it`);
  }
  if (solution.vehicles !== used) v.push(`solution reports ${solution.vehicles} vehicles, ${used} routes are used`);
  if (!close(solution.distance, distance)) v.push(`solution reports distance ${solution.distance}, recomputed ${distance}`);
  return { feasible: v.length === 0, violations: v, distance, vehicles: used };
}
