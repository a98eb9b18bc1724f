/**
 * `npm start`: the whole app in one process. Validates the environment, opens the database
 * (embedded PGlite unless DATABASE_URL is set) and applies migrations, seeds demo data into an
 * empty embedded database, builds the app if needed, then serves it with Express.
 * One process matters: PGlite is in-process and allows a single pool, which the server build
 * reuses through getDatabase().
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { DatabaseError, getDatabase, MigrationError } from "../app/utils/db.server";
import { env, EnvError } from "../app/utils/env.server";
import { configureLogger, logger } from "../app/utils/logger.server";

const root = process.cwd();
const serverBuild = path.join(root, "build", "server", "index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds when there is no build yet or app/ changed since the last one. */
function ensureBuild(): void {
  const stale = !existsSync(serverBuild) || newestMtime(path.join(root, "app")) > statSync(serverBuild).mtimeMs;
  if (!stale) return;
  logger.info("building the app (remix vite:build)");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "vite:build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("The build failed; see the messages above.");
}

async function seedIfEmpty(): Promise<void> {
  const e = env();
  const db = await getDatabase();
  const wanted = e.SEED_IF_EMPTY ?? db.kind === "pglite";
  if (!wanted) return;
  if ((await db.prisma.organization.count()) > 0) return;
  logger.info("empty database: loading the demo marketplace (npm run db:seed)");
  const { seedDemo } = await import("../prisma/seed");
  const summary = await seedDemo(db.prisma);
  logger.info({ summary }, "demo data loaded");
}

async function main(): Promise<void> {
  const e = env();
  configureLogger();
  // Database first: a bad URL or migration should fail in a second, not after a build.
  const db = await getDatabase();
  await seedIfEmpty();
  ensureBuild();

  const build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/assets", express.static(path.join(root, "build", "client", "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "build", "client"), { maxAge: "1h" }));
  app.use((req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      logger.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(performance.now() - started) }, "request");
    });
    next();
  });
  // The sign-in rate limit counts per client address; req.ip honours X-Forwarded-For only from a
  // proxy on this machine, so a client cannot pick its own address.
  app.set("trust proxy", "loopback");
  app.all(
    "*",
    createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production", getLoadContext: (req) => ({ clientIp: req.ip ?? "unknown" }) }),
  );

  const server = app.listen(e.PORT, e.HOST, () => {
    logger.info({ url: `http://localhost:${e.PORT}`, database: db.kind, location: db.location }, "沪明直供 Huming Direct is running");
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    logger.fatal(error.code === "EADDRINUSE" ? `Port ${e.PORT} is already in use; set PORT to another port.` : error.message);
    void db.close().finally(() => process.exit(1));
  });
  const stop = () => {
    logger.info("shutting down");
    server.close();
    void db.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  // Known problems get their message only: the user needs the fix, not a stack trace.
  if (error instanceof EnvError || error instanceof DatabaseError || error instanceof MigrationError) {
    console.error(`\n沪明直供 cannot start:\n${error.message}\n`);
  } else {
    console.error(`\n沪明直供 cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.error({ err: error }, "start failed");
  }
  process.exit(1);
});
