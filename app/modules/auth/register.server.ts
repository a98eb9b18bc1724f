import type { PrismaClient } from "~/generated/prisma/client";
import type { Locale } from "~/generated/prisma/enums";
import { maybePruneAuthTables } from "./cleanup.server";
import { hashPassword } from "./password.server";
import { decideRegistration, REGISTRATION_POLICY, UNKNOWN_IP, type RegistrationPolicy } from "./rate-limit";
import { roleForKind, type RegisterInput } from "./schemas";

export type RegisterResult = { ok: true; userId: string } | { ok: false; field: "phone"; error: "register.phoneTaken" };

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  return e?.code === "P2002" || e?.cause?.code === "23505" || /Unique constraint/i.test(e?.message ?? "");
}

/**
 * Creates an organization with its first user and membership in one statement (all or nothing).
 * A duplicate phone, whether seen up front or lost in a race with another registration, is a field error.
 */
export async function registerOrganization(db: PrismaClient, input: RegisterInput, locale: Locale = "zh"): Promise<RegisterResult> {
  const taken = await db.user.findUnique({ where: { phone: input.phone }, select: { id: true } });
  if (taken) return { ok: false, field: "phone", error: "register.phoneTaken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: {
        phone: input.phone,
        displayName: input.displayName,
        passwordHash,
        locale,
        memberships: {
          create: {
            role: roleForKind(input.kind),
            organization: {
              create: {
                kind: input.kind,
                name: input.orgName,
                county: input.county,
                address: input.address,
                // Sellers wait for an admin to check their licences; buyers need no review.
                verificationStatus: roleForKind(input.kind) === "seller" ? "pending" : "verified",
              },
            },
          },
        },
      },
      select: { id: true },
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "phone", error: "register.phoneTaken" };
    throw error;
  }
}

/**
 * Applies the per-address registration limit (ADR 0003) and, when allowed, records the attempt; the check and
 * the insert share one transaction under a per-address lock, so concurrent registrations cannot overrun it.
 * Every admitted attempt counts, taken phone or not, which also slows probing for registered numbers.
 * The shared "unknown" address is not limited (see the sign-in address limit).
 */
export async function admitRegistration(
  db: PrismaClient,
  input: { ip: string; now?: Date },
  policy: RegistrationPolicy = REGISTRATION_POLICY,
): Promise<{ allowed: true } | { allowed: false; retryAt: Date }> {
  const now = input.now ?? new Date();
  if (input.ip === UNKNOWN_IP) return { allowed: true };
  const decision = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`register:ip:${input.ip}`}, 0))`;
    const recent = await tx.registrationAttempt.findMany({
      where: { ip: input.ip, createdAt: { gt: new Date(now.getTime() - policy.windowMs) } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: policy.maxPerIp,
    });
    const d = decideRegistration({ now, ipAttempts: recent.map((r) => r.createdAt) }, policy);
    if (d.allowed) await tx.registrationAttempt.create({ data: { ip: input.ip, createdAt: now }, select: { id: true } });
    return d;
  });
  await maybePruneAuthTables(db, now);
  return decision;
}
