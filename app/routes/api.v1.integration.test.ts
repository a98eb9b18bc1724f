// The buyer API (/api/v1/…) on PostgreSQL through its route modules: Bearer keys and scopes, the catalogue
// with contract prices and a stable cursor, delivery points and slots, placing exactly once with an
// Idempotency-Key, reading and cancelling orders, and every kind of bad input answering the one error shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  createContractPrice,
  createDeliveryPoint,
  createDeliverySlot,
  createOrganization,
  createProduct,
  createStockEntries,
  createUser,
  createWarehouse,
} from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import { apiRoute } from "~/modules/api/http.server";
import { createApiKey, revokeApiKey } from "~/modules/api/keys.server";
import type { ApiScope } from "~/modules/api/key-format";
import { ApiErrorSchema, CatalogPageSchema, DeliveryPointListSchema, OrderSchema, SlotListSchema } from "~/modules/api/schemas";
import * as catalogRoute from "./api.v1.catalog";
import * as pointsRoute from "./api.v1.delivery-points";
import * as openApiRoute from "./api.v1.openapi[.]json";
import * as ordersRoute from "./api.v1.orders";
import * as orderRoute from "./api.v1.orders_.$number";
import * as cancelRoute from "./api.v1.orders_.$number_.cancel";
import * as slotsRoute from "./api.v1.slots";
import * as otherRoute from "./api.v1.$";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<Response>;
type Module = { loader?: Handler; action?: Handler };

interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

/** One request to a route module, as Remix would route it (GET/HEAD → loader, anything else → action). */
async function call(
  module: object,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; raw?: BodyInit; headers?: Record<string, string>; params?: Record<string, string>; idempotencyKey?: string } = {},
): Promise<Answer> {
  const headers = new Headers(options.headers);
  if (options.key) headers.set("Authorization", `Bearer ${options.key}`);
  if (options.idempotencyKey !== undefined) headers.set("Idempotency-Key", options.idempotencyKey);
  let body: BodyInit | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  }
  const init: RequestInit & { duplex?: string } = { method, headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  const request = new Request(new URL(path, "http://localhost"), init);
  const m = module as Module;
  const handler = method === "GET" || method === "HEAD" ? m.loader : m.action;
  if (!handler) throw new Error(`no handler for ${method} ${path}`);
  const response = await handler({ request, params: options.params ?? {}, context: { requestId: "req-test" } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

/** Checks the one error shape and returns the error. */
function errorOf(answer: Answer, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  const parsed = ApiErrorSchema.safeParse(answer.json);
  expect(parsed.success, JSON.stringify(answer.json)).toBe(true);
  expect(answer.json.error.code).toBe(code);
  expect(answer.json.error.message.length).toBeGreaterThan(0);
  expect(answer.headers.get("Content-Type")).toMatch(/^application\/json/);
  return answer.json.error as z.output<typeof ApiErrorSchema>["error"];
}

const ids = {} as {
  canteen: string;
  other: string;
  buyer: string;
  otherBuyer: string;
  sellerA: string;
  sellerB: string;
  sellerC: string;
  point: string;
  archivedPoint: string;
  otherPoint: string;
  farPoint: string;
  slot: string;
  closedSlot: string;
  products: string[];
};
const keys = {} as Record<"full" | "readOnly" | "catalogOnly" | "writeOnly" | "revoked" | "other" | "suspended", string>;
const SKU = { bianrou: "API-BIANROU-500", xianggu: "API-XG-1KG", bailian: "API-BAILIAN-250", paused: "API-PAUSED-1", leicha: "API-LEICHA-1", sun: (n: number) => `API-SUN-${n}` };

async function keyFor(organizationId: string, createdById: string, scopes: ApiScope[]): Promise<string> {
  const made = await createApiKey(t.db.prisma, { organizationId, createdById, name: scopes.join(" "), scopes });
  if (!made.ok) throw new Error("key not created");
  return made.key;
}

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] buyer API: database ${t.label}`);
  const db = t.db.prisma;
  const platform = await createOrganization(db, { kind: "platform" });
  ids.canteen = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  ids.other = (await createOrganization(db, { kind: "canteen", name: "同济大学四平路校区食堂" })).id;
  const suspended = await createOrganization(db, { kind: "canteen", suspendedAt: new Date("2026-11-01T00:00:00Z") });
  ids.sellerA = (await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂" })).id;
  ids.sellerB = (await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社" })).id;
  ids.buyer = (await createUser(db, { role: "buyer", organizationId: ids.canteen, displayName: "王采购" })).id;
  ids.otherBuyer = (await createUser(db, { role: "buyer", organizationId: ids.other })).id;
  const suspendedBuyer = (await createUser(db, { role: "buyer", organizationId: suspended.id })).id;

  const bianrou = await createProduct(db, { sellerId: ids.sellerA, nameZh: "沙县扁肉（速冻）", nameEn: "Shaxian wontons (frozen)", category: "frozen_foods", tempClass: "frozen", variants: [{ sku: SKU.bianrou, unit: "bag", netWeightGrams: 500, tiers: [{ minQuantity: 1, unitPriceFen: 1200 }, { minQuantity: 10, unitPriceFen: 1100 }] }] });
  const xianggu = await createProduct(db, { sellerId: ids.sellerA, nameZh: "泰宁鲜香菇", nameEn: "Taining fresh shiitake", category: "mushrooms", tempClass: "chilled", variants: [{ sku: SKU.xianggu, unit: "box", netWeightGrams: 1000, variableWeight: true, minOrderQuantity: 2, orderMultiple: 2, tiers: [{ minQuantity: 1, unitPriceFen: 9000 }] }] });
  const bailian = await createProduct(db, { sellerId: ids.sellerB, nameZh: "建宁通心白莲", nameEn: "Jianning lotus seeds", category: "forest_goods", variants: [{ sku: SKU.bailian, unit: "bag", netWeightGrams: 250, tiers: [{ minQuantity: 1, unitPriceFen: 3500 }] }] });
  const paused = await createProduct(db, { sellerId: ids.sellerB, nameZh: "明溪淮山（停售）", status: "paused", variants: [{ sku: SKU.paused }] });
  // A seller with a minimum order value of ¥500 per delivery.
  ids.sellerC = (await createOrganization(db, { kind: "cooperative", name: "将乐县擂茶合作社", minOrderValueFen: 50_000 })).id;
  const leicha = await createProduct(db, { sellerId: ids.sellerC, nameZh: "将乐擂茶", category: "tea", variants: [{ sku: SKU.leicha, tiers: [{ minQuantity: 1, unitPriceFen: 4000 }] }] });
  const sun = [];
  for (let n = 1; n <= 5; n++) sun.push(await createProduct(db, { sellerId: ids.sellerB, nameZh: `尤溪笋干 ${n} 号`, nameEn: `Youxi dried bamboo shoots ${n}`, category: "bamboo_shoots", variants: [{ sku: SKU.sun(n), tiers: [{ minQuantity: 1, unitPriceFen: 2000 + n }] }] }));
  ids.products = [bianrou.id, xianggu.id, bailian.id, ...sun.map((p) => p.id), leicha.id];
  await createStockEntries(db, [
    { variantId: bianrou.variants[0].id, onHandDelta: 100 },
    { variantId: xianggu.variants[0].id, onHandDelta: 20 },
    { variantId: bailian.variants[0].id, onHandDelta: 3 },
    { variantId: paused.variants[0].id, onHandDelta: 10 },
    ...sun.map((p) => ({ variantId: p.variants[0].id, onHandDelta: 50 })),
    { variantId: leicha.variants[0].id, onHandDelta: 100 },
  ]);
  // The canteen's contract price for the wontons overrides the tiers; the other canteen pays the tiers.
  await createContractPrice(db, { sellerId: ids.sellerA, buyerId: ids.canteen, variantId: bianrou.variants[0].id, unitPriceFen: 1000, validFrom: "2026-01-01" });

  const warehouse = await createWarehouse(db, { operatorId: platform.id });
  const now = Date.now();
  ids.slot = (await createDeliverySlot(db, { warehouseId: warehouse.id, district: "杨浦区", startsAt: new Date(now + 3 * 86_400_000), cutoffAt: new Date(now + 2 * 86_400_000) })).id;
  ids.closedSlot = (await createDeliverySlot(db, { warehouseId: warehouse.id, district: "杨浦区", startsAt: new Date(now + 86_400_000), cutoffAt: new Date(now - 3_600_000) })).id;
  await createDeliverySlot(db, { warehouseId: warehouse.id, district: "闵行区", startsAt: new Date(now + 4 * 86_400_000), cutoffAt: new Date(now + 3 * 86_400_000) });
  ids.point = (await createDeliveryPoint(db, { organizationId: ids.canteen, name: "南区食堂", district: "杨浦区" })).id;
  ids.archivedPoint = (await createDeliveryPoint(db, { organizationId: ids.canteen, name: "旧食堂", archivedAt: new Date("2026-10-01T00:00:00Z") })).id;
  ids.farPoint = (await createDeliveryPoint(db, { organizationId: ids.canteen, name: "闵行校区食堂", district: "闵行区", address: "上海市闵行区东川路800号" })).id;
  ids.otherPoint = (await createDeliveryPoint(db, { organizationId: ids.other, name: "西北一食堂" })).id;

  keys.full = await keyFor(ids.canteen, ids.buyer, ["catalog:read", "orders:read", "orders:write"]);
  keys.readOnly = await keyFor(ids.canteen, ids.buyer, ["catalog:read", "orders:read"]);
  keys.catalogOnly = await keyFor(ids.canteen, ids.buyer, ["catalog:read"]);
  keys.writeOnly = await keyFor(ids.canteen, ids.buyer, ["orders:write"]);
  keys.revoked = await keyFor(ids.canteen, ids.buyer, ["catalog:read", "orders:read", "orders:write"]);
  const revokedRow = await db.apiKey.findFirstOrThrow({ where: { prefix: keys.revoked.slice(0, 11) }, select: { id: true } });
  await revokeApiKey(db, ids.canteen, revokedRow.id);
  keys.other = await keyFor(ids.other, ids.otherBuyer, ["catalog:read", "orders:read", "orders:write"]);
  keys.suspended = await keyFor(suspended.id, suspendedBuyer, ["catalog:read", "orders:read", "orders:write"]);
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

const order = (overrides: Record<string, unknown> = {}) => ({
  deliveryPoint: ids.point,
  slot: ids.slot,
  lines: [
    { sku: SKU.bianrou, quantity: 10 },
    { sku: SKU.bailian, quantity: 2 },
  ],
  note: "请走北门",
  ...overrides,
});
const place = (body: unknown, idempotencyKey: string, key: string = keys.full) => call(ordersRoute, "POST", "/api/v1/orders", { key, body, idempotencyKey });

describe("GET /api/v1/openapi.json", () => {
  it("is public and describes every endpoint", async () => {
    const out = await call(openApiRoute, "GET", "/api/v1/openapi.json");
    expect(out.status).toBe(200);
    expect(out.json.openapi).toBe("3.1.0");
    expect(Object.keys(out.json.paths)).toContain("/api/v1/orders/{number}/cancel");
    errorOf(await call(openApiRoute, "POST", "/api/v1/openapi.json"), 405, "method_not_allowed");
  });
});

describe("authentication", () => {
  it("answers 401 in the error shape without a key, with a malformed, unknown or revoked key, or a suspended organization's", async () => {
    const attempts: (Record<string, string> | undefined)[] = [
      undefined,
      { Authorization: "Basic dXNlcjpwYXNz" },
      { Authorization: "Bearer" },
      { Authorization: "Bearer hm_short" },
      { Authorization: `Bearer hm_${"0".repeat(32)}` },
      { Authorization: `Bearer ${keys.revoked}` },
      { Authorization: `Bearer ${keys.suspended}` },
      { Authorization: `Bearer ${keys.full}x` },
    ];
    for (const headers of attempts) {
      const out = await call(catalogRoute, "GET", "/api/v1/catalog", { headers });
      const error = errorOf(out, 401, "unauthorized");
      expect(error.requestId).toBe("req-test");
      expect(out.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    }
    // A write with a revoked key is refused before the body is even read.
    errorOf(await place(order(), "revoked-1", keys.revoked), 401, "unauthorized");
    expect(await t.db.prisma.order.count({ where: { idempotencyKey: "revoked-1" } })).toBe(0);
  });

  it("answers 403 forbidden for a key without the endpoint's scope", async () => {
    const out = await call(pointsRoute, "GET", "/api/v1/delivery-points", { key: keys.catalogOnly });
    expect(errorOf(out, 403, "forbidden").message).toContain("orders:read");
    errorOf(await call(catalogRoute, "GET", "/api/v1/catalog", { key: keys.writeOnly }), 403, "forbidden");
    errorOf(await place(order(), "scope-1", keys.readOnly), 403, "forbidden");
    expect(await t.db.prisma.order.count({ where: { idempotencyKey: "scope-1" } })).toBe(0);
  });

  it("updates a key's last used time only for calls it may make: not for a 403 out of scope, nor for a revoked key's 401", async () => {
    const db = t.db.prisma;
    const key = await keyFor(ids.canteen, ids.buyer, ["catalog:read"]);
    const lastUsed = async (k: string) => (await db.apiKey.findFirstOrThrow({ where: { prefix: k.slice(0, 11) }, select: { lastUsedAt: true } })).lastUsedAt;
    errorOf(await call(pointsRoute, "GET", "/api/v1/delivery-points", { key }), 403, "forbidden");
    errorOf(await call(slotsRoute, "GET", `/api/v1/slots?deliveryPoint=${ids.point}`, { key }), 403, "forbidden");
    errorOf(await place(order(), "last-used-1", key), 403, "forbidden");
    expect(await lastUsed(key)).toBeNull();
    expect((await call(catalogRoute, "GET", "/api/v1/catalog", { key })).status).toBe(200);
    expect(await lastUsed(key)).toBeInstanceOf(Date);
    errorOf(await call(catalogRoute, "GET", "/api/v1/catalog", { key: keys.revoked }), 401, "unauthorized");
    errorOf(await place(order(), "last-used-2", keys.revoked), 401, "unauthorized");
    expect(await lastUsed(keys.revoked)).toBeNull();
  });

  it("speaks English when asked", async () => {
    const out = await call(catalogRoute, "GET", "/api/v1/catalog", { headers: { "Accept-Language": "en-GB,en;q=0.8" } });
    expect(errorOf(out, 401, "unauthorized").message).toMatch(/^A valid API key is required/);
    const zh = await call(catalogRoute, "GET", "/api/v1/catalog");
    expect(zh.json.error.message).toMatch(/API 密钥/);
  });
});

describe("GET /api/v1/catalog", () => {
  it("lists listed products with packs, the caller's prices (contract where it applies) and available packs", async () => {
    const out = await call(catalogRoute, "GET", "/api/v1/catalog?limit=100", { key: keys.full });
    expect(out.status).toBe(200);
    const page = CatalogPageSchema.parse(out.json);
    expect(page.items.map((p) => p.id).sort()).toEqual([...ids.products].sort());
    const packs = Object.fromEntries(page.items.flatMap((p) => p.packs.map((k) => [k.sku, k])));
    expect(packs[SKU.paused]).toBeUndefined();
    expect(packs[SKU.bianrou]).toEqual({
      sku: SKU.bianrou,
      unit: "bag",
      itemCount: 1,
      netWeightGrams: 500,
      variableWeight: false,
      minOrderQuantity: 1,
      orderMultiple: 1,
      priceSource: "contract",
      prices: [{ minQuantity: 1, unitPriceFen: 1000, perKgFen: 2000 }],
      available: 100,
    });
    expect(packs[SKU.xianggu]).toMatchObject({ variableWeight: true, minOrderQuantity: 2, orderMultiple: 2, available: 20, priceSource: "tier" });
    expect(packs[SKU.bailian].available).toBe(3);
    // Another organization sees the public tiers.
    const other = CatalogPageSchema.parse((await call(catalogRoute, "GET", "/api/v1/catalog?limit=100", { key: keys.other })).json);
    const theirs = other.items.flatMap((p) => p.packs).find((k) => k.sku === SKU.bianrou);
    expect(theirs).toMatchObject({ priceSource: "tier", prices: [{ minQuantity: 1, unitPriceFen: 1200, perKgFen: 2400 }, { minQuantity: 10, unitPriceFen: 1100, perKgFen: 2200 }] });
  });

  it("pages with a stable cursor: every product exactly once, in id order, even when one is added between pages", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/catalog?limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = CatalogPageSchema.parse((await call(catalogRoute, "GET", url, { key: keys.full })).json);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      pages += 1;
      if (pages === 1) await createProduct(t.db.prisma, { sellerId: ids.sellerB, nameZh: "新上架的红菇", category: "mushrooms" }).then((p) => ids.products.push(p.id));
    } while (cursor && pages < 10);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    // The product added after the first page shows up only if it sorts after that page; the others all do.
    const before = ids.products.slice(0, -1);
    for (const id of before) expect(seen).toContain(id);
  });

  it("searches with q (through the search engine) and filters by category", async () => {
    const q = CatalogPageSchema.parse((await call(catalogRoute, "GET", `/api/v1/catalog?q=${encodeURIComponent("笋干")}`, { key: keys.full })).json);
    expect(q.items.length).toBe(5);
    expect(q.items.every((p) => p.category === "bamboo_shoots")).toBe(true);
    const pinyin = CatalogPageSchema.parse((await call(catalogRoute, "GET", "/api/v1/catalog?q=bailian", { key: keys.full })).json);
    expect(pinyin.items.map((p) => p.nameZh)).toContain("建宁通心白莲");
    const first = CatalogPageSchema.parse((await call(catalogRoute, "GET", `/api/v1/catalog?q=${encodeURIComponent("笋干")}&limit=2`, { key: keys.full })).json);
    const second = CatalogPageSchema.parse((await call(catalogRoute, "GET", `/api/v1/catalog?q=${encodeURIComponent("笋干")}&limit=2&cursor=${first.nextCursor}`, { key: keys.full })).json);
    expect(first.items.length).toBe(2);
    expect(second.items.length).toBe(2);
    expect(second.items[0].id > first.items[1].id).toBe(true);
    const cat = CatalogPageSchema.parse((await call(catalogRoute, "GET", "/api/v1/catalog?category=frozen_foods", { key: keys.full })).json);
    expect(cat.items.map((p) => p.nameZh)).toEqual(["沙县扁肉（速冻）"]);
    const none = CatalogPageSchema.parse((await call(catalogRoute, "GET", "/api/v1/catalog?q=zzzzqqqq", { key: keys.full })).json);
    expect(none).toEqual({ items: [], nextCursor: null });
  });

  it("refuses bad query values with 400 and the parameter's name", async () => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=abc", "limit"],
      ["limit=2.5", "limit"],
      ["category=toys", "category"],
      ["cursor=not-ours", "cursor"],
      [`cursor=${Buffer.from("p:123").toString("base64url")}`, "cursor"],
      [`q=${"香".repeat(101)}`, "q"],
      [`q=%00`, "q"],
    ] as const) {
      const error = errorOf(await call(catalogRoute, "GET", `/api/v1/catalog?${query}`, { key: keys.full }), 400, "invalid_request");
      expect(Object.keys(error.fields ?? {}), query).toEqual([field]);
    }
    errorOf(await call(catalogRoute, "POST", "/api/v1/catalog", { key: keys.full, body: {} }), 405, "method_not_allowed");
  });
});

describe("GET /api/v1/delivery-points and /api/v1/slots", () => {
  it("lists the caller's own delivery points that are not archived, without contact details", async () => {
    const out = await call(pointsRoute, "GET", "/api/v1/delivery-points", { key: keys.readOnly });
    const list = DeliveryPointListSchema.parse(out.json);
    expect(list.items.map((p) => p.id).sort()).toEqual([ids.point, ids.farPoint].sort());
    expect(list.items.find((p) => p.id === ids.point)).toMatchObject({ name: "南区食堂", district: "杨浦区", lat: 31.2975, lng: 121.5033, receivingFrom: "04:30" });
    expect(JSON.stringify(out.json)).not.toContain("13800000099");
    const theirs = DeliveryPointListSchema.parse((await call(pointsRoute, "GET", "/api/v1/delivery-points", { key: keys.other })).json);
    expect(theirs.items.map((p) => p.id)).toEqual([ids.otherPoint]);
  });

  it("lists the open slots of the point's district with remaining capacity; closed ones are left out", async () => {
    const out = await call(slotsRoute, "GET", `/api/v1/slots?deliveryPoint=${ids.point}`, { key: keys.readOnly });
    const list = SlotListSchema.parse(out.json);
    expect(list.items.map((s) => s.id)).toEqual([ids.slot]);
    expect(list.items[0].remainingGrams).toEqual({ ambient: 2_000_000, chilled: 2_000_000, frozen: 2_000_000 });
    expect(new Date(list.items[0].cutoffAt).getTime()).toBeGreaterThan(Date.now());
    const far = SlotListSchema.parse((await call(slotsRoute, "GET", `/api/v1/slots?deliveryPoint=${ids.farPoint}`, { key: keys.readOnly })).json);
    expect(far.items.length).toBe(1);
    expect(far.items[0].id).not.toBe(ids.slot);
  });

  it("answers 404 for another organization's or an archived point, 400 for a missing or malformed one", async () => {
    errorOf(await call(slotsRoute, "GET", `/api/v1/slots?deliveryPoint=${ids.otherPoint}`, { key: keys.readOnly }), 404, "not_found");
    errorOf(await call(slotsRoute, "GET", `/api/v1/slots?deliveryPoint=${ids.archivedPoint}`, { key: keys.readOnly }), 404, "not_found");
    expect(errorOf(await call(slotsRoute, "GET", "/api/v1/slots", { key: keys.readOnly }), 400, "invalid_request").fields).toEqual({ deliveryPoint: "必填" });
    expect(errorOf(await call(slotsRoute, "GET", "/api/v1/slots?deliveryPoint=abc", { key: keys.readOnly }), 400, "invalid_request").fields).toHaveProperty("deliveryPoint");
  });
});

describe("POST /api/v1/orders", () => {
  let placed: z.output<typeof OrderSchema>;

  it("places the order split per seller with prices as charged: 201", async () => {
    const out = await place(order(), "erp-0001");
    expect(out.status, JSON.stringify(out.json)).toBe(201);
    placed = OrderSchema.parse(out.json);
    expect(out.headers.get("Idempotent-Replayed")).toBeNull();
    expect(out.headers.get("Location")).toBe(`/api/v1/orders/${placed.number}`);
    expect(placed).toMatchObject({ status: "placed", channel: "api", note: "请走北门", deliveryPoint: { id: ids.point }, slot: { id: ids.slot } });
    expect(placed.sellerOrders.map((so) => so.seller.id).sort()).toEqual([ids.sellerA, ids.sellerB].sort());
    const lines = Object.fromEntries(placed.sellerOrders.flatMap((so) => so.lines.map((l) => [l.sku, l])));
    expect(lines[SKU.bianrou]).toMatchObject({ quantity: 10, unitPriceFen: 1000, priceSource: "contract", lineTotalFen: 10_000 });
    expect(lines[SKU.bailian]).toMatchObject({ quantity: 2, unitPriceFen: 3500, priceSource: "tier", lineTotalFen: 7000 });
    expect(placed.totalFen).toBe(17_000 + placed.deliveryFeeFen);
    const row = await t.db.prisma.order.findUniqueOrThrow({ where: { number: placed.number }, select: { buyerId: true, placedById: true, channel: true, idempotencyKey: true } });
    expect(row).toEqual({ buyerId: ids.canteen, placedById: ids.buyer, channel: "api", idempotencyKey: "erp-0001" });
    const balance = await t.db.prisma.stockBalance.findFirstOrThrow({ where: { variant: { sku: SKU.bailian } }, select: { onHand: true, reserved: true } });
    expect(balance).toEqual({ onHand: 3, reserved: 2 });
  });

  it("answers a replay of the same key and body with the same order and Idempotent-Replayed: true", async () => {
    // The same request with its lines in another order and the SKU split in two is the same request.
    const again = await place(order({ lines: [{ sku: SKU.bailian, quantity: 2 }, { sku: SKU.bianrou, quantity: 4 }, { sku: SKU.bianrou, quantity: 6 }] }), "erp-0001");
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(OrderSchema.parse(again.json).number).toBe(placed.number);
    const replays = await Promise.all(Array.from({ length: 5 }, () => place(order(), "erp-0001")));
    expect(replays.every((r) => r.status === 201 && r.json.number === placed.number)).toBe(true);
    expect(await t.db.prisma.order.count({ where: { buyerId: ids.canteen, idempotencyKey: "erp-0001" } })).toBe(1);
  });

  it("refuses the same key with another body: 422 idempotency_key_reused", async () => {
    const error = errorOf(await place(order({ lines: [{ sku: SKU.bianrou, quantity: 11 }] }), "erp-0001"), 422, "idempotency_key_reused");
    expect(error.fields).toHaveProperty("Idempotency-Key");
    errorOf(await place(order({ note: "另一张单" }), "erp-0001"), 422, "idempotency_key_reused");
    // Keys are per organization: the other canteen may use the same key for its own order.
    const theirs = await place(order({ deliveryPoint: ids.otherPoint, lines: [{ sku: SKU.sun(1), quantity: 1 }] }), "erp-0001", keys.other);
    expect(theirs.status, JSON.stringify(theirs.json)).toBe(201);
    expect(theirs.json.number).not.toBe(placed.number);
  });

  it("requires an Idempotency-Key of visible ASCII", async () => {
    for (const key of [undefined, "", "x".repeat(256), "caf\u00e9", "has space"]) {
      const out = await call(ordersRoute, "POST", "/api/v1/orders", { key: keys.full, body: order(), idempotencyKey: key });
      expect(errorOf(out, 400, "idempotency_key_missing").fields).toHaveProperty("Idempotency-Key");
    }
  });

  it("refuses malformed JSON, other media types and bodies over 64 KB in the error shape", async () => {
    const raw = (raw: BodyInit, headers: Record<string, string>) => call(ordersRoute, "POST", "/api/v1/orders", { key: keys.full, raw, headers, idempotencyKey: "bad-body" });
    errorOf(await raw('{"deliveryPoint": ', { "Content-Type": "application/json" }), 400, "malformed_json");
    errorOf(await raw("", { "Content-Type": "application/json" }), 400, "malformed_json");
    errorOf(await raw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { "Content-Type": "application/json" }), 400, "malformed_json");
    errorOf(await raw("deliveryPoint=x", { "Content-Type": "application/x-www-form-urlencoded" }), 415, "unsupported_media_type");
    errorOf(await raw(JSON.stringify(order()), {}), 415, "unsupported_media_type");
    errorOf(await raw(JSON.stringify(order()), { "Content-Type": "text/plain" }), 415, "unsupported_media_type");
    const huge = JSON.stringify(order({ note: "x".repeat(70 * 1024) }));
    expect(errorOf(await raw(huge, { "Content-Type": "application/json" }), 413, "payload_too_large").message).toContain("64");
    // Streamed without a length: counted as it arrives.
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    errorOf(await raw(stream, { "Content-Type": "application/json" }), 413, "payload_too_large");
    expect(await t.db.prisma.order.count({ where: { idempotencyKey: "bad-body" } })).toBe(0);
  });

  it("refuses negative, zero, fractional, absurd and mistyped quantities and unknown members with 400 and the field path", async () => {
    const cases: [unknown, Record<string, string>][] = [
      [{ sku: SKU.bianrou, quantity: -1 }, { "lines.0.quantity": "不能小于 1" }],
      [{ sku: SKU.bianrou, quantity: 0 }, { "lines.0.quantity": "不能小于 1" }],
      [{ sku: SKU.bianrou, quantity: 1.5 }, { "lines.0.quantity": "必须是整数" }],
      [{ sku: SKU.bianrou, quantity: 1e9 }, { "lines.0.quantity": "不能大于 100000" }],
      [{ sku: SKU.bianrou, quantity: "10" }, { "lines.0.quantity": "类型错误，应为 number" }],
      [{ sku: SKU.bianrou }, { "lines.0.quantity": "必填" }],
      [{ sku: SKU.bianrou, quantity: 1, price: 1 }, { "lines.0.price": "不支持的字段" }],
    ];
    for (const [line, fields] of cases) {
      const error = errorOf(await place(order({ lines: [line] }), "bad-quantity"), 400, "invalid_request");
      expect(error.fields, JSON.stringify(line)).toEqual(fields);
    }
    // 1e400 is Infinity in JavaScript: still a field error.
    const inf = await call(ordersRoute, "POST", "/api/v1/orders", { key: keys.full, raw: `{"deliveryPoint":"${ids.point}","slot":"${ids.slot}","lines":[{"sku":"${SKU.bianrou}","quantity":1e400}]}`, headers: { "Content-Type": "application/json" }, idempotencyKey: "bad-quantity" });
    expect(errorOf(inf, 400, "invalid_request").fields).toHaveProperty(["lines.0.quantity"]);
    expect(errorOf(await place({ ...order(), lines: [] }, "bad-quantity"), 400, "invalid_request").fields).toEqual({ lines: "至少 1 项" });
    expect(errorOf(await place([order()], "bad-quantity"), 400, "invalid_request").fields).toEqual({ body: "类型错误，应为 object" });
    expect(errorOf(await place({ ...order(), extra: true }, "bad-quantity"), 400, "invalid_request").fields).toEqual({ extra: "不支持的字段" });
    expect(errorOf(await place(order({ deliveryPoint: "南区食堂" }), "bad-quantity"), 400, "invalid_request").fields).toHaveProperty("deliveryPoint");
    expect(await t.db.prisma.order.count({ where: { idempotencyKey: "bad-quantity" } })).toBe(0);
  });

  it("refuses unknown SKUs with 422 and the path of each", async () => {
    const error = errorOf(await place(order({ lines: [{ sku: SKU.bianrou, quantity: 10 }, { sku: "NO-SUCH-SKU", quantity: 1 }, { sku: "ALSO-MISSING", quantity: 1 }] }), "unknown-sku"), 422, "unknown_sku");
    expect(error.fields).toEqual({ "lines.1.sku": "没有这个商品编号", "lines.2.sku": "没有这个商品编号" });
  });

  it("refuses quantities off the pack's minimum or multiple, packs not for sale, and another organization's delivery point (422)", async () => {
    const q = errorOf(await place(order({ lines: [{ sku: SKU.bianrou, quantity: 1 }, { sku: SKU.xianggu, quantity: 3 }] }), "rules-1"), 422, "invalid_quantity");
    expect(q.fields).toEqual({ "lines.1.quantity": expect.stringContaining("起订 2") });
    const paused = errorOf(await place(order({ lines: [{ sku: SKU.paused, quantity: 1 }] }), "rules-2"), 422, "pack_unavailable");
    expect(paused.fields).toEqual({ "lines.0.sku": "该规格目前不可购买" });
    const point = errorOf(await place(order({ deliveryPoint: ids.otherPoint }), "rules-3"), 422, "delivery_point_invalid");
    expect(point.fields).toHaveProperty("deliveryPoint");
    errorOf(await place(order({ deliveryPoint: ids.archivedPoint }), "rules-4"), 422, "delivery_point_invalid");
    // A slot of another district than the point's.
    errorOf(await place(order({ deliveryPoint: ids.farPoint }), "rules-5"), 422, "delivery_point_invalid");
    expect(await t.db.prisma.order.count({ where: { idempotencyKey: { startsWith: "rules-" } } })).toBe(0);
  });

  it("refuses an order below a seller's minimum order value: 422 with the seller and the shortfall", async () => {
    const page = CatalogPageSchema.parse((await call(catalogRoute, "GET", "/api/v1/catalog?category=tea", { key: keys.full })).json);
    expect(page.items[0].seller).toEqual({ id: ids.sellerC, name: "将乐县擂茶合作社", nameEn: expect.any(String), minOrderValueFen: 50_000 });
    const error = errorOf(await place(order({ lines: [{ sku: SKU.bianrou, quantity: 10 }, { sku: SKU.leicha, quantity: 3 }] }), "minimum-1"), 422, "below_minimum_order");
    expect(error.sellers).toEqual([{ id: ids.sellerC, subtotalFen: 12_000, minOrderValueFen: 50_000, shortfallFen: 38_000 }]);
    expect(error.fields).toEqual({ lines: "卖家起送金额 50000 分，还差 38000 分" });
    const enough = await place(order({ lines: [{ sku: SKU.leicha, quantity: 13 }] }), "minimum-2");
    expect(enough.status, JSON.stringify(enough.json)).toBe(201);
  });

  it("refuses a slot past its cut-off: 422 slot_closed", async () => {
    const error = errorOf(await place(order({ slot: ids.closedSlot }), "closed-1"), 422, "slot_closed");
    expect(error.fields).toHaveProperty("slot");
    errorOf(await place(order({ slot: crypto.randomUUID() }), "closed-2"), 422, "slot_closed");
  });

  it("refuses more packs than available: 409 insufficient_stock with each short line's available, reserving nothing", async () => {
    const before = await t.db.prisma.stockBalance.findFirstOrThrow({ where: { variant: { sku: SKU.bianrou } }, select: { reserved: true } });
    const error = errorOf(await place(order({ lines: [{ sku: SKU.bianrou, quantity: 10 }, { sku: SKU.bailian, quantity: 5 }] }), "short-1"), 409, "insufficient_stock");
    expect(error.lines).toEqual([{ sku: SKU.bailian, requested: 5, available: 1 }]);
    expect(error.fields).toEqual({ "lines.1.quantity": "库存不足：可售 1" });
    const after = await t.db.prisma.stockBalance.findFirstOrThrow({ where: { variant: { sku: SKU.bianrou } }, select: { reserved: true } });
    expect(after).toEqual(before);
    expect(await t.db.prisma.order.count({ where: { idempotencyKey: "short-1" } })).toBe(0);
  });

  it("answers other methods with 405 and Allow", async () => {
    const out = await call(ordersRoute, "GET", "/api/v1/orders", { key: keys.full });
    errorOf(out, 405, "method_not_allowed");
    expect(out.headers.get("Allow")).toBe("POST");
    errorOf(await call(ordersRoute, "PUT", "/api/v1/orders", { key: keys.full, body: order(), idempotencyKey: "put-1" }), 405, "method_not_allowed");
    errorOf(await call(otherRoute, "GET", "/api/v1/invoices", { key: keys.full, params: { "*": "invoices" } }), 404, "not_found");
  });

  it("reads and cancels the order: GET /api/v1/orders/{number}, POST …/cancel", async () => {
    const got = await call(orderRoute, "GET", `/api/v1/orders/${placed.number}`, { key: keys.readOnly, params: { number: placed.number } });
    expect(got.status).toBe(200);
    expect(OrderSchema.parse(got.json)).toEqual(placed);
    errorOf(await call(orderRoute, "GET", "/api/v1/orders/HM-20260101-999999", { key: keys.readOnly, params: { number: "HM-20260101-999999" } }), 404, "not_found");
    errorOf(await call(orderRoute, "GET", "/api/v1/orders/%27%3B--", { key: keys.readOnly, params: { number: "';--" } }), 404, "not_found");

    errorOf(await call(cancelRoute, "POST", `/api/v1/orders/${placed.number}/cancel`, { key: keys.readOnly, params: { number: placed.number } }), 403, "forbidden");
    errorOf(await call(cancelRoute, "POST", `/api/v1/orders/${placed.number}/cancel`, { key: keys.full, params: { number: placed.number }, raw: "{", headers: { "Content-Type": "application/json" } }), 400, "malformed_json");
    errorOf(await call(cancelRoute, "POST", `/api/v1/orders/${placed.number}/cancel`, { key: keys.full, params: { number: placed.number }, body: { reason: 7 } }), 400, "invalid_request");
    const cancelled = await call(cancelRoute, "POST", `/api/v1/orders/${placed.number}/cancel`, { key: keys.full, params: { number: placed.number }, body: { reason: "菜单调整" } });
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    const after = OrderSchema.parse(cancelled.json);
    expect(after.status).toBe("cancelled");
    expect(after.sellerOrders.every((so) => so.status === "cancelled" && so.cancelReason === "菜单调整")).toBe(true);
    const balance = await t.db.prisma.stockBalance.findFirstOrThrow({ where: { variant: { sku: SKU.bailian } }, select: { reserved: true } });
    expect(balance.reserved).toBe(0);
    // Again: nothing left to cancel. No body at all is fine.
    errorOf(await call(cancelRoute, "POST", `/api/v1/orders/${placed.number}/cancel`, { key: keys.full, params: { number: placed.number } }), 409, "not_cancellable");
    errorOf(await call(cancelRoute, "GET", `/api/v1/orders/${placed.number}/cancel`, { key: keys.full, params: { number: placed.number } }), 405, "method_not_allowed");
  });

  it("refuses to cancel after the slot's cut-off: 422 past_cutoff", async () => {
    const out = await place(order({ lines: [{ sku: SKU.bianrou, quantity: 2 }] }), "late-1");
    expect(out.status).toBe(201);
    const slot = await t.db.prisma.deliverySlot.create({
      data: { warehouseId: (await t.db.prisma.deliverySlot.findUniqueOrThrow({ where: { id: ids.slot }, select: { warehouseId: true } })).warehouseId, district: "杨浦区", startsAt: new Date(Date.now() + 86_400_000 * 9), endsAt: new Date(Date.now() + 86_400_000 * 9 + 3_600_000), cutoffAt: new Date(Date.now() - 60_000) },
      select: { id: true },
    });
    await t.db.prisma.order.update({ where: { number: out.json.number }, data: { slotId: slot.id } });
    errorOf(await call(cancelRoute, "POST", `/api/v1/orders/${out.json.number}/cancel`, { key: keys.full, params: { number: out.json.number } }), 422, "past_cutoff");
  });
});

describe("a key sees only its organization's orders and only its scopes", () => {
  it("keeps each organization's orders to its own keys", async () => {
    const mine = await place(order({ lines: [{ sku: SKU.sun(2), quantity: 1 }] }), "iso-1");
    const theirs = await place(order({ deliveryPoint: ids.otherPoint, lines: [{ sku: SKU.sun(3), quantity: 1 }] }), "iso-1", keys.other);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    const get = (number: string, key: string) => call(orderRoute, "GET", `/api/v1/orders/${number}`, { key, params: { number } });
    expect((await get(mine.json.number, keys.readOnly)).status).toBe(200);
    expect((await get(theirs.json.number, keys.other)).status).toBe(200);
    // Another organization's order is 404, exactly as an unknown one: its existence is not revealed.
    errorOf(await get(theirs.json.number, keys.readOnly), 404, "not_found");
    errorOf(await get(mine.json.number, keys.other), 404, "not_found");
    errorOf(await call(cancelRoute, "POST", `/api/v1/orders/${mine.json.number}/cancel`, { key: keys.other, params: { number: mine.json.number } }), 404, "not_found");
    expect((await t.db.prisma.order.findUniqueOrThrow({ where: { number: mine.json.number }, select: { status: true } })).status).toBe("placed");
    // Delivery points: another organization's point cannot be ordered to or listed.
    errorOf(await call(slotsRoute, "GET", `/api/v1/slots?deliveryPoint=${ids.point}`, { key: keys.other }), 404, "not_found");
  });

  it("lets each key do exactly what its scopes say", async () => {
    const number = (await t.db.prisma.order.findFirstOrThrow({ where: { buyerId: ids.canteen, status: "placed" }, select: { number: true } })).number;
    const endpoints: [string, (key: string) => Promise<Answer>][] = [
      ["catalog:read", (key) => call(catalogRoute, "GET", "/api/v1/catalog?limit=1", { key })],
      ["orders:read", (key) => call(pointsRoute, "GET", "/api/v1/delivery-points", { key })],
      ["orders:read", (key) => call(slotsRoute, "GET", `/api/v1/slots?deliveryPoint=${ids.point}`, { key })],
      ["orders:read", (key) => call(orderRoute, "GET", `/api/v1/orders/${number}`, { key, params: { number } })],
      // Bodies that fail validation after the scope check: 400 proves the scope passed, nothing is written.
      ["orders:write", (key) => place({ lines: [] }, "scopes-check", key)],
      ["orders:write", (key) => call(cancelRoute, "POST", `/api/v1/orders/${number}/cancel`, { key, params: { number }, body: { reason: 1 } })],
    ];
    const scopesOf = { full: ["catalog:read", "orders:read", "orders:write"], readOnly: ["catalog:read", "orders:read"], catalogOnly: ["catalog:read"], writeOnly: ["orders:write"] } as const;
    for (const [name, scopes] of Object.entries(scopesOf) as [keyof typeof scopesOf, readonly string[]][]) {
      for (const [scope, run] of endpoints) {
        const out = await run(keys[name]);
        if (scopes.includes(scope)) expect([200, 400], `${name} ${scope}`).toContain(out.status);
        else errorOf(out, 403, "forbidden");
      }
    }
  });
});

describe("server errors", () => {
  it("answers 500 server_error with the request id and no stack or message of the failure", async () => {
    const failing = apiRoute(async () => {
      throw new Error("connection to 10.0.0.5 refused at /srv/app/secret.ts:12");
    });
    const response = await failing({ request: new Request("http://localhost/api/v1/x"), params: {}, context: { requestId: "req-500" } });
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(ApiErrorSchema.parse(body).error).toMatchObject({ code: "server_error", requestId: "req-500" });
    expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.5|secret|stack|at \//);
  });
});
