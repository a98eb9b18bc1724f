/**
 * A day's orders as delivery stops (pure): one stop per delivery point and delivery window, with
 * the load it takes per temperature class. Orders placed before delivery points existed are grouped
 * by their address snapshot and coordinates; an order without usable coordinates cannot be routed,
 * so it is reported instead of planned.
 */
import { insideChina } from "~/modules/logistics/geo";

export type TempClass = "ambient" | "chilled" | "frozen";
export const STOP_TEMP_CLASSES: readonly TempClass[] = ["ambient", "chilled", "frozen"];
export type ByTemp = Record<TempClass, number>;

/** One order line as the planner reads it. */
export interface StopOrderLine {
  tempClass: TempClass;
  quantity: number;
  /** Packs that will ship once the seller confirmed (null: not confirmed yet, the ordered quantity applies). */
  shippedQuantity: number | null;
  /** Weighed grams of the shipped packs (variable-weight packs, once weighed). */
  actualGrams: number | null;
  netWeightGrams: number;
  /** The pack's volume (from its variant). */
  volumeCm3: number;
}

/** A delivery point's facts a stop copies (name, contact, receiving hours "HH:MM" Beijing time). */
export interface StopPoint {
  id: string;
  name: string;
  /** Empty when the point has no English name. */
  nameEn?: string;
  address: string;
  lat: number;
  lng: number;
  receivingFrom: string;
  receivingTo: string;
  contactName: string;
  contactPhone: string;
}

/** One order of the day, with its slot's window. */
export interface StopOrder {
  id: string;
  number: string;
  buyerName: string;
  /** Empty when the buyer has no English name. */
  buyerNameEn?: string;
  deliveryAddress: string;
  lat: number;
  lng: number;
  windowStart: Date;
  windowEnd: Date;
  point: StopPoint | null;
  lines: StopOrderLine[];
}

/** A stop to plan: where, when, what it takes and which orders it serves. */
export interface PlannedStopInput {
  /** Identity across refreshes and plan versions: delivery point (or address + coordinates) + window. */
  key: string;
  deliveryPointId: string | null;
  name: string;
  /** The English name, or "" when none can be composed (the Chinese name is shown). */
  nameEn: string;
  address: string;
  lat: number;
  lng: number;
  contactName: string;
  contactPhone: string;
  windowStart: Date;
  windowEnd: Date;
  grams: ByTemp;
  cm3: ByTemp;
  orderIds: string[];
}

/** An order left out of planning, and why. */
export interface RejectedOrder {
  orderId: string;
  number: string;
  reason: "no_coordinates";
}

const zero = (): ByTemp => ({ ambient: 0, chilled: 0, frozen: 0 });

/** Packs that go on the van: the shipped quantity once confirmed, else the ordered one. */
export function linePacks(line: Pick<StopOrderLine, "quantity" | "shippedQuantity">): number {
  return Math.max(0, line.shippedQuantity ?? line.quantity);
}

/** Grams a line weighs on the van: the weighed grams when weighed, else packs × net weight. */
export function lineGrams(line: StopOrderLine): number {
  if (line.actualGrams !== null) return Math.max(0, line.actualGrams);
  return linePacks(line) * Math.max(0, line.netWeightGrams);
}

/** Cubic centimetres a line takes: packs × the pack's volume. */
export function lineCm3(line: StopOrderLine): number {
  return linePacks(line) * Math.max(0, line.volumeCm3);
}

/** Coordinates a van can drive to: finite numbers inside mainland China (0,0 and swapped pairs are not). */
export function usableCoordinates(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && insideChina({ lat, lng });
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instant of "HH:MM" Beijing time on the Beijing day of `ref`, or null when unreadable. */
function clockOnDayOf(ref: Date, hhmm: string): Date | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60) return null;
  const local = new Date(ref.getTime() + SHANGHAI_OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI_OFFSET_MS;
  return new Date(midnight + minutes * 60_000);
}

/**
 * The window a stop is served in: the slot's window narrowed to the point's receiving hours when the two
 * overlap (a canteen that receives 04:30–06:30 inside a 04:00–08:00 slot), else the slot's window as booked.
 */
export function stopWindow(slot: { start: Date; end: Date }, point: Pick<StopPoint, "receivingFrom" | "receivingTo"> | null): { start: Date; end: Date } {
  if (!point) return slot;
  const from = clockOnDayOf(slot.start, point.receivingFrom);
  const to = clockOnDayOf(slot.start, point.receivingTo);
  if (!from || !to || to <= from) return slot;
  const start = from > slot.start ? from : slot.start;
  const end = to < slot.end ? to : slot.end;
  return end > start ? { start, end } : slot;
}

/** A stop's identity: the same point and window is the same stop in every refresh and version. */
export function stopKey(stop: { deliveryPointId: string | null; address: string; lat: number; lng: number; windowStart: Date; windowEnd: Date }): string {
  const where = stop.deliveryPointId ? `p:${stop.deliveryPointId}` : `a:${stop.address.trim()}@${stop.lat.toFixed(5)},${stop.lng.toFixed(5)}`;
  return `${where}|${stop.windowStart.toISOString()}|${stop.windowEnd.toISOString()}`;
}

/** Groups a day's orders into stops (sorted by window, then name) and lists the orders that cannot be planned. */
export function groupStops(orders: readonly StopOrder[]): { stops: PlannedStopInput[]; rejected: RejectedOrder[] } {
  const byKey = new Map<string, PlannedStopInput>();
  const rejected: RejectedOrder[] = [];
  for (const order of orders) {
    const lat = order.point?.lat ?? order.lat;
    const lng = order.point?.lng ?? order.lng;
    if (!usableCoordinates(lat, lng)) {
      rejected.push({ orderId: order.id, number: order.number, reason: "no_coordinates" });
      continue;
    }
    const window = stopWindow({ start: order.windowStart, end: order.windowEnd }, order.point);
    const address = order.point?.address ?? order.deliveryAddress;
    const key = stopKey({ deliveryPointId: order.point?.id ?? null, address, lat, lng, windowStart: window.start, windowEnd: window.end });
    let stop = byKey.get(key);
    if (!stop) {
      stop = {
        key,
        deliveryPointId: order.point?.id ?? null,
        name: stopName(order.buyerName, order.point?.name),
        nameEn: stopNameEn(order.buyerNameEn ?? "", order.point ? (order.point.nameEn ?? "") : undefined),
        address,
        lat,
        lng,
        contactName: order.point?.contactName ?? "",
        contactPhone: order.point?.contactPhone ?? "",
        windowStart: window.start,
        windowEnd: window.end,
        grams: zero(),
        cm3: zero(),
        orderIds: [],
      };
      byKey.set(key, stop);
    }
    stop.orderIds.push(order.id);
    for (const line of order.lines) {
      stop.grams[line.tempClass] += lineGrams(line);
      stop.cm3[line.tempClass] += lineCm3(line);
    }
  }
  const stops = [...byKey.values()].sort(
    (a, b) => a.windowStart.getTime() - b.windowStart.getTime() || a.name.localeCompare(b.name, "zh") || a.key.localeCompare(b.key),
  );
  return { stops, rejected };
}

/** Total grams per temperature class over some stops. */
export function totalGrams(stops: readonly Pick<PlannedStopInput, "grams">[]): ByTemp {
  const out = zero();
  for (const s of stops) for (const c of STOP_TEMP_CLASSES) out[c] += s.grams[c];
  return out;
}

/**
 * The arrival window told to the buyer: an hour around the planned time, starting a quarter-hour before
 * it (rounded down to the quarter hour), so a van running a little early or late is still "on time".
 */
export function arrivalWindow(eta: Date): { from: Date; to: Date } {
  const quarter = 15 * 60_000;
  const from = new Date(Math.floor(eta.getTime() / quarter) * quarter - quarter);
  return { from, to: new Date(from.getTime() + 4 * quarter) };
}

/** A stop's name: the buyer, then the delivery point unless the point is named after the buyer already (one canteen). */
export function stopName(buyerName: string, pointName: string | undefined): string {
  const point = pointName?.trim() ?? "";
  if (!point || point === buyerName || point.startsWith(buyerName)) return point || buyerName;
  return `${buyerName} ${point}`.trim();
}

/**
 * The same name from English names (`pointNameEn` undefined: the order has no delivery point); "" when a part has
 * none, so the interface shows the Chinese name rather than half of each.
 */
export function stopNameEn(buyerNameEn: string, pointNameEn: string | undefined): string {
  const buyer = buyerNameEn.trim();
  if (pointNameEn === undefined) return buyer;
  const point = pointNameEn.trim();
  if (!point || !buyer) return "";
  return stopName(buyer, point);
}
