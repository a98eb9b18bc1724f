/**
 * Reads one route of a delivery plan for its load sheet: the van, the stops in visit order, and for each stop
 * the lines of its orders that still travel (cancelled seller orders stay behind), with the lots they come from.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { PlanStatus } from "~/generated/prisma/enums";
import { composePackLabel, PACK_LABEL_SELECT } from "~/modules/catalog/packs";
import type { OperationsScope } from "~/modules/operations/overview.server";
import { buildLoadSheet, type LoadSheet, type LoadSheetSourceLine, type LoadSheetSourceStop } from "./load-sheet";

export interface LoadSheetDocument {
  plan: { id: string; warehouse: string; serviceDate: string; version: number; status: PlanStatus };
  route: { id: string; position: number; plate: string; driver: string | null; departAt: Date | null };
  sheet: LoadSheet;
}

const LINE_SELECT = {
  sku: true,
  productNameZh: true,
  productNameEn: true,
  quantity: true,
  shippedQuantity: true,
  weightGrams: true,
  netWeightGrams: true,
  actualGrams: true,
  variableWeight: true,
  tempClass: true,
  variant: {
    select: {
      sku: true,
      volumeCm3: true,
      ...PACK_LABEL_SELECT,
      // The fallback when the order's reservation named no lot: what the seller recorded last.
      lots: { select: { code: true }, orderBy: [{ producedAt: "desc" }, { createdAt: "desc" }], take: 1 },
    },
  },
  stockEntries: { where: { kind: "reservation", lotId: { not: null } }, select: { lot: { select: { code: true } } }, orderBy: { id: "asc" } },
} satisfies Prisma.OrderLineSelect;

type LineRow = Prisma.OrderLineGetPayload<{ select: typeof LINE_SELECT }>;

/** Where the scope lets a user see a plan: any warehouse, or those its operator organizations run. */
export function planScopeWhere(scope: OperationsScope): Prisma.DeliveryPlanWhereInput {
  return scope.all ? {} : { warehouse: { operatorId: { in: scope.operatorOrgIds } } };
}

function sourceLine(orderNumber: string, l: LineRow): LoadSheetSourceLine {
  const packs = l.shippedQuantity ?? l.quantity;
  const net = l.netWeightGrams > 0 ? l.netWeightGrams : l.quantity > 0 ? Math.round(l.weightGrams / l.quantity) : 0;
  const reserved = [...new Set(l.stockEntries.flatMap((e) => (e.lot ? [e.lot.code] : [])))];
  return {
    orderNumber,
    sku: l.sku || l.variant.sku,
    productName: l.productNameZh,
    productNameEn: l.productNameEn,
    pack: composePackLabel(l.variant, "zh"),
    compartment: l.tempClass,
    packs,
    grams: l.actualGrams ?? packs * net,
    cm3: packs * l.variant.volumeCm3,
    toWeigh: l.variableWeight && l.actualGrams === null && packs > 0,
    lots: reserved.length > 0 ? reserved : l.variant.lots.map((lot) => lot.code),
  };
}

/** One route of one plan within the user's warehouses, as a load sheet; null when there is no such route for them. */
export async function loadRouteLoadSheet(db: PrismaClient, planId: string, routeId: string, scope: OperationsScope): Promise<LoadSheetDocument | null> {
  const route = await db.deliveryRoute.findFirst({
    where: { id: routeId, planId, plan: planScopeWhere(scope) },
    select: {
      id: true,
      position: true,
      departAt: true,
      driver: { select: { displayName: true } },
      vehicle: { select: { plate: true, payloadGrams: true, volumeLitres: true, tempClasses: true } },
      plan: { select: { id: true, serviceDate: true, version: true, status: true, warehouse: { select: { name: true } } } },
      stops: {
        select: {
          id: true,
          sequence: true,
          name: true,
          orders: {
            select: {
              order: {
                select: {
                  number: true,
                  sellerOrders: { where: { status: { not: "cancelled" } }, select: { lines: { select: LINE_SELECT, orderBy: { id: "asc" } } } },
                },
              },
            },
          },
        },
        orderBy: [{ sequence: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!route) return null;
  const stops: LoadSheetSourceStop[] = route.stops.map((s) => ({
    id: s.id,
    sequence: s.sequence,
    name: s.name,
    lines: s.orders.flatMap(({ order }) => order.sellerOrders.flatMap((so) => so.lines.map((l) => sourceLine(order.number, l)))),
  }));
  return {
    plan: {
      id: route.plan.id,
      warehouse: route.plan.warehouse.name,
      // A DATE column arrives as UTC midnight of that day.
      serviceDate: route.plan.serviceDate.toISOString().slice(0, 10),
      version: route.plan.version,
      status: route.plan.status,
    },
    route: { id: route.id, position: route.position, plate: route.vehicle.plate, driver: route.driver?.displayName ?? null, departAt: route.departAt },
    sheet: buildLoadSheet(stops, route.vehicle),
  };
}
