import type { PrismaClient } from "~/generated/prisma/client";
import { PACK_LABEL_SELECT } from "~/modules/catalog/packs";
import { verificationState } from "~/modules/sellers/status";
import type { PackUnit, ProductStatus, TempClass, ProductCategory, VerificationStatus } from "~/generated/prisma/enums";
import { getProduct, type ProductDetail } from "~/modules/catalog/catalog.server";
import { available, isLowStock, LOW_STOCK_PACKS } from "~/modules/stock/balance";
import { countedSales, recentPacksSold } from "~/modules/stock/stock.server";
import { pageCount, type Page } from "~/utils/pagination";
import { groupByDeliveryDay, lastWeekStarts, weeklySales, type SalesSeries } from "./dashboard";

export const SELLER_PAGE_SIZE = 20;

/** The organizations a user sells for (memberships with the seller role). */
export function sellerOrganizationIds(memberships: readonly { role: string; organizationId: string }[]): string[] {
  return [...new Set(memberships.filter((m) => m.role === "seller").map((m) => m.organizationId))];
}

/** True when a product's seller is one of the user's selling organizations. */
export function ownsListing(sellerOrgIds: readonly string[], productSellerId: string): boolean {
  return sellerOrgIds.includes(productSellerId);
}

/** The seller's own organizations for pickers: name, county and whether each may publish now. */
export async function sellerOrganizations(db: PrismaClient, orgIds: readonly string[]) {
  const rows = await db.organization.findMany({
    where: { id: { in: [...orgIds] } },
    select: { id: true, name: true, county: true, verificationStatus: true, submittedAt: true, suspendedAt: true },
    orderBy: { name: "asc" },
  });
  return rows.map((o) => ({ id: o.id, name: o.name, county: o.county, canPublish: verificationState(o) === "verified" }));
}

export interface SellerProductRow {
  id: string;
  nameZh: string;
  nameEn: string;
  category: ProductCategory;
  status: ProductStatus;
  tempClass: TempClass;
  updatedAt: Date;
  variants: {
    id: string;
    label: string;
    unit: PackUnit;
    itemCount: number;
    itemNetWeightGrams: number;
    netWeightGrams: number;
    variableWeight: boolean;
    active: boolean;
    priceTiers: { minQuantity: number; unitPriceFen: number }[];
  }[];
}

export interface SellerConsole {
  organizations: { id: string; name: string; kind: string; county: string; verificationStatus: VerificationStatus; reviewNote: string }[];
  counts: { products: number; active: number; pendingOrders: number };
  products: Page<SellerProductRow>;
}

/** The seller console: the organizations' own products (newest change first) and work waiting for them. */
export async function getSellerConsole(db: PrismaClient, orgIds: readonly string[], page: number): Promise<SellerConsole> {
  const ids = [...orgIds];
  const [organizations, total, active, pendingOrders] = await Promise.all([
    db.organization.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, kind: true, county: true, verificationStatus: true, reviewNote: true },
      orderBy: { name: "asc" },
    }),
    db.product.count({ where: { sellerId: { in: ids } } }),
    db.product.count({ where: { sellerId: { in: ids }, status: "active" } }),
    db.sellerOrder.count({ where: { sellerId: { in: ids }, status: "placed" } }),
  ]);
  const pages = pageCount(total, SELLER_PAGE_SIZE);
  const current = Math.min(page, pages);
  const items = await db.product.findMany({
    where: { sellerId: { in: ids } },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      category: true,
      status: true,
      tempClass: true,
      updatedAt: true,
      variants: {
        select: {
          id: true,
          ...PACK_LABEL_SELECT,
          active: true,
          priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } },
        },
        orderBy: [{ netWeightGrams: "asc" }, { sku: "asc" }],
      },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * SELLER_PAGE_SIZE,
    take: SELLER_PAGE_SIZE,
  });
  return { organizations, counts: { products: total, active, pendingOrders }, products: { items, total, page: current, pages } };
}

export type OwnProductResult =
  | { kind: "ok"; product: ProductDetail; stock: Record<string, number>; pendingOrderLines: number }
  | { kind: "not_found" }
  | { kind: "forbidden" };

/**
 * One product for its seller's console. Another seller's product is "forbidden" (not "not_found"):
 * product ids are public in the catalogue, so hiding existence would protect nothing.
 */
export async function getOwnProduct(db: PrismaClient, productId: string, orgIds: readonly string[]): Promise<OwnProductResult> {
  const owner = await db.product.findUnique({ where: { id: productId }, select: { sellerId: true } });
  if (!owner) return { kind: "not_found" };
  if (!ownsListing(orgIds, owner.sellerId)) return { kind: "forbidden" };
  const product = await getProduct(db, productId, { activeOnly: false });
  if (!product) return { kind: "not_found" };
  const variantIds = product.variants.map((v) => v.id);
  const [balances, pendingOrderLines] = await Promise.all([
    db.stockBalance.findMany({ where: { variantId: { in: variantIds } }, select: { variantId: true, onHand: true, reserved: true } }),
    db.orderLine.count({ where: { variantId: { in: variantIds }, sellerOrder: { status: "placed" } } }),
  ]);
  // Available to sell: on hand less what open orders have reserved.
  const stock: Record<string, number> = {};
  for (const id of variantIds) stock[id] = 0;
  for (const b of balances) stock[b.variantId] = b.onHand - b.reserved;
  return { kind: "ok", product, stock, pendingOrderLines };
}

// ---------------------------------------------------------------------------------------------
// The dashboard: today's work

/** The structured fields a pack label is composed from (see ~/modules/catalog/packs). */
const packFields = PACK_LABEL_SELECT;

export interface PackFields {
  unit: PackUnit;
  label: string;
  itemCount: number;
  itemNetWeightGrams: number;
  netWeightGrams: number;
  variableWeight: boolean;
}

export interface LowStockItem {
  variantId: string;
  productId: string;
  nameZh: string;
  nameEn: string;
  pack: PackFields;
  available: number;
  recentSold: number;
}

export interface ExpiringLot {
  id: string;
  code: string;
  expiresAt: Date;
  productId: string;
  nameZh: string;
  nameEn: string;
  pack: PackFields;
}

export interface SellerDashboard extends SellerConsole {
  lowStock: { total: number; items: LowStockItem[]; threshold: number };
  expiringLots: { total: number; items: ExpiringLot[] };
  sales: { weeks: Date[]; series: (SalesSeries & { nameZh: string; nameEn: string })[]; totalFen: number };
}

/** How many items each "today's work" card lists before "n more". */
export const DASHBOARD_LIST_SIZE = 5;
/** Lots expiring within this many days are today's work. */
export const EXPIRY_WINDOW_DAYS = 7;

/**
 * The seller's "today's work": the console's counts and products, plus packs on sale running low,
 * lots expiring within 7 days, and weekly sales of the top products over the last 8 weeks.
 */
export async function getSellerDashboard(db: PrismaClient, orgIds: readonly string[], options: { page: number; now?: Date }): Promise<SellerDashboard> {
  const now = options.now ?? new Date();
  const ids = [...orgIds];
  const weeks = lastWeekStarts(now);
  const expiryEnd = new Date(now.getTime() + EXPIRY_WINDOW_DAYS * 86_400_000);
  const lotWhere = { variant: { product: { sellerId: { in: ids }, status: { not: "archived" as const } } }, expiresAt: { gte: now, lte: expiryEnd } };
  const [overview, onSale, lots, lotTotal, lines] = await Promise.all([
    getSellerConsole(db, ids, options.page),
    db.variant.findMany({
      where: { active: true, product: { sellerId: { in: ids }, status: "active" } },
      select: { id: true, ...packFields, stockBalance: { select: { onHand: true, reserved: true } }, product: { select: { id: true, nameZh: true, nameEn: true } } },
    }),
    db.lot.findMany({
      where: lotWhere,
      select: { id: true, code: true, expiresAt: true, variant: { select: { ...packFields, product: { select: { id: true, nameZh: true, nameEn: true } } } } },
      orderBy: [{ expiresAt: "asc" }, { code: "asc" }],
      take: DASHBOARD_LIST_SIZE,
    }),
    db.lot.count({ where: lotWhere }),
    db.orderLine.findMany({
      where: { sellerOrder: { sellerId: { in: ids }, ...countedSales({ gte: weeks[0], lte: now }) } },
      select: { lineTotalFen: true, variant: { select: { productId: true } }, sellerOrder: { select: { order: { select: { placedAt: true } } } } },
    }),
  ]);

  const sold = await recentPacksSold(
    db,
    onSale.map((v) => v.id),
    now,
  );
  const low = onSale
    .map((v) => {
      const avail = available({ onHand: v.stockBalance?.onHand ?? 0, reserved: v.stockBalance?.reserved ?? 0 });
      const recentSold = sold.get(v.id) ?? 0;
      return {
        variantId: v.id,
        productId: v.product.id,
        nameZh: v.product.nameZh,
        nameEn: v.product.nameEn,
        pack: { unit: v.unit, label: v.label, itemCount: v.itemCount, itemNetWeightGrams: v.itemNetWeightGrams, netWeightGrams: v.netWeightGrams, variableWeight: v.variableWeight },
        available: avail,
        recentSold,
      };
    })
    .filter((v) => isLowStock(v.available, v.recentSold))
    // Emptiest first; among equals the faster seller first.
    .sort((a, b) => a.available - b.available || b.recentSold - a.recentSold || a.nameZh.localeCompare(b.nameZh, "zh") || (a.variantId < b.variantId ? -1 : 1));

  const chart = weeklySales(
    lines.map((l) => ({ productId: l.variant.productId, placedAt: l.sellerOrder.order.placedAt, lineTotalFen: l.lineTotalFen })),
    weeks,
  );
  const names = chart.series.length
    ? await db.product.findMany({ where: { id: { in: chart.series.map((s) => s.productId) } }, select: { id: true, nameZh: true, nameEn: true } })
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n]));

  return {
    ...overview,
    lowStock: { total: low.length, items: low.slice(0, DASHBOARD_LIST_SIZE), threshold: LOW_STOCK_PACKS },
    expiringLots: {
      total: lotTotal,
      items: lots.map((l) => ({
        id: l.id,
        code: l.code,
        expiresAt: l.expiresAt,
        productId: l.variant.product.id,
        nameZh: l.variant.product.nameZh,
        nameEn: l.variant.product.nameEn,
        pack: { unit: l.variant.unit, label: l.variant.label, itemCount: l.variant.itemCount, itemNetWeightGrams: l.variant.itemNetWeightGrams, netWeightGrams: l.variant.netWeightGrams, variableWeight: l.variant.variableWeight },
      })),
    },
    sales: {
      weeks,
      series: chart.series.map((s) => ({ ...s, nameZh: nameOf.get(s.productId)?.nameZh ?? "", nameEn: nameOf.get(s.productId)?.nameEn ?? "" })),
      totalFen: chart.totalFen,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Orders to confirm (read-only until ordering lands)

export interface OrderToConfirm {
  sellerOrderId: string;
  number: string;
  placedAt: Date;
  slotStartsAt: Date | null;
  slotEndsAt: Date | null;
  buyerName: string;
  buyerNameEn: string | null;
  deliveryAddress: string;
  note: string;
  subtotalFen: number;
  weightGrams: number;
  lines: { id: string; productNameZh: string; productNameEn: string; pack: PackFields; quantity: number; unitPriceFen: number; lineTotalFen: number }[];
}

/** The most seller orders the page lists at once. */
export const ORDERS_TO_CONFIRM_LIMIT = 200;

/**
 * The seller orders waiting for the seller's confirmation (status pending), grouped by delivery date
 * (the slot's start, Beijing time), soonest first; those without a slot come last.
 */
export async function listOrdersToConfirm(db: PrismaClient, orgIds: readonly string[]) {
  const where = { sellerId: { in: [...orgIds] }, status: "placed" as const };
  const [total, rows] = await Promise.all([
    db.sellerOrder.count({ where }),
    db.sellerOrder.findMany({
      where,
      select: {
        id: true,
        subtotalFen: true,
        order: {
          select: {
            number: true,
            placedAt: true,
            note: true,
            deliveryAddress: true,
            buyer: { select: { name: true, nameEn: true } },
            slot: { select: { startsAt: true, endsAt: true } },
          },
        },
        lines: {
          select: {
            id: true,
            productNameZh: true,
            quantity: true,
            unitPriceFen: true,
            lineTotalFen: true,
            weightGrams: true,
            variant: { select: { ...packFields, product: { select: { nameEn: true } } } },
          },
          orderBy: { productNameZh: "asc" },
        },
      },
      orderBy: [{ order: { slot: { startsAt: "asc" } } }, { order: { placedAt: "asc" } }, { id: "asc" }],
      take: ORDERS_TO_CONFIRM_LIMIT,
    }),
  ]);
  const orders: OrderToConfirm[] = rows.map((so) => ({
    sellerOrderId: so.id,
    number: so.order.number,
    placedAt: so.order.placedAt,
    slotStartsAt: so.order.slot?.startsAt ?? null,
    slotEndsAt: so.order.slot?.endsAt ?? null,
    buyerName: so.order.buyer.name,
    buyerNameEn: so.order.buyer.nameEn,
    deliveryAddress: so.order.deliveryAddress,
    note: so.order.note,
    subtotalFen: so.subtotalFen,
    weightGrams: so.lines.reduce((g, l) => g + l.weightGrams, 0),
    lines: so.lines.map((l) => ({
      id: l.id,
      productNameZh: l.productNameZh,
      productNameEn: l.variant.product.nameEn,
      pack: { unit: l.variant.unit, label: l.variant.label, itemCount: l.variant.itemCount, itemNetWeightGrams: l.variant.itemNetWeightGrams, netWeightGrams: l.variant.netWeightGrams, variableWeight: l.variant.variableWeight },
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      lineTotalFen: l.lineTotalFen,
    })),
  }));
  return {
    total,
    shown: orders.length,
    days: groupByDeliveryDay(orders).map((g) => ({ day: g.day, orders: g.orders, subtotalFen: g.orders.reduce((sum, o) => sum + o.subtotalFen, 0) })),
  };
}
