/**
 * Organization API keys (issue 9, item 8): created in the buyer's settings and shown once, stored only
 * as a SHA-256 hash, scoped, revocable. A key belongs to a buyer organization and acts on its behalf;
 * the orders it places are recorded as placed by the member who created it.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import type { OrgKind } from "~/generated/prisma/enums";
import { apiKeyPrefix, generateApiKey, hashApiKey, isApiScope, isWellFormedApiKey, type ApiScope } from "./key-format";

/** Organization kinds that buy; only they hold API keys. */
export const BUYER_KINDS: readonly OrgKind[] = ["wholesale_market", "canteen", "community_group"];

/** last_used_at is written at most this often per key, so a busy integration does not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

import { API_SCOPES, MAX_LIVE_KEYS } from "./scopes";

export { MAX_LIVE_KEYS };

/** A key as the settings page lists it: never the key itself. */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Who is calling with a valid key. */
export interface ApiCaller {
  keyId: string;
  organizationId: string;
  organizationName: string;
  scopes: ApiScope[];
  /** The member recorded as placing the key's orders: its creator while still an active buyer member, else the organization's first one. */
  actingUserId: string;
}

const onlyScopes = (scopes: readonly string[]): ApiScope[] => scopes.filter(isApiScope);

/** The buyer organization of a signed-in user's memberships (the first one), or undefined. */
export function buyerOrganizationIdOf(memberships: readonly { role: string; organizationId: string; organizationKind?: string }[]): string | undefined {
  return memberships.find((m) => m.role === "buyer")?.organizationId;
}

/** Creates a key for the organization; the returned `key` is the only time its full text exists outside the caller. */
export async function createApiKey(
  db: PrismaClient,
  input: { organizationId: string; createdById: string; name: string; scopes: readonly ApiScope[]; now?: Date },
): Promise<{ ok: true; id: string; key: string; prefix: string } | { ok: false; code: "too_many_keys" }> {
  const live = await db.apiKey.count({ where: { organizationId: input.organizationId, revokedAt: null } });
  if (live >= MAX_LIVE_KEYS) return { ok: false, code: "too_many_keys" };
  const key = generateApiKey();
  const prefix = apiKeyPrefix(key);
  // Scopes are stored in catalogue order without duplicates, so lists read the same however they were ticked.
  const scopes = API_SCOPES.filter((s) => input.scopes.includes(s));
  const row = await db.apiKey.create({
    data: { organizationId: input.organizationId, name: input.name, prefix, hash: hashApiKey(key), scopes, createdById: input.createdById, createdAt: input.now ?? new Date() },
    select: { id: true },
  });
  return { ok: true, id: row.id, key, prefix };
}

/** The organization's keys, live ones first, newest first within each group. */
export async function listApiKeys(db: PrismaClient, organizationId: string): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({
    where: { organizationId },
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, createdById: true, lastUsedAt: true, revokedAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const creators = creatorIds.length
    ? await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, displayName: true } })
    : [];
  const names = new Map(creators.map((u) => [u.id, u.displayName]));
  const summaries = rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: onlyScopes(r.scopes),
    createdAt: r.createdAt,
    createdByName: r.createdById ? (names.get(r.createdById) ?? null) : null,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
  return [...summaries.filter((k) => !k.revokedAt), ...summaries.filter((k) => k.revokedAt)];
}

/**
 * Revokes one of the organization's keys (from then on it answers 401). Another organization's key is
 * not_found, exactly like an unknown id: the answer never tells that a key id exists elsewhere, and
 * nothing is revoked. Revoking twice is a no-op.
 */
export async function revokeApiKey(db: PrismaClient, organizationId: string, keyId: string, now = new Date()): Promise<{ ok: true } | { ok: false; code: "not_found" }> {
  // Looked up within the organization only, so another organization's key is simply not there.
  const key = await db.apiKey.findFirst({ where: { id: keyId, organizationId }, select: { id: true, revokedAt: true } });
  if (!key) return { ok: false, code: "not_found" };
  if (!key.revokedAt) await db.apiKey.updateMany({ where: { id: key.id, organizationId, revokedAt: null }, data: { revokedAt: now } });
  return { ok: true };
}

/**
 * The caller behind a presented key, or null when the key is malformed, unknown, revoked, belongs to an
 * organization that is not a buyer or is suspended, or has no active buyer member to act as. Reads only:
 * last_used_at is written by authorizeApiCall, for calls the key may make.
 */
export async function findApiCaller(db: PrismaClient, presented: string): Promise<ApiCaller | null> {
  return (await lookUpKey(db, presented))?.caller ?? null;
}

/** Why authorizeApiCall refused: no valid key (401), or a valid key without the scope (403). */
export type ApiCallRefusal = "unauthorized" | "insufficient_scope";

/**
 * Authorizes one API call needing `scope`: the caller when the key is valid (as findApiCaller) and holds
 * the scope. Only such an allowed call bumps last_used_at, when it is older than LAST_USED_RESOLUTION_MS
 * (a conditional update: parallel calls write once); a refused call (unknown, revoked or out-of-scope key)
 * writes nothing.
 */
export async function authorizeApiCall(
  db: PrismaClient,
  presented: string,
  scope: ApiScope,
  now = new Date(),
): Promise<{ ok: true; caller: ApiCaller } | { ok: false; code: ApiCallRefusal }> {
  const found = await lookUpKey(db, presented);
  if (!found) return { ok: false, code: "unauthorized" };
  const { caller, lastUsedAt } = found;
  if (!caller.scopes.includes(scope)) return { ok: false, code: "insufficient_scope" };
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiKey.updateMany({
      where: { id: caller.keyId, revokedAt: null, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { ok: true, caller };
}

/** The valid key behind a presented one, with when it was last used; null as findApiCaller says. */
async function lookUpKey(db: PrismaClient, presented: string): Promise<{ caller: ApiCaller; lastUsedAt: Date | null } | null> {
  // The shape is checked first: junk never reaches the database, and the hash lookup is on a unique index.
  if (!isWellFormedApiKey(presented)) return null;
  const key = await db.apiKey.findUnique({
    where: { hash: hashApiKey(presented) },
    select: {
      id: true,
      scopes: true,
      createdById: true,
      lastUsedAt: true,
      revokedAt: true,
      organization: {
        select: {
          id: true,
          name: true,
          kind: true,
          suspendedAt: true,
          memberships: {
            where: { role: "buyer", user: { active: true } },
            select: { userId: true },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!key || key.revokedAt) return null;
  const org = key.organization;
  if (org.suspendedAt || !BUYER_KINDS.includes(org.kind)) return null;
  const members = org.memberships.map((m) => m.userId);
  const actingUserId = key.createdById && members.includes(key.createdById) ? key.createdById : members[0];
  if (!actingUserId) return null;
  return { caller: { keyId: key.id, organizationId: org.id, organizationName: org.name, scopes: onlyScopes(key.scopes), actingUserId }, lastUsedAt: key.lastUsedAt };
}
