import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OrderStatus, TempClass } from "~/generated/prisma/enums";
import type { WeightByTemp } from "~/modules/orders/cart-rules";
import { isOpen } from "~/modules/orders/cutoff";
import { slotBooked, slotCapacity } from "~/modules/orders/slots.server";
import { ORDER_STATUSES } from "./order-statuses";
import { SLOT_LOAD_SELECT } from "~/modules/orders/slot-select";

/** Which warehouses a user oversees: everything (platform staff, admins) or those of their operator organizations. */
export type OperationsScope = { all: true } | { all: false; operatorOrgIds: string[] };

/** Platform-organization operators and admins see every warehouse; other operators see their own organization's. */
export function operationsScope(user: { roles: readonly string[]; memberships: readonly { role: string; organizationId: string; organizationKind: string }[] }): OperationsScope {
  if (user.roles.includes("admin")) return { all: true };
  const operatorMemberships = user.memberships.filter((m) => m.role === "operator");
  if (operatorMemberships.some((m) => m.organizationKind === "platform")) return { all: true };
  return { all: false, operatorOrgIds: [...new Set(operatorMemberships.map((m) => m.organizationId))] };
}


export interface VehicleRow {
  id: string;
  plate: string;
  tempClasses: TempClass[];
  payloadGrams: number;
  volumeLitres: number;
  active: boolean;
  driver: { displayName: string } | null;
}

export interface SlotRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  cutoffAt: Date;
  /** Still taking orders (before the cut-off). */
  open: boolean;
  district: string;
  /** Nominal grams booked and carried, all temperature classes together (the driver's summary). */
  capacityGrams: number;
  bookedGrams: number;
  /** The same per temperature class: a full frozen hold is full whatever room the ambient one has. */
  capacityByTemp: WeightByTemp;
  bookedByTemp: WeightByTemp;
  warehouseName: string;
  warehouseNameEn: string;
}

export interface OperationsOverview {
  warehouses: {
    id: string;
    name: string;
    nameEn: string;
    district: string;
    address: string;
    coldRooms: { id: string; name: string; tempClass: TempClass; capacityGrams: number; capacityLitres: number }[];
    vehicles: VehicleRow[];
  }[];
  slots: SlotRow[];
  orderCounts: Record<OrderStatus, number>;
}

const TEMP_ORDER: Record<TempClass, number> = { frozen: 0, chilled: 1, ambient: 2 };

const vehicleSelect = {
  id: true,
  plate: true,
  tempClasses: true,
  payloadGrams: true,
  volumeLitres: true,
  active: true,
  driver: { select: { displayName: true } },
} satisfies Prisma.VehicleSelect;

/** Upcoming delivery slots of some warehouses with the weight booked against their capacity. */
export async function upcomingSlots(db: PrismaClient, where: Prisma.DeliverySlotWhereInput, now: Date, take: number): Promise<SlotRow[]> {
  const rows = await db.deliverySlot.findMany({
    where: { ...where, endsAt: { gt: now } },
    select: {
      ...SLOT_LOAD_SELECT,
      warehouse: { select: { name: true, nameEn: true } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take,
  });
  return rows.map((s) => ({
    id: s.id,
    district: s.district,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    cutoffAt: s.cutoffAt,
    open: isOpen(s, now),
    capacityGrams: s.capacityAmbientGrams + s.capacityChilledGrams + s.capacityFrozenGrams,
    bookedGrams: s.bookedAmbientGrams + s.bookedChilledGrams + s.bookedFrozenGrams,
    capacityByTemp: slotCapacity(s),
    bookedByTemp: slotBooked(s),
    warehouseName: s.warehouse.name,
    warehouseNameEn: s.warehouse.nameEn,
  }));
}

/** The operations entry page: warehouses with cold rooms and fleet, the next slots, and orders by status. */
export async function getOperationsOverview(db: PrismaClient, scope: OperationsScope, now = new Date()): Promise<OperationsOverview> {
  const warehouseWhere: Prisma.WarehouseWhereInput = scope.all ? {} : { operatorId: { in: scope.operatorOrgIds } };
  const [warehouses, grouped] = await Promise.all([
    db.warehouse.findMany({
      where: warehouseWhere,
      select: {
        id: true,
        name: true,
        nameEn: true,
        district: true,
        address: true,
        coldRooms: { select: { id: true, name: true, tempClass: true, capacityGrams: true, capacityLitres: true }, orderBy: { name: "asc" } },
        vehicles: { select: vehicleSelect, orderBy: { plate: "asc" } },
      },
      orderBy: { name: "asc" },
    }),
    db.order.groupBy({ by: ["status"], where: scope.all ? {} : { slot: { warehouse: warehouseWhere } }, _count: { _all: true } }),
  ]);
  const slots = await upcomingSlots(db, { warehouseId: { in: warehouses.map((w) => w.id) } }, now, 12);
  const orderCounts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const g of grouped) orderCounts[g.status] = g._count._all;
  return {
    warehouses: warehouses.map((w) => ({ ...w, coldRooms: [...w.coldRooms].sort((a, b) => TEMP_ORDER[a.tempClass] - TEMP_ORDER[b.tempClass] || a.name.localeCompare(b.name)) })),
    slots,
    orderCounts,
  };
}

export interface DriverOverview {
  vehicles: (VehicleRow & { warehouse: { id: string; name: string; nameEn: string; district: string; address: string } })[];
  slots: SlotRow[];
}

/** The driver's page: vehicles assigned to them, their home warehouses, and those warehouses' next slots. */
export async function getDriverOverview(db: PrismaClient, driverId: string, now = new Date()): Promise<DriverOverview> {
  const vehicles = await db.vehicle.findMany({
    where: { driverId },
    select: { ...vehicleSelect, warehouse: { select: { id: true, name: true, nameEn: true, district: true, address: true } } },
    orderBy: { plate: "asc" },
  });
  const warehouseIds = [...new Set(vehicles.map((v) => v.warehouse.id))];
  const slots = warehouseIds.length > 0 ? await upcomingSlots(db, { warehouseId: { in: warehouseIds } }, now, 6) : [];
  return { vehicles, slots };
}
