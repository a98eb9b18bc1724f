import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { adjustStockSchema, parseWholeNumber } from "./schemas";

const PACK = "0a2f4e1c-1111-4000-8000-000000000001";

describe("parseWholeNumber", () => {
  it("reads plain, full-width and thousands-grouped digits", () => {
    expect(parseWholeNumber("12")).toBe(12);
    expect(parseWholeNumber(" 0 ")).toBe(0);
    expect(parseWholeNumber("１２")).toBe(12);
    expect(parseWholeNumber("1,200")).toBe(1200);
    expect(parseWholeNumber("1，200")).toBe(1200);
    expect(parseWholeNumber("007")).toBe(7);
  });
  it("refuses signs, decimals, exponents, words and misplaced separators", () => {
    for (const raw of ["", "-3", "+3", "2.5", "1e3", "12箱", "abc", "1,20", "12,", "0x10", "Infinity", "9".repeat(20)]) {
      expect(parseWholeNumber(raw), raw).toBeNull();
    }
  });
});

describe("adjustStockSchema", () => {
  const ok = (values: Record<string, string>) => parseForm(adjustStockSchema, { variantId: PACK, ...values });
  it("accepts the three manual reasons with a whole number", () => {
    expect(ok({ reason: "received", quantity: "12", note: " 到货 " }).data).toEqual({ variantId: PACK, reason: "received", quantity: 12, note: "到货" });
    expect(ok({ reason: "spoiled", quantity: "1" }).data).toMatchObject({ reason: "spoiled", quantity: 1 });
    // A count may be zero: everything is gone.
    expect(ok({ reason: "counted", quantity: "0" }).data).toMatchObject({ reason: "counted", quantity: 0 });
  });
  it("requires a reason, and only received, counted or spoiled", () => {
    expect(ok({ quantity: "5" }).errors).toEqual({ reason: "stock.error.reason" });
    for (const reason of ["", "reservation", "release", "shipment", "adjustment"]) expect(ok({ reason, quantity: "5" }).errors, reason).toEqual({ reason: "stock.error.reason" });
  });
  it("says what is wrong with the quantity", () => {
    expect(ok({ reason: "received", quantity: "" }).errors).toEqual({ quantity: "stock.error.quantity" });
    expect(ok({ reason: "received", quantity: "-1" }).errors).toEqual({ quantity: "stock.error.quantity" });
    expect(ok({ reason: "received", quantity: "1.5" }).errors).toEqual({ quantity: "stock.error.quantity" });
    expect(ok({ reason: "received", quantity: "0" }).errors).toEqual({ quantity: "stock.error.quantityPositive" });
    expect(ok({ reason: "spoiled", quantity: "0" }).errors).toEqual({ quantity: "stock.error.quantityPositive" });
    expect(ok({ reason: "received", quantity: "1000001" }).errors).toEqual({ quantity: "stock.error.tooMany" });
    expect(ok({ reason: "received", quantity: "1000000" }).data).toMatchObject({ quantity: 1_000_000 });
  });
  it("refuses a malformed pack id, a long note and control characters", () => {
    expect(parseForm(adjustStockSchema, { variantId: "x", reason: "received", quantity: "1" }).errors).toEqual({ variantId: "stock.error.pack" });
    expect(parseForm(adjustStockSchema, { reason: "received", quantity: "1" }).errors).toEqual({ variantId: "stock.error.pack" });
    expect(ok({ reason: "received", quantity: "1", note: "长".repeat(201) }).errors).toEqual({ note: "validation.tooLong" });
    expect(ok({ reason: "received", quantity: "1", note: "a\u0000b" }).errors).toEqual({ note: "validation.invalidCharacters" });
  });
});
