import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Locale, OrgKind } from "~/generated/prisma/enums";
import { permissionsFor, sortRoles, type Permission, type Role } from "./permissions";

/** Sessions last 30 days from sign-in. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** The signed-in user as loaders see it. */
export interface SessionUser {
  id: string;
  phone: string;
  displayName: string;
  locale: Locale;
  roles: Role[];
  permissions: Permission[];
  memberships: { role: Role; organizationId: string; organizationName: string; organizationKind: OrgKind }[];
}

/** Session ids are the SHA-256 of the token, so a copy of the sessions table cannot be replayed as cookies. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a session for the user; returns the raw token for the cookie. */
export async function createSession(db: PrismaClient, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({ data: { id: hashToken(token), userId, createdAt: now, expiresAt }, select: { id: true } });
  return { token, expiresAt };
}

/** The active user behind a token; expired sessions are deleted and, like disabled users, yield null. */
export async function findSessionUser(db: PrismaClient, token: string, now = new Date()): Promise<SessionUser | null> {
  const id = hashToken(token);
  const session = await db.session.findUnique({
    where: { id },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true,
          phone: true,
          displayName: true,
          locale: true,
          active: true,
          memberships: {
            select: { role: true, organization: { select: { id: true, name: true, kind: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  const u = session.user;
  if (!u.active) return null;
  const roles = sortRoles([...new Set(u.memberships.map((m) => m.role))]);
  return {
    id: u.id,
    phone: u.phone,
    displayName: u.displayName,
    locale: u.locale,
    roles,
    permissions: permissionsFor(roles),
    memberships: u.memberships.map((m) => ({
      role: m.role,
      organizationId: m.organization.id,
      organizationName: m.organization.name,
      organizationKind: m.organization.kind,
    })),
  };
}

/** Ends the session behind a token (no error if it is already gone). */
export async function deleteSession(db: PrismaClient, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}
