import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { registerOrganization } from "./register.server";
import type { RegisterInput } from "./schemas";
import { createSession, deleteSession, findSessionUser, hashToken, SESSION_TTL_MS } from "./session.server";
import { signIn, UNKNOWN_IP } from "./sign-in.server";

let t: TestDatabase;
let db: PrismaClient;
const PASSWORD = "huming2026";

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] auth: database ${t.label}`);
});
afterAll(async () => t?.drop());

async function buyer(phone: string, extra: { active?: boolean } = {}) {
  const org = await createOrganization(db, { kind: "canteen", name: `复旦大学测试食堂${phone}`, county: "杨浦区" });
  return createUser(db, { phone, role: "buyer", organizationId: org.id, password: PASSWORD, ...extra });
}

describe("signIn", () => {
  it("accepts the right password and records a successful attempt", async () => {
    const user = await buyer("13900000001");
    const result = await signIn(db, { phone: "13900000001", password: PASSWORD, ip: "198.51.100.1" });
    expect(result).toEqual({ ok: true, userId: user.id, locale: "zh" });
    const attempts = await db.loginAttempt.findMany({ where: { phone: "13900000001" }, select: { success: true, ip: true } });
    expect(attempts).toEqual([{ success: true, ip: "198.51.100.1" }]);
  });

  it("answers a wrong password and an unknown phone the same way", async () => {
    await buyer("13900000002");
    expect(await signIn(db, { phone: "13900000002", password: "wrong-password", ip: "198.51.100.2" })).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(db, { phone: "13999999999", password: PASSWORD, ip: "198.51.100.2" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled account with the same answer", async () => {
    await buyer("13900000003", { active: false });
    expect(await signIn(db, { phone: "13900000003", password: PASSWORD, ip: "198.51.100.3" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks a phone after 5 failures in 15 minutes, even for the right password, and lets it try again later", async () => {
    await buyer("13900000004");
    const start = new Date("2026-11-29T08:00:00Z");
    for (let i = 0; i < 5; i++) {
      const r = await signIn(db, { phone: "13900000004", password: `wrong-${i}`, ip: `203.0.113.${i}`, now: new Date(start.getTime() + i * 60_000) });
      expect(r.ok).toBe(false);
    }
    const blocked = await signIn(db, { phone: "13900000004", password: PASSWORD, ip: "203.0.113.99", now: new Date(start.getTime() + 5 * 60_000) });
    expect(blocked).toEqual({ ok: false, reason: "rate_limited", retryAt: new Date(start.getTime() + 15 * 60_000) });
    // Blocked tries are not recorded, so they cannot extend the lock.
    expect(await db.loginAttempt.count({ where: { phone: "13900000004" } })).toBe(5);
    const later = await signIn(db, { phone: "13900000004", password: PASSWORD, ip: "203.0.113.99", now: new Date(start.getTime() + 15 * 60_000 + 1000) });
    expect(later.ok).toBe(true);
  });

  it("locks an address after 20 failures across phones", async () => {
    const now = new Date("2026-11-29T09:00:00Z");
    for (let i = 0; i < 20; i++) {
      await signIn(db, { phone: `1370000${String(i).padStart(4, "0")}`, password: "guess", ip: "192.0.2.50", now });
    }
    await buyer("13900000005");
    const r = await signIn(db, { phone: "13900000005", password: PASSWORD, ip: "192.0.2.50", now: new Date(now.getTime() + 1000) });
    expect(r.ok === false && r.reason).toBe("rate_limited");
    const elsewhere = await signIn(db, { phone: "13900000005", password: PASSWORD, ip: "192.0.2.51", now: new Date(now.getTime() + 1000) });
    expect(elsewhere.ok).toBe(true);
  });

  it("limits attempts from an unknown address per phone only", async () => {
    const now = new Date("2026-11-29T10:00:00Z");
    for (let i = 0; i < 25; i++) {
      await signIn(db, { phone: `1350000${String(i).padStart(4, "0")}`, password: "guess", ip: UNKNOWN_IP, now });
    }
    await buyer("13900000006");
    expect((await signIn(db, { phone: "13900000006", password: PASSWORD, ip: UNKNOWN_IP, now: new Date(now.getTime() + 1000) })).ok).toBe(true);
  });
});

describe("sessions", () => {
  it("stores only the token's hash and resolves the user with roles and permissions", async () => {
    const user = await buyer("13900000011");
    const { token, expiresAt } = await createSession(db, user.id);
    expect(await db.session.count({ where: { id: token } })).toBe(0);
    expect(await db.session.count({ where: { id: hashToken(token) } })).toBe(1);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_TTL_MS - 60_000);
    const found = await findSessionUser(db, token);
    expect(found).toMatchObject({ id: user.id, phone: "13900000011", roles: ["buyer"] });
    expect(found?.permissions).toContain("read:catalog");
    expect(found?.memberships[0]).toMatchObject({ role: "buyer", organizationKind: "canteen" });
    expect(await findSessionUser(db, `${token}x`)).toBeNull();
  });

  it("expires after 30 days and deletes the expired row", async () => {
    const user = await buyer("13900000012");
    const created = new Date("2026-10-01T00:00:00Z");
    const { token } = await createSession(db, user.id, created);
    expect(await findSessionUser(db, token, new Date(created.getTime() + SESSION_TTL_MS - 1000))).not.toBeNull();
    expect(await findSessionUser(db, token, new Date(created.getTime() + SESSION_TTL_MS))).toBeNull();
    expect(await db.session.count({ where: { id: hashToken(token) } })).toBe(0);
  });

  it("ends on sign-out and for disabled users", async () => {
    const user = await buyer("13900000013");
    const a = await createSession(db, user.id);
    await deleteSession(db, a.token);
    expect(await findSessionUser(db, a.token)).toBeNull();
    const b = await createSession(db, user.id);
    await db.user.update({ where: { id: user.id }, data: { active: false }, select: { id: true } });
    expect(await findSessionUser(db, b.token)).toBeNull();
  });
});

describe("registerOrganization", () => {
  const input = (phone: string, over: Partial<RegisterInput> = {}): RegisterInput => ({
    kind: "cooperative",
    orgName: "尤溪县金柑专业合作社",
    county: "尤溪县",
    address: "福建省三明市尤溪县城关镇",
    displayName: "林秀英",
    phone,
    password: "huming2026",
    passwordConfirm: "huming2026",
    ...over,
  });

  it("creates the organization, its first user as seller, and the user can sign in", async () => {
    const r = await registerOrganization(db, input("13900000021"), "en");
    expect(r.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({
      where: { phone: "13900000021" },
      select: { locale: true, memberships: { select: { role: true, organization: { select: { kind: true, name: true, county: true } } } } },
    });
    expect(user).toEqual({ locale: "en", memberships: [{ role: "seller", organization: { kind: "cooperative", name: "尤溪县金柑专业合作社", county: "尤溪县" } }] });
    expect((await signIn(db, { phone: "13900000021", password: "huming2026", ip: "198.51.100.21" })).ok).toBe(true);
  });

  it("makes canteens buyers", async () => {
    await registerOrganization(db, input("13900000022", { kind: "canteen", orgName: "上海交通大学闵行校区第一餐饮大楼" }));
    const m = await db.membership.findFirstOrThrow({ where: { user: { phone: "13900000022" } }, select: { role: true } });
    expect(m.role).toBe("buyer");
  });

  it("reports a registered phone as a field error and creates nothing", async () => {
    const orgsBefore = await db.organization.count();
    expect(await registerOrganization(db, input("13900000021", { orgName: "另一家合作社" }))).toEqual({ ok: false, field: "phone", error: "register.phoneTaken" });
    expect(await db.organization.count()).toBe(orgsBefore);
  });

  it("handles two simultaneous registrations of one phone: one wins, the other gets the field error", async () => {
    const orgsBefore = await db.organization.count();
    const results = await Promise.all([registerOrganization(db, input("13900000023", { orgName: "甲合作社" })), registerOrganization(db, input("13900000023", { orgName: "乙合作社" }))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, field: "phone", error: "register.phoneTaken" }]);
    // The loser's organization was rolled back with its user.
    expect(await db.organization.count()).toBe(orgsBefore + 1);
  });

  it("maps the database's unique violation to the field error when the up-front check misses it", async () => {
    expect((await registerOrganization(db, input("13900000024"))).ok).toBe(true);
    // A client whose pre-check never sees the existing user, as when another registration commits in between.
    const blind = new Proxy(db, {
      get: (target, prop) =>
        prop === "user" ? new Proxy(target.user, { get: (u, p) => (p === "findUnique" ? async () => null : Reflect.get(u, p)) }) : Reflect.get(target, prop),
    });
    expect(await registerOrganization(blind, input("13900000024", { orgName: "丙合作社" }))).toEqual({ ok: false, field: "phone", error: "register.phoneTaken" });
  });
});
