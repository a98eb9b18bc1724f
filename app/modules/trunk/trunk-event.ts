/**
 * A trunk event on an order's timeline (trunk_assign, trunk_depart, trunk_arrive) read back from its details, so
 * the page words it in the reader's language; the Chinese text stored with the event stays as the fallback for
 * rows written before their details held these facts. Pure, and small enough for the order pages' bundle.
 */

export type TrunkEventTemp = "ambient" | "chilled" | "frozen";

/** What a trunk event says: which run, when, how it came about, and (arrival) where. */
export interface TrunkEventFacts {
  kind: "assign" | "depart" | "arrive";
  plate: string;
  tempClass: TrunkEventTemp;
  /** assign: when the run departs; depart: when it left; arrive: when it arrived (ISO). */
  at: string;
  /** An operator moved the load by hand. */
  manual: boolean;
  /** Moved to a later run because the seller order was not packed in time. */
  notPacked: boolean;
  warehouseName: string;
  warehouseNameEn: string;
}

const KINDS = { trunk_assign: "assign", trunk_depart: "depart", trunk_arrive: "arrive" } as const;
const TEMPS: readonly string[] = ["ambient", "chilled", "frozen"];

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const instant = (v: unknown): string | null => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? v : null);

/** The facts of a trunk event from its details; null for other events, or details without them. */
export function trunkEventFacts(event: string, details: unknown): TrunkEventFacts | null {
  const kind = KINDS[event as keyof typeof KINDS];
  if (!kind || !details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  const tempClass = text(d.tempClass);
  const at = instant(kind === "assign" ? d.departsAt : kind === "depart" ? (d.departedAt ?? d.departsAt) : (d.arrivedAt ?? d.arrivesAt));
  if (!TEMPS.includes(tempClass) || !at) return null;
  return {
    kind,
    plate: text(d.vehiclePlate).trim() || "—",
    tempClass: tempClass as TrunkEventTemp,
    at,
    manual: d.manual === true,
    notPacked: d.notPacked === true,
    warehouseName: text(d.warehouseName),
    warehouseNameEn: text(d.warehouseNameEn),
  };
}

/** Hours and minutes in Beijing time ("14:00"), for the reasons written on the timeline. */
export function beijingClock(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3_600_000);
  return `${String(shifted.getUTCHours()).padStart(2, "0")}:${String(shifted.getUTCMinutes()).padStart(2, "0")}`;
}

/** Month and day in Beijing time ("12-02"). */
export function beijingMonthDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(5, 10);
}
