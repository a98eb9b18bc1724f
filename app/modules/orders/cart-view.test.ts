import { describe, expect, it } from "vitest";
import { buildCartView } from "./cart-view";
import type { PackSnapshot } from "./order-plan";

const at = new Date("2026-12-02T02:00:00Z");

function pack(id: string, over: Partial<PackSnapshot> = {}): PackSnapshot {
  return {
    variantId: id,
    sku: `SKU-${id}`,
    productId: `p-${id}`,
    sellerId: "s1",
    productNameZh: "泰宁香菇",
    productNameEn: "Taining shiitake",
    netWeightGrams: 500,
    variableWeight: false,
    tempClass: "ambient",
    minOrderQuantity: 1,
    orderMultiple: 1,
    tiers: [
      { minQuantity: 1, unitPriceFen: 4800 },
      { minQuantity: 20, unitPriceFen: 4550 },
    ],
    orderable: true,
    ...over,
  };
}

describe("buildCartView", () => {
  it("prices each line by tier with per-kg price and the next tier, and totals per seller", () => {
    const v = buildCartView({
      lines: [
        { id: "l1", variantId: "a", quantity: 10, seenUnitPriceFen: 4800 },
        { id: "l2", variantId: "b", quantity: 2, seenUnitPriceFen: 1000 },
      ],
      packs: new Map([
        ["a", pack("a")],
        ["b", pack("b", { sellerId: "s2", tiers: [{ minQuantity: 1, unitPriceFen: 1000 }] })],
      ]),
      sellerTerms: { s2: { minOrderValueFen: 5000 } },
      at,
    });
    expect(v.lines[0]).toMatchObject({ unitPriceFen: 4800, lineTotalFen: 48_000, perKgFen: 9600, nextTier: { minQuantity: 20, extraPacks: 10, unitPriceFen: 4550 }, priceChanged: false });
    expect(v.sellers.map((s) => [s.sellerId, s.subtotalFen, s.shortfallFen])).toEqual([
      ["s1", 48_000, 0],
      ["s2", 2_000, 3_000],
    ]);
    expect(v.totalFen).toBe(50_000);
    expect(v.packCount).toBe(12);
    expect(v.weightGrams.ambient).toBe(6_000);
    // "再买 ¥30 即可起送" keeps the cart from checkout.
    expect(v.canCheckout).toBe(false);
  });

  it("reaching a tier changes the unit price; a remembered price that differs is flagged", () => {
    const v = buildCartView({ lines: [{ id: "l1", variantId: "a", quantity: 20, seenUnitPriceFen: 4800 }], packs: new Map([["a", pack("a")]]), at });
    expect(v.lines[0]).toMatchObject({ unitPriceFen: 4550, lineTotalFen: 91_000, priceChanged: true, nextTier: null });
    expect(v.priceChanges.map((l) => l.id)).toEqual(["l1"]);
    expect(v.canCheckout).toBe(true);
  });

  it("a contract price overrides the tiers", () => {
    const v = buildCartView({
      lines: [{ id: "l1", variantId: "a", quantity: 2, seenUnitPriceFen: 4000 }],
      packs: new Map([["a", pack("a")]]),
      contracts: new Map([["a", [{ unitPriceFen: 4000, validFrom: "2026-01-01", validTo: null }]]]),
      at,
    });
    expect(v.lines[0]).toMatchObject({ unitPriceFen: 4000, source: "contract", priceChanged: false });
  });

  it("archived or unknown packs and refused quantities block checkout", () => {
    const v = buildCartView({
      lines: [
        { id: "l1", variantId: "a", quantity: 2, seenUnitPriceFen: 4800 },
        { id: "l2", variantId: "gone", quantity: 1, seenUnitPriceFen: 100 },
        { id: "l3", variantId: "c", quantity: 7, seenUnitPriceFen: 4800 },
      ],
      packs: new Map([
        ["a", pack("a", { orderable: false })],
        ["c", pack("c", { minOrderQuantity: 5, orderMultiple: 5 })],
      ]),
      at,
    });
    expect(v.unavailable.map((l) => l.id)).toEqual(["l1", "l2"]);
    expect(v.lines[2]!.quantityIssue).toBe("not_multiple");
    expect(v.sellers.flatMap((s) => s.lines.map((l) => l.id))).toEqual(["l3"]);
    expect(v.canCheckout).toBe(false);
  });

  it("an empty cart cannot check out", () => {
    expect(buildCartView({ lines: [], packs: new Map(), at }).canCheckout).toBe(false);
  });
});
