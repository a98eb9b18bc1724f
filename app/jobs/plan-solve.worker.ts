/**
 * The plan.solve worker thread: runs the day planner (synchronous, CPU-bound) away from the process's
 * event loop. Input in workerData; progress and the result go back as messages. The stop button reaches
 * the solver through a SharedArrayBuffer flag, since this thread is busy for the whole solve.
 */
import { parentPort, workerData } from "node:worker_threads";
import { solveResultOf } from "~/modules/delivery/day-input";
import { validateDay, type DayInput } from "~/modules/logistics/day";
import { matrixProviderFromEnv } from "~/modules/logistics/osrm";
import { planDay } from "~/modules/logistics/plan";
import { sharedCancelFlag } from "~/modules/logistics/solver";

/** What the parent sends. */
export interface SolveWorkerInput {
  day: DayInput;
  timeLimitMs: number;
  maxIterations?: number;
  seed?: number;
  cancel: SharedArrayBuffer;
}

export type SolveWorkerMessage =
  | { type: "progress"; fraction: number }
  | { type: "result"; result: ReturnType<typeof solveResultOf>; warnings: string[] }
  | { type: "error"; message: string };

async function run(): Promise<void> {
  const input = workerData as SolveWorkerInput;
  const port = parentPort;
  if (!port) return;
  try {
    const { signal } = sharedCancelFlag(input.cancel);
    const day = validateDay(input.day, "plan");
    const { plan, dayProblem, solution } = await planDay(day, {
      timeLimitMs: input.timeLimitMs,
      maxIterations: input.maxIterations,
      seed: input.seed ?? 1,
      // A self-hosted OSRM gives road times when configured; otherwise the day's own offline travel model.
      provider: process.env.OSRM_URL ? matrixProviderFromEnv() : undefined,
      signal,
      progressIntervalMs: 250,
      onProgress: (p) => {
        const byIterations = input.maxIterations ? p.iterations / input.maxIterations : 0;
        port.postMessage({ type: "progress", fraction: Math.max(p.fraction, byIterations) } satisfies SolveWorkerMessage);
        // Also stop through the callback, for solvers that read no signal.
        return !signal.aborted;
      },
    });
    port.postMessage({ type: "result", result: solveResultOf(dayProblem, solution, plan), warnings: plan.warnings } satisfies SolveWorkerMessage);
  } catch (error) {
    port.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) } satisfies SolveWorkerMessage);
  }
}

void run();
