/**
 * The active search engine (SEARCH_ENGINE: embedded by default, or Meilisearch), the entry points the
 * freshness job and search:reindex use, and the full rebuild.
 */

import { env } from "~/utils/env.server";
import type { SearchDb, SearchEngine } from "./engine";
import type { PrismaClient } from "~/generated/prisma/client";
import { embeddedEngine, maintainEmbeddedIndex } from "./embedded.server";
import { createMeiliEngine, type MeiliEngine } from "./meili.server";

export type { SearchDb, SearchEngine, SearchQuery, SearchResult, SearchHit, FacetCounts, SearchSort } from "./engine";
export { parseSort, SEARCH_SORTS } from "./engine";

export const ENGINE_NAMES = ["embedded", "meili"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** The engine cannot be used as configured (e.g. Meilisearch without MEILI_URL); the message says what to set. */
export class SearchConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchConfigError";
  }
}

let meili: MeiliEngine | undefined;

/** The Meilisearch engine of MEILI_URL / MEILI_KEY / MEILI_INDEX (one per process). */
export function meiliEngine(): MeiliEngine {
  const e = env();
  if (!e.MEILI_URL) throw new SearchConfigError("The Meilisearch engine needs MEILI_URL (e.g. http://127.0.0.1:7700), and MEILI_KEY if the server has a master key.");
  meili ??= createMeiliEngine({ url: e.MEILI_URL, key: e.MEILI_KEY, index: e.MEILI_INDEX });
  return meili;
}

/** An engine by name (search:query / search:reindex --engine). */
export function engineByName(name: EngineName): SearchEngine {
  return name === "meili" ? meiliEngine() : embeddedEngine;
}

/** The configured engine (SEARCH_ENGINE). */
export function searchEngine(): SearchEngine {
  return engineByName(env().SEARCH_ENGINE);
}

/** True for the embedded engine, whose index lives in the app's own database (and can change inside its transactions). */
export function isInDatabaseEngine(engine: SearchEngine): boolean {
  return engine.name === embeddedEngine.name;
}

/**
 * Prepares the configured engine before the first request: Meilisearch gets its index and settings
 * (also applied lazily on first use); the embedded engine needs nothing.
 */
export async function prepareSearchEngine(engine = searchEngine()): Promise<void> {
  if (engine.name === "meili") await (engine as MeiliEngine).ensureSettings();
}

/** Re-reads the given products and refreshes (or drops) their documents. */
export function reindexProducts(db: SearchDb, productIds: readonly string[], engine = searchEngine()): Promise<void> {
  return engine.index(db, productIds);
}

/** Product ids that have a document in the engine's index. */
export async function indexedProductIds(db: SearchDb, engine: SearchEngine): Promise<string[]> {
  if (engine.name === "meili") return (engine as MeiliEngine).indexedIds();
  // The embedded engine's documents are a table of this database (see embedded.server.ts).
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT product_id::text AS id FROM search_documents`);
  return rows.map((r) => r.id);
}

export interface RebuildOptions {
  engine?: SearchEngine;
  /** Products per batch (default 200). */
  batchSize?: number;
  /** Called after every batch with the products done so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface RebuildSummary {
  engine: string;
  /** Listed products whose documents were written. */
  indexed: number;
  /** Documents dropped: of products unlisted since, or deleted. */
  removed: number;
}

/** Products buyers may see; the same rule as loadSearchDocuments (documents.server.ts). */
const LISTED = { status: "active", seller: { verificationStatus: "verified", suspendedAt: null } } as const;

/**
 * Rebuilds the engine's index from the live rows in batches: every product is re-read (listed ones
 * written, the others dropped), then documents of products that no longer exist are removed.
 */
export async function rebuildIndex(db: SearchDb, options: RebuildOptions = {}): Promise<RebuildSummary> {
  const engine = options.engine ?? searchEngine();
  const batchSize = options.batchSize ?? 200;
  await prepareSearchEngine(engine);
  const before = new Set(await indexedProductIds(db, engine));
  const ids = (await db.product.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
  const listed = new Set<string>();
  options.onProgress?.(0, ids.length);
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize);
    await engine.index(db, batch);
    for (const p of await db.product.findMany({ where: { id: { in: batch }, ...LISTED }, select: { id: true } })) listed.add(p.id);
    options.onProgress?.(Math.min(i + batchSize, ids.length), ids.length);
  }
  const existing = new Set(ids);
  const orphans = [...before].filter((id) => !existing.has(id));
  if (orphans.length) await engine.remove(db, orphans);
  const removed = [...before].filter((id) => !listed.has(id)).length;
  return { engine: engine.name, indexed: listed.size, removed };
}

/** Housekeeping of the engine's index where it lives in the database (embeddedEngine's maintainEmbeddedIndex); none for Meilisearch. */
export async function maintainSearchIndex(db: PrismaClient, engine = searchEngine()): Promise<void> {
  if (isInDatabaseEngine(engine)) await maintainEmbeddedIndex(db);
}

/** Rebuilds every product's document; returns how many listed products were indexed. */
export async function reindexAll(db: SearchDb, engine = searchEngine()): Promise<number> {
  return (await rebuildIndex(db, { engine })).indexed;
}
