import { afterEach, describe, expect, it } from "vitest";
import {
  canBuyerChange,
  checkCapacity,
  checkSlotForOrder,
  cutoffInstant,
  formatTimeOfDay,
  isOpen,
  MAX_CUTOFF_DAYS_BEFORE,
  parseTimeOfDay,
  remainingCapacity,
  resolveSlot,
  shanghaiInstant,
  shanghaiMinutes,
  slotDay,
  type SlotSpec,
} from "./cutoff";

const utc = (iso: string) => new Date(iso);
const breakfast: SlotSpec = {
  date: "2026-12-01",
  windowStart: "04:30",
  windowEnd: "06:30",
  cutoff: { daysBefore: 1, time: "14:00" },
  capacityGrams: { ambient: 500_000, chilled: 300_000, frozen: 200_000 },
};

function resolved(spec: SlotSpec, now?: Date) {
  const r = resolveSlot(spec, now);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

describe("times of day", () => {
  it.each([
    ["00:00", 0],
    ["04:30", 270],
    ["4:30", 270],
    ["14:00", 840],
    ["23:59", 1439],
    ["１４：００", 840],
    [" 06:30 ", 390],
  ])("%j → %i minutes", (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
  });
  it.each(["24:00", "23:60", "12", "12:5", "12:345", "-1:00", "noon", "", "12.30", "1230"])("refuses %j", (text) => {
    expect(parseTimeOfDay(text)).toBeNull();
  });
  it("formats minutes back", () => {
    expect(formatTimeOfDay(0)).toBe("00:00");
    expect(formatTimeOfDay(270)).toBe("04:30");
    expect(formatTimeOfDay(1439)).toBe("23:59");
    expect(() => formatTimeOfDay(1440)).toThrow(RangeError);
    expect(() => formatTimeOfDay(-1)).toThrow(RangeError);
    expect(() => formatTimeOfDay(1.5)).toThrow(RangeError);
    for (let m = 0; m < 1440; m += 7) expect(parseTimeOfDay(formatTimeOfDay(m))).toBe(m);
  });
});

describe("Beijing-time instants (UTC+8, no daylight saving time)", () => {
  it("00:00 Beijing is 16:00 UTC the day before; 23:59 is 15:59 UTC the same day", () => {
    expect(shanghaiInstant("2026-12-01", 0).toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(shanghaiInstant("2026-11-30", 23 * 60 + 59).toISOString()).toBe("2026-11-30T15:59:00.000Z");
    expect(shanghaiInstant("2027-01-01", 0).toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(shanghaiInstant("2026-07-01", 8 * 60).toISOString()).toBe("2026-07-01T00:00:00.000Z"); // summer: still +8
  });
  it("shanghaiMinutes reads the local time of day", () => {
    expect(shanghaiMinutes(utc("2026-11-30T15:59:59.999Z"))).toBe(1439);
    expect(shanghaiMinutes(utc("2026-11-30T16:00:00Z"))).toBe(0);
    expect(shanghaiMinutes(utc("2026-11-30T20:30:00Z"))).toBe(270);
  });
  it("slotDay is the Beijing-time day of the window", () => {
    const { times } = resolved(breakfast);
    expect(times.startsAt.toISOString()).toBe("2026-11-30T20:30:00.000Z"); // UTC still says 30 Nov
    expect(slotDay(times)).toBe("2026-12-01");
  });
});

describe("cutoffInstant", () => {
  it.each([
    ["2026-12-01", 1, "14:00", "2026-11-30T06:00:00.000Z"], // 14:00 the day before
    ["2026-12-01", 0, "02:00", "2026-11-30T18:00:00.000Z"], // 02:00 the same day
    ["2026-12-01", 1, "00:00", "2026-11-29T16:00:00.000Z"], // midnight starting the day before
    ["2026-12-01", 1, "23:59", "2026-11-30T15:59:00.000Z"], // one minute before the day
    ["2027-01-01", 1, "14:00", "2026-12-31T06:00:00.000Z"], // year end
    ["2027-01-02", 2, "18:00", "2026-12-31T10:00:00.000Z"],
    ["2026-03-01", 1, "14:00", "2026-02-28T06:00:00.000Z"], // month end, common year
    ["2028-03-01", 1, "14:00", "2028-02-29T06:00:00.000Z"], // leap year
    ["2026-12-01", 3, "09:00", "2026-11-28T01:00:00.000Z"],
  ])("slot on %s, %i day(s) before at %s → %s", (date, daysBefore, time, iso) => {
    expect(cutoffInstant(date, { daysBefore, time }).toISOString()).toBe(iso);
  });
  it("throws for a malformed rule", () => {
    expect(() => cutoffInstant("2026-12-01", { daysBefore: -1, time: "14:00" })).toThrow(RangeError);
    expect(() => cutoffInstant("2026-12-01", { daysBefore: 1, time: "25:00" })).toThrow(RangeError);
    expect(() => cutoffInstant("2026-02-30", { daysBefore: 1, time: "14:00" })).toThrow(RangeError);
  });
});

describe("resolveSlot", () => {
  it("resolves the canteen breakfast slot", () => {
    const r = resolved(breakfast);
    expect(r.times.startsAt.toISOString()).toBe("2026-11-30T20:30:00.000Z");
    expect(r.times.endsAt.toISOString()).toBe("2026-11-30T22:30:00.000Z");
    expect(r.times.cutoffAt.toISOString()).toBe("2026-11-30T06:00:00.000Z");
    expect(r.capacityGrams).toEqual({ ambient: 500_000, chilled: 300_000, frozen: 200_000 });
  });
  it("fills classes left out with 0 (not carried)", () => {
    expect(resolved({ ...breakfast, capacityGrams: { chilled: 1000 } }).capacityGrams).toEqual({ ambient: 0, chilled: 1000, frozen: 0 });
  });
  it("refuses a window that crosses midnight, and an empty one", () => {
    expect(resolveSlot({ ...breakfast, windowStart: "22:00", windowEnd: "02:00" })).toEqual({ ok: false, issues: [{ field: "windowEnd", code: "window_crosses_midnight" }] });
    expect(resolveSlot({ ...breakfast, windowStart: "23:59", windowEnd: "00:00" })).toEqual({ ok: false, issues: [{ field: "windowEnd", code: "window_crosses_midnight" }] });
    expect(resolveSlot({ ...breakfast, windowStart: "06:30", windowEnd: "06:30" })).toEqual({ ok: false, issues: [{ field: "windowEnd", code: "window_empty" }] });
    expect(resolveSlot({ ...breakfast, windowEnd: "24:00" })).toEqual({ ok: false, issues: [{ field: "windowEnd", code: "time_invalid" }] });
  });
  it("accepts a window ending at 23:59 and one starting at 00:00", () => {
    expect(resolved({ ...breakfast, windowStart: "00:00", windowEnd: "23:59", cutoff: { daysBefore: 1, time: "23:59" } }).times.startsAt.toISOString()).toBe("2026-11-30T16:00:00.000Z");
  });
  it("refuses a cut-off at or after the window start", () => {
    const sameDay = { ...breakfast, cutoff: { daysBefore: 0, time: "04:30" } };
    expect(resolveSlot(sameDay)).toEqual({ ok: false, issues: [{ field: "cutoff.time", code: "cutoff_not_before_window" }] });
    expect(resolveSlot({ ...breakfast, cutoff: { daysBefore: 0, time: "05:00" } })).toMatchObject({ ok: false, issues: [{ code: "cutoff_not_before_window" }] });
    expect(resolved({ ...breakfast, cutoff: { daysBefore: 0, time: "04:29" } }).times.cutoffAt.toISOString()).toBe("2026-11-30T20:29:00.000Z");
  });
  it("refuses a cut-off already past when now is given", () => {
    expect(resolveSlot(breakfast, utc("2026-11-30T06:00:00Z"))).toEqual({ ok: false, issues: [{ field: "cutoff.time", code: "cutoff_passed" }] });
    expect(resolveSlot(breakfast, utc("2026-11-30T05:59:59.999Z")).ok).toBe(true);
  });
  it("checks every field and names it", () => {
    const r = resolveSlot({ date: "2026-02-30", windowStart: "x", windowEnd: "25:00", cutoff: { daysBefore: 1.5, time: "later" }, capacityGrams: { ambient: -1 } });
    expect(r).toEqual({
      ok: false,
      issues: [
        { field: "date", code: "day_invalid" },
        { field: "windowStart", code: "time_invalid" },
        { field: "windowEnd", code: "time_invalid" },
        { field: "cutoff.daysBefore", code: "days_before_invalid" },
        { field: "cutoff.time", code: "time_invalid" },
        { field: "capacityGrams", code: "capacity_invalid" },
      ],
    });
  });
  it("limits how early the cut-off may be and needs some capacity", () => {
    expect(resolveSlot({ ...breakfast, cutoff: { daysBefore: MAX_CUTOFF_DAYS_BEFORE, time: "14:00" } }).ok).toBe(true);
    expect(resolveSlot({ ...breakfast, cutoff: { daysBefore: MAX_CUTOFF_DAYS_BEFORE + 1, time: "14:00" } })).toMatchObject({ ok: false, issues: [{ code: "days_before_invalid" }] });
    expect(resolveSlot({ ...breakfast, capacityGrams: {} })).toMatchObject({ ok: false, issues: [{ code: "capacity_required" }] });
    expect(resolveSlot({ ...breakfast, capacityGrams: { frozen: 1.5 } })).toMatchObject({ ok: false, issues: [{ code: "capacity_invalid" }] });
    expect(resolveSlot({ ...breakfast, capacityGrams: { frozen: 100_000_001 } })).toMatchObject({ ok: false, issues: [{ code: "capacity_invalid" }] });
  });
});

describe("isOpen: orders are taken strictly before the cut-off", () => {
  it.each([
    // cut-off 14:00 Beijing on 30 Nov = 06:00 UTC
    ["2026-11-29T16:00:00Z", true], // 00:00 on 30 Nov Beijing
    ["2026-11-30T05:59:59.999Z", true], // 13:59:59.999 Beijing
    ["2026-11-30T06:00:00.000Z", false], // 14:00:00 exactly: closed
    ["2026-11-30T06:00:00.001Z", false],
    ["2026-11-30T15:59:59.999Z", false], // 23:59 Beijing
    ["2026-11-30T16:00:00Z", false], // 00:00 on the delivery day
  ])("at %s → %s", (iso, open) => {
    const { times } = resolved(breakfast);
    expect(isOpen(times, utc(iso))).toBe(open);
    expect(canBuyerChange(times, utc(iso))).toBe(open);
  });
  it("a cut-off at midnight Beijing closes at 16:00 UTC", () => {
    const slot = resolved({ ...breakfast, date: "2027-01-01", cutoff: { daysBefore: 0, time: "00:00" } }).times;
    expect(slot.cutoffAt.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(isOpen(slot, utc("2026-12-31T15:59:59.999Z"))).toBe(true); // 23:59:59.999 on 31 Dec in Beijing
    expect(isOpen(slot, utc("2026-12-31T16:00:00.000Z"))).toBe(false); // 00:00 on 1 Jan in Beijing
  });
  it("a cut-off at 23:59 the day before closes at 15:59 UTC", () => {
    const slot = resolved({ ...breakfast, cutoff: { daysBefore: 1, time: "23:59" } }).times;
    expect(isOpen(slot, utc("2026-11-30T15:58:59.999Z"))).toBe(true);
    expect(isOpen(slot, utc("2026-11-30T15:59:00Z"))).toBe(false);
  });
});

describe("the host time zone does not matter", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });
  it.each([
    ["UTC", 0],
    ["America/Los_Angeles", 480],
    ["Asia/Tokyo", -540],
    ["Pacific/Kiritimati", -840],
    ["Europe/London", 0],
  ])("TZ=%s", (tz, offsetJan) => {
    process.env.TZ = tz;
    expect(new Date("2026-01-15T00:00:00Z").getTimezoneOffset()).toBe(offsetJan); // the zone really changed
    const r = resolved(breakfast);
    expect(r.times.cutoffAt.toISOString()).toBe("2026-11-30T06:00:00.000Z");
    expect(r.times.startsAt.toISOString()).toBe("2026-11-30T20:30:00.000Z");
    expect(slotDay(r.times)).toBe("2026-12-01");
  });
});

describe("capacity by weight per temperature class", () => {
  const capacity = { ambient: 500_000, chilled: 300_000, frozen: 0 };
  it("remaining = capacity − booked, never negative", () => {
    expect(remainingCapacity(capacity, { ambient: 120_000 })).toEqual({ ambient: 380_000, chilled: 300_000, frozen: 0 });
    expect(remainingCapacity(capacity, { chilled: 400_000 })).toEqual({ ambient: 500_000, chilled: 0, frozen: 0 });
    expect(remainingCapacity({}, {})).toEqual({ ambient: 0, chilled: 0, frozen: 0 });
  });
  it("a load fits exactly up to the last gram", () => {
    expect(checkCapacity(capacity, { ambient: 499_000 }, { ambient: 1000 })).toEqual({ ok: true, remaining: { ambient: 0, chilled: 300_000, frozen: 0 } });
    expect(checkCapacity(capacity, { ambient: 499_000 }, { ambient: 1001 })).toEqual({
      ok: false,
      code: "slot_full",
      short: [{ tempClass: "ambient", requestedGrams: 1001, remainingGrams: 1000 }],
    });
  });
  it("a class the slot does not carry refuses any load of it", () => {
    expect(checkCapacity(capacity, {}, { frozen: 1 })).toMatchObject({ ok: false, short: [{ tempClass: "frozen", remainingGrams: 0 }] });
    expect(checkCapacity(capacity, {}, { frozen: 0, ambient: 10 }).ok).toBe(true);
  });
  it("names every class that is short", () => {
    const r = checkCapacity(capacity, { ambient: 500_000, chilled: 299_999 }, { ambient: 1, chilled: 2, frozen: 3 });
    expect(r.ok ? [] : r.short.map((s) => s.tempClass)).toEqual(["ambient", "chilled", "frozen"]);
  });
});

describe("checkSlotForOrder", () => {
  const slot = { ...resolved(breakfast).times, capacityGrams: { ambient: 10_000 } };
  it("refuses a closed slot before looking at capacity", () => {
    expect(checkSlotForOrder({ slot, now: utc("2026-11-30T06:00:00Z"), booked: {}, requested: { ambient: 1 } })).toEqual({ ok: false, code: "slot_closed" });
  });
  it("refuses a full slot while open", () => {
    expect(checkSlotForOrder({ slot, now: utc("2026-11-30T05:00:00Z"), booked: { ambient: 9000 }, requested: { ambient: 2000 } })).toMatchObject({ ok: false, code: "slot_full" });
  });
  it("accepts an open slot with room", () => {
    expect(checkSlotForOrder({ slot, now: utc("2026-11-30T05:00:00Z"), booked: { ambient: 9000 }, requested: { ambient: 1000 } })).toEqual({
      ok: true,
      remaining: { ambient: 0, chilled: 0, frozen: 0 },
    });
  });
});
