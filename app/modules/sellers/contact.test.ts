import { describe, expect, it } from "vitest";
import { normalizeContactPhone } from "./contact";

describe("normalizeContactPhone", () => {
  it("stores mobile numbers as their 11 digits", () => {
    expect(normalizeContactPhone("138 0000 0001")).toBe("13800000001");
    expect(normalizeContactPhone("+86 159-5980-1234")).toBe("15959801234");
    expect(normalizeContactPhone("１３８００００００01")).toBe("13800000001");
  });

  it("stores landlines as area code and number", () => {
    expect(normalizeContactPhone("0598-8231234")).toBe("0598-8231234");
    expect(normalizeContactPhone("(0598) 823 1234")).toBe("0598-8231234");
    expect(normalizeContactPhone("05985821234")).toBe("0598-5821234");
    expect(normalizeContactPhone("021-62345678")).toBe("021-62345678");
    expect(normalizeContactPhone("02162345678")).toBe("021-62345678");
    expect(normalizeContactPhone("010 8888 6666")).toBe("010-88886666");
    expect(normalizeContactPhone("+86 598 8231234")).toBe("0598-8231234");
  });

  it("keeps an extension", () => {
    expect(normalizeContactPhone("0598-8231234-8")).toBe("0598-8231234-8");
    expect(normalizeContactPhone("0598-8231234转801")).toBe("0598-8231234-801");
    expect(normalizeContactPhone("021 6234 5678 ext 12")).toBe("021-62345678-12");
  });

  it("refuses what is not a phone number", () => {
    for (const bad of ["", "12345", "1380000000", "138000000011", "23800000001", "0598-123", "0598-0231234", "021-6234567", "00598-8231234", "电话 0598", "0598-8231234-1234567"]) {
      expect(normalizeContactPhone(bad), bad).toBeUndefined();
    }
  });
});
