/**
 * Starts the real app (scripts/start.ts) for the Playwright run on a fresh database: a new
 * database on TEST_DATABASE_URL's server when set, otherwise a new embedded PGlite directory.
 * The app runs as a deployment would (NODE_ENV=production, which never seeds by itself), so the
 * demo world is loaded here on purpose first, as `npm run db:seed -- --demo` would. The database
 * is removed again when Playwright stops the server.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedDemo } from "../../prisma/seed";
import { openDatabase } from "../../app/utils/db.server";
import { localDiskStorage } from "../../app/modules/storage/storage.server";
import { createServerDatabase } from "../support/test-db";

const port = process.env.E2E_PORT ?? "3100";
const adminUrl = process.env.TEST_DATABASE_URL;
let cleanup: () => Promise<void>;
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  HOST: "127.0.0.1",
  NODE_ENV: "production",
  SESSION_SECRET: "e2e-session-secret-0123456789",
  LOG_LEVEL: "warn",
  // Playwright is the "proxy" on loopback: tests send X-Forwarded-For to act as distinct clients.
  TRUST_PROXY: "loopback",
};

if (adminUrl) {
  const server = await createServerDatabase(adminUrl, "huming_e2e");
  childEnv.DATABASE_URL = server.url;
  delete childEnv.DATA_DIR;
  cleanup = server.drop;
  console.log(`[e2e] database: postgresql (${new URL(server.url).host}/${server.name})`);
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "huming-e2e-"));
  childEnv.DATA_DIR = path.join(dir, "pglite");
  delete childEnv.DATABASE_URL;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
  console.log(`[e2e] database: pglite (${childEnv.DATA_DIR})`);
}

// Photos and documents of this run live in a folder of its own, shared by the seeding and the server.
const uploadsDir = mkdtempSync(path.join(tmpdir(), "huming-e2e-uploads-"));
childEnv.UPLOADS_DIR = uploadsDir;
const dropDatabase = cleanup;
cleanup = async () => {
  await dropDatabase();
  rmSync(uploadsDir, { recursive: true, force: true });
};

const seedDb = await openDatabase(childEnv.DATABASE_URL ? { url: childEnv.DATABASE_URL } : { dataDir: childEnv.DATA_DIR });
try {
  const summary = await seedDemo(seedDb.prisma, { storage: localDiskStorage(uploadsDir) });
  console.log(`[e2e] demo world seeded: ${summary.products} products, ${summary.users} users`);
} finally {
  await seedDb.close();
}

const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], { env: childEnv, stdio: "inherit" });
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  await cleanup().catch((error: unknown) => console.error(`[e2e] cleanup failed: ${String(error)}`));
  process.exit(code);
};
child.once("exit", (code) => void stop(code ?? 1));
process.once("SIGTERM", () => void stop(0));
process.once("SIGINT", () => void stop(0));
