import { describe, expect, it } from "vitest";
import { beijingClock } from "./trunk-event";
import {
  arrivesInTime,
  assignLoads,
  checkManualPlacement,
  chooseDeparture,
  gramsByClass,
  isOpenFor,
  nextDeparture,
  trunkReason,
  type DepartureSlot,
  type SellerOrderNeed,
} from "./assignment";

// Beijing 2026-12-02 is the run day: UTC+8, so 14:00 Beijing is 06:00Z.
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const NOW = at("2026-12-02", "10:00");
const W = "w-jiangqiao";

function run(
  id: string,
  overrides: Partial<DepartureSlot> = {}
): DepartureSlot {
  return {
    id,
    warehouseId: W,
    tempClass: "chilled",
    status: "scheduled",
    cutoffAt: at("2026-12-02", "12:00"),
    departsAt: at("2026-12-02", "14:00"),
    arrivesAt: at("2026-12-02", "23:30"),
    capacityGrams: 1_000_000,
    loadedGrams: 0,
    ...overrides,
  };
}
function need(
  id: string,
  overrides: Partial<SellerOrderNeed> = {}
): SellerOrderNeed {
  return {
    sellerOrderId: id,
    warehouseId: W,
    slotStartsAt: at("2026-12-03", "05:00"),
    readyAt: at("2026-12-02", "09:00"),
    grams: { chilled: 100_000 },
    loadedClasses: [],
    ...overrides,
  };
}

describe("isOpenFor / arrivesInTime", () => {
  it("takes goods until the cut-off, judged at the order's readiness", () => {
    const d = run("a");
    expect(isOpenFor(d, at("2026-12-02", "11:59"), NOW)).toBe(true);
    expect(isOpenFor(d, at("2026-12-02", "12:00"), NOW)).toBe(true);
    expect(isOpenFor(d, at("2026-12-02", "12:01"), NOW)).toBe(false);
    // Confirmed 11:55, the job runs at 12:05: still on the 12:00 cut-off run.
    expect(
      isOpenFor(d, at("2026-12-02", "11:55"), at("2026-12-02", "12:05"))
    ).toBe(true);
    // Without a confirmation time, now decides.
    expect(isOpenFor(d, null, at("2026-12-02", "12:05"))).toBe(false);
  });
  it("never takes goods once the run has left or is not scheduled", () => {
    expect(
      isOpenFor(run("a"), at("2026-12-02", "09:00"), at("2026-12-02", "14:00"))
    ).toBe(false);
    expect(isOpenFor(run("a", { status: "departed" }), null, NOW)).toBe(false);
    expect(isOpenFor(run("a", { status: "cancelled" }), null, NOW)).toBe(false);
  });
  it("needs the margin before the slot starts", () => {
    const d = run("a");
    expect(arrivesInTime(d, at("2026-12-03", "01:30"))).toBe(true);
    expect(arrivesInTime(d, at("2026-12-03", "01:29"))).toBe(false);
    expect(arrivesInTime(d, at("2026-12-03", "00:00"), 30 * 60_000)).toBe(true);
  });
});

describe("chooseDeparture", () => {
  it("picks the earliest open run of the class to the warehouse", () => {
    const runs = [
      run("late", {
        departsAt: at("2026-12-02", "20:00"),
        cutoffAt: at("2026-12-02", "18:00"),
        arrivesAt: at("2026-12-03", "02:00"),
      }),
      run("early"),
      run("frozen", {
        tempClass: "frozen",
        departsAt: at("2026-12-02", "08:00"),
      }),
      run("other", { warehouseId: "w2", departsAt: at("2026-12-02", "11:00") }),
    ];
    const c = chooseDeparture(runs, need("s"), "chilled", 100_000, {
      now: NOW,
    });
    expect(c).toMatchObject({ ok: true, departure: { id: "early" } });
  });
  it("says why there is none: no run, too late, full", () => {
    expect(chooseDeparture([], need("s"), "chilled", 1, { now: NOW })).toEqual({
      ok: false,
      reason: "no_departure",
    });
    expect(
      chooseDeparture(
        [run("a", { tempClass: "frozen" })],
        need("s"),
        "chilled",
        1,
        { now: NOW }
      )
    ).toEqual({ ok: false, reason: "no_departure" });
    expect(
      chooseDeparture(
        [run("a")],
        need("s", { slotStartsAt: at("2026-12-03", "00:30") }),
        "chilled",
        1,
        { now: NOW }
      )
    ).toEqual({ ok: false, reason: "too_late" });
    expect(
      chooseDeparture(
        [run("a", { loadedGrams: 950_000 })],
        need("s"),
        "chilled",
        100_000,
        { now: NOW }
      )
    ).toEqual({ ok: false, reason: "full" });
    // Exactly full is fine.
    expect(
      chooseDeparture(
        [run("a", { loadedGrams: 900_000 })],
        need("s"),
        "chilled",
        100_000,
        { now: NOW }
      ).ok
    ).toBe(true);
  });
  it("falls through to a later run with room that still arrives in time", () => {
    const runs = [
      run("a", { loadedGrams: 990_000 }),
      run("b", {
        departsAt: at("2026-12-02", "16:00"),
        arrivesAt: at("2026-12-03", "01:30"),
      }),
    ];
    expect(
      chooseDeparture(runs, need("s"), "chilled", 100_000, { now: NOW })
    ).toMatchObject({ ok: true, departure: { id: "b" } });
  });
});

describe("assignLoads", () => {
  it("places each class on its own run and counts what it placed against capacity", () => {
    const runs = [
      run("c", { capacityGrams: 150_000 }),
      run("f", { tempClass: "frozen" }),
      run("c2", {
        departsAt: at("2026-12-02", "15:00"),
        arrivesAt: at("2026-12-03", "00:30"),
      }),
    ];
    const { assignments, unassigned } = assignLoads(
      runs,
      [
        need("s1", { grams: { chilled: 100_000, frozen: 20_000 } }),
        need("s2", { slotStartsAt: at("2026-12-03", "08:00") }),
      ],
      { now: NOW }
    );
    expect(assignments).toEqual([
      {
        sellerOrderId: "s1",
        tempClass: "chilled",
        departureId: "c",
        grams: 100_000,
      },
      {
        sellerOrderId: "s1",
        tempClass: "frozen",
        departureId: "f",
        grams: 20_000,
      },
      {
        sellerOrderId: "s2",
        tempClass: "chilled",
        departureId: "c2",
        grams: 100_000,
      },
    ]);
    expect(unassigned).toEqual([]);
    // The input is not changed.
    expect(runs[0]!.loadedGrams).toBe(0);
  });
  it("serves the soonest slot first whatever the input order", () => {
    const runs = [run("c", { capacityGrams: 100_000 })];
    const { assignments, unassigned } = assignLoads(
      runs,
      [
        need("later", { slotStartsAt: at("2026-12-03", "09:00") }),
        need("sooner"),
      ],
      { now: NOW }
    );
    expect(assignments.map((a) => a.sellerOrderId)).toEqual(["sooner"]);
    expect(unassigned).toEqual([
      {
        sellerOrderId: "later",
        tempClass: "chilled",
        grams: 100_000,
        reason: "full",
      },
    ]);
  });
  it("keeps loads already placed and skips empty classes", () => {
    const { assignments, unassigned } = assignLoads(
      [run("c")],
      [
        need("s", { loadedClasses: ["chilled"] }),
        need("t", { grams: { chilled: 0, ambient: 0 } }),
      ],
      { now: NOW }
    );
    expect(assignments).toEqual([]);
    expect(unassigned).toEqual([]);
  });
  it("gives the same answer on every run", () => {
    const runs = [run("a"), run("b", { departsAt: at("2026-12-02", "14:00") })];
    const needs = [need("x"), need("y")];
    expect(assignLoads(runs, needs, { now: NOW })).toEqual(
      assignLoads([...runs].reverse(), [...needs].reverse(), { now: NOW })
    );
  });
});

describe("nextDeparture", () => {
  it("finds the next scheduled run of the class with room after the one leaving", () => {
    const from = run("now");
    const runs = [
      from,
      run("full", {
        departsAt: at("2026-12-03", "14:00"),
        loadedGrams: 1_000_000,
      }),
      run("next", { departsAt: at("2026-12-04", "14:00") }),
      run("frozen", {
        tempClass: "frozen",
        departsAt: at("2026-12-03", "14:00"),
      }),
    ];
    expect(nextDeparture(runs, from, 10, NOW)?.id).toBe("next");
    expect(nextDeparture([from], from, 10, NOW)).toBeNull();
  });
});

describe("checkManualPlacement", () => {
  const load = {
    warehouseId: W,
    tempClass: "chilled" as const,
    grams: 100_000,
    alreadyOnTarget: false,
  };
  it("refuses another warehouse, class, a run that left, and no room", () => {
    expect(checkManualPlacement(run("a", { warehouseId: "w2" }), load)).toBe(
      "wrong_warehouse"
    );
    expect(checkManualPlacement(run("a", { tempClass: "frozen" }), load)).toBe(
      "wrong_class"
    );
    expect(checkManualPlacement(run("a", { status: "departed" }), load)).toBe(
      "not_scheduled"
    );
    expect(checkManualPlacement(run("a", { loadedGrams: 950_000 }), load)).toBe(
      "full"
    );
    expect(
      checkManualPlacement(run("a", { loadedGrams: 900_000 }), load)
    ).toBeNull();
    // Re-placing a load on the run it is on does not count it twice.
    expect(
      checkManualPlacement(run("a", { loadedGrams: 1_000_000 }), {
        ...load,
        alreadyOnTarget: true,
      })
    ).toBeNull();
  });
});

describe("gramsByClass", () => {
  it("uses weighed grams, else shipped packs × net weight", () => {
    expect(
      gramsByClass([
        {
          tempClass: "chilled",
          quantity: 4,
          shippedQuantity: 3,
          netWeightGrams: 5_000,
          weightGrams: 20_000,
          actualGrams: null,
        },
        {
          tempClass: "chilled",
          quantity: 2,
          shippedQuantity: 2,
          netWeightGrams: 5_000,
          weightGrams: 10_000,
          actualGrams: 10_350,
        },
        {
          tempClass: "ambient",
          quantity: 10,
          shippedQuantity: null,
          netWeightGrams: 0,
          weightGrams: 5_000,
          actualGrams: null,
        },
        {
          tempClass: "frozen",
          quantity: 3,
          shippedQuantity: 0,
          netWeightGrams: 1_000,
          weightGrams: 3_000,
          actualGrams: null,
        },
      ])
    ).toEqual({ chilled: 25_350, ambient: 5_000 });
  });
});

describe("trunkReason", () => {
  it("says the plate, time and class in Beijing time", () => {
    const d = {
      vehiclePlate: "闽G·12345",
      tempClass: "chilled" as const,
      departsAt: at("2026-12-02", "14:00"),
      arrivesAt: at("2026-12-02", "23:30"),
    };
    expect(beijingClock(d.departsAt)).toBe("14:00");
    expect(trunkReason("depart", d)).toBe(
      "班次 闽G·12345 12-02 14:00 发车 · 冷藏"
    );
    expect(trunkReason("assign", d, { manual: true })).toBe(
      "班次 闽G·12345 12-02 14:00 发车 · 冷藏（人工调整）"
    );
    expect(trunkReason("arrive", d, { warehouseName: "江桥仓" })).toBe(
      "班次 闽G·12345 12-02 23:30 到达 江桥仓 · 冷藏"
    );
  });
});
