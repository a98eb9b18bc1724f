/**
 * `search.availability`: the nightly refresh of "available soon". Whether a product is available soon depends on
 * the calendar (a harvest window within SOON_DAYS, no stock), so it changes overnight without any write that would
 * enqueue `search.index`. Scheduled for 00:05 Asia/Shanghai (pg-boss cron, where handlers run); it re-indexes the
 * products whose windows are near either edge of that horizon, then does the index's housekeeping (the embedded
 * engine's VACUUM ANALYZE: PGlite has no autovacuum). Idempotent: re-indexing rewrites documents.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import type { JobDefinition } from "./queue.server";
import { SEARCH_INDEX_BATCH, type SearchIndexer } from "./search-index";

export const SEARCH_AVAILABILITY_JOB = "search.availability";

/** 00:05 every day, Beijing time. */
export const SEARCH_AVAILABILITY_CRON = "5 0 * * *";

const DAY_MS = 86_400_000;

/**
 * Products with a harvest window that entered the horizon (starts within `soonDays` ± 2 days) or ended
 * (ended in the last 2 days) around `now`: the only ones whose "available soon" can have flipped since yesterday.
 * Two days of margin cover a missed night.
 */
export async function productsNearAvailabilityEdge(db: PrismaClient, now: Date, soonDays: number): Promise<string[]> {
  const horizon = now.getTime() + soonDays * DAY_MS;
  const rows = await db.harvestWindow.findMany({
    where: {
      OR: [
        { availableFrom: { gte: new Date(horizon - 2 * DAY_MS), lte: new Date(horizon + DAY_MS) } },
        { availableTo: { gte: new Date(now.getTime() - 2 * DAY_MS), lte: new Date(now.getTime() + DAY_MS) } },
      ],
    },
    select: { variant: { select: { productId: true } } },
  });
  return [...new Set(rows.map((r) => r.variant.productId))];
}

/** The job, with the indexer and the horizon behind a loader so tests can pass fakes. */
export function createSearchAvailabilityJob(load: () => Promise<SearchIndexer & { soonDays: number; maintain?: (db: PrismaClient) => Promise<void> }>): JobDefinition<object> {
  return {
    name: SEARCH_AVAILABILITY_JOB,
    cron: SEARCH_AVAILABILITY_CRON,
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 600,
    handler: async (_data, { db }) => {
      const indexer = await load();
      const ids = await productsNearAvailabilityEdge(db.prisma, new Date(), indexer.soonDays);
      for (let i = 0; i < ids.length; i += SEARCH_INDEX_BATCH) await indexer.reindexProducts(db.prisma, ids.slice(i, i + SEARCH_INDEX_BATCH));
      await indexer.maintain?.(db.prisma);
    },
  };
}
