/**
 * What is on disk in an embedded PGlite data directory, and opening it without ever destroying it.
 *
 * PGlite runs initdb whenever PG_VERSION is missing and writes a fresh cluster over whatever is
 * there, so a directory that lost one file would silently become an empty database (and then be
 * demo-seeded by `npm start`). Damaged files otherwise end in a raw WASM abort. So before PGlite
 * sees a directory we classify it: only a missing or empty directory may be initialised; one that
 * looks like a complete cluster is opened; anything else is refused with a message saying how to
 * recover, and nothing in it is touched.
 *
 * A first initdb that dies half-way must not pass for a good directory next time: we write the
 * marker file INIT_MARKER before PGlite writes anything and delete it only after the new database
 * answered its first query. A directory that still has the marker is refused like a damaged one.
 * (A marker rather than "initdb into a temporary directory, then rename" because the data directory
 * may be a mount point, e.g. a Docker volume, which cannot be renamed into place.)
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { DatabaseError } from "./database-error.server";

/** Extensions loaded on every PGlite open; a migration that needs another one must add it here. */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** The marker present while a first-time initdb has not finished. */
export const INIT_MARKER = ".huming-initdb-incomplete";

/** PostgreSQL's control file is always exactly one 8 kB block. */
const PG_CONTROL_SIZE = 8192;

export type DataDirState = { kind: "fresh" } | { kind: "existing" } | { kind: "damaged"; problems: string[]; interruptedInit?: boolean };

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** Classifies a data directory: fresh (missing or empty), an existing cluster, or damaged. */
export function inspectDataDir(dataDir: string): DataDirState {
  const dir = path.resolve(dataDir);
  const top = statOrUndefined(dir);
  if (!top) return { kind: "fresh" };
  if (!top.isDirectory()) return { kind: "damaged", problems: ["it is a file, not a directory"] };
  const entries = readdirSync(dir);
  if (entries.length === 0) return { kind: "fresh" };
  if (entries.includes(INIT_MARKER)) {
    return { kind: "damaged", interruptedInit: true, problems: ["its first-time setup (initdb) was interrupted"] };
  }

  const version = statOrUndefined(path.join(dir, "PG_VERSION"));
  const control = statOrUndefined(path.join(dir, "global", "pg_control"));
  const base = statOrUndefined(path.join(dir, "base"));
  const wal = statOrUndefined(path.join(dir, "pg_wal"));
  if (!version && !control && !base) {
    return { kind: "damaged", problems: [`it does not look like a PostgreSQL data directory (no PG_VERSION, global/pg_control or base/; it holds ${entries.length} other entr${entries.length === 1 ? "y" : "ies"})`] };
  }
  const problems: string[] = [];
  if (!version?.isFile()) problems.push("PG_VERSION is missing");
  if (!control?.isFile()) problems.push("global/pg_control is missing");
  else if (control.size !== PG_CONTROL_SIZE) problems.push(`global/pg_control is ${control.size} bytes (it must be ${PG_CONTROL_SIZE})`);
  if (!base?.isDirectory()) problems.push("base/ is missing");
  if (!wal?.isDirectory()) problems.push("pg_wal/ is missing");
  return problems.length > 0 ? { kind: "damaged", problems } : { kind: "existing" };
}

function recoveryAdvice(dir: string): string {
  return `To recover: restore a backup with \`npm run db:restore -- <file>\`, or move the directory away (e.g. \`mv ${dir} ${dir}.damaged\`) to start with a fresh demo database.`;
}

/** The message for a directory that inspectDataDir judged damaged. */
export function damagedDataDirMessage(dataDir: string, state: Extract<DataDirState, { kind: "damaged" }>): string {
  const dir = path.resolve(dataDir);
  if (state.interruptedInit) {
    return `The embedded database in ${dir} is incomplete: its first-time setup was interrupted, so it holds no data yet. It was left as it is. Delete or move the directory away and start again, or restore a backup with \`npm run db:restore -- <file>\`.`;
  }
  return `The embedded database in ${dir} is damaged or incomplete: ${state.problems.join("; ")}. It was left untouched (it is never re-initialised: that would erase its data). Check that DATA_DIR names the right directory. ${recoveryAdvice(dir)}`;
}

function isWasmAbort(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || /Aborted\(/.test(String((error as Error | undefined)?.message ?? error));
}

/** What went wrong inside PGlite, in words: never the bare "Aborted(). Build with -sASSERTIONS". */
export function describeFailure(error: unknown): string {
  if (isWasmAbort(error)) return "PostgreSQL stopped while reading its files (the embedded engine aborted)";
  return `PostgreSQL could not start on it (${String((error as Error | undefined)?.message ?? error)})`;
}

/** Turns whatever PGlite threw while opening an existing directory into a message a person can act on. */
export function explainOpenFailure(dataDir: string, error: unknown): DatabaseError {
  const dir = path.resolve(dataDir);
  return new DatabaseError(`The embedded database in ${dir} could not be opened: ${describeFailure(error)}. Its files look damaged; they were left as they are. ${recoveryAdvice(dir)}`);
}

/** PGlite.create plus a first query; throws PGlite's own error (closing a half-open instance). */
async function createRaw(dir: string, options: Omit<PGliteOptions, "extensions" | "dataDir">): Promise<PGlite> {
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(dir, { ...options, extensions: PGLITE_EXTENSIONS });
    await pglite.query("SELECT 1");
    return pglite;
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    throw error;
  }
}

/**
 * PGlite.create plus a first query, with any failure (WASM aborts included) as a DatabaseError:
 * explainOpenFailure's unless the caller words it.
 */
export async function createPglite(
  dir: string,
  options: Omit<PGliteOptions, "extensions" | "dataDir"> = {},
  explain: (error: unknown) => DatabaseError = (error) => explainOpenFailure(dir, error),
): Promise<PGlite> {
  // PostgreSQL writes postmaster.pid as it starts and leaves it behind when it aborts: remove ours
  // so that a refused directory is left exactly as it was.
  const pidFile = path.join(dir, "postmaster.pid");
  const hadPidFile = existsSync(pidFile);
  try {
    return await createRaw(dir, options);
  } catch (error) {
    if (!hadPidFile) rmSync(pidFile, { force: true });
    throw explain(error);
  }
}

export interface OpenDataDirOptions {
  /** Create a new database in a missing or empty directory (default true). */
  create?: boolean;
  /** Called just before a first-time initdb, which takes a few seconds. */
  onCreate?: () => void;
}

/**
 * Opens the PGlite database in a directory the caller has locked: initialises a fresh one, opens
 * an existing one, and refuses a damaged one without touching it.
 */
export async function openDataDir(dataDir: string, options: OpenDataDirOptions = {}): Promise<PGlite> {
  const dir = path.resolve(dataDir);
  const state = inspectDataDir(dir);
  if (state.kind === "damaged") throw new DatabaseError(damagedDataDirMessage(dir, state));
  if (state.kind === "existing") return createPglite(dir);
  if (options.create === false) throw new DatabaseError(`There is no embedded database in ${dir} yet (the directory is missing or empty).`);

  options.onCreate?.();
  mkdirSync(dir, { recursive: true });
  const marker = path.join(dir, INIT_MARKER);
  writeFileSync(marker, "PGlite's first-time setup (initdb) of this directory has not finished. If no process is running it, delete this directory and start again.\n");
  const pglite = await createPglite(
    dir,
    {},
    (error) => new DatabaseError(`Creating the embedded database in ${dir} failed: ${describeFailure(error)}. The half-made directory is marked incomplete and will not be used; delete it and try again.`),
  );
  // Only now is the cluster complete on disk (PGlite writes through to the files).
  if (existsSync(marker)) unlinkSync(marker);
  return pglite;
}
