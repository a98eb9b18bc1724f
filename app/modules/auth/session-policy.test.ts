import { describe, expect, it } from "vitest";
import { absoluteExpiresAt, expiredBounds, idleExpiresAt, SESSION_POLICY, sessionState } from "./session-policy";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const start = new Date("2026-11-01T00:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const session = (lastSeenMs: number) => ({ lastSeenAt: at(lastSeenMs), expiresAt: absoluteExpiresAt(start) });

describe("SESSION_POLICY", () => {
  it("is 30 days absolute, 7 days idle, renewed at most every 5 minutes", () => {
    expect(SESSION_POLICY).toEqual({ absoluteMs: 30 * DAY, idleMs: 7 * DAY, renewAfterMs: 5 * MIN });
  });
});

describe("sessionState", () => {
  it("is fresh right after sign-in and until renewAfterMs has passed", () => {
    expect(sessionState(session(0), start)).toBe("fresh");
    expect(sessionState(session(0), at(5 * MIN - 1))).toBe("fresh");
  });
  it("asks for renewal once last_seen_at is 5 minutes old", () => {
    expect(sessionState(session(0), at(5 * MIN))).toBe("renew");
    expect(sessionState(session(0), at(7 * DAY - 1))).toBe("renew");
  });
  it("expires after 7 idle days, counted from the last renewal", () => {
    expect(sessionState(session(0), at(7 * DAY))).toBe("expired");
    expect(sessionState(session(6 * DAY), at(7 * DAY))).toBe("renew");
    expect(sessionState(session(6 * DAY), at(13 * DAY - 1))).toBe("renew");
    expect(sessionState(session(6 * DAY), at(13 * DAY))).toBe("expired");
  });
  it("expires at the absolute end however recently it was used", () => {
    expect(sessionState(session(30 * DAY - MIN), at(30 * DAY - 1))).toBe("fresh");
    expect(sessionState(session(30 * DAY - MIN), at(30 * DAY))).toBe("expired");
    expect(sessionState(session(30 * DAY - MIN), at(31 * DAY))).toBe("expired");
  });
  it("honours a custom policy", () => {
    const policy = { absoluteMs: 60 * MIN, idleMs: 10 * MIN, renewAfterMs: MIN };
    const s = { lastSeenAt: start, expiresAt: absoluteExpiresAt(start, policy) };
    expect(sessionState(s, at(MIN - 1), policy)).toBe("fresh");
    expect(sessionState(s, at(MIN), policy)).toBe("renew");
    expect(sessionState(s, at(10 * MIN), policy)).toBe("expired");
  });
});

describe("idleExpiresAt and absoluteExpiresAt", () => {
  it("end at the earlier of idle and absolute", () => {
    expect(absoluteExpiresAt(start)).toEqual(at(30 * DAY));
    expect(idleExpiresAt(session(0))).toEqual(at(7 * DAY));
    expect(idleExpiresAt(session(28 * DAY))).toEqual(at(30 * DAY));
  });
});

describe("expiredBounds", () => {
  it("selects sessions past their absolute end or last seen 7 days ago or earlier", () => {
    expect(expiredBounds(at(10 * DAY))).toEqual({ expiredBy: at(10 * DAY), idleBefore: at(3 * DAY) });
  });
});
