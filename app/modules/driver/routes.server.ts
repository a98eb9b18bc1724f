/**
 * What the driver app reads: the driver's routes of published plans for today and tomorrow (Beijing
 * dates), their stops in visit order, and one stop with what to hand over per compartment. A driver
 * sees only routes whose driverId is theirs; anyone else's stop is "not found".
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { Compartment, HandOverLine, StopStatus } from "./actions";

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day of an instant, shifted by whole days, as the UTC midnight a `date` column holds. */
export function beijingServiceDate(now: Date, offsetDays = 0): Date {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS + offsetDays * DAY_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** A route counts as the driver's when it is theirs and its plan is the published one. */
export function driversRouteWhere(driverId: string): Prisma.DeliveryRouteWhereInput {
  return { driverId, plan: { status: "published" } };
}

export interface DriverStopSummary {
  id: string;
  sequence: number;
  name: string;
  nameEn: string;
  address: string;
  windowStart: Date;
  windowEnd: Date;
  etaAt: Date | null;
  status: StopStatus;
  grams: Record<Compartment, number>;
}

export interface DriverRoute {
  id: string;
  serviceDate: string;
  vehicle: { plate: string; tempClasses: string[] };
  warehouse: { name: string; nameEn: string; address: string };
  departAt: Date | null;
  returnAt: Date | null;
  distanceM: number;
  startedAt: Date | null;
  stops: DriverStopSummary[];
  /** Seller orders still waiting at the warehouse (received): what "开始配送" dispatches. */
  toDispatch: number;
}

const STOP_SUMMARY = {
  id: true,
  sequence: true,
  name: true,
  nameEn: true,
  address: true,
  windowStart: true,
  windowEnd: true,
  etaAt: true,
  status: true,
  ambientGrams: true,
  chilledGrams: true,
  frozenGrams: true,
} as const satisfies Prisma.DeliveryStopSelect;

type StopSummaryRow = Prisma.DeliveryStopGetPayload<{ select: typeof STOP_SUMMARY }>;

function toSummary(s: StopSummaryRow): DriverStopSummary {
  return {
    id: s.id,
    sequence: s.sequence,
    name: s.name,
    nameEn: s.nameEn,
    address: s.address,
    windowStart: s.windowStart,
    windowEnd: s.windowEnd,
    etaAt: s.etaAt,
    status: s.status,
    grams: { ambient: s.ambientGrams, chilled: s.chilledGrams, frozen: s.frozenGrams },
  };
}

/** The driver's routes of published plans for today and tomorrow (Beijing dates), earliest first. */
export async function listDriverRoutes(db: PrismaClient, driverId: string, now = new Date()): Promise<DriverRoute[]> {
  const routes = await db.deliveryRoute.findMany({
    where: { ...driversRouteWhere(driverId), plan: { status: "published", serviceDate: { gte: beijingServiceDate(now), lte: beijingServiceDate(now, 1) } } },
    select: {
      id: true,
      departAt: true,
      returnAt: true,
      distanceM: true,
      startedAt: true,
      plan: { select: { serviceDate: true, warehouse: { select: { name: true, nameEn: true, address: true } } } },
      vehicle: { select: { plate: true, tempClasses: true } },
      stops: {
        select: { ...STOP_SUMMARY, orders: { select: { order: { select: { sellerOrders: { where: { status: "received" }, select: { id: true } } } } } } },
        orderBy: [{ sequence: "asc" }, { id: "asc" }],
      },
    },
    orderBy: [{ plan: { serviceDate: "asc" } }, { departAt: "asc" }, { position: "asc" }],
  });
  return routes.map((r) => ({
    id: r.id,
    serviceDate: r.plan.serviceDate.toISOString().slice(0, 10),
    vehicle: { plate: r.vehicle.plate, tempClasses: [...r.vehicle.tempClasses] },
    warehouse: r.plan.warehouse,
    departAt: r.departAt,
    returnAt: r.returnAt,
    distanceM: r.distanceM,
    startedAt: r.startedAt,
    stops: r.stops.map(toSummary),
    toDispatch: r.stops.reduce((n, s) => n + s.orders.reduce((m, o) => m + o.order.sellerOrders.length, 0), 0),
  }));
}

export interface HandOverItem extends HandOverLine {
  productName: string;
  productNameEn: string;
  sku: string;
  orderNumber: string;
  sellerName: string;
  receivedQuantity: number | null;
  receivedNote: string;
}

export interface DriverStopDetail extends DriverStopSummary {
  routeId: string;
  plate: string;
  lat: number;
  lng: number;
  contactName: string;
  contactPhone: string;
  arrivedAt: Date | null;
  deliveredAt: Date | null;
  temperatureC: number | null;
  receiverName: string;
  signatureSvg: string;
  hasPhoto: boolean;
  deliveryNote: string;
  orderNumbers: string[];
  /** Lines to hand over, frozen first (the coldest leaves the van first), then chilled, then ambient. */
  items: HandOverItem[];
}

const COMPARTMENT_ORDER: Record<Compartment, number> = { frozen: 0, chilled: 1, ambient: 2 };

/** One of the driver's stops (on a route of theirs in a published plan), or null. */
export async function getDriverStop(db: PrismaClient, driverId: string, stopId: string): Promise<DriverStopDetail | null> {
  const stop = await db.deliveryStop.findFirst({
    where: { id: stopId, route: driversRouteWhere(driverId) },
    select: {
      ...STOP_SUMMARY,
      routeId: true,
      lat: true,
      lng: true,
      contactName: true,
      contactPhone: true,
      arrivedAt: true,
      deliveredAt: true,
      temperatureC: true,
      receiverName: true,
      signatureSvg: true,
      photoKey: true,
      deliveryNote: true,
      route: { select: { vehicle: { select: { plate: true } } } },
      orders: {
        select: {
          order: {
            select: {
              number: true,
              sellerOrders: {
                where: { status: { not: "cancelled" } },
                select: {
                  seller: { select: { name: true } },
                  lines: {
                    select: { id: true, productNameZh: true, productNameEn: true, sku: true, tempClass: true, quantity: true, shippedQuantity: true, receivedQuantity: true, receivedNote: true },
                    orderBy: { id: "asc" },
                  },
                },
                orderBy: { id: "asc" },
              },
            },
          },
        },
        orderBy: { orderId: "asc" },
      },
    },
  });
  if (!stop) return null;
  const items: HandOverItem[] = stop.orders.flatMap(({ order }) =>
    order.sellerOrders.flatMap((so) =>
      so.lines
        .map((l) => ({
          lineId: l.id,
          compartment: l.tempClass,
          shipped: l.shippedQuantity ?? l.quantity,
          productName: l.productNameZh,
          productNameEn: l.productNameEn,
          sku: l.sku,
          orderNumber: order.number,
          sellerName: so.seller.name,
          receivedQuantity: l.receivedQuantity,
          receivedNote: l.receivedNote,
        }))
        // A line short-shipped to nothing has nothing to hand over.
        .filter((l) => l.shipped > 0),
    ),
  );
  items.sort((a, b) => COMPARTMENT_ORDER[a.compartment] - COMPARTMENT_ORDER[b.compartment] || a.orderNumber.localeCompare(b.orderNumber));
  return {
    ...toSummary(stop),
    routeId: stop.routeId!,
    plate: stop.route?.vehicle.plate ?? "",
    lat: stop.lat,
    lng: stop.lng,
    contactName: stop.contactName,
    contactPhone: stop.contactPhone,
    arrivedAt: stop.arrivedAt,
    deliveredAt: stop.deliveredAt,
    temperatureC: stop.temperatureC,
    receiverName: stop.receiverName,
    signatureSvg: stop.signatureSvg,
    hasPhoto: stop.photoKey !== "",
    deliveryNote: stop.deliveryNote,
    orderNumbers: stop.orders.map((o) => o.order.number),
    items,
  };
}

/** The stop's hand-over lines as the form rules need them. */
export function handOverLines(stop: Pick<DriverStopDetail, "items">): HandOverLine[] {
  return stop.items.map((i) => ({ lineId: i.lineId, compartment: i.compartment, shipped: i.shipped }));
}
