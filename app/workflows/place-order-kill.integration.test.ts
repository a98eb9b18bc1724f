import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDeliveryPoint, createDeliverySlot, createOrganization, createProduct, createStockEntries, createUser, createWarehouse } from "../../tests/factories";
import { createServerDatabase } from "../../tests/support/test-db";
import { openDatabase } from "../utils/db.server";

const root = path.resolve(__dirname, "../..");

// A child process needs a database both processes can open: a PostgreSQL server (PGlite is in-process only).
// Both ways of placing (place-order.server's module comment): a Prisma transaction, and with the queue started one
// statement that also enqueues the order's notification.
describe.skipIf(!process.env.TEST_DATABASE_URL).each([
  { way: "in a transaction", queue: false },
  { way: "in one statement with its job", queue: true },
])("placing orders $way survives SIGKILL", ({ queue }) => {
  it("after a kill mid-stream every order is complete or absent, and reservations match the orders", async () => {
    const server = await createServerDatabase(process.env.TEST_DATABASE_URL!, "huming_k");
    const db = await openDatabase({ url: server.url });
    try {
      const p = db.prisma;
      const sellerA = (await createOrganization(p, { kind: "cooperative" })).id;
      const sellerB = (await createOrganization(p, { kind: "snack_supplier" })).id;
      const buyer = (await createOrganization(p, { kind: "canteen" })).id;
      const userId = (await createUser(p, { role: "buyer", organizationId: buyer })).id;
      const operator = (await createOrganization(p, { kind: "platform" })).id;
      const warehouse = (await createWarehouse(p, { operatorId: operator })).id;
      const pointId = (await createDeliveryPoint(p, { organizationId: buyer })).id;
      const slotId = (await createDeliverySlot(p, { warehouseId: warehouse, startsAt: new Date(Date.now() + 4 * 86_400_000), capacityGrams: { ambient: 100_000_000, frozen: 100_000_000 } })).id;
      const packs: string[] = [];
      for (const [sellerId, tempClass] of [[sellerA, "ambient"], [sellerA, "ambient"], [sellerB, "frozen"]] as const) {
        const id = (await createProduct(p, { sellerId, tempClass, variants: [{ tiers: [{ minQuantity: 1, unitPriceFen: 1000 }] }] })).variants[0]!.id;
        await createStockEntries(p, [{ variantId: id, onHandDelta: 100_000 }]);
        packs.push(id);
      }

      let placed = 0;
      // node itself with tsx as a loader (not the tsx CLI, which runs the script in a grandchild that a kill would miss).
      const child = spawn(process.execPath, ["--import", "tsx", "app/workflows/place-order-kill.fixture.ts"], {
        cwd: root,
        env: { ...process.env, KILL_DB_URL: server.url, KILL_CONFIG: JSON.stringify({ buyerId: buyer, userId, pointId, slotId, packs }), KILL_QUEUE: queue ? "1" : "0", LOG_LEVEL: "warn" },
      });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      child.stdout.on("data", (d: Buffer) => {
        placed += (d.toString().match(/^PLACED /gm) ?? []).length;
        if (placed >= 20) child.kill("SIGKILL");
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
      const signal = await exited;
      clearTimeout(timer);
      expect(signal, err).toBe("SIGKILL");
      expect(placed, err).toBeGreaterThanOrEqual(20);

      // The killed process's backends finish what they were doing (a COMMIT already sent still commits) and
      // roll the rest back once the server notices the client is gone: wait until none is busy any more.
      for (let i = 0; i < 100; i++) {
        const [{ n }] = await p.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`;
        if (n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const orders = await p.order.findMany({ select: { id: true, totalFen: true, subtotalFen: true, sellerOrders: { select: { subtotalFen: true, lines: { select: { id: true, variantId: true, quantity: true, lineTotalFen: true } } } } } });
      expect(orders.length).toBeGreaterThanOrEqual(placed);
      const ledger = await p.stockLedger.findMany({ where: { kind: "reservation" }, select: { orderLineId: true, variantId: true, reservedDelta: true } });
      const ledgerByLine = new Map(ledger.map((l) => [l.orderLineId, l]));
      expect(ledger.every((l) => l.orderLineId !== null)).toBe(true);
      let lineCount = 0;
      for (const o of orders) {
        // Complete: both sellers' parts, every line with its reservation, totals adding up.
        expect(o.sellerOrders).toHaveLength(2);
        const lines = o.sellerOrders.flatMap((so) => so.lines);
        expect(lines).toHaveLength(3);
        for (const so of o.sellerOrders) expect(so.subtotalFen).toBe(so.lines.reduce((s, l) => s + l.lineTotalFen, 0));
        expect(o.totalFen).toBe(o.subtotalFen);
        for (const l of lines) expect(ledgerByLine.get(l.id)).toMatchObject({ variantId: l.variantId, reservedDelta: l.quantity });
        lineCount += lines.length;
      }
      // Absent: no reservation without its line.
      expect(ledger).toHaveLength(lineCount);
      for (const v of packs) {
        const balance = await p.stockBalance.findUniqueOrThrow({ where: { variantId: v }, select: { reserved: true } });
        const fromLines = await p.orderLine.aggregate({ where: { variantId: v }, _sum: { quantity: true } });
        const fromLedger = await p.stockLedger.aggregate({ where: { variantId: v }, _sum: { reservedDelta: true } });
        expect(balance.reserved).toBe(fromLines._sum.quantity ?? 0);
        expect(balance.reserved).toBe(fromLedger._sum.reservedDelta ?? 0);
      }
      const slot = await p.deliverySlot.findUniqueOrThrow({ where: { id: slotId }, select: { bookedAmbientGrams: true, bookedFrozenGrams: true } });
      const weights = await p.orderLine.groupBy({ by: ["tempClass"], _sum: { weightGrams: true } });
      const w = Object.fromEntries(weights.map((x) => [x.tempClass, x._sum.weightGrams ?? 0]));
      expect(slot.bookedAmbientGrams).toBe(w.ambient ?? 0);
      expect(slot.bookedFrozenGrams).toBe(w.frozen ?? 0);
      if (queue) {
        // One notification job per order, and none for an order that is absent.
        const jobs = await p.$queryRaw<{ order_id: string }[]>`SELECT data->>'orderId' AS order_id FROM pgboss.job WHERE name = 'order.notify'`;
        expect(jobs.map((j) => j.order_id).sort()).toEqual(orders.map((o) => o.id).sort());
      }
    } finally {
      await db.close();
      await server.drop();
    }
  }, 180_000);
});
