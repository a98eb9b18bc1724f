/** The load sheet from the database to the PDF, and its route (permission, scope, ids). */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser, shanghaiDay } from "../../../tests/factories";
import { sessionCookieFor } from "../../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Database } from "~/utils/db.server";
import { loader } from "~/routes/ops_.plans.$planId.routes.$routeId.load-sheet[.]pdf";
import { seedLoadSheetRoute, type LoadSheetFixture } from "./load-sheet.fixtures";
import { renderLoadSheetPdf } from "./load-sheet-pdf.server";
import { loadRouteLoadSheet } from "./load-sheet.server";

// poppler-utils (pdftotext) is not on every machine: `apt-get install -y poppler-utils`.
const hasPoppler = spawnSync("pdftotext", ["-v"]).status === 0;
if (!hasPoppler) console.warn("[load-sheet] SKIPPED: pdftotext (poppler-utils) not installed; the load sheet's text is not extracted");

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let db: PrismaClient;
let own: LoadSheetFixture;
let other: LoadSheetFixture;
let platformOrg = "";
let operatorOrg = "";
const cookies = { operator: "", outsider: "", admin: "", driver: "" };
const day = shanghaiDay(new Date(), 1);

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] load-sheet: database ${t.label}`);
  platformOrg = (await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" })).id;
  operatorOrg = (await createOrganization(db, { kind: "platform", name: "杨浦冷链配送有限公司" })).id;
  const otherOrg = (await createOrganization(db, { kind: "platform", name: "浦东冷链配送公司" })).id;
  const buyer = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  const seller = (await createOrganization(db, { kind: "snack_supplier", name: "三明市沙县区闽沙小吃食品有限公司" })).id;
  const buyerUser = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
  const driver = (await createUser(db, { role: "driver", organizationId: platformOrg, displayName: "张师傅" })).id;
  own = await seedLoadSheetRoute(db, { operatorId: operatorOrg, buyerId: buyer, buyerUserId: buyerUser, sellerId: seller, day, driverId: driver });
  other = await seedLoadSheetRoute(db, { operatorId: otherOrg, buyerId: buyer, buyerUserId: buyerUser, sellerId: seller, day, prefix: "乙" });
  // A platform operator (every warehouse) is not what scopes are about: this one runs only its own company's.
  const operator = (await createUser(db, { role: "operator", organizationId: operatorOrg })).id;
  const outsider = (await createUser(db, { role: "operator", organizationId: otherOrg })).id;
  // Non-platform operator organizations: make both companies ordinary (not platform) organizations.
  await db.organization.updateMany({ where: { id: { in: [operatorOrg, otherOrg] } }, data: { kind: "wholesale_market" } });
  const admin = (await createUser(db, { role: "admin", organizationId: platformOrg })).id;
  cookies.operator = await sessionCookieFor(db, operator);
  cookies.outsider = await sessionCookieFor(db, outsider);
  cookies.admin = await sessionCookieFor(db, admin);
  cookies.driver = await sessionCookieFor(db, driver);
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

describe("loadRouteLoadSheet", () => {
  it("reads the route's van, plan and stops, last stop loaded first in each compartment", async () => {
    const found = await loadRouteLoadSheet(db, own.planId, own.routeId, { all: false, operatorOrgIds: [operatorOrg] });
    expect(found).not.toBeNull();
    const { plan, route, sheet } = found!;
    expect(plan).toMatchObject({ id: own.planId, warehouse: "杨浦冷链仓", serviceDate: own.serviceDate, version: 1, status: "draft" });
    expect(route).toMatchObject({ position: 0, plate: own.plate, driver: "张师傅" });
    const [frozen, chilled, ambient] = sheet.compartments;
    expect(frozen!.lines.map((l) => [l.loadOrder, l.stopSequence, l.packs])).toEqual([
      [1, 3, 12],
      [2, 2, 11],
      [3, 1, 10],
    ]);
    expect(frozen!.lines[2]).toMatchObject({ stopName: "复旦大学北区食堂", productName: "沙县冻蒸饺", productNameEn: "Shaxian frozen dumplings", grams: 10_000, cm3: 20_000, orderNumbers: [own.orderNumbers[0]] });
    // Weighed at the first stop, nominal (to weigh) at the others.
    expect(chilled!.lines.map((l) => [l.stopSequence, l.grams, l.toWeigh])).toEqual([
      [3, 10_000, true],
      [2, 10_000, true],
      [1, 10_400, false],
    ]);
    // The third stop's rice was short-shipped to nothing; the cancelled order's rice stays behind.
    expect(ambient!.lines.map((l) => [l.stopSequence, l.packs])).toEqual([
      [2, 3],
      [1, 3],
    ]);
    expect(sheet.totals).toEqual({ packs: 33 + 6 + 6, grams: 33_000 + 30_400 + 60_000, cm3: 66_000 + 90_000 + 72_000 });
    expect(sheet.van).toMatchObject({ payloadGrams: 1_500_000, volumeLitres: 8_000 });
  });

  it("prints the lot the reservation recorded, else the pack's newest lot, else none", async () => {
    const { sheet } = (await loadRouteLoadSheet(db, own.planId, own.routeId, { all: true }))!;
    const [frozen, chilled, ambient] = sheet.compartments;
    // The dumplings' reservation names the older lot although a newer one exists.
    for (const l of frozen!.lines) expect(l.lots).toEqual([own.lots.reserved]);
    for (const l of chilled!.lines) expect(l.lots).toEqual([own.lots.newest]);
    for (const l of ambient!.lines) expect(l.lots).toEqual([]);
  });

  it("finds nothing for another warehouse's operator, another plan's route, or an unknown id", async () => {
    expect(await loadRouteLoadSheet(db, own.planId, own.routeId, { all: false, operatorOrgIds: [randomUUID()] })).toBeNull();
    expect(await loadRouteLoadSheet(db, own.planId, own.routeId, { all: false, operatorOrgIds: [] })).toBeNull();
    expect(await loadRouteLoadSheet(db, other.planId, own.routeId, { all: true })).toBeNull();
    expect(await loadRouteLoadSheet(db, own.planId, randomUUID(), { all: true })).toBeNull();
  });
});

describe("the load sheet PDF", () => {
  it("is an A4 PDF with the CJK font embedded as a subset, in Chinese with English subtitles", async () => {
    const found = (await loadRouteLoadSheet(db, own.planId, own.routeId, { all: true }))!;
    const pdf = await renderLoadSheetPdf(found, new Date("2026-12-02T22:15:00Z"));
    const raw = pdf.toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.27\d* 841\.88\d*\]/);
    expect(raw).toMatch(/\/FontFile3?\b/);
    expect(pdf.length).toBeLessThan(250_000);
    if (!hasPoppler) return;
    const dir = mkdtempSync(path.join(tmpdir(), "hm-load-sheet-"));
    try {
      writeFileSync(path.join(dir, "s.pdf"), pdf);
      const text = execFileSync("pdftotext", ["-layout", path.join(dir, "s.pdf"), "-"], { encoding: "utf8" });
      for (const s of ["装车单", "Load sheet", own.plate, "杨浦冷链仓", own.serviceDate, "司机：张师傅", "冷冻区", "Frozen", "冷藏区", "Chilled", "常温区", "Ambient", "第 3 站 五角场社区团购点", "沙县冻蒸饺", "Shaxian frozen dumplings", own.lots.reserved, own.lots.newest, "待称重", "装车人签字", "Loaded by (signature)", "司机签字", "最后一站的货最先装", own.orderNumbers[0]!])
        expect(text, s).toContain(s);
      expect(text).not.toContain("取消的大米");
      expect(text).not.toContain(own.lots.older);
      // Loading order within the frozen section: stop 3 above stop 2 above stop 1.
      const frozen = text.slice(text.indexOf("冷冻区"), text.indexOf("冷藏区"));
      const at = (n: number) => frozen.indexOf(`第 ${n} 站`);
      expect(at(3)).toBeGreaterThan(-1);
      expect(at(3)).toBeLessThan(at(2));
      expect(at(2)).toBeLessThan(at(1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the load sheet route", () => {
  const url = (planId: string, routeId: string) => `http://localhost/ops/plans/${planId}/routes/${routeId}/load-sheet.pdf`;
  const call = async (planId: string, routeId: string, cookie: string) => {
    try {
      return (await loader({ request: new Request(url(planId, routeId), { headers: cookie ? { cookie } : {} }), params: { planId, routeId }, context: {} })) as Response;
    } catch (thrown) {
      return thrown as Response | { init?: { status?: number } };
    }
  };
  const status = (v: unknown) => (v instanceof Response ? v.status : ((v as { init?: { status?: number } }).init?.status ?? 200));

  it("serves the PDF inline with a file name naming the day and the van", async () => {
    const res = (await call(own.planId, own.routeId, cookies.operator)) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const disposition = res.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(new RegExp(`^inline; filename="load-sheet-${own.serviceDate}-[^"]+\\.pdf"; filename\\*=UTF-8''load-sheet-${own.serviceDate}-`));
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe(`load-sheet-${own.serviceDate}-${own.plate}.pdf`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(res.headers.get("Content-Length")).toBe(String(body.length));
  });

  it("is 404 for another company's warehouse, a route of another plan, an unknown route; 400 for malformed ids", async () => {
    expect(status(await call(own.planId, own.routeId, cookies.outsider))).toBe(404);
    expect(status(await call(other.planId, other.routeId, cookies.operator))).toBe(404);
    expect(status(await call(own.planId, other.routeId, cookies.admin))).toBe(404);
    expect(status(await call(own.planId, randomUUID(), cookies.operator))).toBe(404);
    const bad = (await call("nope", own.routeId, cookies.operator)) as Response;
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("编号无效");
    expect(status(await call(own.planId, "1;drop", cookies.operator))).toBe(400);
  });

  it("lets admins read any warehouse's sheet; drivers and visitors are refused", async () => {
    expect(status(await call(other.planId, other.routeId, cookies.admin))).toBe(200);
    expect(status(await call(own.planId, own.routeId, cookies.driver))).toBe(403);
    expect(status(await call(own.planId, own.routeId, ""))).toBe(302);
  });
});
