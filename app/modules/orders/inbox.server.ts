/**
 * Order lists after placing: the seller's inbox (its organizations' seller orders by delivery date) and the
 * operator's list of every order. Reads only; the steps are app/workflows/seller-order-step.server.ts.
 * Delivery dates are Beijing days of the slot's start.
 */
import { PACK_LABEL_SELECT } from "~/modules/catalog/packs";
import { addDaysToDay, startOfDay, type Day } from "~/modules/lots/rules";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { pageCount, type Page } from "~/utils/pagination";
import { OPEN_SELLER_STATES, type InboxFilters, type OpsFilters } from "./inbox-filters";
import type { OrderStatus, SellerOrderState } from "./state-machine";

export const INBOX_PAGE_SIZE = 30;
export const OPS_PAGE_SIZE = 30;

/** The slot filter of one Beijing delivery day. */
function deliveryDay(day: Day): Prisma.DateTimeFilter {
  return { gte: startOfDay(day), lt: startOfDay(addDaysToDay(day, 1)) };
}

function nameContains(text: string): Prisma.OrganizationWhereInput {
  return { OR: [{ name: { contains: text, mode: "insensitive" } }, { nameEn: { contains: text, mode: "insensitive" } }] };
}

const INBOX_SELECT = {
  id: true,
  status: true,
  subtotalFen: true,
  cancelReason: true,
  seller: { select: { id: true, name: true, nameEn: true } },
  order: {
    select: {
      id: true,
      number: true,
      placedAt: true,
      note: true,
      deliveryAddress: true,
      buyer: { select: { id: true, name: true, nameEn: true } },
      deliveryPoint: { select: { name: true, nameEn: true, district: true } },
      slot: { select: { startsAt: true, endsAt: true, cutoffAt: true } },
    },
  },
  lines: {
    select: {
      id: true,
      productNameZh: true,
      productNameEn: true,
      sku: true,
      quantity: true,
      shippedQuantity: true,
      shortReason: true,
      unitPriceFen: true,
      lineTotalFen: true,
      weightGrams: true,
      netWeightGrams: true,
      variableWeight: true,
      actualGrams: true,
      chargedFen: true,
      variant: { select: PACK_LABEL_SELECT },
    },
    orderBy: [{ productNameZh: "asc" }, { id: "asc" }],
  },
} as const satisfies Prisma.SellerOrderSelect;

type InboxRow = Prisma.SellerOrderGetPayload<{ select: typeof INBOX_SELECT }>;

/** One seller order in the seller's inbox. */
export interface InboxItem {
  sellerOrderId: string;
  status: SellerOrderState;
  number: string;
  orderId: string;
  placedAt: Date;
  buyer: { id: string; name: string; nameEn: string | null };
  deliveryPointName: string;
  deliveryPointNameEn: string;
  deliveryAddress: string;
  slot: { startsAt: Date; endsAt: Date; cutoffAt: Date } | null;
  /** Beijing delivery day; null for orders without a slot. */
  day: Day | null;
  subtotalFen: number;
  weightGrams: number;
  note: string;
  /** Variable-weight lines still to weigh before packing. */
  toWeigh: number;
  /** Lines shipping fewer packs than ordered. */
  shortLines: number;
  lines: InboxRow["lines"];
}

function toItem(so: InboxRow): InboxItem {
  const toWeigh = so.lines.filter((l) => l.variableWeight && (l.shippedQuantity ?? l.quantity) > 0 && l.actualGrams === null).length;
  return {
    sellerOrderId: so.id,
    status: so.status as SellerOrderState,
    number: so.order.number,
    orderId: so.order.id,
    placedAt: so.order.placedAt,
    buyer: so.order.buyer,
    deliveryPointName: so.order.deliveryPoint?.name ?? "",
    deliveryPointNameEn: so.order.deliveryPoint?.nameEn ?? "",
    deliveryAddress: so.order.deliveryAddress,
    slot: so.order.slot,
    day: so.order.slot ? dayKey(so.order.slot.startsAt) : null,
    subtotalFen: so.subtotalFen,
    weightGrams: so.lines.reduce((sum, l) => sum + l.weightGrams, 0),
    note: so.order.note,
    toWeigh: so.status === "confirmed" || so.status === "placed" ? toWeigh : 0,
    shortLines: so.lines.filter((l) => l.shippedQuantity !== null && l.shippedQuantity < l.quantity).length,
    lines: so.lines,
  };
}

function dayKey(at: Date): Day {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A day's seller orders in the inbox. */
export interface InboxDay {
  day: Day | null;
  items: InboxItem[];
  subtotalFen: number;
}

export interface SellerInbox extends Page<InboxItem> {
  days: InboxDay[];
  /** Seller orders per status over all the seller's orders (for the status tabs). */
  counts: Partial<Record<SellerOrderState, number>>;
}

/** The seller's inbox: its organizations' seller orders by delivery date (soonest first), filtered and paged. */
export async function listSellerInbox(db: PrismaClient, orgIds: readonly string[], filters: InboxFilters): Promise<SellerInbox> {
  const order: Prisma.OrderWhereInput = {};
  if (filters.date) order.slot = { startsAt: deliveryDay(filters.date) };
  if (filters.buyer) order.buyer = nameContains(filters.buyer);
  const where: Prisma.SellerOrderWhereInput = {
    sellerId: { in: [...orgIds] },
    ...(filters.status === "all" ? {} : { status: filters.status === "open" ? { in: [...OPEN_SELLER_STATES] } : filters.status }),
    ...(Object.keys(order).length > 0 ? { order } : {}),
  };
  const [total, grouped] = await Promise.all([
    db.sellerOrder.count({ where }),
    db.sellerOrder.groupBy({ by: ["status"], where: { sellerId: { in: [...orgIds] } }, _count: { _all: true } }),
  ]);
  const pages = pageCount(total, INBOX_PAGE_SIZE);
  const page = Math.min(filters.page, pages);
  const rows = await db.sellerOrder.findMany({
    where,
    select: INBOX_SELECT,
    orderBy: [{ order: { slot: { startsAt: "asc" } } }, { order: { placedAt: "asc" } }, { id: "asc" }],
    skip: (page - 1) * INBOX_PAGE_SIZE,
    take: INBOX_PAGE_SIZE,
  });
  const items = rows.map(toItem);
  const days: InboxDay[] = [];
  for (const item of items) {
    let group = days.find((d) => d.day === item.day);
    if (!group) days.push((group = { day: item.day, items: [], subtotalFen: 0 }));
    group.items.push(item);
    group.subtotalFen += item.subtotalFen;
  }
  const counts: Partial<Record<SellerOrderState, number>> = {};
  for (const g of grouped) counts[g.status as SellerOrderState] = g._count._all;
  return { items, total, page, pages, days, counts };
}

export type SellerOrderAccess =
  | { kind: "ok"; sellerOrderId: string; orderId: string; number: string; sellerId: string }
  | { kind: "not_found" }
  | { kind: "forbidden" };

/** Whether a seller order exists and belongs to one of the seller's organizations (another seller's is "forbidden"). */
export async function findOwnSellerOrder(db: PrismaClient, sellerOrderId: string, orgIds: readonly string[]): Promise<SellerOrderAccess> {
  const so = await db.sellerOrder.findUnique({ where: { id: sellerOrderId }, select: { id: true, sellerId: true, order: { select: { id: true, number: true } } } });
  if (!so) return { kind: "not_found" };
  if (!orgIds.includes(so.sellerId)) return { kind: "forbidden" };
  return { kind: "ok", sellerOrderId: so.id, orderId: so.order.id, number: so.order.number, sellerId: so.sellerId };
}

/** One order in the operator's list. */
export interface OpsOrderItem {
  id: string;
  number: string;
  status: OrderStatus;
  placedAt: Date;
  buyer: { id: string; name: string; nameEn: string | null };
  deliveryPointName: string;
  deliveryPointNameEn: string;
  slot: { startsAt: Date; endsAt: Date; district: string; warehouseName: string; warehouseNameEn: string } | null;
  totalFen: number;
  /** Not every line is final yet (variable weights to record): the total may still change. */
  estimated: boolean;
  sellerOrders: { id: string; status: SellerOrderState; sellerName: string; sellerNameEn: string | null }[];
}

/** The operator's list of every order, newest first: search by number or buyer name, filters, paged. */
export async function listOpsOrders(db: PrismaClient, filters: OpsFilters): Promise<Page<OpsOrderItem>> {
  const slot: Prisma.DeliverySlotWhereInput = {};
  if (filters.date) slot.startsAt = deliveryDay(filters.date);
  if (filters.district) slot.district = filters.district;
  if (filters.warehouseId) slot.warehouseId = filters.warehouseId;
  const q = filters.q;
  const where: Prisma.OrderWhereInput = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(Object.keys(slot).length > 0 ? { slot } : {}),
    ...(q ? { OR: [{ number: { contains: q, mode: "insensitive" } }, { buyer: nameContains(q) }] } : {}),
  };
  const total = await db.order.count({ where });
  const pages = pageCount(total, OPS_PAGE_SIZE);
  const page = Math.min(filters.page, pages);
  const rows = await db.order.findMany({
    where,
    select: {
      id: true,
      number: true,
      status: true,
      placedAt: true,
      totalFen: true,
      buyer: { select: { id: true, name: true, nameEn: true } },
      deliveryPoint: { select: { name: true, nameEn: true } },
      slot: { select: { startsAt: true, endsAt: true, district: true, warehouse: { select: { name: true, nameEn: true } } } },
      sellerOrders: {
        select: {
          id: true,
          status: true,
          seller: { select: { name: true, nameEn: true } },
          lines: { select: { quantity: true, shippedQuantity: true, variableWeight: true, actualGrams: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * OPS_PAGE_SIZE,
    take: OPS_PAGE_SIZE,
  });
  const items: OpsOrderItem[] = rows.map((o) => ({
    id: o.id,
    number: o.number,
    status: o.status as OrderStatus,
    placedAt: o.placedAt,
    buyer: o.buyer,
    deliveryPointName: o.deliveryPoint?.name ?? "",
    deliveryPointNameEn: o.deliveryPoint?.nameEn ?? "",
    slot: o.slot ? { startsAt: o.slot.startsAt, endsAt: o.slot.endsAt, district: o.slot.district, warehouseName: o.slot.warehouse.name, warehouseNameEn: o.slot.warehouse.nameEn } : null,
    totalFen: o.totalFen,
    // As charges.ts has it: a variable-weight line with packs to ship is final only once weighed.
    estimated: o.sellerOrders.some((so) => so.status !== "cancelled" && so.lines.some((l) => l.variableWeight && (l.shippedQuantity ?? l.quantity) > 0 && l.actualGrams === null)),
    sellerOrders: o.sellerOrders.map((so) => ({ id: so.id, status: so.status as SellerOrderState, sellerName: so.seller.name, sellerNameEn: so.seller.nameEn })),
  }));
  return { items, total, page, pages };
}

/** The warehouses to filter the operator's list by. */
export function listWarehouses(db: PrismaClient) {
  return db.warehouse.findMany({ select: { id: true, name: true, nameEn: true, district: true }, orderBy: { name: "asc" } });
}
