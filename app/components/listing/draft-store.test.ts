import { describe, expect, it } from "vitest";
import { blankPackValues } from "~/modules/catalog/listing-schema";
import { clearDraft, newPackId, readDraft, sameListing, sameValues, writeDraft } from "./draft-store";

const base = {
  nameZh: "建宁通心白莲",
  category: "forest_goods",
  originCounty: "建宁县",
  tempClass: "ambient",
  shelfLifeDays: "365",
  "packs.0.id": "3f1d1c9e-5b7a-4c2e-9a43-0b9d5e6f7a81",
  "packs.0.existing": "1",
  "packs.0.unit": "box",
  "packs.0.itemCount": "10",
  "packs.0.itemWeight": "500 g",
  "packs.0.volume": "24 L",
  "packs.0.active": "on",
  "packs.0.tiers.0.quantity": "1",
  "packs.0.tiers.0.price": "345.50",
};

describe("the phone's copy of a draft", () => {
  it("compares listings by content, not spelling", () => {
    expect(sameListing(base, { ...base, "packs.0.tiers.0.price": "345.5", "packs.0.volume": "40×30×20", ...blankPackValues(1, newPackId()) })).toBe(true);
    expect(sameListing(base, { ...base, "packs.0.tiers.0.price": "345" })).toBe(false);
    expect(sameListing({ ...base, "packs.0.volume": "big" }, { ...base, "packs.0.volume": "huge" })).toBe(false);
    expect(sameValues({ a: "1", b: "" }, { a: "1 " })).toBe(true);
  });
  it("makes version-4 ids", () => {
    expect(newPackId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it("does nothing where IndexedDB is missing (the server)", async () => {
    expect(await writeDraft("p", { values: base, savedAt: 1, base: "x" })).toBe(false);
    expect(await readDraft("p")).toBeUndefined();
    await clearDraft("p");
  });
});
