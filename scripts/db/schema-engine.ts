import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { openDatabase, type Database } from "../../app/utils/db.server";
import { applyMigrations } from "../../app/utils/migrate.server";

/**
 * Prisma's schema engine compiled to WebAssembly, driven through driver adapters over in-memory
 * PGlite databases. The CLI's native engine cannot be downloaded here; this computes the SQL
 * between migration history and schema.prisma with no server at all.
 */

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
};
type EngineModule = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (options: unknown, log: (m: string) => void, adapter: unknown) => Promise<Engine> };
};

let loaded: Promise<EngineModule> | undefined;

async function loadEngineModule(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const glue = (await import(path.join(dir, "schema_engine_bg.js"))) as EngineModule;
  const { instance } = await WebAssembly.instantiate(readFileSync(path.join(dir, "schema_engine_bg.wasm")), {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Runs the engine's diff from `from` to schema.prisma; "" when there is nothing to change. */
async function diffToSchema(factory: unknown, schema: string, from: unknown): Promise<string> {
  const glue = await (loaded ??= loadEngineModule());
  const engine = await glue.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => undefined, factory);
  const result = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: null,
    filters: NO_FILTERS,
  });
  const sql = (result.stdout ?? "").trim();
  return sql === "-- This is an empty migration." ? "" : sql;
}

/**
 * SQL that takes a database built from the migration history in `migrationsDir` to `schema`; "" when none is needed.
 * The history is replayed by our own applier into an in-memory PGlite (the engine's own replay splits statements at
 * every semicolon and so cannot run a dollar-quoted trigger body), then the live result is diffed against the schema.
 */
export async function diffMigrationsToSchema(schema: string, migrationsDir: string): Promise<string> {
  const db = await openDatabase({ dataDir: "memory://", migrate: "none" });
  try {
    await applyMigrations(db.pool, migrationsDir);
    return await diffDatabaseToSchema(db.pool, schema);
  } finally {
    await db.close();
  }
}

const CHAR_OID = 18;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

type IoResult = { fields: { dataTypeID: number }[]; rows: unknown[][] };
type Queryable = {
  queryRaw(query: unknown): Promise<{ columnTypes: number[] }>;
  performIO(query: unknown): Promise<IoResult>;
  startTransaction?(isolation?: unknown): Promise<Queryable>;
  pgOptions?: unknown;
};

/**
 * The engine introspects pg_catalog, whose internal "char" columns (pg_constraint.contype …)
 * adapter-pg refuses to deserialise. Report them as Character, which the engine expects.
 */
function withCatalogChars<T>(adapter: T): T {
  const q = adapter as unknown as Queryable;
  const queryRaw = q.queryRaw;
  q.queryRaw = async (query: unknown) => {
    const io = await q.performIO(query);
    const charColumns = io.fields.flatMap((f, i) => (f.dataTypeID === CHAR_OID ? [i] : []));
    for (const i of charColumns) io.fields[i].dataTypeID = 25; // text: same wire format
    const result = await queryRaw.call({ ...q, performIO: async () => io, pgOptions: q.pgOptions } as Queryable, query);
    for (const i of charColumns) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  const start = q.startTransaction?.bind(q);
  if (start) q.startTransaction = async (isolation?: unknown) => withCatalogChars(await start(isolation));
  return adapter;
}

/**
 * SQL that would take the live database behind `pool` to `schema`; "" when they agree.
 * The engine introspects the database through the adapter (the "schemaDatasource" target is answered by it).
 */
export async function diffDatabaseToSchema(pool: pg.Pool, schema: string): Promise<string> {
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: new PrismaPg(pool).adapterName,
    connect: async () => withCatalogChars(await new PrismaPg(pool).connect()),
    connectToShadowDb: async () => {
      throw new Error("no shadow database is needed to compare a live database with a schema");
    },
  });
  return diffToSchema(factory, schema, { tag: "schemaDatasource", files: [{ path: "schema.prisma", content: schema }], configDir: process.cwd() });
}
