import { describe, expect, it } from "vitest";
import { MAX_QUANTITY } from "~/modules/catalog/tiers";
import type { ContractPrice } from "./contracts";
import { priceLine, priceSchedule, unitPriceFor, type PricedPack } from "./price";

const bj = (local: string) => new Date(`${local}+08:00`);
const now = bj("2026-11-15T10:00:00");

/** Dried shiitake, 5 kg box: ¥250 from 2, ¥240 from 10, ¥225 from 50. */
const shiitake: PricedPack = {
  tiers: [
    { minQuantity: 2, unitPriceFen: 25_000 },
    { minQuantity: 10, unitPriceFen: 24_000 },
    { minQuantity: 50, unitPriceFen: 22_500 },
  ],
  netWeightGrams: 5000,
  variableWeight: false,
};

function ok(r: ReturnType<typeof priceLine>) {
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r.price;
}

describe("tier prices", () => {
  it.each([
    [2, 25_000, 2],
    [9, 25_000, 2],
    [10, 24_000, 10],
    [49, 24_000, 10],
    [50, 22_500, 50],
    [MAX_QUANTITY, 22_500, 50],
  ])("%i packs → %i fen (tier from %i)", (quantity, unit, tierMin) => {
    const p = ok(priceLine({ pack: shiitake, quantity, at: now }));
    expect(p.unitPriceFen).toBe(unit);
    expect(p.source).toBe("tier");
    expect(p.tierMinQuantity).toBe(tierMin);
    expect(p.lineTotalFen).toBe(unit * quantity);
    expect(p.quantity).toBe(quantity);
    expect(p.contractId).toBeUndefined();
  });
  it("does not depend on the order tiers come in", () => {
    const shuffled: PricedPack = { ...shiitake, tiers: [shiitake.tiers[2]!, shiitake.tiers[0]!, shiitake.tiers[1]!] };
    for (const q of [2, 9, 10, 11, 50, 51]) expect(priceLine({ pack: shuffled, quantity: q, at: now })).toEqual(priceLine({ pack: shiitake, quantity: q, at: now }));
  });
  it("says how many more packs reach the next tier", () => {
    expect(ok(priceLine({ pack: shiitake, quantity: 2, at: now })).nextTier).toEqual({ minQuantity: 10, unitPriceFen: 24_000, extraPacks: 8, perKgFen: 4800 });
    expect(ok(priceLine({ pack: shiitake, quantity: 9, at: now })).nextTier).toEqual({ minQuantity: 10, unitPriceFen: 24_000, extraPacks: 1, perKgFen: 4800 });
    expect(ok(priceLine({ pack: shiitake, quantity: 10, at: now })).nextTier).toEqual({ minQuantity: 50, unitPriceFen: 22_500, extraPacks: 40, perKgFen: 4500 });
    expect(ok(priceLine({ pack: shiitake, quantity: 50, at: now })).nextTier).toBeUndefined();
  });
  it("skips a next tier that is not cheaper (a malformed import)", () => {
    const odd: PricedPack = { ...shiitake, tiers: [{ minQuantity: 1, unitPriceFen: 1000 }, { minQuantity: 5, unitPriceFen: 1000 }, { minQuantity: 10, unitPriceFen: 900 }] };
    expect(ok(priceLine({ pack: odd, quantity: 1, at: now })).nextTier).toMatchObject({ minQuantity: 10, extraPacks: 9 });
  });
  it("refuses below the first tier and says where it starts", () => {
    expect(priceLine({ pack: shiitake, quantity: 1, at: now })).toEqual({ ok: false, code: "below_first_tier", firstTier: { minQuantity: 2, unitPriceFen: 25_000 } });
  });
  it("refuses a pack without prices", () => {
    expect(priceLine({ pack: { ...shiitake, tiers: [] }, quantity: 5, at: now })).toEqual({ ok: false, code: "no_price" });
    expect(priceLine({ pack: { ...shiitake, tiers: [{ minQuantity: 1, unitPriceFen: 0 }] }, quantity: 5, at: now })).toEqual({ ok: false, code: "no_price" });
  });
  it.each([0, -1, 1.5, NaN, Infinity, MAX_QUANTITY + 1])("refuses quantity %s", (quantity) => {
    expect(priceLine({ pack: shiitake, quantity, at: now })).toEqual({ ok: false, code: "invalid_quantity" });
  });
});

describe("price per kilogram, rounded half up to a fen", () => {
  const pack = (unitPriceFen: number, netWeightGrams: number): PricedPack => ({ tiers: [{ minQuantity: 1, unitPriceFen }], netWeightGrams, variableWeight: false });
  it.each([
    [25_000, 5000, 5000], // ¥250 for 5 kg → ¥50.00/kg
    [1999, 350, 5711], // 57.114… → 5711
    [1001, 2000, 501], // 500.5 → 501 (half up)
    [1003, 2000, 502], // 501.5 → 502
    [999, 2000, 500], // 499.5 → 500
    [1, 3000, 0], // 0.333 → 0
    [1, 2000, 1], // 0.5 → 1
    [12_345, 1000, 12_345],
    [100_000_000, 1, 100_000_000_000],
  ])("%i fen for %i g → %i fen/kg", (price, grams, perKg) => {
    expect(ok(priceLine({ pack: pack(price, grams), quantity: 1, at: now })).perKgFen).toBe(perKg);
  });
  it("is null without a weight", () => {
    expect(ok(priceLine({ pack: pack(1000, 0), quantity: 1, at: now })).perKgFen).toBeNull();
  });
});

describe("contract prices override the tiers", () => {
  const contracts: ContractPrice[] = [{ id: "k1", unitPriceFen: 23_000, validFrom: "2026-11-01", validTo: "2026-11-30" }];
  it("at every quantity, without a next tier", () => {
    for (const quantity of [1, 2, 10, 50, 500]) {
      const p = ok(priceLine({ pack: shiitake, contracts, quantity, at: now }));
      expect(p).toEqual({ unitPriceFen: 23_000, source: "contract", contractId: "k1", quantity, lineTotalFen: 23_000 * quantity, estimated: false, perKgFen: 4600 });
    }
  });
  it("even where a tier is cheaper (the buyer's agreed price)", () => {
    expect(ok(priceLine({ pack: shiitake, contracts, quantity: 60, at: now })).unitPriceFen).toBe(23_000);
  });
  it("prices a pack without tiers", () => {
    expect(ok(priceLine({ pack: { ...shiitake, tiers: [] }, contracts, quantity: 3, at: now })).lineTotalFen).toBe(69_000);
  });
  it("only on its Beijing-time days", () => {
    const last = new Date("2026-11-30T15:59:59.999Z"); // 23:59:59.999 on 30 Nov in Beijing
    const after = new Date("2026-11-30T16:00:00.000Z"); // 00:00 on 1 Dec in Beijing
    expect(ok(priceLine({ pack: shiitake, contracts, quantity: 10, at: last })).source).toBe("contract");
    const p = ok(priceLine({ pack: shiitake, contracts, quantity: 10, at: after }));
    expect(p.source).toBe("tier");
    expect(p.unitPriceFen).toBe(24_000);
    expect(ok(priceLine({ pack: shiitake, contracts, quantity: 10, at: new Date("2026-10-31T15:59:59.999Z") })).source).toBe("tier");
    expect(ok(priceLine({ pack: shiitake, contracts, quantity: 10, at: new Date("2026-10-31T16:00:00Z") })).source).toBe("contract");
  });
  it("omits the contract id when the row has none", () => {
    const p = ok(priceLine({ pack: shiitake, contracts: [{ unitPriceFen: 100, validFrom: "2026-01-01", validTo: null }], quantity: 2, at: now }));
    expect("contractId" in p).toBe(false);
  });
});

describe("variable-weight packs", () => {
  it("price per pack at nominal weight, flagged as an estimate", () => {
    const fresh: PricedPack = { tiers: [{ minQuantity: 1, unitPriceFen: 6000 }], netWeightGrams: 2500, variableWeight: true };
    const p = ok(priceLine({ pack: fresh, quantity: 4, at: now }));
    expect(p).toMatchObject({ unitPriceFen: 6000, lineTotalFen: 24_000, estimated: true, perKgFen: 2400 });
  });
});

describe("unitPriceFor", () => {
  it("is the unit price or null", () => {
    expect(unitPriceFor({ pack: shiitake, quantity: 10, at: now })).toBe(24_000);
    expect(unitPriceFor({ pack: shiitake, quantity: 1, at: now })).toBeNull();
  });
});

describe("priceSchedule", () => {
  it("lists the tiers ascending with prices per kg", () => {
    expect(priceSchedule({ ...shiitake, tiers: [...shiitake.tiers].reverse() }, [], now)).toEqual({
      source: "tier",
      rows: [
        { minQuantity: 2, unitPriceFen: 25_000, perKgFen: 5000 },
        { minQuantity: 10, unitPriceFen: 24_000, perKgFen: 4800 },
        { minQuantity: 50, unitPriceFen: 22_500, perKgFen: 4500 },
      ],
    });
  });
  it("shows only the contract price when one applies, from the pack's minimum", () => {
    const contracts: ContractPrice[] = [{ unitPriceFen: 23_000, validFrom: "2026-11-01", validTo: null }];
    expect(priceSchedule(shiitake, contracts, now)).toEqual({ source: "contract", rows: [{ minQuantity: 2, unitPriceFen: 23_000, perKgFen: 4600 }] });
    expect(priceSchedule({ ...shiitake, minOrderQuantity: 4 }, contracts, now).rows[0]!.minQuantity).toBe(4);
    expect(priceSchedule({ ...shiitake, tiers: [] }, contracts, now).rows[0]!.minQuantity).toBe(1);
    expect(priceSchedule(shiitake, contracts, bj("2026-10-31T23:59:59")).source).toBe("tier");
  });
});
