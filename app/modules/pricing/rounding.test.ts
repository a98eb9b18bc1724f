import { describe, expect, it } from "vitest";
import { isWholeAmount, mulDivHalfUp, mulExact, sumExact } from "./rounding";

describe("mulDivHalfUp", () => {
  it.each([
    [1, 1, 2, 1], // 0.5 → 1
    [1, 1, 3, 0], // 0.333 → 0
    [2, 1, 3, 1], // 0.667 → 1
    [3, 1, 2, 2], // 1.5 → 2
    [5, 1, 2, 3], // 2.5 → 3 (half up, not to even)
    [4999, 1, 10_000, 0],
    [5000, 1, 10_000, 1],
    [0, 123, 7, 0],
    [1000, 5000, 5000, 1000],
    [1999, 5123, 5000, 2048], // 2048.1754 → 2048
    [1999, 5125, 5000, 2049], // 2048.975 → 2049
  ])("%i × %i ÷ %i → %i", (a, b, d, expected) => {
    expect(mulDivHalfUp(a, b, d)).toBe(expected);
  });
  it("is exact beyond 2^53 intermediate products", () => {
    // ¥1,000,000 a pack × 100 t weighed ÷ 5 kg nominal: the product is 1e16, more than 2^53.
    expect(mulDivHalfUp(100_000_000, 100_000_000, 5000)).toBe(2_000_000_000_000);
    expect(mulDivHalfUp(99_999_999, 99_999_999, 99_999_998)).toBe(100_000_000); // 99999999.99… → 100000000
  });
  it("agrees with exact rational rounding on many values", () => {
    for (let a = 0; a < 200; a += 7)
      for (let b = 1; b < 3000; b += 97)
        for (const d of [1, 2, 3, 7, 500, 1000, 4999]) {
          const exact = (a * b) / d;
          const frac = (a * b) % d;
          const expected = Math.floor(exact) + (2 * frac >= d ? 1 : 0);
          expect(mulDivHalfUp(a, b, d)).toBe(expected);
        }
  });
  it("refuses negative, fractional and unsafe operands and bad divisors", () => {
    expect(() => mulDivHalfUp(-1, 1, 1)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1.5, 1, 1)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, NaN, 1)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, 1, 0)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, 1, -2)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, 1, 0.5)).toThrow(RangeError);
    expect(() => mulDivHalfUp(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
  });
});

describe("mulExact and sumExact", () => {
  it("multiplies and sums whole amounts", () => {
    expect(mulExact(1250, 24)).toBe(30_000);
    expect(mulExact(0, 24)).toBe(0);
    expect(sumExact([1, 2, 3])).toBe(6);
    expect(sumExact([])).toBe(0);
  });
  it("refuses what money cannot be", () => {
    expect(() => mulExact(12.5, 2)).toThrow(RangeError);
    expect(() => mulExact(-1, 2)).toThrow(RangeError);
    expect(() => mulExact(2 ** 40, 2 ** 20)).toThrow(RangeError);
    expect(() => sumExact([1, 0.1])).toThrow(RangeError);
    expect(() => sumExact([1, -1])).toThrow(RangeError);
    expect(() => sumExact([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
  it("isWholeAmount", () => {
    expect(isWholeAmount(0)).toBe(true);
    expect(isWholeAmount(5)).toBe(true);
    expect(isWholeAmount(-1)).toBe(false);
    expect(isWholeAmount(0.5)).toBe(false);
    expect(isWholeAmount(Infinity)).toBe(false);
    expect(isWholeAmount(NaN)).toBe(false);
  });
});
