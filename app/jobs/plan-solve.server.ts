/**
 * `plan.solve`: solves one delivery plan off the request thread (issue 10 item 3). The handler loads the
 * plan's day (stops, vans with drivers, zones, locks), runs the planner in a node:worker_threads worker
 * (it is synchronous and would stall every request for its seconds), writes progress to the plan row about
 * twice a second and reads the stop button on the way, then stores the result in one transaction — or the
 * failure's message. The worker loads app code the way
 * `npm start` and `npm run worker` do: through tsx.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { sharedCancelFlag } from "~/modules/logistics/solver";
import { failSolve, loadSolveInput, PLAN_SOLVE_JOB, reportProgress, saveSolveResult, startSolve } from "~/modules/delivery/plans.server";
import type { Database } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import type { JobDefinition } from "./queue.server";
import type { SolveWorkerInput, SolveWorkerMessage } from "./plan-solve.worker";

export { PLAN_SOLVE_JOB };

export interface PlanSolvePayload {
  planId: string;
}

export interface PlanSolveOptions {
  /** Iteration cap for reproducible tests (the plan's seconds still bound it). */
  maxIterations?: number;
  /** Milliseconds between progress writes (default 500: about two a second). */
  progressEveryMs?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parsePayload(data: unknown): PlanSolvePayload {
  const planId = (data as { planId?: unknown } | null)?.planId;
  if (typeof planId !== "string" || !UUID.test(planId)) throw new Error("plan.solve: planId must be a uuid");
  return { planId: planId.toLowerCase() };
}

/**
 * The worker's first lines: load the worker module through tsx's ESM API. (`execArgv: ["--import", "tsx"]`
 * does not reach a worker's module loader on Node 20, and the app's modules are TypeScript with `~/` paths.)
 */
const BOOT = `const { workerData } = require("node:worker_threads");
import(workerData.__tsx).then((tsx) => tsx.tsImport(workerData.__module, workerData.__module));`;

/** tsx's ESM API and the worker module as file URLs, so the worker finds them whatever the working directory. */
function workerUrls(): { __tsx: string; __module: string } {
  const tsxRoot = createRequire(import.meta.url).resolve("tsx/package.json").replace(/package\.json$/, "");
  return { __tsx: pathToFileURL(`${tsxRoot}dist/esm/api/index.mjs`).href, __module: new URL("./plan-solve.worker.ts", import.meta.url).href };
}

/** Runs the planner in a worker thread; `onProgress` is told the fraction done, `cancel` stops it with the best so far. */
export function solveInWorker(input: Omit<SolveWorkerInput, "cancel">, onProgress: (fraction: number) => void, cancel: ReturnType<typeof sharedCancelFlag>) {
  return new Promise<Extract<SolveWorkerMessage, { type: "result" }>>((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { ...input, cancel: cancel.buffer, ...workerUrls() } });
    let settled = false;
    // The solver honours its time limit; this only catches a worker that never answers.
    const guard = setTimeout(() => finish(new Error("the planner did not answer in time")), input.timeLimitMs + 120_000);
    const finish = (error: Error | null, message?: Extract<SolveWorkerMessage, { type: "result" }>) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      void worker.terminate();
      if (error) reject(error);
      else resolve(message as Extract<SolveWorkerMessage, { type: "result" }>);
    };
    worker.on("message", (m: SolveWorkerMessage) => {
      if (m.type === "progress") onProgress(m.fraction);
      else if (m.type === "result") finish(null, m);
      else finish(new Error(m.message));
    });
    worker.on("error", (e) => finish(e));
    worker.on("exit", (code) => finish(new Error(`the planner stopped (exit code ${code})`)));
  });
}

/** Solves one plan end to end (the job's body; tests call it directly). */
export async function runPlanSolve(db: Database, planId: string, options: PlanSolveOptions = {}): Promise<void> {
  const prisma = db.prisma;
  if (!(await startSolve(prisma, planId))) return;
  try {
    const input = await loadSolveInput(prisma, planId);
    if (!input) return;
    const cancel = sharedCancelFlag();
    let fraction = 0;
    let writing = false;
    const tick = setInterval(() => {
      if (writing) return;
      writing = true;
      reportProgress(prisma, planId, fraction)
        .then((stop) => {
          if (stop) cancel.cancel();
        })
        .catch((e: unknown) => logger.warn({ err: e, planId }, "plan progress not written"))
        .finally(() => {
          writing = false;
        });
    }, options.progressEveryMs ?? 500);
    let outcome;
    try {
      outcome = await solveInWorker({ day: input.day, timeLimitMs: input.plan.solveSeconds * 1000, maxIterations: options.maxIterations, seed: input.plan.version }, (f) => (fraction = f), cancel);
    } finally {
      clearInterval(tick);
      while (writing) await new Promise((r) => setTimeout(r, 10));
    }
    const notes = [...outcome.warnings];
    if (input.excluded.length > 0) notes.push(`vans left out: ${input.excluded.map((v) => `${v.plate} (${v.reason})`).join(", ")}`);
    await saveSolveResult(prisma, planId, outcome.result, { serviceDate: input.serviceDate, vans: input.vans, message: notes.join("\n") });
    logger.info({ planId, routes: outcome.result.routes.length, unassigned: outcome.result.unassigned.length, stopped: outcome.result.stopped }, "plan solved");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ err: error, planId }, "plan solve failed");
    await failSolve(prisma, planId, message);
  }
}

/** The job definition (registered in jobs.server.ts). A failure is stored on the plan for the operator, not retried. */
export function createPlanSolveJob(options: PlanSolveOptions = {}): JobDefinition<PlanSolvePayload> {
  return {
    name: PLAN_SOLVE_JOB,
    parse: parsePayload,
    retryLimit: 0,
    // Up to SOLVE_SECONDS.max of solving plus loading and saving.
    expireInSeconds: 600,
    handler: async ({ planId }, { db }) => runPlanSolve(db, planId, options),
  };
}
