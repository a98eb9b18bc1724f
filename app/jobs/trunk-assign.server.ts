/**
 * `trunk.assign`: the automatic trunk assignment without an operator, every 10 minutes (pg-boss cron, in processes
 * that run handlers). Confirmed seller orders reach their run within 10 minutes of confirmation, and a run's
 * cut-off is judged at the confirmation time (assignment.ts), so the last minutes before a cut-off are not lost.
 * Idempotent: loads already placed are kept, the runs' row locks keep it from racing an operator's 自动分配.
 */
import type { JobDefinition } from "./queue.server";
import { logger } from "~/utils/logger.server";

export const TRUNK_ASSIGN_JOB = "trunk.assign";

/** Every 10 minutes. */
export const TRUNK_ASSIGN_CRON = "*/10 * * * *";

/** The job; the trunk module is loaded on first use so the queue's start does not pull it in. */
export function createTrunkAssignJob(
  load: () => Promise<
    Pick<typeof import("~/modules/trunk/trunk.server"), "autoAssign">
  > = () => import("~/modules/trunk/trunk.server")
): JobDefinition<object> {
  return {
    name: TRUNK_ASSIGN_JOB,
    cron: TRUNK_ASSIGN_CRON,
    retryLimit: 1,
    retryDelay: 60,
    retryBackoff: false,
    // The next tick comes in 10 minutes anyway.
    expireInSeconds: 300,
    handler: async (_data, { db }) => {
      const { autoAssign } = await load();
      const result = await autoAssign(
        db.prisma,
        { all: true },
        null,
        new Date()
      );
      if (
        result.assigned.length > 0 ||
        result.unassigned.length > 0 ||
        result.released > 0
      ) {
        logger.info(
          {
            job: TRUNK_ASSIGN_JOB,
            assigned: result.assigned.length,
            unassigned: result.unassigned.length,
            released: result.released,
          },
          "trunk loads assigned"
        );
      }
    },
  };
}
