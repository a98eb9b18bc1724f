/**
 * `npm start`: the whole app in one process, always the production build with production settings.
 * Validates the environment, opens the database (embedded PGlite unless DATABASE_URL is set) and
 * applies migrations, builds the app if needed, then serves it behind the HTTP boundary
 * (app/server/http.server.ts).
 *
 * Two ways to start (ADR 0004):
 * - local quick start (NODE_ENV unset): a session secret is generated once and kept beside the
 *   embedded database, and an empty embedded database gets the demo world;
 * - deployment (NODE_ENV=production): SESSION_SECRET is required and nothing is ever seeded
 *   automatically; demo accounts exist only after `npm run db:seed -- --demo`.
 * One process matters: PGlite is in-process and allows a single pool, which the server build
 * reuses through getDatabase().
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { startQueue, stopQueue } from "../app/jobs/queue.server";
import { prepareSearchEngine } from "../app/modules/search/index.server";
import { createHttpApp } from "../app/server/http.server";
import { DatabaseError, getDatabase, MigrationError, type Database } from "../app/utils/db.server";
import { env, EnvError } from "../app/utils/env.server";
import { localSessionSecret } from "../app/utils/local-secret.server";
import { configureLogger, logger } from "../app/utils/logger.server";
import { DEMO_ACCOUNTS } from "../tests/demo-accounts";
import { ensureBuild, root, serverBuild } from "./lib/build";

/** A start refused for a reason the user can fix; printed without a stack trace. */
class StartError extends Error {}

interface StartMode {
  /** NODE_ENV was not production: a local quick start that may seed the demo world. */
  quickStart: boolean;
  /** A NODE_ENV other than production that npm start does not honour. */
  ignoredNodeEnv?: string;
}

/** Settles the mode before the environment is parsed: NODE_ENV becomes production either way. */
function prepareMode(): StartMode {
  const given = process.env.NODE_ENV;
  const quickStart = given !== "production";
  process.env.NODE_ENV = "production";
  if (quickStart && !process.env.SESSION_SECRET) {
    const dataDir = process.env.DATA_DIR || ".data/pglite";
    process.env.SESSION_SECRET = localSessionSecret(path.dirname(path.resolve(dataDir)));
  }
  return { quickStart, ignoredNodeEnv: given && given !== "production" ? given : undefined };
}

/** Quick start: demo data into an empty database (embedded by default). Deployment: never. */
async function seedIfAllowed(mode: StartMode, db: Database): Promise<void> {
  const e = env();
  if (!mode.quickStart) {
    const demo = await db.prisma.user.count({ where: { phone: { in: DEMO_ACCOUNTS.map((a) => a.phone) } } });
    if (demo > 0) logger.warn({ demoAccounts: demo }, "demo accounts with the published demo password exist in this production database");
    return;
  }
  if (!(e.SEED_IF_EMPTY ?? db.kind === "pglite")) return;
  if ((await db.prisma.organization.count()) > 0) return;
  logger.info("empty database: loading the demo marketplace (local quick start; see README for a deployment)");
  const { seedDemo } = await import("../prisma/seed");
  const summary = await seedDemo(db.prisma);
  logger.info({ summary }, "demo data loaded");
}

async function main(): Promise<void> {
  const mode = prepareMode();
  const e = env();
  configureLogger();
  if (!mode.quickStart && e.SEED_IF_EMPTY) {
    throw new StartError(
      "SEED_IF_EMPTY cannot be used with NODE_ENV=production: the demo accounts share a published password.\n" +
        "Load the demo world on purpose with `npm run db:seed -- --demo`, or unset SEED_IF_EMPTY.",
    );
  }
  if (mode.ignoredNodeEnv) logger.warn(`npm start always serves the production build; NODE_ENV=${mode.ignoredNodeEnv} is ignored (use npm run dev for development).`);
  // Database first: a bad URL or migration should fail in a second, not after a build.
  const db = await getDatabase();
  await seedIfAllowed(mode, db);
  // The job queue (ADR 0006): handlers run here unless WORKER_IN_PROCESS=false (then `npm run worker` runs them).
  await startQueue(db, { work: e.WORKER_IN_PROCESS });
  // Meilisearch's index and settings before the first request or job (the embedded engine needs nothing).
  await prepareSearchEngine();
  ensureBuild((message) => logger.info(message));

  const build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
  const app = createHttpApp({
    clientDir: path.join(root, "build", "client"),
    trustProxy: e.TRUST_PROXY,
    // Up to 8 photos of MAX_UPLOAD_MB each in one upload, plus the form around them.
    maxBodyBytes: { multipart: (8 * e.MAX_UPLOAD_MB + 1) * 1024 * 1024, other: 1024 * 1024 },
    pageCache: { ttlMs: e.PAGE_CACHE_SECONDS * 1000 },
    handler: (getLoadContext) => createRequestHandler({ build, mode: "production", getLoadContext }),
  });

  const server = app.listen(e.PORT, e.HOST, () => {
    logger.info(
      { url: `http://localhost:${e.PORT}`, database: db.kind, location: db.location, mode: mode.quickStart ? "local quick start" : "production" },
      "沪明直供 Huming Direct is running",
    );
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    logger.fatal(error.code === "EADDRINUSE" ? `Port ${e.PORT} is already in use; set PORT to another port.` : error.message);
    void stopQueue()
      .catch(() => undefined)
      .finally(() => db.close().finally(() => process.exit(1)));
  });
  const stop = () => {
    logger.info("shutting down");
    server.close();
    void stopQueue()
      .catch((error: unknown) => logger.error({ err: error }, "stopping the job queue failed"))
      .finally(() => db.close().finally(() => process.exit(0)));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  // Known problems get their message only: the user needs the fix, not a stack trace.
  if (error instanceof EnvError || error instanceof DatabaseError || error instanceof MigrationError || error instanceof StartError) {
    console.error(`\n沪明直供 cannot start:\n${error.message}\n`);
  } else {
    console.error(`\n沪明直供 cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.error({ err: error }, "start failed");
  }
  process.exit(1);
});
