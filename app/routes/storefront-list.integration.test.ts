// The public catalogue list and its suggestions, through the real route modules on a fresh database: facets with
// counts from the engine's one query, filters in the URL, sorting, empty-result help, bad input, and the whole
// document in English (no Chinese label where an English one exists).
import { randomUUID } from "node:crypto";
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, createLot, createOrganization, createProduct, createStockEntries, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { reindexProducts } from "~/modules/search/index.server";
import type { Database } from "~/utils/db.server";
import * as catalogPage from "./catalog._index";
import * as suggestRoute from "./search.suggest";
import { loaderData } from "../../tests/support/loader-data";

const ROUTES: TestRoute[] = [{ id: "routes/catalog._index", path: "catalog", index: true, module: catalogPage }];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let buyerCookie = "";
let driverCookie = "";
let handler: ReturnType<typeof createRequestHandler>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] catalogue list and suggestions: database ${t.label}`);
  const db = t.db.prisma;
  const youxi = await createOrganization(db, { kind: "cooperative", name: "尤溪县汤川食用菌专业合作社", nameEn: "Youxi Tangchuan Mushroom Cooperative", county: "尤溪县" });
  const taining = await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社", nameEn: "Taining Shiitake Cooperative", county: "泰宁县" });
  const yongan = await createOrganization(db, { kind: "cooperative", name: "永安市槐南竹业专业合作社", nameEn: "Yong'an Huainan Bamboo Cooperative", county: "永安市" });
  const pending = await createOrganization(db, { kind: "cooperative", name: "尤溪县未审核合作社", county: "尤溪县", verificationStatus: "pending" });
  ids.youxi = youxi.id;
  ids.taining = taining.id;
  ids.yongan = yongan.id;
  ids.pending = pending.id;
  const canteen = await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂", county: "杨浦区" });
  const platform = await createOrganization(db, { kind: "platform", name: "沪明直供运营中心", county: "嘉定区" });
  buyerCookie = await sessionCookieFor(db, (await createUser(db, { role: "buyer", organizationId: canteen.id })).id);
  driverCookie = await sessionCookieFor(db, (await createUser(db, { role: "driver", organizationId: platform.id })).id);

  const mk = async (key: string, input: { sellerId: string; nameZh: string; nameEn: string; category?: "mushrooms" | "bamboo_shoots"; originCounty: string; tempClass: "ambient" | "chilled" | "frozen"; fen: number }) => {
    const p = await createProduct(db, { ...input, variants: [{ netWeightGrams: 1000, tiers: [{ minQuantity: 1, unitPriceFen: input.fen }] }] });
    ids[key] = p.id;
    ids[`${key}Variant`] = p.variants[0].id;
  };
  await mk("freshYx", { sellerId: youxi.id, nameZh: "尤溪鲜香菇", nameEn: "Youxi fresh shiitake", category: "mushrooms", originCounty: "尤溪县", tempClass: "chilled", fen: 3000 });
  await mk("freshTn", { sellerId: taining.id, nameZh: "泰宁鲜香菇", nameEn: "Taining fresh shiitake", category: "mushrooms", originCounty: "泰宁县", tempClass: "chilled", fen: 2000 });
  await mk("driedYx", { sellerId: youxi.id, nameZh: "尤溪香菇（光面菇）", nameEn: "Youxi dried shiitake (smooth cap)", category: "mushrooms", originCounty: "尤溪县", tempClass: "ambient", fen: 8000 });
  await mk("shoots", { sellerId: yongan.id, nameZh: "永安冬笋", nameEn: "Yong'an winter bamboo shoots", category: "bamboo_shoots", originCounty: "永安市", tempClass: "chilled", fen: 1500 });
  await mk("hidden", { sellerId: pending.id, nameZh: "尤溪香菇（未审核）", nameEn: "Unreviewed shiitake", category: "mushrooms", originCounty: "尤溪县", tempClass: "chilled", fen: 100 });
  // Stock for the two fresh mushrooms; harvest windows starting soon for the dried mushrooms and the shoots.
  await createStockEntries(db, [{ variantId: ids.freshYxVariant, onHandDelta: 20 }, { variantId: ids.freshTnVariant, onHandDelta: 5 }]);
  for (const key of ["driedYx", "shoots"]) {
    await db.harvestWindow.create({ data: { variantId: ids[`${key}Variant`], availableFrom: addDays(new Date(), 7), availableTo: addDays(new Date(), 60), expectedPacksPerWeek: 30 }, select: { id: true } });
  }
  await createLot(db, { variantId: ids.freshYxVariant, certificates: [{ kind: "green_food", number: "LB-18-2301" }] });
  await createLot(db, { variantId: ids.driedYxVariant, certificates: [{ kind: "geo_indication", number: "AGI-0001" }, { kind: "green_food", number: "LB-18-2302" }] });
  await reindexProducts(db, [ids.freshYx, ids.freshTn, ids.driedYx, ids.shoots, ids.hidden]);
  handler = createRequestHandler(testServerBuild(ROUTES));
}, 120_000);
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

type CatalogData = Awaited<ReturnType<typeof catalogPage.loader>>["data"];
const load = async (qs: string, cookie = buyerCookie) =>
  loaderData<CatalogData>(await catalogPage.loader({ request: new Request(`http://localhost/catalog${qs}`, { headers: cookie ? { cookie } : {} }), params: {}, context: {} }));
const idsOf = (page: CatalogData) => page.items.map((p) => p.id);
const enc = encodeURIComponent;

describe("catalogue list: facets from the engine's one query", () => {
  it("browses without words through the engine: every facet counted, newest first, unlisted sellers never shown", async () => {
    const page = await load("");
    expect(page.total).toBe(4);
    expect(page.sort).toBe("newest");
    expect(idsOf(page)).toEqual([ids.shoots, ids.driedYx, ids.freshTn, ids.freshYx]);
    expect(page.facets.category).toEqual({ mushrooms: 3, bamboo_shoots: 1 });
    expect(page.facets.originCounty).toEqual({ 尤溪县: 2, 泰宁县: 1, 永安市: 1 });
    expect(page.facets.tempClass).toEqual({ chilled: 3, ambient: 1 });
    expect(page.facets.certKind).toEqual({ green_food: 2, geo_indication: 1 });
    expect({ inStock: page.facets.inStock, soon: page.facets.availableSoon }).toEqual({ inStock: 2, soon: 2 });
    expect(page.facets.sellers).toEqual([
      { id: ids.youxi, name: "尤溪县汤川食用菌专业合作社", nameEn: "Youxi Tangchuan Mushroom Cooperative", count: 2 },
      { id: ids.taining, name: "泰宁县香菇专业合作社", nameEn: "Taining Shiitake Cooperative", count: 1 },
      { id: ids.yongan, name: "永安市槐南竹业专业合作社", nameEn: "Yong'an Huainan Bamboo Cooperative", count: 1 },
    ]);
    expect(page.facets.sellers.some((s) => s.id === ids.pending)).toBe(false);
  });

  it("searches xg, filters by 冷藏 and a county with counts, and sorts by price per kg", async () => {
    const all = await load("?q=xg");
    expect(all.total).toBe(3);
    expect(all.sort).toBe("relevance");
    expect(all.facets.tempClass).toEqual({ chilled: 2, ambient: 1 });
    const chilled = await load("?q=xg&temp=chilled&sort=price_per_kg");
    expect(idsOf(chilled)).toEqual([ids.freshTn, ids.freshYx]);
    expect(chilled.items.map((p) => p.perKgFen)).toEqual([2000, 3000]);
    const youxi = await load(`?q=xg&temp=chilled&county=${enc("尤溪县")}`);
    expect(idsOf(youxi)).toEqual([ids.freshYx]);
    expect(youxi.filters).toMatchObject({ temp: "chilled", county: "尤溪县" });
  });

  it("filters by seller, certificate and availability, and ignores values it does not know", async () => {
    expect(idsOf(await load(`?seller=${ids.youxi}&sort=price_per_kg`))).toEqual([ids.freshYx, ids.driedYx]);
    expect(idsOf(await load(`?seller=${ids.yongan.toUpperCase()}`))).toEqual([ids.shoots]);
    expect(idsOf(await load("?cert=green_food&sort=price_per_kg"))).toEqual([ids.freshYx, ids.driedYx]);
    expect(idsOf(await load("?cert=geo_indication"))).toEqual([ids.driedYx]);
    expect(idsOf(await load("?stock=in&sort=price_per_kg"))).toEqual([ids.freshTn, ids.freshYx]);
    expect(idsOf(await load("?stock=soon&sort=price_per_kg"))).toEqual([ids.shoots, ids.driedYx]);
    // An unverified seller's id, an id of no seller, unknown kinds and values: no filter at all.
    for (const qs of [`?seller=${ids.pending}`, `?seller=${randomUUID()}`, "?seller=not-a-uuid", "?cert=other", "?cert=%27%3B--", "?stock=maybe", "?temp=plasma", `?county=${enc("火星")}`, "?category=cars", "?sort=bogus"]) {
      const page = await load(qs);
      expect(page.total, qs).toBe(4);
      expect(Object.values(page.filters).every((v) => v === null), qs).toBe(true);
    }
    // Relevance means nothing without words: browsing stays newest first.
    expect((await load("?sort=relevance")).sort).toBe("newest");
  });

  it("answers bad input with results or a helpful empty state, never an error", async () => {
    const odd = ["%25", "_", "%25%25_", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%27%20OR%201%3D1%20--", "%00", "%E9%A6%99%00%E8%8F%87", "%F0%9F%8D%84", "%EF%BC%B8%EF%BC%A7", "%E3%80%80%E3%80%80", "!!!%3F%3F", "a".repeat(500)];
    for (const q of odd) {
      const page = await load(`?q=${q}&page=999999999`);
      expect(page.total, q).toBeGreaterThanOrEqual(0);
      expect(page.page, q).toBeGreaterThanOrEqual(1);
      if (page.total === 0) expect(page.help, q).not.toBeNull();
    }
    // Full-width ＸＧ is xg; NUL inside 香菇 is dropped.
    expect((await load("?q=%EF%BC%B8%EF%BC%A7")).total).toBe(3);
    expect((await load("?q=%E9%A6%99%00%E8%8F%87")).total).toBe(3);
    // A page past the end shows the last page; repeated parameters take the last value.
    expect((await load("?page=999999")).page).toBe(1);
    expect((await load("?temp=frozen&temp=chilled")).total).toBe(3);
  });
});

describe("catalogue list: help when nothing is found", () => {
  it("offers the spelling correction, the nearest category and products available soon (香姑 → 香菇)", async () => {
    const page = await load(`?q=${enc("香姑")}`);
    expect(page.total).toBe(0);
    expect(page.help?.correction).toBe("香菇");
    expect(page.help?.category).toBe("mushrooms");
    expect(page.help?.soon.map((p) => p.id)).toEqual([ids.driedYx]);
  });

  it("corrects pinyin typed with a space (xiang gu) and an English typo beyond the engine's one", async () => {
    expect((await load("?q=xiang%20gu")).help?.correction).toBe("香菇");
    const typo = await load("?q=shitke");
    expect(typo.total).toBe(0);
    expect(typo.help?.correction).toBe("shiitake");
  });

  it("says when the words find products without the filters", async () => {
    const page = await load(`?q=xg&county=${enc("永安市")}`);
    expect(page.total).toBe(0);
    expect(page.help).toMatchObject({ foundWithoutFilters: true, correction: null });
  });

  it("offers no correction it cannot back with results", async () => {
    const page = await load(`?q=${enc("火星车")}`);
    expect(page.help).toMatchObject({ correction: null, category: null });
    expect(page.help?.soon.map((p) => p.id).sort()).toEqual([ids.driedYx, ids.shoots].sort());
  });
});

describe("catalogue list: who may look", () => {
  it("lets signed-out visitors browse and search", async () => {
    const page = await load("?q=xg", "");
    expect(page.total).toBe(3);
    expect(page.signedIn).toBe(false);
  });

  it("refuses a signed-in account without read:catalog", async () => {
    await expect(load("", driverCookie)).rejects.toMatchObject({ init: { status: 403 } });
  });
});

type SuggestBody = { suggestions: { id: string; label: string; secondary: string; href: string }[] };
async function suggest(q: string, cookie = "hm_locale=zh"): Promise<{ status: number; body: SuggestBody; headers: Headers }> {
  const res = (await suggestRoute.loader({ request: new Request(`http://localhost/search/suggest?q=${q}`, { headers: { cookie } }), params: {}, context: {} })) as Response;
  return { status: res.status, body: (await res.json()) as SuggestBody, headers: res.headers };
}

describe("GET /search/suggest", () => {
  it("suggests listed products from the engine, with the category first, at most 8", async () => {
    const { status, body, headers } = await suggest("xg");
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toContain("private");
    const products = body.suggestions.filter((s) => s.id.startsWith("product-"));
    expect(products.map((s) => s.href).sort()).toEqual([ids.freshYx, ids.freshTn, ids.driedYx].map((id) => `/catalog/${id}`).sort());
    expect(body.suggestions.length).toBeLessThanOrEqual(8);
    expect(body.suggestions.some((s) => s.href.includes(ids.hidden))).toBe(false);
    expect((await suggest(enc("菌"))).body.suggestions[0]).toMatchObject({ id: "category-mushrooms", label: "菌菇", href: "/catalog?category=mushrooms" });
  });

  it("labels in the viewer's language: English names, sellers and counties", async () => {
    const { body } = await suggest(enc("冬笋"), "hm_locale=en");
    expect(body.suggestions).toContainEqual({
      id: `product-${ids.shoots}`,
      label: "Yong'an winter bamboo shoots",
      secondary: "Yong'an Huainan Bamboo Cooperative · Yong'an City",
      href: `/catalog/${ids.shoots}`,
    });
  });

  it("tries a correction when the words find nothing (mushrm → mushroom)", async () => {
    const { body } = await suggest("xianggu%20mushrm");
    expect(body.suggestions.length).toBeGreaterThan(0);
  });

  it("answers bad input with a list, maybe empty, never an error; visitors too; not for accounts without read:catalog", async () => {
    for (const q of ["", "%25", "_", "%00", "%3Cb%3E", "%F0%9F%8D%84", "a".repeat(500), "%27%3B%20DROP%20TABLE%20products%3B--"]) {
      const { status, body } = await suggest(q, "");
      expect(status, q).toBe(200);
      expect(Array.isArray(body.suggestions), q).toBe(true);
    }
    await expect(suggest("xg", driverCookie)).rejects.toMatchObject({ init: { status: 403 } });
  });
});

async function html(path: string, locale: "zh" | "en"): Promise<{ status: number; text: string }> {
  const res = await handler(new Request(`http://localhost${path}`, { headers: { cookie: `hm_locale=${locale}` } }), { cspNonce: "test-nonce", requestId: "test" });
  const body = (await res.text()).replace(/<script[\s\S]*?<\/script>/g, " ");
  return { status: res.status, text: body.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ") };
}

describe("the catalogue document", () => {
  it("in English shows English facet labels, seller, county, category and temperature names", async () => {
    const { status, text } = await html("/catalog", "en");
    expect(status).toBe(200);
    for (const label of ["Youxi County", "Taining County", "Yong'an City", "Chilled", "Ambient", "Mushrooms", "Bamboo shoots", "Green Food", "Geographical indication", "In stock now", "Available soon", "Taining Shiitake Cooperative", "Youxi Tangchuan Mushroom Cooperative", "Yong'an Huainan Bamboo Cooperative"]) {
      expect(text, label).toContain(label);
    }
    // Chinese appears only beside an English product name (the secondary line), never as a label of its own.
    for (const zh of ["尤溪县", "泰宁县", "冷藏", "常温", "菌菇", "绿色食品", "现货", "泰宁县香菇专业合作社", "筛选"]) expect(text, zh).not.toContain(zh);
  });

  it("in Chinese offers the correction as a link, and works without JavaScript as plain links and a GET form", async () => {
    const res = await handler(new Request(`http://localhost/catalog?q=${enc("香姑")}`, { headers: { cookie: "hm_locale=zh" } }), { cspNonce: "n", requestId: "r" });
    const page = await res.text();
    expect(page).toContain("您要找的是：");
    expect(page).toContain(`href="/catalog?q=${enc("香菇")}"`);
    expect(page).toMatch(/<form[^>]*method="get"[^>]*action="\/catalog"/);
    expect(page).toMatch(/role="combobox"/);
  });
});
