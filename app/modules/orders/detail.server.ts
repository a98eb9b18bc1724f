/**
 * One order as every order page shows it (buyer, seller, operator; the API too): the buyer, the delivery point
 * snapshot and slot, each seller order with its lines (estimated vs actual through ./charges), the totals and
 * the timeline with who did what. And the buyer's order list. Reads only; explicit selects.
 */
import type { OrderStatus, Prisma, PrismaClient, SellerOrderStatus } from "~/generated/prisma/client";
import { pageCount, type Page } from "~/utils/pagination";
import { chargeLine } from "./charges";
import { isOrderNumber } from "./numbers";
import { canBuyerChange } from "./cutoff";
import type { TempClass } from "./cart-rules";

type Db = PrismaClient | Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OrderDetailLine {
  id: string;
  variantId: string;
  sku: string;
  productNameZh: string;
  productNameEn: string;
  quantity: number;
  shippedQuantity: number | null;
  shortReason: string;
  /** Packs the receiver took at the hand-over (null until delivered) and what the driver noted about a difference. */
  receivedQuantity: number | null;
  receivedNote: string;
  unitPriceFen: number;
  priceSource: "tier" | "contract";
  /** The estimate: unit price × packs ordered. */
  lineTotalFen: number;
  /** What is charged now (orders/charges): the estimate until confirmed/weighed. */
  chargedFen: number;
  /** True once the charge is final (fixed-weight, or weighed). */
  final: boolean;
  actualGrams: number | null;
  netWeightGrams: number;
  variableWeight: boolean;
  tempClass: TempClass;
  weightGrams: number;
}

export interface OrderDetailSellerOrder {
  id: string;
  seller: { id: string; name: string; nameEn: string | null };
  status: SellerOrderStatus;
  subtotalFen: number;
  /** Sum of the lines' current charges. */
  chargedFen: number;
  cancelReason: string;
  lines: OrderDetailLine[];
}

export interface OrderDetailEvent {
  id: string;
  sellerOrderId: string | null;
  sellerName: string | null;
  sellerNameEn: string | null;
  event: string;
  fromStatus: SellerOrderStatus | null;
  toStatus: SellerOrderStatus | null;
  actorName: string | null;
  actorRole: string;
  reason: string;
  details: unknown;
  createdAt: Date;
}

export interface OrderDetail {
  id: string;
  number: string;
  status: OrderStatus;
  buyer: { id: string; name: string; nameEn: string | null };
  placedBy: { id: string; name: string };
  placedAt: Date;
  channel: "web" | "api";
  note: string;
  deliveryPoint: { id: string | null; name: string | null; nameEn: string; district: string | null; address: string; lat: number; lng: number; contactName: string | null; contactPhone: string | null };
  slot: { id: string; startsAt: Date; endsAt: Date; cutoffAt: Date } | null;
  subtotalFen: number;
  deliveryFeeFen: number;
  totalFen: number;
  /** What the buyer saw when placing: Σ unit price × packs ordered (+ delivery fee). */
  estimatedTotalFen: number;
  /** Current charge: Σ line charges of seller orders not cancelled (+ delivery fee). */
  chargedTotalFen: number;
  /** Every line's charge is final. */
  final: boolean;
  sellerOrders: OrderDetailSellerOrder[];
  events: OrderDetailEvent[];
}

const DETAIL_SELECT = {
  id: true,
  number: true,
  status: true,
  placedAt: true,
  channel: true,
  note: true,
  deliveryAddress: true,
  lat: true,
  lng: true,
  subtotalFen: true,
  deliveryFeeFen: true,
  totalFen: true,
  buyer: { select: { id: true, name: true, nameEn: true } },
  placedBy: { select: { id: true, displayName: true } },
  deliveryPoint: { select: { id: true, name: true, nameEn: true, district: true, contactName: true, contactPhone: true } },
  slot: { select: { id: true, startsAt: true, endsAt: true, cutoffAt: true } },
  sellerOrders: {
    select: {
      id: true,
      status: true,
      subtotalFen: true,
      cancelReason: true,
      seller: { select: { id: true, name: true, nameEn: true } },
      lines: {
        select: {
          id: true,
          variantId: true,
          sku: true,
          productNameZh: true,
          productNameEn: true,
          quantity: true,
          shippedQuantity: true,
          shortReason: true,
          receivedQuantity: true,
          receivedNote: true,
          unitPriceFen: true,
          priceSource: true,
          lineTotalFen: true,
          chargedFen: true,
          actualGrams: true,
          netWeightGrams: true,
          variableWeight: true,
          tempClass: true,
          weightGrams: true,
        },
        orderBy: [{ productNameZh: "asc" }, { id: "asc" }],
      },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
  events: {
    select: {
      id: true,
      sellerOrderId: true,
      event: true,
      fromStatus: true,
      toStatus: true,
      actorId: true,
      actorRole: true,
      reason: true,
      details: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
} as const satisfies Prisma.OrderSelect;

type Row = Prisma.OrderGetPayload<{ select: typeof DETAIL_SELECT }>;

/** The line's current charge: the stored one when final, else what orders/charges makes of it (never throws for stored data). */
function lineCharge(l: Row["sellerOrders"][number]["lines"][number]): { chargedFen: number; final: boolean } {
  try {
    const c = chargeLine({ unitPriceFen: l.unitPriceFen, orderedQuantity: l.quantity, shippedQuantity: l.shippedQuantity, variableWeight: l.variableWeight, netWeightGrams: l.netWeightGrams || 1, actualGrams: l.actualGrams });
    return { chargedFen: l.chargedFen ?? c.chargedFen, final: l.chargedFen !== null || c.final };
  } catch {
    return { chargedFen: l.chargedFen ?? l.lineTotalFen, final: l.chargedFen !== null };
  }
}

/** One order by id or number, or null (a malformed id or number is simply not found). */
export async function loadOrderDetail(db: Db, where: { id: string } | { number: string }): Promise<OrderDetail | null> {
  if ("id" in where ? !UUID.test(where.id) : !isOrderNumber(where.number)) return null;
  const row = await db.order.findUnique({ where: "id" in where ? { id: where.id } : { number: where.number }, select: DETAIL_SELECT });
  if (!row) return null;
  const actorIds = [...new Set(row.events.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const actors = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }) : [];
  const actorName = new Map(actors.map((a) => [a.id, a.displayName]));
  const sellerOf = new Map(row.sellerOrders.map((so) => [so.id, so.seller]));
  let final = true;
  let estimated = 0;
  let charged = 0;
  const sellerOrders: OrderDetailSellerOrder[] = row.sellerOrders.map((so) => {
    let soCharged = 0;
    const lines = so.lines.map((l): OrderDetailLine => {
      const c = lineCharge(l);
      if (so.status !== "cancelled") {
        estimated += l.lineTotalFen;
        charged += c.chargedFen;
        if (!c.final) final = false;
      }
      soCharged += c.chargedFen;
      return { ...l, chargedFen: c.chargedFen, final: c.final };
    });
    return { id: so.id, seller: so.seller, status: so.status, subtotalFen: so.subtotalFen, chargedFen: soCharged, cancelReason: so.cancelReason, lines };
  });
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    buyer: row.buyer,
    placedBy: { id: row.placedBy.id, name: row.placedBy.displayName },
    placedAt: row.placedAt,
    channel: row.channel,
    note: row.note,
    deliveryPoint: {
      id: row.deliveryPoint?.id ?? null,
      name: row.deliveryPoint?.name ?? null,
      nameEn: row.deliveryPoint?.nameEn ?? "",
      district: row.deliveryPoint?.district ?? null,
      address: row.deliveryAddress,
      lat: row.lat,
      lng: row.lng,
      contactName: row.deliveryPoint?.contactName ?? null,
      contactPhone: row.deliveryPoint?.contactPhone ?? null,
    },
    slot: row.slot,
    subtotalFen: row.subtotalFen,
    deliveryFeeFen: row.deliveryFeeFen,
    totalFen: row.totalFen,
    estimatedTotalFen: estimated + row.deliveryFeeFen,
    chargedTotalFen: charged + row.deliveryFeeFen,
    final,
    sellerOrders,
    events: row.events.map((e) => {
      const seller = e.sellerOrderId ? sellerOf.get(e.sellerOrderId) : undefined;
      return {
        id: e.id.toString(),
        sellerOrderId: e.sellerOrderId,
        sellerName: seller?.name ?? null,
        sellerNameEn: seller?.nameEn ?? null,
        event: e.event,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorName: e.actorId ? (actorName.get(e.actorId) ?? null) : null,
        actorRole: e.actorRole,
        reason: e.reason,
        details: e.details,
        createdAt: e.createdAt,
      };
    }),
  };
}

/** True while the buyer may still edit or cancel: before the slot's cut-off and some seller order still placed/confirmed. */
export function buyerCanChange(order: Pick<OrderDetail, "slot" | "sellerOrders">, now: Date): boolean {
  if (!order.slot || !canBuyerChange(order.slot, now)) return false;
  return order.sellerOrders.some((so) => so.status === "placed" || so.status === "confirmed");
}

export interface BuyerOrderSummary {
  id: string;
  number: string;
  status: OrderStatus;
  placedAt: Date;
  totalFen: number;
  sellerCount: number;
  sellers: { id: string; name: string; nameEn: string | null; status: SellerOrderStatus }[];
  slot: { startsAt: Date; endsAt: Date } | null;
  deliveryPointName: string | null;
  deliveryPointNameEn: string;
  placedByName: string;
}

export const BUYER_ORDERS_PAGE_SIZE = 20;

/** The buyer organization's orders, newest first, optionally of one status. */
export async function listBuyerOrders(db: Db, buyerId: string, options: { page: number; status?: OrderStatus | null }): Promise<Page<BuyerOrderSummary>> {
  const where: Prisma.OrderWhereInput = { buyerId, ...(options.status ? { status: options.status } : {}) };
  const [total, rows] = await Promise.all([
    db.order.count({ where }),
    db.order.findMany({
      where,
      orderBy: [{ placedAt: "desc" }, { id: "desc" }],
      skip: (Math.max(1, options.page) - 1) * BUYER_ORDERS_PAGE_SIZE,
      take: BUYER_ORDERS_PAGE_SIZE,
      select: {
        id: true,
        number: true,
        status: true,
        placedAt: true,
        totalFen: true,
        slot: { select: { startsAt: true, endsAt: true } },
        deliveryPoint: { select: { name: true, nameEn: true } },
        placedBy: { select: { displayName: true } },
        sellerOrders: { select: { status: true, seller: { select: { id: true, name: true, nameEn: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
    }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      placedAt: r.placedAt,
      totalFen: r.totalFen,
      sellerCount: r.sellerOrders.length,
      sellers: r.sellerOrders.map((so) => ({ ...so.seller, status: so.status })),
      slot: r.slot,
      deliveryPointName: r.deliveryPoint?.name ?? null,
      deliveryPointNameEn: r.deliveryPoint?.nameEn ?? "",
      placedByName: r.placedBy.displayName,
    })),
    total,
    page: Math.max(1, options.page),
    pages: pageCount(total, BUYER_ORDERS_PAGE_SIZE),
  };
}
