import { describe, expect, it } from "vitest";
import { detectPriceChanges, pricesUnchanged } from "./changes";

describe("detectPriceChanges", () => {
  it("finds rises and falls with old and new prices, in cart order", () => {
    const r = detectPriceChanges([
      { lineId: "a", rememberedUnitPriceFen: 1000, currentUnitPriceFen: 1000 },
      { lineId: "b", rememberedUnitPriceFen: 1000, currentUnitPriceFen: 1100 },
      { lineId: "c", rememberedUnitPriceFen: 2500, currentUnitPriceFen: 2400 },
    ]);
    expect(r.changed).toEqual([
      { lineId: "b", oldUnitPriceFen: 1000, newUnitPriceFen: 1100, differenceFen: 100 },
      { lineId: "c", oldUnitPriceFen: 2500, newUnitPriceFen: 2400, differenceFen: -100 },
    ]);
    expect(r.unpriced).toEqual([]);
    expect(pricesUnchanged(r)).toBe(false);
  });
  it("reports lines that can no longer be priced", () => {
    const r = detectPriceChanges([{ lineId: 7, rememberedUnitPriceFen: 1000, currentUnitPriceFen: null }]);
    expect(r).toEqual({ changed: [], unpriced: [7] });
    expect(pricesUnchanged(r)).toBe(false);
  });
  it("nothing changed", () => {
    const r = detectPriceChanges([{ lineId: "a", rememberedUnitPriceFen: 1, currentUnitPriceFen: 1 }]);
    expect(pricesUnchanged(r)).toBe(true);
    expect(pricesUnchanged(detectPriceChanges([]))).toBe(true);
  });
  it("a one-fen change counts", () => {
    expect(detectPriceChanges([{ lineId: "a", rememberedUnitPriceFen: 999, currentUnitPriceFen: 1000 }]).changed).toHaveLength(1);
  });
});
