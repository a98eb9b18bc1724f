import { describe, expect, it } from "vitest";
import { isContractValidAt, isContractValidOn, selectContract, validateContract, type ContractPrice } from "./contracts";

/** 00:00 Beijing time is 16:00 UTC the day before. */
const bj = (local: string) => new Date(`${local}+08:00`);

const november: ContractPrice = { id: "c-nov", unitPriceFen: 4500, validFrom: "2026-11-01", validTo: "2026-11-30" };

describe("contract validity in Beijing-time calendar days, both ends inclusive", () => {
  it("starts at 00:00 Beijing time of validFrom (16:00 UTC the day before)", () => {
    expect(isContractValidAt(november, new Date("2026-10-31T15:59:59.999Z"))).toBe(false);
    expect(isContractValidAt(november, new Date("2026-10-31T16:00:00.000Z"))).toBe(true);
    expect(isContractValidAt(november, bj("2026-11-01T00:00:00"))).toBe(true);
    expect(isContractValidAt(november, bj("2026-10-31T23:59:59"))).toBe(false);
  });
  it("ends after 23:59:59.999 Beijing time of validTo (15:59:59.999 UTC)", () => {
    expect(isContractValidAt(november, new Date("2026-11-30T15:59:59.999Z"))).toBe(true);
    expect(isContractValidAt(november, new Date("2026-11-30T16:00:00.000Z"))).toBe(false);
    expect(isContractValidAt(november, bj("2026-11-30T23:59:00"))).toBe(true);
    expect(isContractValidAt(november, bj("2026-12-01T00:00:00"))).toBe(false);
  });
  it("a UTC-midnight instant is already 08:00 in Beijing", () => {
    // 2026-11-30T20:00Z is 2026-12-01 04:00 in Beijing: the day after validTo, although UTC still says 30 Nov.
    expect(isContractValidAt(november, new Date("2026-11-30T20:00:00Z"))).toBe(false);
    expect(isContractValidAt(november, new Date("2026-11-01T00:00:00Z"))).toBe(true);
  });
  it("handles the year end", () => {
    const december: ContractPrice = { unitPriceFen: 1, validFrom: "2026-12-01", validTo: "2026-12-31" };
    expect(isContractValidAt(december, new Date("2026-12-31T15:59:59.999Z"))).toBe(true);
    expect(isContractValidAt(december, new Date("2026-12-31T16:00:00Z"))).toBe(false); // 2027-01-01 00:00 Beijing
  });
  it("handles leap days", () => {
    const feb: ContractPrice = { unitPriceFen: 1, validFrom: "2028-02-29", validTo: "2028-02-29" };
    expect(isContractValidAt(feb, bj("2028-02-29T00:00:00"))).toBe(true);
    expect(isContractValidAt(feb, bj("2028-02-29T23:59:59"))).toBe(true);
    expect(isContractValidAt(feb, bj("2028-03-01T00:00:00"))).toBe(false);
    expect(isContractValidAt(feb, bj("2028-02-28T23:59:59"))).toBe(false);
  });
  it("a one-day contract and an open-ended one", () => {
    expect(isContractValidOn({ unitPriceFen: 1, validFrom: "2026-11-29", validTo: "2026-11-29" }, "2026-11-29")).toBe(true);
    const open: ContractPrice = { unitPriceFen: 1, validFrom: "2026-11-29", validTo: null };
    expect(isContractValidOn(open, "2026-11-28")).toBe(false);
    expect(isContractValidOn(open, "2026-11-29")).toBe(true);
    expect(isContractValidOn(open, "2099-12-31")).toBe(true);
  });
});

describe("selectContract", () => {
  const at = bj("2026-11-15T10:00:00");
  it("returns null without contracts or without a valid one", () => {
    expect(selectContract([], at)).toBeNull();
    expect(selectContract([{ unitPriceFen: 100, validFrom: "2026-12-01", validTo: null }], at)).toBeNull();
    expect(selectContract([{ unitPriceFen: 100, validFrom: "2026-10-01", validTo: "2026-11-14" }], at)).toBeNull();
  });
  it("the latest-starting valid contract wins, even when dearer", () => {
    const old: ContractPrice = { id: "a", unitPriceFen: 4000, validFrom: "2026-01-01", validTo: "2026-12-31" };
    const renewed: ContractPrice = { id: "b", unitPriceFen: 4200, validFrom: "2026-11-10", validTo: null };
    expect(selectContract([old, renewed], at)).toBe(renewed);
    expect(selectContract([renewed, old], at)).toBe(renewed);
    // Before the renewal starts the old one applies.
    expect(selectContract([old, renewed], bj("2026-11-09T23:59:59"))).toBe(old);
    expect(selectContract([old, renewed], bj("2026-11-10T00:00:00"))).toBe(renewed);
  });
  it("same start: the lowest price wins; same price: the smallest id; never the input order", () => {
    const a: ContractPrice = { id: "b", unitPriceFen: 4100, validFrom: "2026-11-01", validTo: null };
    const b: ContractPrice = { id: "c", unitPriceFen: 3900, validFrom: "2026-11-01", validTo: "2026-11-30" };
    const c: ContractPrice = { id: "a", unitPriceFen: 3900, validFrom: "2026-11-01", validTo: "2026-11-20" };
    for (const order of [[a, b, c], [c, b, a], [b, a, c], [b, c, a]]) expect(selectContract(order, at)).toBe(c);
    expect(selectContract([a, b], at)).toBe(b);
  });
  it("skips malformed rows instead of charging them", () => {
    const good: ContractPrice = { unitPriceFen: 500, validFrom: "2026-01-01", validTo: null };
    expect(selectContract([{ unitPriceFen: 0, validFrom: "2026-11-15", validTo: null }, good], at)).toBe(good);
    expect(selectContract([{ unitPriceFen: 12.5, validFrom: "2026-11-15", validTo: null }, good], at)).toBe(good);
    expect(selectContract([{ unitPriceFen: 100, validFrom: "2026-11-1", validTo: null }, good], at)).toBe(good);
    expect(selectContract([{ unitPriceFen: 100, validFrom: "2026-11-15", validTo: "soon" }, good], at)).toBe(good);
  });
});

describe("validateContract", () => {
  it("accepts a well-formed contract", () => {
    expect(validateContract({ unitPriceFen: 4500, validFrom: "2026-11-01", validTo: "2026-11-30" })).toEqual([]);
    expect(validateContract({ unitPriceFen: 1, validFrom: "2026-11-01", validTo: "2026-11-01" })).toEqual([]);
    expect(validateContract({ unitPriceFen: 100_000_000, validFrom: "2026-11-01", validTo: null })).toEqual([]);
  });
  it("names each problem's field", () => {
    expect(validateContract({ unitPriceFen: 0, validFrom: "2026-11-01", validTo: null })).toEqual([{ field: "unitPriceFen", code: "price_invalid" }]);
    expect(validateContract({ unitPriceFen: 12.5, validFrom: "2026-11-01", validTo: null })).toEqual([{ field: "unitPriceFen", code: "price_invalid" }]);
    expect(validateContract({ unitPriceFen: 100_000_001, validFrom: "2026-11-01", validTo: null })).toEqual([{ field: "unitPriceFen", code: "price_invalid" }]);
    expect(validateContract({ unitPriceFen: 1, validFrom: "2026-02-30", validTo: null })).toEqual([{ field: "validFrom", code: "day_invalid" }]);
    expect(validateContract({ unitPriceFen: 1, validFrom: "2026-11-01", validTo: "2026-13-01" })).toEqual([{ field: "validTo", code: "day_invalid" }]);
    expect(validateContract({ unitPriceFen: 1, validFrom: "2026-11-02", validTo: "2026-11-01" })).toEqual([{ field: "validTo", code: "ends_before_start" }]);
    expect(validateContract({ unitPriceFen: -5, validFrom: "x", validTo: "y" })).toHaveLength(3);
  });
});
