/**
 * `npm run worker`: runs the job queue's handlers (search index freshness …) in a process of its own,
 * against the PostgreSQL server in DATABASE_URL. Run the web process with WORKER_IN_PROCESS=false
 * then, so only this process works the jobs (both may, safely: pg-boss hands each job to one worker).
 *
 * Server database only. The embedded database (PGlite) lives inside the `npm start` process and
 * its data directory can be opened by one process at a time, so a separate worker cannot reach it:
 * there the worker always runs inside `npm start` (the default). Exits 2 with that explanation.
 */
import { startQueue, stopQueue } from "../app/jobs/queue.server";
import { prepareSearchEngine } from "../app/modules/search/index.server";
import { DatabaseError, MigrationError, openDatabase } from "../app/utils/db.server";
import { env, EnvError } from "../app/utils/env.server";
import { configureLogger, logger } from "../app/utils/logger.server";

const EMBEDDED_REFUSAL =
  "npm run worker needs a PostgreSQL server (set DATABASE_URL).\n" +
  "The embedded database can be opened by one process only, so with it the job worker runs inside\n" +
  "`npm start` (the default, WORKER_IN_PROCESS=true); there is nothing for a separate worker to do.";

async function main(): Promise<void> {
  const e = env();
  configureLogger();
  if (!e.DATABASE_URL) {
    console.error(`\n${EMBEDDED_REFUSAL}\n`);
    process.exit(2);
  }
  // The web process applies migrations; the worker only checks they are there.
  const db = await openDatabase({ url: e.DATABASE_URL, migrate: "verify" });
  await startQueue(db, { work: true });
  // Meilisearch's index and settings before the first request or job (the embedded engine needs nothing).
  await prepareSearchEngine();
  logger.info({ database: db.kind, location: db.location }, "job worker running");
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    logger.info("job worker shutting down (finishing running jobs)");
    void stopQueue()
      .catch((error: unknown) => logger.error({ err: error }, "stopping the job queue failed"))
      .finally(() => db.close().finally(() => process.exit(0)));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof DatabaseError || error instanceof MigrationError) {
    console.error(`\nThe job worker cannot start:\n${error.message}\n`);
  } else {
    console.error(`\nThe job worker cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.error({ err: error }, "worker start failed");
  }
  process.exit(1);
});
