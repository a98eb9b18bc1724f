// The buyer API over real HTTP: the server's boundary (app/server createHttpApp: same-origin check, media
// types, body limits) in front of Remix serving the api.v1 route modules, on PostgreSQL. Shows that a
// Bearer call needs no Origin, that a cookie riding along is still checked, and that every answer — from
// the boundary or from a route — has the one error shape.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryPoint, createDeliverySlot, createOrganization, createProduct, createStockEntries, createUser, createWarehouse } from "../../tests/factories";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { createHttpApp } from "~/server/http.server";
import type { Database } from "~/utils/db.server";
import { createApiKey } from "~/modules/api/keys.server";
import { ApiErrorSchema, OrderSchema } from "~/modules/api/schemas";
import * as catalogRoute from "./api.v1.catalog";
import * as openApiRoute from "./api.v1.openapi[.]json";
import * as ordersRoute from "./api.v1.orders";
import * as orderRoute from "./api.v1.orders_.$number";
import * as cancelRoute from "./api.v1.orders_.$number_.cancel";
import * as otherRoute from "./api.v1.$";

const ROUTES: TestRoute[] = [
  { id: "routes/api.v1.catalog", path: "api/v1/catalog", module: catalogRoute },
  { id: "routes/api.v1.openapi[.]json", path: "api/v1/openapi.json", module: openApiRoute },
  { id: "routes/api.v1.orders", path: "api/v1/orders", module: ordersRoute },
  { id: "routes/api.v1.orders_.$number", path: "api/v1/orders/:number", module: orderRoute },
  { id: "routes/api.v1.orders_.$number_.cancel", path: "api/v1/orders/:number/cancel", module: cancelRoute },
  { id: "routes/api.v1.$", path: "api/v1/*", module: otherRoute },
];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let server: http.Server;
let key: string;
const ids = {} as { point: string; slot: string };
const SKU = "HTTP-BIANROU-500";

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const port = (server.address() as AddressInfo).port;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on("error", (e) => reject(new Error(`${method} ${path} (${headers["content-type"] ?? "no type"}, ${body?.length ?? 0} bytes): ${e.message}`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function errorCode(reply: Reply): string {
  expect(reply.headers["content-type"]).toMatch(/^application\/json/);
  const parsed = ApiErrorSchema.safeParse(JSON.parse(reply.body));
  expect(parsed.success, reply.body).toBe(true);
  expect(reply.body).not.toMatch(/\n\s+at |node_modules|\/work\//);
  return parsed.data!.error.code;
}

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] buyer API over HTTP: database ${t.label}`);
  const db = t.db.prisma;
  const platform = await createOrganization(db, { kind: "platform" });
  const canteen = await createOrganization(db, { kind: "canteen" });
  const seller = await createOrganization(db, { kind: "snack_supplier" });
  const buyer = await createUser(db, { role: "buyer", organizationId: canteen.id });
  const product = await createProduct(db, { sellerId: seller.id, nameZh: "沙县扁肉", variants: [{ sku: SKU, tiers: [{ minQuantity: 1, unitPriceFen: 1200 }] }] });
  await createStockEntries(db, [{ variantId: product.variants[0].id, onHandDelta: 50 }]);
  const warehouse = await createWarehouse(db, { operatorId: platform.id });
  ids.slot = (await createDeliverySlot(db, { warehouseId: warehouse.id, startsAt: new Date(Date.now() + 3 * 86_400_000), cutoffAt: new Date(Date.now() + 2 * 86_400_000) })).id;
  ids.point = (await createDeliveryPoint(db, { organizationId: canteen.id })).id;
  const made = await createApiKey(db, { organizationId: canteen.id, createdById: buyer.id, name: "http", scopes: ["catalog:read", "orders:read", "orders:write"] });
  if (!made.ok) throw new Error("key not created");
  key = made.key;
  const build = testServerBuild(ROUTES);
  server = createHttpApp({ trustProxy: false, handler: (getLoadContext) => createRequestHandler({ build, mode: "production", getLoadContext }) }).listen(0, "127.0.0.1");
  await new Promise((resolve) => (server.listening ? resolve(null) : server.once("listening", resolve)));
});
afterAll(async () => {
  server?.close();
  store.__humingDb = undefined;
  await t?.drop();
});

const json = { "content-type": "application/json" };
const body = () => JSON.stringify({ deliveryPoint: ids.point, slot: ids.slot, lines: [{ sku: SKU, quantity: 3 }] });

describe("the buyer API behind the HTTP boundary", () => {
  it("places an order with a Bearer key and no Origin header (exempt from the same-origin check), exactly once", async () => {
    const first = await send("POST", "/api/v1/orders", { authorization: `Bearer ${key}`, "idempotency-key": "http-1", ...json }, body());
    expect(first.status, first.body).toBe(201);
    const order = OrderSchema.parse(JSON.parse(first.body));
    expect(first.headers["cache-control"]).toBe("no-store");
    const replay = await send("POST", "/api/v1/orders", { authorization: `Bearer ${key}`, "idempotency-key": "http-1", ...json }, body());
    expect(replay.status).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(JSON.parse(replay.body).number).toBe(order.number);
    const got = await send("GET", `/api/v1/orders/${order.number}`, { authorization: `Bearer ${key}` });
    expect(got.status).toBe(200);
    expect(OrderSchema.parse(JSON.parse(got.body)).number).toBe(order.number);
    const cancelled = await send("POST", `/api/v1/orders/${order.number}/cancel`, { authorization: `Bearer ${key}` });
    expect(cancelled.status, cancelled.body).toBe(200);
    expect(JSON.parse(cancelled.body).status).toBe("cancelled");
  });

  it("still checks the origin when a cookie rides along with the key", async () => {
    const r = await send("POST", "/api/v1/orders", { authorization: `Bearer ${key}`, cookie: "hm_session=x", origin: "https://evil.example", "idempotency-key": "http-2", ...json }, body());
    expect(r.status).toBe(403);
    expect(errorCode(r)).toBe("cross_site_request");
  });

  it("answers bad media types, oversized and malformed bodies, unknown paths and methods in the error shape", async () => {
    const auth = { authorization: `Bearer ${key}`, "idempotency-key": "http-3" };
    const text = await send("POST", "/api/v1/orders", { ...auth, "content-type": "text/plain" }, body());
    expect([text.status, errorCode(text)]).toEqual([415, "unsupported_media_type"]);
    // Over 64 KB: refused by the route; over the boundary's 1 MB by the boundary, before anyone reads it.
    const big = await send("POST", "/api/v1/orders", { ...auth, ...json }, JSON.stringify({ pad: "x".repeat(100 * 1024) }));
    expect([big.status, errorCode(big)]).toEqual([413, "payload_too_large"]);
    const huge = await send("POST", "/api/v1/orders", { ...auth, ...json, "content-length": String(2 * 1024 * 1024) }, "");
    expect([huge.status, errorCode(huge)]).toEqual([413, "payload_too_large"]);
    const broken = await send("POST", "/api/v1/orders", { ...auth, ...json }, '{"lines": [');
    expect([broken.status, errorCode(broken)]).toEqual([400, "malformed_json"]);
    const unknown = await send("GET", "/api/v1/invoices/7", { authorization: `Bearer ${key}` });
    expect([unknown.status, errorCode(unknown)]).toEqual([404, "not_found"]);
    const del = await send("DELETE", "/api/v1/orders", { authorization: `Bearer ${key}` });
    expect([del.status, errorCode(del)]).toEqual([405, "method_not_allowed"]);
    const trace = await send("TRACE", "/api/v1/orders");
    expect([trace.status, errorCode(trace)]).toEqual([405, "method_not_allowed"]);
    const anonymous = await send("GET", "/api/v1/catalog");
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, "unauthorized"]);
    expect(anonymous.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(await t.db.prisma.order.count({ where: { idempotencyKey: "http-3" } })).toBe(0);
  });

  it("serves the OpenAPI document to anyone", async () => {
    const r = await send("GET", "/api/v1/openapi.json");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).openapi).toBe("3.1.0");
  });
});
