import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseError, openDatabase } from "../../app/utils/db.server";
import { INIT_MARKER } from "../../app/utils/pglite-datadir.server";

// A damaged embedded data directory must be refused with a way out, and left exactly as it was:
// PGlite on its own re-runs initdb over a directory without PG_VERSION (all data gone) and aborts
// with "Aborted(). Build with -sASSERTIONS" on damaged files.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), "huming-datadir-"));
const base = path.join(root, "base");
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const db = await openDatabase({ dataDir: base });
  await db.pool.query("CREATE TABLE datadir_probe (note text NOT NULL)");
  await db.pool.query("INSERT INTO datadir_probe VALUES ('沙县扁肉')");
  await db.close();
});

/** relative path → sha256 (or "dir") for everything under dir. */
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      const rel = path.relative(dir, p);
      if (entry.isDirectory()) {
        out[rel] = "dir";
        walk(p);
      } else {
        out[rel] = `${statSync(p).size}:${createHash("sha256").update(readFileSync(p)).digest("hex")}`;
      }
    }
  };
  walk(dir);
  return out;
}

let n = 0;
function copyOfBase(damage: (dir: string) => void): string {
  const dir = path.join(root, `case-${++n}`);
  cpSync(base, dir, { recursive: true });
  damage(dir);
  return dir;
}

/** Opening refuses with a DatabaseError, and nothing in the directory (or beside it) changed. */
async function expectRefusedUntouched(dir: string): Promise<string> {
  const before = hashTree(dir);
  const error = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseError);
  const message = (error as Error).message;
  expect(message).toContain(`The embedded database in ${dir}`);
  expect(message).not.toMatch(/Aborted\(\)|-sASSERTIONS/);
  expect(hashTree(dir)).toEqual(before);
  expect(readdirSync(root).filter((f) => f.startsWith(`${path.basename(dir)}.`))).toEqual([]); // lock released
  return message;
}

const RECOVERY = /To recover: restore a backup with `npm run db:restore -- <file>`, or move the directory away \(e\.g\. `mv .+ .+\.damaged`\) to start with a fresh demo database\./;

describe("a damaged embedded data directory", () => {
  it("is created fresh, without the initdb marker once it is complete, and reopens with its data", async () => {
    expect(existsSync(path.join(base, INIT_MARKER))).toBe(false);
    const db = await openDatabase({ dataDir: copyOfBase(() => undefined) });
    try {
      expect((await db.pool.query("SELECT note FROM datadir_probe")).rows).toEqual([{ note: "沙县扁肉" }]);
    } finally {
      await db.close();
    }
  });

  it("without PG_VERSION is refused, not re-initialised", async () => {
    const dir = copyOfBase((d) => unlinkSync(path.join(d, "PG_VERSION")));
    const message = await expectRefusedUntouched(dir);
    expect(message).toMatch(/is damaged or incomplete: PG_VERSION is missing\. It was left untouched/);
    expect(message).toMatch(RECOVERY);
  });

  it("with a truncated global/pg_control is refused", async () => {
    const dir = copyOfBase((d) => truncateSync(path.join(d, "global", "pg_control"), 100));
    const message = await expectRefusedUntouched(dir);
    expect(message).toMatch(/global\/pg_control is 100 bytes \(it must be 8192\)/);
    expect(message).toMatch(RECOVERY);
  });

  it("holding unrelated files is refused", async () => {
    const dir = path.join(root, "unrelated");
    mkdirSync(path.join(dir, "photos"), { recursive: true });
    writeFileSync(path.join(dir, "notes.txt"), "明溪淮山 12 箱\n");
    writeFileSync(path.join(dir, "photos", "a.jpg"), Buffer.from([0xff, 0xd8, 0xff]));
    const message = await expectRefusedUntouched(dir);
    expect(message).toMatch(/does not look like a PostgreSQL data directory \(no PG_VERSION, global\/pg_control or base\/; it holds 2 other entries\)/);
    expect(message).toMatch(/Check that DATA_DIR names the right directory/);
  });

  it("whose files make the engine abort gets a message instead of \"Aborted()\"", async () => {
    // A zeroed WAL segment passes the structural check and aborts the WASM engine.
    const dir = copyOfBase((d) => {
      const segment = readdirSync(path.join(d, "pg_wal")).find((f) => /^[0-9A-F]{24}$/.test(f)) as string;
      const file = path.join(d, "pg_wal", segment);
      writeFileSync(file, Buffer.alloc(statSync(file).size));
    });
    const message = await expectRefusedUntouched(dir);
    expect(message).toMatch(/could not be opened: PostgreSQL stopped while reading its files \(the embedded engine aborted\)\. Its files look damaged; they were left as they are\./);
    expect(message).toMatch(RECOVERY);
  });

  it("whose first initdb was killed half-way is refused next time", async () => {
    const dir = path.join(root, "interrupted");
    const script = `import { openDatabase } from ${JSON.stringify(path.join(ROOT, "app/utils/db.server.ts"))}; await openDatabase({ dataDir: ${JSON.stringify(dir)} });`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, stdio: "ignore", env: { ...process.env, LOG_LEVEL: "silent" } });
    let alive = true;
    const exited = new Promise((resolve) => child.once("exit", resolve)).then(() => (alive = false));
    const marker = path.join(dir, INIT_MARKER);
    while (alive && !existsSync(marker)) await new Promise((r) => setTimeout(r, 20));
    expect(alive, "the child died before it started initdb").toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGKILL");
    await exited;
    const message = await expectRefusedUntouched(dir);
    expect(message).toMatch(/is incomplete: its first-time setup was interrupted, so it holds no data yet/);
  });
});
