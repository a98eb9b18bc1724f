/**
 * The Sanming → Shanghai trunk leg: departures per warehouse and day with their loads, the operator's edits, the
 * automatic assignment of confirmed seller orders (assignment.ts decides, this module locks and writes), moving a
 * load by hand, departure and arrival. Arrival receives the packed seller orders at the warehouse through the
 * ordering workflow (seller-order-step's `receive`), so the order's status and timeline follow.
 *
 * Locks: every write here first locks the departure rows it touches, ascending by id (SELECT … FOR UPDATE), so two
 * assignment runs, or a run and an operator's move, queue up and never place a load twice. Nothing here locks an
 * order row while holding a departure lock; the `receive` steps run after the arrival has committed.
 */
import type {
  Prisma,
  PrismaClient,
  SellerOrderStatus,
  TempClass,
} from "~/generated/prisma/client";
import {
  addDaysToDay,
  dayOf,
  startOfDay,
  type Day,
} from "~/modules/lots/rules";
import type { OperationsScope } from "~/modules/operations/overview.server";
import type { Tx } from "~/modules/stock/stock.server";
import {
  applySellerOrderEvent,
  type StepActor,
} from "~/workflows/seller-order-step.server";
import type { FieldErrors } from "~/utils/forms";
import {
  assignLoads,
  checkManualPlacement,
  gramsByClass,
  nextDeparture,
  trunkReason,
  type DepartureSlot,
  type PlaceRefusal,
  type SellerOrderNeed,
  type TrunkTempClass,
  type Unassigned,
  type UnassignedReason,
} from "./assignment";
import type { DepartureFormData } from "./forms";

/** The Sanming consolidation point new departures leave from (Shaxian, WGS-84). */
export const SANMING_ORIGIN = {
  origin: "三明市沙县区 沪明冷链集配中心",
  originEn: "Huming cold-chain consolidation centre, Shaxian, Sanming",
  lat: 26.3969,
  lng: 117.7926,
} as const;

/** Who acts: an operator (their session) or, for the scheduled job, nobody (the system). */
export type TrunkActor = StepActor | null;

/** Seller order states whose goods still wait in Sanming for a run. */
const NEEDS_TRUNK: SellerOrderStatus[] = ["confirmed", "packed"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The warehouses a scope covers, as a Prisma filter. */
export function warehouseWhere(
  scope: OperationsScope
): Prisma.WarehouseWhereInput {
  return scope.all ? {} : { operatorId: { in: scope.operatorOrgIds } };
}

function inScope(scope: OperationsScope, operatorId: string): boolean {
  return scope.all || scope.operatorOrgIds.includes(operatorId);
}

const actorFields = (actor: TrunkActor) => ({
  actorId: actor?.userId ?? null,
  actorRole: actor?.role ?? "system",
});

// ---------------------------------------------------------------------------------------------
// Reading

export interface TrunkLoadView {
  id: string;
  sellerOrderId: string;
  orderId: string;
  number: string;
  sellerName: string;
  sellerNameEn: string | null;
  status: SellerOrderStatus;
  tempClass: TempClass;
  grams: number;
  manual: boolean;
  slotStartsAt: Date | null;
}

export interface DepartureView {
  id: string;
  warehouseId: string;
  origin: string;
  originEn: string;
  tempClass: TempClass;
  status: "scheduled" | "departed" | "arrived" | "cancelled";
  cutoffAt: Date;
  departsAt: Date;
  arrivesAt: Date;
  departedAt: Date | null;
  arrivedAt: Date | null;
  capacityGrams: number;
  vehiclePlate: string;
  loadedGrams: number;
  loads: TrunkLoadView[];
  /** Grams and seller orders per seller on this run. */
  sellers: {
    sellerId: string;
    name: string;
    nameEn: string | null;
    grams: number;
    count: number;
  }[];
}

export interface UnassignedView extends Omit<Unassigned, "reason"> {
  /** Why no run takes it, or "pending": a run would, at the next assignment (the 10-minute job or 自动分配). */
  reason: UnassignedReason | "pending";
  number: string;
  orderId: string;
  sellerName: string;
  sellerNameEn: string | null;
  status: SellerOrderStatus;
  slotStartsAt: Date;
}

export interface TrunkDay {
  day: Day;
  warehouses: {
    id: string;
    name: string;
    nameEn: string;
    departures: DepartureView[];
    /** Class loads no open run can take now, with the reason. */
    unassigned: UnassignedView[];
    /** Scheduled runs (any day) a load can be moved to, per class. */
    targets: {
      id: string;
      tempClass: TempClass;
      departsAt: Date;
      vehiclePlate: string;
      capacityGrams: number;
      loadedGrams: number;
    }[];
  }[];
}

const DEPARTURE_SELECT = {
  id: true,
  warehouseId: true,
  origin: true,
  originEn: true,
  tempClass: true,
  status: true,
  cutoffAt: true,
  departsAt: true,
  arrivesAt: true,
  departedAt: true,
  arrivedAt: true,
  capacityGrams: true,
  vehiclePlate: true,
  loads: {
    select: {
      id: true,
      sellerOrderId: true,
      tempClass: true,
      grams: true,
      manual: true,
      sellerOrder: {
        select: {
          status: true,
          sellerId: true,
          orderId: true,
          seller: { select: { name: true, nameEn: true } },
          order: {
            select: { number: true, slot: { select: { startsAt: true } } },
          },
        },
      },
    },
    orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
  },
} as const satisfies Prisma.TrunkDepartureSelect;

type DepartureRow = Prisma.TrunkDepartureGetPayload<{
  select: typeof DEPARTURE_SELECT;
}>;

function departureView(d: DepartureRow): DepartureView {
  const loads: TrunkLoadView[] = d.loads.map((l) => ({
    id: l.id,
    sellerOrderId: l.sellerOrderId,
    orderId: l.sellerOrder.orderId,
    number: l.sellerOrder.order.number,
    sellerName: l.sellerOrder.seller.name,
    sellerNameEn: l.sellerOrder.seller.nameEn,
    status: l.sellerOrder.status,
    tempClass: l.tempClass,
    grams: l.grams,
    manual: l.manual,
    slotStartsAt: l.sellerOrder.order.slot?.startsAt ?? null,
  }));
  const sellers = new Map<string, DepartureView["sellers"][number]>();
  for (const [i, l] of loads.entries()) {
    const sellerId = d.loads[i]!.sellerOrder.sellerId;
    const s = sellers.get(sellerId) ?? {
      sellerId,
      name: l.sellerName,
      nameEn: l.sellerNameEn,
      grams: 0,
      count: 0,
    };
    s.grams += l.grams;
    s.count += 1;
    sellers.set(sellerId, s);
  }
  const { loads: _rows, ...rest } = d;
  return {
    ...rest,
    loadedGrams: loads.reduce((a, l) => a + l.grams, 0),
    loads,
    sellers: [...sellers.values()].sort(
      (a, b) => b.grams - a.grams || a.name.localeCompare(b.name, "zh")
    ),
  };
}

/** Warehouses a scope covers, by name. */
export function listTrunkWarehouses(
  db: PrismaClient | Tx,
  scope: OperationsScope
) {
  return db.warehouse.findMany({
    where: warehouseWhere(scope),
    select: { id: true, name: true, nameEn: true, operatorId: true },
    orderBy: { name: "asc" },
  });
}

/** Grams on each departure. */
async function loadedGramsOf(
  db: PrismaClient | Tx,
  departureIds: readonly string[]
): Promise<Map<string, number>> {
  if (departureIds.length === 0) return new Map();
  const rows = await db.trunkLoad.groupBy({
    by: ["departureId"],
    where: { departureId: { in: [...departureIds] } },
    _sum: { grams: true },
  });
  return new Map(rows.map((r) => [r.departureId, r._sum.grams ?? 0]));
}

/** Scheduled departures that have not left, as assignment.ts sees them. */
async function openDepartures(
  db: PrismaClient | Tx,
  warehouseIds: readonly string[],
  now: Date
): Promise<(DepartureSlot & { vehiclePlate: string })[]> {
  const rows = await db.trunkDeparture.findMany({
    where: {
      warehouseId: { in: [...warehouseIds] },
      status: "scheduled",
      departsAt: { gt: now },
    },
    select: {
      id: true,
      warehouseId: true,
      tempClass: true,
      status: true,
      cutoffAt: true,
      departsAt: true,
      arrivesAt: true,
      capacityGrams: true,
      vehiclePlate: true,
    },
    orderBy: [{ departsAt: "asc" }, { id: "asc" }],
  });
  const loaded = await loadedGramsOf(
    db,
    rows.map((r) => r.id)
  );
  return rows.map((r) => ({ ...r, loadedGrams: loaded.get(r.id) ?? 0 }));
}

interface NeedRow extends SellerOrderNeed {
  number: string;
  orderId: string;
  sellerName: string;
  sellerNameEn: string | null;
  status: SellerOrderStatus;
}

/** Confirmed and packed seller orders of the warehouses whose slot has not ended, with their grams per class and loads. */
async function pendingNeeds(
  db: PrismaClient | Tx,
  warehouseIds: readonly string[],
  now: Date
): Promise<NeedRow[]> {
  const rows = await db.sellerOrder.findMany({
    where: {
      status: { in: NEEDS_TRUNK },
      order: {
        slot: { warehouseId: { in: [...warehouseIds] }, endsAt: { gt: now } },
      },
    },
    select: {
      id: true,
      status: true,
      orderId: true,
      seller: { select: { name: true, nameEn: true } },
      order: {
        select: {
          number: true,
          slot: { select: { warehouseId: true, startsAt: true } },
        },
      },
      lines: {
        select: {
          tempClass: true,
          quantity: true,
          shippedQuantity: true,
          netWeightGrams: true,
          weightGrams: true,
          actualGrams: true,
        },
      },
      trunkLoads: { select: { tempClass: true } },
    },
    orderBy: { id: "asc" },
  });
  if (rows.length === 0) return [];
  const confirmed = await db.orderEvent.groupBy({
    by: ["sellerOrderId"],
    where: { sellerOrderId: { in: rows.map((r) => r.id) }, event: "confirm" },
    _max: { createdAt: true },
  });
  const readyAt = new Map(
    confirmed.map((c) => [c.sellerOrderId as string, c._max.createdAt])
  );
  return rows.map((r) => ({
    sellerOrderId: r.id,
    warehouseId: r.order.slot!.warehouseId,
    slotStartsAt: r.order.slot!.startsAt,
    readyAt: readyAt.get(r.id) ?? null,
    grams: gramsByClass(r.lines),
    loadedClasses: r.trunkLoads.map((l) => l.tempClass),
    number: r.order.number,
    orderId: r.orderId,
    sellerName: r.seller.name,
    sellerNameEn: r.seller.nameEn,
    status: r.status,
  }));
}

/** One Beijing day's departures of every warehouse in scope, with loads, what is not assigned and where loads can go. */
export async function loadTrunkDay(
  db: PrismaClient,
  scope: OperationsScope,
  day: Day,
  now: Date
): Promise<TrunkDay> {
  const warehouses = await listTrunkWarehouses(db, scope);
  const ids = warehouses.map((w) => w.id);
  const [rows, open, needs] = await Promise.all([
    db.trunkDeparture.findMany({
      where: {
        warehouseId: { in: ids },
        departsAt: {
          gte: startOfDay(day),
          lt: startOfDay(addDaysToDay(day, 1)),
        },
      },
      select: DEPARTURE_SELECT,
      orderBy: [{ departsAt: "asc" }, { tempClass: "asc" }, { id: "asc" }],
    }),
    openDepartures(db, ids, now),
    pendingNeeds(db, ids, now),
  ]);
  const dryRun = assignLoads(open, needs, { now });
  const unassigned: (Omit<Unassigned, "reason"> & {
    reason: UnassignedView["reason"];
  })[] = [
    ...dryRun.assignments.map((a) => ({
      sellerOrderId: a.sellerOrderId,
      tempClass: a.tempClass,
      grams: a.grams,
      reason: "pending" as const,
    })),
    ...dryRun.unassigned,
  ];
  const needOf = new Map(needs.map((n) => [n.sellerOrderId, n]));
  return {
    day,
    warehouses: warehouses.map((w) => ({
      id: w.id,
      name: w.name,
      nameEn: w.nameEn,
      departures: rows.filter((d) => d.warehouseId === w.id).map(departureView),
      unassigned: unassigned
        .filter((u) => needOf.get(u.sellerOrderId)?.warehouseId === w.id)
        .map((u) => {
          const n = needOf.get(u.sellerOrderId)!;
          return {
            ...u,
            number: n.number,
            orderId: n.orderId,
            sellerName: n.sellerName,
            sellerNameEn: n.sellerNameEn,
            status: n.status,
            slotStartsAt: n.slotStartsAt,
          };
        }),
      targets: open
        .filter((d) => d.warehouseId === w.id)
        .map((d) => ({
          id: d.id,
          tempClass: d.tempClass,
          departsAt: d.departsAt,
          vehiclePlate: d.vehiclePlate,
          capacityGrams: d.capacityGrams,
          loadedGrams: d.loadedGrams,
        })),
    })),
  };
}

/** One departure with its loads, or why not (a malformed id is not found; another operator's warehouse is forbidden). */
export async function findDeparture(
  db: PrismaClient,
  scope: OperationsScope,
  id: string
): Promise<
  | { kind: "ok"; departure: DepartureView & { warehouseName: string; warehouseNameEn: string } }
  | { kind: "not_found" }
  | { kind: "forbidden" }
> {
  if (!UUID.test(id)) return { kind: "not_found" };
  const row = await db.trunkDeparture.findUnique({
    where: { id },
    select: {
      ...DEPARTURE_SELECT,
      warehouse: { select: { name: true, nameEn: true, operatorId: true } },
    },
  });
  if (!row) return { kind: "not_found" };
  if (!inScope(scope, row.warehouse.operatorId)) return { kind: "forbidden" };
  const { warehouse, ...rest } = row;
  return {
    kind: "ok",
    departure: { ...departureView(rest), warehouseName: warehouse.name, warehouseNameEn: warehouse.nameEn },
  };
}

// ---------------------------------------------------------------------------------------------
// Creating and editing departures

export type DepartureWriteResult =
  | { kind: "ok"; id: string }
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "invalid"; errors: FieldErrors };

async function warehouseFor(
  db: PrismaClient | Tx,
  scope: OperationsScope,
  warehouseId: string
): Promise<"ok" | "not_found" | "forbidden"> {
  const w = await db.warehouse.findUnique({
    where: { id: warehouseId },
    select: { operatorId: true },
  });
  if (!w) return "not_found";
  return inScope(scope, w.operatorId) ? "ok" : "forbidden";
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: string }).code === "P2002"
  );
}

/** Adds a departure to a warehouse in scope; one run per warehouse, class and departure time. */
export async function createDeparture(
  db: PrismaClient,
  scope: OperationsScope,
  data: DepartureFormData,
  now: Date
): Promise<DepartureWriteResult> {
  const found = await warehouseFor(db, scope, data.warehouseId);
  if (found !== "ok")
    return found === "not_found"
      ? { kind: "invalid", errors: { warehouseId: "trunk.error.warehouse" } }
      : { kind: "forbidden" };
  if (data.departsAt.getTime() <= now.getTime())
    return {
      kind: "invalid",
      errors: { departTime: "trunk.error.departPassed" },
    };
  try {
    const row = await db.trunkDeparture.create({
      data: {
        warehouseId: data.warehouseId,
        origin: SANMING_ORIGIN.origin,
        originEn: SANMING_ORIGIN.originEn,
        originLat: SANMING_ORIGIN.lat,
        originLng: SANMING_ORIGIN.lng,
        tempClass: data.tempClass,
        cutoffAt: data.cutoffAt,
        departsAt: data.departsAt,
        arrivesAt: data.arrivesAt,
        capacityGrams: data.capacityGrams,
        vehiclePlate: data.vehiclePlate,
      },
      select: { id: true },
    });
    return { kind: "ok", id: row.id };
  } catch (error) {
    if (isUniqueViolation(error))
      return {
        kind: "invalid",
        errors: { departTime: "trunk.error.duplicate" },
      };
    throw error;
  }
}

/** Changes a scheduled departure: never below what it carries, and its loads keep their warehouse and class. */
export async function updateDeparture(
  db: PrismaClient,
  scope: OperationsScope,
  id: string,
  data: DepartureFormData
): Promise<DepartureWriteResult> {
  if (!UUID.test(id)) return { kind: "not_found" };
  try {
    return await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<
        { id: string }[]
      >`SELECT "id" FROM "trunk_departures" WHERE "id" = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) return { kind: "not_found" as const };
      const row = await tx.trunkDeparture.findUniqueOrThrow({
        where: { id },
        select: {
          status: true,
          warehouseId: true,
          tempClass: true,
          warehouse: { select: { operatorId: true } },
        },
      });
      if (!inScope(scope, row.warehouse.operatorId))
        return { kind: "forbidden" as const };
      const target = await warehouseFor(tx, scope, data.warehouseId);
      if (target === "forbidden") return { kind: "forbidden" as const };
      if (target === "not_found")
        return {
          kind: "invalid" as const,
          errors: { warehouseId: "trunk.error.warehouse" } as FieldErrors,
        };
      if (row.status !== "scheduled")
        return {
          kind: "invalid" as const,
          errors: { _form: "trunk.error.notScheduled" } as FieldErrors,
        };
      const loaded = (await loadedGramsOf(tx, [id])).get(id) ?? 0;
      const errors: FieldErrors = {};
      if (loaded > 0 && data.warehouseId !== row.warehouseId)
        errors.warehouseId = "trunk.error.hasLoads";
      if (loaded > 0 && data.tempClass !== row.tempClass)
        errors.tempClass = "trunk.error.hasLoads";
      if (data.capacityGrams < loaded)
        errors.capacityKg = "trunk.error.belowLoaded";
      if (Object.keys(errors).length > 0)
        return { kind: "invalid" as const, errors };
      await tx.trunkDeparture.update({
        where: { id },
        data: {
          warehouseId: data.warehouseId,
          tempClass: data.tempClass,
          cutoffAt: data.cutoffAt,
          departsAt: data.departsAt,
          arrivesAt: data.arrivesAt,
          capacityGrams: data.capacityGrams,
          vehiclePlate: data.vehiclePlate,
        },
        select: { id: true },
      });
      return { kind: "ok" as const, id };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      return {
        kind: "invalid",
        errors: { departTime: "trunk.error.duplicate" },
      };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Assignment

/** Locks departure rows, ascending by id (the one order every writer here uses). */
async function lockDepartures(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const sorted = [...new Set(ids)].sort();
  await tx.$queryRaw`SELECT "id" FROM "trunk_departures" WHERE "id" = ANY(${sorted}::uuid[]) ORDER BY "id" FOR UPDATE`;
}

export interface AssignResult {
  assigned: {
    sellerOrderId: string;
    number: string;
    tempClass: TempClass;
    departureId: string;
    grams: number;
  }[];
  unassigned: (Unassigned & { number: string })[];
  /** Loads of cancelled seller orders taken off scheduled runs. */
  released: number;
}

/**
 * Assigns every pending class load of the scope's warehouses to its run, in one transaction under the runs' row
 * locks: a concurrent run waits and then finds the loads already there. Writes a trunk_assign event per load.
 */
export async function autoAssign(
  db: PrismaClient,
  scope: OperationsScope,
  actor: TrunkActor,
  now: Date = new Date()
): Promise<AssignResult> {
  return db.$transaction(
    async (tx) => {
      const warehouseIds = (await listTrunkWarehouses(tx, scope)).map(
        (w) => w.id
      );
      if (warehouseIds.length === 0)
        return { assigned: [], unassigned: [], released: 0 };
      const candidates = await tx.trunkDeparture.findMany({
        where: { warehouseId: { in: warehouseIds }, status: "scheduled" },
        select: { id: true },
      });
      await lockDepartures(
        tx,
        candidates.map((c) => c.id)
      );
      // A cancelled order's goods no longer ride: free the room they took on runs that have not left.
      const released = await tx.trunkLoad.deleteMany({
        where: {
          departure: { warehouseId: { in: warehouseIds }, status: "scheduled" },
          sellerOrder: { status: "cancelled" },
        },
      });
      const [open, needs] = await Promise.all([
        openDepartures(tx, warehouseIds, now),
        pendingNeeds(tx, warehouseIds, now),
      ]);
      const { assignments, unassigned } = assignLoads(open, needs, { now });
      const needOf = new Map(needs.map((n) => [n.sellerOrderId, n]));
      const runOf = new Map(open.map((d) => [d.id, d]));
      if (assignments.length > 0) {
        await tx.trunkLoad.createMany({
          data: assignments.map((a) => ({
            departureId: a.departureId,
            sellerOrderId: a.sellerOrderId,
            tempClass: a.tempClass,
            grams: a.grams,
            manual: false,
            assignedAt: now,
          })),
        });
        await tx.orderEvent.createMany({
          data: assignments.map((a) => {
            const n = needOf.get(a.sellerOrderId)!;
            const d = runOf.get(a.departureId)!;
            return {
              orderId: n.orderId,
              sellerOrderId: a.sellerOrderId,
              event: "trunk_assign" as const,
              fromStatus: n.status,
              toStatus: n.status,
              ...actorFields(actor),
              reason: trunkReason("assign", d),
              details: {
                departureId: d.id,
                vehiclePlate: d.vehiclePlate,
                tempClass: a.tempClass,
                grams: a.grams,
                departsAt: d.departsAt.toISOString(),
                arrivesAt: d.arrivesAt.toISOString(),
                manual: false,
              },
              createdAt: now,
            };
          }),
        });
      }
      return {
        assigned: assignments.map((a) => ({
          ...a,
          number: needOf.get(a.sellerOrderId)!.number,
        })),
        unassigned: unassigned.map((u) => ({
          ...u,
          number: needOf.get(u.sellerOrderId)!.number,
        })),
        released: released.count,
      };
    },
    { timeout: 60_000 }
  );
}

export type PlaceResult =
  | { kind: "ok"; moved: boolean; number: string }
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | {
      kind: "refused";
      code: PlaceRefusal | "invalid_state" | "nothing_to_load" | "load_left";
    };

/**
 * Puts one seller order's class load on a departure by hand (a move when it is on another run, a placement when it
 * was not assigned). The load is marked manual, so the automatic assignment leaves it where the operator put it.
 */
export async function placeLoad(
  db: PrismaClient,
  scope: OperationsScope,
  input: {
    sellerOrderId: string;
    tempClass: TrunkTempClass;
    departureId: string;
  },
  actor: TrunkActor,
  now: Date = new Date()
): Promise<PlaceResult> {
  if (!UUID.test(input.sellerOrderId) || !UUID.test(input.departureId))
    return { kind: "not_found" };
  return db.$transaction(async (tx) => {
    const existing = await tx.trunkLoad.findUnique({
      where: {
        sellerOrderId_tempClass: {
          sellerOrderId: input.sellerOrderId,
          tempClass: input.tempClass,
        },
      },
      select: { id: true, departureId: true },
    });
    await lockDepartures(tx, [
      input.departureId,
      ...(existing ? [existing.departureId] : []),
    ]);
    const [target, so] = await Promise.all([
      tx.trunkDeparture.findUnique({
        where: { id: input.departureId },
        select: {
          id: true,
          warehouseId: true,
          tempClass: true,
          status: true,
          capacityGrams: true,
          vehiclePlate: true,
          departsAt: true,
          arrivesAt: true,
          warehouse: { select: { operatorId: true } },
        },
      }),
      tx.sellerOrder.findUnique({
        where: { id: input.sellerOrderId },
        select: {
          id: true,
          status: true,
          orderId: true,
          order: {
            select: {
              number: true,
              slot: {
                select: {
                  warehouseId: true,
                  warehouse: { select: { operatorId: true } },
                },
              },
            },
          },
          lines: {
            select: {
              tempClass: true,
              quantity: true,
              shippedQuantity: true,
              netWeightGrams: true,
              weightGrams: true,
              actualGrams: true,
            },
          },
          trunkLoads: {
            where: { tempClass: input.tempClass },
            select: {
              id: true,
              departureId: true,
              grams: true,
              departure: { select: { status: true } },
            },
          },
        },
      }),
    ]);
    if (!target || !so || !so.order.slot) return { kind: "not_found" as const };
    if (
      !inScope(scope, target.warehouse.operatorId) ||
      !inScope(scope, so.order.slot.warehouse.operatorId)
    )
      return { kind: "forbidden" as const };
    if (!["placed", "confirmed", "packed"].includes(so.status))
      return { kind: "refused" as const, code: "invalid_state" as const };
    const current = so.trunkLoads[0];
    if (current && current.departure.status !== "scheduled")
      return { kind: "refused" as const, code: "load_left" as const };
    const grams =
      current?.grams ?? gramsByClass(so.lines)[input.tempClass] ?? 0;
    if (grams <= 0)
      return { kind: "refused" as const, code: "nothing_to_load" as const };
    const loaded = (await loadedGramsOf(tx, [target.id])).get(target.id) ?? 0;
    const refusal = checkManualPlacement(
      { ...target, loadedGrams: loaded },
      {
        warehouseId: so.order.slot.warehouseId,
        tempClass: input.tempClass,
        grams,
        alreadyOnTarget: current?.departureId === target.id,
      }
    );
    if (refusal) return { kind: "refused" as const, code: refusal };
    if (current?.departureId === target.id) {
      await tx.trunkLoad.update({
        where: { id: current.id },
        data: { manual: true },
        select: { id: true },
      });
      return { kind: "ok" as const, moved: false, number: so.order.number };
    }
    if (current)
      await tx.trunkLoad.update({
        where: { id: current.id },
        data: { departureId: target.id, manual: true, assignedAt: now },
        select: { id: true },
      });
    else
      await tx.trunkLoad.create({
        data: {
          departureId: target.id,
          sellerOrderId: so.id,
          tempClass: input.tempClass,
          grams,
          manual: true,
          assignedAt: now,
        },
        select: { id: true },
      });
    await tx.orderEvent.create({
      data: {
        orderId: so.orderId,
        sellerOrderId: so.id,
        event: "trunk_assign",
        fromStatus: so.status,
        toStatus: so.status,
        ...actorFields(actor),
        reason: trunkReason("assign", target, { manual: true }),
        details: {
          departureId: target.id,
          vehiclePlate: target.vehiclePlate,
          tempClass: input.tempClass,
          grams,
          departsAt: target.departsAt.toISOString(),
          manual: true,
          from: current?.departureId ?? null,
        },
        createdAt: now,
      },
      select: { id: true },
    });
    return {
      kind: "ok" as const,
      moved: Boolean(current),
      number: so.order.number,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Departure and arrival

export interface DepartResult {
  kind: "ok";
  /** Seller orders on the run that were packed and left with it. */
  departed: number;
  /** Seller orders not packed in time: moved to the next run of their class (null: none had room, now unassigned). */
  moved: {
    number: string;
    sellerName: string;
    to: { vehiclePlate: string; departsAt: Date } | null;
  }[];
}

type Refused<C extends string> =
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "refused"; code: C };

/**
 * Marks a scheduled run departed. Packed seller orders leave with it (trunk_depart on their timeline); those not
 * packed yet are moved to the next scheduled run of their class with room (trunk_assign saying so) or, when there
 * is none, taken off to be assigned again; cancelled ones are taken off.
 */
export async function markDeparted(
  db: PrismaClient,
  scope: OperationsScope,
  departureId: string,
  actor: TrunkActor,
  now: Date = new Date()
): Promise<DepartResult | Refused<"invalid_state">> {
  if (!UUID.test(departureId)) return { kind: "not_found" };
  return db.$transaction(
    async (tx) => {
      const head = await tx.trunkDeparture.findUnique({
        where: { id: departureId },
        select: {
          warehouseId: true,
          tempClass: true,
          warehouse: { select: { operatorId: true } },
        },
      });
      if (!head) return { kind: "not_found" as const };
      if (!inScope(scope, head.warehouse.operatorId))
        return { kind: "forbidden" as const };
      // This run and every scheduled run a load could move to, locked together in id order.
      const siblings = await tx.trunkDeparture.findMany({
        where: {
          warehouseId: head.warehouseId,
          tempClass: head.tempClass,
          OR: [{ id: departureId }, { status: "scheduled" }],
        },
        select: { id: true },
      });
      await lockDepartures(
        tx,
        siblings.map((s) => s.id)
      );
      const run = await tx.trunkDeparture.findUniqueOrThrow({
        where: { id: departureId },
        select: {
          id: true,
          warehouseId: true,
          tempClass: true,
          status: true,
          departsAt: true,
          arrivesAt: true,
          vehiclePlate: true,
          loads: {
            select: {
              id: true,
              grams: true,
              tempClass: true,
              sellerOrder: {
                select: {
                  id: true,
                  status: true,
                  orderId: true,
                  order: { select: { number: true } },
                  seller: { select: { name: true } },
                },
              },
            },
          },
        },
      });
      if (run.status !== "scheduled")
        return { kind: "refused" as const, code: "invalid_state" as const };
      await tx.trunkDeparture.update({
        where: { id: run.id },
        data: { status: "departed", departedAt: now },
        select: { id: true },
      });

      const later = (await openDepartures(tx, [run.warehouseId], now)).filter(
        (d) => d.tempClass === run.tempClass && d.id !== run.id
      );
      const events: Prisma.OrderEventCreateManyInput[] = [];
      const moved: DepartResult["moved"] = [];
      let departed = 0;
      for (const load of run.loads) {
        const so = load.sellerOrder;
        if (so.status === "cancelled") {
          await tx.trunkLoad.delete({
            where: { id: load.id },
            select: { id: true },
          });
          continue;
        }
        const base = {
          orderId: so.orderId,
          sellerOrderId: so.id,
          fromStatus: so.status,
          toStatus: so.status,
          ...actorFields(actor),
          createdAt: now,
        };
        if (so.status === "placed" || so.status === "confirmed") {
          const next = nextDeparture(later, run, load.grams, now);
          if (next) {
            next.loadedGrams += load.grams;
            await tx.trunkLoad.update({
              where: { id: load.id },
              data: { departureId: next.id, manual: false, assignedAt: now },
              select: { id: true },
            });
            events.push({
              ...base,
              event: "trunk_assign",
              reason: `未按时打包，改排${trunkReason("assign", next)}`,
              details: {
                departureId: next.id,
                vehiclePlate: next.vehiclePlate,
                tempClass: load.tempClass,
                grams: load.grams,
                departsAt: next.departsAt.toISOString(),
                from: run.id,
                notPacked: true,
              },
            });
          } else {
            await tx.trunkLoad.delete({
              where: { id: load.id },
              select: { id: true },
            });
          }
          moved.push({
            number: so.order.number,
            sellerName: so.seller.name,
            to: next
              ? { vehiclePlate: next.vehiclePlate, departsAt: next.departsAt }
              : null,
          });
          continue;
        }
        departed += 1;
        events.push({
          ...base,
          event: "trunk_depart",
          reason: trunkReason("depart", { ...run, departsAt: now }),
          details: {
            departureId: run.id,
            vehiclePlate: run.vehiclePlate,
            tempClass: load.tempClass,
            grams: load.grams,
            departedAt: now.toISOString(),
          },
        });
      }
      if (events.length > 0) await tx.orderEvent.createMany({ data: events });
      return { kind: "ok" as const, departed, moved };
    },
    { timeout: 60_000 }
  );
}

export interface ArriveResult {
  kind: "ok";
  /** True when the run had already been marked arrived (only the pending receipts were retried). */
  already: boolean;
  /** Seller orders received at the warehouse now. */
  received: string[];
  /** Seller orders still waiting for another run of theirs (other classes), or whose receipt was refused. */
  waiting: string[];
}

/**
 * Marks a departed run arrived (trunk_arrive on each seller order's timeline), then receives at the warehouse every
 * packed seller order on it whose loads have all arrived, through the ordering workflow with the operator as actor.
 * Calling it again on an arrived run retries receipts that did not happen (a crash between the two steps).
 */
export async function markArrived(
  db: PrismaClient,
  scope: OperationsScope,
  departureId: string,
  actor: StepActor,
  now: Date = new Date()
): Promise<ArriveResult | Refused<"not_departed" | "cancelled">> {
  if (!UUID.test(departureId)) return { kind: "not_found" };
  const first = await db.$transaction(async (tx) => {
    await lockDepartures(tx, [departureId]);
    const run = await tx.trunkDeparture.findUnique({
      where: { id: departureId },
      select: {
        id: true,
        status: true,
        tempClass: true,
        departsAt: true,
        arrivesAt: true,
        vehiclePlate: true,
        warehouse: { select: { name: true, nameEn: true, operatorId: true } },
        loads: {
          select: {
            tempClass: true,
            grams: true,
            sellerOrder: { select: { id: true, status: true, orderId: true } },
          },
        },
      },
    });
    if (!run) return { kind: "not_found" as const };
    if (!inScope(scope, run.warehouse.operatorId))
      return { kind: "forbidden" as const };
    if (run.status === "scheduled")
      return { kind: "refused" as const, code: "not_departed" as const };
    if (run.status === "cancelled")
      return { kind: "refused" as const, code: "cancelled" as const };
    const sellerOrderIds = [...new Set(run.loads.map((l) => l.sellerOrder.id))];
    if (run.status === "arrived")
      return { kind: "arrived" as const, already: true, sellerOrderIds };
    await tx.trunkDeparture.update({
      where: { id: run.id },
      data: { status: "arrived", arrivedAt: now },
      select: { id: true },
    });
    const live = run.loads.filter((l) => l.sellerOrder.status !== "cancelled");
    if (live.length > 0) {
      await tx.orderEvent.createMany({
        data: live.map((l) => ({
          orderId: l.sellerOrder.orderId,
          sellerOrderId: l.sellerOrder.id,
          event: "trunk_arrive" as const,
          fromStatus: l.sellerOrder.status,
          toStatus: l.sellerOrder.status,
          ...actorFields(actor),
          reason: trunkReason(
            "arrive",
            { ...run, arrivesAt: now },
            { warehouseName: run.warehouse.name }
          ),
          details: {
            departureId: run.id,
            vehiclePlate: run.vehiclePlate,
            tempClass: l.tempClass,
            grams: l.grams,
            arrivedAt: now.toISOString(),
            warehouseName: run.warehouse.name,
            warehouseNameEn: run.warehouse.nameEn,
          },
          createdAt: now,
        })),
      });
    }
    return { kind: "arrived" as const, already: false, sellerOrderIds };
  });
  if (first.kind !== "arrived") return first;

  // A seller order is at the warehouse once every run carrying a part of it has arrived.
  const candidates = await db.sellerOrder.findMany({
    where: { id: { in: first.sellerOrderIds }, status: "packed" },
    select: {
      id: true,
      order: { select: { number: true } },
      trunkLoads: { select: { departure: { select: { status: true } } } },
    },
    orderBy: { id: "asc" },
  });
  const received: string[] = [];
  const waiting: string[] = [];
  for (const so of candidates) {
    if (!so.trunkLoads.every((l) => l.departure.status === "arrived")) {
      waiting.push(so.order.number);
      continue;
    }
    const step = await applySellerOrderEvent(db, {
      sellerOrderId: so.id,
      event: "receive",
      actor,
      now,
    });
    (step.ok ? received : waiting).push(so.order.number);
  }
  return { kind: "ok", already: first.already, received, waiting };
}

// ---------------------------------------------------------------------------------------------
// What the warehouse will hold for a delivery day

export interface OutlookProduct {
  name: string;
  nameEn: string;
  sku: string;
  tempClass: TempClass;
  arrived: { packs: number; grams: number };
  expected: { packs: number; grams: number };
  /** On no run yet. */
  unassigned: { packs: number; grams: number };
}

export interface StockOutlook {
  day: Day;
  warehouses: {
    id: string;
    name: string;
    nameEn: string;
    /** Per class: grams arrived, expected (with the latest expected arrival) and not on a run. */
    classes: {
      tempClass: TempClass;
      arrivedGrams: number;
      expectedGrams: number;
      unassignedGrams: number;
      latestArrival: Date | null;
    }[];
    products: OutlookProduct[];
  }[];
}

const OUTLOOK_STATES: SellerOrderStatus[] = [
  "confirmed",
  "packed",
  "received",
  "out_for_delivery",
  "delivered",
];

/**
 * "What will be in stock for that day's plan": the goods of the day's orders per warehouse, split into arrived
 * (received, or on a run that arrived), expected (on a run still on its way or scheduled) and not on any run yet.
 */
export async function stockOutlook(
  db: PrismaClient,
  scope: OperationsScope,
  day: Day
): Promise<StockOutlook> {
  const warehouses = await listTrunkWarehouses(db, scope);
  const rows = await db.sellerOrder.findMany({
    where: {
      status: { in: OUTLOOK_STATES },
      order: {
        slot: {
          warehouseId: { in: warehouses.map((w) => w.id) },
          startsAt: {
            gte: startOfDay(day),
            lt: startOfDay(addDaysToDay(day, 1)),
          },
        },
      },
    },
    select: {
      status: true,
      order: { select: { slot: { select: { warehouseId: true } } } },
      lines: {
        select: {
          tempClass: true,
          quantity: true,
          shippedQuantity: true,
          netWeightGrams: true,
          weightGrams: true,
          actualGrams: true,
          sku: true,
          productNameZh: true,
          productNameEn: true,
        },
      },
      trunkLoads: {
        select: {
          tempClass: true,
          departure: { select: { status: true, arrivesAt: true } },
        },
      },
    },
  });
  type Acc = {
    classes: Map<
      TempClass,
      StockOutlook["warehouses"][number]["classes"][number]
    >;
    products: Map<string, OutlookProduct>;
  };
  const acc = new Map<string, Acc>(
    warehouses.map((w) => [w.id, { classes: new Map(), products: new Map() }])
  );
  for (const so of rows) {
    const a = acc.get(so.order.slot!.warehouseId)!;
    const loadOf = new Map(
      so.trunkLoads.map((l) => [l.tempClass, l.departure])
    );
    const atWarehouse = so.status !== "confirmed" && so.status !== "packed";
    for (const line of so.lines) {
      const packs = line.shippedQuantity ?? line.quantity;
      const grams = gramsByClass([line])[line.tempClass] ?? 0;
      if (packs <= 0 && grams <= 0) continue;
      const run = loadOf.get(line.tempClass);
      const bucket: "arrived" | "expected" | "unassigned" =
        atWarehouse || run?.status === "arrived"
          ? "arrived"
          : run && run.status !== "cancelled"
          ? "expected"
          : "unassigned";
      const c = a.classes.get(line.tempClass) ?? {
        tempClass: line.tempClass,
        arrivedGrams: 0,
        expectedGrams: 0,
        unassignedGrams: 0,
        latestArrival: null,
      };
      c[`${bucket}Grams`] += grams;
      if (
        bucket === "expected" &&
        run &&
        (!c.latestArrival || run.arrivesAt > c.latestArrival)
      )
        c.latestArrival = run.arrivesAt;
      a.classes.set(line.tempClass, c);
      const key = `${line.tempClass}:${line.sku || line.productNameZh}`;
      const p = a.products.get(key) ?? {
        name: line.productNameZh,
        nameEn: line.productNameEn,
        sku: line.sku,
        tempClass: line.tempClass,
        arrived: { packs: 0, grams: 0 },
        expected: { packs: 0, grams: 0 },
        unassigned: { packs: 0, grams: 0 },
      };
      p[bucket].packs += packs;
      p[bucket].grams += grams;
      a.products.set(key, p);
    }
  }
  const classOrder: Record<TempClass, number> = {
    chilled: 0,
    frozen: 1,
    ambient: 2,
  };
  return {
    day,
    warehouses: warehouses.map((w) => {
      const a = acc.get(w.id)!;
      return {
        id: w.id,
        name: w.name,
        nameEn: w.nameEn,
        classes: [...a.classes.values()].sort(
          (x, y) => classOrder[x.tempClass] - classOrder[y.tempClass]
        ),
        products: [...a.products.values()].sort(
          (x, y) =>
            classOrder[x.tempClass] - classOrder[y.tempClass] ||
            x.name.localeCompare(y.name, "zh") ||
            x.sku.localeCompare(y.sku)
        ),
      };
    }),
  };
}

/** The Beijing day after `now` (the day tomorrow's plan is for). */
export function tomorrowOf(now: Date): Day {
  return addDaysToDay(dayOf(now), 1);
}

export type { UnassignedReason };
