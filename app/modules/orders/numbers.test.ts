import { describe, expect, it } from "vitest";
import { formatOrderNumber, isOrderNumber } from "./numbers";

describe("order numbers", () => {
  it("use the Beijing-time day, not the UTC one", () => {
    // 2026-12-01 16:30 UTC is already 2 December 00:30 in Beijing.
    expect(formatOrderNumber(new Date("2026-12-01T16:30:00Z"), 1)).toBe("HM-20261202-000001");
    expect(formatOrderNumber(new Date("2026-12-01T15:59:59Z"), 42)).toBe("HM-20261201-000042");
  });
  it("pad to six digits and grow beyond", () => {
    expect(formatOrderNumber(new Date("2026-12-01T00:00:00Z"), 123456)).toBe("HM-20261201-123456");
    expect(formatOrderNumber(new Date("2026-12-01T00:00:00Z"), 1234567n)).toBe("HM-20261201-1234567");
  });
  it("refuse a non-positive sequence", () => {
    expect(() => formatOrderNumber(new Date(), 0)).toThrow(RangeError);
  });
  it("recognise the shape", () => {
    expect(isOrderNumber("HM-20261201-000001")).toBe(true);
    expect(isOrderNumber("HM-20261201-1234567")).toBe(true);
    expect(isOrderNumber("HM-2026121-000001")).toBe(false);
    expect(isOrderNumber("hm-20261201-000001")).toBe(false);
    expect(isOrderNumber("HM-20261201-T123")).toBe(true);
    expect(isOrderNumber("HM-20261201-")).toBe(false);
    expect(isOrderNumber(null)).toBe(false);
    expect(isOrderNumber("HM-20261201-000001' OR 1=1")).toBe(false);
  });
});
