/**
 * `search.index`: brings the search index up to date for some products. Enqueued in the same
 * transaction as a product, price, stock or lot change (see queue.server.ts `enqueue(…, { tx })`).
 * Idempotent: it re-reads the products and rewrites their index entries (or removes them), so a
 * retry or a duplicate job does no harm. Short by design: one batch of ids per job.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import type { JobDefinition } from "./queue.server";

export const SEARCH_INDEX_JOB = "search.index";

/** Most product ids in one job; larger changes are split into several jobs. */
export const SEARCH_INDEX_BATCH = 200;

export interface SearchIndexPayload {
  productIds: string[];
}

/** The part of the search module (app/modules/search) this job needs. */
export interface SearchIndexer {
  reindexProducts(db: PrismaClient, productIds: readonly string[]): Promise<unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates a payload: a non-empty list of product uuids (deduplicated). */
export function parseSearchIndexPayload(data: unknown): SearchIndexPayload {
  const ids = (data as { productIds?: unknown } | null)?.productIds;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string" && UUID.test(id))) {
    throw new Error("search.index needs { productIds: [uuid, …] }");
  }
  return { productIds: [...new Set(ids as string[])] };
}

/** Splits ids into payloads of at most SEARCH_INDEX_BATCH ids (for enqueueing big changes). */
export function searchIndexPayloads(productIds: string[]): SearchIndexPayload[] {
  const unique = [...new Set(productIds)];
  const out: SearchIndexPayload[] = [];
  for (let i = 0; i < unique.length; i += SEARCH_INDEX_BATCH) out.push({ productIds: unique.slice(i, i + SEARCH_INDEX_BATCH) });
  return out;
}

/** The job, with the indexer behind a loader so tests can pass a fake. */
export function createSearchIndexJob(loadIndexer: () => Promise<SearchIndexer>): JobDefinition<SearchIndexPayload> {
  return {
    name: SEARCH_INDEX_JOB,
    parse: parseSearchIndexPayload,
    // Backoff from 5 s doubling (jittered): ten retries ride out a Meilisearch outage of an hour or two before the
    // job is left failed (search:reindex repairs the index after a longer one).
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 120,
    handler: async ({ productIds }, { db }) => {
      const indexer = await loadIndexer();
      await indexer.reindexProducts(db.prisma, productIds);
    },
  };
}
