import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/utils/db.server";
import { parseEnv } from "../../app/utils/env.server";
import { runBackupCli, runRestoreCli, type CliOptions } from "./backup-cli";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), "huming-backup-"));
const base = path.join(root, "base");
const baseBackup = path.join(root, "base.tar.gz");
const NOW = new Date(2026, 0, 2, 3, 4, 5);
const options: CliOptions = { env: parseEnv({}), cwd: root, now: () => NOW };
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const db = await openDatabase({ dataDir: base });
  await db.pool.query("CREATE TABLE backup_probe (note text NOT NULL)");
  await db.pool.query("INSERT INTO backup_probe VALUES ('backed up')");
  await db.close();
  expect((await run(runBackupCli, ["--data-dir", base, "--out", baseBackup])).code).toBe(0);
});

let n = 0;
function copyOfBase(): string {
  const dir = path.join(root, `data-${++n}`);
  cpSync(base, dir, { recursive: true });
  return dir;
}

async function run(cli: typeof runBackupCli, args: string[], opts: CliOptions = options) {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, { out: (s) => (stdout += s), err: (s) => (stderr += s) }, opts);
  return { code, stdout, stderr };
}

async function notes(dataDir: string): Promise<string[]> {
  const db = await openDatabase({ dataDir });
  try {
    return (await db.pool.query<{ note: string }>("SELECT note FROM backup_probe ORDER BY note")).rows.map((r) => r.note);
  } finally {
    await db.close();
  }
}

/** Files and sizes under dir, to show that a refused command changed nothing. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => `${path.relative(dir, path.join(e.parentPath, e.name))}:${e.isFile() ? statSync(path.join(e.parentPath, e.name)).size : "dir"}`).sort();
}

describe("db:backup and db:restore", () => {
  it("backs up, and a restore brings the backed-up data back and keeps the previous directory", async () => {
    const dir = copyOfBase();
    const backup = await run(runBackupCli, ["--data-dir", dir, "--out", "kept/first.tar.gz"]);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`^Backed up the embedded database in data-\\d+ to kept/first\\.tar\\.gz \\(\\d+\\.\\d MB\\)\\.\\nRestore it with: npm run db:restore -- kept/first\\.tar\\.gz\\n$`));
    const file = path.join(root, "kept", "first.tar.gz");
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const db = await openDatabase({ dataDir: dir });
    await db.pool.query("DELETE FROM backup_probe");
    await db.pool.query("INSERT INTO backup_probe VALUES ('changed after the backup')");
    await db.close();

    const restore = await run(runRestoreCli, ["--", file, "--data-dir", dir]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const aside = `${dir}.before-restore-20260102-030405`;
    expect(restore.stdout).toBe(
      `Restored kept/first.tar.gz into ${path.basename(dir)}.\nThe previous data was moved to ${path.basename(aside)}; it is kept until you delete it.\nStart the app with: npm start\n`,
    );
    expect(await notes(dir)).toEqual(["backed up"]);
    expect(await notes(aside)).toEqual(["changed after the backup"]);
    // No staging directory or lock left behind.
    expect(readdirSync(root).filter((f) => f.startsWith(`${path.basename(dir)}.`))).toEqual([path.basename(aside)]);
  });

  it("writes backups/huming-<timestamp>.tar.gz by default, never overwriting one", async () => {
    const dir = copyOfBase();
    const first = await run(runBackupCli, ["--data-dir", dir]);
    const second = await run(runBackupCli, ["--data-dir", dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(" to backups/huming-20260102-030405.tar.gz (");
    expect(second.stdout).toContain(" to backups/huming-20260102-030405-2.tar.gz (");
    expect(readdirSync(path.join(root, "backups")).sort()).toEqual(["huming-20260102-030405-2.tar.gz", "huming-20260102-030405.tar.gz"]);
    const again = await run(runBackupCli, ["--data-dir", dir, "--out", "backups/huming-20260102-030405.tar.gz"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; choose another --out file/);
  });

  it("restores into a damaged directory, which is moved aside untouched", async () => {
    const dir = copyOfBase();
    unlinkSync(path.join(dir, "PG_VERSION"));
    const before = listing(dir);
    const restore = await run(runRestoreCli, [baseBackup, "--data-dir", dir], { ...options, now: () => new Date(2026, 0, 2, 9, 0, 0) });
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(await notes(dir)).toEqual(["backed up"]);
    expect(listing(`${dir}.before-restore-20260102-090000`)).toEqual(before);
  });

  it("refuses files that are not backups, leaving the data directory alone", async () => {
    const dir = copyOfBase();
    const before = listing(dir);
    const random = path.join(root, "random.tar.gz");
    writeFileSync(random, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)));
    const truncated = path.join(root, "truncated.tar.gz");
    writeFileSync(truncated, readFileSync(baseBackup).subarray(0, 100_000));
    const otherTar = path.join(root, "photos.tar.gz");
    mkdirSync(path.join(root, "photos"));
    writeFileSync(path.join(root, "photos", "a.txt"), "尤溪金柑");
    spawnSync("tar", ["czf", otherTar, "-C", path.join(root, "photos"), "."]);
    const cases: [string, RegExp][] = [
      [random, /^random\.tar\.gz is not a backup of the embedded database \(expected a \.tar\.gz written by npm run db:backup\)\.\n$/],
      [truncated, /^truncated\.tar\.gz is damaged: it starts like a \.tar\.gz but cannot be decompressed \(truncated or corrupted\?\)\.\n$/],
      [otherTar, /^photos\.tar\.gz is not a backup .* It is a tar archive, but PG_VERSION, global\/pg_control, base\/ are missing or wrong\.\n$/],
      [path.join(root, "nope.tar.gz"), /^nope\.tar\.gz: no such file\.\n$/],
      [path.join(root, "photos"), /^photos is a directory, not a backup file\.\n$/],
    ];
    for (const [file, message] of cases) {
      const r = await run(runRestoreCli, [path.relative(root, file), "--data-dir", dir]);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
    // gzip of random bytes: decompresses, but is no tar.
    const gzRandom = path.join(root, "gz-random.tar.gz");
    writeFileSync(gzRandom, gzipSync(readFileSync(random)));
    expect((await run(runRestoreCli, [gzRandom, "--data-dir", dir])).stderr).toMatch(/is not a backup of the embedded database/);
    expect(listing(dir)).toEqual(before);
    expect(readdirSync(root).filter((f) => f.startsWith(`${path.basename(dir)}.`))).toEqual([]);
  });

  describe("while the server holds the database", () => {
    let holder: ChildProcessWithoutNullStreams;
    let dir: string;
    beforeAll(async () => {
      dir = copyOfBase();
      holder = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/fixtures/pglite-lock-holder.ts"), dir, "60000"], { cwd: ROOT });
      let out = "";
      await new Promise<void>((resolve) =>
        holder.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("ready\n")) holder.stdin.write("go\n");
          if (out.includes("locked")) resolve();
        }),
      );
    });
    afterAll(() => holder.kill());

    it("refuses to back up or restore: stop the server first", async () => {
      const backup = await run(runBackupCli, ["--data-dir", dir, "--out", "never.tar.gz"]);
      expect(backup.code).toBe(1);
      expect(backup.stderr).toBe(`Cannot back up while the embedded database in ${dir} is in use by process ${holder.pid} (pglite-lock-holder.ts ${dir} 60000): stop the server first, then run npm run db:backup again.\n`);
      expect(existsSync(path.join(root, "never.tar.gz"))).toBe(false);
      const restore = await run(runRestoreCli, [baseBackup, "--data-dir", dir]);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(/^Cannot restore while the embedded database in .* is in use by process \d+ .*: stop the server first, then run npm run db:restore again\.\n$/);
    });
  });

  it("points to pg_dump / pg_restore when DATABASE_URL is set", async () => {
    const server = { ...options, env: parseEnv({ DATABASE_URL: "postgresql://huming@127.0.0.1:5432/huming" }) };
    const backup = await run(runBackupCli, [], server);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toMatch(/^DATABASE_URL is set: npm run db:backup works on the embedded database only\. For a PostgreSQL server use pg_dump and pg_restore/);
    const restore = await run(runRestoreCli, ["x.tar.gz"], server);
    expect(restore.code).toBe(2);
    expect(restore.stderr).toMatch(/pg_restore/);
  });

  it("does not create a database to back up, and rejects bad arguments with usage (also as real commands)", async () => {
    const missing = path.join(root, "missing");
    const r = await run(runBackupCli, ["--data-dir", missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`There is no embedded database in ${missing} yet (the directory is missing or empty).\n`);
    expect(existsSync(missing)).toBe(false);

    expect((await run(runBackupCli, ["--bogus"])).stderr).toMatch(/^unknown argument "--bogus"\nusage: npm run db:backup/);
    expect((await run(runBackupCli, ["--out"])).stderr).toMatch(/^--out needs a value\n/);
    expect((await run(runRestoreCli, ["a.tar.gz", "b.tar.gz"])).stderr).toMatch(/^name one backup file\nusage: npm run db:restore -- <backup\.tar\.gz>/);
    for (const [script, args, usage] of [
      ["backup.ts", ["--nope"], /usage: npm run db:backup/],
      ["restore.ts", [], /name the backup file to restore\nusage: npm run db:restore/],
    ] as const) {
      const p = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/db", script), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });
      expect(p.status).toBe(2);
      expect(p.stderr).toMatch(usage);
      expect(p.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
