/** Session lifetimes (ADR 0003): pure rules, no database. */
export interface SessionPolicy {
  /** From sign-in; never extended, so a stolen cookie stops working after this at the latest. */
  absoluteMs: number;
  /** Without use; a session left on a shared computer ends on its own. */
  idleMs: number;
  /** Minimum gap between two last_seen_at updates, so an active user costs one write per interval, not per request. */
  renewAfterMs: number;
}

export const SESSION_POLICY: SessionPolicy = {
  absoluteMs: 30 * 24 * 60 * 60 * 1000,
  idleMs: 7 * 24 * 60 * 60 * 1000,
  renewAfterMs: 5 * 60 * 1000,
};

export type SessionState = "expired" | "renew" | "fresh";

/**
 * What a request at `now` means for a session: expired (absolute end reached, or idle for idleMs or more),
 * renew (live, and last_seen_at is renewAfterMs or more old), or fresh.
 */
export function sessionState(session: { lastSeenAt: Date; expiresAt: Date }, now: Date, policy: SessionPolicy = SESSION_POLICY): SessionState {
  const t = now.getTime();
  if (t >= session.expiresAt.getTime()) return "expired";
  if (t >= idleExpiresAt(session, policy).getTime()) return "expired";
  return t - session.lastSeenAt.getTime() >= policy.renewAfterMs ? "renew" : "fresh";
}

/** The moment a session ends unless used again: the earlier of the idle and the absolute end. */
export function idleExpiresAt(session: { lastSeenAt: Date; expiresAt: Date }, policy: SessionPolicy = SESSION_POLICY): Date {
  return new Date(Math.min(session.lastSeenAt.getTime() + policy.idleMs, session.expiresAt.getTime()));
}

/** The absolute end of a session started at `createdAt`. */
export function absoluteExpiresAt(createdAt: Date, policy: SessionPolicy = SESSION_POLICY): Date {
  return new Date(createdAt.getTime() + policy.absoluteMs);
}

/** Bounds for deleting dead sessions: absolute end at or before `now`, or last seen at or before `idleBefore`. */
export function expiredBounds(now: Date, policy: SessionPolicy = SESSION_POLICY): { expiredBy: Date; idleBefore: Date } {
  return { expiredBy: now, idleBefore: new Date(now.getTime() - policy.idleMs) };
}
