import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { evaluateSolution } from "../../../../tests/logistics/evaluator";
import { depot, problemOf, stop, vehicle, type Pt } from "../../../../tests/logistics/problems";
import type { VrpProblem } from "../model";
import { sharedCancelFlag, solve } from "./index";

/** 200 stops with windows: big enough that a search never ends on its own within the tests. */
function bigProblem(): VrpProblem {
  let x = 4242;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pts: Pt[] = [[50, 50]];
  const stops = [];
  for (let k = 0; k < 200; k++) {
    pts.push([Math.floor(rnd() * 100), Math.floor(rnd() * 100)]);
    const a = Math.floor(rnd() * 800);
    stops.push(stop(`c${k}`, k + 1, { twStart: a, twEnd: a + 150, serviceTime: 10, demand: [1 + Math.floor(rnd() * 20)] }));
  }
  const vehicles = Array.from({ length: 40 }, (_, k) => vehicle(`v${k}`, { capacity: [200], shiftEnd: 1200 }));
  return problemOf(pts, stops, vehicles, [depot("D", { close: 1200 })]);
}

function expectValid(p: VrpProblem, sol: ReturnType<typeof solve>) {
  expect(evaluateSolution(p, sol).violations).toEqual([]);
}

// Wall-clock bounds: on a machine busy with other work a run can be descheduled, hence the retries.
describe("cancellation", { retry: 2 }, () => {
  it("returns within ~200 ms of a signal aborted after 100 ms, with a valid solution", () => {
    const p = bigProblem();
    const t0 = performance.now();
    const signal = {
      get aborted() {
        return performance.now() - t0 >= 100;
      },
    };
    const sol = solve(p, { timeLimitMs: 30_000, seed: 1, signal });
    const took = performance.now() - t0;
    expect(sol.stopped).toBe("cancelled");
    // Aborted at 100 ms; back well within ~200 ms (typically ~105 ms on an idle core).
    expect(took).toBeLessThan(300);
    expectValid(p, sol);
    expect(sol.routes.reduce((a, r) => a + r.stops.length, 0) + sol.unassigned.length).toBe(200);
  });

  it("stops when another thread sets a shared cancel flag", async () => {
    const p = bigProblem();
    const flag = sharedCancelFlag();
    // Plain JS in the worker: it sleeps 100 ms on the flag's memory, then sets it, while solve() blocks this thread.
    const worker = new Worker(
      `const { workerData } = require("node:worker_threads");
       const cell = new Int32Array(workerData, 0, 1);
       Atomics.wait(cell, 0, 0, 100);
       Atomics.store(cell, 0, 1);`,
      { eval: true, workerData: flag.buffer },
    );
    await new Promise((resolve) => worker.once("online", resolve));
    const t0 = performance.now();
    const sol = solve(p, { timeLimitMs: 30_000, seed: 1, signal: flag.signal });
    const took = performance.now() - t0;
    await worker.terminate();
    expect(sol.stopped).toBe("cancelled");
    expect(took).toBeLessThan(400);
    expectValid(p, sol);
  });

  it("returns a full greedy solution when the signal is aborted before it starts", () => {
    const p = bigProblem();
    const controller = new AbortController();
    controller.abort();
    const t0 = performance.now();
    const sol = solve(p, { timeLimitMs: 30_000, seed: 1, signal: controller.signal });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(sol.stopped).toBe("cancelled");
    expectValid(p, sol);
    expect(sol.unassigned.filter((u) => u.reason === "no_room")).toEqual([]);
  });

  it("reports why the search ended", () => {
    const p = bigProblem();
    expect(solve(p, { timeLimitMs: 150, seed: 1 }).stopped).toBe("time");
    expect(solve(p, { timeLimitMs: 30_000, maxIterations: 200, seed: 1 }).stopped).toBe("iterations");
    expect(solve(p, { timeLimitMs: 30_000, seed: 1, onProgress: (e) => e.elapsedMs < 100 }).stopped).toBe("cancelled");
  });
});

describe("progress events", { retry: 2 }, () => {
  it("come at least every progressIntervalMs, and finally once at the end", () => {
    const p = bigProblem();
    const stamps: number[] = [];
    // Gaps are measured in this process's CPU time, which a busy machine's scheduling does not stretch.
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const cpu: number[] = [cpuMs()];
    const t0 = performance.now();
    const sol = solve(p, {
      timeLimitMs: 600,
      seed: 2,
      progressIntervalMs: 40,
      onProgress: (e) => {
        stamps.push(performance.now() - t0);
        cpu.push(cpuMs());
        expect(e.fraction).toBeGreaterThanOrEqual(0);
        expect(e.fraction).toBeLessThanOrEqual(1);
      },
    });
    expectValid(p, sol);
    const gaps = cpu.slice(1).map((t, i) => t - cpu[i]);
    // Typically 15 calls at most ~42 ms apart.
    expect(stamps.length).toBeGreaterThanOrEqual(600 / 40 / 2);
    expect(Math.max(...gaps)).toBeLessThan(40 + 25);
    expect(stamps[stamps.length - 1]).toBeGreaterThanOrEqual(590);
  });

  it("default to every 250 ms", () => {
    const stamps: number[] = [];
    const t0 = performance.now();
    solve(bigProblem(), { timeLimitMs: 800, seed: 2, onProgress: () => void stamps.push(performance.now() - t0) });
    // At ~250, ~500, ~750 and the end.
    expect(stamps.length).toBeGreaterThanOrEqual(3);
    expect(stamps.length).toBeLessThanOrEqual(5);
    expect(stamps[0]).toBeGreaterThanOrEqual(240);
    expect(stamps[0]).toBeLessThan(320);
  });
});
