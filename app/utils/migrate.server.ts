import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";

/**
 * Applies prisma/migrations/* the way `prisma migrate deploy` does (same folder layout, same
 * `_prisma_migrations` bookkeeping), without Prisma's schema-engine binary, which cannot be
 * downloaded here. Each migration runs in its own transaction: PostgreSQL DDL is transactional,
 * so a failing migration leaves the database exactly as it was.
 */

export interface MigrationFileInfo {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** A migration problem the operator must act on; the message says what and how. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

// Same DDL as Prisma's, so the CLI (where it works) accepts the history as its own.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Arbitrary constant: serialises concurrent migrators (two app instances starting at once).
const ADVISORY_LOCK_KEY = 727_001;

/** Default migrations folder: prisma/migrations under the working directory. */
export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

/** Reads the migration folders in name (timestamp) order. */
export function readMigrations(dir = defaultMigrationsDir()): MigrationFileInfo[] {
  if (!existsSync(dir)) throw new MigrationError(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function appliedRows(client: pg.PoolClient): Promise<AppliedRow[]> {
  const res = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return res.rows;
}

/** Names of migrations in the folder that the database has not applied yet. */
export async function pendingMigrations(pool: pg.Pool, dir = defaultMigrationsDir()): Promise<string[]> {
  const files = readMigrations(dir);
  const client = await pool.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    if (!exists.rows[0].present) return files.map((f) => f.name);
    const done = new Set((await appliedRows(client)).filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
    return files.filter((f) => !done.has(f.name)).map((f) => f.name);
  } finally {
    client.release();
  }
}

/** Applies every pending migration in order; stops at the first failure with a MigrationError. */
export async function applyMigrations(pool: pg.Pool, dir = defaultMigrationsDir()): Promise<MigrateResult> {
  const files = readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
    try {
      await client.query(CREATE_TABLE);
      const rows = await appliedRows(client);
      const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
      if (failed) {
        throw new MigrationError(
          `Migration ${failed.migration_name} is recorded as started but not finished (a failed run by another tool). ` +
            `Inspect the database, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}') and start again.`,
        );
      }
      const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]));
      const known = new Set(files.map((f) => f.name));
      const unknown = [...done.keys()].filter((n) => !known.has(n));
      if (unknown.length > 0) {
        throw new MigrationError(
          `The database has migrations that are not in ${dir}: ${unknown.join(", ")}. It was migrated by a newer version of the app; update the code before starting.`,
        );
      }
      const applied: string[] = [];
      for (const file of files) {
        const checksum = done.get(file.name);
        if (checksum !== undefined) {
          if (checksum !== file.checksum) {
            throw new MigrationError(
              `Migration ${file.name} was changed after it was applied (checksum differs). Never edit an applied migration: restore it and add a new one.`,
            );
          }
          continue;
        }
        await client.query("BEGIN");
        try {
          const id = randomUUID();
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
            [id, file.checksum, file.name],
          );
          await client.query(file.sql);
          await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
          await client.query("COMMIT");
          applied.push(file.name);
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          const reason = error instanceof Error ? error.message : String(error);
          throw new MigrationError(`Migration ${file.name} failed and was rolled back; the database is unchanged by it. Cause: ${reason}`);
        }
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
