/**
 * Throttling rules for sign-in and registration (ADR 0003). Pure functions over the times of recent
 * attempts; the *.server.ts callers read those times under a lock and record the attempt atomically.
 */

/** What callers pass when the client address is not known; such attempts get no per-address limit. */
export const UNKNOWN_IP = "unknown";

/** Sign-in limits: failures within a sliding window, per (phone, address) pair, per phone and per address. */
export interface SignInPolicy {
  windowMs: number;
  /** One address guessing one phone: tight, and cleared by a successful sign-in of that pair. */
  maxPairFailures: number;
  /** One phone from all addresses together: looser, so one stranger cannot lock the owner out. */
  maxPhoneFailures: number;
  /** One address across all phones (not applied to UNKNOWN_IP, which many clients may share). */
  maxIpFailures: number;
}

export const SIGN_IN_POLICY: SignInPolicy = {
  windowMs: 15 * 60 * 1000,
  maxPairFailures: 5,
  maxPhoneFailures: 20,
  maxIpFailures: 30,
};

/** Registration limit: registrations per client address within a sliding window. */
export interface RegistrationPolicy {
  windowMs: number;
  maxPerIp: number;
}

export const REGISTRATION_POLICY: RegistrationPolicy = {
  windowMs: 60 * 60 * 1000,
  maxPerIp: 5,
};

/** How long attempt rows are kept: far longer than any window, short enough to keep the tables small. */
export const ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

export type SignInScope = "pair" | "phone" | "ip";
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAt: Date; scope: SignInScope };

/**
 * When `max` or more of `times` lie in the window (after `after`), the moment enough of them have left the
 * window for one more try; otherwise undefined. A time exactly `windowMs` old has left. Times later than
 * `now` count too: a concurrent request that read its clock a moment later may have been recorded first.
 */
export function windowRetryAt(times: readonly Date[], now: Date, windowMs: number, max: number, after = -Infinity): Date | undefined {
  const from = Math.max(now.getTime() - windowMs, after);
  const recent = times
    .map((d) => d.getTime())
    .filter((t) => t > from)
    .sort((a, b) => b - a);
  if (recent.length < max) return undefined;
  // Once the max-th newest leaves the window, fewer than max remain.
  return new Date(recent[max - 1] + windowMs);
}

/**
 * Decides whether another sign-in may be checked. Inputs are the times of recent failures (any order);
 * `ipFailures` is null for an unknown address. Pair failures before the pair's last success do not count;
 * phone and address failures always do (a success of one account must not reset an address's count).
 * When several limits apply, retryAt is the latest, since all must clear.
 */
export function decideSignIn(
  input: {
    now: Date;
    pairFailures: readonly Date[];
    phoneFailures: readonly Date[];
    ipFailures: readonly Date[] | null;
    lastPairSuccess?: Date | null;
  },
  policy: SignInPolicy = SIGN_IN_POLICY,
): RateLimitDecision {
  const { now } = input;
  const { windowMs } = policy;
  const limits: [SignInScope, Date | undefined][] = [
    ["pair", windowRetryAt(input.pairFailures, now, windowMs, policy.maxPairFailures, input.lastPairSuccess?.getTime())],
    ["phone", windowRetryAt(input.phoneFailures, now, windowMs, policy.maxPhoneFailures)],
    ["ip", input.ipFailures ? windowRetryAt(input.ipFailures, now, windowMs, policy.maxIpFailures) : undefined],
  ];
  let worst: { scope: SignInScope; retryAt: Date } | undefined;
  for (const [scope, retryAt] of limits) {
    if (retryAt && (!worst || retryAt.getTime() > worst.retryAt.getTime())) worst = { scope, retryAt };
  }
  return worst ? { allowed: false, ...worst } : { allowed: true };
}

/** Decides whether an address may register again, from the times of its recent registrations. */
export function decideRegistration(
  input: { now: Date; ipAttempts: readonly Date[] },
  policy: RegistrationPolicy = REGISTRATION_POLICY,
): { allowed: true } | { allowed: false; retryAt: Date } {
  const retryAt = windowRetryAt(input.ipAttempts, input.now, policy.windowMs, policy.maxPerIp);
  return retryAt ? { allowed: false, retryAt } : { allowed: true };
}

/** Whole seconds until retryAt for a Retry-After header: rounded up, at least 1. */
export function retryAfterSeconds(retryAt: Date, now: Date = new Date()): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}
