// The seller dashboard on the demo seed: its numbers against the same questions asked in plain SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../../prisma/seed";
import { DEMO_ACCOUNTS } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { listSellerStock } from "~/modules/stock/stock.server";
import { getSellerDashboard, listOrdersToConfirm } from "./console.server";

// A fixed run date (a Sunday morning in Beijing) so the weeks do not depend on when the suite runs.
const NOW = new Date("2026-11-29T02:00:00Z");

let t: TestDatabase;
let db: PrismaClient;
let sellerId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] seller dashboard on the demo seed: database ${t.label}`);
  await seedDemo(db, { now: NOW });
  const demo = DEMO_ACCOUNTS.find((a) => a.role === "seller")!;
  sellerId = (await db.organization.findFirstOrThrow({ where: { name: demo.organizationName }, select: { id: true } })).id;
});
afterAll(async () => t?.drop());

describe("the demo seller's dashboard", () => {
  it("counts the seller orders waiting for confirmation, and the orders page lists the same ones", async () => {
    const d = await getSellerDashboard(db, [sellerId], { page: 1, now: NOW });
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM seller_orders WHERE seller_id = ${sellerId}::uuid AND status = 'placed'`;
    expect(n).toBeGreaterThan(0);
    expect(d.counts.pendingOrders).toBe(n);
    const orders = await listOrdersToConfirm(db, [sellerId]);
    expect(orders.total).toBe(n);
    expect(orders.days.flatMap((g) => g.orders)).toHaveLength(n);
    // Grouped by the Beijing date of the slot, in order, each group's total the sum of its orders.
    const days = orders.days.map((g) => g.day).filter((x): x is string => x !== null);
    expect([...days].sort()).toEqual(days);
    for (const g of orders.days) expect(g.subtotalFen).toBe(g.orders.reduce((s, o) => s + o.subtotalFen, 0));
    for (const o of orders.days.flatMap((g) => g.orders)) expect(o.subtotalFen).toBe(o.lines.reduce((s, l) => s + l.lineTotalFen, 0));
  });

  it("draws the top 5 products' weekly sales exactly as SQL buckets them by Beijing week", async () => {
    const d = await getSellerDashboard(db, [sellerId], { page: 1, now: NOW });
    const rows = await db.$queryRaw<{ product_id: string; week: Date; fen: number }[]>`
      SELECT v.product_id, (date_trunc('week', o.placed_at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai') AS week, SUM(l.line_total_fen)::int AS fen
      FROM order_lines l
      JOIN seller_orders so ON so.id = l.seller_order_id
      JOIN orders o ON o.id = so.order_id
      JOIN variants v ON v.id = l.variant_id
      WHERE so.seller_id = ${sellerId}::uuid AND so.status <> 'cancelled' AND o.status <> 'cancelled'
        AND o.placed_at <= ${NOW} AND o.placed_at >= ${d.sales.weeks[0]}
      GROUP BY 1, 2`;
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(r.product_id, (totals.get(r.product_id) ?? 0) + r.fen);
    const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
    expect(top.length).toBeGreaterThan(0);
    expect(d.sales.series.map((s) => [s.productId, s.totalFen])).toEqual(top);
    for (const s of d.sales.series) {
      const weekly = d.sales.weeks.map((w) => rows.filter((r) => r.product_id === s.productId && new Date(r.week).getTime() === w.getTime()).reduce((sum, r) => sum + r.fen, 0));
      expect(s.weekly).toEqual(weekly);
      expect(s.nameZh).not.toBe("");
    }
    // Weeks start on Monday 00:00 Beijing time; the last is NOW's week.
    expect(d.sales.weeks.at(-1)).toEqual(new Date("2026-11-22T16:00:00Z"));
  });

  it("flags low stock and expiring lots as SQL finds them", async () => {
    const d = await getSellerDashboard(db, [sellerId], { page: 1, now: NOW });
    const since = new Date(NOW.getTime() - 28 * 86_400_000);
    const [{ low }] = await db.$queryRaw<{ low: number }[]>`
      WITH sold AS (
        SELECT l.variant_id, SUM(l.quantity) AS q FROM order_lines l
        JOIN seller_orders so ON so.id = l.seller_order_id JOIN orders o ON o.id = so.order_id
        WHERE so.status <> 'cancelled' AND o.status <> 'cancelled' AND o.placed_at >= ${since} AND o.placed_at <= ${NOW}
        GROUP BY 1)
      SELECT count(*)::int AS low FROM variants v
      JOIN products p ON p.id = v.product_id
      LEFT JOIN stock_balances b ON b.variant_id = v.id
      LEFT JOIN sold s ON s.variant_id = v.id
      WHERE p.seller_id = ${sellerId}::uuid AND p.status = 'active' AND v.active
        AND ((COALESCE(b.on_hand, 0) - COALESCE(b.reserved, 0)) <= 10 OR (COALESCE(b.on_hand, 0) - COALESCE(b.reserved, 0)) * 28 < COALESCE(s.q, 0) * 7)`;
    expect(d.lowStock.total).toBe(low);
    expect(d.lowStock.items.length).toBe(Math.min(5, low));
    const avail = d.lowStock.items.map((i) => i.available);
    expect([...avail].sort((a, b) => a - b)).toEqual(avail);

    const [{ expiring }] = await db.$queryRaw<{ expiring: number }[]>`
      SELECT count(*)::int AS expiring FROM lots l JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id
      WHERE p.seller_id = ${sellerId}::uuid AND p.status <> 'archived' AND l.expires_at >= ${NOW} AND l.expires_at <= ${new Date(NOW.getTime() + 7 * 86_400_000)}`;
    expect(d.expiringLots.total).toBe(expiring);
    for (const lot of d.expiringLots.items) {
      expect(lot.expiresAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime());
      expect(lot.expiresAt.getTime()).toBeLessThanOrEqual(NOW.getTime() + 7 * 86_400_000);
    }
    // The seeded demo seller is verified: no banner.
    expect(d.organizations.map((o) => o.verificationStatus)).toEqual(["verified"]);
  });

  it("shows stock figures that match the seeded ledger, pack by pack", async () => {
    const page = await listSellerStock(db, [sellerId], { page: 1, now: NOW });
    const packs = page.items.flatMap((p) => p.packs);
    expect(packs.length).toBeGreaterThan(0);
    const sums = await db.$queryRaw<{ variant_id: string; on_hand: number; reserved: number }[]>`
      SELECT l.variant_id, SUM(l.on_hand_delta)::int AS on_hand, SUM(l.reserved_delta)::int AS reserved FROM stock_ledger l
      JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id WHERE p.seller_id = ${sellerId}::uuid GROUP BY 1`;
    const byId = new Map(sums.map((s) => [s.variant_id, s]));
    for (const p of packs) {
      const s = byId.get(p.variantId);
      expect([p.onHand, p.reserved], p.variantId).toEqual([s?.on_hand ?? 0, s?.reserved ?? 0]);
      expect(p.available).toBe(p.onHand - p.reserved);
      expect(p.available).toBeGreaterThanOrEqual(0);
    }
    expect(packs.some((p) => p.reserved > 0)).toBe(true);
  });
});
