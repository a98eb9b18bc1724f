import type { PrismaClient } from "~/generated/prisma/client";
import type { Locale } from "~/generated/prisma/enums";
import { maybePruneAuthTables } from "./cleanup.server";
import { hashPassword, verifyPassword } from "./password.server";
import { decideSignIn, SIGN_IN_POLICY, UNKNOWN_IP, type SignInPolicy, type SignInScope } from "./rate-limit";

export { UNKNOWN_IP };

export type SignInResult =
  | { ok: true; userId: string; locale: Locale }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAt: Date; scope: SignInScope };

let dummyHash: Promise<string> | undefined;

type Admission = { allowed: true; attemptId: bigint } | { allowed: false; retryAt: Date; scope: SignInScope };

/**
 * In one short transaction: lock the phone (and the address), read the recent failures, and when the policy
 * allows, record this attempt as a failure. Concurrent tries for one phone therefore queue on the lock and
 * each sees the ones before it, so no more than the limit ever reach the password check.
 */
async function admit(db: PrismaClient, phone: string, ip: string, now: Date, policy: SignInPolicy): Promise<Admission> {
  const since = new Date(now.getTime() - policy.windowMs);
  // No upper bound: an attempt recorded by a concurrent request whose clock read was later still counts.
  const window = { gt: since };
  return db.$transaction(async (tx) => {
    // Phone lock first, then address lock, in every transaction: a fixed order cannot deadlock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signin:phone:${phone}`}, 0))`;
    if (ip !== UNKNOWN_IP) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signin:ip:${ip}`}, 0))`;
    // Sequential on purpose: an interactive transaction has one connection.
    const lastPairSuccess = await tx.loginAttempt.findFirst({
      where: { phone, ip, success: true, createdAt: window },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
    });
    const pairFailures = await tx.loginAttempt.findMany({
      where: { phone, ip, success: false, createdAt: { gt: lastPairSuccess?.createdAt ?? since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: policy.maxPairFailures,
    });
    const phoneFailures = await tx.loginAttempt.findMany({
      where: { phone, success: false, createdAt: window },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: policy.maxPhoneFailures,
    });
    // One shared "unknown" bucket would let a few typos anywhere lock everybody out, so it has no address limit.
    const ipFailures =
      ip === UNKNOWN_IP
        ? null
        : await tx.loginAttempt.findMany({
            where: { ip, success: false, createdAt: window },
            select: { createdAt: true },
            orderBy: { createdAt: "desc" },
            take: policy.maxIpFailures,
          });
    const decision = decideSignIn(
      {
        now,
        lastPairSuccess: lastPairSuccess?.createdAt,
        pairFailures: pairFailures.map((a) => a.createdAt),
        phoneFailures: phoneFailures.map((a) => a.createdAt),
        ipFailures: ipFailures?.map((a) => a.createdAt) ?? null,
      },
      policy,
    );
    // A blocked try is not recorded: it was never checked, and recording it would extend the block forever.
    if (!decision.allowed) return decision;
    // Provisionally a failure: it counts against the limits while the password is being checked.
    const attempt = await tx.loginAttempt.create({ data: { phone, ip, success: false, createdAt: now }, select: { id: true } });
    return { allowed: true, attemptId: attempt.id };
  });
}

/**
 * Checks a phone/password pair under the sign-in limits (ADR 0003) and records the attempt. The attempt is
 * admitted and recorded atomically; argon2 runs after the commit, outside any transaction (it takes tens of
 * milliseconds and PGlite has a single connection). Unknown phones cost one argon2 verification like known
 * ones and get the same answer, so responses do not reveal who is registered.
 */
export async function signIn(
  db: PrismaClient,
  input: { phone: string; password: string; ip: string; now?: Date },
  policy: SignInPolicy = SIGN_IN_POLICY,
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const admission = await admit(db, input.phone, input.ip, now, policy);
  if (!admission.allowed) return { ok: false, reason: "rate_limited", retryAt: admission.retryAt, scope: admission.scope };

  const user = await db.user.findUnique({ where: { phone: input.phone }, select: { id: true, passwordHash: true, active: true, locale: true } });
  let ok: boolean;
  if (user) {
    ok = (await verifyPassword(user.passwordHash, input.password)) && user.active;
  } else {
    dummyHash ??= hashPassword("huming-direct-timing-equaliser");
    await verifyPassword(await dummyHash, input.password);
    ok = false;
  }
  // The success clears this pair's count (the policy counts pair failures after its last success only).
  if (ok) await db.loginAttempt.update({ where: { id: admission.attemptId }, data: { success: true }, select: { id: true } });
  await maybePruneAuthTables(db, now);
  return ok && user ? { ok: true, userId: user.id, locale: user.locale } : { ok: false, reason: "invalid" };
}
