import { describe, expect, it } from "vitest";
import { formatClock, parseClock, parseDuration, parseLength, parseVolume, parseWeight, UnitError } from "./units";

describe("units", () => {
  it("converts weights to grams", () => {
    expect(parseWeight("120 kg")).toBe(120_000);
    expect(parseWeight("1.5t")).toBe(1_500_000);
    expect(parseWeight("300 斤")).toBe(150_000);
    expect(parseWeight("250 g")).toBe(250);
    expect(parseWeight({ value: 2, unit: "吨" })).toBe(2_000_000);
  });

  it("converts volumes to cm³ and lengths to metres", () => {
    expect(parseVolume("0.4 m3")).toBe(400_000);
    expect(parseVolume("400 L")).toBe(400_000);
    expect(parseVolume("1500 cm3")).toBe(1500);
    expect(parseLength("2.5 km")).toBe(2500);
  });

  it("rejects unknown units with the accepted list", () => {
    expect(() => parseWeight("12 lb")).toThrow(UnitError);
    expect(() => parseWeight("12 lb")).toThrow(/unknown weight unit "lb" \(accepted: .*kg.*斤/);
    expect(() => parseVolume("3 gallons")).toThrow(/unknown volume unit "gallons"/);
    expect(() => parseWeight("heavy")).toThrow(/write a number and a unit/);
    expect(() => parseWeight("-3 kg")).toThrow(/non-negative/);
  });

  it("parses durations and clock times", () => {
    expect(parseDuration("4h")).toBe(14_400);
    expect(parseDuration("1h30min")).toBe(5400);
    expect(parseDuration("1.5s")).toBe(1.5);
    expect(() => parseDuration("4 hours")).toThrow(UnitError);
    expect(parseClock("06:30")).toBe(23_400);
    expect(parseClock("24:00")).toBe(86_400);
    expect(() => parseClock("25:00")).toThrow(/HH:MM/);
    expect(formatClock(23_400)).toBe("06:30");
    expect(formatClock(86_400 + 3600)).toBe("+1 01:00");
  });
});
