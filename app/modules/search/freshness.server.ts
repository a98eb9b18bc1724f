/**
 * Search index freshness: every product, price, stock, lot or seller change calls one of these inside
 * its own transaction, so the index can never be left silently stale.
 *
 * - The embedded engine's index is a table of the same database: its documents are rewritten in the
 *   same transaction (it commits or rolls back with the change). Stock movements are the exception while
 *   a queue runs: they are frequent (every order), and the job is enough for the in-stock flag.
 * - When the job queue runs in this process (npm start, npm run worker), a search.index job is enqueued on
 *   the same transaction too, delivered with retries (ADR 0006). That is the only way to reach an external
 *   engine (Meilisearch), so changing data with Meilisearch active but no queue started is a configuration
 *   error and throws (rolling the change back).
 * - Without a queue (route tests, npm run dev) the embedded engine's rewrite in the transaction covers it.
 */
import { isQueueStarted } from "~/jobs/queue.server";
import { enqueueSearchIndex } from "~/jobs/search-index.server";
import { isInDatabaseEngine, searchEngine, type SearchDb, type SearchEngine } from "./index.server";

/** Data changed while an external engine was active and no queue could carry the change to it. */
export class SearchFreshnessError extends Error {
  constructor(engine: string) {
    super(
      `The search engine "${engine}" is updated through the job queue, which is not started in this process: ` +
        "start it (npm start and npm run worker do), or use SEARCH_ENGINE=embedded.",
    );
    this.name = "SearchFreshnessError";
  }
}

export interface ChangeOptions {
  /** A stock movement: enqueue only when a queue runs (see the module comment). */
  stock?: boolean;
}

/** What searchChanged depends on (tests pass their own). */
export interface FreshnessDeps {
  engine: SearchEngine;
  queueStarted: boolean;
  enqueue: (tx: SearchDb, productIds: readonly string[]) => Promise<void>;
}

function defaultDeps(): FreshnessDeps {
  return { engine: searchEngine(), queueStarted: isQueueStarted(), enqueue: enqueueSearchIndex };
}

/** Brings the given products' search documents up to date with the change made in `tx` (call it inside that transaction). */
export async function searchChanged(tx: SearchDb, productIds: readonly string[], options: ChangeOptions = {}, deps: FreshnessDeps = defaultDeps()): Promise<void> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const inDatabase = isInDatabaseEngine(deps.engine);
  if (!inDatabase && !deps.queueStarted) throw new SearchFreshnessError(deps.engine.name);
  if (inDatabase && !(options.stock && deps.queueStarted)) await deps.engine.index(tx, ids);
  if (deps.queueStarted) await deps.enqueue(tx, ids);
}

/**
 * A seller's verification, suspension or name changed: all its products' documents. Only active products
 * can have one (every status change refreshes its product), so the others are left alone.
 */
export async function sellerSearchChanged(tx: SearchDb, sellerId: string, deps?: FreshnessDeps): Promise<void> {
  const products = await tx.product.findMany({ where: { sellerId, status: "active" }, select: { id: true } });
  await searchChanged(
    tx,
    products.map((p) => p.id),
    {},
    deps,
  );
}

/** Packs whose availability crossed zero (in or out of stock): their products' in-stock flag. */
export async function stockChanged(tx: SearchDb, variantIds: readonly string[], deps?: FreshnessDeps): Promise<void> {
  if (variantIds.length === 0) return;
  const variants = await tx.variant.findMany({ where: { id: { in: [...variantIds] } }, select: { productId: true } });
  await searchChanged(
    tx,
    variants.map((v) => v.productId),
    { stock: true },
    deps,
  );
}

/** Lots of these packs were created or changed (certificates are facets): their products. */
export async function lotsChanged(tx: SearchDb, variantIds: readonly string[], deps?: FreshnessDeps): Promise<void> {
  if (variantIds.length === 0) return;
  const variants = await tx.variant.findMany({ where: { id: { in: [...variantIds] } }, select: { productId: true } });
  await searchChanged(
    tx,
    variants.map((v) => v.productId),
    {},
    deps,
  );
}
