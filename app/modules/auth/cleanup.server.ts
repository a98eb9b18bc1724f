import type { PrismaClient } from "~/generated/prisma/client";
import { logger } from "~/utils/logger.server";
import { ATTEMPT_RETENTION_MS } from "./rate-limit";
import { expiredBounds } from "./session-policy";

/** How often, at most, one process sweeps the auth tables; requests in between pay one comparison. */
export const PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/** Deletes attempt rows past retention and dead sessions; returns how many rows of each went. */
export async function pruneAuthTables(db: PrismaClient, now: Date = new Date()): Promise<{ loginAttempts: number; registrationAttempts: number; sessions: number }> {
  const before = new Date(now.getTime() - ATTEMPT_RETENTION_MS);
  const { expiredBy, idleBefore } = expiredBounds(now);
  // Separate statements, not one transaction: each is independent, and on PGlite a transaction would hold the only connection.
  const loginAttempts = await db.loginAttempt.deleteMany({ where: { createdAt: { lt: before } } });
  const registrationAttempts = await db.registrationAttempt.deleteMany({ where: { createdAt: { lt: before } } });
  const sessions = await db.session.deleteMany({ where: { OR: [{ expiresAt: { lte: expiredBy } }, { lastSeenAt: { lte: idleBefore } }] } });
  return { loginAttempts: loginAttempts.count, registrationAttempts: registrationAttempts.count, sessions: sessions.count };
}

let nextPruneAt = 0;

/**
 * Runs pruneAuthTables when this process has not done so for PRUNE_INTERVAL_MS (by `now`); called from
 * sign-in, registration and session lookups so cleanup needs no timer. A failure is logged, never thrown:
 * housekeeping must not fail the request that happened to trigger it.
 */
export async function maybePruneAuthTables(db: PrismaClient, now: Date = new Date()): Promise<void> {
  if (now.getTime() < nextPruneAt) return;
  nextPruneAt = now.getTime() + PRUNE_INTERVAL_MS;
  try {
    const removed = await pruneAuthTables(db, now);
    if (removed.loginAttempts + removed.registrationAttempts + removed.sessions > 0) logger.debug(removed, "pruned auth tables");
  } catch (error) {
    logger.warn({ err: error }, "pruning auth tables failed");
  }
}
