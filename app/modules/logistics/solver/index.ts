import type { SolveOptions, SolvedRoute, Unassigned, VrpProblem, VrpSolution } from "../model";
import { compile, dist } from "./compile";
import { precheck } from "./precheck";
import { Schedule, simulate } from "./schedule";
import { runSearch, type SearchParams } from "./search";

export { compile } from "./compile";
export type { SearchParams } from "./search";

/** Extra knobs for tests and tuning; SolveOptions alone is enough for callers. */
export interface SolveTuning {
  params?: Partial<SearchParams>;
}

/**
 * Solves a rich VRP (capacities, eligibility, windows, shifts, ride times, forbidden intervals,
 * time-dependent travel). Objective: fewest unassigned stops, then fewest vehicles, then least distance
 * plus fixed costs. Pure and deterministic for a seed, except that the time limit may cut the search.
 */
export function solve(problem: VrpProblem, options: SolveOptions, tuning: SolveTuning = {}): VrpSolution {
  const c = compile(problem);
  const pre = precheck(c);
  const result = runSearch(c, pre.active, pre.singleOk, {
    timeLimitMs: Math.max(1, options.timeLimitMs),
    maxIterations: options.maxIterations,
    seed: options.seed ?? 1,
    params: tuning.params,
    preUnassigned: pre.unassigned.length,
    signal: options.signal,
    progressIntervalMs: options.progressIntervalMs,
    onProgress: options.onProgress
      ? (p) =>
          options.onProgress!({
            elapsedMs: p.elapsedMs,
            fraction: p.fraction,
            best: { vehicles: p.vehicles, distance: p.distance, unassigned: p.unassigned },
            iterations: p.iterations,
          })
      : undefined,
  });

  const routes: SolvedRoute[] = [];
  const sched = new Schedule();
  let total = 0;
  let duration = 0;
  for (let v = 0; v < c.m; v++) {
    const stops = result.routes[v];
    if (stops.length === 0) continue;
    if (!simulate(c, v, stops, stops.length, sched, 0, true)) {
      throw new Error(`Internal solver error: route of vehicle "${problem.vehicles[v].id}" failed its final check`);
    }
    const visits = stops.map((s, k) => ({
      stop: s,
      arrival: sched.arrival[k],
      start: sched.start[k],
      departure: sched.start[k] + c.svc[s],
    }));
    const load = new Array<number>(c.dims).fill(0);
    let d = 0;
    let prev = c.vLoc[v];
    for (const s of stops) {
      for (let q = 0; q < c.dims; q++) load[q] += c.demand[s * c.dims + q];
      d += dist(c, prev, c.loc[s]);
      prev = c.loc[s];
    }
    d += dist(c, prev, c.vLoc[v]);
    total += d;
    duration += sched.returnTime - sched.departure;
    routes.push({
      vehicle: v,
      stops: stops.slice(),
      visits,
      departure: sched.departure,
      returnTime: sched.returnTime,
      distance: d,
      load,
    });
  }
  const unassigned: Unassigned[] = pre.unassigned.slice();
  for (const s of result.absent) {
    const locked = c.lockedTo[s];
    unassigned.push(
      locked >= 0
        ? {
            stop: s,
            reason: "lock_infeasible",
            message:
              `Stop "${problem.stops[s].id}" is locked to vehicle "${problem.vehicles[locked].id}" and could be served ` +
              `alone, but not together with that vehicle's other locked stops${c.seqRank[s] >= 0 ? " in its fixed sequence" : ""}.`,
          }
        : {
            stop: s,
            reason: "no_room",
            message: `Stop "${problem.stops[s].id}" could be served alone but did not fit into the available fleet.`,
          },
    );
  }
  unassigned.sort((a, b) => a.stop - b.stop);
  const solution: VrpSolution = { routes, unassigned, vehicles: routes.length, distance: total, duration };
  if (result.stopped) solution.stopped = result.stopped;
  return solution;
}

/**
 * A cancellation flag in shared memory, for a solve running in a worker thread: the worker's event loop
 * is busy while solve() runs, so an AbortSignal there could never flip. Create it on one side, send
 * `buffer` in workerData or a message, rebuild it with sharedCancelFlag(buffer) on the other side and
 * pass `signal` to solve; cancel() from either side.
 */
export function sharedCancelFlag(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)): {
  buffer: SharedArrayBuffer;
  signal: { readonly aborted: boolean };
  cancel(): void;
} {
  const cell = new Int32Array(buffer, 0, 1);
  return {
    buffer,
    signal: {
      get aborted() {
        return Atomics.load(cell, 0) !== 0;
      },
    },
    cancel: () => {
      Atomics.store(cell, 0, 1);
    },
  };
}
