import { describe, expect, it } from "vitest";
import { groupBySeller, minimumShortfallFen, subtotalFen, summariseCart, weightByTempClass, type CartLine } from "./cart-rules";

const line = (id: string, sellerId: string, quantity: number, unitPriceFen: number, netWeightGrams: number, tempClass: CartLine["tempClass"] = "ambient"): CartLine => ({
  id,
  sellerId,
  quantity,
  lineTotalFen: quantity * unitPriceFen,
  netWeightGrams,
  tempClass,
});

const cart = [
  line("l1", "minsha", 10, 4500, 2500, "frozen"), // 45,000 fen, 25 kg frozen
  line("l2", "jianning", 4, 12_000, 5000), // 48,000 fen, 20 kg ambient
  line("l3", "minsha", 6, 3000, 1000, "chilled"), // 18,000 fen, 6 kg chilled
  line("l4", "taining", 2, 25_000, 5000), // 50,000 fen, 10 kg ambient
];

describe("groupBySeller", () => {
  it("keeps sellers in order of first appearance and lines in cart order", () => {
    const groups = groupBySeller(cart);
    expect(groups.map((g) => g.sellerId)).toEqual(["minsha", "jianning", "taining"]);
    expect(groups[0]!.lines.map((l) => l.id)).toEqual(["l1", "l3"]);
  });
  it("an empty cart has no groups", () => {
    expect(groupBySeller([])).toEqual([]);
  });
});

describe("minimumShortfallFen", () => {
  it.each([
    [0, 50_000, 50_000],
    [49_999, 50_000, 1],
    [50_000, 50_000, 0],
    [60_000, 50_000, 0],
    [10, 0, 0],
    [10, null, 0],
    [10, undefined, 0],
  ])("subtotal %i, minimum %s → %i", (sub, min, shortfall) => {
    expect(minimumShortfallFen(sub, min)).toBe(shortfall);
  });
});

describe("weightByTempClass", () => {
  it("sums nominal grams per class", () => {
    expect(weightByTempClass(cart)).toEqual({ ambient: 30_000, chilled: 6000, frozen: 25_000 });
    expect(weightByTempClass([])).toEqual({ ambient: 0, chilled: 0, frozen: 0 });
  });
  it("refuses fractional quantities rather than booking odd grams", () => {
    expect(() => weightByTempClass([{ quantity: 1.5, netWeightGrams: 1000, tempClass: "ambient" }])).toThrow(RangeError);
  });
});

describe("summariseCart", () => {
  const terms = { minsha: { minOrderValueFen: 80_000 }, jianning: { minOrderValueFen: 30_000 }, taining: { minOrderValueFen: null } };
  it("computes per-seller subtotals, shortfalls and weights, and the totals", () => {
    const s = summariseCart(cart, terms, { deliveryFeeFen: 1500 });
    expect(s.sellers.map((g) => [g.sellerId, g.subtotalFen, g.minOrderValueFen, g.shortfallFen, g.meetsMinimum])).toEqual([
      ["minsha", 63_000, 80_000, 17_000, false],
      ["jianning", 48_000, 30_000, 0, true],
      ["taining", 50_000, 0, 0, true],
    ]);
    expect(s.sellers[0]!.weightGrams).toEqual({ ambient: 0, chilled: 6000, frozen: 25_000 });
    expect(s.subtotalFen).toBe(161_000);
    expect(s.deliveryFeeFen).toBe(1500);
    expect(s.totalFen).toBe(162_500);
    expect(s.packCount).toBe(22);
    expect(s.weightGrams).toEqual({ ambient: 30_000, chilled: 6000, frozen: 25_000 });
    expect(s.canCheckout).toBe(false);
  });
  it("can check out once every minimum is met", () => {
    const more = [...cart, line("l5", "minsha", 17, 1000, 500)];
    const s = summariseCart(more, terms);
    expect(s.sellers[0]!.shortfallFen).toBe(0);
    expect(s.canCheckout).toBe(true);
    expect(s.totalFen).toBe(s.subtotalFen);
  });
  it("a seller without terms has no minimum", () => {
    expect(summariseCart([line("x", "unknown", 1, 1, 1)]).canCheckout).toBe(true);
  });
  it("an empty cart cannot check out", () => {
    expect(summariseCart([], terms)).toMatchObject({ sellers: [], subtotalFen: 0, totalFen: 0, packCount: 0, canCheckout: false });
  });
  it("keeps the caller's line type", () => {
    const s = summariseCart([{ ...line("a", "s", 1, 100, 100), name: "香菇" }]);
    expect(s.sellers[0]!.lines[0]!.name).toBe("香菇");
  });
  it("refuses a fractional total instead of charging it", () => {
    expect(() => subtotalFen([{ lineTotalFen: 10.5 }])).toThrow(RangeError);
    expect(() => summariseCart([{ ...line("a", "s", 1, 100, 100), lineTotalFen: -1 }])).toThrow(RangeError);
  });
});
