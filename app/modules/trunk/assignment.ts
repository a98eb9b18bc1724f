/**
 * Which trunk departure (Sanming → a Shanghai warehouse) carries which part of a seller order. A seller order's
 * goods ride per temperature class: its chilled lines on a chilled run, its frozen lines on a frozen run. Each
 * class load goes to the EARLIEST open departure of that class to the warehouse of the order's slot that
 *
 *   - is still scheduled and leaves after now,
 *   - had not closed when the seller order was ready (its confirmation, else now): cut-off ≥ ready time, so an
 *     order confirmed at 11:55 still makes a 12:00 cut-off when the 10-minute job runs at 12:05,
 *   - arrives at least `marginMs` before the slot starts (the warehouse has to receive and load the vans),
 *   - has room left for the whole load (loads are not split).
 *
 * Loads already placed (by the job or by hand) are kept as they are: a second run changes nothing. What cannot
 * be placed is reported with the reason an operator can act on: no run at all, runs full, or runs too late.
 * Pure: plain data in, plain data out.
 */
import { beijingClock, beijingMonthDay } from "./trunk-event";

export const TRUNK_TEMP_CLASSES = ["chilled", "frozen", "ambient"] as const;
export type TrunkTempClass = (typeof TRUNK_TEMP_CLASSES)[number];

/** Default time between a run's arrival and the slot's start: receiving, sorting and loading the city vans. */
export const ARRIVAL_MARGIN_MS = 2 * 3_600_000;

export interface DepartureSlot {
  id: string;
  warehouseId: string;
  tempClass: TrunkTempClass;
  status: "scheduled" | "departed" | "arrived" | "cancelled";
  cutoffAt: Date;
  departsAt: Date;
  arrivesAt: Date;
  capacityGrams: number;
  /** Grams already on it. */
  loadedGrams: number;
}

export interface SellerOrderNeed {
  sellerOrderId: string;
  /** The warehouse of the order's slot. */
  warehouseId: string;
  slotStartsAt: Date;
  /** When the seller confirmed it; null: unknown (now is used). */
  readyAt: Date | null;
  /** Grams of its shipped packs per temperature class (classes with 0 grams need no run). */
  grams: Partial<Record<TrunkTempClass, number>>;
  /** Classes that already have a load (kept whatever the rules would say now). */
  loadedClasses: readonly TrunkTempClass[];
}

export type UnassignedReason = "no_departure" | "full" | "too_late";

export interface Assignment {
  sellerOrderId: string;
  tempClass: TrunkTempClass;
  departureId: string;
  grams: number;
}

export interface Unassigned {
  sellerOrderId: string;
  tempClass: TrunkTempClass;
  grams: number;
  reason: UnassignedReason;
}

export interface AssignOptions {
  now: Date;
  marginMs?: number;
}

/** Whether a departure can still take goods at `now` from an order ready at `readyAt` (ignoring arrival and room). */
export function isOpenFor(
  d: Pick<DepartureSlot, "status" | "cutoffAt" | "departsAt">,
  readyAt: Date | null,
  now: Date
): boolean {
  const ready = readyAt ?? now;
  return (
    d.status === "scheduled" &&
    d.departsAt.getTime() > now.getTime() &&
    d.cutoffAt.getTime() >= ready.getTime()
  );
}

/** Whether a departure arrives early enough for a slot starting at `slotStartsAt`. */
export function arrivesInTime(
  d: Pick<DepartureSlot, "arrivesAt">,
  slotStartsAt: Date,
  marginMs = ARRIVAL_MARGIN_MS
): boolean {
  return d.arrivesAt.getTime() + marginMs <= slotStartsAt.getTime();
}

const byDeparture = (a: DepartureSlot, b: DepartureSlot) =>
  a.departsAt.getTime() - b.departsAt.getTime() || a.id.localeCompare(b.id);
const byNeed = (a: SellerOrderNeed, b: SellerOrderNeed) =>
  a.slotStartsAt.getTime() - b.slotStartsAt.getTime() ||
  (a.readyAt?.getTime() ?? 0) - (b.readyAt?.getTime() ?? 0) ||
  a.sellerOrderId.localeCompare(b.sellerOrderId);

/** The earliest departure for one class load, or why there is none. */
export function chooseDeparture(
  departures: readonly DepartureSlot[],
  need: Pick<SellerOrderNeed, "warehouseId" | "slotStartsAt" | "readyAt">,
  tempClass: TrunkTempClass,
  grams: number,
  options: AssignOptions
):
  | { ok: true; departure: DepartureSlot }
  | { ok: false; reason: UnassignedReason } {
  const open = departures
    .filter(
      (d) =>
        d.warehouseId === need.warehouseId &&
        d.tempClass === tempClass &&
        isOpenFor(d, need.readyAt, options.now)
    )
    .sort(byDeparture);
  if (open.length === 0) return { ok: false, reason: "no_departure" };
  const inTime = open.filter((d) =>
    arrivesInTime(d, need.slotStartsAt, options.marginMs)
  );
  if (inTime.length === 0) return { ok: false, reason: "too_late" };
  const roomy = inTime.find((d) => d.loadedGrams + grams <= d.capacityGrams);
  return roomy ? { ok: true, departure: roomy } : { ok: false, reason: "full" };
}

/**
 * Places every unplaced class load of the seller orders, soonest slot first (then earliest ready, then id, so
 * the answer is the same on every run). The departures' loaded grams in the input are not changed.
 */
export function assignLoads(
  departures: readonly DepartureSlot[],
  needs: readonly SellerOrderNeed[],
  options: AssignOptions
): { assignments: Assignment[]; unassigned: Unassigned[] } {
  const working = departures.map((d) => ({ ...d }));
  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];
  for (const need of [...needs].sort(byNeed)) {
    for (const tempClass of TRUNK_TEMP_CLASSES) {
      const grams = need.grams[tempClass] ?? 0;
      if (grams <= 0 || need.loadedClasses.includes(tempClass)) continue;
      const choice = chooseDeparture(working, need, tempClass, grams, options);
      if (!choice.ok) {
        unassigned.push({
          sellerOrderId: need.sellerOrderId,
          tempClass,
          grams,
          reason: choice.reason,
        });
        continue;
      }
      choice.departure.loadedGrams += grams;
      assignments.push({
        sellerOrderId: need.sellerOrderId,
        tempClass,
        departureId: choice.departure.id,
        grams,
      });
    }
  }
  return { assignments, unassigned };
}

/**
 * The run a load moves to when its departure leaves without it (the seller order was not packed in time): the
 * next scheduled departure of the same class to the same warehouse with room, leaving after `after`. Arrival is
 * not required to be in time: a late run is better than none, and the operator sees it.
 */
export function nextDeparture<D extends DepartureSlot>(
  departures: readonly D[],
  from: Pick<DepartureSlot, "id" | "warehouseId" | "tempClass" | "departsAt">,
  grams: number,
  now: Date
): D | null {
  return (
    departures
      .filter(
        (d) =>
          d.id !== from.id &&
          d.warehouseId === from.warehouseId &&
          d.tempClass === from.tempClass &&
          d.status === "scheduled"
      )
      .filter(
        (d) =>
          d.departsAt.getTime() >
            Math.max(from.departsAt.getTime(), now.getTime()) &&
          d.loadedGrams + grams <= d.capacityGrams
      )
      .sort(byDeparture)[0] ?? null
  );
}

/** Why a load cannot be placed on a departure by hand, or null when it can. */
export type PlaceRefusal =
  | "wrong_warehouse"
  | "wrong_class"
  | "not_scheduled"
  | "full";

/** Checks an operator's choice of departure for a class load (the margin is the operator's call; the rest is not). */
export function checkManualPlacement(
  target: Pick<
    DepartureSlot,
    "warehouseId" | "tempClass" | "status" | "capacityGrams" | "loadedGrams"
  >,
  load: {
    warehouseId: string;
    tempClass: TrunkTempClass;
    grams: number;
    alreadyOnTarget: boolean;
  }
): PlaceRefusal | null {
  if (target.warehouseId !== load.warehouseId) return "wrong_warehouse";
  if (target.tempClass !== load.tempClass) return "wrong_class";
  if (target.status !== "scheduled") return "not_scheduled";
  const loaded = target.loadedGrams - (load.alreadyOnTarget ? load.grams : 0);
  if (loaded + load.grams > target.capacityGrams) return "full";
  return null;
}

/** Grams of a seller order's lines per class: weighed grams when recorded, else shipped (or ordered) packs × net weight. */
export function gramsByClass(
  lines: readonly {
    tempClass: TrunkTempClass;
    quantity: number;
    shippedQuantity: number | null;
    netWeightGrams: number;
    weightGrams: number;
    actualGrams: number | null;
  }[]
): Partial<Record<TrunkTempClass, number>> {
  const out: Partial<Record<TrunkTempClass, number>> = {};
  for (const l of lines) {
    const packs = l.shippedQuantity ?? l.quantity;
    const net =
      l.netWeightGrams > 0
        ? l.netWeightGrams
        : l.quantity > 0
        ? Math.round(l.weightGrams / l.quantity)
        : 0;
    const grams = l.actualGrams ?? packs * net;
    if (grams > 0) out[l.tempClass] = (out[l.tempClass] ?? 0) + grams;
  }
  return out;
}

const TEMP_ZH: Record<TrunkTempClass, string> = {
  chilled: "冷藏",
  frozen: "冷冻",
  ambient: "常温",
};

/** The timeline text of a trunk event, in Chinese as stored (e.g. "班次 闽G·12345 12-02 14:00 发车 · 冷藏"). */
export function trunkReason(
  kind: "assign" | "depart" | "arrive",
  d: {
    vehiclePlate: string;
    tempClass: TrunkTempClass;
    departsAt: Date;
    arrivesAt: Date;
  },
  extra?: { manual?: boolean; warehouseName?: string }
): string {
  const plate = d.vehiclePlate.trim() || "—";
  if (kind === "arrive")
    return `班次 ${plate} ${beijingMonthDay(d.arrivesAt)} ${beijingClock(
      d.arrivesAt
    )} 到达${extra?.warehouseName ? ` ${extra.warehouseName}` : ""} · ${
      TEMP_ZH[d.tempClass]
    }`;
  const text = `班次 ${plate} ${beijingMonthDay(d.departsAt)} ${beijingClock(
    d.departsAt
  )} 发车 · ${TEMP_ZH[d.tempClass]}`;
  return kind === "assign" && extra?.manual ? `${text}（人工调整）` : text;
}
