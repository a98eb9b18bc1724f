import { describe, expect, it } from "vitest";
import { chargeByWeightFen, chargeLine, checkActualGrams, orderCharges, totalCharges, WEIGHT_TOLERANCE_PERCENT, weightRange, type ChargeableLine } from "./charges";

/** Fresh shiitake, about 2.5 kg a box, ¥60 a box. */
const fresh: ChargeableLine = { unitPriceFen: 6000, orderedQuantity: 4, variableWeight: true, netWeightGrams: 2500 };
/** Frozen 沙县 dumplings, 1 kg bag, ¥18. */
const fixed: ChargeableLine = { unitPriceFen: 1800, orderedQuantity: 20, variableWeight: false, netWeightGrams: 1000 };

describe("chargeByWeightFen = round_half_up(unit price × actual grams ÷ net grams)", () => {
  it.each([
    [6000, 10_000, 2500, 24_000], // exactly nominal
    [6000, 10_340, 2500, 24_816], // 24,816.0
    [6000, 9_871, 2500, 23_690], // 23,690.4 → 23,690
    [1001, 1, 2, 501], // 500.5 → 501: a half fen rounds up
    [999, 1, 2, 500], // 499.5 → 500
    [3, 1, 4, 1], // 0.75 → 1
    [1, 1, 3, 0], // 0.33 → 0
    [4999, 2501, 2500, 5001], // 5000.9996 → 5001
    [4999, 2499, 2500, 4997], // 4997.0004 → 4997
  ])("%i fen × %i g ÷ %i g → %i fen", (price, actual, net, fen) => {
    expect(chargeByWeightFen(price, actual, net)).toBe(fen);
  });
  it("stays exact for the largest amounts", () => {
    expect(chargeByWeightFen(100_000_000, 150_000_000_000, 1_000_000)).toBe(15_000_000_000_000);
  });
});

describe("weightRange and checkActualGrams", () => {
  it("accepts within ±WEIGHT_TOLERANCE_PERCENT of nominal, inclusive", () => {
    expect(WEIGHT_TOLERANCE_PERCENT).toBe(50);
    expect(weightRange(4, 2500)).toEqual({ minGrams: 5000, maxGrams: 15_000 });
    expect(weightRange(1, 333)).toEqual({ minGrams: 167, maxGrams: 499 }); // 166.5 → 167, 499.5 → 499
    expect(checkActualGrams(5000, 4, 2500)).toBeNull();
    expect(checkActualGrams(15_000, 4, 2500)).toBeNull();
    expect(checkActualGrams(4999, 4, 2500)).toBe("out_of_range");
    expect(checkActualGrams(15_001, 4, 2500)).toBe("out_of_range");
  });
  it("refuses kilograms typed as grams and an extra zero", () => {
    expect(checkActualGrams(10, 4, 2500)).toBe("out_of_range"); // "10" meant 10 kg
    expect(checkActualGrams(100_000, 4, 2500)).toBe("out_of_range");
  });
  it.each([
    [0, "not_positive"],
    [-100, "not_positive"],
    [10_000.5, "not_integer"],
    [NaN, "not_integer"],
    [Infinity, "not_integer"],
  ])("%s g → %s", (grams, issue) => {
    expect(checkActualGrams(grams, 4, 2500)).toBe(issue);
  });
});

describe("chargeLine", () => {
  it("fixed weight: unit price × ordered before confirmation", () => {
    expect(chargeLine(fixed)).toEqual({ quantity: 20, estimatedFen: 36_000, chargedFen: 36_000, final: true, basis: "quantity", nominalGrams: 20_000, actualGrams: null });
  });
  it("fixed weight, short-shipped: unit price × shipped; the estimate stays what was ordered", () => {
    expect(chargeLine({ ...fixed, shippedQuantity: 15 })).toMatchObject({ quantity: 15, estimatedFen: 36_000, chargedFen: 27_000, final: true });
  });
  it("fixed weight ignores a recorded weight", () => {
    expect(chargeLine({ ...fixed, actualGrams: 25_000 })).toMatchObject({ chargedFen: 36_000, basis: "quantity", actualGrams: null });
  });
  it("shipped nothing: charged nothing, final", () => {
    expect(chargeLine({ ...fixed, shippedQuantity: 0 })).toMatchObject({ quantity: 0, chargedFen: 0, final: true });
    expect(chargeLine({ ...fresh, shippedQuantity: 0 })).toMatchObject({ quantity: 0, chargedFen: 0, final: true, basis: "quantity" });
  });
  it("variable weight before weighing: the estimate at nominal weight, not final", () => {
    expect(chargeLine(fresh)).toEqual({ quantity: 4, estimatedFen: 24_000, chargedFen: 24_000, final: false, basis: "nominal_weight", nominalGrams: 10_000, actualGrams: null });
    expect(chargeLine({ ...fresh, shippedQuantity: 3, actualGrams: null })).toMatchObject({ chargedFen: 18_000, final: false });
  });
  it("variable weight weighed: charged on the actual grams", () => {
    expect(chargeLine({ ...fresh, actualGrams: 10_340 })).toEqual({ quantity: 4, estimatedFen: 24_000, chargedFen: 24_816, final: true, basis: "weight", nominalGrams: 10_000, actualGrams: 10_340 });
    expect(chargeLine({ ...fresh, actualGrams: 9_871 })).toMatchObject({ chargedFen: 23_690 });
  });
  it("variable weight short-shipped and weighed: the grams of the shipped packs", () => {
    expect(chargeLine({ ...fresh, shippedQuantity: 3, actualGrams: 7_600 })).toMatchObject({ quantity: 3, estimatedFen: 24_000, chargedFen: 18_240, nominalGrams: 7_500 });
  });
  it("throws on what no workflow may store", () => {
    expect(() => chargeLine({ ...fixed, shippedQuantity: 21 })).toThrow(RangeError);
    expect(() => chargeLine({ ...fixed, shippedQuantity: -1 })).toThrow(RangeError);
    expect(() => chargeLine({ ...fixed, shippedQuantity: 1.5 })).toThrow(RangeError);
    expect(() => chargeLine({ ...fixed, unitPriceFen: 12.5 })).toThrow(RangeError);
    expect(() => chargeLine({ ...fixed, netWeightGrams: 0 })).toThrow(RangeError);
    expect(() => chargeLine({ ...fresh, actualGrams: 10 })).toThrow(RangeError);
    expect(() => chargeLine({ ...fresh, actualGrams: 0 })).toThrow(RangeError);
  });
});

describe("totals", () => {
  it("sums estimates and charges; final only when every line is", () => {
    const t = totalCharges([chargeLine(fixed), chargeLine({ ...fresh, actualGrams: 10_340 })]);
    expect(t).toEqual({ estimatedFen: 60_000, chargedFen: 60_816, final: true });
    expect(totalCharges([chargeLine(fixed), chargeLine(fresh)]).final).toBe(false);
    expect(totalCharges([])).toEqual({ estimatedFen: 0, chargedFen: 0, final: true });
  });
  it("the order total is recomputed from every seller order's lines, cancelled ones counting nothing", () => {
    const r = orderCharges(
      [
        { cancelled: false, lines: [{ ...fixed, shippedQuantity: 15 }] }, // 27,000
        { cancelled: false, lines: [{ ...fresh, actualGrams: 9_871 }] }, // 23,690
        { cancelled: true, lines: [{ ...fixed, orderedQuantity: 100 }] },
      ],
      1500,
    );
    expect(r).toEqual({ estimatedFen: 36_000 + 24_000 + 1500, subtotalFen: 50_690, deliveryFeeFen: 1500, chargedFen: 52_190, final: true });
  });
  it("is not final while a line waits to be weighed", () => {
    expect(orderCharges([{ cancelled: false, lines: [fresh] }]).final).toBe(false);
    expect(orderCharges([{ cancelled: true, lines: [fresh] }])).toEqual({ estimatedFen: 0, subtotalFen: 0, deliveryFeeFen: 0, chargedFen: 0, final: true });
  });
});
