// The README's API walkthrough against the demo marketplace (npm run db:seed -- --demo): the published demo
// key of the demo canteen browses the catalogue, finds its delivery point and an open slot, places an order,
// reads it and cancels it. If the seed or the API changes so that the README's example stops working, this fails.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_API_KEY } from "../../tests/demo-accounts";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { seedDemo } from "../../prisma/seed";
import type { Database } from "~/utils/db.server";
import { setStorage } from "~/modules/storage/index.server";
import { localDiskStorage } from "~/modules/storage/storage.server";
import { CatalogPageSchema, DeliveryPointListSchema, OrderSchema, SlotListSchema } from "~/modules/api/schemas";
import * as catalogRoute from "./api.v1.catalog";
import * as pointsRoute from "./api.v1.delivery-points";
import * as ordersRoute from "./api.v1.orders";
import * as orderRoute from "./api.v1.orders_.$number";
import * as cancelRoute from "./api.v1.orders_.$number_.cancel";
import * as slotsRoute from "./api.v1.slots";

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<Response>;

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
const uploads = mkdtempSync(path.join(tmpdir(), "hm-api-demo-uploads-"));

async function call(module: object, method: "GET" | "POST", path: string, options: { body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers = new Headers({ Authorization: `Bearer ${DEMO_API_KEY}`, ...options.headers });
  if (options.body !== undefined) headers.set("Content-Type", "application/json");
  const request = new Request(new URL(path, "http://localhost"), { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const m = module as { loader: Handler; action: Handler };
  const response = await (method === "GET" ? m.loader : m.action)({ request, params: options.params ?? {}, context: {} });
  return { status: response.status, headers: response.headers, json: JSON.parse(await response.text()) };
}

beforeAll(async () => {
  setStorage(localDiskStorage(uploads));
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] API on the demo marketplace: database ${t.label}`);
  await seedDemo(t.db.prisma, { now: new Date() });
});
afterAll(async () => {
  store.__humingDb = undefined;
  setStorage(undefined);
  rmSync(uploads, { recursive: true, force: true });
  await t?.drop();
});

describe("the demo key", () => {
  it("walks through the README example: catalogue → delivery point → slot → order → read → cancel", async () => {
    const catalog = await call(catalogRoute, "GET", "/api/v1/catalog?limit=50");
    expect(catalog.status, JSON.stringify(catalog.json)).toBe(200);
    const page = CatalogPageSchema.parse(catalog.json);
    expect(page.items.length).toBeGreaterThan(0);
    // The demo canteen has contract prices (seeded): some pack shows one.
    const all = [page];
    for (let cursor = page.nextCursor; cursor; ) {
      const next = CatalogPageSchema.parse((await call(catalogRoute, "GET", `/api/v1/catalog?limit=100&cursor=${cursor}`)).json);
      all.push(next);
      cursor = next.nextCursor;
    }
    const packs = all.flatMap((p) => p.items.flatMap((i) => i.packs));
    expect(packs.some((k) => k.priceSource === "contract")).toBe(true);
    // The smallest quantity of a tier-priced pack that reaches its seller's minimum order value, within stock.
    const choice = all
      .flatMap((p) => p.items)
      .flatMap((item) =>
        item.packs
          .filter((k) => !k.variableWeight && k.priceSource === "tier")
          .map((k) => {
            let quantity = k.minOrderQuantity;
            const price = (q: number) => [...k.prices].reverse().find((r) => r.minQuantity <= q)?.unitPriceFen ?? Infinity;
            while (price(quantity) * quantity < item.seller.minOrderValueFen) quantity += k.orderMultiple;
            return { pack: k, quantity, unitPriceFen: price(quantity) };
          }),
      )
      .find((c) => c.quantity <= c.pack.available);
    expect(choice).toBeDefined();
    const pack = choice!.pack;

    const points = DeliveryPointListSchema.parse((await call(pointsRoute, "GET", "/api/v1/delivery-points")).json);
    expect(points.items.length).toBeGreaterThan(0);
    let slot: string | undefined;
    let point: string | undefined;
    for (const p of points.items) {
      const slots = SlotListSchema.parse((await call(slotsRoute, "GET", `/api/v1/slots?deliveryPoint=${p.id}`)).json);
      if (slots.items.length > 0) {
        slot = slots.items[0].id;
        point = p.id;
        break;
      }
    }
    expect(slot, "an open slot for one of the demo canteen's delivery points").toBeDefined();

    const body = { deliveryPoint: point, slot, lines: [{ sku: pack.sku, quantity: choice!.quantity }], note: "API 演示" };
    const placed = await call(ordersRoute, "POST", "/api/v1/orders", { body, headers: { "Idempotency-Key": "readme-demo-1" } });
    expect(placed.status, JSON.stringify(placed.json)).toBe(201);
    const order = OrderSchema.parse(placed.json);
    expect(order.channel).toBe("api");
    // Charged at the price the catalogue showed for that quantity.
    expect(order.sellerOrders[0].lines[0]).toMatchObject({ sku: pack.sku, quantity: choice!.quantity, unitPriceFen: choice!.unitPriceFen, lineTotalFen: choice!.unitPriceFen * choice!.quantity });
    const replay = await call(ordersRoute, "POST", "/api/v1/orders", { body, headers: { "Idempotency-Key": "readme-demo-1" } });
    expect([replay.status, replay.headers.get("Idempotent-Replayed"), replay.json.number]).toEqual([201, "true", order.number]);

    const got = await call(orderRoute, "GET", `/api/v1/orders/${order.number}`, { params: { number: order.number } });
    expect(got.status).toBe(200);
    const cancelled = await call(cancelRoute, "POST", `/api/v1/orders/${order.number}/cancel`, { params: { number: order.number }, body: { reason: "演示结束" } });
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    expect(cancelled.json.status).toBe("cancelled");
  });
});
