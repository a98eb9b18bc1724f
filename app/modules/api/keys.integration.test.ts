// API keys on PostgreSQL: created (shown once, stored hashed), listed, revoked, and authenticated, and
// the settings page /account/api-keys driven through its route module.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "../../../tests/factories";
import { buildRequest, runRoute, sessionCookieFor, type RouteModule } from "../../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as keysRoute from "~/routes/account.api-keys";
import { hashApiKey } from "./key-format";
import { authorizeApiCall, createApiKey, findApiCaller, LAST_USED_RESOLUTION_MS, listApiKeys, MAX_LIVE_KEYS, revokeApiKey } from "./keys.server";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
const ids = {} as { canteen: string; other: string; seller: string; suspended: string; buyer: string; buyer2: string; otherBuyer: string; sellerUser: string; suspendedUser: string };

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] API keys: database ${t.label}`);
  const db = t.db.prisma;
  ids.canteen = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  ids.other = (await createOrganization(db, { kind: "wholesale_market", name: "江桥批发市场" })).id;
  ids.seller = (await createOrganization(db, { kind: "snack_supplier" })).id;
  ids.suspended = (await createOrganization(db, { kind: "community_group", suspendedAt: new Date("2026-11-01T00:00:00Z") })).id;
  ids.buyer = (await createUser(db, { role: "buyer", organizationId: ids.canteen, displayName: "王采购" })).id;
  ids.buyer2 = (await createUser(db, { role: "buyer", organizationId: ids.canteen })).id;
  ids.otherBuyer = (await createUser(db, { role: "buyer", organizationId: ids.other })).id;
  ids.sellerUser = (await createUser(db, { role: "seller", organizationId: ids.seller })).id;
  ids.suspendedUser = (await createUser(db, { role: "buyer", organizationId: ids.suspended })).id;
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

describe("API keys", () => {
  it("stores only the hash and the prefix, and finds the caller by the key", async () => {
    const db = t.db.prisma;
    const made = await createApiKey(db, { organizationId: ids.canteen, createdById: ids.buyer, name: "采购系统", scopes: ["orders:write", "catalog:read", "orders:write"] });
    if (!made.ok) throw new Error("not created");
    expect(made.key).toMatch(/^hm_[0-9A-Za-z]{32}$/);
    expect(made.prefix).toBe(made.key.slice(0, 11));
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: made.id }, select: { hash: true, prefix: true, scopes: true, lastUsedAt: true } });
    expect(row).toEqual({ hash: hashApiKey(made.key), prefix: made.prefix, scopes: ["catalog:read", "orders:write"], lastUsedAt: null });
    // Nothing in the table is the key itself.
    const dump = JSON.stringify(await db.apiKey.findMany());
    expect(dump).not.toContain(made.key);
    const caller = await findApiCaller(db, made.key);
    expect(caller).toEqual({ keyId: made.id, organizationId: ids.canteen, organizationName: "复旦大学邯郸校区食堂", scopes: ["catalog:read", "orders:write"], actingUserId: ids.buyer });
  });

  it("refuses malformed, unknown and revoked keys, and keys of suspended or selling organizations", async () => {
    const db = t.db.prisma;
    const made = await createApiKey(db, { organizationId: ids.canteen, createdById: ids.buyer, name: "临时", scopes: ["orders:read"] });
    if (!made.ok) throw new Error("not created");
    expect(await findApiCaller(db, "not-a-key")).toBeNull();
    expect(await findApiCaller(db, `${made.key.slice(0, -1)}${made.key.endsWith("a") ? "b" : "a"}`)).toBeNull();
    expect(await findApiCaller(db, made.key.toUpperCase())).toBeNull();
    // Another organization's key is not found, exactly like an unknown id, and stays live.
    expect(await revokeApiKey(db, ids.other, made.id)).toEqual({ ok: false, code: "not_found" });
    expect(await revokeApiKey(db, ids.canteen, crypto.randomUUID())).toEqual({ ok: false, code: "not_found" });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: made.id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
    expect(await findApiCaller(db, made.key)).not.toBeNull();
    expect(await revokeApiKey(db, ids.canteen, made.id)).toEqual({ ok: true });
    expect(await findApiCaller(db, made.key)).toBeNull();
    // Revoking again changes nothing.
    const revokedAt = (await db.apiKey.findUniqueOrThrow({ where: { id: made.id }, select: { revokedAt: true } })).revokedAt;
    expect(await revokeApiKey(db, ids.canteen, made.id, new Date(Date.now() + 1e6))).toEqual({ ok: true });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: made.id }, select: { revokedAt: true } })).revokedAt).toEqual(revokedAt);

    const suspended = await createApiKey(db, { organizationId: ids.suspended, createdById: ids.suspendedUser, name: "x", scopes: ["orders:read"] });
    const seller = await createApiKey(db, { organizationId: ids.seller, createdById: ids.sellerUser, name: "x", scopes: ["orders:read"] });
    if (!suspended.ok || !seller.ok) throw new Error("not created");
    expect(await findApiCaller(db, suspended.key)).toBeNull();
    expect(await findApiCaller(db, seller.key)).toBeNull();
  });

  it("acts as the creator while they are an active buyer member, else as the organization's first buyer", async () => {
    const db = t.db.prisma;
    const made = await createApiKey(db, { organizationId: ids.canteen, createdById: ids.buyer2, name: "二号", scopes: ["orders:read"] });
    if (!made.ok) throw new Error("not created");
    expect((await findApiCaller(db, made.key))?.actingUserId).toBe(ids.buyer2);
    await db.user.update({ where: { id: ids.buyer2 }, data: { active: false } });
    expect((await findApiCaller(db, made.key))?.actingUserId).toBe(ids.buyer);
    await db.user.update({ where: { id: ids.buyer2 }, data: { active: true } });
  });

  it("writes last_used_at at most once a minute", async () => {
    const db = t.db.prisma;
    const made = await createApiKey(db, { organizationId: ids.canteen, createdById: ids.buyer, name: "计时", scopes: ["orders:read"] });
    if (!made.ok) throw new Error("not created");
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: made.id }, select: { lastUsedAt: true } })).lastUsedAt;
    const t0 = new Date("2026-12-02T08:00:00.000Z");
    expect(await authorizeApiCall(db, made.key, "orders:read", t0)).toMatchObject({ ok: true, caller: { keyId: made.id } });
    expect(await lastUsed()).toEqual(t0);
    await authorizeApiCall(db, made.key, "orders:read", new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect(await lastUsed()).toEqual(t0);
    // Parallel calls after the minute write once, with one of their instants.
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
    await Promise.all(Array.from({ length: 5 }, () => authorizeApiCall(db, made.key, "orders:read", later)));
    expect(await lastUsed()).toEqual(later);
  });

  it("writes last_used_at only for calls the key may make: never for one out of its scopes, a revoked or an unknown key", async () => {
    const db = t.db.prisma;
    const made = await createApiKey(db, { organizationId: ids.canteen, createdById: ids.buyer, name: "只读目录", scopes: ["catalog:read"] });
    if (!made.ok) throw new Error("not created");
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: made.id }, select: { lastUsedAt: true } })).lastUsedAt;
    const t0 = new Date("2026-12-03T08:00:00.000Z");
    // Looking a key up is not a use.
    expect(await findApiCaller(db, made.key)).not.toBeNull();
    expect(await lastUsed()).toBeNull();
    expect(await authorizeApiCall(db, made.key, "orders:write", t0)).toEqual({ ok: false, code: "insufficient_scope" });
    expect(await authorizeApiCall(db, made.key, "orders:read", t0)).toEqual({ ok: false, code: "insufficient_scope" });
    expect(await lastUsed()).toBeNull();
    expect(await authorizeApiCall(db, made.key, "catalog:read", t0)).toMatchObject({ ok: true, caller: { keyId: made.id, scopes: ["catalog:read"] } });
    expect(await lastUsed()).toEqual(t0);
    // Out of scope again, a minute later: last used stays at the allowed call.
    expect(await authorizeApiCall(db, made.key, "orders:write", new Date(t0.getTime() + 2 * LAST_USED_RESOLUTION_MS))).toEqual({ ok: false, code: "insufficient_scope" });
    expect(await lastUsed()).toEqual(t0);
    // A revoked key is refused and its row is left as it was; an unknown one touches nothing.
    expect(await revokeApiKey(db, ids.canteen, made.id)).toEqual({ ok: true });
    const before = await db.apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(await authorizeApiCall(db, made.key, "catalog:read", new Date(t0.getTime() + 3 * LAST_USED_RESOLUTION_MS))).toEqual({ ok: false, code: "unauthorized" });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: made.id } })).toEqual(before);
    const rows = await db.apiKey.findMany({ orderBy: { id: "asc" } });
    expect(await authorizeApiCall(db, `hm_${"0".repeat(32)}`, "catalog:read", new Date(t0.getTime() + 4 * LAST_USED_RESOLUTION_MS))).toEqual({ ok: false, code: "unauthorized" });
    expect(await authorizeApiCall(db, "not-a-key", "catalog:read")).toEqual({ ok: false, code: "unauthorized" });
    expect(await db.apiKey.findMany({ orderBy: { id: "asc" } })).toEqual(rows);
  });

  it("lists live keys first without the key text, and caps live keys per organization", async () => {
    const db = t.db.prisma;
    const list = await listApiKeys(db, ids.canteen);
    expect(list.length).toBeGreaterThan(2);
    const firstRevoked = list.findIndex((k) => k.revokedAt);
    expect(list.slice(firstRevoked).every((k) => k.revokedAt)).toBe(true);
    expect(list.every((k) => /^hm_[0-9A-Za-z]{8}$/.test(k.prefix))).toBe(true);
    expect(list.find((k) => k.name === "采购系统")?.createdByName).toBe("王采购");
    expect(await listApiKeys(db, ids.other)).toEqual([]);
    for (let i = 0; i < MAX_LIVE_KEYS; i++) await createApiKey(db, { organizationId: ids.other, createdById: ids.otherBuyer, name: `k${i}`, scopes: ["orders:read"] });
    expect(await createApiKey(db, { organizationId: ids.other, createdById: ids.otherBuyer, name: "one too many", scopes: ["orders:read"] })).toEqual({ ok: false, code: "too_many_keys" });
  });
});

describe("/account/api-keys", () => {
  const page = (cookie: string, path = "/account/api-keys") => runRoute(keysRoute as RouteModule, buildRequest("GET", path, { cookie }), {});
  const post = (cookie: string, form: Record<string, string> | URLSearchParams) => {
    const request = new Request("http://localhost/account/api-keys", { method: "POST", headers: { Cookie: cookie, Origin: "http://localhost" }, body: form instanceof URLSearchParams ? form : new URLSearchParams(form) });
    return runRoute(keysRoute as RouteModule, request, {});
  };

  it("creates a key with the chosen scopes and shows it once; the list shows only its prefix", async () => {
    const cookie = await sessionCookieFor(t.db.prisma, ids.buyer);
    const form = new URLSearchParams([["intent", "create"], ["name", "  食堂 ERP  "], ["scopes", "catalog:read"], ["scopes", "orders:read"]]);
    const out = await post(cookie, form);
    expect(out.status).toBe(200);
    const created = (out.data as { created: { name: string; key: string; prefix: string } }).created;
    expect(created.name).toBe("食堂 ERP");
    const caller = await findApiCaller(t.db.prisma, created.key);
    expect(caller?.scopes).toEqual(["catalog:read", "orders:read"]);
    const list = await page(cookie);
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.data);
    expect(text).toContain(created.prefix);
    expect(text).not.toContain(created.key);
  });

  it("answers field errors for a missing name, no scope or an unknown scope, creating nothing", async () => {
    const cookie = await sessionCookieFor(t.db.prisma, ids.buyer);
    const before = await t.db.prisma.apiKey.count();
    const noName = await post(cookie, { intent: "create", name: "   ", scopes: "orders:read" });
    expect(noName).toMatchObject({ status: 400, data: { errors: { name: "api.keys.error.name" } } });
    const noScope = await post(cookie, { intent: "create", name: "x" });
    expect(noScope).toMatchObject({ status: 400, data: { errors: { scopes: "api.keys.error.scopes" } } });
    const badScope = await post(cookie, { intent: "create", name: "x", scopes: "orders:admin" });
    expect(badScope).toMatchObject({ status: 400, data: { errors: { scopes: "api.keys.error.scopes" } } });
    const longName = await post(cookie, { intent: "create", name: "名".repeat(61), scopes: "orders:read" });
    expect(longName).toMatchObject({ status: 400, data: { errors: { name: "api.keys.error.name" } } });
    const control = await post(cookie, { intent: "create", name: "a\u0000b", scopes: "orders:read" });
    expect(control).toMatchObject({ status: 400, data: { errors: { name: "validation.invalidCharacters" }, values: { name: "ab" } } });
    expect(await post(cookie, { intent: "explode" })).toMatchObject({ status: 400 });
    expect(await t.db.prisma.apiKey.count()).toBe(before);
  });

  it("revokes the organization's own key; another organization's answers 404 exactly like an unknown one, revoking nothing", async () => {
    const db = t.db.prisma;
    const mine = await createApiKey(db, { organizationId: ids.canteen, createdById: ids.buyer, name: "要吊销的", scopes: ["orders:read"] });
    if (!mine.ok) throw new Error("not created");
    const cookie = await sessionCookieFor(db, ids.buyer);
    expect(await post(cookie, { intent: "revoke", keyId: mine.id })).toMatchObject({ status: 302, location: `/account/api-keys?revoked=${mine.id}` });
    expect(await findApiCaller(db, mine.key)).toBeNull();
    const after = await page(cookie, `/account/api-keys?revoked=${mine.id}`);
    expect((after.data as { revokedName: string }).revokedName).toBe("要吊销的");
    // The other organization's live keys were made in the list test above.
    const otherKey = await db.apiKey.findFirstOrThrow({ where: { organizationId: ids.other, revokedAt: null }, select: { id: true } });
    const others = await post(cookie, { intent: "revoke", keyId: otherKey.id });
    const unknown = await post(cookie, { intent: "revoke", keyId: crypto.randomUUID() });
    expect(unknown).toMatchObject({ status: 404, data: { errors: { _form: "api.keys.error.notFound" } } });
    // Indistinguishable: the same status and the same answer.
    expect(others).toEqual(unknown);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: otherKey.id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
    expect(await post(cookie, { intent: "revoke", keyId: "not-a-uuid" })).toMatchObject({ status: 400 });
  });

  it("is for buyers only", async () => {
    const sellerCookie = await sessionCookieFor(t.db.prisma, ids.sellerUser);
    expect((await page(sellerCookie)).status).toBe(403);
    expect((await post(sellerCookie, { intent: "create", name: "x", scopes: "orders:read" })).status).toBe(403);
    const anonymous = await runRoute(keysRoute as RouteModule, buildRequest("GET", "/account/api-keys"), {});
    expect(anonymous.status).toBe(302);
  });
});
