// Server-renders the fulfilment pages as whole documents and submits their forms as a browser without
// JavaScript would (urlencoded POST, redirect, field errors in the re-rendered page): the seller's inbox and
// order page, the packing list PDF, the operator's list and order page.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliverySlot, createOrder, createOrganization, createProduct, createStockEntries, createUser, createWarehouse, shanghaiDay, shanghaiTime } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as opsOrder from "./ops_.orders.$number";
import * as opsOrders from "./ops_.orders._index";
import * as inbox from "./seller.orders";
import * as sellerOrder from "./seller.orders_.$sellerOrderId";
import * as packingList from "./seller.orders_.packing-list[.]pdf";

const ROUTES: TestRoute[] = [
  { id: "routes/seller.orders", path: "seller/orders", module: inbox },
  { id: "routes/seller.orders_.packing-list[.]pdf", path: "seller/orders/packing-list.pdf", module: packingList },
  { id: "routes/seller.orders_.$sellerOrderId", path: "seller/orders/:sellerOrderId", module: sellerOrder },
  { id: "routes/ops_.orders._index", path: "ops/orders", index: true, module: opsOrders },
  { id: "routes/ops_.orders.$number", path: "ops/orders/:number", module: opsOrder },
];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
let sellerCookie: string;
let operatorCookie: string;
let otherSellerCookie: string;
let soId: string;
let number: string;
let riceLine: string;
let mushroomLine: string;
let day: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] fulfilment pages: database ${t.label}`);
  const db = t.db.prisma;
  const seller = await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社" });
  const other = await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社" });
  const buyer = await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" });
  const platform = await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" });
  sellerCookie = await sessionCookieFor(db, (await createUser(db, { role: "seller", organizationId: seller.id, displayName: "林秀英" })).id);
  otherSellerCookie = await sessionCookieFor(db, (await createUser(db, { role: "seller", organizationId: other.id })).id);
  operatorCookie = await sessionCookieFor(db, (await createUser(db, { role: "operator", organizationId: platform.id, displayName: "陈运营" })).id);
  const buyerUser = await createUser(db, { role: "buyer", organizationId: buyer.id });
  const rice = (await createProduct(db, { sellerId: seller.id, nameZh: "明溪大米", variants: [{ netWeightGrams: 10_000 }] })).variants[0].id;
  const mushroom = (await createProduct(db, { sellerId: seller.id, nameZh: "鲜香菇", tempClass: "chilled", variants: [{ netWeightGrams: 5_000, variableWeight: true }] })).variants[0].id;
  await createStockEntries(db, [
    { variantId: rice, onHandDelta: 50 },
    { variantId: mushroom, onHandDelta: 50 },
  ]);
  const warehouse = await createWarehouse(db, { operatorId: platform.id, name: "杨浦配送仓" });
  const d = shanghaiDay(new Date(), 2);
  day = `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
  const slot = await createDeliverySlot(db, { warehouseId: warehouse.id, startsAt: shanghaiTime(d, 5) });
  const order = await createOrder(db, {
    buyerId: buyer.id,
    placedById: buyerUser.id,
    slotId: slot.id,
    note: "请走北门",
    sellerOrders: [
      {
        sellerId: seller.id,
        lines: [
          { variantId: rice, productNameZh: "明溪大米", sku: "RICE-10", quantity: 4, unitPriceFen: 12_000, weightGrams: 40_000, netWeightGrams: 10_000 },
          { variantId: mushroom, productNameZh: "鲜香菇", sku: "XG-5", quantity: 3, unitPriceFen: 9_000, weightGrams: 15_000, netWeightGrams: 5_000, variableWeight: true, tempClass: "chilled" },
        ],
      },
    ],
  });
  soId = order.sellerOrders[0].id;
  number = order.number;
  riceLine = order.sellerOrders[0].lines.find((l) => l.variantId === rice)!.id;
  mushroomLine = order.sellerOrders[0].lines.find((l) => l.variantId === mushroom)!.id;
  await createStockEntries(db, order.sellerOrders[0].lines.map((l) => ({ variantId: l.variantId, kind: "reservation" as const, reservedDelta: l.quantity, orderLineId: l.id })));
  handler = createRequestHandler(testServerBuild(ROUTES));
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

async function get(path: string, cookie = sellerCookie) {
  const res = await handler(new Request(`http://localhost${path}`, { headers: { cookie } }), { cspNonce: "test-nonce", requestId: "test" });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: Buffer.from(await res.arrayBuffer()) };
}
async function html(path: string, cookie = sellerCookie) {
  const r = await get(path, cookie);
  return { status: r.status, html: r.body.toString("utf8") };
}
async function post(path: string, form: Record<string, string>, cookie = sellerCookie) {
  const res = await handler(
    new Request(`http://localhost${path}`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost", host: "localhost" }, body: new URLSearchParams(form).toString() }),
    { cspNonce: "test-nonce", requestId: "test" },
  );
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

describe("the seller's pages without JavaScript", () => {
  it("lists the order in the inbox by delivery day, with a confirm form and the day's packing list", async () => {
    const { status, html: page } = await html("/seller/orders");
    expect(status).toBe(200);
    expect(page).toContain("复旦大学邯郸校区食堂");
    expect(page).toContain("请走北门");
    expect(page).toContain(`href="/seller/orders/packing-list.pdf?date=${day}"`);
    expect(page).toMatch(new RegExp(`<form[^>]*method="post"[^>]*action="/seller/orders/${soId}"`));
    expect(page).toContain("整单确认");
    expect(page).toContain("1 种商品待称重");
  });

  it("shows another seller nothing of it", async () => {
    expect((await html(`/seller/orders/${soId}`, otherSellerCookie)).status).toBe(403);
    expect((await html("/seller/orders", otherSellerCookie)).html).not.toContain("复旦大学邯郸校区食堂");
  });

  it("confirms with a short line: a missing reason is a field error, then the page shows the shortage and the new total", async () => {
    const page = await html(`/seller/orders/${soId}`);
    expect(page.html).toContain("确认接单");
    expect(page.html).toContain(`name="shipped-${riceLine}"`);
    const missing = await post(`/seller/orders/${soId}`, { intent: "confirm", [`shipped-${riceLine}`]: "3", [`shipped-${mushroomLine}`]: "3" });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain("少发时请填写原因");
    expect(missing.html).toMatch(new RegExp(`id="f-shipped-${riceLine}"[^>]*value="3"`));
    const ok = await post(`/seller/orders/${soId}`, { intent: "confirm", [`shipped-${riceLine}`]: "3", [`reason-${riceLine}`]: "今年减产", [`shipped-${mushroomLine}`]: "3" });
    expect(ok).toMatchObject({ status: 302, location: `/seller/orders/${soId}?done=confirm` });
    const after = await html(ok.location!);
    expect(after.html).toContain("已确认接单。");
    expect(after.html).toContain("今年减产");
    // 3 × ¥120 + the mushrooms at nominal weight until weighed.
    expect(after.html).toContain("¥630.00");
    expect(after.html).toContain("记录实重");
  });

  it("weighs the variable-weight line (a kilogram typed as grams is refused) and packs", async () => {
    const pack = await post(`/seller/orders/${soId}`, { intent: "pack" });
    expect(pack.status).toBe(400);
    expect(pack.html).toContain("还有称重商品未记录实重");
    const wrong = await post(`/seller/orders/${soId}`, { intent: "record_weights", [`weight-${mushroomLine}`]: "14", [`unit-${mushroomLine}`]: "g" });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain("与标称重量相差太多");
    const ok = await post(`/seller/orders/${soId}`, { intent: "record_weights", [`weight-${mushroomLine}`]: "14.2", [`unit-${mushroomLine}`]: "kg" });
    expect(ok).toMatchObject({ status: 302, location: `/seller/orders/${soId}?done=record_weights` });
    // 3 × ¥120 + ¥90 × 14.2 kg ÷ 5 kg = ¥360 + ¥255.60.
    expect((await html(ok.location!)).html).toContain("¥615.60");
    expect(await post(`/seller/orders/${soId}`, { intent: "pack" })).toMatchObject({ status: 302, location: `/seller/orders/${soId}?done=pack` });
    const packed = await html(`/seller/orders/${soId}`);
    expect(packed.html).toContain("当前状态下无需卖家操作。");
    // A second click on a form still open in another tab: a message, not an error page.
    const again = await post(`/seller/orders/${soId}`, { intent: "pack" });
    expect(again.status).toBe(400);
    expect(again.html).toContain("订单状态已变化");
  });

  it("prints the day's packing list as a PDF with an embedded CJK font, and explains a bad date", async () => {
    const pdf = await get(`/seller/orders/packing-list.pdf?date=${day}`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.body.toString("latin1")).toMatch(/\/FontFile3|\/FontFile2/);
    const bad = await get("/seller/orders/packing-list.pdf?date=2026-02-30");
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toContain("YYYY-MM-DD");
  });
});

describe("the operator's pages without JavaScript", () => {
  it("finds the order by number and buyer, and runs the warehouse steps to delivered", async () => {
    const list = await html(`/ops/orders?q=${encodeURIComponent("复旦")}`, operatorCookie);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/ops/orders/${number}"`);
    expect((await html(`/ops/orders?q=nobody`, operatorCookie)).html).toContain("没有符合条件的订单。");
    const page = await html(`/ops/orders/${number}`, operatorCookie);
    expect(page.html).toContain("确认收货");
    expect(page.html).toContain("卖家确认");
    let last = "";
    for (const intent of ["receive", "dispatch", "deliver"]) {
      const r = await post(`/ops/orders/${number}`, { sellerOrderId: soId, intent }, operatorCookie);
      expect(r, intent).toMatchObject({ status: 302, location: `/ops/orders/${number}?done=${intent}` });
      last = r.location!;
    }
    const done = await html(last, operatorCookie);
    expect(done.html).toContain("已确认送达。");
    expect(done.html).toContain('data-testid="order-status">已送达');
    const cancel = await post(`/ops/orders/${number}`, { sellerOrderId: soId, intent: "cancel", reason: "太迟" }, operatorCookie);
    expect(cancel.status).toBe(400);
    expect(cancel.html).toContain("订单状态已变化");
  });
});
