/**
 * The enqueue half of search index freshness: changes call searchChanged (app/modules/search/freshness.server.ts)
 * inside their transaction, which calls this when the queue runs. The job commits (or rolls back) with the
 * change; the worker then refreshes those products' search documents, with retries.
 */
import { enqueue, type RawSqlClient } from "./queue.server";
import { SEARCH_INDEX_JOB, searchIndexPayloads } from "./search-index";

/** Enqueues search.index jobs (batches of SEARCH_INDEX_BATCH ids) on the caller's transaction `tx`. */
export async function enqueueSearchIndex(tx: RawSqlClient, productIds: readonly string[]): Promise<void> {
  for (const payload of searchIndexPayloads([...productIds])) {
    await enqueue(SEARCH_INDEX_JOB, payload, { tx });
  }
}
