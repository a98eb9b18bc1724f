import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError, lockDirFor, readLockOwner, type LockOwner } from "./pglite-lock.server";

const root = mkdtempSync(path.join(tmpdir(), "huming-lock-"));
let n = 0;
/** A fresh data directory path (never created: the lock lives beside it). */
const dataDir = () => path.join(root, `data-${++n}`);

let sleeper: ChildProcess;
beforeAll(() => {
  sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
});
afterAll(() => {
  sleeper.kill();
  rmSync(root, { recursive: true, force: true });
});

/** A pid that was just used and is certainly dead now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid as number;
}

function plantLock(dir: string, owner: Partial<LockOwner>): LockOwner {
  const full: LockOwner = { pid: 1, hostname: hostname(), startedAt: new Date().toISOString(), token: "planted", ...owner };
  mkdirSync(lockDirFor(dir));
  writeFileSync(path.join(lockDirFor(dir), "owner.json"), JSON.stringify(full));
  return full;
}

/** Nothing but the lock itself may be left beside the data directory (no temp or mutex litter). */
function litter(dir: string): string[] {
  const base = path.basename(dir);
  return readdirSync(path.dirname(dir)).filter((f) => f.startsWith(`${base}.lock.`));
}

describe("acquireDataDirLock", () => {
  it("takes the lock with its owner inside, refuses a second acquire and releases", async () => {
    const dir = dataDir();
    const lock = await acquireDataDirLock(dir);
    expect(lock.lockDir).toBe(`${dir}.lock`);
    expect(readLockOwner(dir)).toMatchObject({ pid: process.pid, hostname: hostname(), token: lock.owner.token });
    await expect(acquireDataDirLock(dir)).rejects.toThrow(/already open in this process/);
    lock.release();
    lock.release();
    expect(existsSync(lock.lockDir)).toBe(false);
    const again = await acquireDataDirLock(dir);
    again.release();
    expect(litter(dir)).toEqual([]);
  });

  it("refuses a lock held by a live process, naming the directory and the pid", async () => {
    const dir = dataDir();
    plantLock(dir, { pid: sleeper.pid, command: "start.ts" });
    const error = await acquireDataDirLock(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`The embedded database in ${dir} is in use by process ${sleeper.pid} (start.ts`);
    expect((error as Error).message).toMatch(/Stop it first .* or set DATABASE_URL/);
    expect(readLockOwner(dir)?.token).toBe("planted");
  });

  it("refuses a lock held on another computer, saying how to clear it", async () => {
    const dir = dataDir();
    plantLock(dir, { pid: 4242, hostname: "other-host" });
    await expect(acquireDataDirLock(dir)).rejects.toThrow(new RegExp(`process 4242 on another computer \\(other-host\\).*delete ${lockDirFor(dir).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`));
  });

  it("takes over a stale lock left by a dead process", async () => {
    const dir = dataDir();
    plantLock(dir, { pid: deadPid() });
    const lock = await acquireDataDirLock(dir);
    expect(readLockOwner(dir)?.token).toBe(lock.owner.token);
    lock.release();
    expect(litter(dir)).toEqual([]);
  });

  it("takes over a lock with our pid from before this process started (a restarted container)", async () => {
    const dir = dataDir();
    plantLock(dir, { pid: process.pid, startedAt: new Date(Date.now() - 3_600_000 - process.uptime() * 1000).toISOString() });
    const lock = await acquireDataDirLock(dir);
    expect(readLockOwner(dir)?.token).toBe(lock.owner.token);
    lock.release();
  });

  it("takes over an ownerless lock directory and a pid file from the earlier implementation", async () => {
    const empty = dataDir();
    mkdirSync(lockDirFor(empty));
    writeFileSync(path.join(lockDirFor(empty), "owner.json"), "");
    (await acquireDataDirLock(empty)).release();

    const legacyLive = dataDir();
    writeFileSync(lockDirFor(legacyLive), String(sleeper.pid));
    await expect(acquireDataDirLock(legacyLive)).rejects.toThrow(new RegExp(`in use by process ${sleeper.pid}`));

    const legacyDead = dataDir();
    writeFileSync(lockDirFor(legacyDead), String(deadPid()));
    const lock = await acquireDataDirLock(legacyDead);
    expect(readLockOwner(legacyDead)?.token).toBe(lock.owner.token);
    lock.release();
  });

  it("breaks a takeover mutex left by a crashed process", async () => {
    const dir = dataDir();
    plantLock(dir, { pid: deadPid() });
    const mutex = `${lockDirFor(dir)}.takeover`;
    writeFileSync(mutex, "");
    const old = (Date.now() - 20_000) / 1000;
    utimesSync(mutex, old, old);
    const lock = await acquireDataDirLock(dir);
    expect(readLockOwner(dir)?.token).toBe(lock.owner.token);
    expect(existsSync(mutex)).toBe(false);
    lock.release();
    expect(litter(dir)).toEqual([]);
  });

  it("waits for a fresh takeover mutex instead of breaking it at once", async () => {
    const dir = dataDir();
    plantLock(dir, { pid: deadPid() });
    writeFileSync(`${lockDirFor(dir)}.takeover`, "");
    const started = Date.now();
    const lock = await acquireDataDirLock(dir, { staleTakeoverMs: 400 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    lock.release();
  });

  it("never removes another owner's lock on release", async () => {
    const dir = dataDir();
    const lock = await acquireDataDirLock(dir);
    // As if another process had judged us dead and taken over meanwhile.
    rmSync(lock.lockDir, { recursive: true });
    plantLock(dir, { pid: sleeper.pid, token: "someone-else" });
    lock.release();
    expect(readLockOwner(dir)?.token).toBe("someone-else");
  });
});
