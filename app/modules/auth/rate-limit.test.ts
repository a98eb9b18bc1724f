import { describe, expect, it } from "vitest";
import { decideSignIn, DEFAULT_POLICY } from "./rate-limit";

const now = new Date("2026-11-29T08:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("decideSignIn", () => {
  it("allows with fewer than 5 recent failures for the phone", () => {
    const phoneFailures = [1, 2, 3, 4].map(minutesAgo);
    expect(decideSignIn({ now, phoneFailures, ipFailures: phoneFailures })).toEqual({ allowed: true });
  });

  it("blocks after 5 failures for a phone within 15 minutes until the 5th newest leaves the window", () => {
    const phoneFailures = [1, 2, 3, 4, 10].map(minutesAgo);
    const d = decideSignIn({ now, phoneFailures, ipFailures: [] });
    expect(d).toEqual({ allowed: false, scope: "phone", retryAt: new Date(minutesAgo(10).getTime() + DEFAULT_POLICY.windowMs) });
  });

  it("ignores failures older than the window", () => {
    const phoneFailures = [1, 2, 3, 4, 16, 20].map(minutesAgo);
    expect(decideSignIn({ now, phoneFailures, ipFailures: [] }).allowed).toBe(true);
  });

  it("forgets a phone's failures once it signed in successfully", () => {
    const phoneFailures = [6, 7, 8, 9, 10].map(minutesAgo);
    expect(decideSignIn({ now, phoneFailures, ipFailures: [], lastPhoneSuccess: minutesAgo(5) }).allowed).toBe(true);
    expect(decideSignIn({ now, phoneFailures, ipFailures: [], lastPhoneSuccess: minutesAgo(11) }).allowed).toBe(false);
  });

  it("blocks an address after 20 failures across phones, even if a phone has none", () => {
    const ipFailures = Array.from({ length: 20 }, (_, i) => minutesAgo(i * 0.5 + 0.5));
    const d = decideSignIn({ now, phoneFailures: [], ipFailures });
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.scope).toBe("ip");
      expect(d.retryAt).toEqual(new Date(minutesAgo(10).getTime() + DEFAULT_POLICY.windowMs));
    }
    expect(decideSignIn({ now, phoneFailures: [], ipFailures: ipFailures.slice(1) }).allowed).toBe(true);
  });

  it("reports the later retry time when both limits apply", () => {
    const phoneFailures = [1, 1, 1, 1, 1].map(minutesAgo);
    const ipFailures = Array.from({ length: 20 }, () => minutesAgo(14));
    const d = decideSignIn({ now, phoneFailures, ipFailures });
    expect(d.allowed === false && d.scope).toBe("phone");
  });

  it("accepts failures in any order and honours a custom policy", () => {
    const phoneFailures = [3, 1, 2].map(minutesAgo);
    const d = decideSignIn({ now, phoneFailures, ipFailures: [] }, { windowMs: 5 * 60_000, maxFailuresPerPhone: 3, maxFailuresPerIp: 100 });
    expect(d).toEqual({ allowed: false, scope: "phone", retryAt: new Date(minutesAgo(3).getTime() + 5 * 60_000) });
  });
});
