/** The registry of the app's jobs: every job the queue knows, with its handler and retry policy. */
import type { JobDefinition } from "./queue.server";
import { createSearchIndexJob } from "./search-index";

export const APP_JOBS: JobDefinition<any>[] = [
  // Loaded on first use: the search module pulls in the segmenter (a native module).
  createSearchIndexJob(() => import("~/modules/search/index.server")),
];
