import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Locale, OrgKind } from "~/generated/prisma/enums";
import { permissionsFor, sortRoles, type Permission, type Role } from "./permissions";
import { absoluteExpiresAt, expiredBounds, SESSION_POLICY, sessionState, type SessionPolicy } from "./session-policy";

export { SESSION_POLICY };

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

/**
 * Starts a session for the user and returns the raw token for the cookie; expiresAt is the absolute end.
 * The user's own dead sessions are deleted on the way (cheap: indexed by user).
 */
export async function createSession(
  db: PrismaClient,
  userId: string,
  now = new Date(),
  policy: SessionPolicy = SESSION_POLICY,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = absoluteExpiresAt(now, policy);
  const { expiredBy, idleBefore } = expiredBounds(now, policy);
  await db.session.deleteMany({ where: { userId, OR: [{ expiresAt: { lte: expiredBy } }, { lastSeenAt: { lte: idleBefore } }] } });
  await db.session.create({ data: { id: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt }, select: { id: true } });
  return { token, expiresAt };
}

/**
 * The active user behind a token. Sessions past their absolute end or idle too long are deleted and, like
 * disabled users, yield null; a live one has last_seen_at bumped when it is renewAfterMs old (renewal).
 */
export async function findSessionUser(db: PrismaClient, token: string, now = new Date(), policy: SessionPolicy = SESSION_POLICY): Promise<SessionUser | null> {
  const id = hashToken(token);
  const session = await db.session.findUnique({
    where: { id },
    select: {
      lastSeenAt: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          phone: true,
          displayName: true,
          locale: true,
          active: true,
          memberships: {
            // A suspended organization's memberships grant no roles (its members keep their accounts).
            where: { organization: { suspendedAt: null } },
            select: { role: true, organization: { select: { id: true, name: true, kind: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!session) return null;
  const state = sessionState(session, now, policy);
  if (state === "expired") {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  const u = session.user;
  if (!u.active) return null;
  if (state === "renew") {
    // Conditional, so parallel requests of one page (root and route loaders, prefetches) write once.
    await db.session.updateMany({
      where: { id, lastSeenAt: { lte: new Date(now.getTime() - policy.renewAfterMs) } },
      data: { lastSeenAt: now },
    });
  }
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

/** Remembers a user's language on the account (a new browser signing in adopts it). */
export async function saveUserLocale(db: PrismaClient, userId: string, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale }, select: { id: true } });
}

/** Ends the session behind a token (no error if it is already gone). */
export async function deleteSession(db: PrismaClient, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

/** Ends every session of the user ("sign out everywhere"); returns how many there were. */
export async function deleteUserSessions(db: PrismaClient, userId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}
