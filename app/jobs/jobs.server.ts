/** The registry of the app's jobs: every job the queue knows, with its handler and retry policy. */
import type { JobDefinition } from "./queue.server";
import { createOrderNotifyJob } from "./notify-order.server";
import { createPlanSolveJob } from "./plan-solve.server";
import { createSearchAvailabilityJob } from "./search-availability";
import { createSearchIndexJob } from "./search-index";
import { createTrunkAssignJob } from "./trunk-assign.server";

export const APP_JOBS: JobDefinition<any>[] = [
  // Loaded on first use: the search module pulls in the segmenter (a native module).
  createSearchIndexJob(() => import("~/modules/search/index.server")),
  createOrderNotifyJob(),
  createPlanSolveJob(),
  // Nightly: "available soon" follows the calendar.
  createSearchAvailabilityJob(async () => {
    const [search, documents] = await Promise.all([import("~/modules/search/index.server"), import("~/modules/search/documents.server")]);
    return { reindexProducts: search.reindexProducts, soonDays: documents.SOON_DAYS, maintain: (db) => search.maintainSearchIndex(db) };
  }),
  // Every 10 minutes: confirmed seller orders onto their Sanming trunk runs.
  createTrunkAssignJob(),
];
