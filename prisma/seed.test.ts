import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStoredVariants } from "../app/modules/images/plan";
import { trunkEventFacts } from "../app/modules/trunk/trunk-event";
import { setStorage } from "../app/modules/storage/index.server";
import { localDiskStorage } from "../app/modules/storage/storage.server";
import { verifyPassword } from "../app/modules/auth/password.server";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-db";
import { createHash } from "node:crypto";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, passwordHashFor, shanghaiDay, shanghaiTime } from "../tests/factories";
import { DEMO_API_KEY } from "../tests/demo-accounts";
import { BUYERS } from "./seed-data";
import { buildWorld, SEED_REFUSED_MESSAGE, seedDemo, type SeedSummary } from "./seed";

const SANMING_COUNTIES = ["沙县区", "三元区", "永安市", "尤溪县", "将乐县", "泰宁县", "建宁县", "宁化县", "清流县", "明溪县", "大田县"];
// Shanghai's land area in WGS-84, with a little margin (Chongming reaches 31.87 N; Jinshan 30.68 N).
const SHANGHAI = { minLat: 30.66, maxLat: 31.9, minLng: 120.85, maxLng: 122.0 };
// Sanming prefecture.
const SANMING = { minLat: 25.5, maxLat: 27.1, minLng: 116.3, maxLng: 118.6 };

// A fixed run date: the assertions on dates below do not depend on when the suite runs.
const NOW = new Date("2026-11-29T02:00:00Z");

let t: TestDatabase;
let summary: SeedSummary;
// The demo photos' files go to a temporary folder, not the developer's uploads.
const uploads = mkdtempSync(path.join(tmpdir(), "hm-seed-uploads-"));
const storage = localDiskStorage(uploads);
beforeAll(async () => {
  setStorage(storage);
  t = await createTestDatabase();
  console.log(`[integration] seed test database: ${t.label}`);
  summary = await seedDemo(t.db.prisma, { now: NOW });
  console.log(`[integration] seedDemo took ${summary.durationMs} ms on ${t.label}`);
});
afterAll(async () => {
  setStorage(undefined);
  rmSync(uploads, { recursive: true, force: true });
  await t?.drop();
});

describe("seedDemo", () => {
  it("creates at least 20 Sanming sellers across at least 10 counties, including Shaxian snack suppliers", async () => {
    expect(summary.seeded).toBe(true);
    const sellers = await t.db.prisma.organization.findMany({
      where: { kind: { in: ["cooperative", "snack_supplier"] } },
      select: { kind: true, county: true, lat: true, lng: true, businessLicenceNo: true },
    });
    expect(sellers.length).toBeGreaterThanOrEqual(20);
    const counties = new Set(sellers.map((s) => s.county));
    expect([...counties].filter((c) => SANMING_COUNTIES.includes(c)).length).toBeGreaterThanOrEqual(10);
    expect(sellers.filter((s) => s.kind === "snack_supplier").length).toBeGreaterThanOrEqual(3);
    for (const s of sellers) {
      expect(SANMING_COUNTIES).toContain(s.county);
      expect(s.lat).toBeGreaterThan(SANMING.minLat);
      expect(s.lat).toBeLessThan(SANMING.maxLat);
      expect(s.lng).toBeGreaterThan(SANMING.minLng);
      expect(s.lng).toBeLessThan(SANMING.maxLng);
      expect(s.businessLicenceNo).toMatch(/^(91|93)35\d{4}[0-9A-HJ-NPQRTUWXY]{10}$/);
    }
  });

  it("creates at least 300 products with variants, decreasing price tiers and sane packs", async () => {
    const prisma = t.db.prisma;
    expect(await prisma.product.count()).toBeGreaterThanOrEqual(300);
    const variants = await prisma.variant.findMany({
      select: {
        sku: true,
        netWeightGrams: true,
        volumeCm3: true,
        product: { select: { nameZh: true, tempClass: true, category: true } },
        priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } },
      },
    });
    expect(variants.length).toBeGreaterThanOrEqual(300);
    for (const v of variants) {
      expect(v.netWeightGrams).toBeGreaterThan(0);
      expect(v.volumeCm3).toBeGreaterThan(0);
      expect(v.priceTiers.length, v.sku).toBeGreaterThanOrEqual(2);
      expect(v.priceTiers[0].minQuantity).toBe(1);
      for (let i = 0; i < v.priceTiers.length; i++) {
        expect(v.priceTiers[i].unitPriceFen).toBeGreaterThan(0);
        if (i > 0) expect(v.priceTiers[i].unitPriceFen, v.sku).toBeLessThan(v.priceTiers[i - 1].unitPriceFen);
      }
      // Plausible wholesale prices: between ¥0.50 and ¥3 000 per kg.
      const perKgYuan = v.priceTiers[0].unitPriceFen / 100 / (v.netWeightGrams / 1000);
      expect(perKgYuan, v.sku).toBeGreaterThan(0.5);
      expect(perKgYuan, v.sku).toBeLessThan(3000);
    }
    // Temperature classes follow the goods.
    const byName = (fragment: string) => variants.filter((v) => v.product.nameZh.includes(fragment));
    for (const v of byName("鲜香菇")) expect(v.product.tempClass).toBe("chilled");
    for (const v of byName("冬笋")) expect(v.product.tempClass).toBe("chilled");
    for (const v of byName("沙县扁肉")) expect(v.product.tempClass).toBe("frozen");
    for (const v of byName("绿茶")) expect(v.product.tempClass).toBe("ambient");
    for (const name of ["建宁通心白莲", "尤溪金柑", "明溪淮山", "清流豆腐皮", "沙县扁肉", "沙县拌面", "沙县蒸饺", "沙县烧卖", "红菇", "笋干", "香菇"]) {
      expect(byName(name).length, name).toBeGreaterThan(0);
    }
  });

  it("creates lots that expire after they were produced and opening stock for many variants", async () => {
    const prisma = t.db.prisma;
    const lots = await prisma.lot.findMany({ select: { producedAt: true, expiresAt: true, certificates: true } });
    expect(lots.length).toBeGreaterThan(200);
    for (const lot of lots) {
      expect(lot.expiresAt.getTime()).toBeGreaterThan(lot.producedAt.getTime());
      expect(lot.producedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(lot.expiresAt.getTime()).toBeGreaterThan(NOW.getTime());
      expect(Array.isArray(lot.certificates)).toBe(true);
    }
    const receipts = await prisma.stockLedger.groupBy({ by: ["variantId"], where: { kind: "receipt" } });
    expect(receipts.length).toBeGreaterThan(300);
    // No variant has negative stock in any warehouse, and every balance row equals its ledger.
    const onHand = await prisma.stockLedger.groupBy({ by: ["variantId", "warehouseId"], _sum: { onHandDelta: true } });
    for (const row of onHand) expect(row._sum?.onHandDelta ?? 0).toBeGreaterThanOrEqual(0);
    const ledger = await prisma.stockLedger.groupBy({ by: ["variantId"], _sum: { onHandDelta: true, reservedDelta: true } });
    const balances = new Map((await prisma.stockBalance.findMany({ select: { variantId: true, onHand: true, reserved: true } })).map((b) => [b.variantId, b]));
    expect(balances.size).toBe(ledger.length);
    for (const row of ledger) {
      expect(balances.get(row.variantId)).toEqual({ variantId: row.variantId, onHand: row._sum?.onHandDelta ?? 0, reserved: row._sum?.reservedDelta ?? 0 });
    }
  });

  it("creates at least 40 Shanghai buyers at WGS-84 coordinates inside Shanghai", async () => {
    const buyers = await t.db.prisma.organization.findMany({
      where: { kind: { in: ["wholesale_market", "canteen", "community_group"] } },
      select: { name: true, kind: true, county: true, lat: true, lng: true },
    });
    expect(buyers.length).toBeGreaterThanOrEqual(40);
    for (const kind of ["wholesale_market", "canteen", "community_group"] as const) expect(buyers.some((b) => b.kind === kind)).toBe(true);
    for (const b of buyers) {
      expect(b.county, b.name).toMatch(/区$/);
      expect(b.lat, b.name).toBeGreaterThan(SHANGHAI.minLat);
      expect(b.lat, b.name).toBeLessThan(SHANGHAI.maxLat);
      expect(b.lng, b.name).toBeGreaterThan(SHANGHAI.minLng);
      expect(b.lng, b.name).toBeLessThan(SHANGHAI.maxLng);
    }
    const names = buyers.map((b) => b.name);
    expect(names).toContain("上海西郊国际农产品交易中心");
    expect(names).toContain("上海江桥批发市场");
  });

  it("creates two warehouses with ambient, chilled and frozen rooms, at least 8 vans and a week of slots", async () => {
    const prisma = t.db.prisma;
    const warehouses = await prisma.warehouse.findMany({
      select: { name: true, lat: true, lng: true, operator: { select: { kind: true } }, coldRooms: { select: { tempClass: true, capacityGrams: true } } },
    });
    expect(warehouses).toHaveLength(2);
    for (const w of warehouses) {
      expect(w.operator.kind).toBe("platform");
      expect(new Set(w.coldRooms.map((r) => r.tempClass))).toEqual(new Set(["ambient", "chilled", "frozen"]));
      expect(w.lat).toBeGreaterThan(SHANGHAI.minLat);
      expect(w.lng).toBeLessThan(SHANGHAI.maxLng);
    }
    const vehicles = await prisma.vehicle.findMany({ select: { plate: true, tempClasses: true, payloadGrams: true, driver: { select: { phone: true } } } });
    expect(vehicles.length).toBeGreaterThanOrEqual(8);
    for (const v of vehicles) expect(v.plate).toMatch(/^沪[AB]·[A-HJ-NP-Z0-9]{5,6}$/);
    expect(vehicles.some((v) => v.driver?.phone === "13800000004")).toBe(true);

    // 05:00 in Shanghai is 21:00 UTC the day before; slots exist for each of the next 7 days in every district
    // with buyers, each closing at 14:00 Beijing time the day before.
    const districts = new Set(BUYERS.map((b) => b.district));
    for (let d = 1; d <= 7; d++) {
      const startsAt = shanghaiTime(shanghaiDay(NOW, d), 5);
      expect(startsAt.getUTCHours()).toBe(21);
      const slots = await prisma.deliverySlot.findMany({ where: { startsAt }, select: { district: true, cutoffAt: true, capacityChilledGrams: true } });
      expect(new Set(slots.map((s) => s.district))).toEqual(districts);
      for (const s of slots) {
        expect(s.cutoffAt).toEqual(shanghaiTime(shanghaiDay(NOW, d - 1), 14));
        expect(s.capacityChilledGrams).toBeGreaterThan(0);
      }
    }
  });

  it("gives every buyer a delivery point in its district, the demo canteen three, contract prices and an API key", async () => {
    const prisma = t.db.prisma;
    const points = await prisma.deliveryPoint.findMany({ select: { organizationId: true, district: true, organization: { select: { county: true, name: true } } } });
    const buyers = await prisma.organization.count({ where: { kind: { in: ["canteen", "wholesale_market", "community_group"] } } });
    expect(new Set(points.map((p) => p.organizationId)).size).toBe(buyers);
    for (const p of points) expect(p.district).toBe(p.organization.county);
    const demoBuyer = DEMO_ACCOUNTS.find((a) => a.role === "buyer")!.organizationName;
    expect(points.filter((p) => p.organization.name === demoBuyer)).toHaveLength(3);
    const contracts = await prisma.contractPrice.findMany({ select: { buyer: { select: { name: true } }, unitPriceFen: true, validFrom: true, validTo: true } });
    expect(contracts.length).toBeGreaterThan(0);
    for (const c of contracts) {
      expect(c.buyer.name).toBe(demoBuyer);
      expect(c.validTo!.getTime()).toBeGreaterThan(c.validFrom.getTime());
    }
    const key = await prisma.apiKey.findUniqueOrThrow({ where: { hash: createHash("sha256").update(DEMO_API_KEY).digest("hex") }, select: { organization: { select: { name: true } }, revokedAt: true } });
    expect(key).toEqual({ organization: { name: demoBuyer }, revokedAt: null });
  });

  it("gives every order a timeline that starts with the buyer placing it and follows its seller orders' statuses", async () => {
    const orders = await t.db.prisma.order.findMany({ select: { placedAt: true, events: { select: { event: true, toStatus: true, createdAt: true }, orderBy: { id: "asc" } }, sellerOrders: { select: { status: true, events: { select: { toStatus: true }, orderBy: { id: "desc" }, take: 1 } } } } });
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      expect(o.events[0]).toMatchObject({ event: "place", createdAt: o.placedAt });
      for (const so of o.sellerOrders) expect(so.events[0]?.toStatus ?? "placed").toBe(so.status);
    }
  });

  it("runs today's deliveries on published plans (the demo driver's route first) and tomorrow's packed orders on today's trunk", async () => {
    const { prisma } = t.db;
    const driver = DEMO_ACCOUNTS.find((a) => a.role === "driver")!;
    const route = await prisma.deliveryRoute.findFirstOrThrow({
      where: { driver: { phone: driver.phone }, plan: { status: "published" } },
      select: { vehicle: { select: { tempClasses: true } }, stops: { select: { sequence: true, status: true, windowStart: true, etaAt: true, orders: { select: { order: { select: { status: true } } } } }, orderBy: { sequence: "asc" } } },
    });
    expect(route.stops.length).toBeGreaterThanOrEqual(3);
    expect(route.stops.map((s) => s.sequence)).toEqual(route.stops.map((_, i) => i + 1));
    for (const s of route.stops) {
      expect(s.status).toBe("planned");
      expect(s.etaAt!.getTime()).toBeGreaterThanOrEqual(s.windowStart.getTime());
      expect(s.orders.length).toBeGreaterThan(0);
      for (const o of s.orders) expect(o.order.status).toBe("out_for_delivery");
    }
    // No demo stop is planned late: a stop the first van cannot reach in its window rides on the next van.
    const planned = await prisma.deliveryStop.findMany({ where: { plan: { status: "published" }, routeId: { not: null } }, select: { etaAt: true, windowStart: true, windowEnd: true } });
    expect(planned.length).toBeGreaterThanOrEqual(route.stops.length);
    for (const s of planned) {
      expect(s.etaAt!.getTime()).toBeGreaterThanOrEqual(s.windowStart.getTime());
      expect(s.etaAt!.getTime()).toBeLessThanOrEqual(s.windowEnd.getTime());
    }
    const packed = await prisma.sellerOrder.findMany({ where: { status: "packed" }, select: { trunkLoads: { select: { departure: { select: { departsAt: true, status: true } } } } } });
    expect(packed.length).toBeGreaterThan(5);
    for (const so of packed) {
      expect(so.trunkLoads.length).toBeGreaterThan(0);
      for (const l of so.trunkLoads) expect(l.departure.departsAt.getTime()).toBeGreaterThan(NOW.getTime() - 86_400_000);
    }
    expect(await prisma.trunkDeparture.count({ where: { status: "arrived" } })).toBeGreaterThan(0);
    // Their timeline events hold the facts the order pages word in the reader's language.
    const trunkEvents = await prisma.orderEvent.findMany({ where: { event: { in: ["trunk_assign", "trunk_depart", "trunk_arrive"] } }, select: { event: true, details: true } });
    expect(trunkEvents.length).toBeGreaterThan(0);
    for (const e of trunkEvents) expect(trunkEventFacts(e.event, e.details), e.event).not.toBeNull();
    const arrival = trunkEvents.find((e) => e.event === "trunk_arrive");
    expect(arrival && trunkEventFacts(arrival.event, arrival.details)?.warehouseNameEn).toMatch(/cold-chain warehouse$/);
  });

  it("books each slot with the nominal weight of its orders, per temperature class", async () => {
    const rows = await t.db.prisma.$queryRaw<{ id: string; booked: number; summed: number }[]>`
      SELECT s.id, (s.booked_ambient_grams + s.booked_chilled_grams + s.booked_frozen_grams)::int AS booked,
        COALESCE((SELECT SUM(l.weight_grams) FROM orders o JOIN seller_orders so ON so.order_id = o.id JOIN order_lines l ON l.seller_order_id = so.id
                  WHERE o.slot_id = s.id AND so.status <> 'cancelled'), 0)::int AS summed
      FROM delivery_slots s`;
    expect(rows.some((r) => r.booked > 0)).toBe(true);
    for (const r of rows) expect(r.booked).toBe(r.summed);
  });

  it("creates orders whose amounts add up, including some for the demo buyer and sellers", async () => {
    const orders = await t.db.prisma.order.findMany({
      select: {
        subtotalFen: true,
        deliveryFeeFen: true,
        totalFen: true,
        buyer: { select: { name: true } },
        sellerOrders: { select: { subtotalFen: true, seller: { select: { name: true } }, lines: { select: { quantity: true, unitPriceFen: true, lineTotalFen: true } } } },
      },
    });
    expect(orders.length).toBeGreaterThanOrEqual(8);
    for (const o of orders) {
      expect(o.totalFen).toBe(o.subtotalFen + o.deliveryFeeFen);
      expect(o.sellerOrders.reduce((s, so) => s + so.subtotalFen, 0)).toBe(o.subtotalFen);
      for (const so of o.sellerOrders) expect(so.lines.reduce((s, l) => s + l.lineTotalFen, 0)).toBe(so.subtotalFen);
    }
    const [buyerAccount, sellerAccount, secondSeller] = [DEMO_ACCOUNTS[1], DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[5]];
    expect(orders.some((o) => o.buyer.name === buyerAccount.organizationName)).toBe(true);
    expect(orders.some((o) => o.sellerOrders.some((so) => so.seller.name === sellerAccount.organizationName))).toBe(true);
    expect(orders.some((o) => o.sellerOrders.some((so) => so.seller.name === secondSeller.organizationName))).toBe(true);
  });

  it("gives every active product a cover photo whose variant files exist (shared per category)", async () => {
    const prisma = t.db.prisma;
    const active = await prisma.product.count({ where: { status: "active" } });
    const covers = await prisma.productPhoto.findMany({ where: { position: 0 }, select: { productId: true, width: true, placeholder: true, variants: true, product: { select: { status: true, category: true } } } });
    expect(summary.photos).toBe(active);
    expect(covers).toHaveLength(active);
    expect(covers.every((c) => c.product.status === "active")).toBe(true);
    const keysByCategory = new Map<string, string>();
    for (const c of covers) {
      const variants = parseStoredVariants(c.variants);
      expect(variants.map((v) => v.width)).toEqual([320, 640, 960]);
      expect(c.placeholder).toMatch(/^data:image\/webp;base64,/);
      const keys = variants.map((v) => v.key).join(",");
      expect(keysByCategory.get(c.product.category) ?? keys).toBe(keys);
      keysByCategory.set(c.product.category, keys);
    }
    for (const keys of keysByCategory.values()) {
      for (const key of keys.split(",")) expect((await storage.get(key))?.contentType, key).toBe("image/webp");
    }
  });

  it("creates every demo account with its role, organization and the demo password", async () => {
    const roles = new Set(DEMO_ACCOUNTS.map((a) => a.role));
    expect(roles).toEqual(new Set(["seller", "buyer", "operator", "driver", "admin"]));
    for (const account of DEMO_ACCOUNTS) {
      const user = await t.db.prisma.user.findUnique({
        where: { phone: account.phone },
        select: { displayName: true, passwordHash: true, memberships: { select: { role: true, organization: { select: { name: true } } } } },
      });
      expect(user, account.phone).not.toBeNull();
      expect(user?.displayName).toBe(account.displayName);
      expect(user?.memberships).toContainEqual({ role: account.role, organization: { name: account.organizationName } });
      expect(await verifyPassword(user?.passwordHash ?? "", DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(user?.passwordHash ?? "", "wrong-password")).toBe(false);
    }
  });

  it("refuses to seed a database that has data, and changes nothing", async () => {
    const before = await t.db.prisma.product.count();
    const again = await seedDemo(t.db.prisma, { now: NOW });
    expect(again.seeded).toBe(false);
    expect(again.reason).toBe(SEED_REFUSED_MESSAGE);
    expect(await t.db.prisma.product.count()).toBe(before);
  });

  it("with force, wipes and reseeds the same world, ids included", async () => {
    const names = async () => (await t.db.prisma.product.findMany({ select: { id: true, nameZh: true }, orderBy: { id: "asc" } })).map((p) => `${p.id} ${p.nameZh}`);
    const before = await names();
    const again = await seedDemo(t.db.prisma, { now: NOW, force: true });
    expect(again.seeded).toBe(true);
    expect(again.products).toBe(summary.products);
    expect(await names()).toEqual(before);
    expect(await t.db.prisma.organization.count()).toBe(summary.organizations);
    expect(await t.db.prisma.user.count()).toBe(summary.users);
  });
});

describe("buildWorld", () => {
  it("is deterministic: the same ids, names, SKUs and prices on every run", async () => {
    const hash = await passwordHashFor(DEMO_PASSWORD);
    const digest = (w: ReturnType<typeof buildWorld>) =>
      w.products.map((p) => `${p.product.id}|${p.product.nameZh}|${p.variants.map((v) => `${v.id}:${v.sku}:${v.label}`).join(",")}|${p.tiers.map((x) => x.unitPriceFen).join(",")}`);
    expect(digest(buildWorld(NOW, hash))).toEqual(digest(buildWorld(NOW, hash)));
  });
});
