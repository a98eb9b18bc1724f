import { describe, expect, it } from "vitest";
import { arrivalWindow, groupStops, lineCm3, lineGrams, stopName, stopNameEn, stopWindow, totalGrams, usableCoordinates, type StopOrder } from "./stops";

const slotStart = new Date("2026-12-03T20:30:00Z"); // 04:30 Beijing on 12-04
const slotEnd = new Date("2026-12-03T23:00:00Z"); // 07:00
const point = { id: "p1", name: "北区食堂", address: "上海市杨浦区国权路 525 号", lat: 31.2989, lng: 121.5015, receivingFrom: "05:00", receivingTo: "06:30", contactName: "王师傅", contactPhone: "13800000099" };

function order(id: string, over: Partial<StopOrder> = {}): StopOrder {
  return {
    id,
    number: `HM-${id}`,
    buyerName: "复旦大学邯郸校区食堂",
    deliveryAddress: "上海市杨浦区邯郸路220号",
    lat: 31.2975,
    lng: 121.5033,
    windowStart: slotStart,
    windowEnd: slotEnd,
    point,
    lines: [{ tempClass: "chilled", quantity: 4, shippedQuantity: null, actualGrams: null, netWeightGrams: 5_000, volumeCm3: 12_000 }],
    ...over,
  };
}

describe("line loads", () => {
  it("counts shipped packs, weighed grams when weighed", () => {
    const base = { tempClass: "chilled" as const, quantity: 4, shippedQuantity: null, actualGrams: null, netWeightGrams: 5_000, volumeCm3: 12_000 };
    expect(lineGrams(base)).toBe(20_000);
    expect(lineGrams({ ...base, shippedQuantity: 3 })).toBe(15_000);
    expect(lineGrams({ ...base, shippedQuantity: 3, actualGrams: 14_620 })).toBe(14_620);
    expect(lineCm3({ ...base, shippedQuantity: 3 })).toBe(36_000);
    expect(lineCm3({ ...base, shippedQuantity: 0 })).toBe(0);
  });
});

describe("groupStops", () => {
  it("puts one point's orders in one window together and sums per class", () => {
    const a = order("a");
    const b = order("b", { lines: [{ tempClass: "frozen", quantity: 2, shippedQuantity: 2, actualGrams: null, netWeightGrams: 1_000, volumeCm3: 2_000 }] });
    const { stops, rejected } = groupStops([a, b]);
    expect(rejected).toEqual([]);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ deliveryPointId: "p1", name: "复旦大学邯郸校区食堂 北区食堂", orderIds: ["a", "b"], grams: { ambient: 0, chilled: 20_000, frozen: 2_000 }, cm3: { chilled: 48_000, frozen: 4_000 } });
    // Narrowed to the receiving hours 05:00–06:30.
    expect(stops[0].windowStart.toISOString()).toBe("2026-12-03T21:00:00.000Z");
    expect(stops[0].windowEnd.toISOString()).toBe("2026-12-03T22:30:00.000Z");
    expect(totalGrams(stops)).toEqual({ ambient: 0, chilled: 20_000, frozen: 2_000 });
  });

  it("splits by window and groups point-less orders by address and coordinates", () => {
    const later = order("c", { windowStart: new Date("2026-12-04T01:00:00Z"), windowEnd: new Date("2026-12-04T03:00:00Z") });
    const noPoint1 = order("d", { point: null });
    const noPoint2 = order("e", { point: null });
    const elsewhere = order("f", { point: null, lat: 31.23, lng: 121.47, deliveryAddress: "上海市黄浦区" });
    const { stops } = groupStops([order("a"), later, noPoint1, noPoint2, elsewhere]);
    expect(stops.map((s) => s.orderIds)).toEqual(expect.arrayContaining([["a"], ["c"], ["d", "e"], ["f"]]));
    expect(stops).toHaveLength(4);
    // The later window is served as booked (receiving hours do not overlap it).
    expect(stops.find((s) => s.orderIds[0] === "c")?.windowStart.toISOString()).toBe("2026-12-04T01:00:00.000Z");
    expect(stops.find((s) => s.orderIds[0] === "d")?.deliveryPointId).toBeNull();
  });

  it("reports an order without usable coordinates instead of planning it", () => {
    const { stops, rejected } = groupStops([order("x", { point: null, lat: 0, lng: 0 }), order("y", { point: null, lat: 121.5, lng: 31.3 })]);
    expect(stops).toEqual([]);
    expect(rejected).toEqual([
      { orderId: "x", number: "HM-x", reason: "no_coordinates" },
      { orderId: "y", number: "HM-y", reason: "no_coordinates" },
    ]);
    expect(usableCoordinates(31.2, 121.4)).toBe(true);
    expect(usableCoordinates(Number.NaN, 121.4)).toBe(false);
  });
});

describe("windows", () => {
  it("keeps the slot when the receiving hours are unreadable or outside it", () => {
    expect(stopWindow({ start: slotStart, end: slotEnd }, { receivingFrom: "bad", receivingTo: "06:00" })).toEqual({ start: slotStart, end: slotEnd });
    expect(stopWindow({ start: slotStart, end: slotEnd }, { receivingFrom: "12:00", receivingTo: "13:00" })).toEqual({ start: slotStart, end: slotEnd });
  });
  it("tells the buyer an hour starting a quarter before the planned time", () => {
    const w = arrivalWindow(new Date("2026-12-03T21:07:00Z"));
    expect(w.from.toISOString()).toBe("2026-12-03T20:45:00.000Z");
    expect(w.to.toISOString()).toBe("2026-12-03T21:45:00.000Z");
  });
});

describe("stopName", () => {
  it("names the buyer and its delivery point, once when the point carries the buyer's name", () => {
    expect(stopName("复旦大学邯郸校区食堂", "复旦大学北区食堂")).toBe("复旦大学邯郸校区食堂 复旦大学北区食堂");
    expect(stopName("上海科技大学食堂", "上海科技大学食堂")).toBe("上海科技大学食堂");
    expect(stopName("上海科技大学食堂", undefined)).toBe("上海科技大学食堂");
    expect(stopName("上海科技大学食堂", "  ")).toBe("上海科技大学食堂");
  });

  it("composes the English name from English names only, else none (the Chinese one is shown)", () => {
    expect(stopNameEn("Fudan University Handan Campus Canteens", "Fudan North Canteen")).toBe("Fudan University Handan Campus Canteens Fudan North Canteen");
    expect(stopNameEn("ShanghaiTech University Canteen", "ShanghaiTech University Canteen")).toBe("ShanghaiTech University Canteen");
    // No delivery point: the buyer's name alone.
    expect(stopNameEn("SUFE Guoding Road Campus Canteen", undefined)).toBe("SUFE Guoding Road Campus Canteen");
    // Half English, half Chinese is no English name.
    expect(stopNameEn("Fudan University Handan Campus Canteens", "")).toBe("");
    expect(stopNameEn("", "Fudan North Canteen")).toBe("");
    expect(stopNameEn("", undefined)).toBe("");
  });

  it("groupStops carries the English name of the buyer and its point", () => {
    const withEn = order("a", { buyerNameEn: "Fudan University Handan Campus Canteens", point: { ...point, nameEn: "North Canteen" } });
    expect(groupStops([withEn]).stops[0]).toMatchObject({ name: "复旦大学邯郸校区食堂 北区食堂", nameEn: "Fudan University Handan Campus Canteens North Canteen" });
    expect(groupStops([order("b", { buyerNameEn: "Fudan University Handan Campus Canteens" })]).stops[0]?.nameEn).toBe("");
  });
});
