/** Sign-in throttling rules: failures per phone number and per client address within a sliding window. */
export interface RateLimitPolicy {
  windowMs: number;
  maxFailuresPerPhone: number;
  maxFailuresPerIp: number;
}

export const DEFAULT_POLICY: RateLimitPolicy = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerPhone: 5,
  maxFailuresPerIp: 20,
};

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAt: Date; scope: "phone" | "ip" };

/**
 * Decides whether another sign-in may be tried. Inputs are the times of recent failures (any order);
 * phone failures before the phone's last successful sign-in do not count. When blocked, retryAt is the
 * moment enough failures have left the window for one more try.
 */
export function decideSignIn(
  input: { now: Date; phoneFailures: readonly Date[]; ipFailures: readonly Date[]; lastPhoneSuccess?: Date | null },
  policy: RateLimitPolicy = DEFAULT_POLICY,
): RateLimitDecision {
  const since = input.now.getTime() - policy.windowMs;
  const phoneSince = Math.max(since, input.lastPhoneSuccess?.getTime() ?? -Infinity);
  const check = (failures: readonly Date[], after: number, max: number): Date | undefined => {
    const recent = failures
      .map((d) => d.getTime())
      .filter((t) => t > after && t <= input.now.getTime())
      .sort((a, b) => b - a);
    if (recent.length < max) return undefined;
    // The max-th most recent failure must leave the window before fewer than max remain.
    return new Date(recent[max - 1] + policy.windowMs);
  };
  const phoneRetry = check(input.phoneFailures, phoneSince, policy.maxFailuresPerPhone);
  const ipRetry = check(input.ipFailures, since, policy.maxFailuresPerIp);
  if (!phoneRetry && !ipRetry) return { allowed: true };
  if (phoneRetry && (!ipRetry || phoneRetry >= ipRetry)) return { allowed: false, retryAt: phoneRetry, scope: "phone" };
  return { allowed: false, retryAt: ipRetry as Date, scope: "ip" };
}
