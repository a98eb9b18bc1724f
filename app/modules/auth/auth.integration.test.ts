import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { maybePruneAuthTables, PRUNE_INTERVAL_MS, pruneAuthTables } from "./cleanup.server";
import { ATTEMPT_RETENTION_MS, REGISTRATION_POLICY, SIGN_IN_POLICY } from "./rate-limit";
import { admitRegistration, registerOrganization } from "./register.server";
import type { RegisterInput } from "./schemas";
import { createSession, deleteSession, deleteUserSessions, findSessionUser, hashToken, SESSION_POLICY } from "./session.server";
import { signIn, UNKNOWN_IP } from "./sign-in.server";

// Times injected as `now` lie in the past (tests run on the real clock too, and pruning follows `now`),
// and every test uses phones and addresses of its own, so no test sees another's attempts.
let t: TestDatabase;
let db: PrismaClient;
const PASSWORD = "huming2026";
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const WINDOW = SIGN_IN_POLICY.windowMs;

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

const attempts = (where: { phone?: string; ip?: string }) =>
  db.loginAttempt.findMany({ where, select: { phone: true, ip: true, success: true }, orderBy: { id: "asc" } });

describe("signIn", () => {
  it("accepts the right password and records a successful attempt", async () => {
    const user = await buyer("13900000001");
    const result = await signIn(db, { phone: "13900000001", password: PASSWORD, ip: "198.51.100.1" });
    expect(result).toEqual({ ok: true, userId: user.id, locale: "zh" });
    expect(await attempts({ phone: "13900000001" })).toEqual([{ phone: "13900000001", success: true, ip: "198.51.100.1" }]);
  });

  it("answers a wrong password and an unknown phone the same way, and records both as failures", async () => {
    await buyer("13900000002");
    expect(await signIn(db, { phone: "13900000002", password: "wrong-password", ip: "198.51.100.2" })).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(db, { phone: "13999999999", password: PASSWORD, ip: "198.51.100.2" })).toEqual({ ok: false, reason: "invalid" });
    expect((await attempts({ ip: "198.51.100.2" })).map((a) => a.success)).toEqual([false, false]);
  });

  it("refuses a disabled account with the same answer", async () => {
    await buyer("13900000003", { active: false });
    expect(await signIn(db, { phone: "13900000003", password: PASSWORD, ip: "198.51.100.3" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("checks at most 5 of 30 concurrent wrong passwords for one phone from one address; the rest are refused unchecked", async () => {
    await buyer("13900000004");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(db, { phone: "13900000004", password: `wrong-${i}`, ip: "203.0.113.4" })),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(5);
    expect(reasons.filter((r) => r === "rate_limited")).toHaveLength(25);
    // Only checked attempts are recorded: exactly one row per argon2 verification.
    expect(await db.loginAttempt.count({ where: { phone: "13900000004" } })).toBe(5);
    const limited = results.find((r) => !r.ok && r.reason === "rate_limited");
    expect(limited).toMatchObject({ scope: "pair" });
  });

  it("lets the owner in from another address while the attacker's address stays blocked, even with the right password", async () => {
    // Continues the previous test: 203.0.113.4 has 5 failures for 13900000004.
    const owner = await signIn(db, { phone: "13900000004", password: PASSWORD, ip: "198.51.100.4" });
    expect(owner.ok).toBe(true);
    expect(await signIn(db, { phone: "13900000004", password: PASSWORD, ip: "203.0.113.4" })).toMatchObject({ ok: false, reason: "rate_limited", scope: "pair" });
    // The attacker's address is not blocked for other phones: 5 failures are far below the address limit.
    expect(await signIn(db, { phone: "13999999998", password: "guess", ip: "203.0.113.4" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("blocks a pair after 5 failures until the 5th newest leaves the window, not recording blocked tries", async () => {
    await buyer("13900000005");
    const start = new Date("2026-11-29T08:00:00Z");
    for (let i = 0; i < 5; i++) {
      expect(await signIn(db, { phone: "13900000005", password: `wrong-${i}`, ip: "203.0.113.5", now: new Date(start.getTime() + i * MIN) })).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await signIn(db, { phone: "13900000005", password: PASSWORD, ip: "203.0.113.5", now: new Date(start.getTime() + 5 * MIN) });
    expect(blocked).toEqual({ ok: false, reason: "rate_limited", scope: "pair", retryAt: new Date(start.getTime() + WINDOW) });
    expect(await db.loginAttempt.count({ where: { phone: "13900000005" } })).toBe(5);
    expect((await signIn(db, { phone: "13900000005", password: PASSWORD, ip: "203.0.113.5", now: new Date(start.getTime() + WINDOW - 1) })).ok).toBe(false);
    expect((await signIn(db, { phone: "13900000005", password: PASSWORD, ip: "203.0.113.5", now: new Date(start.getTime() + WINDOW) })).ok).toBe(true);
  });

  it("clears a pair's count on its success, but not the phone's", async () => {
    await buyer("13900000006");
    const start = new Date("2026-11-29T09:00:00Z");
    const at = (m: number) => new Date(start.getTime() + m * 1000);
    const tryAt = (s: number, password: string) => signIn(db, { phone: "13900000006", password, ip: "203.0.113.6", now: at(s) });
    for (let i = 0; i < 4; i++) expect((await tryAt(i, "typo")).ok).toBe(false);
    expect((await tryAt(4, PASSWORD)).ok).toBe(true);
    // Five more failures are checked after the success; the sixth is not.
    for (let i = 5; i < 10; i++) expect(await tryAt(i, "typo")).toEqual({ ok: false, reason: "invalid" });
    expect(await tryAt(10, PASSWORD)).toMatchObject({ ok: false, reason: "rate_limited", scope: "pair" });
    expect(await db.loginAttempt.count({ where: { phone: "13900000006", success: false } })).toBe(9);
  });

  it("limits a phone to 20 failures across addresses, then lets it in again when they age out", async () => {
    await buyer("13900000007");
    const start = new Date("2026-11-29T10:00:00Z");
    for (let i = 0; i < 20; i++) {
      // Four addresses, five each: no pair reaches its own limit.
      const r = await signIn(db, { phone: "13900000007", password: "guess", ip: `192.0.2.${70 + (i % 4)}`, now: new Date(start.getTime() + i * 1000) });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const owner = await signIn(db, { phone: "13900000007", password: PASSWORD, ip: "198.51.100.7", now: new Date(start.getTime() + MIN) });
    expect(owner).toEqual({ ok: false, reason: "rate_limited", scope: "phone", retryAt: new Date(start.getTime() + WINDOW) });
    expect((await signIn(db, { phone: "13900000007", password: PASSWORD, ip: "198.51.100.7", now: new Date(start.getTime() + WINDOW) })).ok).toBe(true);
  });

  it("limits an address to 30 failures across phones; the same phone from elsewhere is unaffected", async () => {
    const start = new Date("2026-11-29T11:00:00Z");
    for (let i = 0; i < 30; i++) {
      await signIn(db, { phone: `1370000${String(i).padStart(4, "0")}`, password: "guess", ip: "192.0.2.80", now: new Date(start.getTime() + i * 1000) });
    }
    await buyer("13900000008");
    const r = await signIn(db, { phone: "13900000008", password: PASSWORD, ip: "192.0.2.80", now: new Date(start.getTime() + MIN) });
    expect(r).toEqual({ ok: false, reason: "rate_limited", scope: "ip", retryAt: new Date(start.getTime() + WINDOW) });
    expect((await signIn(db, { phone: "13900000008", password: PASSWORD, ip: "192.0.2.81", now: new Date(start.getTime() + MIN) })).ok).toBe(true);
  });

  it("holds the address limit under 40 concurrent tries across 40 phones", async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(db, { phone: `1360000${String(i).padStart(4, "0")}`, password: "guess", ip: "192.0.2.90" })),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(30);
    expect(await db.loginAttempt.count({ where: { ip: "192.0.2.90" } })).toBe(30);
  });

  it("gives the shared unknown address no address limit, only the pair and phone limits", async () => {
    const start = new Date("2026-11-29T12:00:00Z");
    for (let i = 0; i < 35; i++) {
      await signIn(db, { phone: `1350000${String(i).padStart(4, "0")}`, password: "guess", ip: UNKNOWN_IP, now: new Date(start.getTime() + i * 1000) });
    }
    await buyer("13900000009");
    expect((await signIn(db, { phone: "13900000009", password: PASSWORD, ip: UNKNOWN_IP, now: new Date(start.getTime() + MIN) })).ok).toBe(true);
  });
});

describe("sessions", () => {
  const row = (token: string) => db.session.findUnique({ where: { id: hashToken(token) }, select: { createdAt: true, lastSeenAt: true, expiresAt: true } });

  it("stores only the token's hash and resolves the user with roles and permissions", async () => {
    const user = await buyer("13900000011");
    const { token, expiresAt } = await createSession(db, user.id);
    expect(await db.session.count({ where: { id: token } })).toBe(0);
    expect(await db.session.count({ where: { id: hashToken(token) } })).toBe(1);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_POLICY.absoluteMs - MIN);
    const found = await findSessionUser(db, token);
    expect(found).toMatchObject({ id: user.id, phone: "13900000011", roles: ["buyer"] });
    expect(found?.permissions).toContain("read:catalog");
    expect(found?.memberships[0]).toMatchObject({ role: "buyer", organizationKind: "canteen" });
    expect(await findSessionUser(db, `${token}x`)).toBeNull();
  });

  it("renews last_seen_at at most every 5 minutes while in use", async () => {
    const user = await buyer("13900000012");
    const created = new Date("2026-11-20T00:00:00Z");
    const { token } = await createSession(db, user.id, created);
    expect(await row(token)).toEqual({ createdAt: created, lastSeenAt: created, expiresAt: new Date(created.getTime() + 30 * DAY) });
    await findSessionUser(db, token, new Date(created.getTime() + 5 * MIN - 1));
    expect((await row(token))?.lastSeenAt).toEqual(created);
    const renewed = new Date(created.getTime() + 5 * MIN);
    await findSessionUser(db, token, renewed);
    expect((await row(token))?.lastSeenAt).toEqual(renewed);
    await findSessionUser(db, token, new Date(renewed.getTime() + 4 * MIN));
    expect(await row(token)).toMatchObject({ lastSeenAt: renewed, expiresAt: new Date(created.getTime() + 30 * DAY) });
  });

  it("ends after 7 idle days, counted from the last use, and deletes the row", async () => {
    const user = await buyer("13900000013");
    const created = new Date("2026-10-01T00:00:00Z");
    const { token } = await createSession(db, user.id, created);
    const used = new Date(created.getTime() + 7 * DAY - 1);
    expect(await findSessionUser(db, token, used)).not.toBeNull();
    expect(await findSessionUser(db, token, new Date(used.getTime() + 7 * DAY - 1))).not.toBeNull();
    const idleFrom = (await row(token))?.lastSeenAt as Date;
    expect(await findSessionUser(db, token, new Date(idleFrom.getTime() + 7 * DAY))).toBeNull();
    expect(await row(token)).toBeNull();
  });

  it("ends 30 days after sign-in however often it is used", async () => {
    const user = await buyer("13900000014");
    const created = new Date("2026-10-01T00:00:00Z");
    const { token } = await createSession(db, user.id, created);
    for (let day = 1; day < 30; day++) expect(await findSessionUser(db, token, new Date(created.getTime() + day * DAY))).not.toBeNull();
    expect(await findSessionUser(db, token, new Date(created.getTime() + 30 * DAY - 1))).not.toBeNull();
    expect(await findSessionUser(db, token, new Date(created.getTime() + 30 * DAY))).toBeNull();
    expect(await row(token)).toBeNull();
  });

  it("deletes the user's dead sessions when a new one starts", async () => {
    const user = await buyer("13900000015");
    const old = await createSession(db, user.id, new Date(Date.now() - 40 * DAY));
    const idle = await createSession(db, user.id, new Date(Date.now() - 8 * DAY));
    const live = await createSession(db, user.id, new Date(Date.now() - DAY));
    await createSession(db, user.id);
    expect(await row(old.token)).toBeNull();
    expect(await row(idle.token)).toBeNull();
    expect(await row(live.token)).not.toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);
  });

  it("ends on sign-out and for disabled users", async () => {
    const user = await buyer("13900000016");
    const a = await createSession(db, user.id);
    await deleteSession(db, a.token);
    expect(await findSessionUser(db, a.token)).toBeNull();
    const b = await createSession(db, user.id);
    await db.user.update({ where: { id: user.id }, data: { active: false }, select: { id: true } });
    expect(await findSessionUser(db, b.token)).toBeNull();
  });

  it("signs out everywhere: every session of the user ends, other users' stay", async () => {
    const user = await buyer("13900000017");
    const other = await buyer("13900000018");
    const mine = await Promise.all([createSession(db, user.id), createSession(db, user.id), createSession(db, user.id)]);
    const theirs = await createSession(db, other.id);
    expect(await deleteUserSessions(db, user.id)).toBe(3);
    for (const s of mine) expect(await findSessionUser(db, s.token)).toBeNull();
    expect(await findSessionUser(db, theirs.token)).not.toBeNull();
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

describe("admitRegistration", () => {
  it("admits 5 registrations per address per hour and says when the next one is possible", async () => {
    const start = new Date("2026-11-29T08:00:00Z");
    for (let i = 0; i < 5; i++) expect(await admitRegistration(db, { ip: "203.0.113.30", now: new Date(start.getTime() + i * MIN) })).toEqual({ allowed: true });
    expect(await admitRegistration(db, { ip: "203.0.113.30", now: new Date(start.getTime() + 10 * MIN) })).toEqual({
      allowed: false,
      retryAt: new Date(start.getTime() + REGISTRATION_POLICY.windowMs),
    });
    // Refusals are not recorded, so they cannot extend the wait.
    expect(await db.registrationAttempt.count({ where: { ip: "203.0.113.30" } })).toBe(5);
    expect((await admitRegistration(db, { ip: "203.0.113.31", now: new Date(start.getTime() + 10 * MIN) })).allowed).toBe(true);
    expect((await admitRegistration(db, { ip: "203.0.113.30", now: new Date(start.getTime() + REGISTRATION_POLICY.windowMs) })).allowed).toBe(true);
  });

  it("holds under 12 concurrent registrations from one address", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => admitRegistration(db, { ip: "203.0.113.32" })));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(await db.registrationAttempt.count({ where: { ip: "203.0.113.32" } })).toBe(5);
  });

  it("does not limit or record the shared unknown address", async () => {
    for (let i = 0; i < 7; i++) expect((await admitRegistration(db, { ip: UNKNOWN_IP })).allowed).toBe(true);
    expect(await db.registrationAttempt.count({ where: { ip: UNKNOWN_IP } })).toBe(0);
  });
});

describe("pruning", () => {
  it("deletes attempts past retention and dead sessions, and keeps everything else", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - ATTEMPT_RETENTION_MS - 1000);
    const user = await buyer("13900000031");
    await db.loginAttempt.createMany({ data: [{ phone: "13900000031", ip: "203.0.113.40", success: false, createdAt: old }, { phone: "13900000031", ip: "203.0.113.40", success: false, createdAt: now }] });
    await db.registrationAttempt.createMany({ data: [{ ip: "203.0.113.40", createdAt: old }, { ip: "203.0.113.40", createdAt: now }] });
    const live = await createSession(db, user.id, now);
    // Inserted directly and after the live one: createSession sweeps the user's own dead sessions.
    const dead = [
      { id: "prune-absolute", userId: user.id, createdAt: new Date(now.getTime() - 31 * DAY), lastSeenAt: new Date(now.getTime() - DAY), expiresAt: new Date(now.getTime() - DAY) },
      { id: "prune-idle", userId: user.id, createdAt: new Date(now.getTime() - 8 * DAY), lastSeenAt: new Date(now.getTime() - 8 * DAY), expiresAt: new Date(now.getTime() + 22 * DAY) },
    ];
    await db.session.createMany({ data: dead });
    const removed = await pruneAuthTables(db, now);
    expect(removed.loginAttempts).toBeGreaterThanOrEqual(1);
    expect(removed.registrationAttempts).toBeGreaterThanOrEqual(1);
    expect(removed.sessions).toBeGreaterThanOrEqual(2);
    expect(await db.loginAttempt.count({ where: { phone: "13900000031" } })).toBe(1);
    expect(await db.registrationAttempt.count({ where: { ip: "203.0.113.40" } })).toBe(1);
    expect(await db.session.count({ where: { id: { in: dead.map((d) => d.id) } } })).toBe(0);
    expect(await findSessionUser(db, live.token, now)).not.toBeNull();
  });

  it("sweeps at most once per interval from the requests that trigger it", async () => {
    // Far ahead of every earlier `now` in this file, so the first call is due.
    const base = new Date(Date.now() + 2 * PRUNE_INTERVAL_MS);
    const seed = async () =>
      db.registrationAttempt.create({ data: { ip: "203.0.113.41", createdAt: new Date(base.getTime() - ATTEMPT_RETENTION_MS - 1000) }, select: { id: true } });
    await seed();
    await maybePruneAuthTables(db, base);
    expect(await db.registrationAttempt.count({ where: { ip: "203.0.113.41" } })).toBe(0);
    await seed();
    await maybePruneAuthTables(db, new Date(base.getTime() + PRUNE_INTERVAL_MS - 1));
    expect(await db.registrationAttempt.count({ where: { ip: "203.0.113.41" } })).toBe(1);
    await maybePruneAuthTables(db, new Date(base.getTime() + PRUNE_INTERVAL_MS));
    expect(await db.registrationAttempt.count({ where: { ip: "203.0.113.41" } })).toBe(0);
  });
});
