// Server-renders the public product page and seller storefront as whole documents (root layout, entry.server, the
// page) for a visitor without an account, as a phone without JavaScript receives them, in Chinese and in English.
import { randomUUID } from "node:crypto";
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, createLot, createOrganization, createProduct, createStockEntries } from "../../tests/factories";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as productPage from "./catalog.$productId";
import * as storefrontPage from "./sellers.$sellerId";

const ROUTES: TestRoute[] = [
  { id: "routes/catalog.$productId", path: "catalog/:productId", module: productPage },
  { id: "routes/sellers.$sellerId", path: "sellers/:sellerId", module: storefrontPage },
];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] product and storefront render: database ${t.label}`);
  const db = t.db.prisma;
  const seller = await createOrganization(db, { kind: "cooperative", name: "尤溪县西城金柑专业合作社", nameEn: "Youxi Xicheng Kumquat Cooperative", county: "尤溪县", descriptionZh: "金柑种植二十年。" });
  ids.seller = seller.id;
  const p = await createProduct(db, {
    sellerId: seller.id,
    category: "fruit",
    nameZh: "尤溪金柑",
    nameEn: "Youxi kumquats",
    originCounty: "尤溪县",
    tempClass: "chilled",
    variants: [
      { unit: "box", netWeightGrams: 5000, minOrderQuantity: 2, orderMultiple: 2, tiers: [{ minQuantity: 2, unitPriceFen: 8800 }, { minQuantity: 20, unitPriceFen: 8000 }] },
      { unit: "bag", netWeightGrams: 1000, tiers: [{ minQuantity: 1, unitPriceFen: 2200 }] },
    ],
  });
  ids.product = p.id;
  await createStockEntries(db, [{ variantId: p.variants[0].id, onHandDelta: 40 }, { variantId: p.variants[0].id, kind: "reservation", reservedDelta: 4 }]);
  await db.harvestWindow.create({ data: { variantId: p.variants[1].id, availableFrom: addDays(new Date(), 30), availableTo: addDays(new Date(), 90), expectedPacksPerWeek: 50 }, select: { id: true } });
  ids.lot = (await createLot(db, { variantId: p.variants[0].id, code: "YX-KQ-001", certificates: [{ kind: "green_food", number: "LB-45-2101" }] })).id;
  await db.productPhoto.create({
    data: { productId: p.id, position: 0, width: 1600, height: 1200, placeholder: "data:image/webp;base64,UklGRg==", variants: [320, 640, 1280].map((w) => ({ width: w, key: `products/${p.id}/${randomUUID()}/${w}.webp`, bytes: 1000 })) },
    select: { id: true },
  });
  handler = createRequestHandler(testServerBuild(ROUTES));
}, 120_000);
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

async function page(path: string, locale: "zh" | "en"): Promise<{ status: number; html: string; text: string }> {
  const res = await handler(new Request(`http://localhost${path}`, { headers: { cookie: `hm_locale=${locale}` } }), { cspNonce: "test-nonce", requestId: "test" });
  const html = await res.text();
  const body = html.replace(/<script[\s\S]*?<\/script>/g, " ");
  return { status: res.status, html, text: body.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ") };
}

describe("product page as served to a visitor", () => {
  it("renders photos with srcset, sizes and the blur placeholder, tiered prices per pack and per kg, stock, the lot and the seller", async () => {
    const { status, html, text } = await page(`/catalog/${ids.product}`, "zh");
    expect(status).toBe(200);
    expect(html).toMatch(/<img[^>]*srcSet="\/media\/products\/[^"]*320\.webp 320w, [^"]*640\.webp 640w, [^"]*1280\.webp 1280w"/i);
    expect(html).toMatch(/<img[^>]*sizes="\(min-width: 1024px\) 1024px, 100vw"/);
    expect(html).toContain("background-image:url(&quot;data:image/webp;base64,UklGRg==&quot;)");
    expect(text).toContain("2 箱起 ¥88.00/箱 折合 ¥17.60/kg");
    expect(text).toContain("20 箱起 ¥80.00/箱 折合 ¥16.00/kg");
    expect(text).toContain("¥22.00/袋 起");
    expect(text).toContain("折合 ¥16.00/kg 起");
    expect(text).toContain("起订 2 箱，按 2 箱递增");
    expect(text).toContain("现货 36 箱");
    expect(text).toMatch(/预计 (\d{4}年)?\d{1,2}月\d{1,2}日起可订/);
    expect(html).toContain(`href="/t/${ids.lot}"`);
    expect(text).toContain("绿色食品 LB-45-2101");
    expect(html).toContain(`href="/sellers/${ids.seller}"`);
    expect(text).toContain("平台已认证");
    expect(text).toContain("金柑种植二十年。");
  });

  it("speaks English without Chinese labels where English ones exist", async () => {
    const { status, text } = await page(`/catalog/${ids.product}`, "en");
    expect(status).toBe(200);
    for (const phrase of ["Youxi kumquats", "Youxi Xicheng Kumquat Cooperative", "Origin: Youxi County", "Based in Youxi County", "5 kg box", "2 boxes or more ¥88.00/box ¥17.60/kg", "Available now: 36 boxes", "Minimum order 2 boxes", "Green Food LB-45-2101", "Verified by the platform", "Chilled"]) {
      expect(text, phrase).toContain(phrase);
    }
    expect(text).toMatch(/Expected from \d{1,2} [A-Z][a-z]{2}/);
    // Chinese names stay as the secondary line; no Chinese label, unit or county name is left.
    for (const zh of ["产地", "所在地", "箱", "袋", "现货", "冷藏", "平台已认证", "卖家信息", "批次", "折合", "起订"]) expect(text, zh).not.toContain(zh);
  });

  it("is 404 for a product that does not exist", async () => {
    expect((await page(`/catalog/${randomUUID()}`, "zh")).status).toBe(404);
  });
});

describe("seller storefront as served to a visitor", () => {
  it("renders the profile and product cards with prices per pack and per kg", async () => {
    const zh = await page(`/sellers/${ids.seller}`, "zh");
    expect(zh.status).toBe(200);
    expect(zh.text).toContain("尤溪县西城金柑专业合作社");
    expect(zh.text).toContain("所在地：尤溪县");
    expect(zh.text).toContain("绿色食品 LB-45-2101");
    expect(zh.text).toContain("共 1 款在售商品");
    expect(zh.text).toContain("¥22.00/袋 起");
    expect(zh.text).toContain("折合 ¥16.00/kg 起");
    expect(zh.html).toContain(`href="/catalog/${ids.product}"`);
    expect(zh.html).toMatch(/<img[^>]*srcSet="[^"]*320w/i);
    const en = await page(`/sellers/${ids.seller}?page=999999`, "en");
    expect(en.status).toBe(200);
    for (const phrase of ["Youxi Xicheng Kumquat Cooperative", "Farmers' cooperative", "Based in Youxi County", "Products on sale: 1", "from ¥22.00/bag", "from ¥16.00/kg", "In stock", "Chilled"]) expect(en.text, phrase).toContain(phrase);
    for (const zhLabel of ["产地", "所在地", "袋", "在售", "冷藏", "有现货"]) expect(en.text, zhLabel).not.toContain(zhLabel);
  });
});
