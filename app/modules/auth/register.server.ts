import type { PrismaClient } from "~/generated/prisma/client";
import type { Locale } from "~/generated/prisma/enums";
import { hashPassword } from "./password.server";
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
            organization: { create: { kind: input.kind, name: input.orgName, county: input.county, address: input.address } },
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
