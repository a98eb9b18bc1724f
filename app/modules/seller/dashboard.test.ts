import { describe, expect, it } from "vitest";
import { groupByDeliveryDay, lastWeekStarts, shanghaiDateKey, shanghaiWeekStart, weekIndex, weeklySales } from "./dashboard";

/** An instant given as Beijing wall-clock time. */
const bj = (iso: string) => new Date(`${iso}+08:00`);

describe("shanghaiWeekStart", () => {
  it("is Monday 00:00 Beijing time (Sunday 16:00 UTC)", () => {
    // Wednesday 2 December 2026, noon in Beijing.
    expect(shanghaiWeekStart(bj("2026-12-02T12:00:00")).toISOString()).toBe("2026-11-29T16:00:00.000Z");
    expect(shanghaiWeekStart(bj("2026-12-02T12:00:00"))).toEqual(bj("2026-11-30T00:00:00"));
  });

  it("puts Monday 00:00 in the new week and Sunday 23:59:59.999 in the old one", () => {
    expect(shanghaiWeekStart(bj("2026-11-30T00:00:00"))).toEqual(bj("2026-11-30T00:00:00"));
    expect(shanghaiWeekStart(bj("2026-11-29T23:59:59.999"))).toEqual(bj("2026-11-23T00:00:00"));
  });

  it("uses Beijing dates, not UTC ones, around midnight", () => {
    // 01:30 Monday in Beijing is still Sunday 17:30 in UTC: the Beijing week has begun.
    const mondayEarly = bj("2026-11-30T01:30:00");
    expect(mondayEarly.getUTCDay()).toBe(0);
    expect(shanghaiWeekStart(mondayEarly)).toEqual(bj("2026-11-30T00:00:00"));
    // 23:30 Sunday in Beijing is 15:30 Sunday UTC: still the old week.
    expect(shanghaiWeekStart(bj("2026-11-29T23:30:00"))).toEqual(bj("2026-11-23T00:00:00"));
    // 07:59 Monday in Beijing is 23:59 Sunday UTC.
    expect(shanghaiWeekStart(new Date("2026-11-29T23:59:00Z"))).toEqual(bj("2026-11-30T00:00:00"));
  });

  it("agrees with Intl's Asia/Shanghai weekday for every hour of a fortnight", () => {
    const weekday = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", weekday: "short", hour: "numeric", hourCycle: "h23" });
    for (let h = 0; h < 14 * 24; h++) {
      const at = new Date(Date.UTC(2026, 10, 20, 0, 30) + h * 3_600_000);
      const start = shanghaiWeekStart(at);
      const parts = weekday.formatToParts(start);
      expect(parts.find((p) => p.type === "weekday")?.value, at.toISOString()).toBe("Mon");
      expect(Number(parts.find((p) => p.type === "hour")?.value)).toBe(0);
      expect(at.getTime() - start.getTime()).toBeGreaterThanOrEqual(0);
      expect(at.getTime() - start.getTime()).toBeLessThan(7 * 86_400_000);
    }
  });

  it("crosses months and years", () => {
    expect(shanghaiWeekStart(bj("2027-01-01T09:00:00"))).toEqual(bj("2026-12-28T00:00:00"));
    expect(shanghaiWeekStart(bj("2026-03-01T00:00:00"))).toEqual(bj("2026-02-23T00:00:00"));
  });
});

describe("lastWeekStarts and weekIndex", () => {
  const now = bj("2026-12-02T12:00:00");
  const weeks = lastWeekStarts(now, 8);

  it("gives 8 consecutive Mondays ending with this week's", () => {
    expect(weeks).toHaveLength(8);
    expect(weeks[7]).toEqual(bj("2026-11-30T00:00:00"));
    expect(weeks[0]).toEqual(bj("2026-10-12T00:00:00"));
    for (let i = 1; i < 8; i++) expect(weeks[i].getTime() - weeks[i - 1].getTime()).toBe(7 * 86_400_000);
  });

  it("places instants in their week, and outside ones nowhere", () => {
    expect(weekIndex(bj("2026-11-30T00:00:00"), weeks)).toBe(7);
    expect(weekIndex(bj("2026-11-29T23:59:59"), weeks)).toBe(6);
    expect(weekIndex(bj("2026-10-12T00:00:00"), weeks)).toBe(0);
    expect(weekIndex(bj("2026-10-11T23:59:59"), weeks)).toBe(-1);
    expect(weekIndex(bj("2026-12-07T00:00:00"), weeks)).toBe(-1);
    expect(weekIndex(now, [])).toBe(-1);
  });
});

describe("shanghaiDateKey", () => {
  it("is the Beijing calendar date", () => {
    expect(shanghaiDateKey(new Date("2026-11-29T16:00:00Z"))).toBe("2026-11-30");
    expect(shanghaiDateKey(new Date("2026-11-29T15:59:59Z"))).toBe("2026-11-29");
  });
});

describe("weeklySales", () => {
  const weeks = lastWeekStarts(bj("2026-12-02T12:00:00"), 8);
  const row = (productId: string, at: string, fen: number) => ({ productId, placedAt: bj(at), lineTotalFen: fen });

  it("sums each product's lines per week", () => {
    const r = weeklySales(
      [row("p1", "2026-11-30T00:00:00", 1000), row("p1", "2026-11-29T23:59:00", 500), row("p1", "2026-12-01T09:00:00", 250), row("p2", "2026-10-12T08:00:00", 700)],
      weeks,
    );
    expect(r.series).toEqual([
      { productId: "p1", totalFen: 1750, weekly: [0, 0, 0, 0, 0, 0, 500, 1250] },
      { productId: "p2", totalFen: 700, weekly: [700, 0, 0, 0, 0, 0, 0, 0] },
    ]);
    expect(r.totalFen).toBe(2450);
  });

  it("keeps the top five by revenue, ties by id, and ignores sales outside the weeks", () => {
    const rows = [
      row("a", "2026-11-02T10:00:00", 100),
      row("b", "2026-11-02T10:00:00", 600),
      row("c", "2026-11-02T10:00:00", 300),
      row("d", "2026-11-02T10:00:00", 300),
      row("e", "2026-11-02T10:00:00", 500),
      row("f", "2026-11-02T10:00:00", 400),
      row("a", "2026-10-11T23:00:00", 99_999), // the week before the chart
    ];
    const r = weeklySales(rows, weeks);
    expect(r.series.map((s) => s.productId)).toEqual(["b", "e", "f", "c", "d"]);
    expect(r.totalFen).toBe(2100);
    expect(r.allFen).toBe(2200);
    expect(weeklySales(rows, weeks, 2).series.map((s) => s.productId)).toEqual(["b", "e"]);
  });

  it("gives no series without sales", () => {
    expect(weeklySales([], weeks)).toEqual({ series: [], totalFen: 0, allFen: 0 });
  });
});

describe("groupByDeliveryDay", () => {
  it("groups by the Beijing date of the slot, in date order, orders without a slot last", () => {
    const o = (id: string, slot: string | null, placed = "2026-11-28T10:00:00") => ({ id, slotStartsAt: slot ? bj(slot) : null, placedAt: bj(placed) });
    const groups = groupByDeliveryDay([
      o("late", "2026-12-01T14:00:00"),
      o("none", null),
      o("early-morning", "2026-12-01T05:00:00"),
      o("next", "2026-12-02T00:30:00"),
      o("same-slot-later", "2026-12-01T05:00:00", "2026-11-28T11:00:00"),
      o("prev", "2026-11-30T23:30:00"),
    ]);
    expect(groups.map((g) => [g.day, g.orders.map((x) => x.id)])).toEqual([
      ["2026-11-30", ["prev"]],
      ["2026-12-01", ["early-morning", "same-slot-later", "late"]],
      ["2026-12-02", ["next"]],
      [null, ["none"]],
    ]);
  });
});
