// Server-renders the delivery setup pages (delivery points, slots, contract prices) as whole documents, the way the
// Remix server answers a browser without JavaScript: plain form posts, a redirect on success, the page with field
// errors on a mistake.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContractPrice, createDeliveryPoint, createDeliverySlot, createOrder, createOrganization, createProduct, createUser, createWarehouse } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as points from "./account.delivery-points";
import * as ops from "./ops";
import * as opsContracts from "./ops_.contracts";
import * as slots from "./ops_.slots";
import * as sellerContracts from "./seller.contracts";

const ROUTES: TestRoute[] = [
  { id: "routes/account.delivery-points", path: "account/delivery-points", module: points },
  { id: "routes/ops", path: "ops", module: ops },
  { id: "routes/ops_.slots", path: "ops/slots", module: slots },
  { id: "routes/ops_.contracts", path: "ops/contracts", module: opsContracts },
  { id: "routes/seller.contracts", path: "seller/contracts", module: sellerContracts },
];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
const cookies = {} as Record<"buyer" | "operator" | "seller", string>;
const ids = {} as Record<"buyer" | "seller" | "warehouse" | "pack" | "platform", string>;

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] delivery setup pages: database ${t.label}`);
  const db = t.db.prisma;
  ids.buyer = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  ids.seller = (await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂" })).id;
  ids.platform = (await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" })).id;
  ids.warehouse = (await createWarehouse(db, { operatorId: ids.platform, name: "江桥冷链仓" })).id;
  ids.pack = (await createProduct(db, { sellerId: ids.seller, nameZh: "沙县扁肉", variants: [{ unit: "bag", netWeightGrams: 500 }] })).variants[0].id;
  cookies.buyer = await sessionCookieFor(db, (await createUser(db, { role: "buyer", organizationId: ids.buyer })).id);
  cookies.seller = await sessionCookieFor(db, (await createUser(db, { role: "seller", organizationId: ids.seller })).id);
  cookies.operator = await sessionCookieFor(db, (await createUser(db, { role: "operator", organizationId: ids.platform })).id);
  handler = createRequestHandler(testServerBuild(ROUTES));
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

async function get(path: string, who: keyof typeof cookies) {
  const res = await handler(new Request(`http://localhost${path}`, { headers: { cookie: cookies[who] } }), { cspNonce: "test-nonce", requestId: "test" });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
}

async function post(path: string, who: keyof typeof cookies, form: Record<string, string>) {
  const res = await handler(
    new Request(`http://localhost${path}`, { method: "POST", headers: { cookie: cookies[who], "content-type": "application/x-www-form-urlencoded", origin: "http://localhost", host: "localhost" }, body: new URLSearchParams(form) }),
    { cspNonce: "test-nonce", requestId: "test" },
  );
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
}

const POINT = { intent: "create", name: "北区食堂", nameEn: "North Canteen", district: "杨浦区", address: "上海市杨浦区国权路 525 号", lat: "31.2989", lng: "121.5015", receivingFrom: "04:30", receivingTo: "07:00", contactName: "王师傅", contactPhone: "138 0000 0099" };

describe("/account/delivery-points without JavaScript", () => {
  it("adds a point: redirect, then the list names it with its hours and contact", async () => {
    const r = await post("/account/delivery-points", "buyer", POINT);
    expect(r.status).toBe(302);
    expect(r.location).toMatch(/^\/account\/delivery-points\?saved=[0-9a-f-]{36}$/);
    const page = await get(r.location!, "buyer");
    expect(page.status).toBe(200);
    for (const text of ["收货地址", "已保存收货点「北区食堂」。", "北区食堂", "杨浦区", "收货时间 04:30–07:00", "138 0000 0099", "添加收货点"]) expect(page.html, text).toContain(text);
  });

  it("shows field errors with what was typed when the coordinates lie outside Shanghai", async () => {
    const r = await post("/account/delivery-points", "buyer", { ...POINT, lat: "121.5015", lng: "31.2989", name: "南区食堂" });
    expect(r.status).toBe(400);
    expect(r.html).toContain("纬度不在上海范围内");
    expect(r.html).toContain("经度不在上海范围内");
    expect(r.html).toContain('value="南区食堂"');
    expect(r.html).toMatch(/name="lat"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="lat"/);
  });

  it("opens a point for editing and archives it", async () => {
    const p = await createDeliveryPoint(t.db.prisma, { organizationId: ids.buyer, name: "东区食堂" });
    const edit = await get(`/account/delivery-points?edit=${p.id}`, "buyer");
    expect(edit.html).toContain("修改收货点：东区食堂");
    expect(edit.html).toContain(`name="pointId" value="${p.id}"`);
    const archived = await post("/account/delivery-points", "buyer", { intent: "archive", pointId: p.id });
    expect(archived.location).toBe(`/account/delivery-points?archived=${p.id}`);
    const list = await get(archived.location!, "buyer");
    expect(list.html).toContain("已停用收货点「东区食堂」。");
    expect(list.html).toContain("已停用的收货点（1）");
  });
});

describe("/ops/slots without JavaScript", () => {
  it("adds a slot, then lists it open with booked against capacity per temperature class", async () => {
    const date = inDays(5);
    const r = await post("/ops/slots", "operator", { intent: "create", warehouseId: ids.warehouse, district: "杨浦区", date, windowStart: "04:30", windowEnd: "06:30", cutoffDaysBefore: "1", cutoffTime: "14:00", capacityAmbient: "2000", capacityChilled: "500", capacityFrozen: "" });
    expect(r.status).toBe(302);
    expect(r.location).toMatch(/^\/ops\/slots\?created=[0-9a-f-]{36}$/);
    const page = await get(r.location!, "operator");
    expect(page.status).toBe(200);
    for (const text of ["配送时段", "已添加配送时段", "04:30–06:30", "接单中", "已订 0 克 / 运力 2,000 公斤", "已订 0 克 / 运力 500 公斤", "不承运", "修改运力", "删除"]) expect(page.html, text).toContain(text);
  });

  it("refuses a window across midnight with the message on its field, keeping what was typed", async () => {
    const r = await post("/ops/slots", "operator", { intent: "create", warehouseId: ids.warehouse, district: "静安区", date: inDays(6), windowStart: "22:00", windowEnd: "02:00", cutoffDaysBefore: "1", cutoffTime: "14:00", capacityAmbient: "100" });
    expect(r.status).toBe(400);
    expect(r.html).toContain("时间窗不能跨过午夜");
    expect(r.html).toContain('value="22:00"');
  });

  it("refuses capacity below what is booked, and deleting a slot with orders, saying why", async () => {
    const db = t.db.prisma;
    const s = await createDeliverySlot(db, { warehouseId: ids.warehouse, district: "虹口区", bookedGrams: { ambient: 40_000 } });
    const below = await post("/ops/slots", "operator", { intent: "capacity", slotId: s.id, capacityAmbient: "10", capacityChilled: "0", capacityFrozen: "0" });
    expect(below.status).toBe(400);
    expect(below.html).toContain("不能低于已订重量 40 公斤");
    const buyerUser = await db.user.findFirstOrThrow({ where: { memberships: { some: { organizationId: ids.buyer } } }, select: { id: true } });
    await createOrder(db, { buyerId: ids.buyer, placedById: buyerUser.id, slotId: s.id, sellerOrders: [{ sellerId: ids.seller, lines: [{ variantId: ids.pack, productNameZh: "沙县扁肉", quantity: 80, unitPriceFen: 990, weightGrams: 40_000 }] }] });
    const refused = await post("/ops/slots", "operator", { intent: "delete", slotId: s.id });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("该时段已有 1 个订单，不能删除。");
    expect(await db.deliverySlot.count({ where: { id: s.id } })).toBe(1);
  });

  it("shows the operations overview's slots by weight per class and links to the slot page", async () => {
    const page = await get("/ops", "operator");
    expect(page.status).toBe(200);
    expect(page.html).toContain('href="/ops/slots"');
    expect(page.html).toContain('href="/ops/contracts"');
    expect(page.html).toContain("已订 40 公斤 / 运力 2,000 公斤");
  });
});

describe("contract prices without JavaScript", () => {
  it("lets the seller add one and see it as current, with the price per kg", async () => {
    const r = await post("/seller/contracts", "seller", { intent: "create", buyerId: ids.buyer, variantId: ids.pack, price: "9.90", validFrom: today(), validTo: "", note: "2027 年框架协议" });
    expect(r.location).toBe("/seller/contracts?notice=saved");
    const page = await get(r.location!, "seller");
    for (const text of ["合同价", "已添加合同价。", "执行中", "复旦大学邯郸校区食堂", "沙县扁肉", "¥9.90", "折合 ¥19.80/公斤", "2027 年框架协议", "提前结束"]) expect(page.html, text).toContain(text);
  });

  it("re-renders a bad price with its error", async () => {
    const r = await post("/seller/contracts", "seller", { intent: "create", buyerId: ids.buyer, variantId: ids.pack, price: "-1", validFrom: today() });
    expect(r.status).toBe(400);
    expect(r.html).toContain('value="-1"');
  });

  it("lets an operator pick the seller and delete a contract that has not started", async () => {
    const c = await createContractPrice(t.db.prisma, { sellerId: ids.seller, buyerId: ids.buyer, variantId: ids.pack, unitPriceFen: 880, validFrom: inDays(30) });
    const page = await get(`/ops/contracts?seller=${ids.seller}`, "operator");
    expect(page.status).toBe(200);
    expect(page.html).toContain("沙县区夏茂小吃食品厂 的合同价");
    expect(page.html).toContain("未生效");
    const r = await post(`/ops/contracts?seller=${ids.seller}`, "operator", { intent: "delete", contractId: c.id, sellerId: ids.seller });
    expect(r.location).toBe(`/ops/contracts?seller=${ids.seller}&notice=deleted`);
    expect(await t.db.prisma.contractPrice.count({ where: { id: c.id } })).toBe(0);
  });
});
