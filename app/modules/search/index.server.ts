/** The active search engine and the freshness entry points (queue jobs call reindexProducts). */

import type { SearchDb, SearchEngine } from "./engine";
import { embeddedEngine } from "./embedded.server";

export type { SearchDb, SearchEngine, SearchQuery, SearchResult, SearchHit, FacetCounts, SearchSort } from "./engine";
export { parseSort, SEARCH_SORTS } from "./engine";

export const ENGINES: Record<string, SearchEngine> = { embedded: embeddedEngine };

/** The configured engine (only the embedded one exists so far). */
export function searchEngine(name = process.env.SEARCH_ENGINE ?? "embedded"): SearchEngine {
  return ENGINES[name] ?? embeddedEngine;
}

/** Re-reads the given products and refreshes (or drops) their documents. */
export function reindexProducts(db: SearchDb, productIds: readonly string[], engine = searchEngine()): Promise<void> {
  return engine.index(db, productIds);
}

/** Rebuilds every product's document; returns how many products were indexed. */
export async function reindexAll(db: SearchDb, engine = searchEngine()): Promise<number> {
  const ids = (await db.product.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
  await engine.index(db, ids);
  return ids.length;
}
