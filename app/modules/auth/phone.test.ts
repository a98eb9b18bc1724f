import { describe, expect, it } from "vitest";
import { formatPhone, normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["13800000001", "13800000001"],
    ["138 0000 0001", "13800000001"],
    ["138-0000-0001", "13800000001"],
    ["+86 138 0000 0001", "13800000001"],
    ["+8613800000001", "13800000001"],
    ["008613800000001", "13800000001"],
    ["8613800000001", "13800000001"],
    ["  19912345678 ", "19912345678"],
    ["１３８００００００01", "13800000001"], // full-width digits from Chinese IMEs
    ["(+86) 155 1234 5678", "15512345678"],
  ])("accepts %j", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    "",
    "12800000001", // second digit must be 3–9
    "1380000000", // 10 digits
    "138000000012", // 12 digits
    "+1 138 0000 0001",
    "021-12345678", // landline
    "1380000000a",
    "86 1380000000",
  ])("rejects %j", (input) => {
    expect(normalizePhone(input)).toBeUndefined();
  });
});

describe("formatPhone", () => {
  it("groups 3-4-4", () => {
    expect(formatPhone("13800000001")).toBe("138 0000 0001");
    expect(formatPhone("abc")).toBe("abc");
  });
});
