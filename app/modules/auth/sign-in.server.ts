import type { PrismaClient } from "~/generated/prisma/client";
import type { Locale } from "~/generated/prisma/enums";
import { hashPassword, verifyPassword } from "./password.server";
import { decideSignIn, DEFAULT_POLICY, type RateLimitPolicy } from "./rate-limit";

export type SignInResult =
  | { ok: true; userId: string; locale: Locale }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAt: Date };

/** What callers pass when the client address is not known; such attempts are limited per phone only. */
export const UNKNOWN_IP = "unknown";

let dummyHash: Promise<string> | undefined;

/**
 * Checks a phone/password pair with rate limiting and records the attempt. Unknown phones cost one
 * argon2 verification like known ones and get the same answer, so responses do not reveal who is registered.
 */
export async function signIn(
  db: PrismaClient,
  input: { phone: string; password: string; ip: string; now?: Date },
  policy: RateLimitPolicy = DEFAULT_POLICY,
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - policy.windowMs);
  const [phoneFailures, ipFailures, lastSuccess] = await Promise.all([
    db.loginAttempt.findMany({
      where: { phone: input.phone, success: false, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: policy.maxFailuresPerPhone,
    }),
    // One shared "unknown" bucket would let 20 typos lock everybody out, so it gets no address limit.
    input.ip === UNKNOWN_IP
      ? Promise.resolve([])
      : db.loginAttempt.findMany({
          where: { ip: input.ip, success: false, createdAt: { gt: since } },
          select: { createdAt: true },
          orderBy: { createdAt: "desc" },
          take: policy.maxFailuresPerIp,
        }),
    db.loginAttempt.findFirst({
      where: { phone: input.phone, success: true, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const decision = decideSignIn(
    {
      now,
      phoneFailures: phoneFailures.map((a) => a.createdAt),
      ipFailures: ipFailures.map((a) => a.createdAt),
      lastPhoneSuccess: lastSuccess?.createdAt,
    },
    policy,
  );
  // A blocked try is not recorded: it was never checked, and recording it would extend the block forever.
  if (!decision.allowed) return { ok: false, reason: "rate_limited", retryAt: decision.retryAt };

  const user = await db.user.findUnique({ where: { phone: input.phone }, select: { id: true, passwordHash: true, active: true, locale: true } });
  let ok: boolean;
  if (user) {
    ok = (await verifyPassword(user.passwordHash, input.password)) && user.active;
  } else {
    dummyHash ??= hashPassword("huming-direct-timing-equaliser");
    await verifyPassword(await dummyHash, input.password);
    ok = false;
  }
  await db.loginAttempt.create({ data: { phone: input.phone, ip: input.ip, success: ok, createdAt: now }, select: { id: true } });
  // Attempts older than the window never count again; dropping this phone's keeps the table small (indexed by phone).
  if (ok) await db.loginAttempt.deleteMany({ where: { phone: input.phone, createdAt: { lt: since } } });
  return ok && user ? { ok: true, userId: user.id, locale: user.locale } : { ok: false, reason: "invalid" };
}
