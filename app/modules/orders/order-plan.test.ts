import { describe, expect, it } from "vitest";
import { mergeLines, planOrder, type PackSnapshot } from "./order-plan";

const bj = (local: string) => new Date(`${local}+08:00`);
const at = bj("2026-12-03T10:00:00");

function pack(over: Partial<PackSnapshot> & { variantId: string; sellerId: string }): PackSnapshot {
  return {
    sku: `SKU-${over.variantId}`,
    productId: `p-${over.variantId}`,
    productNameZh: "沙县扁肉",
    productNameEn: "Shaxian wontons",
    netWeightGrams: 500,
    variableWeight: false,
    tempClass: "frozen",
    minOrderQuantity: 1,
    orderMultiple: 1,
    tiers: [
      { minQuantity: 1, unitPriceFen: 2600 },
      { minQuantity: 20, unitPriceFen: 2400 },
    ],
    orderable: true,
    ...over,
  };
}

const a = pack({ variantId: "a", sellerId: "s1" });
const b = pack({ variantId: "b", sellerId: "s1", tempClass: "ambient", netWeightGrams: 5000, tiers: [{ minQuantity: 2, unitPriceFen: 25_000 }], minOrderQuantity: 2, orderMultiple: 2 });
const c = pack({ variantId: "c", sellerId: "s2", tempClass: "chilled", variableWeight: true, netWeightGrams: 2500 });
const packs = new Map([a, b, c].map((p) => [p.variantId, p]));

describe("planOrder", () => {
  it("groups lines per seller with tier prices, subtotals and weights per temperature class", () => {
    const r = planOrder({ lines: [{ variantId: "a", quantity: 20 }, { variantId: "c", quantity: 3 }, { variantId: "b", quantity: 4 }], packs, at });
    if (!r.ok) throw new Error(r.code);
    expect(r.plan.sellers.map((s) => s.sellerId)).toEqual(["s1", "s2"]);
    expect(r.plan.sellers[0]!.lines.map((l) => [l.pack.variantId, l.unitPriceFen, l.lineTotalFen])).toEqual([
      ["a", 2400, 48_000],
      ["b", 25_000, 100_000],
    ]);
    expect(r.plan.sellers[0]!.subtotalFen).toBe(148_000);
    expect(r.plan.subtotalFen).toBe(148_000 + 3 * 2600);
    expect(r.plan.weightGrams).toEqual({ frozen: 10_000, ambient: 20_000, chilled: 7_500 });
  });

  it("prices a contract over the tiers", () => {
    const r = planOrder({ lines: [{ variantId: "a", quantity: 2 }], packs, contracts: new Map([["a", [{ id: "k", unitPriceFen: 2000, validFrom: "2026-12-01", validTo: null }]]]), at });
    if (!r.ok) throw new Error(r.code);
    expect(r.plan.sellers[0]!.lines[0]).toMatchObject({ unitPriceFen: 2000, source: "contract", lineTotalFen: 4000 });
  });

  it("refuses an empty request", () => {
    expect(planOrder({ lines: [], packs, at })).toEqual({ ok: false, code: "empty_cart" });
  });

  it("refuses unknown, archived and unpriced packs, naming each", () => {
    const archived = pack({ variantId: "x", sellerId: "s1", orderable: false });
    const unpriced = pack({ variantId: "y", sellerId: "s1", tiers: [] });
    const r = planOrder({ lines: [{ variantId: "x", quantity: 1 }, { variantId: "nope", quantity: 1 }, { variantId: "a", quantity: 1 }], packs: new Map([...packs, ["x", archived]]), at });
    expect(r).toEqual({ ok: false, code: "pack_unavailable", variantIds: ["x", "nope"] });
    expect(planOrder({ lines: [{ variantId: "y", quantity: 1 }], packs: new Map([["y", unpriced]]), at })).toEqual({ ok: false, code: "pack_unavailable", variantIds: ["y"] });
  });

  it.each([
    [0, "not_positive"],
    [-3, "not_positive"],
    [2.5, "not_integer"],
    [3, "not_multiple"],
    [1_000_000, "too_large"],
    [Number.NaN, "not_integer"],
  ])("refuses %s packs of a pack sold from 2 in steps of 2 (%s) with the nearest quantities", (quantity, issue) => {
    const r = planOrder({ lines: [{ variantId: "b", quantity }], packs, at });
    expect(r.ok).toBe(false);
    if (r.ok || r.code !== "invalid_quantity") throw new Error("expected invalid_quantity");
    expect(r.lines[0]).toMatchObject({ variantId: "b", issue, min: 2, multiple: 2 });
  });

  it("treats a first tier above the minimum as the minimum", () => {
    const odd = pack({ variantId: "o", sellerId: "s1", minOrderQuantity: 1, tiers: [{ minQuantity: 5, unitPriceFen: 900 }] });
    const r = planOrder({ lines: [{ variantId: "o", quantity: 2 }], packs: new Map([["o", odd]]), at });
    expect(r).toMatchObject({ ok: false, code: "invalid_quantity", lines: [{ variantId: "o", issue: "below_minimum", min: 5, nearest: { up: 5 } }] });
  });

  it("refuses a price other than the one the buyer saw, and accepts the confirmed one", () => {
    const seen = planOrder({ lines: [{ variantId: "a", quantity: 2, expectedUnitPriceFen: 2500 }], packs, at });
    expect(seen).toEqual({ ok: false, code: "price_changed", lines: [{ variantId: "a", oldUnitPriceFen: 2500, newUnitPriceFen: 2600, differenceFen: 100 }] });
    expect(planOrder({ lines: [{ variantId: "a", quantity: 2, expectedUnitPriceFen: 2600 }], packs, at }).ok).toBe(true);
    expect(planOrder({ lines: [{ variantId: "a", quantity: 2, expectedUnitPriceFen: null }], packs, at }).ok).toBe(true);
  });

  it("keeps a line's charged price when asked (an unchanged line of an edited order)", () => {
    const r = planOrder({ lines: [{ variantId: "a", quantity: 2, keepPrice: { unitPriceFen: 2100, source: "contract" } }], packs, at });
    if (!r.ok) throw new Error(r.code);
    expect(r.plan.sellers[0]!.lines[0]).toMatchObject({ unitPriceFen: 2100, source: "contract", lineTotalFen: 4200 });
  });

  it("refuses sellers below their minimum order value with the shortfall", () => {
    const r = planOrder({ lines: [{ variantId: "a", quantity: 2 }, { variantId: "c", quantity: 1 }], packs, sellerTerms: { s1: { minOrderValueFen: 10_000 }, s2: { minOrderValueFen: 0 } }, at });
    expect(r).toEqual({ ok: false, code: "below_minimum_order", sellers: [{ sellerId: "s1", subtotalFen: 5200, minOrderValueFen: 10_000, shortfallFen: 4800 }] });
  });

  it("adds up a pack named twice and lower-cases ids", () => {
    expect(mergeLines([{ variantId: "A", quantity: 2 }, { variantId: "a", quantity: 3 }, { variantId: "b", quantity: 2 }])).toEqual([
      { variantId: "a", quantity: 5 },
      { variantId: "b", quantity: 2 },
    ]);
    const r = planOrder({ lines: [{ variantId: "a", quantity: 10 }, { variantId: "a", quantity: 10 }], packs, at });
    if (!r.ok) throw new Error(r.code);
    expect(r.plan.sellers[0]!.lines[0]).toMatchObject({ quantity: 20, unitPriceFen: 2400 });
  });
});
