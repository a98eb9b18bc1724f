/**
 * Authorization matrix: every route file × method × actor → the answer the server must give, run
 * against the real route modules in-process (tests/support/route-harness.ts) on a fresh database.
 *
 * How to add rows (every new route file needs them, or "every route file has rows" fails). The
 * foundation's rows are below; each feature keeps its own in tests/integration/matrix/<feature>.ts
 * (a MatrixFeature: rows plus a seed() for the records they name), listed in matrix/index.ts.
 *   - Add one `row(file, method, path, [anonymous, buyer, seller, operator, driver, admin])` per
 *     request worth pinning down, GET and POST both: a route without an action still gets a POST row (405).
 *   - `file` is relative to app/ ("routes/orders.$orderId.tsx"); `path` must match that file's URL
 *     pattern and may use the {placeholders} of FIXTURES ({ownProduct} is the seller's, {otherProduct}
 *     another seller's); a route taking a record id gets an own and an other-organization row.
 *   - Cells: 200 (data), 400, 403, 404, 405, SIGN_IN (302 to /login?redirectTo=<this path>) or
 *     "→ /path" (302 to exactly that location); all(x) fills a row with one answer, NO_ACTION is all(405),
 *     HOMES is "visitors 200, everyone else to their role home". POST rows send `form` as a urlencoded body.
 *   - Need a record the rows do not have yet? Seed it in beforeAll with tests/factories.ts and add a placeholder.
 * A new role means a new actor column: add it to ACTORS and every row's cells (TypeScript insists).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct, createUser, createVehicle, createWarehouse } from "../factories";
import { buildRequest, importRoute, matchRoute, routeFiles, routePattern, runRoute, sessionCookieFor, type Outcome } from "../support/route-harness";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import type { Database } from "~/utils/db.server";
import { FEATURES } from "./matrix";
import { ACTORS, all, FIXTURES, HOMES, NO_ACTION, row, SIGN_IN, type Actor, type Expected, type Row } from "./matrix/rows";

// prettier-ignore
const CORE_ROWS: Row[] = [
  //  file                                     method  path                                         anonymous buyer        seller       operator   driver       admin
  // The layout: the root loader answers every page, signed in or not (locale and the permissions the UI mirrors).
  row("root.tsx",                               "GET",  "/",                                         all(200)),
  row("root.tsx",                               "POST", "/",                                         NO_ACTION),
  row("routes/healthz.ts",                      "GET",  "/healthz",                                  all(200)),
  row("routes/healthz.ts",                      "POST", "/healthz",                                  NO_ACTION),
  row("routes/_index.tsx",                      "GET",  "/",                                         HOMES),
  row("routes/_index.tsx",                      "POST", "/?index",                                   NO_ACTION),
  row("routes/login.tsx",                       "GET",  "/login",                                    HOMES),
  row("routes/login.tsx",                       "GET",  "/login?redirectTo=%2Fcatalog%3Fq%3D1",      [200,     "→ /catalog?q=1", "→ /catalog?q=1", "→ /catalog?q=1", "→ /catalog?q=1", "→ /catalog?q=1"]),
  row("routes/login.tsx",                       "GET",  "/login?redirectTo=https%3A%2F%2Fevil.example%2F", HOMES),
  row("routes/login.tsx",                       "POST", "/login",                                    all(400)),
  // Whoever holds the browser, a correct password signs in as that account (here the buyer).
  row("routes/login.tsx",                       "POST", "/login",                                    all("→ /catalog"), { phone: "{buyerPhone}", password: "{password}" }),
  row("routes/register.tsx",                    "GET",  "/register",                                 HOMES),
  row("routes/register.tsx",                    "POST", "/register",                                 all(400)),
  row("routes/locale.tsx",                      "GET",  "/locale",                                   all("→ /")),
  row("routes/locale.tsx",                      "POST", "/locale",                                   all("→ /seller"), { locale: "zh", redirectTo: "/seller" }),
  row("routes/locale.tsx",                      "POST", "/locale",                                   all("→ /"), { locale: "zh", redirectTo: "https://evil.example/" }),
  row("routes/locale.tsx",                      "POST", "/locale",                                   all("→ /")),
  row("routes/logout.tsx",                      "GET",  "/logout",                                   all("→ /")),
  row("routes/logout.tsx",                      "POST", "/logout",                                   all("→ /")),
  // "Sign out everywhere" ends only the caller's own sessions; a visitor without one is just sent home.
  row("routes/logout.tsx",                      "POST", "/logout",                                   all("→ /"), { scope: "all" }),
  // The catalogue is public (a signed-in user needs read:catalog); more rows in matrix/storefront-list.ts.
  row("routes/catalog._index.tsx",              "GET",  "/catalog",                                  [200,     200,         200,         200,       403,         200]),
  row("routes/catalog._index.tsx",              "GET",  "/catalog?q=%E9%A6%99%E8%8F%87&page=2",      [200,     200,         200,         200,       403,         200]),
  row("routes/catalog._index.tsx",              "POST", "/catalog?index",                            NO_ACTION),
  row("routes/catalog.$productId.tsx",          "GET",  "/catalog/{ownProduct}",                     [200,     200,         200,         200,       403,         200]),
  // Product pages are public (a signed-in user needs read:catalog). Drafts are not on sale: 404, even for the seller who owns them.
  row("routes/catalog.$productId.tsx",          "GET",  "/catalog/{ownDraft}",                       [404,     404,         404,         404,       403,         404]),
  row("routes/catalog.$productId.tsx",          "GET",  "/catalog/{missingProduct}",                 [404,     404,         404,         404,       403,         404]),
  row("routes/catalog.$productId.tsx",          "GET",  "/catalog/not-a-uuid",                       [404,     404,         404,         404,       403,         404]),
  row("routes/catalog.$productId.tsx",          "POST", "/catalog/{ownProduct}",                     NO_ACTION),
  row("routes/seller._index.tsx",               "GET",  "/seller",                                   [SIGN_IN, 403,         200,         403,       403,         403]),
  row("routes/seller._index.tsx",               "POST", "/seller?index",                             NO_ACTION),
  row("routes/seller.products.$productId.tsx",  "GET",  "/seller/products/{ownProduct}",             [SIGN_IN, 403,         200,         403,       403,         403]),
  row("routes/seller.products.$productId.tsx",  "GET",  "/seller/products/{ownDraft}",               [SIGN_IN, 403,         200,         403,       403,         403]),
  // Another organization's listing exists but is not the seller's: 403, not 404.
  row("routes/seller.products.$productId.tsx",  "GET",  "/seller/products/{otherProduct}",           [SIGN_IN, 403,         403,         403,       403,         403]),
  row("routes/seller.products.$productId.tsx",  "GET",  "/seller/products/{missingProduct}",         [SIGN_IN, 403,         404,         403,       403,         403]),
  row("routes/seller.products.$productId.tsx",  "GET",  "/seller/products/not-a-uuid",               [SIGN_IN, 403,         404,         403,       403,         403]),
  row("routes/seller.products.$productId.tsx",  "POST", "/seller/products/{ownProduct}",             [SIGN_IN, 403,         400,         403,       403,         403]),
  row("routes/ops.tsx",                         "GET",  "/ops",                                      [SIGN_IN, 403,         403,         200,       403,         200]),
  row("routes/ops.tsx",                         "POST", "/ops",                                      NO_ACTION),
  row("routes/driver.tsx",                      "GET",  "/driver",                                   [SIGN_IN, 403,         403,         403,       200,         403]),
  row("routes/driver.tsx",                      "POST", "/driver",                                   NO_ACTION),
  // The organization list needs manage:organizations, the user list manage:users.
  row("routes/admin.tsx",                       "GET",  "/admin",                                    [SIGN_IN, 403,         403,         403,       403,         200]),
  row("routes/admin.tsx",                       "GET",  "/admin?view=users",                         [SIGN_IN, 403,         403,         403,       403,         200]),
  row("routes/admin.tsx",                       "GET",  "/admin?view=users&page=9",                  [SIGN_IN, 403,         403,         403,       403,         200]),
  row("routes/admin.tsx",                       "POST", "/admin",                                    NO_ACTION),
];

// The foundation's rows above, then each feature's from tests/integration/matrix/ (one file per feature).
const ROWS: Row[] = [...CORE_ROWS, ...FEATURES.flatMap((f) => f.rows)];

/** Replaces {placeholders} with the seeded records. */
function fill(text: string): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = FIXTURES[key];
    if (value === undefined) throw new Error(`Unknown placeholder ${whole}; add it to FIXTURES`);
    if (value === "") throw new Error(`Placeholder ${whole} is used before beforeAll seeded it`);
    return value;
  });
}

function describeExpected(expected: Expected): string {
  if (expected === SIGN_IN) return "302 → sign-in";
  return typeof expected === "string" ? `302 ${expected}` : String(expected);
}

function describeOutcome(o: Outcome): string {
  if (o.error) return `500 (${o.error instanceof Error ? o.error.message : String(o.error)})`;
  return o.location ? `${o.status} → ${o.location}` : String(o.status);
}

/** Checks an outcome against a cell; returns what went wrong, or null. */
function mismatch(expected: Expected, outcome: Outcome, path: string): string | null {
  const got = describeOutcome(outcome);
  if (expected === SIGN_IN) {
    const location = outcome.location ? new URL(outcome.location, "http://localhost") : null;
    const ok = outcome.status === 302 && location?.pathname === "/login" && location.searchParams.get("redirectTo") === path;
    return ok ? null : `expected 302 to /login?redirectTo=${path}, got ${got}`;
  }
  if (typeof expected === "string") {
    const target = expected.slice(2);
    return outcome.status === 302 && outcome.location === target ? null : `expected 302 → ${target}, got ${got}`;
  }
  if (outcome.status !== expected || (expected === 200 && outcome.location)) return `expected ${expected}, got ${got}`;
  return null;
}

// Route modules reach the database through getDatabase(); point it at this file's fresh database.
const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
const users = {} as Record<Exclude<Actor, "anonymous">, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] authorization matrix: database ${t.label}`);
  const db = t.db.prisma;
  const sellerA = await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂", county: "沙县区" });
  const sellerB = await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社", county: "建宁县" });
  const buyer = await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂", county: "杨浦区" });
  const platform = await createOrganization(db, { kind: "platform", name: "沪明直供运营中心", county: "嘉定区" });
  FIXTURES.ownProduct = (await createProduct(db, { sellerId: sellerA.id })).id;
  FIXTURES.ownDraft = (await createProduct(db, { sellerId: sellerA.id, status: "draft", nameZh: "沙县扁肉（试制）" })).id;
  FIXTURES.otherProduct = (await createProduct(db, { sellerId: sellerB.id, nameZh: "建宁通心白莲" })).id;
  users.seller = (await createUser(db, { role: "seller", organizationId: sellerA.id })).id;
  await createUser(db, { role: "seller", organizationId: sellerB.id });
  users.buyer = (await createUser(db, { phone: FIXTURES.buyerPhone, role: "buyer", organizationId: buyer.id })).id;
  users.operator = (await createUser(db, { role: "operator", organizationId: platform.id })).id;
  users.driver = (await createUser(db, { role: "driver", organizationId: platform.id })).id;
  users.admin = (await createUser(db, { role: "admin", organizationId: platform.id })).id;
  // A warehouse and the driver's van, so the operations and driver pages have something to load.
  const warehouse = await createWarehouse(db, { operatorId: platform.id });
  await createVehicle(db, { warehouseId: warehouse.id, driverId: users.driver });
  const orgs = { sellerA: sellerA.id, sellerB: sellerB.id, buyer: buyer.id, platform: platform.id };
  for (const feature of FEATURES) await feature.seed?.({ db, orgs, users, fixtures: FIXTURES });
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

describe("authorization matrix", () => {
  it("has GET and POST rows for every route file, and every row's path belongs to its file", () => {
    const files = routeFiles();
    const problems: string[] = [];
    for (const file of files) {
      for (const method of ["GET", "POST"] as const) {
        if (!ROWS.some((r) => r.file === file && r.method === method)) problems.push(`app/${file} has no ${method} row`);
      }
    }
    for (const r of ROWS) {
      if (!files.includes(r.file)) problems.push(`a row names app/${r.file}, which is not a route file`);
      else if (!matchRoute(r.file, r.path)) problems.push(`${r.method} ${r.path} does not match the URL of app/${r.file}`);
    }
    expect(problems, `Authorization matrix (tests/integration/authorization-matrix.test.ts) is incomplete:\n  ${problems.join("\n  ")}\nAdd rows for each route (see the comment at the top of the file).`).toEqual([]);
  });

  // One test per cell, named after it, e.g. "GET /admin?view=users as seller: 403 [app/routes/admin.tsx]".
  const cases = ROWS.flatMap((r) =>
    ACTORS.map((actor, i) => ({ ...r, actor, expected: r.cells[i], name: `${r.method} ${r.path}${r.form ? ` ${JSON.stringify(r.form)}` : ""} as ${actor}: ${describeExpected(r.cells[i])} [app/${r.file}]` })),
  );

  for (const { name, file, method, path, form, actor, expected } of cases) {
    it(name, async () => {
      const url = new URL(fill(path), "http://localhost");
      const requestPath = `${url.pathname}${url.search}`;
      const params = matchRoute(file, requestPath);
      if (!params) throw new Error(`${requestPath} does not match app/${file}`);
      const module = await importRoute(file);
      const cookie = actor === "anonymous" ? undefined : await sessionCookieFor(t.db.prisma, users[actor]);
      const filled = form ? Object.fromEntries(Object.entries(form).map(([k, v]) => [k, fill(v)])) : undefined;
      const outcome = await runRoute(module, buildRequest(method, requestPath, { cookie, form: filled }), params, { clientIp: "203.0.113.10" });
      if (outcome.error) console.error(outcome.error);
      expect(mismatch(expected, outcome, requestPath), `${method} ${requestPath} as ${actor}`).toBeNull();
    });
  }
});

// The harness's own rules, so a matrix failure is never the harness misreading Remix.
describe("route harness", () => {
  it("reads flat-routes file names as URL patterns", () => {
    expect(routePattern("root.tsx")).toBeNull();
    expect(routePattern("routes/_index.tsx")).toEqual([]);
    expect(routePattern("routes/catalog._index.tsx")).toEqual(["catalog"]);
    expect(routePattern("routes/seller.products.$productId.tsx")).toEqual(["seller", "products", ":productId"]);
    expect(routePattern("routes/_auth.orders_.$id/route.tsx")).toEqual(["orders", ":id"]);
    expect(matchRoute("routes/seller.products.$productId.tsx", "/seller/products/abc?x=1")).toEqual({ productId: "abc" });
    expect(matchRoute("routes/seller.products.$productId.tsx", "/seller/products")).toBeNull();
    expect(matchRoute("routes/catalog._index.tsx", "/catalog/x")).toBeNull();
  });

  it("answers as Remix does: 405 for POST without an action, 400 or a bare page for GET without a loader", async () => {
    const get = buildRequest("GET", "/x");
    const post = buildRequest("POST", "/x", { form: { a: "1" } });
    expect(post.headers.get("Origin")).toBe("http://localhost");
    expect(post.headers.get("Content-Type")).toMatch(/^application\/x-www-form-urlencoded/);
    expect((await runRoute({ loader: () => ({}) }, post, {})).status).toBe(405);
    expect((await runRoute({}, get, {})).status).toBe(400);
    expect((await runRoute({ default: () => null }, get, {})).status).toBe(200);
  });

  it("reduces returned and thrown answers to a status and location", async () => {
    const get = buildRequest("GET", "/x");
    const thrownData = { type: "DataWithResponseInit", data: { message: "forbidden" }, init: { status: 403 } };
    expect(await runRoute({ loader: () => Promise.reject(thrownData) }, get, {})).toMatchObject({ status: 403 });
    expect(await runRoute({ loader: () => Response.redirect("http://localhost/login", 302) }, get, {})).toMatchObject({ status: 302, location: "http://localhost/login" });
    expect(await runRoute({ loader: () => ({ ok: true }) }, get, {})).toEqual({ status: 200, data: { ok: true } });
    expect((await runRoute({ loader: () => Promise.reject(new Error("boom")) }, get, {})).status).toBe(500);
  });
});
