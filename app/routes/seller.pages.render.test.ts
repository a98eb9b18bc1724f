// Server-renders the stock feature's seller pages as whole documents (root layout, entry.server, the
// page), the way the Remix server does, and checks the HTML a phone without JavaScript receives.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, createOrganization, createProduct, createStockEntries, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as dashboard from "./seller._index";
import * as orders from "./seller.orders";
import * as stock from "./seller.stock";
import * as history from "./seller.stock_.$variantId";

const ROUTES: TestRoute[] = [
  { id: "routes/seller._index", path: "seller", index: true, module: dashboard },
  { id: "routes/seller.orders", path: "seller/orders", module: orders },
  { id: "routes/seller.stock", path: "seller/stock", module: stock },
  { id: "routes/seller.stock_.$variantId", path: "seller/stock/:variantId", module: history },
];

const build = () => testServerBuild(ROUTES);

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
let cookie: string;
let packId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] seller pages render: database ${t.label}`);
  const db = t.db.prisma;
  const seller = await createOrganization(db, { kind: "cooperative", name: "尤溪县金柑专业合作社", verificationStatus: "pending" });
  const buyer = await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" });
  const user = await createUser(db, { role: "seller", organizationId: seller.id, displayName: "林秀英" });
  const buyerUser = await createUser(db, { role: "buyer", organizationId: buyer.id });
  const p = await createProduct(db, { sellerId: seller.id, nameZh: "尤溪金柑", nameEn: "Youxi kumquats", variants: [{ unit: "box", itemCount: 1, netWeightGrams: 5000 }] });
  packId = p.variants[0].id;
  await createStockEntries(db, [
    { variantId: packId, onHandDelta: 8, actorId: user.id, note: "首批到货" },
    { variantId: packId, reservedDelta: 3, kind: "reservation" },
  ]);
  await createOrder(db, {
    buyerId: buyer.id,
    placedById: buyerUser.id,
    sellerOrders: [{ sellerId: seller.id, status: "placed", lines: [{ variantId: packId, productNameZh: "尤溪金柑", quantity: 3, unitPriceFen: 8800, weightGrams: 15_000 }] }],
  });
  cookie = await sessionCookieFor(db, user.id);
  handler = createRequestHandler(build());
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

async function page(path: string): Promise<{ status: number; html: string }> {
  const res = await handler(new Request(`http://localhost${path}`, { headers: { cookie } }), { cspNonce: "test-nonce", requestId: "test" });
  return { status: res.status, html: await res.text() };
}

describe("seller pages as served", () => {
  it("renders the dashboard: navigation, today's work, the verification banner and an accessible sales chart", async () => {
    const { status, html } = await page("/seller");
    expect(status).toBe(200);
    expect(html).toContain('aria-label="卖家中心栏目"');
    expect(html).toMatch(/<a[^>]*aria-current="page"[^>]*href="\/seller"|<a[^>]*href="\/seller"[^>]*aria-current="page"/);
    for (const label of ["概览", "新建商品", "库存", "批次与溯源", "批量导入", "订单", "资料与认证", "今日待办", "待确认订单", "库存偏低", "7 天内到期的批次", "机构认证审核中"]) expect(html, label).toContain(label);
    expect(html).toContain('href="/seller/orders"');
    expect(html).toContain('href="/seller/profile"');
    // The chart: SVG with a title and description, and the figures as a table.
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="sales-chart-title sales-chart-desc"/);
    expect(html).toContain("<table");
    expect(html).toContain("¥264.00");
    expect(html).toContain("尤溪金柑");
  });

  it("renders the stock page with labelled figures, low stock and a form that works without JavaScript", async () => {
    const { status, html } = await page("/seller/stock");
    expect(status).toBe(200);
    for (const label of ["在库", "已预留", "可售", "库存偏低", "到货入库", "盘点", "损耗"]) expect(html, label).toContain(label);
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toContain(`name="variantId" value="${packId}"`);
    for (const reason of ["received", "counted", "spoiled"]) expect(html).toMatch(new RegExp(`<input type="radio" name="reason"[^>]*value="${reason}"`));
    expect(html).toMatch(/<input[^>]*name="quantity"[^>]*inputMode="numeric"/);
    expect(html).toMatch(/<input[^>]*name="note"[^>]*maxLength="200"/);
  });

  it("renders a pack's history with who and when in Beijing time", async () => {
    const { status, html } = await page(`/seller/stock/${packId}`);
    expect(status).toBe(200);
    expect(html).toContain("林秀英");
    expect(html).toContain("首批到货");
    expect(html).toContain("在库 +8");
    expect(html).toContain("已预留 +3");
    expect(html).toContain("系统");
  });

  it("renders the orders to confirm with a plain form to confirm each one whole", async () => {
    const { status, html } = await page("/seller/orders");
    expect(status).toBe(200);
    expect(html).toContain("复旦大学邯郸校区食堂");
    expect(html).toContain("¥264.00");
    expect(html).toMatch(/<form[^>]*method="post"[^>]*action="\/seller\/orders\/[0-9a-f-]+"/);
    expect(html).toContain("整单确认");
  });
});
