import { describe, expect, it } from "vitest";
import { fenForInput, isOrderableQuantity, parseQuantity, parseYuan, parseYuanToFen, tierFor, validateOrderRules, validateTiers } from "./tiers";

describe("parseYuanToFen", () => {
  it.each([
    ["12.5", 1250],
    ["12.50", 1250],
    ["12.500", 1250],
    ["¥12.50", 1250],
    ["￥ 12.5", 1250],
    ["12.5元", 1250],
    ["１２.５", 1250],
    ["１２．５０", 1250],
    ["12", 1200],
    ["0.01", 1],
    [".5", 50],
    ["0.1", 10],
    ["0.29", 29], // 0.29 × 100 is 28.999… in floating point
    ["1.15", 115],
    ["4.35", 435],
    ["1,234.56", 123456],
    ["1000000", 100_000_000],
    ["1000000.00", 100_000_000],
  ])("%s → %i fen", (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });
  it.each(["", " ", "0", "0.00", "-1", "−12.5", "12.505", "12.5001", "1000000.01", "2000000", "abc", "12,5", "1e3", "12.5.0", "¥", "Infinity", "0x10"])("refuses %j", (text) => {
    expect(parseYuanToFen(text)).toBeNull();
  });
  it("says why", () => {
    expect(parseYuan("")).toEqual({ ok: false, key: "listing.error.price_required" });
    expect(parseYuan("-3")).toEqual({ ok: false, key: "listing.error.price_positive" });
    expect(parseYuan("0")).toEqual({ ok: false, key: "listing.error.price_positive" });
    expect(parseYuan("1.2345")).toEqual({ ok: false, key: "listing.error.price_decimals" });
    expect(parseYuan("1.234")).toEqual({ ok: false, key: "listing.error.price_decimals" });
    expect(parseYuan("5000000")).toEqual({ ok: false, key: "listing.error.price_too_large" });
    expect(parseYuan("cheap")).toEqual({ ok: false, key: "listing.error.price_invalid" });
  });
  it("is exact for every fen amount up to ¥100", () => {
    for (let fen = 1; fen <= 10_000; fen++) expect(parseYuanToFen(fenForInput(fen))).toBe(fen);
  });
  it("formats fen back for inputs", () => {
    expect(fenForInput(1250)).toBe("12.50");
    expect(fenForInput(1200)).toBe("12");
    expect(fenForInput(5)).toBe("0.05");
  });
});

describe("parseQuantity", () => {
  it("reads whole packs", () => {
    expect(parseQuantity("24")).toBe(24);
    expect(parseQuantity("２４")).toBe(24);
    expect(parseQuantity("1,000")).toBe(1000);
    expect(parseQuantity("0")).toBeNull();
    expect(parseQuantity("2.5")).toBeNull();
    expect(parseQuantity("-1")).toBeNull();
    expect(parseQuantity("100001")).toBeNull();
    expect(parseQuantity("")).toBeNull();
  });
});

describe("validateTiers", () => {
  it("accepts increasing quantities with decreasing prices", () => {
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: 1000 }, { minQuantity: 10, unitPriceFen: 950 }, { minQuantity: 50, unitPriceFen: 900 }])).toEqual([]);
    expect(validateTiers([])).toEqual([]);
  });
  it("starts at 1 or at the minimum order quantity", () => {
    expect(validateTiers([{ minQuantity: 2, unitPriceFen: 1000 }])).toEqual([
      { index: 0, field: "minQuantity", key: "listing.error.tier_first_quantity", params: { min: 1 } },
    ]);
    expect(validateTiers([{ minQuantity: 5, unitPriceFen: 1000 }], { minOrderQuantity: 5 })).toEqual([]);
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: 1000 }], { minOrderQuantity: 5 })).toEqual([
      { index: 0, field: "minQuantity", key: "listing.error.tier_first_quantity", params: { min: 5 } },
    ]);
  });
  it("names the tier whose quantity does not increase", () => {
    const issues = validateTiers([
      { minQuantity: 1, unitPriceFen: 1000 },
      { minQuantity: 10, unitPriceFen: 900 },
      { minQuantity: 10, unitPriceFen: 800 },
    ]);
    expect(issues).toEqual([{ index: 2, field: "minQuantity", key: "listing.error.tier_quantity_order", params: { previous: 10 } }]);
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: 1000 }, { minQuantity: 20, unitPriceFen: 900 }, { minQuantity: 5, unitPriceFen: 800 }])[0]).toMatchObject({
      index: 2,
      field: "minQuantity",
    });
  });
  it("names the tier whose price does not decrease", () => {
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: 1000 }, { minQuantity: 10, unitPriceFen: 1000 }])).toEqual([
      { index: 1, field: "unitPriceFen", key: "listing.error.tier_price_order" },
    ]);
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: 1000 }, { minQuantity: 10, unitPriceFen: 900 }, { minQuantity: 20, unitPriceFen: 950 }])).toEqual([
      { index: 2, field: "unitPriceFen", key: "listing.error.tier_price_order" },
    ]);
  });
  it("reports both fields of one tier", () => {
    const issues = validateTiers([{ minQuantity: 1, unitPriceFen: 1000 }, { minQuantity: 1, unitPriceFen: 1200 }]);
    expect(issues.map((i) => [i.index, i.field])).toEqual([
      [1, "minQuantity"],
      [1, "unitPriceFen"],
    ]);
  });
  it("refuses malformed quantities and prices", () => {
    expect(validateTiers([{ minQuantity: 0, unitPriceFen: 1000 }])).toEqual([{ index: 0, field: "minQuantity", key: "listing.error.tier_quantity_invalid" }]);
    expect(validateTiers([{ minQuantity: 1.5, unitPriceFen: 1000 }])[0]).toMatchObject({ field: "minQuantity", key: "listing.error.tier_quantity_invalid" });
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: 0 }])).toEqual([{ index: 0, field: "unitPriceFen", key: "listing.error.tier_price_invalid" }]);
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: -5 }])[0]).toMatchObject({ field: "unitPriceFen" });
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: 12.5 }])[0]).toMatchObject({ field: "unitPriceFen" });
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: 100_000_001 }])[0]).toMatchObject({ field: "unitPriceFen" });
    // a malformed neighbour does not cause a second, misleading order error
    expect(validateTiers([{ minQuantity: 1, unitPriceFen: Number.NaN }, { minQuantity: 10, unitPriceFen: 900 }])).toEqual([
      { index: 0, field: "unitPriceFen", key: "listing.error.tier_price_invalid" },
    ]);
  });
  it("allows at most four tiers", () => {
    const tiers = [1, 10, 20, 30, 40].map((q, i) => ({ minQuantity: q, unitPriceFen: 1000 - i * 10 }));
    expect(validateTiers(tiers)).toEqual([{ index: 4, field: "minQuantity", key: "listing.error.tier_too_many", params: { max: 4 } }]);
    expect(validateTiers(tiers.slice(0, 4))).toEqual([]);
  });
});

describe("validateOrderRules", () => {
  it("checks the minimum and the multiple", () => {
    expect(validateOrderRules({ minOrderQuantity: 1, orderMultiple: 1, tiers: [] })).toEqual([]);
    expect(validateOrderRules({ minOrderQuantity: 0, orderMultiple: 1, tiers: [] })).toEqual([{ field: "minOrderQuantity", key: "listing.error.min_order_invalid" }]);
    expect(validateOrderRules({ minOrderQuantity: 2, orderMultiple: 0, tiers: [] })).toEqual([{ field: "orderMultiple", key: "listing.error.order_multiple_invalid" }]);
    expect(validateOrderRules({ minOrderQuantity: 2.5, orderMultiple: 1.5, tiers: [] })).toHaveLength(2);
  });
  it("requires the first tier at the minimum", () => {
    expect(validateOrderRules({ minOrderQuantity: 10, orderMultiple: 5, tiers: [{ minQuantity: 1, unitPriceFen: 100 }] })).toEqual([
      { index: 0, field: "minQuantity", key: "listing.error.tier_first_quantity", params: { min: 10 } },
    ]);
  });
  it("requires tier quantities a buyer can order", () => {
    const tiers = [
      { minQuantity: 10, unitPriceFen: 1000 },
      { minQuantity: 20, unitPriceFen: 900 },
      { minQuantity: 22, unitPriceFen: 800 },
    ];
    expect(validateOrderRules({ minOrderQuantity: 10, orderMultiple: 5, tiers })).toEqual([
      { index: 2, field: "minQuantity", key: "listing.error.tier_quantity_step", params: { min: 10, multiple: 5 } },
    ]);
    expect(validateOrderRules({ minOrderQuantity: 10, orderMultiple: 1, tiers })).toEqual([]);
  });
  it("knows orderable quantities", () => {
    const rules = { minOrderQuantity: 4, orderMultiple: 2 };
    expect([3, 4, 5, 6, 8, 9].map((q) => isOrderableQuantity(q, rules))).toEqual([false, true, false, true, true, false]);
  });
});

describe("tierFor", () => {
  const tiers = [
    { minQuantity: 10, unitPriceFen: 900 },
    { minQuantity: 1, unitPriceFen: 1000 },
    { minQuantity: 50, unitPriceFen: 800 },
  ];
  it("picks the highest tier reached, whatever the order given", () => {
    expect(tierFor(tiers, 1)?.unitPriceFen).toBe(1000);
    expect(tierFor(tiers, 9)?.unitPriceFen).toBe(1000);
    expect(tierFor(tiers, 10)?.unitPriceFen).toBe(900);
    expect(tierFor(tiers, 49)?.unitPriceFen).toBe(900);
    expect(tierFor(tiers, 500)?.unitPriceFen).toBe(800);
  });
  it("is null below the first tier or without tiers", () => {
    expect(tierFor(tiers, 0)).toBeNull();
    expect(tierFor([], 10)).toBeNull();
  });
});
