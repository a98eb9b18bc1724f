// A signed-out visitor's browser holds only the public strings (app/utils/i18n/public-messages.ts): every string a
// signed-out page renders must be among them, or it would show as its key once the page hydrates. The pages are
// rendered as the Remix server serves them, recording each catalogue key looked up, in both languages.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createOrganization, createProduct, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import { isPublicMessage } from "~/utils/i18n/public-messages";
import * as landing from "./_index";
import * as catalog from "./catalog._index";
import * as product from "./catalog.$productId";
import * as login from "./login";
import * as register from "./register";
import * as storefront from "./sellers.$sellerId";

const looked = vi.hoisted(() => new Set<string>());
vi.mock("~/utils/i18n/message-table", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/utils/i18n/message-table")>();
  return {
    lookupMessage: (locale: Parameters<typeof original.lookupMessage>[0], key: string) => {
      looked.add(key);
      return original.lookupMessage(locale, key);
    },
  };
});

const ROUTES: TestRoute[] = [
  { id: "routes/_index", index: true, module: landing },
  { id: "routes/catalog._index", path: "catalog", module: catalog },
  { id: "routes/catalog.$productId", path: "catalog/:productId", module: product },
  { id: "routes/sellers.$sellerId", path: "sellers/:sellerId", module: storefront },
  { id: "routes/login", path: "login", module: login },
  { id: "routes/register", path: "register", module: register },
];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
let paths: string[];
let buyerCookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  const db = t.db.prisma;
  const seller = await createOrganization(db, { name: "泰宁县菌菇专业合作社", county: "泰宁县" });
  const shiitake = await createProduct(db, { sellerId: seller.id, nameZh: "泰宁香菇", nameEn: "Taining shiitake", category: "mushrooms", originCounty: "泰宁县" });
  const canteen = await createOrganization(db, { kind: "canteen" });
  buyerCookie = await sessionCookieFor(db, (await createUser(db, { role: "buyer", organizationId: canteen.id })).id);
  paths = ["/", "/catalog", "/catalog?q=%E9%A6%99%E8%8F%87&facets=1", "/catalog?q=zzzzqx", `/catalog/${shiitake.id}`, `/sellers/${seller.id}`, "/login", "/register", "/catalog/not-a-product"];
  handler = createRequestHandler(testServerBuild(ROUTES));
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

const get = (path: string, cookie: string) => handler(new Request(`http://localhost${path}`, { headers: { cookie } }), { cspNonce: "n", requestId: "r" });

describe("a signed-out visitor's strings", () => {
  it("hold every string the public pages, sign-in and registration render, in Chinese and in English", async () => {
    for (const locale of ["zh", "en"]) {
      for (const path of paths) {
        looked.clear();
        const res = await get(path, `hm_locale=${locale}`);
        const html = await res.text();
        expect(html, path).toContain('data-messages="public"');
        expect(looked.size, path).toBeGreaterThan(0);
        expect([...looked].filter((key) => !isPublicMessage(key)), `${locale} ${path}`).toEqual([]);
      }
    }
  });

  it("a signed-in page's document asks for the whole table", async () => {
    const html = await (await get("/catalog", `hm_locale=zh; ${buyerCookie}`)).text();
    expect(html).toContain('data-messages="all"');
  });
});
