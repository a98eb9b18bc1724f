// Public pages as the Remix server serves them: signed out they are marked for shared caches (the boundary
// then adds ETags, 304s and its short-lived copy); signed in, the same pages are private and never stored.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as landing from "./_index";
import * as catalog from "./catalog._index";
import * as product from "./catalog.$productId";
import * as storefront from "./sellers.$sellerId";

const ROUTES: TestRoute[] = [
  { id: "routes/_index", index: true, module: landing },
  { id: "routes/catalog._index", path: "catalog", module: catalog },
  { id: "routes/catalog.$productId", path: "catalog/:productId", module: product },
  { id: "routes/sellers.$sellerId", path: "sellers/:sellerId", module: storefront },
];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
let buyerCookie: string;
let publicPaths: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  const db = t.db.prisma;
  const canteen = await createOrganization(db, { kind: "canteen", name: "复旦大学第一食堂" });
  const buyer = await createUser(db, { role: "buyer", organizationId: canteen.id, displayName: "王采购" });
  buyerCookie = await sessionCookieFor(db, buyer.id);
  const seller = await createOrganization(db, { name: "泰宁县菌菇专业合作社", county: "泰宁县" });
  const shiitake = await createProduct(db, { sellerId: seller.id, nameZh: "泰宁香菇", nameEn: "Taining shiitake", category: "mushrooms", originCounty: "泰宁县" });
  publicPaths = ["/catalog", "/catalog?q=%E9%A6%99%E8%8F%87", `/catalog/${shiitake.id}`, `/sellers/${seller.id}`];
  handler = createRequestHandler(testServerBuild(ROUTES));
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

const get = (path: string, cookie?: string) => handler(new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }), { cspNonce: "n", requestId: "r" });

describe("public pages' caching headers", () => {
  it("marks the signed-out landing page and its data public, varying on the cookie", async () => {
    for (const path of ["/", "/_root.data"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Cache-Control"), path).toBe("public, max-age=30, stale-while-revalidate=60");
      expect(res.headers.get("Vary"), path).toContain("Cookie");
    }
  });

  it("marks the signed-out catalogue, product and seller pages and their data public", async () => {
    for (const path of publicPaths) {
      for (const url of [path, path.replace(/(\?|$)/, ".data$1")]) {
        const res = await get(url);
        expect(res.status, url).toBe(200);
        expect(res.headers.get("Cache-Control"), url).toBe("public, max-age=30, stale-while-revalidate=60");
      }
    }
  });

  it("keeps the same pages private for a signed-in buyer, who may see contract prices", async () => {
    for (const path of publicPaths) {
      const res = await get(path, buyerCookie);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
  });

  it("never lets a shared cache keep what a signed-in user sees", async () => {
    // A signed-in buyer is sent on to the catalogue: never a public answer.
    const res = await get("/", `hm_locale=zh; ${buyerCookie}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Cache-Control") ?? "").not.toContain("public");
  });
});
