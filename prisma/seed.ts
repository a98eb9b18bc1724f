/**
 * Demo data: a credible Sanming–Shanghai marketplace (sellers, catalogue, lots and stock, Shanghai
 * buyers, warehouses, vans, delivery slots and a few weeks of orders) built with the same factories
 * the tests use.
 *
 * `npm run db:seed -- --demo` seeds an empty database; adding `--force` wipes every row and
 * reseeds. A local quick start (npm start without NODE_ENV) calls seedDemo() when the embedded
 * database is empty; a production start never does.
 *
 * The world is deterministic (a seeded PRNG, fixed tables): only dates move with the run date, so
 * every run shows the same sellers, products and prices, with lots, slots and orders around "now".
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Prisma, PrismaClient, SellerOrderStatus, TempClass } from "../app/generated/prisma/client";
import { haversine } from "../app/modules/logistics/geo";
import { buildDemoPhotos } from "../app/modules/images/demo-photos.server";
import { getStorage, type Storage } from "../app/modules/storage/index.server";
import { reindexAll } from "../app/modules/search/index.server";
import {
  addDays,
  buildDeliveryPoint,
  buildDeliverySlot,
  buildLot,
  buildOrder,
  buildOrganization,
  buildProduct,
  buildUser,
  buildVehicle,
  buildWarehouse,
  bulkInsert,
  createRng,
  createStockEntries,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  foodBusinessLicence,
  foodProductionLicence,
  insertOrders,
  insertProducts,
  passwordHashFor,
  personName,
  shanghaiDay,
  shanghaiTime,
  seededUuids,
  unifiedSocialCreditCode,
  withIdSource,
  type Certificate,
  type Db,
  type OrderRows,
  type ProductRows,
  type Rng,
  type StockEntryInput,
  type UserInput,
} from "../tests/factories";
import { DEMO_API_KEY } from "../tests/demo-accounts";
import { buildDeliverySeed, type DeliverySeed } from "./seed-delivery";
import {
  BASES,
  BUYERS,
  COUNTY_EN,
  COUNTY_SHORT,
  DEMO_BUYER_POINTS,
  PLATFORM,
  REGION_CODES,
  SELLERS,
  SLOT_WINDOWS,
  VEHICLES,
  WAREHOUSES,
  type BaseKey,
  type BuyerSeed,
  type CertKind,
  type PackSpec,
  type ProductBase,
  type SellerSeed,
} from "./seed-data";

/** Printed (and returned as `reason`) when the database already holds data and --force was not given. */
export const SEED_REFUSED_MESSAGE = "Database already has data; nothing seeded (use --demo --force to wipe and reseed)";

/** Options of seedDemo. */
export interface SeedOptions {
  /** Progress lines (the CLI prints them). */
  log?: (line: string) => void;
  /** Wipe every row first (same transaction as the seeding). */
  force?: boolean;
  /** The run date that lots, slots and orders are placed around; defaults to now. */
  now?: Date;
  /** Where the demo photos' files go; defaults to getStorage() (local disk or the S3 bucket). */
  storage?: Storage;
}

/** What seedDemo did. */
export interface SeedSummary {
  seeded: boolean;
  /** Why nothing was seeded. */
  reason?: string;
  organizations: number;
  sellers: number;
  buyers: number;
  users: number;
  products: number;
  variants: number;
  priceTiers: number;
  lots: number;
  warehouses: number;
  coldRooms: number;
  vehicles: number;
  deliverySlots: number;
  stockEntries: number;
  orders: number;
  orderLines: number;
  /** Product photo rows (one cover per active product; the files are shared per category). */
  photos: number;
  durationMs: number;
}

// Fixed PRNG seed: the same world on every run.
const WORLD_SEED = 20_261_129;

// Every table, children before parents. (_prisma_migrations is not ours to wipe.)
const TABLES_CHILD_FIRST = [
  "delivery_actions",
  "delivery_stop_orders",
  "delivery_stops",
  "delivery_routes",
  "delivery_plans",
  "trunk_loads",
  "trunk_departures",
  "notifications",
  "email_messages",
  "audit_entries",
  "api_keys",
  "order_events",
  "cart_lines",
  "carts",
  "contract_prices",
  "search_documents",
  "search_terms",
  "stock_ledger",
  "stock_balances",
  "harvest_windows",
  "product_photos",
  "organization_files",
  "lot_attachments",
  "order_lines",
  "seller_orders",
  "orders",
  "delivery_points",
  "delivery_slots",
  "vehicles",
  "cold_rooms",
  "lots",
  "price_tiers",
  "variants",
  "products",
  "warehouses",
  "sessions",
  "login_attempts",
  "registration_attempts",
  "memberships",
  "users",
  "organizations",
];

/**
 * Deletes every row of every table (run it in a transaction). One TRUNCATE naming all tables
 * cannot trip a foreign key, and it takes one round trip where seventeen deleteMany calls take a
 * second of Prisma query compilation.
 */
export async function wipeAll(tx: Db): Promise<void> {
  await tx.$executeRawUnsafe(`TRUNCATE TABLE ${TABLES_CHILD_FIRST.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY`);
}

// ---------------------------------------------------------------------------------------------
// Small deterministic helpers

type SeededStatus = "delivered" | "out_for_delivery" | "packed" | "confirmed" | "placed";
/** A delivery point as the seed knows it. */
interface SeedPoint {
  id: string;
  address: string;
  lat: number;
  lng: number;
}

/**
 * The timeline a seeded order would have: placed by the buyer; each seller confirming within the hour; for the
 * shipped ones the warehouse receiving in the night and dispatching at the window's start, and delivery an hour in.
 */
function timelineOf(rows: OrderRows, status: SeededStatus, placedAt: Date, departed: Date): Prisma.OrderEventCreateManyInput[] {
  const orderId = rows.order.id as string;
  const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
  const events: Prisma.OrderEventCreateManyInput[] = [{ orderId, event: "place", actorId: rows.order.placedById, actorRole: "buyer", createdAt: placedAt }];
  const steps: [Prisma.OrderEventCreateManyInput["event"], SellerOrderStatus, SellerOrderStatus, string, Date][] = [];
  if (status !== "placed") steps.push(["confirm", "placed", "confirmed", "seller", at(placedAt, 40)]);
  if (status === "delivered" || status === "out_for_delivery" || status === "packed") steps.push(["pack", "confirmed", "packed", "seller", at(placedAt, 180)]);
  if (status === "delivered" || status === "out_for_delivery") {
    steps.push(["receive", "packed", "received", "operator", at(departed, -300)], ["dispatch", "received", "out_for_delivery", "operator", departed]);
  }
  if (status === "delivered") steps.push(["deliver", "out_for_delivery", "delivered", "operator", at(departed, 60)]);
  for (const so of rows.sellerOrders) {
    for (const [event, fromStatus, toStatus, actorRole, createdAt] of steps) {
      events.push({ orderId, sellerOrderId: so.id as string, event, fromStatus, toStatus, actorRole, createdAt: createdAt < placedAt ? placedAt : createdAt });
    }
  }
  return events;
}

/** The Beijing calendar day of an instant as a `date` column value (midnight UTC of that day). */
function beijingDate(at: Date): Date {
  const d = shanghaiDay(at);
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

/** FNV-1a hash: stable numbers (certificate serials) derived from names, independent of PRNG order. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const ymd = (d: { year: number; month: number; day: number }) => `${d.year}${pad(d.month, 2)}${pad(d.day, 2)}`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Rounds a price in fen to what a wholesaler would quote: 1 jiao under ¥10, 5 jiao under ¥100, else whole yuan. */
function priceStep(fen: number): number {
  return fen < 1000 ? 10 : fen < 10_000 ? 50 : 100;
}
function roundPrice(fen: number): number {
  const step = priceStep(fen);
  return Math.max(step, Math.round(fen / step) * step);
}

/** Quantity breaks by pack size: retail packs break at 20/100, cartons at 10/50, big sacks at 5/20. */
function tierBreaks(grams: number): number[] {
  if (grams <= 1000) return [1, 20, 100];
  if (grams <= 6000) return [1, 10, 50];
  return [1, 5, 20];
}

/** Price tiers for a pack, strictly decreasing with quantity. */
function priceTiers(rng: Rng, base: ProductBase, gradeFactor: number, pack: PackSpec) {
  const list = roundPrice(base.perKgFen * gradeFactor * pack.factor * rng.float(0.94, 1.06) * (pack.grams / 1000));
  const breaks = tierBreaks(pack.grams).slice(0, rng.chance(0.6) ? 3 : 2);
  const discounts = [0, rng.float(0.04, 0.07), rng.float(0.09, 0.13)];
  const tiers: { minQuantity: number; unitPriceFen: number }[] = [];
  for (let i = 0; i < breaks.length; i++) {
    let price = roundPrice(list * (1 - discounts[i]));
    const previous = tiers[i - 1]?.unitPriceFen;
    if (previous !== undefined && price >= previous) price = previous - priceStep(previous);
    if (price <= 0) break;
    tiers.push({ minQuantity: breaks[i], unitPriceFen: price });
  }
  return tiers;
}

/** Picks the packs a product is sold in: always the trade pack (the largest), usually plus one or two smaller. */
function choosePacks(rng: Rng, packs: readonly PackSpec[]): PackSpec[] {
  const largest = packs[packs.length - 1];
  // Some lines are sold by the carton only, as many cooperatives do.
  if (rng.chance(0.15)) return [largest];
  if (packs.length <= 2) return [...packs];
  const smaller = packs.slice(0, -1).filter(() => rng.chance(0.6));
  if (smaller.length === 0) smaller.push(rng.pick(packs.slice(0, -1)));
  return [...smaller, largest];
}

const GREEN_FOOD_CATEGORY: Record<string, string> = {
  rice_grains: "01",
  vegetables: "15",
  mushrooms: "15",
  bamboo_shoots: "15",
  fruit: "18",
  tea: "21",
  forest_goods: "16",
  bean_products: "07",
  snacks_prepared: "12",
  frozen_foods: "12",
};

/** The certificates of a seller's product line (stable numbers: the same certificate on every lot). */
function certificatesFor(seller: SellerSeed, baseKey: BaseKey, base: ProductBase, foodLicenceNo: string | null): Certificate[] {
  const h = hash(`${seller.code}:${baseKey}`);
  const out: Certificate[] = [];
  for (const kind of base.certs as readonly CertKind[]) {
    switch (kind) {
      case "green_food":
        // 绿色食品 logo licence: LB-<category>-<yymm><province 13 = Fujian><serial>A
        out.push({ kind, number: `LB-${GREEN_FOOD_CATEGORY[base.category]}-${22 + (h % 4)}${pad(1 + (h % 12), 2)}13${pad(h % 100_000, 5)}A` });
        break;
      case "organic":
        // 有机产品认证证书: certifier code, OP (organic production), year, serial
        out.push({ kind, number: `136OP${22 + (h % 4)}${pad(h % 100_000, 5)}` });
        break;
      case "geo_indication":
        // 农产品地理标志登记证书: one number per product name (not per seller)
        out.push({ kind, number: `AGI${pad(hash(base.zh) % 100_000, 5)}` });
        break;
      case "sc_licence":
        if (foodLicenceNo?.startsWith("SC")) out.push({ kind, number: foodLicenceNo });
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// World builder (pure: no database access)

interface VariantInfo {
  id: string;
  sellerId: string;
  sku: string;
  productNameZh: string;
  productNameEn: string;
  variableWeight: boolean;
  grams: number;
  tiers: { minQuantity: number; unitPriceFen: number }[];
  tempClass: TempClass;
  lotIds: string[];
}

interface World {
  organizations: Prisma.OrganizationCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  memberships: Prisma.MembershipCreateManyInput[];
  products: ProductRows[];
  lots: Prisma.LotCreateManyInput[];
  warehouses: Prisma.WarehouseCreateManyInput[];
  coldRooms: Prisma.ColdRoomCreateManyInput[];
  vehicles: Prisma.VehicleCreateManyInput[];
  slots: Prisma.DeliverySlotCreateManyInput[];
  deliveryPoints: Prisma.DeliveryPointCreateManyInput[];
  contractPrices: Prisma.ContractPriceCreateManyInput[];
  apiKeys: Prisma.ApiKeyCreateManyInput[];
  orderEvents: Prisma.OrderEventCreateManyInput[];
  delivery: DeliverySeed;
  stock: StockEntryInput[];
  orders: OrderRows[];
  sellerCount: number;
  buyerCount: number;
}

/**
 * Builds every row of the demo world in memory; `passwordHash` is the one hash all users share.
 * Row ids come from a seeded source too, so a reseed recreates the same ids.
 */
export function buildWorld(now: Date, passwordHash: string): World {
  return withIdSource(seededUuids(WORLD_SEED + 1), () => buildRows(now, passwordHash));
}

function buildRows(now: Date, passwordHash: string): World {
  const rng = createRng(WORLD_SEED);
  const organizations: Prisma.OrganizationCreateManyInput[] = [];
  const orgIdByName = new Map<string, string>();
  const addOrg = (row: Prisma.OrganizationCreateManyInput) => {
    organizations.push(row);
    orgIdByName.set(row.name, row.id as string);
    return row.id as string;
  };

  // Organizations -------------------------------------------------------------------------------
  const platformId = addOrg(
    buildOrganization({
      kind: "platform",
      name: PLATFORM.name,
      nameEn: PLATFORM.nameEn,
      county: PLATFORM.district,
      address: PLATFORM.address,
      lat: PLATFORM.lat,
      lng: PLATFORM.lng,
      businessLicenceNo: unifiedSocialCreditCode("91", REGION_CODES[PLATFORM.district], 1),
      foodLicenceNo: foodBusinessLicence(1, REGION_CODES[PLATFORM.district], 2026),
      createdAt: addDays(now, -420),
    }),
  );

  const sellerIds: string[] = [];
  const sellerFoodLicence: (string | null)[] = [];
  SELLERS.forEach((s, i) => {
    const region = REGION_CODES[s.county];
    const foodLicenceNo = s.scCategory ? foodProductionLicence(s.scCategory, region, 101 + i * 37) : null;
    sellerFoodLicence.push(foodLicenceNo);
    sellerIds.push(
      addOrg(
        buildOrganization({
          kind: s.kind,
          name: s.name,
          nameEn: s.nameEn,
          county: s.county,
          address: s.address,
          lat: s.lat,
          lng: s.lng,
          businessLicenceNo: unifiedSocialCreditCode(s.kind === "cooperative" ? "93" : "91", region, 1000 + i),
          foodLicenceNo,
          // A minimum order value per delivery for most sellers (¥200 / ¥300 / ¥500), none for a few.
          minOrderValueFen: [30_000, 20_000, 50_000, 0][i % 4],
          createdAt: addDays(now, -(400 - i * 9)),
        }),
      ),
    );
  });

  const buyerIds: string[] = [];
  BUYERS.forEach((bu, i) => {
    const region = REGION_CODES[bu.district];
    const university = bu.name.includes("大学");
    const licenceCategory = bu.kind === "community_group" ? "92" : university ? "12" : "91";
    buyerIds.push(
      addOrg(
        buildOrganization({
          kind: bu.kind,
          name: bu.name,
          nameEn: bu.nameEn,
          county: bu.district,
          address: bu.address,
          lat: bu.lat,
          lng: bu.lng,
          businessLicenceNo: unifiedSocialCreditCode(licenceCategory, region, 5000 + i),
          foodLicenceNo: foodBusinessLicence(bu.kind === "canteen" ? 3 : 1, region, 300 + i * 53),
          createdAt: addDays(now, -(300 - i * 5)),
        }),
      ),
    );
  });

  // Users: the demo accounts first, then colleagues in each organization ------------------------
  const users: Prisma.UserCreateManyInput[] = [];
  const memberships: Prisma.MembershipCreateManyInput[] = [];
  const addUser = (input: UserInput) => {
    const { user, membership } = buildUser(input, passwordHash);
    users.push(user);
    memberships.push(membership);
    return user.id as string;
  };
  const demoUserIds = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const organizationId = orgIdByName.get(account.organizationName);
    if (!organizationId) throw new Error(`Demo account ${account.phone}: organization "${account.organizationName}" is not in the seed data`);
    // Reserved example.com addresses: e-mail notifications of the demo land in the outbox (or a test SMTP server).
    demoUserIds.set(account.phone, addUser({ phone: account.phone, displayName: account.displayName, role: account.role, organizationId, email: `${account.role}.demo@example.com` }));
  }
  let nameNo = 7;
  let sellerPhone = 1;
  SELLERS.forEach((s, i) => {
    for (let k = 0; k < s.extraUsers; k++) {
      addUser({ phone: `1370598${pad(sellerPhone++, 4)}`, displayName: personName(nameNo++), role: "seller", organizationId: sellerIds[i] });
    }
  });
  let buyerPhone = 1;
  const buyerUserIds: string[] = [];
  BUYERS.forEach((bu, i) => {
    // Canteens and markets have a purchasing team; a group-buy pickup point is one organiser.
    const count = bu.kind === "community_group" ? 1 : 2;
    for (let k = 0; k < count; k++) {
      const locale = (i + k) % 9 === 4 ? "en" : "zh";
      const id = addUser({ phone: `1370021${pad(buyerPhone++, 4)}`, displayName: personName(nameNo++), role: "buyer", organizationId: buyerIds[i], locale });
      if (k === 0) buyerUserIds.push(id);
    }
  });
  addUser({ phone: "13900210001", displayName: personName(nameNo++), role: "operator", organizationId: platformId });
  addUser({ phone: "13900210002", displayName: personName(nameNo++), role: "operator", organizationId: platformId });
  const driverIds = [demoUserIds.get("13800000004") as string];
  for (let k = 1; k < VEHICLES.length; k++) {
    driverIds.push(addUser({ phone: `1390021${pad(100 + k, 4)}`, displayName: `${personName(nameNo++)}`, role: "driver", organizationId: platformId }));
  }

  // Warehouses, cold rooms, vehicles, slots ----------------------------------------------------
  const warehouses: Prisma.WarehouseCreateManyInput[] = [];
  const coldRooms: Prisma.ColdRoomCreateManyInput[] = [];
  const warehouseIdByCode = new Map<string, string>();
  for (const w of WAREHOUSES) {
    // Jiangqiao is the main site next to the wholesale market; Kangqiao is the smaller east-side cross-dock.
    const scale = w.code === "JQ" ? 1 : 0.6;
    const built = buildWarehouse({
      operatorId: platformId,
      name: w.name,
      nameEn: w.nameEn,
      district: w.district,
      address: w.address,
      lat: w.lat,
      lng: w.lng,
      coldRooms: [
        { name: "A 常温库 Ambient store", tempClass: "ambient", capacityGrams: Math.round(80_000_000 * scale), capacityLitres: Math.round(500_000 * scale) },
        { name: "B 冷藏库 0–4 °C chilled room", tempClass: "chilled", capacityGrams: Math.round(50_000_000 * scale), capacityLitres: Math.round(300_000 * scale) },
        { name: "C 冷冻库 ≤ −18 °C frozen room", tempClass: "frozen", capacityGrams: Math.round(40_000_000 * scale), capacityLitres: Math.round(180_000 * scale) },
        { name: "D 预冷间 pre-cooling room", tempClass: "chilled", capacityGrams: Math.round(8_000_000 * scale), capacityLitres: Math.round(60_000 * scale) },
      ],
    });
    warehouses.push(built.warehouse);
    coldRooms.push(...built.coldRooms);
    warehouseIdByCode.set(w.code, built.warehouse.id as string);
  }
  const vehicles = VEHICLES.map((v, i) =>
    buildVehicle({
      warehouseId: warehouseIdByCode.get(v.warehouse) as string,
      plate: v.plate,
      tempClasses: v.tempClasses,
      payloadGrams: v.payloadKg * 1000,
      volumeLitres: Math.round(v.volumeM3 * 1000),
      driverId: driverIds[i],
      restricted: v.restricted ?? false,
      zonePermits: v.zonePermits ?? [],
    }),
  );
  // Delivery points: one per buyer at its address; the demo university has three canteens.
  const deliveryPoints: Prisma.DeliveryPointCreateManyInput[] = [];
  const pointsByBuyer = new Map<number, SeedPoint[]>();
  BUYERS.forEach((bu, i) => {
    const points = i === 0 ? DEMO_BUYER_POINTS : [{ name: bu.name, nameEn: bu.nameEn, address: bu.address, lat: bu.lat, lng: bu.lng, receivingFrom: bu.kind === "community_group" ? "13:00" : "04:30", receivingTo: bu.kind === "community_group" ? "18:00" : "10:00" }];
    points.forEach((pt, k) => {
      const row = buildDeliveryPoint({
        organizationId: buyerIds[i],
        name: pt.name,
        nameEn: pt.nameEn,
        district: bu.district,
        address: pt.address,
        lat: pt.lat,
        lng: pt.lng,
        receivingFrom: pt.receivingFrom,
        receivingTo: pt.receivingTo,
        contactName: personName(900 + i * 3 + k),
        contactPhone: `1380021${pad(i * 3 + k + 1, 4)}`,
      });
      deliveryPoints.push(row);
      pointsByBuyer.set(i, [...(pointsByBuyer.get(i) ?? []), { id: row.id as string, address: pt.address, lat: pt.lat, lng: pt.lng }]);
    });
  });

  // Slots per district with buyers, from the warehouse nearest to the district's first buyer: two weeks of
  // history (the past orders' slots) and the coming week, each closing at 14:00 the day before.
  const slots: Prisma.DeliverySlotCreateManyInput[] = [];
  const slotById = new Map<string, Prisma.DeliverySlotCreateManyInput>();
  const slotId = new Map<string, string>();
  const districtWarehouse = new Map<string, (typeof WAREHOUSES)[number]>();
  for (const bu of BUYERS) {
    if (!districtWarehouse.has(bu.district)) districtWarehouse.set(bu.district, WAREHOUSES.reduce((best, w) => (haversine(w, bu) < haversine(best, bu) ? w : best)));
  }
  for (let offset = -14; offset <= 7; offset++) {
    const day = shanghaiDay(now, offset);
    for (const [district, w] of districtWarehouse) {
      for (const win of SLOT_WINDOWS) {
        // About 150 kg per temperature class for each order the window used to take.
        const grams = win.capacity * 150_000 * (w.code === "JQ" ? 1 : 0.75);
        const slot = buildDeliverySlot({
          warehouseId: warehouseIdByCode.get(w.code) as string,
          district,
          startsAt: shanghaiTime(day, win.start),
          endsAt: shanghaiTime(day, win.end),
          capacityGrams: { ambient: grams, chilled: grams, frozen: Math.round(grams * 0.6) },
        });
        slots.push(slot);
        slotById.set(slot.id as string, slot);
        slotId.set(`${district}:${offset}:${win.start}`, slot.id as string);
      }
    }
  }

  // Catalogue -----------------------------------------------------------------------------------
  const products: ProductRows[] = [];
  const lots: Prisma.LotCreateManyInput[] = [];
  const variantsBySeller = new Map<string, VariantInfo[]>();
  const stock: StockEntryInput[] = [];
  const onHand = new Map<string, number>(); // `${variantId}:${warehouseCode}` → packs
  SELLERS.forEach((seller, si) => {
    const sellerId = sellerIds[si];
    const infos: VariantInfo[] = [];
    let productNo = 0;
    let lotNo = 0;
    for (const baseKey of seller.bases) {
      const base: ProductBase = BASES[baseKey];
      const certificates = certificatesFor(seller, baseKey, base, sellerFoodLicence[si]);
      for (const [gradeZh, gradeEn, gradeFactor] of base.grades) {
        productNo += 1;
        const prefixZh = base.placePrefix ? COUNTY_SHORT[seller.county] : "";
        const prefixEn = base.placePrefix ? `${COUNTY_EN[seller.county]} ` : "";
        const nameZh = `${prefixZh}${base.zh}${gradeZh ? `（${gradeZh}）` : ""}`;
        const nameEn = capitalise(`${prefixEn}${base.en}${gradeEn ? ` (${gradeEn})` : ""}`);
        const packs = choosePacks(rng, base.packs);
        const variants = packs.map((pack, vi) => ({
          sku: `${seller.code}-${pad(productNo, 3)}-${vi + 1}`,
          unit: pack.unit,
          label: pack.label,
          netWeightGrams: pack.grams,
          // "5 kg/箱（10×500 g）", "2.5 L×4 桶/箱": the items inside, so pages compose "box of 10 × 500 g".
          itemCount: itemCountOf(pack.label, pack.grams),
          volumeCm3: Math.max(1, Math.round(pack.grams / base.density)),
          variableWeight: base.variableWeight ?? false,
          tiers: priceTiers(rng, base, gradeFactor, pack),
        }));
        // The demo seller keeps two drafts so its console shows the draft state too.
        const status = si === 0 && productNo > 28 ? "draft" : "active";
        const rows = buildProduct({
          sellerId,
          category: base.category,
          nameZh,
          nameEn,
          descriptionZh: `产地：福建省三明市${seller.county}。${base.descZh}`,
          descriptionEn: `From ${COUNTY_EN[seller.county]}, Sanming, Fujian. ${base.descEn}`,
          originCounty: seller.county,
          tempClass: base.temp,
          shelfLifeDays: base.shelfLifeDays,
          status,
          variants,
        });
        products.push(rows);

        rows.variants.forEach((v, vi) => {
          const info: VariantInfo = {
            id: v.id as string,
            sellerId,
            sku: v.sku,
            productNameZh: nameZh,
            productNameEn: nameEn,
            variableWeight: v.variableWeight ?? false,
            grams: v.netWeightGrams,
            tiers: variants[vi].tiers,
            tempClass: base.temp,
            lotIds: [],
          };
          if (status === "active") infos.push(info);
          // Lots: most variants have one, some two; the older lot is never past its expiry.
          const lotCount = status === "active" && rng.chance(0.72) ? (rng.chance(0.35) ? 2 : 1) : 0;
          const maxAge = Math.max(1, Math.min(120, Math.floor(base.shelfLifeDays * 0.35)));
          let age = rng.int(0, Math.min(maxAge, base.shelfLifeDays <= 15 ? 2 : maxAge));
          for (let l = 0; l < lotCount; l++) {
            const producedDay = shanghaiDay(now, -age);
            lotNo += 1;
            const lot = buildLot({
              variantId: info.id,
              code: `${seller.code}${ymd(producedDay)}-${pad(lotNo, 3)}`,
              producedAt: shanghaiTime(producedDay, 6),
              shelfLifeDays: base.shelfLifeDays,
              certificates,
            });
            lots.push(lot);
            info.lotIds.push(lot.id as string);
            age += rng.int(1, Math.max(1, Math.floor(maxAge / 2)));
            if (age >= base.shelfLifeDays) break;
          }
          // Opening stock: a receipt per lot (or one without a lot for about half of the rest).
          const receipts = info.lotIds.length > 0 ? info.lotIds.map((lotId) => ({ lotId })) : status === "active" && rng.chance(0.5) ? [{ lotId: null }] : [];
          for (const r of receipts) {
            const code = rng.chance(0.6) ? "JQ" : "KQ";
            const quantity = info.grams <= 1000 ? rng.int(40, 300) : info.grams <= 6000 ? rng.int(20, 120) : rng.int(10, 60);
            const lot = r.lotId ? lots.find((x) => x.id === r.lotId) : undefined;
            const arrived = lot ? new Date(Math.min(now.getTime(), (lot.producedAt as Date).getTime() + 86_400_000)) : addDays(now, -2);
            stock.push({ variantId: info.id, warehouseId: warehouseIdByCode.get(code), lotId: r.lotId, kind: "receipt", onHandDelta: quantity, note: "期初入库 opening stock", createdAt: arrived });
            onHand.set(`${info.id}:${code}`, (onHand.get(`${info.id}:${code}`) ?? 0) + quantity);
          }
        });
      }
    }
    variantsBySeller.set(sellerId, infos);
  });

  // Orders: two weeks of history and the next few days ------------------------------------------
  const orders: OrderRows[] = [];
  const orderEvents: Prisma.OrderEventCreateManyInput[] = [];
  // The van leaves the warehouse at the start of the delivery window.
  const departure = (offset: number, hour: number) => shanghaiTime(shanghaiDay(now, offset), hour);
  const deliveryOffsets = [-12, -10, -9, -7, -6, -5, -4, -3, -3, -2, -2, -1, -1, 0, 1, 1, 1, 2, 2, 3];
  const numberPerDay = new Map<string, number>();
  const notes = ["", "", "", "请走北门卸货 Please unload at the north gate", "冻品请单独装箱", "早上 6 点前送达", ""];
  /** What an extra order is for when it is not one of the history's (which draws buyer and status from its offset). */
  interface OrderPlan {
    buyerIndex: number;
    status: SeededStatus;
    point?: SeedPoint;
    placedAt?: Date;
  }
  /** Builds one order (lines from sellers with stock near the buyer), its timeline, slot booking and stock movements. */
  const seedOrder = (offset: number, i: number, r: Rng, plan?: OrderPlan): OrderRows | undefined => {
    const buyerIndex = plan ? plan.buyerIndex : i % 4 === 0 ? 0 : 1 + r.int(0, BUYERS.length - 2);
    const buyer: BuyerSeed = BUYERS[buyerIndex];
    const nearest = WAREHOUSES.reduce((best, w) => (haversine(w, buyer) < haversine(best, buyer) ? w : best));
    const point = plan?.point ?? pointsByBuyer.get(buyerIndex)?.[0];
    const win = buyer.kind === "community_group" ? 14 : buyer.name.includes("大学") || buyer.kind === "wholesale_market" ? 5 : 8;
    const status: SeededStatus = plan ? plan.status : offset < 0 ? "delivered" : offset === 0 ? "out_for_delivery" : offset === 1 ? "confirmed" : "placed";
    const shipped = status === "delivered" || status === "out_for_delivery";
    const sellerStatus = status;
    // Ordered the day before delivery; orders for the coming days were placed in the last hours.
    let placedAt = plan?.placedAt ?? shanghaiTime(shanghaiDay(now, offset - 1), r.int(9, 21), r.int(0, 59));
    if (placedAt > now) placedAt = new Date(now.getTime() - (deliveryOffsets.length - i) * 23 * 60_000);
    const placedDay = shanghaiDay(placedAt);

    const sellerIndexes = new Set<number>();
    if (i % 2 === 0) sellerIndexes.add(0); // the demo seller sees plenty of orders
    if (i % 3 === 0) sellerIndexes.add(4); // and so does the second demo seller
    while (sellerIndexes.size < 1 + (i % 3)) sellerIndexes.add(r.int(0, SELLERS.length - 1));

    const sellerOrders = [...sellerIndexes].flatMap((si) => {
      const candidates = (variantsBySeller.get(sellerIds[si]) ?? []).filter((v) => (onHand.get(`${v.id}:${nearest.code}`) ?? 0) >= 4);
      if (candidates.length === 0) return [];
      const chosen = new Set<VariantInfo>();
      const lineCount = r.int(1, 3);
      while (chosen.size < Math.min(lineCount, candidates.length)) chosen.add(r.pick(candidates));
      const lines = [...chosen].map((v) => {
        const available = onHand.get(`${v.id}:${nearest.code}`) ?? 0;
        const wanted = v.grams <= 1000 ? r.int(5, 40) : v.grams <= 6000 ? r.int(2, 15) : r.int(1, 6);
        // Keep a line under about ¥3 000 so one precious item (红菇, 美人茶) does not dwarf the order.
        const affordable = Math.max(1, Math.floor(300_000 / v.tiers[0].unitPriceFen));
        const quantity = Math.max(1, Math.min(wanted, affordable, Math.floor(available / 2)));
        // Shipped orders were cross-docked (see below); only open orders hold back opening stock.
        if (!shipped) onHand.set(`${v.id}:${nearest.code}`, available - quantity);
        const tier = [...v.tiers].reverse().find((t) => quantity >= t.minQuantity) ?? v.tiers[0];
        const confirmed = status !== "placed";
        return {
          variant: v,
          line: {
            variantId: v.id,
            productNameZh: v.productNameZh,
            productNameEn: v.productNameEn,
            sku: v.sku,
            netWeightGrams: v.grams,
            variableWeight: v.variableWeight,
            tempClass: v.tempClass,
            quantity,
            unitPriceFen: tier.unitPriceFen,
            weightGrams: v.grams * quantity,
            // Confirmed orders ship in full; variable-weight lines of shipped orders were weighed at the nominal weight.
            shippedQuantity: confirmed ? quantity : null,
            actualGrams: (shipped || status === "packed") && v.variableWeight ? v.grams * quantity : null,
            chargedFen: confirmed ? tier.unitPriceFen * quantity : null,
          },
        };
      });
      return [{ sellerId: sellerIds[si], status: sellerStatus, lines: lines.map((l) => l.line), picked: lines }];
    });
    if (sellerOrders.length === 0) return undefined;

    const subtotal = sellerOrders.reduce((sum, so) => sum + so.lines.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0), 0);
    const key = ymd(placedDay);
    const seq = (numberPerDay.get(key) ?? 0) + 1;
    numberPerDay.set(key, seq);
    const slotStart = slotId.get(`${buyer.district}:${offset}:${win}`);
    const rows = buildOrder({
      number: `HM-${key}-${pad(seq, 4)}`,
      buyerId: buyerIds[buyerIndex],
      placedById: buyerIndex === 0 ? (demoUserIds.get("13800000002") as string) : buyerUserIds[buyerIndex],
      status,
      slotId: slotStart ?? null,
      deliveryPointId: point?.id ?? null,
      deliveryAddress: point?.address ?? buyer.address,
      lat: point?.lat ?? buyer.lat,
      lng: point?.lng ?? buyer.lng,
      // Free delivery from ¥500; below that a flat ¥20 cold-chain fee.
      deliveryFeeFen: subtotal >= 50_000 ? 0 : 2_000,
      note: r.pick(notes),
      placedAt,
      sellerOrders: sellerOrders.map(({ sellerId, status: s, lines }) => ({ sellerId, status: s, lines })),
    });
    orders.push(rows);
    orderEvents.push(...timelineOf(rows, status, placedAt, departure(offset, win)));
    // The order's nominal weight is booked on its slot, per temperature class.
    const bookedSlot = slotStart ? slotById.get(slotStart) : undefined;
    if (bookedSlot) {
      for (const line of rows.lines) {
        const key = line.tempClass === "frozen" ? "bookedFrozenGrams" : line.tempClass === "chilled" ? "bookedChilledGrams" : "bookedAmbientGrams";
        bookedSlot[key] = (bookedSlot[key] ?? 0) + line.weightGrams;
      }
    }

    // Stock follows the orders. Shipped orders were cross-docked: the goods came in on the overnight
    // truck from Sanming and left on the morning van, so the ledger shows that inbound receipt
    // followed by the shipment. Open orders reserve opening stock.
    const picked = sellerOrders.flatMap((so) => so.picked);
    const departed = departure(offset, win);
    rows.lines.forEach((line, li) => {
      const v = picked[li].variant;
      const warehouseId = warehouseIdByCode.get(nearest.code);
      if (shipped) {
        stock.push({ variantId: v.id, warehouseId, kind: "receipt", onHandDelta: line.quantity, note: `到货入库 inbound for ${rows.order.number}`, createdAt: new Date(departed.getTime() - 8 * 3_600_000) });
      }
      stock.push({
        variantId: v.id,
        warehouseId,
        lotId: shipped ? null : (v.lotIds[0] ?? null),
        orderLineId: line.id as string,
        kind: shipped ? "shipment" : "reservation",
        // A shipment leaves on-hand stock; an open order holds some of it back (reserved).
        ...(shipped ? { onHandDelta: -line.quantity } : { reservedDelta: line.quantity }),
        note: rows.order.number,
        createdAt: shipped ? departed : placedAt,
      });
    });
    return rows;
  };
  deliveryOffsets.forEach((offset, i) => void seedOrder(offset, i, rng));

  // Delivery operations (issue 10): more of today's and tomorrow's orders from a generator of their own (the
  // history above stays as it was), tomorrow's packed ones on today's trunk, today's on the published plans.
  const extraRng = createRng(WORLD_SEED + 10);
  const servedFrom = (bi: number) => districtWarehouse.get(BUYERS[bi].district)?.code;
  const institutional = BUYERS.map((_, bi) => bi).filter((bi) => bi > 0 && BUYERS[bi].kind !== "community_group");
  const pick = (code: string, n: number, skip: number) => institutional.filter((bi) => servedFrom(bi) === code).slice(skip, skip + n);
  const demoPoints = pointsByBuyer.get(0) ?? [];
  const extra = (offset: number, status: SeededStatus, buyers: number[], demoPoint: SeedPoint | undefined) => {
    const placed = (k: number) => shanghaiTime(shanghaiDay(now, offset - 2), 16 + (k % 5), (k * 7) % 60);
    const plans = [...buyers.map((buyerIndex) => ({ buyerIndex, status })), ...(demoPoint ? [{ buyerIndex: 0, status, point: demoPoint }] : [])];
    return plans.flatMap((plan, k) => seedOrder(offset, 100 + k, extraRng, { ...plan, placedAt: placed(k) }) ?? []);
  };
  const todayOrders = [...extra(0, "out_for_delivery", [...pick("JQ", 4, 0), ...pick("KQ", 3, 0)], demoPoints[1])];
  const tomorrowPacked = extra(1, "packed", [...pick("JQ", 5, 4), ...pick("KQ", 4, 3)], demoPoints[2]);
  const earlierToday = orders.filter((o) => o.order.status === "out_for_delivery" && !todayOrders.includes(o));
  const volumeCm3 = new Map(products.flatMap((p) => p.variants.map((v) => [v.id as string, v.volumeCm3] as const)));
  const delivery = buildDeliverySeed({
    now,
    newId: seededUuids(WORLD_SEED + 11),
    warehouses: WAREHOUSES.map((w) => ({ id: warehouseIdByCode.get(w.code) as string, code: w.code, name: w.name, nameEn: w.nameEn, lat: w.lat, lng: w.lng })),
    vehicles: vehicles.map((v) => ({ id: v.id as string, warehouseId: v.warehouseId, driverId: v.driverId ?? null })),
    slots: new Map([...slotById].map(([id, sl]) => [id, { warehouseId: sl.warehouseId, startsAt: sl.startsAt as Date, endsAt: sl.endsAt as Date }])),
    points: new Map(deliveryPoints.map((dp) => [dp.id as string, { name: dp.name, nameEn: dp.nameEn ?? "", address: dp.address, lat: dp.lat, lng: dp.lng, contactName: dp.contactName, contactPhone: dp.contactPhone }])),
    volumeCm3,
    today: [...earlierToday, ...todayOrders],
    todayByTrunk: todayOrders,
    tomorrowPacked,
    operatorId: demoUserIds.get("13800000003") as string,
  });
  orderEvents.push(...delivery.events);
  // Ids of order_events follow insertion: in time order, so the newest event of a seller order is its status.
  orderEvents.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());

  // Contract prices: the demo canteen buys the first demo seller's first three packs at 8 % below the list price,
  // from a month ago to two months ahead.
  const contractPrices: Prisma.ContractPriceCreateManyInput[] = (variantsBySeller.get(sellerIds[0]) ?? []).slice(0, 3).map((v) => ({
    sellerId: sellerIds[0],
    buyerId: buyerIds[0],
    variantId: v.id,
    unitPriceFen: Math.round(v.tiers[0].unitPriceFen * 0.92),
    validFrom: beijingDate(addDays(now, -30)),
    validTo: beijingDate(addDays(now, 60)),
    note: "2026 学年度框架协议 Framework agreement",
  }));

  // The demo canteen's API key (published in the README: demo only).
  const apiKeys: Prisma.ApiKeyCreateManyInput[] = [
    {
      organizationId: buyerIds[0],
      name: "演示采购系统 Demo purchasing system",
      prefix: DEMO_API_KEY.slice(0, 11),
      hash: createHash("sha256").update(DEMO_API_KEY).digest("hex"),
      scopes: ["catalog:read", "orders:read", "orders:write"],
      createdById: demoUserIds.get("13800000002") ?? null,
    },
  ];

  return {
    organizations,
    users,
    memberships,
    products,
    lots,
    warehouses,
    coldRooms,
    vehicles,
    slots,
    deliveryPoints,
    contractPrices,
    apiKeys,
    orderEvents,
    delivery,
    stock,
    orders,
    sellerCount: SELLERS.length,
    buyerCount: BUYERS.length,
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Seeds the demo world in one transaction. Refuses (returns `seeded: false`, changes nothing) when
 * any organization exists, unless `force` is set, in which case every row is deleted first.
 */
export async function seedDemo(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  // One argon2id hash shared by every seeded user: hashing per user would cost seconds.
  const passwordHash = await passwordHashFor(DEMO_PASSWORD);
  const world = buildWorld(now, passwordHash);

  const empty: SeedSummary = {
    seeded: false,
    organizations: 0,
    sellers: 0,
    buyers: 0,
    users: 0,
    products: 0,
    variants: 0,
    priceTiers: 0,
    lots: 0,
    warehouses: 0,
    coldRooms: 0,
    vehicles: 0,
    deliverySlots: 0,
    stockEntries: 0,
    orders: 0,
    orderLines: 0,
    photos: 0,
    durationMs: 0,
  };

  let photos = 0;
  const seeded = await prisma.$transaction(
    async (tx) => {
      if (options.force) {
        log("Deleting all existing rows …");
        await wipeAll(tx);
      } else if ((await tx.organization.count()) > 0) {
        return false;
      }
      log(`Seeding ${world.organizations.length} organizations and ${world.users.length} users …`);
      await bulkInsert(tx, "organizations", world.organizations);
      await bulkInsert(tx, "users", world.users);
      await bulkInsert(tx, "memberships", world.memberships);
      log(`Seeding ${world.products.length} products …`);
      await insertProducts(tx, world.products);
      await bulkInsert(tx, "lots", world.lots);
      log("Seeding warehouses, vans and delivery slots …");
      await bulkInsert(tx, "warehouses", world.warehouses);
      await bulkInsert(tx, "cold_rooms", world.coldRooms);
      await bulkInsert(tx, "vehicles", world.vehicles);
      await bulkInsert(tx, "delivery_slots", world.slots);
      await bulkInsert(tx, "delivery_points", world.deliveryPoints);
      await tx.contractPrice.createMany({ data: world.contractPrices });
      await tx.apiKey.createMany({ data: world.apiKeys });
      log(`Seeding ${world.orders.length} orders and the stock ledger …`);
      await insertOrders(tx, world.orders);
      await tx.orderEvent.createMany({ data: world.orderEvents });
      log("Seeding trunk runs and today's delivery plans …");
      await tx.trunkDeparture.createMany({ data: world.delivery.trunkDepartures });
      await tx.trunkLoad.createMany({ data: world.delivery.trunkLoads });
      await tx.deliveryPlan.createMany({ data: world.delivery.plans });
      await tx.deliveryRoute.createMany({ data: world.delivery.routes });
      await tx.deliveryStop.createMany({ data: world.delivery.stops });
      await tx.deliveryStopOrder.createMany({ data: world.delivery.stopOrders });
      await createStockEntries(tx, world.stock);
      // Demo photos (photos feature): one picture per category through the real pipeline, shared by
      // that category's active products, so the catalogue is not text-only.
      log("Seeding demo photos …");
      const photoRows = await buildDemoPhotos(
        options.storage ?? getStorage(),
        world.products.filter((p) => p.product.status === "active").map((p) => ({ id: p.product.id as string, category: p.product.category })),
      );
      await tx.productPhoto.createMany({ data: photoRows });
      photos = photoRows.length;
      return true;
    },
    // Big enough for a slow CI machine; PGlite runs one transaction at a time anyway.
    { maxWait: 60_000, timeout: 300_000 },
  );

  if (seeded) {
    log("Building the search index …");
    await reindexAll(prisma);
  }
  const durationMs = Math.round(performance.now() - started);
  if (!seeded) return { ...empty, reason: SEED_REFUSED_MESSAGE, durationMs };
  return {
    seeded: true,
    organizations: world.organizations.length,
    sellers: world.sellerCount,
    buyers: world.buyerCount,
    users: world.users.length,
    products: world.products.length,
    variants: world.products.reduce((n, p) => n + p.variants.length, 0),
    priceTiers: world.products.reduce((n, p) => n + p.tiers.length, 0),
    lots: world.lots.length,
    warehouses: world.warehouses.length,
    coldRooms: world.coldRooms.length,
    vehicles: world.vehicles.length,
    deliverySlots: world.slots.length,
    stockEntries: world.stock.length,
    orders: world.orders.length,
    orderLines: world.orders.reduce((n, o) => n + o.lines.length, 0),
    photos,
    durationMs,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI: npm run db:seed -- --demo [--force]

const USAGE = `Usage: npm run db:seed -- --demo [--force]

Loads the demo marketplace (sellers, buyers, orders and the demo accounts of the README, whose
password is published) into DATABASE_URL, or into the embedded database in DATA_DIR when
DATABASE_URL is unset. Refuses when the database already has data.
  --demo    required: says you want the demo accounts in this database
  --force   delete every row first, then seed (one transaction)`;

async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== "--force" && a !== "--demo");
  if (unknown.length > 0) {
    console.error(`Unknown option: ${unknown.join(" ")}\n\n${USAGE}`);
    return 2;
  }
  if (!args.includes("--demo")) {
    console.error(`Nothing seeded: add --demo to load the demo world and its published demo accounts on purpose.\n\n${USAGE}`);
    return 2;
  }
  const force = args.includes("--force");

  const { env } = await import("../app/utils/env.server");
  const { openDatabase } = await import("../app/utils/db.server");
  const e = env();
  const db = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, migrate: "apply" });
  try {
    console.log(`Database: ${db.kind} (${db.location})`);
    const summary = await seedDemo(db.prisma, { force, log: (line) => console.log(line) });
    if (!summary.seeded) {
      console.log(SEED_REFUSED_MESSAGE);
      return 0;
    }
    console.log(
      `Seeded in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.sellers} sellers, ${summary.buyers} buyers, ${summary.users} users, ` +
        `${summary.products} products (${summary.variants} variants, ${summary.priceTiers} price tiers, ${summary.lots} lots), ` +
        `${summary.warehouses} warehouses, ${summary.vehicles} vehicles, ${summary.deliverySlots} delivery slots, ${summary.orders} orders.`,
    );
    console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(8)} ${a.phone}  ${a.displayName}  ${a.organizationName}`);
    console.log(`Demo API key of ${DEMO_ACCOUNTS.find((a) => a.role === "buyer")?.organizationName} (demo only, never in production): ${DEMO_API_KEY}`);
    return 0;
  } finally {
    await db.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

/** Items in a seeded pack, read from its label ("（24×350 g）" → 24, "2.5 L×4 桶" → 4); 1 when none divides it evenly. */
function itemCountOf(label: string, grams: number): number {
  const m = /（(\d+)×/.exec(label) ?? /×(\d+)\s*[^\d\s]/.exec(label);
  const n = m ? Number(m[1]) : 1;
  return n > 1 && grams % n === 0 ? n : 1;
}
