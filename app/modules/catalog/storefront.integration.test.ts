/** The public product page and seller storefront: the storefront module, both loaders and the profile photo route. */
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, createLot, createOrganization, createProduct, createStockEntries, createUser } from "../../../tests/factories";
import { sessionCookieFor } from "../../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { loader as productLoader } from "~/routes/catalog.$productId";
import { loader as storefrontLoader } from "~/routes/sellers.$sellerId";
import { loader as photoLoader } from "~/routes/sellers.$sellerId_.photos.$fileId";
import { getStorage } from "~/modules/storage/index.server";
import type { Database } from "~/utils/db.server";
import { getProduct } from "./catalog.server";
import { distinctCertificates, encodeProfilePhoto, getPublicProfilePhoto, getStorefrontSeller, listStorefrontProducts, PROFILE_PHOTO_WIDTH } from "./storefront.server";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

/** A JPEG carrying EXIF with a GPS position, as a phone camera writes it. */
async function phonePhoto(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 90, b: 40 } } })
    .withExif({ IFD0: { Make: "TestPhone", Model: "Camera 1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "26/1 23/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "117/1 47/1 0/1" } })
    .jpeg()
    .toBuffer();
}

async function addFile(organizationId: string, kind: "profile_photo" | "business_licence", body: Buffer, contentType = "image/jpeg", createdAt = new Date()): Promise<string> {
  const id = randomUUID();
  const storageKey = `orgs/${organizationId}/${id}.${contentType === "application/pdf" ? "pdf" : "jpg"}`;
  await getStorage().put(storageKey, body, contentType);
  await t.db.prisma.organizationFile.create({ data: { id, organizationId, kind, storageKey, contentType, byteSize: body.length, createdAt }, select: { id: true } });
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] storefront and product page: database ${t.label}`);
  const db = t.db.prisma;
  const seller = await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社", nameEn: "Jianning Lotus Cooperative", county: "建宁县", descriptionZh: "合作社带动 300 户莲农。" });
  await db.organization.update({ where: { id: seller.id }, data: { descriptionEn: "Three hundred lotus farming families.", reviewedAt: new Date("2026-03-01T02:00:00Z") }, select: { id: true } });
  ids.seller = seller.id;
  ids.pending = (await createOrganization(db, { verificationStatus: "pending" })).id;
  ids.suspended = (await createOrganization(db, { suspendedAt: new Date() })).id;
  ids.buyerOrg = (await createOrganization(db, { kind: "canteen" })).id;

  // A licence uploaded first and a PDF must never become the public photo; the first picture does.
  ids.licence = await addFile(seller.id, "business_licence", await phonePhoto(), "image/jpeg", new Date("2026-01-01T00:00:00Z"));
  ids.pdfPhoto = await addFile(seller.id, "profile_photo", Buffer.from("%PDF-1.4\n%%EOF\n"), "application/pdf", new Date("2026-01-02T00:00:00Z"));
  ids.photo = await addFile(seller.id, "profile_photo", await phonePhoto(), "image/jpeg", new Date("2026-01-03T00:00:00Z"));
  ids.pendingPhoto = await addFile(ids.pending, "profile_photo", await phonePhoto(), "image/jpeg");

  const lotus = await createProduct(db, {
    sellerId: seller.id,
    nameZh: "建宁通心白莲",
    nameEn: "Jianning cored white lotus seeds",
    originCounty: "建宁县",
    variants: [
      { unit: "box", itemCount: 24, itemNetWeightGrams: 350, tiers: [{ minQuantity: 2, unitPriceFen: 36700 }, { minQuantity: 10, unitPriceFen: 34400 }], minOrderQuantity: 2, orderMultiple: 2 },
      { unit: "bag", netWeightGrams: 500, tiers: [{ minQuantity: 1, unitPriceFen: 3000 }] },
      { unit: "bag", netWeightGrams: 100, active: false, tiers: [{ minQuantity: 1, unitPriceFen: 100 }] },
    ],
  });
  ids.lotus = lotus.id;
  ids.box = lotus.variants[0].id;
  ids.bag = lotus.variants[1].id;
  await createStockEntries(db, [{ variantId: ids.box, onHandDelta: 30 }, { variantId: ids.box, kind: "reservation", reservedDelta: 12 }]);
  await db.harvestWindow.create({ data: { variantId: ids.bag, availableFrom: addDays(new Date(), 20), availableTo: addDays(new Date(), 60), expectedPacksPerWeek: 100 }, select: { id: true } });
  ids.oldLot = (await createLot(db, { variantId: ids.box, code: "JN-OLD", producedAt: addDays(new Date(), -40), shelfLifeDays: 365, certificates: [{ kind: "geo_indication", number: "GI-7" }] })).id;
  ids.newLot = (await createLot(db, { variantId: ids.box, code: "JN-NEW", producedAt: addDays(new Date(), -5), shelfLifeDays: 365, certificates: [{ kind: "green_food", number: "LB-1" }, { kind: "sc_licence", number: "SC-9" }] })).id;
  await createLot(db, { variantId: ids.bag, code: "JN-EXPIRED", producedAt: addDays(new Date(), -400), shelfLifeDays: 30, certificates: [{ kind: "organic", number: "OR-EXPIRED" }] });
  await db.productPhoto.create({
    data: { productId: lotus.id, position: 0, width: 1600, height: 1200, placeholder: "data:image/webp;base64,UklGRg==", variants: [320, 640, 1280].map((w) => ({ width: w, key: `products/${lotus.id}/${randomUUID()}/${w}.webp`, bytes: 1000 })) },
    select: { id: true },
  });

  // Five more listed products, older than the lotus seeds, and some that are not on sale.
  for (let i = 1; i <= 5; i++) {
    const p = await createProduct(db, { sellerId: seller.id, nameZh: `建宁黄花梨 ${i}`, variants: [{ unit: "box", netWeightGrams: 5000, tiers: [{ minQuantity: 1, unitPriceFen: 5000 + i * 100 }] }] });
    await db.product.update({ where: { id: p.id }, data: { createdAt: addDays(new Date(), -i) }, select: { id: true } });
    ids[`pear${i}`] = p.id;
  }
  for (const status of ["draft", "paused", "archived"] as const) {
    const p = await createProduct(db, { sellerId: seller.id, status, nameZh: `不在售 ${status}` });
    ids[status] = p.id;
    await createLot(db, { variantId: p.variants[0].id, certificates: [{ kind: "organic", number: `OR-${status}` }] });
  }
  ids.pendingProduct = (await createProduct(db, { sellerId: ids.pending })).id;

  const buyer = await createOrganization(db, { kind: "canteen" });
  cookies.buyer = await sessionCookieFor(db, (await createUser(db, { role: "buyer", organizationId: buyer.id, locale: "en" })).id);
  cookies.driver = await sessionCookieFor(db, (await createUser(db, { role: "driver", organizationId: buyer.id })).id);
}, 120_000);
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

/** The loader's data, or the status of the Response it threw. */
type Unwrapped<T> = T extends { data: infer D; init: unknown } ? D : T;

/** The loader's data (public pages wrap it with their caching headers, see lastHeaders), or the status it threw. */
let lastHeaders: Headers = new Headers();
async function run<T>(load: () => Promise<T>): Promise<Unwrapped<T> | number> {
  try {
    const result = (await load()) as unknown;
    const wrapped = result !== null && typeof result === "object" && "data" in result && "init" in result;
    lastHeaders = new Headers(wrapped ? ((result as { init?: { headers?: HeadersInit } }).init?.headers ?? {}) : {});
    return (wrapped ? (result as { data: unknown }).data : result) as Unwrapped<T>;
  } catch (error) {
    if (error instanceof Response) return error.status;
    // notFound() and forbidden() throw Remix's data(…, { status }).
    const status = (error as { init?: { status?: number } } | null)?.init?.status;
    if (typeof status === "number") return status;
    throw error;
  }
}
const request = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
const product = (id: string, cookie?: string) => run(() => productLoader({ request: request(`/catalog/${id}`, cookie), params: { productId: id }, context: {} }));
const storefront = (id: string, query = "", cookie?: string) => run(() => storefrontLoader({ request: request(`/sellers/${id}${query}`, cookie), params: { sellerId: id }, context: {} }));

describe("product detail", () => {
  it("has what is available now per pack, lots newest first, the seller's profile and public photo", async () => {
    const p = await getProduct(t.db.prisma, ids.lotus, { activeOnly: true });
    expect(p).not.toBeNull();
    const box = p!.variants.find((v) => v.id === ids.box)!;
    const bag = p!.variants.find((v) => v.id === ids.bag)!;
    expect(box.available).toBe(18);
    expect(bag.available).toBe(0);
    expect(bag.harvestWindows).toHaveLength(1);
    expect(box.lots.map((l) => l.code)).toEqual(["JN-NEW", "JN-OLD"]);
    expect(p!.variants).toHaveLength(2);
    expect(p!.seller).toMatchObject({ id: ids.seller, kind: "cooperative", nameEn: "Jianning Lotus Cooperative", verified: true, photoId: ids.photo, descriptionEn: "Three hundred lotus farming families." });
    expect(p!.photos[0].variants.map((v) => v.width)).toEqual([320, 640, 1280]);
  });
});

describe("storefront module", () => {
  it("shows a verified seller's profile with the certificates of current lots of listed products only", async () => {
    const s = await getStorefrontSeller(t.db.prisma, ids.seller);
    expect(s).toMatchObject({ id: ids.seller, name: "建宁县通心白莲专业合作社", county: "建宁县", photoId: ids.photo, productCount: 6 });
    const numbers = s!.certificates.map((c) => c.number).sort();
    expect(numbers).toEqual(["GI-7", "LB-1", "SC-9"]);
  });

  it("has no storefront for pending, suspended, non-selling or unknown organizations", async () => {
    for (const id of [ids.pending, ids.suspended, ids.buyerOrg, randomUUID()]) expect(await getStorefrontSeller(t.db.prisma, id)).toBeNull();
  });

  it("lists listed products newest first with the lowest price per pack and per kg, a page at a time", async () => {
    const first = await listStorefrontProducts(t.db.prisma, ids.seller, 1, 4);
    expect(first).toMatchObject({ total: 6, page: 1, pages: 2 });
    expect(first.items.map((p) => p.id)).toEqual([ids.lotus, ids.pear1, ids.pear2, ids.pear3]);
    const lotus = first.items[0];
    // The inactive 100 g bag at ¥1 does not count; ¥30 for 500 g is ¥60/kg, ¥344 for 8.4 kg is ¥40.95/kg.
    expect(lotus.lowest).toEqual({ unitPriceFen: 3000, unit: "bag" });
    expect(lotus.lowestPerKgFen).toBe(4095);
    expect(lotus.inStock).toBe(true);
    expect(lotus.photos).toHaveLength(1);
    expect(first.items[1].inStock).toBe(false);
    const second = await listStorefrontProducts(t.db.prisma, ids.seller, 2, 4);
    expect(second.items.map((p) => p.id)).toEqual([ids.pear4, ids.pear5]);
    // Past the end: the last page; nonsense: the first.
    expect((await listStorefrontProducts(t.db.prisma, ids.seller, 9_999, 4)).page).toBe(2);
    expect((await listStorefrontProducts(t.db.prisma, ids.seller, Number.NaN, 4)).page).toBe(1);
    expect((await listStorefrontProducts(t.db.prisma, ids.pending, 1, 4)).total).toBe(0);
  });

  it("drops repeated certificates, counting spellings of one kind as one", () => {
    expect(distinctCertificates([{ kind: "sc_licence", number: "SC-1" }, { kind: "sc", number: "SC-1" }, { kind: "sc", number: "SC-2" }, { kind: "其他", number: "X" }, { kind: "其他", number: "X" }])).toEqual([
      { kind: "sc_licence", number: "SC-1" },
      { kind: "sc", number: "SC-2" },
      { kind: "其他", number: "X" },
    ]);
  });
});

describe("public profile photo", () => {
  it("re-encodes the photo as a small WebP without EXIF or GPS", async () => {
    const body = await getPublicProfilePhoto(t.db.prisma, getStorage(), ids.seller, ids.photo);
    expect(body).not.toBeNull();
    const meta = await sharp(body!).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.width).toBe(PROFILE_PHOTO_WIDTH);
    expect(meta.exif).toBeUndefined();
    expect(await encodeProfilePhoto(Buffer.from("not an image"))).toBeNull();
  });

  it("serves only profile pictures of public sellers, with caching headers and 304", async () => {
    const get = (sellerId: string, fileId: string, headers: Record<string, string> = {}) =>
      photoLoader({ request: new Request(`http://localhost/sellers/${sellerId}/photos/${fileId}`, { headers }), params: { sellerId, fileId }, context: {} });
    const ok = await get(ids.seller, ids.photo);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("image/webp");
    expect(ok.headers.get("Cache-Control")).toBe("public, max-age=86400");
    const etag = ok.headers.get("ETag")!;
    expect((await get(ids.seller, ids.photo, { "If-None-Match": etag })).status).toBe(304);
    for (const [sellerId, fileId] of [[ids.seller, ids.licence], [ids.seller, ids.pdfPhoto], [ids.pending, ids.pendingPhoto], [ids.buyerOrg, ids.photo], [ids.seller, "nope"]]) {
      expect((await get(sellerId, fileId)).status, `${sellerId}/${fileId}`).toBe(404);
    }
  });
});

describe("loaders", () => {
  it("show a product to a visitor without an account, in the visitor's language", async () => {
    const data = await product(ids.lotus);
    if (typeof data === "number") throw new Error(`status ${data}`);
    expect(data.product.id).toBe(ids.lotus);
    expect(data.title).toBe("建宁通心白莲 · 沪明直供");
    expect(data.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A visitor's view may be kept by shared caches; a signed-in buyer's never.
    expect(lastHeaders.get("Cache-Control")).toContain("public");
    const en = await product(ids.lotus, cookies.buyer);
    if (typeof en === "number") throw new Error(`status ${en}`);
    expect(lastHeaders.get("Cache-Control")).toBe("private, no-store");
    expect(en.title).toBe("Jianning cored white lotus seeds · Huming Direct");
  });

  it("answer 404 for products not on sale, of sellers without a storefront, and for bad ids; 403 for a driver", async () => {
    for (const id of [ids.draft, ids.paused, ids.archived, ids.pendingProduct, randomUUID(), "not-a-uuid", "1%27%20OR%201=1"]) expect(await product(id), id).toBe(404);
    expect(await product(ids.lotus, cookies.driver)).toBe(403);
  });

  it("show a seller's storefront to anyone, clamping absurd pages", async () => {
    const data = await storefront(ids.seller);
    if (typeof data === "number") throw new Error(`status ${data}`);
    expect(data.seller.id).toBe(ids.seller);
    expect(data.products.items[0].id).toBe(ids.lotus);
    expect(data.title).toBe("建宁县通心白莲专业合作社 · 沪明直供");
    for (const query of ["?page=99999999999999999999", "?page=-1", "?page=2.5", "?page=%00", `?page=${"9".repeat(500)}`]) {
      const page = await storefront(ids.seller, query);
      if (typeof page === "number") throw new Error(`${query}: status ${page}`);
      expect(page.products.page).toBe(1);
    }
    const en = await storefront(ids.seller, "", cookies.buyer);
    if (typeof en === "number") throw new Error(`status ${en}`);
    expect(en.title).toBe("Jianning Lotus Cooperative · Huming Direct");
  });

  it("answer 404 for sellers without a storefront and bad ids; 403 for a driver", async () => {
    for (const id of [ids.pending, ids.suspended, ids.buyerOrg, randomUUID(), "not-a-uuid"]) expect(await storefront(id), id).toBe(404);
    expect(await storefront(ids.seller, "", cookies.driver)).toBe(403);
  });
});
