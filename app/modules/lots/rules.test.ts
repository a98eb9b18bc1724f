import { describe, expect, it } from "vitest";
import {
  addDaysToDay,
  certificatesFromNumbers,
  checkLotDates,
  dayOf,
  dayToInstant,
  daysBetween,
  defaultExpiry,
  expiryState,
  isDay,
  isLotCode,
  normalizeLotCode,
  numbersFromCertificates,
  startOfDay,
  suggestLotCode,
} from "./rules";

describe("calendar days in Beijing time", () => {
  it("accepts real days only", () => {
    expect(isDay("2026-11-30")).toBe(true);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay("2026-1-5")).toBe(false);
    expect(isDay("30/11/2026")).toBe(false);
    expect(isDay("")).toBe(false);
  });

  it("does day arithmetic across months, leap days and years", () => {
    expect(addDaysToDay("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDaysToDay("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDaysToDay("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDaysToDay("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2026-11-30", "2027-11-30")).toBe(365);
  });

  it("stores a day at noon Beijing time and reads it back as the same day", () => {
    const instant = dayToInstant("2026-11-30");
    expect(instant.toISOString()).toBe("2026-11-30T04:00:00.000Z");
    expect(dayOf(instant)).toBe("2026-11-30");
    // 23:30 in Beijing is still that day, though UTC has not reached it… and 00:30 Beijing is the next day.
    expect(dayOf(new Date("2026-11-30T15:30:00Z"))).toBe("2026-11-30");
    expect(dayOf(new Date("2026-11-30T16:30:00Z"))).toBe("2026-12-01");
    expect(startOfDay("2026-12-01").toISOString()).toBe("2026-11-30T16:00:00.000Z");
  });
});

describe("default expiry from the shelf life", () => {
  it("adds the product's shelf life to the production day", () => {
    expect(defaultExpiry("2026-11-30", 30)).toBe("2026-12-30");
    expect(defaultExpiry("2026-11-30", 365)).toBe("2027-11-30");
    expect(defaultExpiry("2028-02-29", 1)).toBe("2028-03-01");
  });
  it("refuses a shelf life that is not a positive whole number of days", () => {
    expect(() => defaultExpiry("2026-11-30", 0)).toThrow(RangeError);
    expect(() => defaultExpiry("2026-11-30", 1.5)).toThrow(RangeError);
  });
  it("always lands strictly after production, so it passes the date check", () => {
    for (const days of [1, 7, 180, 720]) expect(checkLotDates("2026-11-30", defaultExpiry("2026-11-30", days), "2026-12-01")).toBeNull();
  });
});

describe("lot dates", () => {
  const today = "2026-12-01";
  it("accepts an expiry after production", () => {
    expect(checkLotDates("2026-11-30", "2026-12-30", today)).toBeNull();
    expect(checkLotDates("2026-11-30", "2026-12-01", today)).toBeNull();
  });
  it("refuses an expiry on or before the production day, on the expiry field (保质期至必须晚于生产日期)", () => {
    expect(checkLotDates("2026-11-30", "2026-11-30", today)).toEqual({ field: "expiresOn", key: "lots.error.expiryNotAfterProduction" });
    expect(checkLotDates("2026-11-30", "2026-11-01", today)).toEqual({ field: "expiresOn", key: "lots.error.expiryNotAfterProduction" });
  });
  it("refuses a production day in the future (one day of slack), before 2000, or not a date", () => {
    expect(checkLotDates("2026-12-02", "2027-01-01", today)).toBeNull();
    expect(checkLotDates("2026-12-03", "2027-01-01", today)).toEqual({ field: "producedOn", key: "lots.error.producedFuture" });
    expect(checkLotDates("1999-12-31", "2000-06-01", today)).toEqual({ field: "producedOn", key: "lots.error.producedTooOld" });
    expect(checkLotDates("2026-02-30", "2027-01-01", today)).toEqual({ field: "producedOn", key: "lots.error.producedInvalid" });
    expect(checkLotDates("2026-11-30", "someday", today)).toEqual({ field: "expiresOn", key: "lots.error.expiresInvalid" });
  });
  it("refuses an expiry more than ten years on", () => {
    expect(checkLotDates("2026-11-30", "2036-11-30", today)).toBeNull();
    expect(checkLotDates("2026-11-30", "2037-01-01", today)).toEqual({ field: "expiresOn", key: "lots.error.expiryTooFar" });
  });
  it("tells expired, expiring soon and fine apart (good through the expiry day)", () => {
    expect(expiryState("2026-11-30", today)).toBe("expired");
    expect(expiryState("2026-12-01", today)).toBe("soon");
    expect(expiryState("2026-12-08", today)).toBe("soon");
    expect(expiryState("2026-12-09", today)).toBe("ok");
  });
});

describe("lot codes", () => {
  it("normalizes what a phone keyboard types: trimmed, upper case, half-width, plain hyphens", () => {
    expect(normalizeLotCode("  sx20261130-1 ")).toBe("SX20261130-1");
    expect(normalizeLotCode("２０２６１１３０－３")).toBe("20261130-3");
    expect(normalizeLotCode("20261130–3")).toBe("20261130-3");
  });
  it("accepts letters, digits and hyphens up to 40 characters", () => {
    expect(isLotCode("20261130-1")).toBe(true);
    expect(isLotCode("JN-LOTUS-2026-A")).toBe(true);
    expect(isLotCode("A".repeat(40))).toBe(true);
    expect(isLotCode("A".repeat(41))).toBe(false);
    expect(isLotCode("-20261130")).toBe(false);
    expect(isLotCode("2026 11 30")).toBe(false);
    expect(isLotCode("批次1")).toBe(false);
    expect(isLotCode("")).toBe(false);
  });
  it("suggests <YYYYMMDD>-<n>, the next number after the day's highest", () => {
    expect(suggestLotCode("2026-11-30", [])).toBe("20261130-1");
    expect(suggestLotCode("2026-11-30", ["20261130-1", "20261130-2"])).toBe("20261130-3");
    expect(suggestLotCode("2026-11-30", ["20261130-7", "20261130-2", "20261129-9", "X20261130-12", "20261130-B"])).toBe("20261130-8");
    expect(isLotCode(suggestLotCode("2026-11-30", []))).toBe(true);
  });
});

describe("certificate numbers", () => {
  it("keeps the kinds with a number, in a fixed order", () => {
    expect(certificatesFromNumbers({ sc_licence: "SC11135040500013", green_food: " LB-15-2412130123A ", organic: "" })).toEqual([
      { kind: "green_food", number: "LB-15-2412130123A" },
      { kind: "sc_licence", number: "SC11135040500013" },
    ]);
  });
  it("reads stored certificates back for the form, aliases included", () => {
    expect(numbersFromCertificates([{ kind: "geographical_indication", number: "AGI01234" }, { kind: "sc", number: "SC1" }, { kind: "unknown", number: "x" }])).toEqual({
      geo_indication: "AGI01234",
      sc_licence: "SC1",
    });
  });
});
