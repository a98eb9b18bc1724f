/**
 * `npm run bench:orders`: concurrent clients place 5-line orders through the app's own placeOrder workflow (one
 * transaction each: idempotency, pricing, stock reservation under row locks, slot capacity, timeline, audit,
 * notification) against a real PostgreSQL server, then checks that nothing was oversold; in the same run pgbench's
 * built-in `simple-update` script on the same server is the baseline. Progress goes to stderr; the last line of
 * stdout is one JSON object {ordersPerSec, p95Ms, oversold, pgbenchTps, ratio, …}.
 *
 *   npm run bench:orders                                # 50 clients, 30 s each for orders and pgbench
 *   npm run bench:orders -- --seconds 5 --clients 20 [--keep]
 *
 * Needs TEST_DATABASE_URL or DATABASE_URL (a server the user may create databases on) and `pgbench` (Debian
 * package postgresql-client). Both runs use fresh scratch databases on that server, dropped afterwards unless --keep.
 * Clients stop ordering a pack once an answer said it is sold out (as a buyer's system does), so the scarce packs
 * are raced for and refused while they run out, not for the rest of the run.
 * The job queue is started send-only, as in `npm start` with WORKER_IN_PROCESS=false: each order enqueues its
 * notification job in its transaction; no handler runs here (the worker process would send them).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { createDeliverySlot, createOrganizations, createUser, createWarehouse, insertProducts, buildProduct, createStockEntries, createOrganization } from "../../tests/factories";
import { startQueue, stopQueue } from "../../app/jobs/queue.server";
import { openDatabase } from "../../app/utils/db.server";
import { placeOrder, type PlaceOrderResult } from "../../app/workflows/place-order.server";

const TARGET_ORDERS_PER_SEC = 300;
const TARGET_RATIO = 0.1;
const DISTRICTS = ["杨浦区", "徐汇区", "闵行区", "浦东新区", "静安区"] as const;

interface Options {
  seconds: number;
  clients: number;
  lines: number;
  packs: number;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const num = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    const v = i === -1 ? NaN : Number(argv[i + 1]);
    return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
  };
  return { seconds: num("--seconds", 30), clients: num("--clients", 50), lines: num("--lines", 5), packs: num("--packs", 100), keep: argv.includes("--keep") };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

async function scratchDatabase(adminUrl: string, prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** pgbench -i, then -b simple-update for `seconds` with `clients` clients; the TPS it reports. */
function runPgbench(url: string, clients: number, seconds: number): number {
  const which = spawnSync("which", ["pgbench"], { encoding: "utf8" });
  if (which.status !== 0) throw new Error("pgbench not found: install it with `apt-get install -y postgresql-client`");
  const u = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const args = ["-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username) || "postgres"];
  const db = u.pathname.slice(1);
  execFileSync("pgbench", [...args, "-i", "-q", "-s", "1", db], { env, stdio: ["ignore", "ignore", "pipe"] });
  const out = execFileSync("pgbench", [...args, "-b", "simple-update", "-c", String(clients), "-j", "2", "-T", String(seconds), "-n", db], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const m = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`could not read pgbench's TPS from:\n${out}`);
  return Number(m[1]);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    log("bench:orders needs a PostgreSQL server: set TEST_DATABASE_URL or DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres).");
    process.exit(2);
  }
  const scratch = await scratchDatabase(adminUrl, "huming_bench_orders");
  log(`orders: database ${scratch.name} on ${new URL(adminUrl).host}`);
  const db = await openDatabase({ url: scratch.url });
  await startQueue(db, { work: false });
  let result: Record<string, unknown>;
  try {
    const p = db.prisma;
    // A marketplace: 5 sellers, `packs` packs (a tenth of them scarce, to be sold out and refused under load),
    // one buyer organization per client in 5 districts, one open slot per district.
    const sellers = await createOrganizations(p, Array.from({ length: 5 }, (_, i) => ({ kind: i % 2 ? ("snack_supplier" as const) : ("cooperative" as const) })));
    const rows = Array.from({ length: options.packs }, (_, i) =>
      buildProduct({ sellerId: sellers[i % sellers.length]!.id, nameZh: `基准商品${i + 1}`, tempClass: i % 7 === 0 ? "frozen" : "ambient", variants: [{ tiers: [{ minQuantity: 1, unitPriceFen: 1000 + i }, { minQuantity: 10, unitPriceFen: 900 + i }] }] }),
    );
    await insertProducts(p, rows);
    const packIds = rows.map((r) => r.variants[0]!.id as string);
    const scarce = new Set(packIds.filter((_, i) => i % 10 === 0));
    await createStockEntries(p, packIds.map((variantId) => ({ variantId, onHandDelta: scarce.has(variantId) ? 300 : 10_000_000 })));
    const operator = await createOrganization(p, { kind: "platform" });
    const warehouse = (await createWarehouse(p, { operatorId: operator.id })).id;
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const slots = new Map<string, string>();
    for (const district of DISTRICTS) slots.set(district, (await createDeliverySlot(p, { warehouseId: warehouse, district, startsAt, capacityGrams: { ambient: 1_000_000_000, chilled: 1_000_000_000, frozen: 1_000_000_000 } })).id);
    const buyers = await createOrganizations(p, Array.from({ length: options.clients }, () => ({ kind: "canteen" as const })));
    await p.deliveryPoint.createMany({
      data: buyers.map((b, i) => ({ organizationId: b.id, name: `食堂${i + 1}`, district: DISTRICTS[i % DISTRICTS.length]!, address: "上海市", lat: 31.2, lng: 121.5, receivingFrom: "04:30", receivingTo: "06:30", contactName: "王", contactPhone: "13800000000" })),
    });
    const points = new Map((await p.deliveryPoint.findMany({ select: { id: true, organizationId: true, district: true } })).map((pt) => [pt.organizationId, pt]));
    const userId = (await createUser(p, { role: "buyer", organizationId: buyers[0]!.id })).id;
    // Planner statistics, as a database in use has them (autovacuum would gather them some time into the run).
    await p.$executeRawUnsafe("ANALYZE");

    log(`orders: ${options.clients} clients × ${options.lines}-line orders for ${options.seconds} s …`);
    const latencies: number[] = [];
    const refused = new Map<string, number>();
    const soldOut = new Set<string>();
    let errors = 0;
    const deadline = Date.now() + options.seconds * 1000;
    let seed = 1;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const started = Date.now();
    let lastCount = 0;
    const ticker = setInterval(() => {
      log(`orders: ${((Date.now() - started) / 1000).toFixed(0)} s, ${(latencies.length - lastCount) / 5} orders/s in the last 5 s`);
      lastCount = latencies.length;
    }, 5000);
    await Promise.all(
      buyers.map(async (buyer) => {
        const point = points.get(buyer.id)!;
        while (Date.now() < deadline) {
          const chosen = new Set<string>();
          while (chosen.size < options.lines) {
            const id = packIds[rand(packIds.length)]!;
            if (!soldOut.has(id) || soldOut.size >= packIds.length - options.lines) chosen.add(id);
          }
          const t0 = performance.now();
          let r: PlaceOrderResult;
          try {
            r = await placeOrder(p, { buyerId: buyer.id, userId, channel: "api", deliveryPointId: point.id, slotId: slots.get(point.district)!, lines: [...chosen].map((variantId) => ({ variantId, quantity: 1 + rand(3) })), idempotencyKey: randomUUID() });
          } catch (error) {
            errors += 1;
            if (errors <= 3) log(`orders: error ${(error as Error).message}`);
            continue;
          }
          if (r.ok) latencies.push(performance.now() - t0);
          else refused.set(r.code, (refused.get(r.code) ?? 0) + 1);
          // As a buyer's system does after "insufficient_stock" (or the catalogue's 售罄): no more orders for a sold-out pack.
          if (!r.ok && r.code === "insufficient_stock") for (const l of r.lines) if (l.available === 0) soldOut.add(l.variantId);
        }
      }),
    );
    clearInterval(ticker);
    const elapsed = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    // Oversold: a pack whose reservations exceed what is on hand, or whose ledger, balance and order lines disagree.
    const check = await p.$queryRaw<{ variant_id: string; on_hand: number; reserved: number; ledger: number; lines: number }[]>`
      SELECT b."variant_id"::text, b."on_hand", b."reserved",
        (SELECT COALESCE(SUM(l."reserved_delta"), 0)::int FROM "stock_ledger" l WHERE l."variant_id" = b."variant_id") AS ledger,
        (SELECT COALESCE(SUM(ol."quantity"), 0)::int FROM "order_lines" ol WHERE ol."variant_id" = b."variant_id") AS lines
      FROM "stock_balances" b`;
    const oversold = check.filter((c) => c.reserved > c.on_hand || c.reserved !== c.ledger || c.reserved !== c.lines).length;
    const ordersPerSec = latencies.length / elapsed;
    const p95Ms = percentile(latencies, 95);
    log(`orders: ${latencies.length} placed in ${elapsed.toFixed(1)} s = ${ordersPerSec.toFixed(1)} orders/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${p95Ms.toFixed(1)} ms; refused ${JSON.stringify(Object.fromEntries(refused))}; errors ${errors}; oversold ${oversold}`);

    await stopQueue();
    await db.close();
    const bench = await scratchDatabase(adminUrl, "huming_bench_pgbench");
    let pgbenchTps: number;
    try {
      log(`pgbench: simple-update, ${options.clients} clients for ${options.seconds} s …`);
      pgbenchTps = runPgbench(bench.url, options.clients, options.seconds);
    } finally {
      if (!options.keep) await bench.drop();
    }
    const ratio = pgbenchTps > 0 ? ordersPerSec / pgbenchTps : 0;
    log(`pgbench: ${pgbenchTps.toFixed(1)} TPS; orders/s ÷ pgbench TPS = ${(ratio * 100).toFixed(1)} % (targets: ≥ ${TARGET_ORDERS_PER_SEC} orders/s, ≥ ${TARGET_RATIO * 100} %, 0 oversold)`);
    result = {
      ordersPerSec: Math.round(ordersPerSec * 10) / 10,
      p95Ms: Math.round(p95Ms * 10) / 10,
      oversold,
      pgbenchTps: Math.round(pgbenchTps * 10) / 10,
      ratio: Math.round(ratio * 1000) / 1000,
      placed: latencies.length,
      refused: Object.fromEntries(refused),
      errors,
      clients: options.clients,
      seconds: options.seconds,
      linesPerOrder: options.lines,
    };
  } finally {
    await stopQueue().catch(() => undefined);
    await db.close().catch(() => undefined);
    if (!options.keep) await scratch.drop();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
