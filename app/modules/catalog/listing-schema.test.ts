import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { messages } from "~/utils/i18n/messages";
import {
  blankPackValues,
  formShape,
  listingFormSchema,
  listingToValues,
  newListingSchema,
  parseDay,
  parseListingForm,
  publishBlockers,
  readListing,
  type EditableListing,
  type ListingValues,
} from "./listing-schema";

const PACK_A = "3f1d1c9e-5b7a-4c2e-9a43-0b9d5e6f7a81";
const PACK_B = "8a2b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";

const product: ListingValues = {
  nameZh: "建宁通心白莲",
  nameEn: "Jianning cored white lotus seeds",
  category: "forest_goods",
  descriptionZh: "",
  descriptionEn: "",
  originCounty: "建宁县",
  tempClass: "ambient",
  shelfLifeDays: "365",
};

const pack = (i: number, id: string, extra: ListingValues = {}): ListingValues => ({
  ...blankPackValues(i, id),
  [`packs.${i}.itemCount`]: "10",
  [`packs.${i}.itemWeight`]: "500 g",
  [`packs.${i}.volume`]: "40×30×20",
  [`packs.${i}.tiers.0.quantity`]: "1",
  [`packs.${i}.tiers.0.price`]: "360",
  [`packs.${i}.tiers.1.quantity`]: "10",
  [`packs.${i}.tiers.1.price`]: "345.5",
  ...extra,
});

describe("readListing", () => {
  it("reads a complete listing into typed fields", () => {
    const r = parseListingForm({ ...product, ...pack(0, PACK_A, { "packs.0.windows.0.from": "2026-12-01", "packs.0.windows.0.to": "2027/1/15", "packs.0.windows.0.perWeek": "200" }) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.product).toEqual({ ...product, shelfLifeDays: 365 });
    expect(r.data.packs).toEqual([
      {
        index: 0,
        id: PACK_A,
        existing: false,
        remove: false,
        core: { unit: "box", itemCount: 10, itemNetWeightGrams: 500, netWeightGrams: 5000, volumeCm3: 24000, variableWeight: false, active: true },
        rules: { minOrderQuantity: 1, orderMultiple: 1, tiers: [{ minQuantity: 1, unitPriceFen: 36000 }, { minQuantity: 10, unitPriceFen: 34550 }] },
        windows: [{ availableFrom: "2026-12-01", availableTo: "2027-01-15", expectedPacksPerWeek: 200, note: "" }],
      },
    ]);
  });

  it("requires the Chinese name and a Sanming county, not the English name", () => {
    const r = readListing({ ...product, nameZh: "  ", nameEn: "", originCounty: "长宁区" });
    expect(r.errors.nameZh).toEqual({ key: "validation.required" });
    expect(r.errors.originCounty).toEqual({ key: "listing.error.county" });
    expect(r.errors.nameEn).toBeUndefined();
    expect(readListing({ ...product, shelfLifeDays: "0" }).errors.shelfLifeDays).toEqual({ key: "listing.error.shelf_life" });
    expect(readListing({ ...product, shelfLifeDays: "１８０天" }).data.product.shelfLifeDays).toBe(180);
    expect(readListing({ ...product, category: "weapons" }).errors.category).toEqual({ key: "listing.error.category" });
    expect(readListing({ ...product, tempClass: "hot" }).errors.tempClass).toEqual({ key: "listing.error.temp" });
  });

  it("skips the spare blank block and reads a whole weight instead of items × weight", () => {
    const r = parseListingForm({
      ...product,
      ...blankPackValues(1, PACK_B),
      ...pack(0, PACK_A, { "packs.0.itemCount": "1", "packs.0.itemWeight": "", "packs.0.netWeight": "2.5 公斤", "packs.0.unit": "bag" }),
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.packs).toHaveLength(1);
      expect(r.data.packs[0]!.core).toMatchObject({ unit: "bag", itemCount: 1, itemNetWeightGrams: 2500, netWeightGrams: 2500 });
    }
  });

  it("makes a pack sold by the kg or the 斤 weigh exactly that", () => {
    const jin = parseListingForm({ ...product, ...pack(0, PACK_A, { "packs.0.unit": "jin", "packs.0.itemCount": "", "packs.0.itemWeight": "" }) });
    expect(jin.ok && jin.data.packs[0]!.core).toMatchObject({ unit: "jin", itemCount: 1, netWeightGrams: 500 });
    const kg = parseListingForm({ ...product, ...pack(0, PACK_A, { "packs.0.unit": "kg", "packs.0.itemCount": "1", "packs.0.itemWeight": "1 kg" }) });
    expect(kg.ok && kg.data.packs[0]!.core).toMatchObject({ unit: "kg", netWeightGrams: 1000 });
    expect(readListing({ ...product, ...pack(0, PACK_A, { "packs.0.unit": "jin", "packs.0.itemCount": "1", "packs.0.itemWeight": "", "packs.0.netWeight": "2斤" }) }).errors).toEqual({
      "packs.0.netWeight": { key: "listing.error.weight_per_jin" },
    });
    expect(readListing({ ...product, ...pack(0, PACK_A, { "packs.0.unit": "kg" }) }).errors).toEqual({ "packs.0.itemWeight": { key: "listing.error.weight_per_kg" } });
  });

  it("puts each pack error on its own field", () => {
    const r = readListing({
      ...product,
      ...pack(0, PACK_A, { "packs.0.itemWeight": "0.5", "packs.0.volume": "big", "packs.0.unit": "罐", "packs.0.itemCount": "0" }),
    });
    expect(r.errors).toEqual({
      "packs.0.itemWeight": { key: "listing.error.weight_whole_grams" },
      "packs.0.volume": { key: "listing.error.volume_invalid" },
      "packs.0.unit": { key: "listing.error.unit" },
      "packs.0.itemCount": { key: "listing.error.item_count_invalid" },
    });
    expect(readListing({ ...product, ...pack(0, PACK_A, { "packs.0.itemWeight": "" }) }).errors["packs.0.itemWeight"]).toEqual({ key: "listing.error.weight_required" });
    expect(readListing({ ...product, ...pack(0, PACK_A, { "packs.0.netWeight": "4 kg" }) }).errors["packs.0.netWeight"]).toEqual({ key: "listing.error.weight_mismatch" });
    expect(readListing({ ...product, ...pack(0, PACK_A, { "packs.0.itemCount": "3", "packs.0.itemWeight": "", "packs.0.netWeight": "1 kg" }) }).errors["packs.0.netWeight"]).toEqual({
      key: "listing.error.weight_split",
      params: { count: 3 },
    });
    expect(readListing({ ...product, ...pack(0, PACK_A, { "packs.0.itemCount": "3", "packs.0.itemWeight": "", "packs.0.netWeight": "1.5 kg" }) }).data.packs[0]!.core).toMatchObject({
      itemNetWeightGrams: 500,
    });
  });

  it("says which tier is wrong", () => {
    const wrongPrice = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.tiers.1.price": "380" }) });
    expect(wrongPrice.errors).toEqual({ "packs.0.tiers.1.price": { key: "listing.error.tier_price_order" } });
    const wrongQuantity = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.tiers.2.quantity": "5", "packs.0.tiers.2.price": "300" }) });
    expect(wrongQuantity.errors).toEqual({ "packs.0.tiers.2.quantity": { key: "listing.error.tier_quantity_order", params: { previous: 10 } } });
    const firstTier = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.minOrder": "2" }) });
    expect(firstTier.errors).toEqual({ "packs.0.tiers.0.quantity": { key: "listing.error.tier_first_quantity", params: { min: 2 } } });
    const step = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.multiple": "2", "packs.0.tiers.1.quantity": "10" }) });
    expect(step.errors).toEqual({ "packs.0.tiers.1.quantity": { key: "listing.error.tier_quantity_step", params: { min: 1, multiple: 2 } } });
    const half = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.tiers.2.quantity": "50" }) });
    expect(half.errors).toEqual({ "packs.0.tiers.2.price": { key: "listing.error.tier_incomplete" } });
    const garbage = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.tiers.0.price": "¥-3", "packs.0.tiers.1.quantity": "2.5" }) });
    expect(garbage.errors).toEqual({
      "packs.0.tiers.0.price": { key: "listing.error.price_positive" },
      "packs.0.tiers.1.quantity": { key: "listing.error.tier_quantity_invalid" },
    });
    const fifth = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.tiers.4.quantity": "500", "packs.0.tiers.4.price": "1" }) });
    expect(fifth.errors["packs.0.tiers.4.quantity"]).toEqual({ key: "listing.error.tier_too_many", params: { max: 4 } });
  });

  it("keeps the typed row of a tier after a blank row", () => {
    const r = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.tiers.1.quantity": "", "packs.0.tiers.1.price": "", "packs.0.tiers.2.quantity": "1", "packs.0.tiers.2.price": "300" }) });
    expect(r.errors).toEqual({ "packs.0.tiers.2.quantity": { key: "listing.error.tier_quantity_order", params: { previous: 1 } } });
  });

  it("checks harvest windows", () => {
    const w = (extra: ListingValues) => readListing({ ...product, ...pack(0, PACK_A, extra) });
    expect(w({ "packs.0.windows.0.from": "2027-01-15", "packs.0.windows.0.to": "2026-12-01", "packs.0.windows.0.perWeek": "200" }).errors).toEqual({
      "packs.0.windows.0.to": { key: "listing.error.window_order" },
    });
    expect(w({ "packs.0.windows.0.from": "2026-02-30", "packs.0.windows.0.to": "2026-03-01", "packs.0.windows.0.perWeek": "0" }).errors).toEqual({
      "packs.0.windows.0.from": { key: "listing.error.date_invalid" },
      "packs.0.windows.0.perWeek": { key: "listing.error.per_week_invalid" },
    });
    expect(w({ "packs.0.windows.0.note": "看天气" }).errors).toMatchObject({ "packs.0.windows.0.from": { key: "listing.error.window_incomplete" } });
    // A one-day window is fine.
    expect(w({ "packs.0.windows.0.from": "2026-12-01", "packs.0.windows.0.to": "2026-12-01", "packs.0.windows.0.perWeek": "5" }).errors).toEqual({});
  });

  it("keeps the valid parts when others fail (for autosave)", () => {
    const r = readListing({
      ...product,
      nameZh: "",
      ...pack(0, PACK_A, { "packs.0.tiers.1.price": "999" }),
      ...pack(1, PACK_B, { "packs.1.volume": "" }),
    });
    expect(r.data.product.nameZh).toBeUndefined();
    expect(r.data.product.category).toBe("forest_goods");
    expect(r.data.packs[0]!.core).toBeDefined();
    expect(r.data.packs[0]!.rules).toBeUndefined();
    expect(r.data.packs[0]!.windows).toEqual([]);
    expect(r.data.packs[1]!.core).toBeUndefined();
    expect(r.data.packs[1]!.rules).toBeDefined();
  });

  it("refuses duplicate or malformed pack ids, and marks removals", () => {
    expect(readListing({ ...product, ...pack(0, PACK_A), ...pack(1, PACK_A) }).errors["packs.1.id"]).toEqual({ key: "listing.error.pack_id" });
    expect(readListing({ ...product, ...pack(0, "x") }).errors["packs.0.id"]).toEqual({ key: "listing.error.pack_id" });
    const r = readListing({ ...product, ...pack(0, PACK_A, { "packs.0.remove": "1", "packs.0.existing": "1", "packs.0.itemWeight": "garbage" }) });
    expect(r.errors).toEqual({});
    expect(r.data.packs).toEqual([{ index: 0, id: PACK_A, existing: true, remove: true }]);
  });

  it("ignores absurd indices", () => {
    const r = readListing({ ...product, "packs.99999999.unit": "box", "packs.0.tiers.99999.price": "1" });
    expect(r.data.packs).toEqual([]);
  });

  it("works through zod and parseForm with the dotted field names", () => {
    const bad = parseForm(listingFormSchema, { ...product, ...pack(0, PACK_A, { "packs.0.tiers.1.price": "380" }) });
    expect(bad.errors).toEqual({ "packs.0.tiers.1.price": "listing.error.tier_price_order" });
    const good = parseForm(listingFormSchema, { ...product, ...pack(0, PACK_A) });
    expect(good.errors).toBeUndefined();
    expect(listingFormSchema.safeParse({ ...product, nameZh: "" }).success).toBe(false);
  });

  it("uses only keys of the catalogue", () => {
    const r = readListing({ ...product, nameZh: "", category: "x", originCounty: "x", tempClass: "x", shelfLifeDays: "x", ...pack(0, PACK_A, { "packs.0.unit": "x", "packs.0.volume": "x" }) });
    for (const e of Object.values(r.errors)) expect(messages).toHaveProperty(e.key);
  });
});

describe("the first step", () => {
  it("asks for name, category, county, storage and shelf life", () => {
    expect(newListingSchema.safeParse({ nameZh: "笋干", category: "bamboo_shoots", originCounty: "永安市", tempClass: "ambient", shelfLifeDays: "365" })).toMatchObject({
      success: true,
      data: { shelfLifeDays: 365 },
    });
    expect(parseForm(newListingSchema, { nameZh: "", category: "", originCounty: "", tempClass: "", shelfLifeDays: "" }).errors).toEqual({
      nameZh: "validation.required",
      category: "listing.error.category",
      originCounty: "listing.error.county",
      tempClass: "listing.error.temp",
      shelfLifeDays: "listing.error.shelf_life",
    });
  });
});

describe("parseDay", () => {
  it("reads calendar days", () => {
    expect(parseDay("2026-12-01")).toBe("2026-12-01");
    expect(parseDay("2026/12/1")).toBe("2026-12-01");
    expect(parseDay("2026年12月1日")).toBe("2026-12-01");
    expect(parseDay("２０２６-１２-０１")).toBe("2026-12-01");
    expect(parseDay("2026-13-01")).toBeNull();
    expect(parseDay("2027-02-29")).toBeNull();
    expect(parseDay("2028-02-29")).toBe("2028-02-29");
    expect(parseDay("1 Dec")).toBeNull();
  });
});

describe("publishBlockers", () => {
  const tiers = [{ minQuantity: 1, unitPriceFen: 100 }];
  it("needs an active pack with a valid tier", () => {
    expect(publishBlockers([])).toEqual(["listing.publish.needs_pack"]);
    expect(publishBlockers([{ active: false, minOrderQuantity: 1, orderMultiple: 1, tiers }])).toEqual(["listing.publish.needs_pack"]);
    expect(publishBlockers([{ active: true, minOrderQuantity: 1, orderMultiple: 1, tiers: [] }])).toEqual(["listing.publish.needs_price"]);
    expect(publishBlockers([{ active: true, minOrderQuantity: 2, orderMultiple: 1, tiers }])).toEqual(["listing.publish.needs_price"]);
    expect(publishBlockers([{ active: true, minOrderQuantity: 1, orderMultiple: 1, tiers }])).toEqual([]);
  });
});

describe("values round trip", () => {
  it("shows a stored listing and reads it back unchanged", () => {
    const stored: EditableListing = {
      id: "p",
      status: "draft",
      updatedAt: new Date(),
      nameZh: "沙县扁肉",
      nameEn: "",
      category: "snacks_prepared",
      descriptionZh: "手工",
      descriptionEn: "",
      originCounty: "沙县区",
      tempClass: "frozen",
      shelfLifeDays: 180,
      packs: [
        {
          id: PACK_A,
          sku: "350405-00001",
          unit: "box",
          itemCount: 24,
          itemNetWeightGrams: 350,
          netWeightGrams: 8400,
          volumeCm3: 18000,
          variableWeight: false,
          active: true,
          minOrderQuantity: 2,
          orderMultiple: 2,
          tiers: [
            { minQuantity: 10, unitPriceFen: 34400 },
            { minQuantity: 2, unitPriceFen: 36700 },
          ],
          windows: [{ availableFrom: "2026-12-01", availableTo: "2027-01-15", expectedPacksPerWeek: 200, note: "冬至前" }],
        },
        { id: PACK_B, sku: "350405-00002", unit: "bag", itemCount: 1, itemNetWeightGrams: 1250, netWeightGrams: 1250, volumeCm3: 3333, variableWeight: true, active: false, minOrderQuantity: 1, orderMultiple: 1, tiers: [], windows: [] },
      ],
    };
    const values = listingToValues(stored);
    expect(values["packs.0.tiers.0.quantity"]).toBe("2");
    expect(values["packs.0.tiers.1.price"]).toBe("344");
    expect(formShape(values)).toEqual({ packs: 2, tiers: [2, 0], windows: [1, 0] });
    const r = parseListingForm(values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.packs.map((p) => ({ ...p.core, ...p.rules, windows: p.windows }))).toEqual(
      stored.packs.map(({ id: _id, sku: _sku, tiers, ...p }) => ({ ...p, tiers: [...tiers].sort((a, b) => a.minQuantity - b.minQuantity) })),
    );
    expect(r.data.packs.every((p) => p.existing)).toBe(true);
  });
});
