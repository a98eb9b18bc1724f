/**
 * The listing editor end to end through its route modules, on PostgreSQL (TEST_DATABASE_URL) or PGlite:
 * create a draft, save, autosave, publish / pause / archive, the rules that refuse each, and another
 * seller's product (403).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, createOrganization, createProduct, createUser } from "../../../tests/factories";
import { buildRequest, runRoute, sessionCookieFor, type Outcome, type RouteModule } from "../../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Database } from "~/utils/db.server";
import * as autosaveRoute from "~/routes/seller.products.$productId_.autosave";
import * as editRoute from "~/routes/seller.products.$productId_.edit";
import * as productRoute from "~/routes/seller.products.$productId";
import * as newRoute from "~/routes/seller.products.new";
import * as catalogProductRoute from "~/routes/catalog.$productId";
import { blankPackValues, listingToValues, type ListingValues } from "./listing-schema";
import { changeStatus, loadListing, saveListing } from "./listing.server";
import { readListing } from "./listing-schema";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let db: PrismaClient;
const org = {} as { a: string; b: string; pending: string; buyer: string };
const cookie = {} as { a: string; b: string; pending: string; buyer: string };
let buyerUser: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] listing editor: database ${t.label}`);
  db = t.db.prisma;
  org.a = (await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社", county: "建宁县" })).id;
  org.b = (await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂", county: "沙县区" })).id;
  org.pending = (await createOrganization(db, { kind: "cooperative", name: "泰宁县新合作社", county: "泰宁县", verificationStatus: "pending" })).id;
  org.buyer = (await createOrganization(db, { kind: "canteen", name: "复旦大学食堂", county: "杨浦区" })).id;
  const users = {
    a: await createUser(db, { role: "seller", organizationId: org.a }),
    b: await createUser(db, { role: "seller", organizationId: org.b }),
    pending: await createUser(db, { role: "seller", organizationId: org.pending }),
    buyer: await createUser(db, { role: "buyer", organizationId: org.buyer }),
  };
  buyerUser = users.buyer.id;
  for (const k of ["a", "b", "pending", "buyer"] as const) cookie[k] = await sessionCookieFor(db, users[k].id);
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

const run = (module: RouteModule, method: "GET" | "POST", path: string, params: Record<string, string>, who?: string, form?: Record<string, string>): Promise<Outcome> =>
  runRoute(module, buildRequest(method, path, { cookie: who, form }), params);

async function autosave(productId: string, who: string, form: ListingValues): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const res = (await autosaveRoute.action({ request: buildRequest("POST", `/seller/products/${productId}/autosave`, { cookie: who, form }), params: { productId }, context: {} })) as Response;
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } catch (thrown) {
    const status = (thrown as { init?: { status?: number } }).init?.status ?? (thrown instanceof Response ? thrown.status : 500);
    return { status, body: {} };
  }
}

async function newDraft(who: string, fields: Record<string, string> = {}): Promise<string> {
  const out = await run(newRoute as RouteModule, "POST", "/seller/products/new", {}, who, {
    nameZh: "建宁通心白莲",
    category: "forest_goods",
    originCounty: "建宁县",
    tempClass: "ambient",
    shelfLifeDays: "365",
    ...fields,
  });
  expect(out.status).toBe(302);
  const id = /^\/seller\/products\/([0-9a-f-]{36})\/edit$/.exec(out.location ?? "")?.[1];
  expect(id).toBeDefined();
  return id!;
}

/** The editor's values as the loader renders them (the spare pack block included). */
async function editorValues(productId: string, who = cookie.a): Promise<ListingValues> {
  const out = await run(editRoute as RouteModule, "GET", `/seller/products/${productId}/edit`, { productId }, who);
  expect(out.status).toBe(200);
  return (out.data as { values: ListingValues }).values;
}

const PRODUCT_FIELDS = { nameEn: "Jianning cored white lotus seeds", descriptionZh: "通心白莲，颗粒饱满。", descriptionEn: "" };

function withPack(values: ListingValues, index: number, fields: Record<string, string>): ListingValues {
  const out = { ...values };
  for (const [k, v] of Object.entries(fields)) out[`packs.${index}.${k}`] = v;
  return out;
}

const fullPack = {
  unit: "box",
  itemCount: "10",
  itemWeight: "500 g",
  volume: "40×30×20",
  active: "on",
  minOrder: "1",
  multiple: "1",
  "tiers.0.quantity": "1",
  "tiers.0.price": "360",
  "tiers.1.quantity": "10",
  "tiers.1.price": "345.50",
  "tiers.2.quantity": "50",
  "tiers.2.price": "330",
  "windows.0.from": "2026-12-01",
  "windows.0.to": "2027-01-15",
  "windows.0.perWeek": "200",
};

async function stored(productId: string) {
  return db.product.findUniqueOrThrow({
    where: { id: productId },
    select: {
      status: true,
      nameZh: true,
      nameEn: true,
      updatedAt: true,
      variants: {
        orderBy: { sku: "asc" },
        select: {
          id: true,
          sku: true,
          label: true,
          unit: true,
          netWeightGrams: true,
          itemCount: true,
          active: true,
          minOrderQuantity: true,
          priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } },
          harvestWindows: { select: { availableFrom: true, availableTo: true, expectedPacksPerWeek: true } },
        },
      },
    },
  });
}

describe("creating a draft", () => {
  it("stores a draft from the first step and opens its editor", async () => {
    const id = await newDraft(cookie.a);
    expect(await stored(id)).toMatchObject({ status: "draft", nameZh: "建宁通心白莲", variants: [] });
    const values = await editorValues(id);
    expect(values.nameZh).toBe("建宁通心白莲");
    // One spare pack block with its own id, to add a pack without JavaScript.
    expect(values["packs.0.id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(values["packs.0.existing"]).toBeUndefined();
  });

  it("answers field errors with 400 and stores nothing", async () => {
    const before = await db.product.count();
    const out = await run(newRoute as RouteModule, "POST", "/seller/products/new", {}, cookie.a, { nameZh: "", category: "x", originCounty: "长宁区", tempClass: "", shelfLifeDays: "-1" });
    expect(out.status).toBe(400);
    expect((out.data as { errors: object }).errors).toMatchObject({ nameZh: "validation.required", category: "listing.error.category", originCounty: "listing.error.county" });
    expect((out.data as { values: Record<string, string> }).values.shelfLifeDays).toBe("-1");
    expect(await db.product.count()).toBe(before);
  });

  it("refuses to create for another organization or for a buyer", async () => {
    expect((await run(newRoute as RouteModule, "POST", "/seller/products/new", {}, cookie.a, { organizationId: org.b, nameZh: "x" })).status).toBe(403);
    expect((await run(newRoute as RouteModule, "GET", "/seller/products/new", {}, cookie.buyer)).status).toBe(403);
  });
});

describe("saving", () => {
  it("stores product, packs, tiers and windows together and redirects to the product", async () => {
    const id = await newDraft(cookie.a);
    const values = withPack({ ...(await editorValues(id)), ...PRODUCT_FIELDS }, 0, fullPack);
    const out = await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, { ...values, intent: "save" });
    expect(out).toMatchObject({ status: 302, location: `/seller/products/${id}?saved=1` });
    const p = await stored(id);
    expect(p.nameEn).toBe("Jianning cored white lotus seeds");
    expect(p.variants).toHaveLength(1);
    expect(p.variants[0]).toMatchObject({
      id: values["packs.0.id"],
      unit: "box",
      itemCount: 10,
      netWeightGrams: 5000,
      label: "10×500 g/箱",
      priceTiers: [
        { minQuantity: 1, unitPriceFen: 36000 },
        { minQuantity: 10, unitPriceFen: 34550 },
        { minQuantity: 50, unitPriceFen: 33000 },
      ],
      harvestWindows: [{ availableFrom: new Date("2026-12-01T00:00:00Z"), availableTo: new Date("2027-01-15T00:00:00Z"), expectedPacksPerWeek: 200 }],
    });
    expect(p.variants[0]!.sku).toMatch(/^350430-\d{5}$/);

    // Saving the same form again (a retry after a dropped connection) changes nothing and duplicates nothing.
    await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, { ...values, intent: "save" });
    const again = await stored(id);
    expect(again.variants.map((v) => [v.id, v.sku])).toEqual(p.variants.map((v) => [v.id, v.sku]));
    expect(again.variants[0]!.priceTiers).toHaveLength(3);
  });

  it("answers invalid tiers with field errors, every typed value, and nothing saved", async () => {
    const id = await newDraft(cookie.a);
    const good = withPack({ ...(await editorValues(id)), ...PRODUCT_FIELDS }, 0, fullPack);
    await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, good);
    const before = await stored(id);
    const values = await editorValues(id);
    const bad = withPack({ ...values, nameEn: "renamed" }, 0, { "tiers.1.price": "380", "tiers.2.quantity": "5" });
    const out = await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, { ...bad, intent: "save" });
    expect(out.status).toBe(400);
    const answer = out.data as { errors: Record<string, { key: string }>; values: ListingValues };
    expect(answer.errors).toEqual({
      "packs.0.tiers.1.price": { key: "listing.error.tier_price_order" },
      "packs.0.tiers.2.quantity": { key: "listing.error.tier_quantity_order", params: { previous: 10 } },
    });
    expect(answer.values["packs.0.tiers.1.price"]).toBe("380");
    expect(answer.values.nameEn).toBe("renamed");
    expect(await stored(id)).toEqual(before);
  });

  it("adds a second pack from the spare block, retires a pack with orders and deletes one without", async () => {
    const id = await newDraft(cookie.a);
    let values = withPack({ ...(await editorValues(id)), ...PRODUCT_FIELDS }, 0, fullPack);
    await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, values);
    values = withPack(await editorValues(id), 1, { ...fullPack, unit: "jin", itemCount: "1", itemWeight: "", "tiers.0.price": "40", "tiers.1.price": "38", "tiers.2.price": "36" });
    values = { ...values, ...blankPackValues(2, randomUUID()) };
    expect((await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, values)).status).toBe(302);
    const two = await stored(id);
    expect(two.variants.map((v) => v.label)).toEqual(["10×500 g/箱", "1 斤/袋"]);
    expect(new Set(two.variants.map((v) => v.sku)).size).toBe(2);

    // An order refers to the box: "delete" retires it; the jin bag has none and goes.
    const [box, bag] = two.variants;
    await createOrder(db, { buyerId: org.buyer, placedById: buyerUser, sellerOrders: [{ sellerId: org.a, lines: [{ variantId: box!.id, productNameZh: "建宁通心白莲", quantity: 2, unitPriceFen: 36000, weightGrams: 10000 }] }] });
    const loaded = await loadListing(db, id, [org.a]);
    expect(loaded.kind === "ok" && loaded.usage).toEqual({ [box!.id]: { inUse: true }, [bag!.id]: { inUse: false } });
    let removal = await editorValues(id);
    removal = withPack(withPack(removal, 0, { remove: "1" }), 1, { remove: "1" });
    expect((await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, removal)).status).toBe(302);
    const after = await stored(id);
    expect(after.variants.map((v) => [v.id, v.active])).toEqual([[box!.id, false]]);
  });

  it("keeps a listing on sale complete: removing its last price is refused", async () => {
    const id = await newDraft(cookie.a);
    await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, withPack({ ...(await editorValues(id)), ...PRODUCT_FIELDS }, 0, fullPack));
    expect(await changeStatus(db, id, [org.a], "publish")).toEqual({ kind: "ok", status: "active" });
    const values = withPack(await editorValues(id), 0, { "tiers.0.quantity": "", "tiers.0.price": "", "tiers.1.quantity": "", "tiers.1.price": "", "tiers.2.quantity": "", "tiers.2.price": "" });
    const out = await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, values);
    expect(out.status).toBe(400);
    expect((out.data as { errors: object }).errors).toEqual({ _form: { key: "listing.publish.needs_price" } });
    expect((await stored(id)).variants[0]!.priceTiers).toHaveLength(3);
  });

  it("refuses a pack id of another product", async () => {
    const other = await createProduct(db, { sellerId: org.a });
    const id = await newDraft(cookie.a);
    const values = withPack({ ...(await editorValues(id)), ...PRODUCT_FIELDS }, 0, { ...fullPack, id: other.variants[0]!.id });
    const out = await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, values);
    expect(out.status).toBe(400);
    expect((out.data as { errors: object }).errors).toEqual({ "packs.0.id": { key: "listing.error.pack_foreign" } });
    expect((await stored(id)).variants).toEqual([]);
    expect((await db.variant.findUniqueOrThrow({ where: { id: other.variants[0]!.id }, select: { productId: true } })).productId).toBe(other.id);
  });

  it("gives concurrent saves in one county distinct SKUs", async () => {
    const ids = await Promise.all([newDraft(cookie.a), newDraft(cookie.a), newDraft(cookie.a)]);
    const forms = await Promise.all(ids.map(async (id) => withPack({ ...(await editorValues(id)), ...PRODUCT_FIELDS }, 0, fullPack)));
    const results = await Promise.all(ids.map((id, i) => saveListing(db, id, [org.a], readListing(forms[i]!).data, "save")));
    expect(results.map((r) => r.kind)).toEqual(["ok", "ok", "ok"]);
    const skus = await db.variant.findMany({ where: { productId: { in: ids } }, select: { sku: true } });
    expect(new Set(skus.map((s) => s.sku)).size).toBe(3);
  });
});

describe("autosave", () => {
  it("stores what is valid of a draft and keeps stored values for the rest", async () => {
    const id = await newDraft(cookie.a);
    const blank = await editorValues(id);
    // No prices yet, an English name, a half-typed second pack: the draft keeps the first pack without prices.
    let values = withPack({ ...blank, ...PRODUCT_FIELDS }, 0, { ...fullPack, "tiers.0.price": "", "tiers.0.quantity": "", "tiers.1.quantity": "", "tiers.1.price": "", "tiers.2.quantity": "", "tiers.2.price": "" });
    values = { ...values, ...blankPackValues(1, randomUUID()), "packs.1.itemWeight": "350 g" };
    const first = await autosave(id, cookie.a, values);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, packIds: [values["packs.0.id"]] });
    expect((first.body.errors as Record<string, unknown>)["packs.1.volume"]).toEqual({ key: "listing.error.volume_invalid" });
    const p = await stored(id);
    expect(p.nameEn).toBe("Jianning cored white lotus seeds");
    expect(p.variants).toHaveLength(1);
    expect(p.variants[0]!.priceTiers).toEqual([]);
    expect(p.updatedAt.toISOString()).toBe(first.body.updatedAt);

    // Then a price typed out of order and an emptied name: neither is stored; the rest is.
    const next = withPack({ ...values, nameZh: "", descriptionZh: "改过的介绍" }, 0, { "tiers.0.quantity": "1", "tiers.0.price": "300", "tiers.1.quantity": "10", "tiers.1.price": "320", "windows.0.perWeek": "150" });
    expect((await autosave(id, cookie.a, next)).status).toBe(200);
    const q = await db.product.findUniqueOrThrow({ where: { id }, select: { nameZh: true, descriptionZh: true, variants: { select: { priceTiers: true, harvestWindows: { select: { expectedPacksPerWeek: true } } } } } });
    expect(q.nameZh).toBe("建宁通心白莲");
    expect(q.descriptionZh).toBe("改过的介绍");
    expect(q.variants[0]!.priceTiers).toEqual([]);
    expect(q.variants[0]!.harvestWindows).toEqual([{ expectedPacksPerWeek: 150 }]);

    // The editor shows the autosaved state, and a full save from it works.
    const shown = await editorValues(id);
    expect(shown["packs.0.existing"]).toBe("1");
    expect(shown.descriptionZh).toBe("改过的介绍");
  });

  it("does not touch a listing on sale (409) and refuses other sellers (403)", async () => {
    const live = await createProduct(db, { sellerId: org.a });
    const values = listingToValues({ ...(await loadOk(live.id)), nameEn: "changed" });
    expect((await autosave(live.id, cookie.a, values)).status).toBe(409);
    expect((await db.product.findUniqueOrThrow({ where: { id: live.id }, select: { nameEn: true } })).nameEn).not.toBe("changed");
    const draft = await newDraft(cookie.a);
    expect((await autosave(draft, cookie.b, { ...(await editorValues(draft)), nameZh: "别人的" })).status).toBe(403);
    expect((await autosave(randomUUID(), cookie.a, {})).status).toBe(404);
    expect((await stored(draft)).nameZh).toBe("建宁通心白莲");
  });
});

async function loadOk(id: string) {
  const r = await loadListing(db, id, [org.a]);
  if (r.kind !== "ok") throw new Error(r.kind);
  return r.listing;
}

describe("publishing, pausing, archiving", () => {
  const status = (id: string, intent: string, who = cookie.a) => run(productRoute as RouteModule, "POST", `/seller/products/${id}`, { productId: id }, who, { intent });

  it("publishes a complete listing of a verified seller, then pauses, resumes, archives and takes it back to draft", async () => {
    const id = await newDraft(cookie.a);
    // Incomplete: no pack yet.
    const refused = await status(id, "publish");
    expect(refused.status).toBe(400);
    expect((refused.data as { reasons: string[] }).reasons).toEqual(["listing.publish.needs_pack"]);
    await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.a, withPack({ ...(await editorValues(id)), ...PRODUCT_FIELDS }, 0, fullPack));
    expect(await status(id, "publish")).toMatchObject({ status: 302, location: `/seller/products/${id}?status=active` });
    expect((await stored(id)).status).toBe("active");
    // Buyers see it now, with labels in their language.
    const buyerView = await run(catalogProductRoute as RouteModule, "GET", `/catalog/${id}`, { productId: id }, cookie.buyer);
    expect(buyerView.status).toBe(200);
    expect(await status(id, "publish")).toMatchObject({ status: 409 });
    expect(await status(id, "pause")).toMatchObject({ status: 302 });
    expect((await run(catalogProductRoute as RouteModule, "GET", `/catalog/${id}`, { productId: id }, cookie.buyer)).status).toBe(404);
    expect(await status(id, "publish")).toMatchObject({ status: 302 });
    expect(await status(id, "archive")).toMatchObject({ status: 302 });
    expect((await stored(id)).status).toBe("archived");
    expect(await status(id, "pause")).toMatchObject({ status: 409 });
    expect(await status(id, "draft")).toMatchObject({ status: 302 });
    expect((await stored(id)).status).toBe("draft");
  });

  it("does not let an unverified seller publish, and says why on the product page", async () => {
    const id = await newDraft(cookie.pending, { originCounty: "泰宁县" });
    const values = withPack({ ...(await editorValues(id, cookie.pending)), ...PRODUCT_FIELDS }, 0, fullPack);
    expect((await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.pending, values)).status).toBe(302);
    const page = await run(productRoute as RouteModule, "GET", `/seller/products/${id}`, { productId: id }, cookie.pending);
    expect(page.status).toBe(200);
    expect((page.data as { publishBlockers: string[]; intents: string[] }).publishBlockers).toEqual(["listing.publish.unverified"]);
    const out = await status(id, "publish", cookie.pending);
    expect(out.status).toBe(400);
    expect((out.data as { reasons: string[] }).reasons).toEqual(["listing.publish.unverified"]);
    expect((await stored(id)).status).toBe("draft");
    expect((await stored(id)).variants[0]!.sku).toMatch(/^350429-/);
  });

  it("does not let a suspended seller publish", async () => {
    const suspended = await createOrganization(db, { kind: "cooperative", county: "尤溪县", suspendedAt: new Date() });
    const p = await createProduct(db, { sellerId: suspended.id, status: "draft" });
    expect(await changeStatus(db, p.id, [suspended.id], "publish")).toEqual({ kind: "blocked", reasons: ["listing.publish.suspended"] });
  });

  it("answers another seller's product with 403 on every page and action, and a bad intent with 400", async () => {
    const id = await newDraft(cookie.a);
    expect((await run(editRoute as RouteModule, "GET", `/seller/products/${id}/edit`, { productId: id }, cookie.b)).status).toBe(403);
    expect((await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.b, { nameZh: "x" })).status).toBe(403);
    expect((await run(editRoute as RouteModule, "POST", `/seller/products/${id}/edit`, { productId: id }, cookie.b, await editorValues(id))).status).toBe(403);
    expect((await status(id, "archive", cookie.b)).status).toBe(403);
    expect((await status(id, "nonsense", cookie.b)).status).toBe(403);
    expect((await status(id, "nonsense")).status).toBe(400);
    expect((await run(productRoute as RouteModule, "GET", `/seller/products/${id}`, { productId: id }, cookie.b)).status).toBe(403);
    expect((await stored(id)).status).toBe("draft");
    expect((await run(editRoute as RouteModule, "GET", `/seller/products/${randomUUID()}/edit`, { productId: randomUUID() }, cookie.a)).status).toBe(404);
    expect((await run(editRoute as RouteModule, "GET", `/seller/products/nope/edit`, { productId: "nope" }, cookie.a)).status).toBe(404);
  });
});
