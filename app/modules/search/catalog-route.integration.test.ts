/** The catalogue page's loader with the search engine behind it: facets with counts, sort, bad input. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct, createUser } from "../../../tests/factories";
import { sessionCookieFor } from "../../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { loader as catalogLoader } from "~/routes/catalog._index";
import type { Database } from "~/utils/db.server";
import { loaderData } from "../../../tests/support/loader-data";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let cookie = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] catalogue search: database ${t.label}`);
  const db = t.db.prisma;
  const seller = await createOrganization(db, { county: "尤溪县" });
  const buyer = await createOrganization(db, { kind: "canteen" });
  const user = await createUser(db, { phone: "13700000401", role: "buyer", organizationId: buyer.id });
  cookie = await sessionCookieFor(db, user.id);
  const mk = (key: string, nameZh: string, originCounty: string, tempClass: "ambient" | "chilled" | "frozen", fen: number) =>
    createProduct(db, { sellerId: seller.id, nameZh, nameEn: key, originCounty, tempClass, variants: [{ netWeightGrams: 1000, tiers: [{ minQuantity: 1, unitPriceFen: fen }] }] }).then((p) => (ids[key] = p.id));
  await mk("fresh-yx", "尤溪鲜香菇", "尤溪县", "chilled", 3000);
  await mk("fresh-tn", "泰宁鲜香菇", "泰宁县", "chilled", 2000);
  await mk("dried-yx", "尤溪香菇（光面菇）", "尤溪县", "ambient", 8000);
}, 60_000);
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

type CatalogData = { items: { id: string }[]; total: number; facets: { originCounty: Record<string, number>; tempClass: Record<string, number> }; sort: string };
const load = async (qs: string) => loaderData<CatalogData>(await catalogLoader({ request: new Request(`http://localhost/catalog${qs}`, { headers: { cookie } }), params: {}, context: {} }));

describe("catalogue search page", () => {
  it("searches xg, filters by 冷藏 and 尤溪县 with counts, and sorts by price per kg", async () => {
    const all = await load("?q=xg");
    expect(all.total).toBe(3);
    expect(all.facets.tempClass).toEqual({ chilled: 2, ambient: 1 });
    expect(all.facets.originCounty).toEqual({ 尤溪县: 2, 泰宁县: 1 });
    const chilled = await load("?q=xg&temp=chilled&sort=price_per_kg");
    expect(chilled.items.map((p) => p.id)).toEqual([ids["fresh-tn"], ids["fresh-yx"]]);
    const youxi = await load(`?q=xg&temp=chilled&county=${encodeURIComponent("尤溪县")}`);
    expect(youxi.items.map((p) => p.id)).toEqual([ids["fresh-yx"]]);
  });

  it("browses without a search with counts and the newest first; unknown facet values are ignored", async () => {
    const page = await load("?temp=plasma&county=%E7%81%AB%E6%98%9F&sort=bogus&page=999999");
    expect(page.total).toBe(3);
    expect(page.facets.tempClass).toEqual({ chilled: 2, ambient: 1 });
    expect((await load("?sort=price_per_kg")).items.map((p) => p.id)).toEqual([ids["fresh-tn"], ids["fresh-yx"], ids["dried-yx"]]);
  });

  it("answers odd searches with results or nothing", async () => {
    for (const q of ["%25", "_", "%3Cscript%3E", "%F0%9F%8D%84", "%EF%BC%B8%EF%BC%A7", "a".repeat(500)]) {
      const page = await load(`?q=${q}`);
      expect(page.total).toBeGreaterThanOrEqual(0);
    }
  });
});
