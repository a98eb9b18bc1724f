/**
 * An exclusive, cross-process lock on an embedded PGlite data directory. PGlite has no locking of
 * its own: two processes on one directory both "work" and silently lose each other's writes.
 *
 * The lock is the directory `<dataDir>.lock` holding `owner.json` (pid, hostname, start time,
 * random token). It appears atomically *with* its content: the owner file is written into a private
 * temporary directory which is then renamed onto the lock path. rename(2) onto an existing
 * non-empty directory fails, so exactly one contender wins and nobody ever sees a half-written lock
 * (the old pid file was created empty and then written; a reader that saw it empty deleted it).
 *
 * A lock whose owner is dead (same host, the pid answers ESRCH) is stale. Takeovers are serialised
 * through a second mutex, the file `<dataDir>.lock.takeover` (exclusive create); inside it the owner
 * is read again and removed only if it is still the very owner that was judged dead, so two
 * processes that both saw the stale lock cannot remove each other's fresh one. A takeover mutex
 * older than a few seconds belongs to a process that crashed inside those few milliseconds.
 */
import { randomBytes } from "node:crypto";
import { linkSync, lstatSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, existsSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DatabaseError } from "./database-error.server";

/** What `owner.json` in a lock directory says about the process holding it. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** Random; tells this holder apart from an earlier process that had the same pid. */
  token: string;
  /** The holder's command line, shown to whoever is refused. */
  command?: string;
}

/** The data directory is locked by another live process (or already open in this one). */
export class DataDirLockedError extends DatabaseError {
  constructor(
    message: string,
    readonly lockDir: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(message);
    this.name = "DataDirLockedError";
  }
}

/** A held lock; release() is idempotent and also runs when the process exits. */
export interface DataDirLock {
  readonly lockDir: string;
  readonly owner: LockOwner;
  release(): void;
}

export interface LockOptions {
  /** A takeover mutex older than this was left by a crashed process (default 10 s). */
  staleTakeoverMs?: number;
  /** How long to keep retrying while other processes are mid-takeover (default 15 s). */
  timeoutMs?: number;
}

const OWNER_FILE = "owner.json";
/** What rename(2) says when the target is a non-empty directory or a file. */
const TAKEN_CODES = new Set(["EEXIST", "ENOTEMPTY", "ENOTDIR", "EISDIR"]);
const DEFAULT_STALE_TAKEOVER_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 15_000;
const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000;

// Tokens of the locks this process holds. On globalThis so that a module re-evaluated by Vite's dev
// server still recognises the locks its earlier instance took.
const registry = globalThis as typeof globalThis & { [key: symbol]: Set<string> | undefined };
const HELD_KEY = Symbol.for("huming-direct.pglite-locks");
const held: Set<string> = (registry[HELD_KEY] ??= new Set<string>());

/** The lock directory that guards a data directory. */
export function lockDirFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/** The current holder of a data directory's lock, if any (for diagnostics and tests). */
export function readLockOwner(dataDir: string): LockOwner | undefined {
  return readHolder(lockDirFor(dataDir))?.owner;
}

interface Holder {
  /** The owner file's exact text: compared byte for byte before a stale lock is removed. */
  raw: string;
  owner?: LockOwner;
  /** A pid file left by the earlier lock implementation. */
  legacy: boolean;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function token(): string {
  return randomBytes(8).toString("hex");
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const o = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof o.pid !== "number" || typeof o.hostname !== "string" || typeof o.token !== "string") return undefined;
    return { pid: o.pid, hostname: o.hostname, startedAt: String(o.startedAt ?? ""), token: o.token, command: o.command };
  } catch {
    return undefined;
  }
}

function readHolder(lockDir: string): Holder | undefined {
  let isFile: boolean;
  try {
    isFile = lstatSync(lockDir).isFile();
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  try {
    if (isFile) {
      // Before this module the lock was a file with just the pid; it may be left over from a crash.
      const raw = readFileSync(lockDir, "utf8");
      const pid = Number.parseInt(raw, 10);
      const owner = Number.isInteger(pid) && pid > 0 ? { pid, hostname: hostname(), startedAt: new Date(0).toISOString(), token: `legacy:${raw}` } : undefined;
      return { raw, owner, legacy: true };
    }
    const raw = readFileSync(path.join(lockDir, OWNER_FILE), "utf8");
    return { raw, owner: parseOwner(raw), legacy: false };
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT" && !existsSync(lockDir)) return undefined; // released while we looked
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return { raw: "", legacy: false };
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

type Verdict = "ours" | "live" | "remote" | "stale";

function judge(holder: Holder): Verdict {
  const o = holder.owner;
  // An owner nobody can name (unreadable file, empty directory) has no process to ask: left over.
  if (!o) return "stale";
  if (o.hostname !== hostname()) return "remote";
  if (o.pid === process.pid) {
    if (held.has(o.token)) return "ours";
    // Our pid but not our token: either an earlier process that had this pid (a restarted container)
    // or another thread of this process. Only the first can have started before we did.
    const started = Date.parse(o.startedAt);
    return Number.isFinite(started) && started < PROCESS_STARTED_MS ? "stale" : "ours";
  }
  return isAlive(o.pid) ? "live" : "stale";
}

function describeHolder(o: LockOwner): string {
  const details = [o.command, o.startedAt && !o.token.startsWith("legacy:") ? `since ${o.startedAt}` : undefined].filter(Boolean);
  return details.length > 0 ? ` (${details.join(", ")})` : "";
}

function lockedError(dataDir: string, lockDir: string, holder: Holder, verdict: Verdict): DataDirLockedError {
  const o = holder.owner as LockOwner;
  switch (verdict) {
    case "ours":
      return new DataDirLockedError(`The embedded database in ${dataDir} is already open in this process; close it before opening it again.`, lockDir, o);
    case "remote":
      return new DataDirLockedError(
        `The embedded database in ${dataDir} is in use by process ${o.pid} on another computer (${o.hostname})${describeHolder(o)}. Stop it there first, or set DATABASE_URL to use a PostgreSQL server. If that computer no longer uses this directory, delete ${lockDir}.`,
        lockDir,
        o,
      );
    default:
      return new DataDirLockedError(
        `The embedded database in ${dataDir} is in use by process ${o.pid}${describeHolder(o)}. Stop it first (two processes on one embedded database would lose data), or set DATABASE_URL to use a PostgreSQL server.`,
        lockDir,
        o,
      );
  }
}

/** Creates the lock with its owner file already inside; false when someone else holds it. */
function tryCreate(lockDir: string, owner: LockOwner): boolean {
  const tmp = `${lockDir}.${owner.token}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    writeFileSync(path.join(tmp, OWNER_FILE), JSON.stringify(owner));
    renameSync(tmp, lockDir);
    return true;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    // Held; or held a moment ago and just moved away by a takeover: the caller looks again.
    if (TAKEN_CODES.has(errorCode(error) ?? "") || existsSync(lockDir)) return false;
    throw new DatabaseError(`Cannot lock the embedded database: creating ${lockDir} failed (${errorCode(error) ?? (error as Error).message}).`);
  }
}

/** Enters the takeover mutex; false when another process is inside (or was, and crashed). */
function enterTakeover(mutex: string, staleMs: number): boolean {
  try {
    closeSync(openSync(mutex, "wx"));
    return true;
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  }
  let age: number;
  try {
    age = Date.now() - statSync(mutex).mtimeMs;
  } catch {
    return false; // just left: the caller retries
  }
  if (age < staleMs) return false;
  // Left by a process that crashed inside. Move it aside rather than unlink it, so that if another
  // process broke it first and made a fresh one, we notice and put the fresh one back (link(2)
  // fails instead of overwriting should yet another have appeared meanwhile).
  const away = `${mutex}.${token()}.stale`;
  try {
    renameSync(mutex, away);
  } catch {
    return false;
  }
  try {
    if (Date.now() - statSync(away).mtimeMs < staleMs) linkSync(away, mutex);
  } catch {
    // Best effort: the owner check inside the takeover still protects a fresh lock.
  }
  rmSync(away, { force: true });
  return false;
}

function leaveTakeover(mutex: string): void {
  try {
    unlinkSync(mutex);
  } catch {
    // Broken as stale by another process: nothing left to leave.
  }
}

/** Removes a stale lock if it is still exactly `seen`; true when the lock path is free again. */
function takeOverStale(lockDir: string, seen: Holder, staleMs: number): boolean {
  const mutex = `${lockDir}.takeover`;
  if (!enterTakeover(mutex, staleMs)) return false;
  try {
    const now = readHolder(lockDir);
    if (!now) return true;
    if (now.raw !== seen.raw || now.legacy !== seen.legacy) return false; // someone else dealt with it
    const away = `${lockDir}.${token()}.stale`;
    try {
      renameSync(lockDir, away);
    } catch {
      return false;
    }
    // Defence in depth: if what we moved is not the dead owner after all, put it back untouched.
    const moved = readHolder(away);
    if (moved && moved.raw !== seen.raw) {
      try {
        renameSync(away, lockDir);
      } catch {
        // The path was taken meanwhile; the moved owner keeps its token check on release.
      }
      return false;
    }
    rmSync(away, { recursive: true, force: true });
    return true;
  } finally {
    leaveTakeover(mutex);
  }
}

function register(lockDir: string, owner: LockOwner): DataDirLock {
  held.add(owner.token);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    held.delete(owner.token);
    process.off("exit", release);
    const holder = readHolder(lockDir);
    if (holder?.owner?.token !== owner.token) return; // not ours (any more): never remove another owner's lock
    // Rename first: deleting in place would leave an empty directory for a moment, which a
    // contender's rename could replace, and the recursive delete would then remove its owner file.
    const away = `${lockDir}.${owner.token}.released`;
    try {
      renameSync(lockDir, away);
      rmSync(away, { recursive: true, force: true });
    } catch {
      // Already gone.
    }
  };
  process.once("exit", release);
  return { lockDir, owner, release };
}

/**
 * Takes the exclusive lock on a data directory, taking over a stale one. Throws DataDirLockedError
 * when a live process holds it.
 */
export async function acquireDataDirLock(dataDir: string, options: LockOptions = {}): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  const lockDir = lockDirFor(dir);
  const staleMs = options.staleTakeoverMs ?? DEFAULT_STALE_TAKEOVER_MS;
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  mkdirSync(path.dirname(lockDir), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    token: token(),
    command: [path.basename(process.argv[1] ?? ""), ...process.argv.slice(2)].join(" ").trim().slice(0, 200) || undefined,
  };
  for (;;) {
    if (tryCreate(lockDir, owner)) return register(lockDir, owner);
    if (Date.now() > deadline) {
      throw new DatabaseError(`Could not lock the embedded database in ${dir}: other processes kept taking the lock over. Try again.`);
    }
    const holder = readHolder(lockDir);
    if (!holder) continue; // released or moved away just now: try again at once
    const verdict = judge(holder);
    if (verdict !== "stale") throw lockedError(dir, lockDir, holder, verdict);
    if (takeOverStale(lockDir, holder, staleMs)) continue;
    // Another process is mid-takeover: it needs milliseconds.
    await sleep(10 + Math.random() * 30);
  }
}
