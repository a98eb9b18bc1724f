// Server-renders the planning pages and submits their forms as a browser without JavaScript would; also runs
// the planning matrix rows (tests/integration/matrix/planning.ts) against the route modules.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryPoint, createDeliverySlot, createOrder, createOrganization, createProduct, createUser, createVehicle, createWarehouse, shanghaiDay, shanghaiTime } from "../../../tests/factories";
import { planningMatrix } from "../../../tests/integration/matrix/planning";
import { ACTORS, type Actor } from "../../../tests/integration/matrix/rows";
import { buildRequest, importRoute, matchRoute, runRoute, sessionCookieFor } from "../../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { runPlanSolve } from "~/jobs/plan-solve.server";
import type { Database } from "~/utils/db.server";
import * as planPage from "~/routes/ops_.plans.$planId";
import * as progress from "~/routes/ops_.plans.$planId_.progress";
import * as plansIndex from "~/routes/ops_.plans._index";

const ROUTES: TestRoute[] = [
  { id: "routes/ops_.plans._index", path: "ops/plans", index: true, module: plansIndex },
  { id: "routes/ops_.plans.$planId_.progress", path: "ops/plans/:planId/progress", module: progress },
  { id: "routes/ops_.plans.$planId", path: "ops/plans/:planId", module: planPage },
];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
let operatorCookie: string;
let warehouseId: string;
const users = {} as Record<Exclude<Actor, "anonymous">, string>;
const fixtures: Record<string, string> = {};
const day = shanghaiDay(new Date(), 1);
const date = `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] planning pages: database ${t.label}`);
  const db = t.db.prisma;
  const platform = await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" });
  const buyer = await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" });
  const sellerA = await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社" });
  const sellerB = await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社" });
  users.operator = (await createUser(db, { role: "operator", organizationId: platform.id, displayName: "陈运营" })).id;
  users.admin = (await createUser(db, { role: "admin", organizationId: platform.id })).id;
  users.driver = (await createUser(db, { role: "driver", organizationId: platform.id, displayName: "张师傅" })).id;
  users.buyer = (await createUser(db, { role: "buyer", organizationId: buyer.id })).id;
  users.seller = (await createUser(db, { role: "seller", organizationId: sellerA.id })).id;
  operatorCookie = await sessionCookieFor(db, users.operator);
  warehouseId = (await createWarehouse(db, { operatorId: platform.id, name: "江桥冷链仓" })).id;
  await createVehicle(db, { warehouseId, plate: "沪A·K3920", tempClasses: ["chilled", "ambient"], driverId: users.driver });
  await createVehicle(db, { warehouseId, plate: "沪B·D0001", driverId: null });
  const pack = (await createProduct(db, { sellerId: sellerA.id, nameZh: "鲜香菇", tempClass: "chilled", variants: [{ netWeightGrams: 5000, volumeCm3: 15_000 }] })).variants[0].id;
  const slot = await createDeliverySlot(db, { warehouseId, startsAt: shanghaiTime(day, 5), endsAt: shanghaiTime(day, 11) });
  for (const [name, lat, lng] of [["北区食堂", 31.2989, 121.5015], ["同济西苑", 31.2837, 121.5009]] as const) {
    const point = await createDeliveryPoint(db, { organizationId: buyer.id, name, lat, lng, receivingFrom: "05:00", receivingTo: "10:30" });
    await createOrder(db, { buyerId: buyer.id, placedById: users.buyer, slotId: slot.id, deliveryPointId: point.id, lat, lng, sellerOrders: [{ sellerId: sellerA.id, lines: [{ variantId: pack, productNameZh: "鲜香菇", tempClass: "chilled", quantity: 4, unitPriceFen: 3000, weightGrams: 20_000 }] }] });
  }
  await planningMatrix.seed?.({ db, orgs: { sellerA: sellerA.id, sellerB: sellerB.id, buyer: buyer.id, platform: platform.id }, users, fixtures });
  handler = createRequestHandler(testServerBuild(ROUTES));
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

async function html(path: string, cookie = operatorCookie) {
  const res = await handler(new Request(`http://localhost${path}`, { headers: { cookie } }), { cspNonce: "test-nonce", requestId: "test" });
  return { status: res.status, html: await res.text() };
}
async function post(path: string, form: Record<string, string>, cookie = operatorCookie) {
  const res = await handler(
    new Request(`http://localhost${path}`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost", host: "localhost" }, body: new URLSearchParams(form).toString() }),
    { cspNonce: "test-nonce", requestId: "test" },
  );
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

describe("planning pages without JavaScript", () => {
  let planPath = "";

  it("shows tomorrow's stops, vans and the van without a driver, and creates a plan", async () => {
    const page = await html("/ops/plans");
    expect(page.status).toBe(200);
    expect(page.html).toContain("2 个站点 · 2 个订单");
    expect(page.html).toContain("沪A·K3920");
    expect(page.html).toContain("沪B·D0001：未指派司机");
    expect(page.html).toContain("生成排线方案");
    const bad = await post("/ops/plans?index", { warehouseId, date, solveSeconds: "999" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("请输入 1–120 之间的整数秒数");
    const created = await post("/ops/plans?index", { warehouseId, date, solveSeconds: "1" });
    expect(created.status).toBe(302);
    planPath = new URL(created.location!, "http://localhost").pathname;
    expect(planPath).toMatch(/^\/ops\/plans\/[0-9a-f-]{36}$/);
  });

  it("shows the progress while queued, then the routes, locks, refuses a stale publish and publishes", async () => {
    const queued = await html(planPath);
    expect(queued.html).toContain("优化进度");
    expect(queued.html).toContain('http-equiv="refresh"');
    const json = await handler(new Request(`http://localhost${planPath}/progress`, { headers: { cookie: operatorCookie } }), {});
    expect(await json.json()).toMatchObject({ solveStatus: "queued", solving: true });

    await runPlanSolve(t.db, planPath.split("/").pop()!, { maxIterations: 200 });
    const solved = await html(planPath);
    expect(solved.html).toContain("沪A·K3920 · 司机 张师傅");
    expect(solved.html).toContain("/load-sheet.pdf");
    expect(solved.html).toContain("重新优化");
    const stopId = /data-stop="([0-9a-f-]{36})"/.exec(solved.html)![1];
    const revision = /name="revision" value="(\d+)"/.exec(solved.html)![1];
    expect((await post(planPath, { intent: "publish", revision: "1" })).html).toContain("方案已变更或已有更新的版本");

    const van = /<option value="([0-9a-f-]{36})">沪A·K3920/.exec(solved.html)![1];
    expect((await post(planPath, { intent: "lock", stopId, vehicleId: van })).status).toBe(302);
    const dirty = await post(planPath, { intent: "publish", revision: String(Number(revision)) });
    expect(dirty.status).toBe(400);

    const again = await post(planPath, { intent: "solve", solveSeconds: "1" });
    expect(again.status).toBe(302);
    await runPlanSolve(t.db, planPath.split("/").pop()!, { maxIterations: 200 });
    const page = await html(planPath);
    expect(page.html).toMatch(new RegExp(`data-stop="${stopId}" data-locked="true"`));
    const rev = /name="revision" value="(\d+)"/.exec(page.html)![1];
    const published = await post(planPath, { intent: "publish", revision: rev });
    expect(published.status).toBe(302);
    const after = await html(published.location!);
    expect(after.html).toContain("方案已发布，已通知 2 个订单的买家");
    expect(after.html).toContain("新建修订版");
  });
});

describe("planning matrix rows", () => {
  const cases = planningMatrix.rows.flatMap((r) => ACTORS.map((actor, i) => ({ ...r, actor, expected: r.cells[i] })));
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => fixtures[k] ?? `{${k}}`);
  for (const { file, method, path, form, actor, expected } of cases) {
    it(`${method} ${path} ${form ? JSON.stringify(form) : ""} as ${actor}: ${expected}`, async () => {
      const url = new URL(fill(path), "http://localhost");
      const requestPath = `${url.pathname}${url.search}`;
      const params = matchRoute(file, requestPath);
      expect(params).not.toBeNull();
      const module = await importRoute(file);
      const cookie = actor === "anonymous" ? undefined : await sessionCookieFor(t.db.prisma, users[actor]);
      const filled = form ? Object.fromEntries(Object.entries(form).map(([k, v]) => [k, fill(v)])) : undefined;
      const outcome = await runRoute(module, buildRequest(method, requestPath, { cookie, form: filled }), params!, { clientIp: "203.0.113.10" });
      if (outcome.error) console.error(outcome.error);
      const got = outcome.status === 302 ? (new URL(outcome.location!, "http://localhost").pathname === "/login" ? "sign-in" : `→ ${new URL(outcome.location!, "http://localhost").pathname}${new URL(outcome.location!, "http://localhost").search}`) : outcome.status;
      expect(got).toBe(expected);
    });
  }
});
