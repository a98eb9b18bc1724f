/**
 * Order numbers: HM-<Beijing-time yyyymmdd of placing>-<the order_number_seq value, at least 6 digits>.
 * The sequence never blocks concurrent orders (a rolled-back order leaves a gap, which is fine: the number
 * is a name, not an invoice sequence).
 */
import { dayOf } from "~/modules/lots/rules";

/** The number of the order placed at `placedAt` with sequence value `seq`. */
export function formatOrderNumber(placedAt: Date, seq: number | bigint): string {
  const n = typeof seq === "bigint" ? seq : BigInt(seq);
  if (n < 1n) throw new RangeError(`order sequence must be positive, got ${n}`);
  return `HM-${dayOf(placedAt).replace(/-/g, "")}-${n.toString().padStart(6, "0")}`;
}

// The tail is the sequence (digits); letters are allowed so numbers made by older tools and fixtures open too.
const NUMBER = /^HM-\d{8}-[A-Z0-9]{1,24}$/;

/** True for text shaped like an order number (so a typed URL is a 404, not a database query for garbage). */
export function isOrderNumber(text: string | null | undefined): text is string {
  return typeof text === "string" && text.length <= 40 && NUMBER.test(text);
}
