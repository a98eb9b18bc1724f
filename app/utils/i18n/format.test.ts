import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatFen, formatJin, formatLitres, formatNumber, formatTime, formatTimeRange, formatWeight } from "./format";

describe("formatFen", () => {
  it("shows integer fen as yuan with the ¥ sign in both locales", () => {
    expect(formatFen(1250, "zh")).toBe("¥12.50");
    expect(formatFen(1250, "en")).toBe("¥12.50");
    expect(formatFen(123_456_789, "zh")).toBe("¥1,234,567.89");
    expect(formatFen(0, "en")).toBe("¥0.00");
    expect(formatFen(5, "zh")).toBe("¥0.05");
  });
  it("refuses fractional fen, which would mean money was computed in floats", () => {
    expect(() => formatFen(12.5, "zh")).toThrow(RangeError);
  });
});

describe("formatWeight", () => {
  it("uses grams below a kilogram", () => {
    expect(formatWeight(500, "zh")).toBe("500 克");
    expect(formatWeight(250, "en")).toBe("250 g");
  });
  it("uses kilograms with up to two decimals", () => {
    expect(formatWeight(2500, "zh")).toBe("2.5 公斤");
    expect(formatWeight(2500, "en")).toBe("2.5 kg");
    expect(formatWeight(1000, "en")).toBe("1 kg");
    expect(formatWeight(1234, "en")).toBe("1.23 kg");
  });
  it("uses tonnes for payloads and cold rooms", () => {
    expect(formatWeight(24_000_000, "zh")).toBe("24 吨");
    expect(formatWeight(12_500_000, "en")).toBe("12.5 t");
  });
});

describe("formatJin", () => {
  it("converts grams to 斤 (500 g)", () => {
    expect(formatJin(5000, "zh")).toBe("10 斤");
    expect(formatJin(750, "zh")).toBe("1.5 斤");
    expect(formatJin(2500, "en")).toBe("5 jin");
  });
});

describe("numbers and volumes", () => {
  it("groups thousands", () => {
    expect(formatNumber(12345, "zh")).toBe("12,345");
    expect(formatLitres(1200, "en")).toBe("1,200 L");
    expect(formatLitres(80, "zh")).toBe("80 升");
  });
});

describe("dates in Asia/Shanghai", () => {
  // 2026-11-29 18:30 UTC is already 30 November 02:30 in Shanghai.
  const late = new Date("2026-11-29T18:30:00Z");
  it("uses Beijing time whatever the server's zone", () => {
    expect(formatDate(late, "zh")).toBe("2026年11月30日");
    expect(formatDate(late, "en")).toBe("30 Nov 2026");
    expect(formatTime(late, "zh")).toBe("02:30");
    expect(formatDateTime(late, "zh")).toBe("2026年11月30日 02:30");
    expect(formatDateTime(late, "en")).toBe("30 Nov 2026, 02:30");
  });
  it("accepts ISO strings", () => {
    expect(formatDate("2026-01-01T00:00:00+08:00", "zh")).toBe("2026年1月1日");
  });
  it("formats a slot window with the day once", () => {
    const start = new Date("2026-11-30T00:00:00Z");
    const end = new Date("2026-11-30T03:00:00Z");
    expect(formatTimeRange(start, end, "zh")).toBe("11月30日周一 08:00–11:00");
    expect(formatTimeRange(start, end, "en")).toBe("Mon 30 Nov 08:00–11:00");
  });
});
