/**
 * Pure rules of the seller dashboard: Beijing-time weeks, weekly sales per product (top products by
 * revenue) and orders grouped by delivery day. The database side is in ./console.server.ts.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
/** Asia/Shanghai is UTC+8 all year (no daylight saving time since 1991). */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Weeks the sales chart covers (the current one included). */
export const CHART_WEEKS = 8;
/** Products the sales chart draws. */
export const CHART_PRODUCTS = 5;

/** The start (Monday 00:00 Beijing time) of the Beijing-time week holding `at`. */
export function shanghaiWeekStart(at: Date): Date {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const daysSinceMonday = (new Date(dayStart).getUTCDay() + 6) % 7;
  return new Date(dayStart - daysSinceMonday * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** The starts of the last `count` Beijing-time weeks, oldest first; the last is the week of `now`. */
export function lastWeekStarts(now: Date, count = CHART_WEEKS): Date[] {
  const current = shanghaiWeekStart(now).getTime();
  return Array.from({ length: count }, (_, i) => new Date(current - (count - 1 - i) * WEEK_MS));
}

/** Which of the consecutive weeks starting at `weekStarts` holds `at`; −1 when none does. */
export function weekIndex(at: Date, weekStarts: readonly Date[]): number {
  if (weekStarts.length === 0) return -1;
  const i = Math.floor((at.getTime() - weekStarts[0].getTime()) / WEEK_MS);
  return i >= 0 && i < weekStarts.length ? i : -1;
}

/** The Beijing-time calendar date of an instant as "YYYY-MM-DD". */
export function shanghaiDateKey(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** One order line as the sales chart sees it. */
export interface SaleRow {
  productId: string;
  placedAt: Date;
  lineTotalFen: number;
}

/** One product's sales, week by week (fen), in the weeks' order. */
export interface SalesSeries {
  productId: string;
  totalFen: number;
  weekly: number[];
}

/**
 * Weekly sales of the `top` products with the highest revenue over the weeks (ties: lower product id
 * first, so the choice is stable); rows outside the weeks are ignored.
 */
export function weeklySales(
  rows: readonly SaleRow[],
  weekStarts: readonly Date[],
  top = CHART_PRODUCTS,
): { series: SalesSeries[]; /** Sales of the series drawn. */ totalFen: number; /** Sales of every product in the weeks. */ allFen: number } {
  const byProduct = new Map<string, SalesSeries>();
  let totalFen = 0;
  for (const row of rows) {
    const i = weekIndex(row.placedAt, weekStarts);
    if (i < 0) continue;
    let s = byProduct.get(row.productId);
    if (!s) {
      s = { productId: row.productId, totalFen: 0, weekly: weekStarts.map(() => 0) };
      byProduct.set(row.productId, s);
    }
    s.weekly[i] += row.lineTotalFen;
    s.totalFen += row.lineTotalFen;
    totalFen += row.lineTotalFen;
  }
  const series = [...byProduct.values()]
    .filter((s) => s.totalFen > 0)
    .sort((a, b) => b.totalFen - a.totalFen || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
    .slice(0, Math.max(0, top));
  return { series, totalFen: series.reduce((sum, x) => sum + x.totalFen, 0), allFen: totalFen };
}

/** Orders grouped by their Beijing-time delivery date, in date order; orders without a slot last. */
export function groupByDeliveryDay<O extends { slotStartsAt: Date | null; placedAt: Date }>(orders: readonly O[]): { day: string | null; orders: O[] }[] {
  const groups = new Map<string | null, O[]>();
  for (const o of orders) {
    const key = o.slotStartsAt ? shanghaiDateKey(o.slotStartsAt) : null;
    const group = groups.get(key);
    if (group) group.push(o);
    else groups.set(key, [o]);
  }
  const time = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([day, list]) => ({ day, orders: [...list].sort((x, y) => time(x.slotStartsAt) - time(y.slotStartsAt) || x.placedAt.getTime() - y.placedAt.getTime()) }));
}
