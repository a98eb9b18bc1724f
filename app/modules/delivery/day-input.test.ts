import { describe, expect, it } from "vitest";
import { validateDay } from "~/modules/logistics/day";
import { planDay } from "~/modules/logistics/plan";
import { buildDay, clockOn, dayStart, readableMessage, rowsOf, solveResultOf, usableVans, type DayStopFacts, type DayVanFacts } from "./day-input";
import { affectedVans, SHANGHAI_ZONES, zoneName } from "./zones";

const DATE = "2026-12-04";
const warehouse = { id: "11111111-1111-4111-8111-111111111111", name: "江桥冷链仓", address: "上海市嘉定区江桥镇华江路", lat: 31.2475, lng: 121.304 };
const van = (id: string, over: Partial<DayVanFacts> = {}): DayVanFacts => ({
  id,
  plate: `沪A·${id.slice(0, 4)}`,
  tempClasses: ["chilled", "ambient"],
  payloadGrams: 1_200_000,
  volumeLitres: 8_000,
  active: true,
  restricted: false,
  zonePermits: [],
  driver: { id: `d-${id}`, displayName: "张师傅" },
  ...over,
});
const at = (hhmm: string) => new Date(dayStart(DATE).getTime() + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000);
const stop = (id: string, lat: number, lng: number, over: Partial<DayStopFacts> = {}): DayStopFacts => ({
  id,
  name: `站点 ${id}`,
  address: "上海市",
  lat,
  lng,
  windowStart: at("05:00"),
  windowEnd: at("09:00"),
  grams: { ambient: 10_000, chilled: 50_000, frozen: 0 },
  cm3: { ambient: 20_000, chilled: 100_000, frozen: 0 },
  lockedVanId: null,
  sequenceLocked: false,
  sequence: 0,
  ...over,
});

describe("zones", () => {
  it("keeps restricted vans out of the inner ring unless they hold the permit; the core applies to all", () => {
    const vans = [van("v1", { restricted: true }), van("v2", { restricted: true, zonePermits: ["inner_ring"] }), van("v3")];
    const inner = SHANGHAI_ZONES.find((z) => z.permit === "inner_ring")!;
    const core = SHANGHAI_ZONES.find((z) => z.permit === "bund_core")!;
    expect(affectedVans(inner, vans)).toEqual(["v1"]);
    expect(affectedVans(core, vans)).toEqual(["v1", "v2", "v3"]);
  });
});

describe("buildDay", () => {
  it("leaves out vans without a driver or inactive, and says why", () => {
    const { usable, excluded } = usableVans([van("v1"), van("v2", { driver: null }), van("v3", { active: false })]);
    expect(usable.map((v) => v.id)).toEqual(["v1"]);
    expect(excluded.map((e) => [e.id, e.reason])).toEqual([
      ["v2", "no_driver"],
      ["v3", "inactive"],
    ]);
  });

  it("produces a valid day (clocks on the service day, loads per class, zones with van lists)", () => {
    const { day, excluded } = buildDay({ serviceDate: DATE, warehouse, vans: [van("v1", { restricted: true }), van("v2", { driver: null })], stops: [stop("s1", 31.2989, 121.5015)] });
    expect(excluded).toHaveLength(1);
    const parsed = validateDay(day);
    expect(parsed.stops[0].window).toEqual({ from: 5 * 3600, to: 9 * 3600 });
    expect(parsed.stops[0].loads.map((l) => [l.class, l.weight, l.volume])).toEqual([
      ["ambient", 10_000, 20_000],
      ["chilled", 50_000, 100_000],
    ]);
    expect(parsed.vans.map((v) => v.id)).toEqual(["v1"]);
    expect(parsed.zones.map((z) => [z.name, z.affects])).toEqual([
      ["inner_ring", ["v1"]],
      ["bund_core", ["v1"]],
    ]);
  });

  it("maps locks to lockedVan and sequence locks to the van's fixedSequence; a lock to a van left out is dropped", () => {
    const { day, droppedLocks } = buildDay({
      serviceDate: DATE,
      warehouse,
      vans: [van("v1"), van("v2", { driver: null })],
      stops: [stop("s1", 31.29, 121.5, { lockedVanId: "v1", sequenceLocked: true, sequence: 2 }), stop("s2", 31.28, 121.45, { lockedVanId: "v1", sequenceLocked: true, sequence: 1 }), stop("s3", 31.2, 121.4, { lockedVanId: "v2" })],
    });
    const raw = day as unknown as { stops: { id: string; lockedVan?: string }[]; vans: { id: string; fixedSequence?: string[] }[] };
    expect(raw.stops.map((s) => s.lockedVan)).toEqual(["v1", "v1", undefined]);
    expect(raw.vans[0].fixedSequence).toEqual(["s2", "s1"]);
    expect(droppedLocks).toEqual(["s3"]);
  });

  it("clamps clocks to the day", () => {
    expect(clockOn(DATE, new Date(dayStart(DATE).getTime() - 60_000))).toBe("00:00");
    expect(clockOn(DATE, new Date(dayStart(DATE).getTime() + 86_400_000 + 60_000), true)).toBe("24:00");
    expect(clockOn(DATE, new Date(dayStart(DATE).getTime() + 90_500), true)).toBe("00:02");
  });
});

describe("solve result → rows", () => {
  it("plans a small day and maps it back to routes and stops", async () => {
    const vans = [van("v1")];
    const { day } = buildDay({
      serviceDate: DATE,
      warehouse,
      vans,
      stops: [stop("s1", 31.2989, 121.5015), stop("s2", 31.2304, 121.4737), stop("s3", 31.3, 121.5, { grams: { ambient: 0, chilled: 5_000_000, frozen: 0 } })],
    });
    const { plan, dayProblem, solution } = await planDay(validateDay(day), { timeLimitMs: 1000, maxIterations: 200, seed: 1 });
    const result = solveResultOf(dayProblem, solution, plan);
    expect(result.routes).toHaveLength(1);
    expect(result.routes[0].stops.map((s) => s.stopId).sort()).toEqual(["s1", "s2"]);
    expect(result.unassigned).toEqual([expect.objectContaining({ stopId: "s3", reason: "capacity" })]);
    const rows = rowsOf(DATE, JSON.parse(JSON.stringify(result)), vans);
    expect(rows.routes[0]).toMatchObject({ vehicleId: "v1", driverId: "d-v1", position: 0 });
    const placed = rows.stops.filter((s) => s.vehicleId !== null);
    expect(placed.map((s) => s.sequence)).toEqual([1, 2]);
    for (const p of placed) if (p.vehicleId) expect(p.etaAt.getTime()).toBeGreaterThanOrEqual(at("05:00").getTime());
    const left = rows.stops.find((s) => s.stopId === "s3");
    expect(left && left.vehicleId === null ? left.message : "").not.toContain('"s3"');
  });

  it("words messages with plates, not ids", () => {
    expect(readableMessage('stop "s9" 站点: van v1 leaves at 05:00', "s9", [{ id: "v1", plate: "沪A·K3920" }])).toBe("站点: van 沪A·K3920 leaves at 05:00");
  });
});

describe("zoneName", () => {
  it("names a permit's zone in the interface's language; an unknown permit as it is", () => {
    expect(zoneName("inner_ring", "zh")).toBe("内环以内货车限行");
    expect(zoneName("inner_ring", "en")).toBe("Inner Ring truck restriction");
    expect(zoneName("bund_core", "en")).toBe("Bund / Nanjing Road core, peak hours");
    expect(zoneName("hongqiao_hub", "en")).toBe("hongqiao_hub");
  });
});
