import { describe, expect, it } from "vitest";
import { decideRegistration, decideSignIn, REGISTRATION_POLICY, retryAfterSeconds, SIGN_IN_POLICY, windowRetryAt, type SignInPolicy } from "./rate-limit";

const now = new Date("2026-11-29T08:00:00Z");
const WINDOW = SIGN_IN_POLICY.windowMs;
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const times = (n: number, minutes: (i: number) => number = () => 1) => Array.from({ length: n }, (_, i) => minutesAgo(minutes(i)));
const none = { pairFailures: [], phoneFailures: [], ipFailures: [] } as const;

describe("the default sign-in policy", () => {
  it("is 5 per pair, 20 per phone and 30 per address in 15 minutes", () => {
    expect(SIGN_IN_POLICY).toEqual({ windowMs: 15 * 60_000, maxPairFailures: 5, maxPhoneFailures: 20, maxIpFailures: 30 });
  });
  it("keeps the pair limit tighter than the phone limit, so one address alone cannot lock a phone", () => {
    expect(SIGN_IN_POLICY.maxPairFailures).toBeLessThan(SIGN_IN_POLICY.maxPhoneFailures);
  });
});

describe("windowRetryAt", () => {
  it("is undefined below the limit", () => {
    expect(windowRetryAt(times(4), now, WINDOW, 5)).toBeUndefined();
    expect(windowRetryAt([], now, WINDOW, 1)).toBeUndefined();
  });
  it("is when the max-th newest leaves the window", () => {
    expect(windowRetryAt(times(6, (i) => i + 1), now, WINDOW, 5)).toEqual(new Date(minutesAgo(5).getTime() + WINDOW));
  });
  it("does not count a time exactly one window old, but counts one a millisecond younger", () => {
    const edge = new Date(now.getTime() - WINDOW);
    expect(windowRetryAt([...times(4), edge], now, WINDOW, 5)).toBeUndefined();
    const inside = new Date(edge.getTime() + 1);
    expect(windowRetryAt([...times(4), inside], now, WINDOW, 5)).toEqual(new Date(now.getTime() + 1));
  });
  it("counts times after now: a concurrent request that read its clock later may have been recorded first", () => {
    const later = new Date(now.getTime() + 1000);
    expect(windowRetryAt([...times(4), later], now, WINDOW, 5)).toEqual(new Date(times(4)[3].getTime() + WINDOW));
  });
  it("counts only times strictly after `after`", () => {
    const t = times(5, (i) => i + 1);
    expect(windowRetryAt(t, now, WINDOW, 5, minutesAgo(5).getTime())).toBeUndefined();
    expect(windowRetryAt(t, now, WINDOW, 5, minutesAgo(5).getTime() - 1)).toBeDefined();
  });
  it("accepts times in any order", () => {
    expect(windowRetryAt([3, 1, 2].map(minutesAgo), now, WINDOW, 3)).toEqual(new Date(minutesAgo(3).getTime() + WINDOW));
  });
});

describe("decideSignIn", () => {
  it("allows with nothing recent", () => {
    expect(decideSignIn({ now, ...none })).toEqual({ allowed: true });
  });

  describe("the (phone, address) pair", () => {
    it("allows 4 failures and blocks at 5 until the 5th newest leaves the window", () => {
      const pair = [1, 2, 3, 4, 10].map(minutesAgo);
      expect(decideSignIn({ now, ...none, pairFailures: pair.slice(0, 4), phoneFailures: pair.slice(0, 4), ipFailures: pair.slice(0, 4) })).toEqual({ allowed: true });
      expect(decideSignIn({ now, pairFailures: pair, phoneFailures: pair, ipFailures: pair })).toEqual({
        allowed: false,
        scope: "pair",
        retryAt: new Date(minutesAgo(10).getTime() + WINDOW),
      });
    });
    it("is allowed again exactly at retryAt", () => {
      const pair = [1, 2, 3, 4, 10].map(minutesAgo);
      const d = decideSignIn({ now, pairFailures: pair, phoneFailures: pair, ipFailures: pair });
      if (d.allowed) throw new Error("expected a block");
      expect(decideSignIn({ now: d.retryAt, pairFailures: pair, phoneFailures: pair, ipFailures: pair }).allowed).toBe(true);
      expect(decideSignIn({ now: new Date(d.retryAt.getTime() - 1), pairFailures: pair, phoneFailures: pair, ipFailures: pair }).allowed).toBe(false);
    });
    it("forgets the pair's failures before its last success", () => {
      const pair = [6, 7, 8, 9, 10].map(minutesAgo);
      expect(decideSignIn({ now, ...none, pairFailures: pair, lastPairSuccess: minutesAgo(5) }).allowed).toBe(true);
      expect(decideSignIn({ now, ...none, pairFailures: pair, lastPairSuccess: minutesAgo(8) }).allowed).toBe(true);
      expect(decideSignIn({ now, ...none, pairFailures: pair, lastPairSuccess: minutesAgo(11) })).toMatchObject({ allowed: false, scope: "pair" });
    });
    it("does not let a pair's success clear the phone or address counts", () => {
      const many = times(20, (i) => i * 0.5 + 0.5);
      expect(decideSignIn({ now, pairFailures: [], phoneFailures: many, ipFailures: [], lastPairSuccess: minutesAgo(0.1) })).toMatchObject({ allowed: false, scope: "phone" });
      const more = times(30, (i) => i * 0.25 + 0.25);
      expect(decideSignIn({ now, pairFailures: [], phoneFailures: [], ipFailures: more, lastPairSuccess: minutesAgo(0.1) })).toMatchObject({ allowed: false, scope: "ip" });
    });
  });

  describe("the phone across addresses", () => {
    it("allows 19 failures from other addresses and blocks at 20", () => {
      const phone = times(20, (i) => i * 0.5 + 0.5); // 0.5 … 10 minutes ago
      expect(decideSignIn({ now, ...none, phoneFailures: phone.slice(0, 19) })).toEqual({ allowed: true });
      expect(decideSignIn({ now, ...none, phoneFailures: phone })).toEqual({ allowed: false, scope: "phone", retryAt: new Date(minutesAgo(10).getTime() + WINDOW) });
    });
    it("lets an owner in from a fresh address after a stranger's 5 failures (the lock-out the pair limit prevents)", () => {
      const stranger = times(5);
      expect(decideSignIn({ now, pairFailures: [], phoneFailures: stranger, ipFailures: [] })).toEqual({ allowed: true });
      expect(decideSignIn({ now, pairFailures: stranger, phoneFailures: stranger, ipFailures: stranger })).toMatchObject({ allowed: false, scope: "pair" });
    });
  });

  describe("the address across phones", () => {
    it("allows 29 failures and blocks at 30, even for a phone without failures", () => {
      const ip = times(30, (i) => i * 0.25 + 0.25); // 0.25 … 7.5 minutes ago
      expect(decideSignIn({ now, ...none, ipFailures: ip.slice(0, 29) })).toEqual({ allowed: true });
      expect(decideSignIn({ now, ...none, ipFailures: ip })).toEqual({ allowed: false, scope: "ip", retryAt: new Date(minutesAgo(7.5).getTime() + WINDOW) });
    });
    it("is not applied to an unknown address (null)", () => {
      expect(decideSignIn({ now, pairFailures: [], phoneFailures: [], ipFailures: null })).toEqual({ allowed: true });
    });
    it("still applies the pair and phone limits to an unknown address", () => {
      expect(decideSignIn({ now, pairFailures: times(5), phoneFailures: times(5), ipFailures: null })).toMatchObject({ allowed: false, scope: "pair" });
      expect(decideSignIn({ now, pairFailures: [], phoneFailures: times(20), ipFailures: null })).toMatchObject({ allowed: false, scope: "phone" });
    });
  });

  it("reports the latest retryAt and its scope when several limits apply", () => {
    const pair = times(5, () => 14); // leaves in 1 minute
    const phone = [...pair, ...times(15, () => 2)]; // 20th newest is 14 min ago too
    const ip = times(30, () => 1); // leaves in 14 minutes
    expect(decideSignIn({ now, pairFailures: pair, phoneFailures: phone, ipFailures: ip })).toEqual({
      allowed: false,
      scope: "ip",
      retryAt: new Date(minutesAgo(1).getTime() + WINDOW),
    });
    expect(decideSignIn({ now, pairFailures: times(5, () => 3), phoneFailures: times(20, () => 12), ipFailures: [] })).toMatchObject({ scope: "pair" });
  });

  it("ignores failures older than the window in every scope", () => {
    const old = times(40, () => 16);
    expect(decideSignIn({ now, pairFailures: old, phoneFailures: old, ipFailures: old })).toEqual({ allowed: true });
  });

  it("honours a custom policy", () => {
    const policy: SignInPolicy = { windowMs: 5 * 60_000, maxPairFailures: 3, maxPhoneFailures: 4, maxIpFailures: 100 };
    const pair = [3, 1, 2].map(minutesAgo);
    expect(decideSignIn({ now, pairFailures: pair, phoneFailures: pair, ipFailures: pair }, policy)).toEqual({
      allowed: false,
      scope: "pair",
      retryAt: new Date(minutesAgo(3).getTime() + 5 * 60_000),
    });
    expect(decideSignIn({ now, pairFailures: [], phoneFailures: times(4), ipFailures: [] }, policy)).toMatchObject({ scope: "phone" });
  });
});

describe("decideRegistration", () => {
  it("is 5 per address per hour", () => {
    expect(REGISTRATION_POLICY).toEqual({ windowMs: 60 * 60_000, maxPerIp: 5 });
  });
  it("allows 4 recent registrations and blocks the 6th until the 5th newest is an hour old", () => {
    const recent = [1, 10, 20, 30, 50].map(minutesAgo);
    expect(decideRegistration({ now, ipAttempts: recent.slice(0, 4) })).toEqual({ allowed: true });
    expect(decideRegistration({ now, ipAttempts: recent })).toEqual({ allowed: false, retryAt: new Date(minutesAgo(50).getTime() + 60 * 60_000) });
  });
  it("forgets registrations an hour old", () => {
    expect(decideRegistration({ now, ipAttempts: [1, 2, 3, 4, 60].map(minutesAgo) })).toEqual({ allowed: true });
  });
});

describe("retryAfterSeconds", () => {
  it("rounds up to whole seconds", () => {
    expect(retryAfterSeconds(new Date(now.getTime() + 90_001), now)).toBe(91);
    expect(retryAfterSeconds(new Date(now.getTime() + 90_000), now)).toBe(90);
  });
  it("is at least 1, even for a time already past", () => {
    expect(retryAfterSeconds(now, now)).toBe(1);
    expect(retryAfterSeconds(minutesAgo(1), now)).toBe(1);
  });
});
