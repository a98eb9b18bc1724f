import { describe, expect, it } from "vitest";
import { beijingClock, beijingMonthDay, trunkEventFacts } from "./trunk-event";

describe("trunkEventFacts", () => {
  it("reads each trunk event's run, time and circumstances from its details", () => {
    const run = { departureId: "d1", vehiclePlate: "闽G·30001", tempClass: "chilled", grams: 12_000 };
    expect(trunkEventFacts("trunk_assign", { ...run, departsAt: "2026-12-02T06:00:00.000Z", manual: false })).toMatchObject({ kind: "assign", plate: "闽G·30001", tempClass: "chilled", at: "2026-12-02T06:00:00.000Z", manual: false, notPacked: false });
    expect(trunkEventFacts("trunk_assign", { ...run, departsAt: "2026-12-02T06:00:00.000Z", manual: true })?.manual).toBe(true);
    expect(trunkEventFacts("trunk_assign", { ...run, departsAt: "2026-12-03T06:00:00.000Z", notPacked: true })?.notPacked).toBe(true);
    expect(trunkEventFacts("trunk_depart", { ...run, departedAt: "2026-12-02T06:05:00.000Z" })?.at).toBe("2026-12-02T06:05:00.000Z");
    expect(trunkEventFacts("trunk_arrive", { ...run, arrivedAt: "2026-12-02T15:30:00.000Z", warehouseName: "沪明直供 江桥冷链仓", warehouseNameEn: "Huming Direct Jiangqiao cold-chain warehouse" })).toMatchObject({
      kind: "arrive",
      at: "2026-12-02T15:30:00.000Z",
      warehouseName: "沪明直供 江桥冷链仓",
      warehouseNameEn: "Huming Direct Jiangqiao cold-chain warehouse",
    });
    // A run without a plate yet.
    expect(trunkEventFacts("trunk_depart", { ...run, vehiclePlate: " ", departedAt: "2026-12-02T06:05:00.000Z" })?.plate).toBe("—");
  });

  it("gives nothing for other events and for details that lack the facts (older rows keep their stored text)", () => {
    expect(trunkEventFacts("confirm", { tempClass: "chilled", departsAt: "2026-12-02T06:00:00.000Z" })).toBeNull();
    expect(trunkEventFacts("trunk_assign", null)).toBeNull();
    expect(trunkEventFacts("trunk_assign", { vehiclePlate: "闽G·30001", tempClass: "chilled" })).toBeNull();
    expect(trunkEventFacts("trunk_depart", { vehiclePlate: "闽G·30001", tempClass: "warm", departedAt: "2026-12-02T06:05:00.000Z" })).toBeNull();
    expect(trunkEventFacts("trunk_arrive", { vehiclePlate: "闽G·30001", tempClass: "frozen", arrivedAt: "yesterday" })).toBeNull();
  });
});

describe("Beijing time on the timeline", () => {
  it("writes month-day and hours in Beijing time across the UTC midnight", () => {
    const at = new Date("2026-12-02T16:30:00Z"); // 00:30 on 12-03 in Beijing
    expect(beijingMonthDay(at)).toBe("12-03");
    expect(beijingClock(at)).toBe("00:30");
  });
});
