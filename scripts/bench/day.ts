/**
 * `npm run bench:day [-- --stops 400 --vans 30 --solve-seconds 20 --connections 10 --idle-seconds 8]`
 *
 * A generated Shanghai day: the demo world plus `--stops` delivery points with tomorrow's received orders in three
 * temperature classes spread over the districts, and a fleet of `--vans` vans at the two warehouses (some under the
 * truck restrictions of the app's zones, some with permits). The production server (`npm start`'s code, its job
 * worker in the process) is then asked to plan each warehouse's day exactly as an operator does — sign in, post the
 * planning form, poll the progress — while autocannon requests the catalogue page; the page's p99 while planning is
 * compared with its p99 when idle. Progress on stderr; the last line on stdout is one JSON object.
 * The embedded database in a temporary directory by default; BENCH_DATABASE_URL for a PostgreSQL server.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { Prisma, PrismaClient, TempClass } from "../../app/generated/prisma/client";
import { haversine } from "../../app/modules/logistics/geo";
import { openDatabase } from "../../app/utils/db.server";
import { ensureBuild, root } from "../lib/build";
import { freePort, startChild, stop, waitFor } from "../lib/serve";

interface Args {
  stops: number;
  vans: number;
  solveSeconds: number;
  connections: number;
  idleSeconds: number;
}

const USAGE = "Usage: npm run bench:day -- [--stops 400] [--vans 30] [--solve-seconds 20] [--connections 10] [--idle-seconds 8]";

function parseArgs(argv: string[]): Args {
  const args: Args = { stops: 400, vans: 30, solveSeconds: 20, connections: 10, idleSeconds: 8 };
  const keys: Record<string, keyof Args> = { "--stops": "stops", "--vans": "vans", "--solve-seconds": "solveSeconds", "--connections": "connections", "--idle-seconds": "idleSeconds" };
  for (let i = 0; i < argv.length; i += 2) {
    const key = keys[argv[i]];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value) || value <= 0) throw new Error(`Unknown or bad option ${argv[i]} ${argv[i + 1] ?? ""}\n${USAGE}`);
    args[key] = value;
  }
  if (args.solveSeconds > 120) throw new Error(`--solve-seconds is at most 120 (the planning form's limit)\n${USAGE}`);
  if (args.vans < 10) throw new Error(`--vans must be at least the demo world's 10\n${USAGE}`);
  return args;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Where Shanghai's deliveries are, WGS-84: district centres with a spread (km) and a weight. */
const AREAS: readonly { district: string; lat: number; lng: number; km: number; weight: number }[] = [
  { district: "黄浦区", lat: 31.2317, lng: 121.4846, km: 1.5, weight: 3 },
  { district: "静安区", lat: 31.2296, lng: 121.4566, km: 2, weight: 3 },
  { district: "徐汇区", lat: 31.1886, lng: 121.4367, km: 3, weight: 4 },
  { district: "长宁区", lat: 31.2204, lng: 121.4245, km: 2.5, weight: 3 },
  { district: "普陀区", lat: 31.2495, lng: 121.3977, km: 3, weight: 3 },
  { district: "虹口区", lat: 31.2646, lng: 121.5052, km: 2, weight: 3 },
  { district: "杨浦区", lat: 31.2830, lng: 121.5262, km: 3, weight: 4 },
  { district: "浦东新区", lat: 31.2215, lng: 121.5440, km: 7, weight: 8 },
  { district: "闵行区", lat: 31.1130, lng: 121.3817, km: 6, weight: 5 },
  { district: "宝山区", lat: 31.3405, lng: 121.4350, km: 5, weight: 3 },
  { district: "嘉定区", lat: 31.3747, lng: 121.2655, km: 5, weight: 2 },
  { district: "松江区", lat: 31.0323, lng: 121.2277, km: 5, weight: 2 },
  { district: "青浦区", lat: 31.1497, lng: 121.1240, km: 5, weight: 1 },
  { district: "奉贤区", lat: 30.9180, lng: 121.4740, km: 5, weight: 1 },
];

/** Delivery windows (Beijing hours) and their shares: canteen breakfast, the morning, the afternoon. */
const WINDOWS: readonly { from: number; to: number; share: number }[] = [
  { from: 4.5, to: 8, share: 0.3 },
  { from: 8, to: 11.5, share: 0.45 },
  { from: 13, to: 17, share: 0.25 },
];

/** mulberry32: the same day on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, gauss, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

type Rng = ReturnType<typeof rng>;

function weighted<T extends { weight?: number; share?: number }>(r: Rng, list: readonly T[]): T {
  const total = list.reduce((s, x) => s + (x.weight ?? x.share ?? 1), 0);
  let u = r.next() * total;
  for (const x of list) if ((u -= x.weight ?? x.share ?? 1) <= 0) return x;
  return list[list.length - 1];
}

interface VariantFacts {
  id: string;
  sku: string;
  netWeightGrams: number;
  variableWeight: boolean;
  tempClass: TempClass;
  sellerId: string;
  nameZh: string;
  nameEn: string;
  unitPriceFen: number;
}

async function listedVariants(db: PrismaClient): Promise<VariantFacts[]> {
  const rows = await db.variant.findMany({
    where: { active: true, product: { status: "active", seller: { verificationStatus: "verified" } } },
    select: { id: true, sku: true, netWeightGrams: true, variableWeight: true, product: { select: { tempClass: true, sellerId: true, nameZh: true, nameEn: true } }, priceTiers: { select: { unitPriceFen: true }, orderBy: { minQuantity: "asc" }, take: 1 } },
    orderBy: { sku: "asc" },
  });
  return rows.map((v) => ({ id: v.id, sku: v.sku, netWeightGrams: v.netWeightGrams, variableWeight: v.variableWeight, tempClass: v.product.tempClass, sellerId: v.product.sellerId, nameZh: v.product.nameZh, nameEn: v.product.nameEn, unitPriceFen: v.priceTiers[0]?.unitPriceFen ?? 1000 }));
}

/** Vans beyond the demo fleet, each with a driver, alternating warehouses: mostly multi-temperature (a stop's order often mixes classes). */
async function addVans(db: PrismaClient, count: number, warehouses: { id: string }[], platformId: string): Promise<void> {
  const { createUser, createVehicle } = await import("../../tests/factories");
  const kinds: { tempClasses: TempClass[]; payloadGrams: number; volumeLitres: number; restricted: boolean; zonePermits: string[] }[] = [
    { tempClasses: ["ambient", "chilled", "frozen"], payloadGrams: 1_500_000, volumeLitres: 9_000, restricted: false, zonePermits: [] },
    { tempClasses: ["ambient", "chilled", "frozen"], payloadGrams: 2_500_000, volumeLitres: 14_000, restricted: true, zonePermits: [] },
    { tempClasses: ["chilled"], payloadGrams: 800_000, volumeLitres: 5_000, restricted: false, zonePermits: ["inner_ring"] },
    { tempClasses: ["ambient", "chilled", "frozen"], payloadGrams: 3_000_000, volumeLitres: 18_000, restricted: true, zonePermits: [] },
  ];
  for (let i = 0; i < count; i++) {
    const driver = await createUser(db, { role: "driver", organizationId: platformId, phone: `1391000${String(i).padStart(4, "0")}`, displayName: `测试司机${i + 1}` });
    await createVehicle(db, { warehouseId: warehouses[i % warehouses.length].id, driverId: driver.id, plate: `沪D·B${String(i).padStart(4, "0")}`, ...kinds[i % kinds.length] });
  }
}

/** Tomorrow's slot of a warehouse, district and window, created when the demo world has none. */
async function slotFor(db: PrismaClient, cache: Map<string, string>, warehouseId: string, district: string, startsAt: Date, endsAt: Date): Promise<string> {
  const key = `${warehouseId}:${district}:${startsAt.toISOString()}`;
  const known = cache.get(key);
  if (known) return known;
  const existing = await db.deliverySlot.findFirst({ where: { warehouseId, district, startsAt }, select: { id: true } });
  const { createDeliverySlot } = await import("../../tests/factories");
  const id = existing?.id ?? (await createDeliverySlot(db, { warehouseId, district, startsAt, endsAt, capacityGrams: { ambient: 50_000_000, chilled: 50_000_000, frozen: 50_000_000 } })).id;
  cache.set(key, id);
  return id;
}

/** One stop's order lines: 1–3 packs of varied classes, 15–120 kg in all. */
function linesFor(r: Rng, variants: readonly VariantFacts[]): { sellerId: string; lines: Prisma.OrderLineCreateManyInput[] }[] {
  const target = r.int(15, 120) * 1000;
  const bySeller = new Map<string, Prisma.OrderLineCreateManyInput[]>();
  const count = r.int(1, 3);
  for (let k = 0; k < count; k++) {
    const v = variants[r.int(0, variants.length - 1)];
    const quantity = Math.max(1, Math.round(target / count / Math.max(1, v.netWeightGrams)));
    const line = {
      variantId: v.id,
      productNameZh: v.nameZh,
      productNameEn: v.nameEn,
      sku: v.sku,
      netWeightGrams: v.netWeightGrams,
      variableWeight: v.variableWeight,
      tempClass: v.tempClass,
      quantity,
      unitPriceFen: v.unitPriceFen,
      weightGrams: quantity * v.netWeightGrams,
      shippedQuantity: quantity,
      actualGrams: v.variableWeight ? quantity * v.netWeightGrams : null,
      chargedFen: quantity * v.unitPriceFen,
    };
    bySeller.set(v.sellerId, [...(bySeller.get(v.sellerId) ?? []), line as unknown as Prisma.OrderLineCreateManyInput]);
  }
  return [...bySeller].map(([sellerId, lines]) => ({ sellerId, lines }));
}

/** The demo world, more vans, and `stops` delivery points with one received order each for tomorrow. */
async function prepareDay(url: string | undefined, dataDir: string, args: Args): Promise<{ date: string; warehouses: { id: string; name: string }[] }> {
  const db = await openDatabase({ url, dataDir, migrate: "apply" });
  try {
    const { seedDemo } = await import("../../prisma/seed");
    if ((await db.prisma.organization.count()) === 0) await seedDemo(db.prisma);
    const f = await import("../../tests/factories");
    const prisma = db.prisma;
    const warehouses = await prisma.warehouse.findMany({ select: { id: true, name: true, lat: true, lng: true }, orderBy: { name: "asc" } });
    const platform = await prisma.organization.findFirstOrThrow({ where: { kind: "platform" }, select: { id: true } });
    const fleet = await prisma.vehicle.count();
    if (fleet < args.vans) await addVans(prisma, args.vans - fleet, warehouses, platform.id);
    const buyers = await prisma.organization.findMany({ where: { kind: { in: ["canteen", "wholesale_market", "community_group"] } }, select: { id: true, memberships: { select: { userId: true }, take: 1 } }, orderBy: { name: "asc" } });
    const variants = (await listedVariants(prisma)).filter((v) => v.netWeightGrams >= 500);
    const r = rng(20_261_203);
    const day = f.shanghaiDay(new Date(), 1);
    const date = `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
    const slots = new Map<string, string>();
    const orders: Parameters<typeof f.insertOrders>[1][number][] = [];
    for (let i = 0; i < args.stops; i++) {
      const area = weighted(r, AREAS);
      const kmLat = 1 / 111;
      const lat = area.lat + r.gauss() * area.km * kmLat * 0.6;
      const lng = area.lng + r.gauss() * area.km * (kmLat / Math.cos((area.lat * Math.PI) / 180)) * 0.6;
      const warehouse = warehouses.reduce((best, w) => (haversine(w, { lat, lng }) < haversine(best, { lat, lng }) ? w : best));
      const win = weighted(r, WINDOWS);
      const startsAt = f.shanghaiTime(day, Math.floor(win.from), Math.round((win.from % 1) * 60));
      const endsAt = f.shanghaiTime(day, Math.floor(win.to), Math.round((win.to % 1) * 60));
      const buyer = buyers[i % buyers.length];
      const point = await f.createDeliveryPoint(prisma, { organizationId: buyer.id, name: `基准收货点 ${i + 1}`, district: area.district, address: `上海市${area.district}基准路${i + 1}号`, lat, lng });
      const slotId = await slotFor(prisma, slots, warehouse.id, area.district, startsAt, endsAt);
      const sellerOrders = linesFor(r, variants).map((so) => ({ sellerId: so.sellerId, status: "received" as const, lines: so.lines as never }));
      orders.push(f.buildOrder({ buyerId: buyer.id, placedById: buyer.memberships[0]?.userId ?? "", status: "received", slotId, deliveryPointId: point.id, deliveryAddress: `上海市${area.district}基准路${i + 1}号`, lat, lng, sellerOrders }));
    }
    await f.insertOrders(prisma, orders);
    return { date, warehouses: warehouses.map((w) => ({ id: w.id, name: w.name })) };
  } finally {
    await db.close();
  }
}

/** Signs the demo operator in; the session cookie. */
async function signIn(base: string): Promise<string> {
  const body = new URLSearchParams({ phone: "13800000003", password: "huming2026", redirectTo: "/ops" });
  const r = await fetch(`${base}/login`, { method: "POST", body, redirect: "manual", headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" } });
  const cookie = r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (r.status !== 302 || !cookie) throw new Error(`signing in as the demo operator failed (${r.status})`);
  return cookie;
}

/** Posts the planning form as the operator does; waits for the solve to end. The plan id. */
async function planWarehouse(base: string, cookie: string, warehouseId: string, date: string, solveSeconds: number): Promise<string> {
  const body = new URLSearchParams({ warehouseId, date, solveSeconds: String(solveSeconds) });
  const r = await fetch(`${base}/ops/plans`, { method: "POST", body, redirect: "manual", headers: { Origin: base, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } });
  const location = r.headers.get("location") ?? "";
  const id = /\/ops\/plans\/([0-9a-f-]{36})/.exec(location)?.[1];
  if (!id) throw new Error(`the planning form did not create a plan (${r.status} ${location})`);
  const until = Date.now() + (solveSeconds + 120) * 1000;
  while (Date.now() < until) {
    await new Promise((res) => setTimeout(res, 500));
    const p = (await (await fetch(`${base}/ops/plans/${id}/progress`, { headers: { Cookie: cookie } })).json()) as { solveStatus: string };
    if (p.solveStatus === "done") return id;
    if (p.solveStatus === "failed" || p.solveStatus === "cancelled") throw new Error(`the solve of plan ${id} ended ${p.solveStatus}`);
  }
  throw new Error(`the solve of plan ${id} did not finish in time`);
}

async function pageLoad(url: string, connections: number, seconds: number) {
  const r = await autocannon({ url, connections, duration: seconds });
  return { rps: Math.round(r.requests.average), p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** Routes, km and unassigned stops of the plans, read after the server has stopped. */
async function planTotals(url: string | undefined, dataDir: string, planIds: string[]) {
  const db = await openDatabase({ url, dataDir, migrate: "none" });
  try {
    const stops = await db.prisma.deliveryStop.findMany({ where: { planId: { in: planIds } }, select: { routeId: true } });
    const routes = await db.prisma.deliveryRoute.findMany({ where: { planId: { in: planIds }, stops: { some: {} } }, select: { distanceM: true } });
    return { stops: stops.length, unassigned: stops.filter((s) => s.routeId === null).length, vans: routes.length, km: Math.round(routes.reduce((s, r) => s + r.distanceM, 0) / 100) / 10 };
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  ensureBuild(log);
  const work = mkdtempSync(path.join(os.tmpdir(), "huming-bench-day-"));
  let app: ChildProcess | undefined;
  try {
    const url = process.env.BENCH_DATABASE_URL;
    const dataDir = path.join(work, "pglite");
    log(`generating a day of ${args.stops} stops and ${args.vans} vans on ${url ? "PostgreSQL" : "embedded PGlite"}`);
    const { date, warehouses } = await prepareDay(url, dataDir, args);
    const port = await freePort();
    const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, UPLOADS_DIR: path.join(work, "uploads"), SEED_IF_EMPTY: "false", ...(url ? { DATABASE_URL: url } : {}) };
    delete env.NODE_ENV;
    if (!url) delete env.DATABASE_URL;
    app = startChild([path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], env as NodeJS.ProcessEnv);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`, app);
    const cookie = await signIn(base);
    const pageUrl = `${base}/catalog`;
    await autocannon({ url: pageUrl, connections: args.connections, duration: 1 });
    log(`catalogue idle: ${args.connections} connections for ${args.idleSeconds} s`);
    const idle = await pageLoad(pageUrl, args.connections, args.idleSeconds);
    log(`planning ${date} for ${warehouses.map((w) => w.name).join(" and ")} (${args.solveSeconds} s each) under the same load`);
    let instance: autocannon.Instance | undefined;
    const loadRun = new Promise<autocannon.Result>((resolve, reject) => {
      instance = autocannon({ url: pageUrl, connections: args.connections, duration: 3600 }, (err, res) => (err ? reject(err) : resolve(res)));
    });
    const started = performance.now();
    const planIds: string[] = [];
    try {
      for (const w of warehouses) planIds.push(await planWarehouse(base, cookie, w.id, date, args.solveSeconds));
    } finally {
      instance?.stop();
    }
    const planMs = Math.round(performance.now() - started);
    const busy = await loadRun;
    await stop(app);
    app = undefined;
    const totals = await planTotals(url, dataDir, planIds);
    const result = {
      date,
      database: url ? "postgresql" : "pglite",
      stops: totals.stops,
      generatedStops: args.stops,
      planMs,
      solveSeconds: args.solveSeconds,
      plans: planIds.length,
      vans: totals.vans,
      vansAvailable: args.vans,
      km: totals.km,
      unassigned: totals.unassigned,
      connections: args.connections,
      pageRpsIdle: idle.rps,
      pageRpsPlanning: Math.round(busy.requests.average),
      pageP99IdleMs: idle.p99Ms,
      pageP99PlanningMs: busy.latency.p99,
      pageErrors: idle.errors + busy.errors + idle.non2xx + busy.non2xx,
      targets: { pageP99PlanningMs: `≤ 2 × idle and ≤ 100` },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    if (app) await stop(app);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:day failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
