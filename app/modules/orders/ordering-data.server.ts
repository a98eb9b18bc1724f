/**
 * The data ordering reads before it plans: pack snapshots (for ./order-plan), a buyer's contract prices,
 * its delivery points and the open slots of a point's district. Explicit selects only; no writes.
 * Every function takes a PrismaClient or a transaction client, so the placing workflow reads inside its
 * own transaction.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { ContractPrice } from "~/modules/pricing";
import { contractPricesFor } from "./contracts.server";
import { remainingCapacity } from "./cutoff";
import { DELIVERY_POINT_SELECT } from "./delivery-points.server";
import type { WeightByTemp } from "./cart-rules";
import type { PackSnapshot } from "./order-plan";
import { SLOT_LOAD_SELECT } from "~/modules/orders/slot-select";

type Db = PrismaClient | Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only well-formed ids reach the database (an unknown SKU or a typed id is "not found", not a 500): lower case, each once. */
export function validIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()).filter((id) => UUID.test(id)))];
}

const PACK_SELECT = {
  id: true,
  sku: true,
  netWeightGrams: true,
  variableWeight: true,
  minOrderQuantity: true,
  orderMultiple: true,
  active: true,
  priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } },
  product: {
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      tempClass: true,
      status: true,
      sellerId: true,
      seller: { select: { verificationStatus: true, suspendedAt: true } },
    },
  },
} as const satisfies Prisma.VariantSelect;

/** Snapshots of the packs, keyed by lower-case variant id; unknown ids are simply absent. */
export async function loadPackSnapshots(db: Db, variantIds: readonly string[]): Promise<Map<string, PackSnapshot>> {
  const ids = validIds(variantIds);
  const out = new Map<string, PackSnapshot>();
  if (ids.length === 0) return out;
  const rows = await db.variant.findMany({ where: { id: { in: ids } }, select: PACK_SELECT });
  for (const v of rows) {
    const p = v.product;
    out.set(v.id.toLowerCase(), {
      variantId: v.id.toLowerCase(),
      sku: v.sku,
      productId: p.id,
      sellerId: p.sellerId,
      productNameZh: p.nameZh,
      productNameEn: p.nameEn,
      netWeightGrams: v.netWeightGrams,
      variableWeight: v.variableWeight,
      tempClass: p.tempClass,
      minOrderQuantity: v.minOrderQuantity,
      orderMultiple: v.orderMultiple,
      tiers: v.priceTiers,
      orderable: v.active && p.status === "active" && p.seller.verificationStatus === "verified" && p.seller.suspendedAt === null,
    });
  }
  return out;
}

/** Variant ids by SKU (for the API's lines): unknown SKUs are absent. */
export async function variantIdsBySku(db: Db, skus: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(skus)].filter((s) => s.length > 0 && s.length <= 100);
  if (unique.length === 0) return new Map();
  const rows = await db.variant.findMany({ where: { sku: { in: unique } }, select: { id: true, sku: true } });
  return new Map(rows.map((r) => [r.sku, r.id.toLowerCase()]));
}

/** The buyer organization's contract prices for the packs, keyed by lower-case variant id (contracts.server's rules). */
export const loadContractPrices = contractPricesFor;

/** Sellers' minimum order values, keyed by seller id. */
export async function loadSellerTerms(db: Db, sellerIds: readonly string[]): Promise<Record<string, { minOrderValueFen: number; name: string; nameEn: string | null }>> {
  const ids = [...new Set(sellerIds)];
  if (ids.length === 0) return {};
  const rows = await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, minOrderValueFen: true, name: true, nameEn: true } });
  return Object.fromEntries(rows.map((r) => [r.id, { minOrderValueFen: r.minOrderValueFen, name: r.name, nameEn: r.nameEn }]));
}

export interface DeliveryPointOption {
  id: string;
  name: string;
  nameEn: string;
  district: string;
  address: string;
  lat: number;
  lng: number;
  receivingFrom: string;
  receivingTo: string;
  contactName: string;
  contactPhone: string;
}

const POINT_SELECT = DELIVERY_POINT_SELECT;

/** The organization's delivery points that are not archived, by name. */
export async function listDeliveryPointsOf(db: Db, organizationId: string): Promise<DeliveryPointOption[]> {
  if (!UUID.test(organizationId)) return [];
  return db.deliveryPoint.findMany({ where: { organizationId, archivedAt: null }, select: POINT_SELECT, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** One delivery point with its owner (archived too: for validation), or null. */
export async function findDeliveryPoint(db: Db, id: string): Promise<(DeliveryPointOption & { organizationId: string; archivedAt: Date | null }) | null> {
  if (!UUID.test(id)) return null;
  return db.deliveryPoint.findUnique({ where: { id }, select: { ...POINT_SELECT, organizationId: true, archivedAt: true } });
}

export interface OpenSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  cutoffAt: Date;
  remainingGrams: WeightByTemp;
}

/** How many open slots are offered at most (about two weeks of daily windows). */
export const MAX_OPEN_SLOTS = 30;

/** Slots of the point's district still taking orders at `now` (cut-off later than now), soonest first. */
export async function listOpenSlotsFor(db: Db, deliveryPointId: string, now: Date): Promise<OpenSlot[]> {
  const point = await findDeliveryPoint(db, deliveryPointId);
  if (!point || point.archivedAt) return [];
  const rows = await db.deliverySlot.findMany({
    where: { district: point.district, cutoffAt: { gt: now } },
    select: SLOT_SELECT,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_OPEN_SLOTS,
  });
  return rows.map(toOpenSlot);
}

const SLOT_SELECT = SLOT_LOAD_SELECT;

type SlotRow = Prisma.DeliverySlotGetPayload<{ select: typeof SLOT_SELECT }>;

function toOpenSlot(s: SlotRow): OpenSlot {
  return {
    id: s.id,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    cutoffAt: s.cutoffAt,
    remainingGrams: remainingCapacity(
      { ambient: s.capacityAmbientGrams, chilled: s.capacityChilledGrams, frozen: s.capacityFrozenGrams },
      { ambient: s.bookedAmbientGrams, chilled: s.bookedChilledGrams, frozen: s.bookedFrozenGrams },
    ),
  };
}

/** What placing an order reads about its packs in one statement: snapshots, the buyer's contracts, sellers' terms, availability. */
export interface OrderingSnapshot {
  packs: Map<string, PackSnapshot>;
  contracts: Map<string, ContractPrice[]>;
  sellerTerms: Record<string, { minOrderValueFen: number; name: string; nameEn: string | null }>;
  /** Packs available now (on hand − reserved, unlocked read), by variant id. */
  available: Map<string, number>;
}

/**
 * One pack as the SQL function ordering_snapshot answers it (migration 20261203081500_place_order_functions):
 * everything planOrder needs in one round trip (the placing workflow reads it with the key, point and slot).
 */
export interface OrderingSnapshotRow {
  variant_id: string; sku: string; net_weight_grams: number; variable_weight: boolean; min_order_quantity: number; order_multiple: number; active: boolean;
  product_id: string; name_zh: string; name_en: string; temp_class: PackSnapshot["tempClass"]; product_status: string; seller_id: string;
  verification_status: string; suspended_at: string | null; min_order_value_fen: number; seller_name: string; seller_name_en: string | null; available: number;
  tiers: { minQuantity: number; unitPriceFen: number }[]; contracts: { id: string; unitPriceFen: number; validFrom: string; validTo: string | null }[];
}

/** The snapshot planOrder takes, from ordering_snapshot's rows. */
export function orderingSnapshotFromRows(rows: readonly OrderingSnapshotRow[]): OrderingSnapshot {
  const out: OrderingSnapshot = { packs: new Map(), contracts: new Map(), sellerTerms: {}, available: new Map() };
  for (const r of rows) {
    const id = r.variant_id.toLowerCase();
    out.packs.set(id, {
      variantId: id,
      sku: r.sku,
      productId: r.product_id,
      sellerId: r.seller_id,
      productNameZh: r.name_zh,
      productNameEn: r.name_en,
      netWeightGrams: Number(r.net_weight_grams),
      variableWeight: r.variable_weight,
      tempClass: r.temp_class,
      minOrderQuantity: Number(r.min_order_quantity),
      orderMultiple: Number(r.order_multiple),
      tiers: r.tiers.map((t) => ({ minQuantity: Number(t.minQuantity), unitPriceFen: Number(t.unitPriceFen) })),
      orderable: r.active && r.product_status === "active" && r.verification_status === "verified" && r.suspended_at === null,
    });
    if (r.contracts.length > 0) out.contracts.set(id, r.contracts.map((c) => ({ id: c.id, unitPriceFen: Number(c.unitPriceFen), validFrom: c.validFrom, validTo: c.validTo })));
    out.sellerTerms[r.seller_id] = { minOrderValueFen: Number(r.min_order_value_fen), name: r.seller_name, nameEn: r.seller_name_en };
    out.available.set(id, Number(r.available));
  }
  return out;
}
