import { availableParallelism } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { DatabaseError } from "./database-error.server";
import { env } from "./env.server";
import { logger } from "./logger.server";
import { applyMigrations, pendingMigrations, MigrationError } from "./migrate.server";
import { openDataDir, PGLITE_EXTENSIONS } from "./pglite-datadir.server";
import { acquireDataDirLock } from "./pglite-lock.server";

export { DatabaseError, MigrationError };

export interface Database {
  prisma: PrismaClient;
  /** The one pg.Pool behind Prisma; the migrator and raw SQL share it (PGlite allows only one). */
  pool: pg.Pool;
  kind: "postgres" | "pglite";
  /** Where the data lives, for logs and /healthz: host/database or the data directory. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgresql:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory, or "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  /** After connecting: apply pending migrations (default), only verify none is pending, or skip. */
  migrate?: "apply" | "verify" | "none";
  migrationsDir?: string;
  /** Connections to a server (default: defaultPoolSize()); the embedded database always has one. */
  poolSize?: number;
}

/**
 * Twice the CPU cores, 4 to 16. More connections than the server has cores to run them only queue on the
 * same rows: placing orders (bench:orders) ran about a fifth faster with 4 connections than with 10 on two cores.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.min(16, Math.max(4, 2 * cores));
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
}

function explainConnectError(error: unknown, url: string): DatabaseError {
  const where = describeUrl(url);
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case "ECONNREFUSED":
      return new DatabaseError(`Cannot connect to PostgreSQL at ${where}: connection refused. Start the server, fix DATABASE_URL, or unset DATABASE_URL to use the embedded database.`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new DatabaseError(`Cannot resolve the PostgreSQL host in DATABASE_URL (${where}).`);
    case "3D000":
      return new DatabaseError(`PostgreSQL at ${where}: the database does not exist. Create it (createdb) or fix DATABASE_URL.`);
    case "28P01":
    case "28000":
      return new DatabaseError(`PostgreSQL at ${where} refused the user or password in DATABASE_URL.`);
    default:
      if (e.message?.includes("timeout")) return new DatabaseError(`PostgreSQL at ${where} did not answer within 5 s. Check that it is running and reachable.`);
      return new DatabaseError(`Cannot use PostgreSQL at ${where}: ${e.message ?? String(error)}`);
  }
}

let memoryTemplate: Promise<Blob | undefined> | undefined;

/**
 * Opens PGlite and wraps it in the single pg.Pool the whole process must share. A data directory is
 * locked against other processes first, and a damaged one is refused rather than re-initialised
 * (see pglite-lock.server.ts and pglite-datadir.server.ts).
 */
async function openPglite(dataDir: string): Promise<{ pool: pg.Pool; close: () => Promise<void> }> {
  const memory = dataDir.startsWith("memory://");
  const lock = memory ? undefined : await acquireDataDirLock(dataDir);
  const release = () => lock?.release();
  try {
    let pglite: PGlite;
    if (memory) {
      const template = await memoryTemplate;
      pglite = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS, ...(template ? { loadDataDir: template } : {}) });
      // initdb in WASM takes seconds; later in-memory databases in this process (tests, the migration
      // tool's shadow databases) start from a copy of the first freshly initialised one instead.
      if (!template) memoryTemplate = pglite.dumpDataDir("none").catch(() => undefined);
    } else {
      pglite = await openDataDir(dataDir, {
        onCreate: () => logger.info({ dataDir }, "creating the embedded database (first start takes a few seconds)"),
      });
    }
    const config = createPgConfig(pglite);
    // adapter-pg passes `types: {getTypeParser}` with each query; the bridge's Parse encoder expects an
    // array of parameter type OIDs there and crashes on the object, so drop it for Parse only
    // (pg still uses it to parse the results).
    const connection = config.connection as unknown as { parse: (q: { types?: unknown }) => void };
    const parse = connection.parse.bind(connection);
    connection.parse = (q) => parse(q && q.types !== undefined && !Array.isArray(q.types) ? { ...q, types: undefined } : q);
    const pool = new pg.Pool({ ...(config as unknown as pg.PoolConfig), max: 1 });
    pool.on("error", (error) => logger.error({ err: error }, "embedded database connection error"));
    keepConnectionAfterErrors(pool);
    return {
      pool,
      close: async () => {
        await pool.end().catch(() => undefined);
        await pglite.close().catch(() => undefined);
        release();
      },
    };
  } catch (error) {
    release();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`Cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }
}

/**
 * pg-pool's query() ends the connection of a query that failed (on a server, a cheap reconnect). PGlite's bridge
 * cannot end a connection in the middle of the protocol: the next query, on a new connection, failed as well
 * ("Connection terminated unexpectedly"). The embedded connection is in-process and its session is still sound
 * after an SQL error, so it is handed back to the pool as it is.
 */
function keepConnectionAfterErrors(pool: pg.Pool): void {
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const query = async (...args: unknown[]) => {
    const client = await pool.connect();
    try {
      return await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      client.release();
    }
  };
  // Callback-style calls keep pg-pool's own path (nothing here uses them).
  (pool as { query: unknown }).query = (...args: unknown[]) => (typeof args[args.length - 1] === "function" ? original(...args) : query(...args));
}

/** Opens a database (server or embedded), checks it answers, and applies pending migrations. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  let pool: pg.Pool;
  let closeDriver: () => Promise<void>;
  let kind: Database["kind"];
  let location: string;
  if (options.url) {
    kind = "postgres";
    location = describeUrl(options.url);
    pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? defaultPoolSize(), connectionTimeoutMillis: 5000 });
    pool.on("error", (error) => logger.error({ err: error }, "PostgreSQL connection error"));
    closeDriver = () => pool.end();
    try {
      await pool.query("SELECT 1");
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw explainConnectError(error, options.url);
    }
  } else {
    kind = "pglite";
    const dataDir = options.dataDir ?? ".data/pglite";
    location = dataDir.startsWith("memory://") ? "in-memory" : path.resolve(dataDir);
    ({ pool, close: closeDriver } = await openPglite(dataDir));
  }

  try {
    const mode = options.migrate ?? "apply";
    if (mode === "apply") {
      const result = await applyMigrations(pool, options.migrationsDir);
      if (result.applied.length > 0) logger.info({ applied: result.applied }, "applied migrations");
    } else if (mode === "verify") {
      const pending = await pendingMigrations(pool, options.migrationsDir);
      if (pending.length > 0) {
        throw new MigrationError(`The database is missing ${pending.length} migration(s): ${pending.join(", ")}. Run \`npm run db:migrate\` first.`);
      }
    }
  } catch (error) {
    await closeDriver();
    throw error;
  }

  const adapter = new PrismaPg(pool);
  const prisma = new PrismaClient({
    adapter,
    // PGlite runs one transaction at a time; a waiting transaction must not give up after 2 s.
    transactionOptions: kind === "pglite" ? { maxWait: 30_000, timeout: 30_000 } : { maxWait: 10_000, timeout: 15_000 },
  });
  drivers.set(prisma, { pool, kind });
  return {
    prisma,
    pool,
    kind,
    location,
    close: async () => {
      await prisma.$disconnect().catch(() => undefined);
      await closeDriver();
    },
  };
}

const drivers = new WeakMap<PrismaClient, Pick<Database, "pool" | "kind">>();

/**
 * The pool and kind behind a Prisma client opened by openDatabase (null for any other client), for the hot paths
 * that send their own statements to the driver (placing orders, ADR 0012, and search reads).
 */
export function driverOf(prisma: PrismaClient): Pick<Database, "pool" | "kind"> | null {
  return drivers.get(prisma) ?? null;
}

/** One raw statement on a pool: its name, when given, makes a server parse and plan it once per connection. */
export type PoolQuery = (text: string, values: readonly unknown[], name?: string) => Promise<Record<string, unknown>[]>;

/** Raw statements on the driver's pool; names are dropped on PGlite, whose bridge takes unnamed statements only. */
export function poolQuery(driver: Pick<Database, "pool" | "kind">): PoolQuery {
  const named = driver.kind === "postgres";
  return async (text, values, name) => (await driver.pool.query({ ...(named && name ? { name } : {}), text, values: [...values] })).rows as Record<string, unknown>[];
}

const globalStore = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };

/**
 * The process-wide database, opened on first use from the environment. Kept on globalThis so the
 * start script, the server build and Vite's dev reloads share one pool (PGlite allows only one).
 */
export function getDatabase(): Promise<Database> {
  globalStore.__humingDb ??= (async () => {
    const e = env();
    const db = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, migrate: e.MIGRATE_ON_START ? "apply" : "verify", poolSize: e.DATABASE_POOL_SIZE });
    logger.info({ database: db.kind, location: db.location }, "database ready");
    return db;
  })();
  globalStore.__humingDb.catch(() => {
    globalStore.__humingDb = undefined;
  });
  return globalStore.__humingDb;
}

/** Shortcut for the process-wide Prisma client. */
export async function prisma(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}
