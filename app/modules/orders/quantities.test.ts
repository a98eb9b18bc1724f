import { describe, expect, it } from "vitest";
import { isOrderableQuantity, MAX_QUANTITY } from "~/modules/catalog/tiers";
import { checkQuantity, maxOrderableQuantity, nearestValidQuantities, quantityIssue, readQuantityText, stepQuantity } from "./quantities";

const tenBy5 = { minOrderQuantity: 10, orderMultiple: 5 }; // 10, 15, 20, …
const one = { minOrderQuantity: 1, orderMultiple: 1 };
const threeBy4 = { minOrderQuantity: 3, orderMultiple: 4 }; // 3, 7, 11, …

describe("quantityIssue", () => {
  it.each([
    [10, null],
    [15, null],
    [20, null],
    [99_995, null],
    [9, "below_minimum"],
    [1, "below_minimum"],
    [11, "not_multiple"],
    [14, "not_multiple"],
    [16, "not_multiple"],
    [0, "not_positive"],
    [-5, "not_positive"],
    [-Infinity, "not_positive"],
    [1.5, "not_integer"],
    [10.0001, "not_integer"],
    [-0.5, "not_integer"],
    [NaN, "not_integer"],
    [MAX_QUANTITY + 5, "too_large"],
    [Infinity, "too_large"],
    [1e12, "too_large"],
  ])("%s packs (min 10, multiple 5) → %s", (q, code) => {
    expect(quantityIssue(q, tenBy5)).toBe(code);
  });
  it("agrees with catalog isOrderableQuantity on every quantity up to 200", () => {
    for (const rules of [tenBy5, one, threeBy4, { minOrderQuantity: 24, orderMultiple: 24 }])
      for (let q = 1; q <= 200; q++) expect(quantityIssue(q, rules) === null).toBe(isOrderableQuantity(q, rules));
  });
  it("treats the top of the range as too large, not as a wrong multiple", () => {
    const odd = { minOrderQuantity: 3, orderMultiple: 7 };
    const max = maxOrderableQuantity(odd);
    expect(max).toBe(3 + Math.floor((MAX_QUANTITY - 3) / 7) * 7);
    expect(max).toBeLessThanOrEqual(MAX_QUANTITY);
    expect(quantityIssue(max, odd)).toBeNull();
    expect(quantityIssue(max + 1, odd)).toBe("too_large");
    expect(quantityIssue(MAX_QUANTITY, odd)).toBe(max === MAX_QUANTITY ? null : "too_large");
    expect(quantityIssue(MAX_QUANTITY, one)).toBeNull();
    expect(quantityIssue(MAX_QUANTITY + 1, one)).toBe("too_large");
  });
  it("throws on rules no pack may have", () => {
    expect(() => quantityIssue(1, { minOrderQuantity: 0, orderMultiple: 1 })).toThrow(RangeError);
    expect(() => quantityIssue(1, { minOrderQuantity: 1, orderMultiple: 0 })).toThrow(RangeError);
    expect(() => quantityIssue(1, { minOrderQuantity: 1.5, orderMultiple: 1 })).toThrow(RangeError);
    expect(() => quantityIssue(1, { minOrderQuantity: MAX_QUANTITY + 1, orderMultiple: 1 })).toThrow(RangeError);
  });
});

describe("nearestValidQuantities", () => {
  it.each([
    [10, 10, 10],
    [12, 10, 15],
    [14, 10, 15],
    [15, 15, 15],
    [16, 15, 20],
    [12.5, 10, 15],
    [15.5, 15, 20],
    [9, null, 10],
    [0, null, 10],
    [-3, null, 10],
    [MAX_QUANTITY, MAX_QUANTITY, MAX_QUANTITY],
    [MAX_QUANTITY + 3, MAX_QUANTITY, null],
    [Infinity, MAX_QUANTITY, null],
  ])("%s (min 10, multiple 5) → down %s, up %s", (q, down, up) => {
    expect(nearestValidQuantities(q, tenBy5)).toEqual({ down, up });
  });
  it("NaN suggests the minimum", () => {
    expect(nearestValidQuantities(NaN, tenBy5)).toEqual({ down: null, up: 10 });
  });
  it("every suggestion is orderable and nearest", () => {
    for (let q = 1; q <= 120; q++) {
      const { down, up } = nearestValidQuantities(q, threeBy4);
      if (down !== null) {
        expect(isOrderableQuantity(down, threeBy4)).toBe(true);
        expect(down).toBeLessThanOrEqual(q);
        for (let k = down + 1; k <= q; k++) expect(isOrderableQuantity(k, threeBy4)).toBe(false);
      } else expect(q).toBeLessThan(3);
      expect(up).not.toBeNull();
      expect(isOrderableQuantity(up!, threeBy4)).toBe(true);
      expect(up).toBeGreaterThanOrEqual(q);
      for (let k = q; k < up!; k++) expect(isOrderableQuantity(k, threeBy4)).toBe(false);
    }
  });
});

describe("checkQuantity", () => {
  it("accepts numbers and typed text", () => {
    expect(checkQuantity(15, tenBy5)).toEqual({ ok: true, quantity: 15 });
    expect(checkQuantity("15", tenBy5)).toEqual({ ok: true, quantity: 15 });
    expect(checkQuantity("１５", tenBy5)).toEqual({ ok: true, quantity: 15 });
    expect(checkQuantity(" 20 ", tenBy5)).toEqual({ ok: true, quantity: 20 });
    expect(checkQuantity("1,000", tenBy5)).toEqual({ ok: true, quantity: 1000 });
  });
  it("explains a refusal with the rules and the nearest quantities", () => {
    expect(checkQuantity(12, tenBy5)).toEqual({ ok: false, code: "not_multiple", nearest: { down: 10, up: 15 }, min: 10, multiple: 5, max: MAX_QUANTITY });
    expect(checkQuantity(3, tenBy5)).toMatchObject({ ok: false, code: "below_minimum", nearest: { down: null, up: 10 } });
    expect(checkQuantity(200_000, tenBy5)).toMatchObject({ ok: false, code: "too_large", nearest: { down: MAX_QUANTITY, up: null } });
  });
  it.each([
    ["", "not_integer"],
    ["   ", "not_integer"],
    ["abc", "not_integer"],
    ["12箱", "not_integer"],
    ["1e3", "not_integer"],
    ["0x10", "not_integer"],
    ["1.5", "not_integer"],
    ["12.5", "not_integer"],
    ["-3", "not_positive"],
    ["−3", "not_positive"],
    ["−1,000", "not_positive"],
    ["0", "not_positive"],
    ["000", "not_positive"],
    ["99999999999999999999", "too_large"],
    ["100001", "too_large"],
    ["11", "not_multiple"],
    ["9", "below_minimum"],
    ["'; DROP TABLE orders; --", "not_integer"],
    ["\u0000", "not_integer"],
    ["😀", "not_integer"],
  ])("text %j → %s", (text, code) => {
    expect(checkQuantity(text, tenBy5)).toMatchObject({ ok: false, code });
  });
});

describe("readQuantityText", () => {
  it("reads what people type", () => {
    expect(readQuantityText("24")).toBe(24);
    expect(readQuantityText("２４")).toBe(24);
    expect(readQuantityText("+24")).toBe(24);
    expect(readQuantityText("1,200")).toBe(1200);
    expect(readQuantityText("2.")).toBe(2);
    expect(readQuantityText(".5")).toBe(0.5);
    expect(readQuantityText("12,5")).toBeNaN();
    expect(readQuantityText("1 2")).toBeNaN();
  });
});

describe("stepQuantity", () => {
  it("steps up and down in the multiple from the minimum", () => {
    expect(stepQuantity(10, tenBy5, 1)).toBe(15);
    expect(stepQuantity(15, tenBy5, -1)).toBe(10);
    expect(stepQuantity(10, tenBy5, -1)).toBeNull();
    expect(stepQuantity(0, tenBy5, 1)).toBe(10);
    expect(stepQuantity(12, tenBy5, 1)).toBe(15);
    expect(stepQuantity(12, tenBy5, -1)).toBe(10);
    expect(stepQuantity(MAX_QUANTITY, tenBy5, 1)).toBeNull();
    expect(stepQuantity(MAX_QUANTITY + 50, tenBy5, -1)).toBe(MAX_QUANTITY);
    expect(stepQuantity(NaN, tenBy5, 1)).toBe(10);
    expect(stepQuantity(NaN, tenBy5, -1)).toBeNull();
    expect(stepQuantity(Infinity, tenBy5, 1)).toBeNull();
    expect(stepQuantity(Infinity, tenBy5, -1)).toBe(MAX_QUANTITY);
  });
  it("always lands on an orderable quantity", () => {
    for (let q = 0; q <= 60; q += 0.5) {
      const up = stepQuantity(q, threeBy4, 1);
      const down = stepQuantity(q, threeBy4, -1);
      expect(up).not.toBeNull();
      expect(isOrderableQuantity(up!, threeBy4)).toBe(true);
      expect(up!).toBeGreaterThan(q);
      if (down !== null) {
        expect(isOrderableQuantity(down, threeBy4)).toBe(true);
        expect(down).toBeLessThan(q);
      } else expect(q).toBeLessThanOrEqual(3);
    }
  });
});
