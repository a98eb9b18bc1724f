/**
 * Delivery slots in Beijing time: a calendar day, a delivery window on that day (e.g. 04:30–06:30), an
 * order cut-off ("14:00 the day before") and a capacity in grams per temperature class.
 *
 * Decisions (ADR 0008):
 * - The operator enters the cut-off as a rule {daysBefore, time}; it is resolved once, here, to an absolute
 *   instant that the slot row stores (cutoff_at timestamptz) beside starts_at and ends_at. Queries for open
 *   slots are then `cutoff_at > now()`, and one slot's cut-off can be moved (a holiday) without a new rule.
 * - A slot is open while now < cutoffAt: at the cut-off instant itself it is closed. Buyers may edit or
 *   cancel exactly while it is open.
 * - A window lies within one calendar day; one that would cross midnight (22:00–02:00) is refused; the
 *   operator makes two slots, or dates the slot on the morning it is delivered.
 * - Asia/Shanghai is UTC+8 with no daylight saving time: instants are computed with that fixed offset
 *   (lots/rules startOfDay), never with the host's time zone.
 */
import { normaliseInput } from "~/modules/catalog/packs";
import { addDaysToDay, dayOf, isDay, startOfDay, type Day } from "~/modules/lots/rules";
import { TEMP_CLASSES, type TempClass, type WeightByTemp } from "./cart-rules";

export type { Day };

const MINUTE_MS = 60_000;
/** The earliest a cut-off may lie before its slot's day. */
export const MAX_CUTOFF_DAYS_BEFORE = 14;
/** The most grams a slot may take per temperature class (100 t; within a 32-bit column). */
export const MAX_SLOT_CAPACITY_GRAMS = 100_000_000;

/** The order cut-off as the operator enters it: `time` (HH:MM, Beijing) `daysBefore` days before the slot's day. */
export interface CutoffRule {
  daysBefore: number;
  time: string;
}

/** A slot as the operator enters it. */
export interface SlotSpec {
  date: string;
  windowStart: string;
  windowEnd: string;
  cutoff: CutoffRule;
  /** Grams per temperature class; a class left out (or 0) is not carried in this slot. */
  capacityGrams: Partial<WeightByTemp>;
}

/** A slot's instants, as stored. */
export interface SlotTimes {
  startsAt: Date;
  endsAt: Date;
  cutoffAt: Date;
}

export type SlotSpecIssue =
  | { field: "date"; code: "day_invalid" }
  | { field: "windowStart" | "windowEnd"; code: "time_invalid" }
  | { field: "windowEnd"; code: "window_empty" | "window_crosses_midnight" }
  | { field: "cutoff.daysBefore"; code: "days_before_invalid" }
  | { field: "cutoff.time"; code: "time_invalid" | "cutoff_not_before_window" | "cutoff_passed" }
  | { field: "capacityGrams"; code: "capacity_invalid" | "capacity_required" };

/** Minutes since midnight of "HH:MM" (or "H:MM", full-width digits allowed), 00:00–23:59; null otherwise. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(normaliseInput(text));
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

/** "HH:MM" of minutes since midnight (0…1439). */
export function formatTimeOfDay(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) throw new RangeError(`not a time of day: ${minutes}`);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The instant of a Beijing-time day and time of day (minutes since midnight). */
export function shanghaiInstant(day: Day, minutes: number): Date {
  return new Date(startOfDay(day).getTime() + minutes * MINUTE_MS);
}

/** Minutes since Beijing-time midnight of an instant. */
export function shanghaiMinutes(at: Date): number {
  return Math.floor((at.getTime() - startOfDay(dayOf(at)).getTime()) / MINUTE_MS);
}

/** The cut-off instant of a slot on `date`; throws a RangeError for a malformed rule (resolveSlot says why). */
export function cutoffInstant(date: Day, rule: CutoffRule): Date {
  const minutes = parseTimeOfDay(rule.time);
  if (!isDay(date) || minutes === null || !isDaysBefore(rule.daysBefore)) throw new RangeError("invalid slot date or cut-off rule");
  return shanghaiInstant(addDaysToDay(date, -rule.daysBefore), minutes);
}

/**
 * Checks a slot the operator enters and resolves its instants. With `now`, a cut-off already past is
 * refused (a slot nobody could order for).
 */
export function resolveSlot(spec: SlotSpec, now?: Date): { ok: true; times: SlotTimes; capacityGrams: WeightByTemp } | { ok: false; issues: SlotSpecIssue[] } {
  const issues: SlotSpecIssue[] = [];
  const dateOk = isDay(spec.date);
  if (!dateOk) issues.push({ field: "date", code: "day_invalid" });
  const start = parseTimeOfDay(spec.windowStart);
  const end = parseTimeOfDay(spec.windowEnd);
  if (start === null) issues.push({ field: "windowStart", code: "time_invalid" });
  if (end === null) issues.push({ field: "windowEnd", code: "time_invalid" });
  if (start !== null && end !== null && end <= start) issues.push({ field: "windowEnd", code: end === start ? "window_empty" : "window_crosses_midnight" });
  const cutoffMinutes = parseTimeOfDay(spec.cutoff.time);
  if (!isDaysBefore(spec.cutoff.daysBefore)) issues.push({ field: "cutoff.daysBefore", code: "days_before_invalid" });
  if (cutoffMinutes === null) issues.push({ field: "cutoff.time", code: "time_invalid" });
  const capacity = readCapacity(spec.capacityGrams);
  if (capacity === "invalid") issues.push({ field: "capacityGrams", code: "capacity_invalid" });
  else if (TEMP_CLASSES.every((c) => capacity[c] === 0)) issues.push({ field: "capacityGrams", code: "capacity_required" });
  if (issues.length > 0 || capacity === "invalid") return { ok: false, issues };
  const date = spec.date as Day;
  const times: SlotTimes = {
    startsAt: shanghaiInstant(date, start!),
    endsAt: shanghaiInstant(date, end!),
    cutoffAt: cutoffInstant(date, spec.cutoff),
  };
  if (times.cutoffAt.getTime() >= times.startsAt.getTime()) return { ok: false, issues: [{ field: "cutoff.time", code: "cutoff_not_before_window" }] };
  if (now && times.cutoffAt.getTime() <= now.getTime()) return { ok: false, issues: [{ field: "cutoff.time", code: "cutoff_passed" }] };
  return { ok: true, times, capacityGrams: capacity };
}

/** True while orders for the slot are taken: strictly before its cut-off instant. */
export function isOpen(slot: Pick<SlotTimes, "cutoffAt">, now: Date): boolean {
  return now.getTime() < slot.cutoffAt.getTime();
}

/** True while a buyer may still edit or cancel an order in the slot: the same moment the slot closes. */
export function canBuyerChange(slot: Pick<SlotTimes, "cutoffAt">, now: Date): boolean {
  return isOpen(slot, now);
}

/** The Beijing-time calendar day a slot delivers on. */
export function slotDay(slot: Pick<SlotTimes, "startsAt">): Day {
  return dayOf(slot.startsAt);
}

/** Grams left per class: capacity − booked, never below 0 (capacity may have been lowered under bookings). */
export function remainingCapacity(capacity: Partial<WeightByTemp>, booked: Partial<WeightByTemp>): WeightByTemp {
  const left = (c: TempClass) => Math.max(0, (capacity[c] ?? 0) - (booked[c] ?? 0));
  return { ambient: left("ambient"), chilled: left("chilled"), frozen: left("frozen") };
}

/** A temperature class the requested load does not fit in. */
export interface CapacityShort {
  tempClass: TempClass;
  requestedGrams: number;
  remainingGrams: number;
}

/**
 * Whether a load fits the slot. `booked` is what other orders already hold: when a buyer edits an order,
 * leave that order's own weight out of it.
 */
export function checkCapacity(
  capacity: Partial<WeightByTemp>,
  booked: Partial<WeightByTemp>,
  requested: Partial<WeightByTemp>,
): { ok: true; remaining: WeightByTemp } | { ok: false; code: "slot_full"; short: CapacityShort[] } {
  const remaining = remainingCapacity(capacity, booked);
  const short: CapacityShort[] = [];
  for (const c of TEMP_CLASSES) {
    const want = requested[c] ?? 0;
    if (want > remaining[c]) short.push({ tempClass: c, requestedGrams: want, remainingGrams: remaining[c] });
  }
  if (short.length > 0) return { ok: false, code: "slot_full", short };
  return { ok: true, remaining: { ambient: remaining.ambient - (requested.ambient ?? 0), chilled: remaining.chilled - (requested.chilled ?? 0), frozen: remaining.frozen - (requested.frozen ?? 0) } };
}

export type SlotCheck = { ok: true; remaining: WeightByTemp } | { ok: false; code: "slot_closed" } | { ok: false; code: "slot_full"; short: CapacityShort[] };

/** The check the server repeats when an order is placed or edited: still open, and the load fits. */
export function checkSlotForOrder(input: {
  slot: Pick<SlotTimes, "cutoffAt"> & { capacityGrams: Partial<WeightByTemp> };
  now: Date;
  booked: Partial<WeightByTemp>;
  requested: Partial<WeightByTemp>;
}): SlotCheck {
  if (!isOpen(input.slot, input.now)) return { ok: false, code: "slot_closed" };
  return checkCapacity(input.slot.capacityGrams, input.booked, input.requested);
}

function isDaysBefore(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_CUTOFF_DAYS_BEFORE;
}

function readCapacity(input: Partial<WeightByTemp>): WeightByTemp | "invalid" {
  const out: WeightByTemp = { ambient: 0, chilled: 0, frozen: 0 };
  for (const c of TEMP_CLASSES) {
    const v = input[c] ?? 0;
    if (!Number.isInteger(v) || v < 0 || v > MAX_SLOT_CAPACITY_GRAMS) return "invalid";
    out[c] = v;
  }
  return out;
}
