// Server-renders the trunk page as a whole document and submits its forms as a browser without JavaScript would:
// 自动分配, a run's field errors, 发车, 到达 (the seller order is received), the manifest PDF, and the trunk events on
// the buyer's, the seller's and the operator's order pages.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeliverySlot,
  createOrder,
  createOrganization,
  createProduct,
  createStockEntries,
  createTrunkDeparture,
  createUser,
  createWarehouse,
} from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import {
  testServerBuild,
  type TestRoute,
} from "../../tests/support/server-build";
import {
  createTestDatabase,
  type TestDatabase,
} from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import { permissionsFor } from "~/modules/auth/permissions";
import { addDaysToDay, dayOf } from "~/modules/lots/rules";
import { shanghaiInstant } from "~/modules/orders/cutoff";
import { beijingClock } from "~/modules/trunk/trunk-event";
import { applySellerOrderEvent } from "~/workflows/seller-order-step.server";
import * as buyerOrder from "./orders.$number";
import * as opsOrder from "./ops_.orders.$number";
import * as trunk from "./ops_.trunk._index";
import * as manifest from "./ops_.trunk.$departureId.manifest[.]pdf";
import * as sellerOrder from "./seller.orders_.$sellerOrderId";

const ROUTES: TestRoute[] = [
  {
    id: "routes/ops_.trunk._index",
    path: "ops/trunk",
    index: true,
    module: trunk,
  },
  {
    id: "routes/ops_.trunk.$departureId.manifest[.]pdf",
    path: "ops/trunk/:departureId/manifest.pdf",
    module: manifest,
  },
  {
    id: "routes/ops_.orders.$number",
    path: "ops/orders/:number",
    module: opsOrder,
  },
  { id: "routes/orders.$number", path: "orders/:number", module: buyerOrder },
  {
    id: "routes/seller.orders_.$sellerOrderId",
    path: "seller/orders/:sellerOrderId",
    module: sellerOrder,
  },
];

const store = globalThis as typeof globalThis & {
  __humingDb?: Promise<Database>;
};
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
const cookies: Record<"operator" | "seller" | "buyer", string> = {
  operator: "",
  seller: "",
  buyer: "",
};
// The run leaves in two hours (its cut-off in one), so the page's own clock finds it open; the order is for the
// day after the run's day, the day the page's outlook is about.
const departsAt = new Date(Date.now() + 2 * 3_600_000);
const today = dayOf(departsAt);
const tomorrow = addDaysToDay(today, 1);
let runId: string;
let soId: string;
let number: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] trunk pages: database ${t.label}`);
  const db = t.db.prisma;
  const seller = await createOrganization(db, {
    kind: "cooperative",
    name: "泰宁县香菇专业合作社",
  });
  const buyer = await createOrganization(db, {
    kind: "canteen",
    name: "复旦大学邯郸校区食堂",
  });
  const platform = await createOrganization(db, {
    kind: "platform",
    name: "沪明直供运营中心",
  });
  const sellerUser = await createUser(db, {
    role: "seller",
    organizationId: seller.id,
  });
  const buyerUser = await createUser(db, {
    role: "buyer",
    organizationId: buyer.id,
  });
  cookies.seller = await sessionCookieFor(db, sellerUser.id);
  cookies.buyer = await sessionCookieFor(db, buyerUser.id);
  cookies.operator = await sessionCookieFor(
    db,
    (
      await createUser(db, {
        role: "operator",
        organizationId: platform.id,
        displayName: "陈运营",
      })
    ).id
  );
  const warehouse = await createWarehouse(db, {
    operatorId: platform.id,
    name: "江桥冷链仓",
  });
  const shiitake = await createProduct(db, {
    sellerId: seller.id,
    nameZh: "鲜香菇",
    tempClass: "chilled",
    variants: [{ netWeightGrams: 5_000 }],
  });
  const variantId = shiitake.variants[0]!.id;
  const lot = await db.lot.create({
    data: {
      variantId,
      code: "XG-20261201-01",
      producedAt: new Date(),
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    },
    select: { id: true },
  });
  await createStockEntries(db, [
    { variantId, onHandDelta: 100, lotId: lot.id },
  ]);
  const slot = await createDeliverySlot(db, {
    warehouseId: warehouse.id,
    startsAt: shanghaiInstant(tomorrow, 12 * 60),
    endsAt: shanghaiInstant(tomorrow, 15 * 60),
  });
  const order = await createOrder(db, {
    buyerId: buyer.id,
    placedById: buyerUser.id,
    slotId: slot.id,
    sellerOrders: [
      {
        sellerId: seller.id,
        lines: [
          {
            variantId,
            productNameZh: "鲜香菇",
            sku: "XG-5KG",
            netWeightGrams: 5_000,
            tempClass: "chilled",
            quantity: 6,
            unitPriceFen: 9_000,
            weightGrams: 30_000,
          },
        ],
      },
    ],
  });
  soId = order.sellerOrders[0]!.id;
  number = order.number;
  const actor = {
    userId: sellerUser.id,
    role: "seller",
    permissions: permissionsFor(["seller"]),
    organizationIds: [seller.id],
  };
  // Confirmed a minute ago (before the run's cut-off) and packed.
  const confirmedAt = new Date(Date.now() - 60_000);
  expect(
    (
      await applySellerOrderEvent(db, {
        sellerOrderId: soId,
        event: "confirm",
        actor,
        now: confirmedAt,
      })
    ).ok
  ).toBe(true);
  expect(
    (
      await applySellerOrderEvent(db, {
        sellerOrderId: soId,
        event: "pack",
        actor,
        now: confirmedAt,
      })
    ).ok
  ).toBe(true);
  runId = (
    await createTrunkDeparture(db, {
      warehouseId: warehouse.id,
      tempClass: "chilled",
      departsAt,
      cutoffAt: new Date(departsAt.getTime() - 3_600_000),
      arrivesAt: new Date(departsAt.getTime() + 9.5 * 3_600_000),
      capacityGrams: 1_000_000,
      vehiclePlate: "闽G·12345",
    })
  ).id;
  handler = createRequestHandler(testServerBuild(ROUTES));
}, 120_000);
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

async function get(path: string, cookie: string) {
  const res = await handler(
    new Request(`http://localhost${path}`, { headers: { cookie } }),
    { cspNonce: "test-nonce", requestId: "test" }
  );
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    body: Buffer.from(await res.arrayBuffer()),
  };
}
async function html(path: string, cookie = cookies.operator) {
  const r = await get(path, cookie);
  return { status: r.status, html: r.body.toString("utf8") };
}
async function post(form: Record<string, string>, cookie = cookies.operator) {
  const res = await handler(
    new Request(`http://localhost/ops/trunk?date=${today}`, {
      method: "POST",
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        origin: "http://localhost",
        host: "localhost",
      },
      body: new URLSearchParams(form).toString(),
    }),
    { cspNonce: "test-nonce", requestId: "test" }
  );
  return {
    status: res.status,
    location: res.headers.get("location"),
    html: await res.text(),
  };
}

describe("the trunk page without JavaScript", () => {
  it("shows today's run, the unassigned order with its reason and tomorrow's outlook", async () => {
    const page = await html(`/ops/trunk?date=${today}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("三明干线");
    expect(page.html).toContain(`${beijingClock(departsAt)} 冷藏班次`);
    expect(page.html).toContain("闽G·12345");
    expect(page.html).toContain("自动分配");
    expect(page.html).toContain("明日可用库存");
    expect(page.html).toContain(number);
    expect(page.html).toContain("未排车");
    expect(page.html).toContain('data-reason="pending"');
  });

  it("assigns, departs and arrives: the seller order is received", async () => {
    const assign = await post({ intent: "assign" });
    expect(assign.status).toBe(200);
    expect(assign.html).toContain("已分配 1 批货物");
    expect(assign.html).toContain("已装 30 公斤");
    const depart = await post({ intent: "depart", departureId: runId });
    expect(depart.status).toBe(200);
    expect(depart.html).toContain("已发车：1 个卖家订单随车出发。");
    const arrive = await post({ intent: "arrive", departureId: runId });
    expect(arrive.status).toBe(200);
    expect(arrive.html).toContain("已到达：1 个卖家订单已入仓。");
    const again = await post({ intent: "arrive", departureId: runId });
    expect(again.html).toContain("补办入仓 0 个");
  });

  it("shows field errors of a new run in the page", async () => {
    const bad = await post({
      intent: "create",
      warehouseId: "",
      tempClass: "chilled",
      date: tomorrow,
      cutoffTime: "15:00",
      departTime: "14:00",
      arriveTime: "25:00",
      capacityKg: "0",
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("请选择仓库");
    expect(bad.html).toContain("截单时间不能晚于发车时间");
    expect(bad.html).toContain("请输入 24 小时制时间");
    expect(bad.html).toContain("请输入 1 到 40000 公斤之间的载重");
  });

  it("prints the manifest with the seller, the order and the lot", async () => {
    const pdf = await get(`/ops/trunk/${runId}/manifest.pdf`, cookies.operator);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.body.toString("latin1")).toContain("NotoSans");
    expect(
      (await get("/ops/trunk/not-a-uuid/manifest.pdf", cookies.operator)).status
    ).toBe(404);
    expect(
      (await get(`/ops/trunk/${runId}/manifest.pdf`, cookies.seller)).status
    ).toBe(403);
  });

  it("puts both trunk events and the receipt on the buyer's, seller's and operator's order pages", async () => {
    for (const [path, cookie] of [
      [`/ops/orders/${number}`, cookies.operator],
      [`/orders/${number}`, cookies.buyer],
      [`/seller/orders/${soId}`, cookies.seller],
    ] as const) {
      const page = await html(path, cookie);
      expect(page.status, path).toBe(200);
      for (const label of [
        "已排入三明干线班次",
        "干线已从三明发车",
        "干线已到达上海仓",
      ])
        expect(page.html, `${path}: ${label}`).toContain(label);
      expect(page.html).toMatch(
        /班次 闽G·12345 \d\d-\d\d \d\d:\d\d 发车 · 冷藏/
      );
      expect(page.html).toContain('data-event="receive"');
    }
  });
});
