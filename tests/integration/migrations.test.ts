import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseError, openDatabase, type Database } from "../../app/utils/db.server";
import { readLockOwner } from "../../app/utils/pglite-lock.server";
import { applyMigrations, MigrationError, pendingMigrations, readMigrations } from "../../app/utils/migrate.server";

const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

function migrationsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "huming-migrations-"));
  cpSync("prisma/migrations", dir, { recursive: true });
  return dir;
}

async function tableNames(db: Database): Promise<string[]> {
  const r = await db.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return r.rows.map((x) => x.table_name);
}

describe("migrations (embedded database)", () => {
  it("records applied migrations like Prisma does and applies nothing twice", async () => {
    const db = await openDatabase({ dataDir: "memory://" });
    opened.push(db);
    const rows = await db.pool.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`);
    const files = readMigrations();
    expect(rows.rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.rows[0].checksum).toBe(files[0].checksum);
    expect(rows.rows[0].finished_at).not.toBeNull();
    expect(await applyMigrations(db.pool)).toEqual({ applied: [], alreadyApplied: files.length });
  });

  it("rolls a failing migration back completely and says which one failed", async () => {
    const dir = migrationsCopy();
    const bad = path.join(dir, "29990101000000_broken");
    mkdirSync(bad);
    writeFileSync(path.join(bad, "migration.sql"), `CREATE TABLE "half_done" (id int);\nALTER TABLE "no_such_table" ADD COLUMN x int;\n`);
    const fresh = await openDatabase({ dataDir: "memory://", migrate: "none" });
    opened.push(fresh);
    const before = await tableNames(fresh);
    await expect(applyMigrations(fresh.pool, dir)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const after = await tableNames(fresh);
    expect(after).not.toContain("half_done");
    // The good migration before it was applied in its own transaction and stays.
    expect(after).toContain("organizations");
    expect(before).not.toContain("organizations");
    expect(await pendingMigrations(fresh.pool, dir)).toEqual(["29990101000000_broken"]);
  });

  it("refuses an edited migration and a database that is ahead of the code", async () => {
    const db = await openDatabase({ dataDir: "memory://" });
    opened.push(db);
    const edited = migrationsCopy();
    const first = readMigrations(edited)[0];
    writeFileSync(path.join(edited, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
    await expect(applyMigrations(db.pool, edited)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(db.pool, edited)).rejects.toThrow(/was changed after it was applied/);
    const empty = mkdtempSync(path.join(tmpdir(), "huming-empty-"));
    await expect(applyMigrations(db.pool, empty)).rejects.toThrow(/not in .*update the code/);
  });

  it("treats a missing migrations folder as an error, not as an empty history", () => {
    expect(() => readMigrations(path.join(tmpdir(), "huming-no-such-folder"))).toThrow(/Migrations folder not found/);
  });

  it("with migrate: verify, a pending migration is a clear error", async () => {
    await expect(openDatabase({ dataDir: "memory://", migrate: "verify" })).rejects.toThrow(/missing \d+ migration\(s\): 20261129060423_init.*npm run db:migrate/);
  });
});

describe("embedded data directory", () => {
  it("is locked against a second process and reopens with its data", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "huming-pglite-")), "data");
    const db = await openDatabase({ dataDir });
    await db.prisma.organization.create({ data: { kind: "platform", name: "沪明直供运营中心", county: "嘉定区", address: "上海市嘉定区" }, select: { id: true } });
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    // A live foreign pid in the lockfile: another process holds the directory.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      await db.close();
      writeFileSync(`${dataDir}.lock`, String(holder.pid));
      await expect(openDatabase({ dataDir })).rejects.toThrow(DatabaseError);
      await expect(openDatabase({ dataDir })).rejects.toThrow(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      holder.kill();
    }
    await new Promise((r) => holder.once("exit", r));
    // The holder is gone: its stale lock is taken over and the data is still there.
    const again = await openDatabase({ dataDir });
    opened.push(again);
    expect(await again.prisma.organization.count()).toBe(1);
    expect(readLockOwner(dataDir)?.pid).toBe(process.pid);
  });
});

describe("server connection errors", () => {
  it("explains an unreachable server", async () => {
    await expect(openDatabase({ url: "postgresql://postgres@127.0.0.1:1/none" })).rejects.toThrow(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none: connection refused/);
  });
});
