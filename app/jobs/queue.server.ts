/**
 * The job queue (ADR 0006): pg-boss 10 on the app's own PostgreSQL database (a server or embedded
 * PGlite). pg-boss never opens connections of its own here: it runs its SQL through an executor
 * over the app's single pg.Pool (`db: { executeSql }`), so it works on PGlite, where one pool per
 * instance is all there is. Jobs can be enqueued inside a caller's Prisma transaction (the insert
 * runs on the transaction's connection), so a change and its job commit or roll back together.
 *
 * Lifecycle: `startQueue(db, { work })` once the database is open (idempotent), `stopQueue()` before
 * the database closes. `work: false` starts a send-only queue (installs/migrates the pgboss schema
 * and creates the queues, runs no handlers) for a web process whose worker runs elsewhere.
 */
import PgBoss from "pg-boss";
import type { Database } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

/** What pg-boss needs from a database: run one statement, return its rows. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The part of a Prisma (transaction) client this module uses. */
export interface RawSqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** Runs pg-boss's SQL through the app's pool (no connection of pg-boss's own). */
export function poolExecutor(pool: Database["pool"]): SqlExecutor {
  return { executeSql: async (text, values) => pool.query(text, values as unknown[] | undefined) };
}

/**
 * Runs pg-boss's SQL on a Prisma interactive transaction's connection. Objects are sent as JSON text
 * (pg-boss casts them with ::jsonb) and dates as ISO strings, as node-postgres would.
 */
export function transactionExecutor(tx: RawSqlClient): SqlExecutor {
  return {
    executeSql: async (text, values = []) => {
      const params = values.map((v) => (v instanceof Date ? v.toISOString() : v !== null && typeof v === "object" ? JSON.stringify(v) : v));
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...params);
      return { rows };
    },
  };
}

export interface RetryPolicy {
  /** Attempts after the first one (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry (default 5). */
  retryDelay?: number;
  /** Double the delay on each retry, with jitter (default true). */
  retryBackoff?: boolean;
}

export interface JobContext {
  id: string;
  name: string;
  /** 0 on the first attempt. */
  retryCount: number;
}

export interface JobDefinition<T extends object = object> extends RetryPolicy {
  name: string;
  /** Throwing fails the attempt; it is retried per the policy, then left in state `failed`. */
  handler: (data: T, context: JobContext & { db: Database }) => Promise<void>;
  /** An attempt running longer than this is failed (and retried). Keep jobs short (PGlite serialises transactions). */
  expireInSeconds?: number;
  /** Parse/validate the payload; a throw fails the job. */
  parse?: (data: unknown) => T;
  /** Run on this cron schedule in Asia/Shanghai (pg-boss's scheduler, in processes that run handlers). */
  cron?: string;
}

export interface EnqueueOptions extends RetryPolicy {
  /** The caller's Prisma transaction client: the job commits or rolls back with it. */
  tx?: RawSqlClient;
  /** Delay in seconds before the job may run. */
  startAfterSeconds?: number;
  priority?: number;
}

export interface QueueStartOptions {
  /** Run the handlers in this process (default true); false: send only. */
  work?: boolean;
  /** Seconds between polls for new jobs (default 2; LISTEN/NOTIFY is not used). */
  pollingIntervalSeconds?: number;
  /** Handlers to register (default: the app's jobs from ./jobs.server). */
  jobs?: JobDefinition<any>[];
}

export class QueueNotStartedError extends Error {
  constructor() {
    super("The job queue is not started in this process: call startQueue(db) after opening the database (npm start and npm run worker do).");
    this.name = "QueueNotStartedError";
  }
}

const DEFAULT_RETRY = { retryLimit: 3, retryDelay: 5, retryBackoff: true } as const;

export interface JobQueue {
  readonly db: Database;
  readonly working: boolean;
  enqueue(name: string, data: object, options?: EnqueueOptions): Promise<string | null>;
  stop(): Promise<void>;
  /** pg-boss itself, for inspection in tests and tools (getJobById, getQueueSize …). */
  readonly boss: PgBoss;
}

/** Creates and starts a queue on `db` (use startQueue for the process-wide one). */
export async function createJobQueue(db: Database, options: QueueStartOptions = {}): Promise<JobQueue> {
  const jobs = options.jobs ?? (await import("./jobs.server")).APP_JOBS;
  const work = options.work ?? true;
  const boss = new PgBoss({
    db: poolExecutor(db.pool),
    // Maintenance (expiring stuck jobs, archiving, retention) only where handlers run.
    supervise: work,
    schedule: work && jobs.some((j) => j.cron !== undefined),
    migrate: true,
    maintenanceIntervalSeconds: 60,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on("error", (error: Error) => logger.error({ err: error }, "job queue error"));
  const byName = new Map(jobs.map((j) => [j.name, j]));
  try {
    await boss.start();

    for (const job of jobs) {
      const queueOptions = {
        retryLimit: job.retryLimit ?? DEFAULT_RETRY.retryLimit,
        retryDelay: job.retryDelay ?? DEFAULT_RETRY.retryDelay,
        retryBackoff: job.retryBackoff ?? DEFAULT_RETRY.retryBackoff,
        expireInSeconds: job.expireInSeconds ?? 300,
      };
      if (await boss.getQueue(job.name)) await boss.updateQueue(job.name, { name: job.name, ...queueOptions });
      else await boss.createQueue(job.name, { name: job.name, ...queueOptions });
    }

    if (work) {
      for (const job of jobs) {
        if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "Asia/Shanghai" });
      }
      for (const job of jobs) {
        await boss.work<object>(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1, includeMetadata: true }, async ([raw]) => {
          if (!raw) return;
          const data = job.parse ? job.parse(raw.data) : raw.data;
          const started = Date.now();
          try {
            await job.handler(data, { id: raw.id, name: raw.name, retryCount: raw.retryCount, db });
            logger.debug({ job: job.name, id: raw.id, ms: Date.now() - started }, "job done");
          } catch (error) {
            logger.warn({ err: error, job: job.name, id: raw.id }, "job failed (it will be retried while its retry limit allows)");
            throw error;
          }
        });
      }
    }
  } catch (error) {
    // Leave no timers or pollers behind when start-up fails half way.
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }

  let stopped = false;
  return {
    db,
    boss,
    working: work,
    async enqueue(name, data, opts = {}) {
      if (stopped) throw new QueueNotStartedError();
      if (!byName.has(name)) throw new Error(`Unknown job "${name}": register it in app/jobs/jobs.server.ts`);
      const { tx, startAfterSeconds, priority, retryLimit, retryDelay, retryBackoff } = opts;
      return boss.send(name, data, {
        ...(tx ? { db: transactionExecutor(tx) } : {}),
        ...(startAfterSeconds !== undefined ? { startAfter: startAfterSeconds } : {}),
        ...(priority !== undefined ? { priority } : {}),
        ...(retryLimit !== undefined ? { retryLimit } : {}),
        ...(retryDelay !== undefined ? { retryDelay } : {}),
        ...(retryBackoff !== undefined ? { retryBackoff } : {}),
      } as Parameters<PgBoss["send"]>[2]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Graceful: running handlers finish (jobs are short); wait so the pool can close right after.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

const globalStore = globalThis as typeof globalThis & { __humingQueue?: Promise<JobQueue> };

/** Starts the process-wide queue on `db` (idempotent: later calls return the same queue). */
export function startQueue(db: Database, options: QueueStartOptions = {}): Promise<JobQueue> {
  globalStore.__humingQueue ??= createJobQueue(db, options);
  globalStore.__humingQueue.catch(() => {
    globalStore.__humingQueue = undefined;
  });
  return globalStore.__humingQueue;
}

/** Whether startQueue has run in this process (the queue may still be starting) and stopQueue has not. */
export function isQueueStarted(): boolean {
  return globalStore.__humingQueue !== undefined;
}

/** Stops the process-wide queue if it runs (idempotent). Call before closing the database. */
export async function stopQueue(): Promise<void> {
  const queue = globalStore.__humingQueue;
  globalStore.__humingQueue = undefined;
  if (!queue) return;
  await (await queue.catch(() => undefined))?.stop();
}

/** A statement that enqueues one job, with its parameters ($1 … $n). */
export interface JobStatement {
  text: string;
  values: unknown[];
}

/**
 * The statement pg-boss's send runs to enqueue `data` as job `name`, captured instead of run, for a caller
 * that runs it inside one of its own statements (placing an order: its writes and its job in one round trip,
 * ADR 0012), so the job commits or rolls back with them. Throws QueueNotStartedError without a queue.
 */
export async function enqueueStatement(name: string, data: object, options: Omit<EnqueueOptions, "tx"> = {}): Promise<JobStatement> {
  const captured: JobStatement[] = [];
  const capture: RawSqlClient = {
    $queryRawUnsafe: async <T>(text: string, ...values: unknown[]) => {
      captured.push({ text, values });
      return [{ id: null }] as T;
    },
  };
  await enqueue(name, data, { ...options, tx: capture });
  if (captured.length !== 1) throw new Error(`pg-boss ran ${captured.length} statements to enqueue "${name}", where one was expected`);
  return captured[0]!;
}

/**
 * Enqueues on the process-wide queue. Pass `{ tx }` to commit the job with the caller's transaction.
 * Throws QueueNotStartedError when startQueue has not run (enqueue never starts the queue itself:
 * on PGlite, starting it inside an open transaction would wait on that transaction's connection).
 */
export async function enqueue(name: string, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  const queue = globalStore.__humingQueue;
  if (!queue) throw new QueueNotStartedError();
  return (await queue).enqueue(name, data, options);
}
