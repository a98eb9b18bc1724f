/**
 * `npm run db:backup` and `npm run db:restore` for the embedded database (see backup.ts and
 * restore.ts), as functions so tests can run them in-process.
 *
 * Exit codes: 0 done; 2 the command cannot run as asked (bad arguments, DATABASE_URL is set, the
 * file is not a backup); 1 it failed (the database is in use, damaged, or the disk refused).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { DatabaseError } from "../../app/utils/database-error.server";
import { openDatabase } from "../../app/utils/db.server";
import { env as processEnv, EnvError, type Env } from "../../app/utils/env.server";
import { MigrationError } from "../../app/utils/migrate.server";
import { createPglite, describeFailure, openDataDir } from "../../app/utils/pglite-datadir.server";
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from "../../app/utils/pglite-lock.server";

/** Where the commands write; the real process passes stdout/stderr, tests pass buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliOptions {
  /** The environment to read DATA_DIR and DATABASE_URL from (default: this process's). */
  env?: Env;
  /** The folder relative paths and the default backups/ folder are resolved against (default: cwd). */
  cwd?: string;
  /** The clock for file names (tests fix it). */
  now?: () => Date;
}

class UsageError extends Error {}

const BACKUP_USAGE = "usage: npm run db:backup [-- --out <file.tar.gz>] [--data-dir <dir>]";
const RESTORE_USAGE = "usage: npm run db:restore -- <backup.tar.gz> [--data-dir <dir>]";

interface Args {
  flags: Map<string, string>;
  positional: string[];
}

function parseArgs(argv: string[], allowed: string[], usage: string): Args {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") continue;
    if (a === "--help" || a === "-h") throw new UsageError(usage);
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      if (a.startsWith("-")) throw new UsageError(`unknown argument "${a}"\n${usage}`);
      positional.push(a);
      continue;
    }
    if (!allowed.includes(m[1])) throw new UsageError(`unknown argument "${a}"\n${usage}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined || v === "" || v.startsWith("--")) throw new UsageError(`--${m[1]} needs a value\n${usage}`);
    flags.set(m[1], v);
  }
  return { flags, positional };
}

/** YYYYMMDD-HHmmss in local time, for file and directory names. */
export function timestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A path as the user would type it: relative to cwd when inside it. */
function shown(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

/** The first of base, base-2, base-3, … (before the extension) that does not exist. */
function freePath(base: string, ext = ""): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/** The environment and data directory both commands work on; refuses a server database. */
function embeddedDataDir(args: Args, options: CliOptions, command: "db:backup" | "db:restore"): string {
  const e = options.env ?? processEnv();
  if (e.DATABASE_URL) {
    const tool = command === "db:backup" ? 'pg_dump -Fc "$DATABASE_URL" > huming.dump' : 'pg_restore --clean -d "$DATABASE_URL" huming.dump';
    throw new UsageError(`DATABASE_URL is set: npm run ${command} works on the embedded database only. For a PostgreSQL server use pg_dump and pg_restore (e.g. ${tool}).`);
  }
  const dir = args.flags.get("data-dir") ?? e.DATA_DIR;
  if (dir.startsWith("memory://")) throw new UsageError(`DATA_DIR is ${dir}: an in-memory database has nothing on disk to ${command === "db:backup" ? "back up" : "restore into"}.`);
  return path.resolve(options.cwd ?? process.cwd(), dir);
}

async function lockForMaintenance(dir: string, doing: string, again: string): Promise<DataDirLock> {
  try {
    return await acquireDataDirLock(dir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError) || !error.owner) throw error;
    const o = error.owner;
    const who = `process ${o.pid}${o.command ? ` (${o.command})` : ""}${o.hostname !== hostname() ? ` on ${o.hostname}` : ""}`;
    throw new DatabaseError(`Cannot ${doing} while the embedded database in ${dir} is in use by ${who}: stop the server first, then run ${again} again.`);
  }
}

async function backup(argv: string[], io: CliIo, options: CliOptions): Promise<number> {
  const args = parseArgs(argv, ["out", "data-dir"], BACKUP_USAGE);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"\n${BACKUP_USAGE}`);
  const cwd = options.cwd ?? process.cwd();
  const dir = embeddedDataDir(args, options, "db:backup");
  const outArg = args.flags.get("out");
  const out = outArg ? path.resolve(cwd, outArg) : freePath(path.join(cwd, "backups", `huming-${timestamp((options.now ?? (() => new Date()))())}`), ".tar.gz");
  if (outArg && existsSync(out)) throw new UsageError(`${outArg} already exists; choose another --out file (a backup is never overwritten).`);

  const lock = await lockForMaintenance(dir, "back up", "npm run db:backup");
  let bytes: Buffer;
  try {
    const pglite = await openDataDir(dir, { create: false });
    try {
      // The dump copies the files; a checkpoint first puts every committed change into them.
      await pglite.exec("CHECKPOINT");
      bytes = Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
    } finally {
      await pglite.close().catch(() => undefined);
    }
  } finally {
    lock.release();
  }
  mkdirSync(path.dirname(out), { recursive: true });
  // Written beside and renamed, so an interrupted backup never looks like a complete one.
  const partial = `${out}.partial-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  io.out(`Backed up the embedded database in ${shown(dir, cwd)} to ${shown(out, cwd)} (${formatSize(bytes.length)}).\n`);
  io.out(`Restore it with: npm run db:restore -- ${shown(out, cwd)}\n`);
  return 0;
}

interface TarEntry {
  name: string;
  size: number;
  type: string;
}

function tarField(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length).toString("latin1");
  const end = raw.indexOf("\0");
  return end === -1 ? raw : raw.slice(0, end);
}

/** The entries of a tar archive, or undefined when the bytes are not one (header checksums). */
function listTar(tar: Buffer): TarEntry[] | undefined {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return entries.length > 0 ? entries : undefined;
    const stored = Number.parseInt(tarField(header, 148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
    if (stored !== sum) return undefined;
    const size = Number.parseInt(tarField(header, 124, 12).trim() || "0", 8);
    const prefix = tarField(header, 345, 155);
    const name = (prefix ? `${prefix}/` : "") + tarField(header, 0, 100);
    entries.push({ name: name.replace(/^\.?\/+/, "").replace(/\/+$/, ""), size, type: String.fromCharCode(header[156] || 48) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries.length > 0 ? entries : undefined;
}

/** Reads a backup file into an uncompressed tar of a PGlite data directory, or explains why not. */
function readBackup(file: string, shownFile: string): Buffer {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${shownFile} is a directory, not a backup file.`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${shownFile}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : "cannot read the file"}.`);
  }
  const notBackup = `${shownFile} is not a backup of the embedded database (expected a .tar.gz written by npm run db:backup).`;
  let tar = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      tar = gunzipSync(bytes);
    } catch {
      throw new UsageError(`${shownFile} is damaged: it starts like a .tar.gz but cannot be decompressed (truncated or corrupted?).`);
    }
  }
  const entries = listTar(tar);
  if (!entries) throw new UsageError(notBackup);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const missing = [
    byName.get("PG_VERSION")?.type === "0" ? undefined : "PG_VERSION",
    byName.get("global/pg_control")?.size === 8192 ? undefined : "global/pg_control",
    byName.get("base")?.type === "5" || entries.some((e) => e.name.startsWith("base/")) ? undefined : "base/",
  ].filter(Boolean);
  if (missing.length > 0) throw new UsageError(`${notBackup} It is a tar archive, but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing or wrong.`);
  return tar;
}

/** Loads the dump into a new directory and proves it opens and migrates there. */
async function stageRestore(staging: string, tar: Buffer, shownFile: string): Promise<void> {
  const blob = new Blob([new Uint8Array(tar)], { type: "application/x-tar" });
  const pglite = await createPglite(
    staging,
    { loadDataDir: blob },
    (error) => new DatabaseError(`${shownFile} could not be opened as a database: ${describeFailure(error)}. The current data was not touched.`),
  );
  await pglite.close();
  try {
    const db = await openDatabase({ dataDir: staging, migrate: "apply" });
    await db.close();
  } catch (error) {
    throw new DatabaseError(`${shownFile} opens, but bringing it up to date failed: ${(error as Error).message} The current data was not touched.`);
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Moves the current directory (if it holds anything) to `aside`, then staging into its place. */
function swapInto(dir: string, staging: string, aside: string): string | undefined {
  const keep = existsSync(dir) && !isEmptyDir(dir);
  try {
    if (keep) renameSync(dir, aside);
    else if (existsSync(dir)) rmSync(dir, { recursive: true });
  } catch (error) {
    throw new DatabaseError(`Cannot move ${dir} out of the way (${codeOf(error)}); nothing was changed. If it is a mount point, restore into a directory inside it and point DATA_DIR there.`);
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    if (keep) renameSync(aside, dir);
    throw new DatabaseError(`Cannot move the restored database into ${dir} (${codeOf(error)}); the current data was put back.`);
  }
  return keep ? aside : undefined;
}

function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}

async function restore(argv: string[], io: CliIo, options: CliOptions): Promise<number> {
  const args = parseArgs(argv, ["data-dir"], RESTORE_USAGE);
  if (args.positional.length !== 1) throw new UsageError(`${args.positional.length === 0 ? "name the backup file to restore" : "name one backup file"}\n${RESTORE_USAGE}`);
  const cwd = options.cwd ?? process.cwd();
  const dir = embeddedDataDir(args, options, "db:restore");
  const file = path.resolve(cwd, args.positional[0]);
  const tar = readBackup(file, args.positional[0]);

  const lock = await lockForMaintenance(dir, "restore", "npm run db:restore");
  const staging = `${dir}.restore-${randomBytes(4).toString("hex")}`;
  try {
    // Staged beside the data directory (same filesystem, so the swap below is two renames) and
    // proven to open and migrate before the current data is moved at all.
    await stageRestore(staging, tar, args.positional[0]);
    const aside = swapInto(dir, staging, freePath(`${dir}.before-restore-${timestamp((options.now ?? (() => new Date()))())}`));
    io.out(`Restored ${shown(file, cwd)} into ${shown(dir, cwd)}.\n`);
    io.out(
      aside
        ? `The previous data was moved to ${shown(aside, cwd)}; it is kept until you delete it.\n`
        : `There was no database in ${shown(dir, cwd)} before; nothing was moved.\n`,
    );
    io.out("Start the app with: npm start\n");
    return 0;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}

async function runCli(name: string, run: () => Promise<number>, io: CliIo): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError || error instanceof EnvError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    if (error instanceof DatabaseError || error instanceof MigrationError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    io.err(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Runs `db:backup` on argv and returns the exit code (0 done, 2 cannot run as asked, 1 failed). */
export function runBackupCli(argv: string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  return runCli("db:backup", () => backup(argv, io, options), io);
}

/** Runs `db:restore` on argv and returns the exit code (0 done, 2 cannot run as asked, 1 failed). */
export function runRestoreCli(argv: string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  return runCli("db:restore", () => restore(argv, io, options), io);
}
