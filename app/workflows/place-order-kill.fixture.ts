/**
 * Run by place-order-kill.integration.test.ts as a child process that is killed with SIGKILL mid-stream: it
 * places orders on KILL_DB_URL one after another (KILL_CONFIG names the buyer, point, slot and packs) and prints
 * "PLACED <number>" after each commit, until it is killed. With KILL_QUEUE=1 a send-only job queue is started, as in
 * `npm start`, so orders are placed in one statement each with their notification job (ADR 0012).
 */
import { randomUUID } from "node:crypto";
import { startQueue } from "../jobs/queue.server";
import { openDatabase } from "../utils/db.server";
import { placeOrder } from "./place-order.server";

const config = JSON.parse(process.env.KILL_CONFIG ?? "{}") as { buyerId: string; userId: string; pointId: string; slotId: string; packs: string[] };
const db = await openDatabase({ url: process.env.KILL_DB_URL! });
if (process.env.KILL_QUEUE === "1") await startQueue(db, { work: false });
let i = 0;
for (;;) {
  i += 1;
  // Several orders in flight at once, so the kill lands inside transactions.
  const batch = await Promise.all(
    Array.from({ length: 4 }, (_, j) =>
      placeOrder(db.prisma, {
        buyerId: config.buyerId,
        userId: config.userId,
        channel: "api",
        deliveryPointId: config.pointId,
        slotId: config.slotId,
        lines: config.packs.map((variantId, k) => ({ variantId, quantity: 1 + ((i + j + k) % 3) })),
        idempotencyKey: randomUUID(),
      }),
    ),
  );
  for (const r of batch) {
    if (r.ok) console.log(`PLACED ${r.number}`);
    else console.log(`REFUSED ${r.code}`);
  }
}
