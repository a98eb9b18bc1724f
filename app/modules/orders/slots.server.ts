/**
 * Delivery slots as operators maintain them: per district, for the warehouses their organization operates
 * (warehouses.operator_id). The cut-off rule and window are resolved by cutoff.ts (resolveSlot) into the instants
 * the row stores; capacity is grams per temperature class, and booked_* are kept by the order workflows under the
 * slot row's lock — so a capacity change takes the same lock and never goes below what is booked. A slot that has
 * orders cannot be deleted (orders.slot_id is RESTRICT): checked first, and the foreign-key error is caught too.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { startOfDay, type Day } from "~/modules/lots/rules";
import type { MessageKey } from "~/utils/i18n/messages";
import { pageCount, type Page } from "~/utils/pagination";
import { TEMP_CLASSES, type TempClass, type WeightByTemp } from "./cart-rules";
import { isOpen, remainingCapacity, resolveSlot } from "./cutoff";
import { SLOT_FIELD, SLOT_ISSUE_MESSAGE, type SlotFormData } from "./delivery-setup-schemas";
import type { ShanghaiDistrict } from "./districts";
import { SLOT_LOAD_SELECT } from "~/modules/orders/slot-select";

/** What a user may do with slots: an operator manages its organizations' warehouses; an admin reads them all. */
export type SlotScope = { kind: "manage"; operatorOrgIds: string[] } | { kind: "read_all" };

/** The scope of a user, or null for one who may not see slots at all. */
export function slotScope(user: { roles: readonly string[]; permissions: readonly string[]; memberships: readonly { role: string; organizationId: string }[] }): SlotScope | null {
  if (user.permissions.includes("manage:slots")) {
    return { kind: "manage", operatorOrgIds: [...new Set(user.memberships.filter((m) => m.role === "operator").map((m) => m.organizationId))] };
  }
  if (user.roles.includes("admin") && user.permissions.includes("read:operations")) return { kind: "read_all" };
  return null;
}

function warehouseWhere(scope: SlotScope): Prisma.WarehouseWhereInput {
  return scope.kind === "read_all" ? {} : { operatorId: { in: scope.operatorOrgIds } };
}

/** The warehouses slots can be listed for (and, when managing, added to). */
export async function listSlotWarehouses(db: PrismaClient, scope: SlotScope): Promise<{ id: string; name: string; nameEn: string; district: string }[]> {
  return db.warehouse.findMany({ where: warehouseWhere(scope), select: { id: true, name: true, nameEn: true, district: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

const slotSelect = {
  ...SLOT_LOAD_SELECT,
  warehouse: { select: { id: true, name: true, nameEn: true, operatorId: true } },
  _count: { select: { orders: true } },
} satisfies Prisma.DeliverySlotSelect;

type SlotRecord = Prisma.DeliverySlotGetPayload<{ select: typeof slotSelect }>;

/** A slot as the operator's list shows it. */
export interface SlotView {
  id: string;
  district: string;
  warehouse: { id: string; name: string; nameEn: string };
  startsAt: Date;
  endsAt: Date;
  cutoffAt: Date;
  /** Taking orders: strictly before the cut-off. */
  open: boolean;
  capacityGrams: WeightByTemp;
  bookedGrams: WeightByTemp;
  remainingGrams: WeightByTemp;
  orderCount: number;
  /** The caller's organization operates the warehouse. */
  editable: boolean;
}

/** Capacity per temperature class of a slot row. */
export function slotCapacity(s: { capacityAmbientGrams: number; capacityChilledGrams: number; capacityFrozenGrams: number }): WeightByTemp {
  return { ambient: s.capacityAmbientGrams, chilled: s.capacityChilledGrams, frozen: s.capacityFrozenGrams };
}

/** Booked grams per temperature class of a slot row. */
export function slotBooked(s: { bookedAmbientGrams: number; bookedChilledGrams: number; bookedFrozenGrams: number }): WeightByTemp {
  return { ambient: s.bookedAmbientGrams, chilled: s.bookedChilledGrams, frozen: s.bookedFrozenGrams };
}

function toView(s: SlotRecord, scope: SlotScope, now: Date): SlotView {
  const capacityGrams = slotCapacity(s);
  const bookedGrams = slotBooked(s);
  return {
    id: s.id,
    district: s.district,
    warehouse: { id: s.warehouse.id, name: s.warehouse.name, nameEn: s.warehouse.nameEn },
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    cutoffAt: s.cutoffAt,
    open: isOpen(s, now),
    capacityGrams,
    bookedGrams,
    remainingGrams: remainingCapacity(capacityGrams, bookedGrams),
    orderCount: s._count.orders,
    editable: scope.kind === "manage" && scope.operatorOrgIds.includes(s.warehouse.operatorId),
  };
}

export const SLOTS_PAGE_SIZE = 50;

/** Upcoming slots (not yet ended) in the scope, soonest first, optionally of one district and from a Beijing day on. */
export async function listSlots(
  db: PrismaClient,
  scope: SlotScope,
  options: { now: Date; district?: ShanghaiDistrict | null; from?: Day | null; page?: number },
): Promise<Page<SlotView>> {
  const where: Prisma.DeliverySlotWhereInput = {
    warehouse: warehouseWhere(scope),
    endsAt: { gt: options.now },
    ...(options.district ? { district: options.district } : {}),
    ...(options.from ? { startsAt: { gte: startOfDay(options.from) } } : {}),
  };
  const page = options.page ?? 1;
  const [total, rows] = await Promise.all([
    db.deliverySlot.count({ where }),
    db.deliverySlot.findMany({ where, select: slotSelect, orderBy: [{ startsAt: "asc" }, { district: "asc" }, { id: "asc" }], skip: (page - 1) * SLOTS_PAGE_SIZE, take: SLOTS_PAGE_SIZE }),
  ]);
  return { items: rows.map((s) => toView(s, scope, options.now)), total, page, pages: pageCount(total, SLOTS_PAGE_SIZE) };
}

/** One slot in the scope ("forbidden" when it exists but the caller's organization does not operate its warehouse). */
export async function findSlot(db: PrismaClient, scope: SlotScope, slotId: string, now: Date): Promise<{ kind: "ok"; slot: SlotView } | { kind: "not_found" } | { kind: "forbidden" }> {
  const s = await db.deliverySlot.findUnique({ where: { id: slotId }, select: slotSelect });
  if (!s) return { kind: "not_found" };
  const view = toView(s, scope, now);
  if (scope.kind === "manage" && !view.editable) return { kind: "forbidden" };
  return { kind: "ok", slot: view };
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; message?: string } | null;
  return e?.code === "P2002" || e?.cause?.code === "23505" || /Unique constraint/i.test(e?.message ?? "");
}

function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string; originalCode?: string }; message?: string } | null;
  return e?.code === "P2003" || e?.cause?.code === "23503" || e?.cause?.originalCode === "23503" || /Foreign key constraint/i.test(e?.message ?? "");
}

export type SlotCreateResult =
  | { kind: "ok"; slot: SlotView }
  | { kind: "forbidden" }
  | { kind: "not_found" }
  | { kind: "invalid"; errors: Partial<Record<string, MessageKey>> };

/**
 * Adds a slot to a warehouse the caller's organization operates. The rule is resolved again with the server's
 * clock, so a cut-off already past is refused even if the browser's clock said otherwise.
 */
export async function createSlot(db: PrismaClient, scope: SlotScope, input: SlotFormData, now = new Date()): Promise<SlotCreateResult> {
  if (scope.kind !== "manage") return { kind: "forbidden" };
  const warehouse = await db.warehouse.findUnique({ where: { id: input.warehouseId }, select: { operatorId: true } });
  if (!warehouse) return { kind: "not_found" };
  if (!scope.operatorOrgIds.includes(warehouse.operatorId)) return { kind: "forbidden" };
  const resolved = resolveSlot(input.spec, now);
  if (!resolved.ok) {
    const errors: Partial<Record<string, MessageKey>> = {};
    for (const issue of resolved.issues) errors[SLOT_FIELD[issue.field]] ??= SLOT_ISSUE_MESSAGE[issue.code];
    return { kind: "invalid", errors };
  }
  const { times, capacityGrams } = resolved;
  try {
    const created = await db.deliverySlot.create({
      data: {
        warehouseId: input.warehouseId,
        district: input.district,
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        cutoffAt: times.cutoffAt,
        capacityAmbientGrams: capacityGrams.ambient,
        capacityChilledGrams: capacityGrams.chilled,
        capacityFrozenGrams: capacityGrams.frozen,
      },
      select: slotSelect,
    });
    return { kind: "ok", slot: toView(created, scope, now) };
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "invalid", errors: { windowStart: "deliverySetup.slots.duplicate" } };
    throw error;
  }
}

export type CapacityResult =
  | { kind: "ok"; slot: SlotView }
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "below_booked"; short: { tempClass: TempClass; bookedGrams: number }[] };

const CAPACITY_COLUMN: Record<TempClass, "capacityAmbientGrams" | "capacityChilledGrams" | "capacityFrozenGrams"> = {
  ambient: "capacityAmbientGrams",
  chilled: "capacityChilledGrams",
  frozen: "capacityFrozenGrams",
};

/**
 * Sets a slot's capacity per class. Under the slot row's lock (the one the order workflows book under), so no
 * order can slip in between the check and the update; a class may not go below what is already booked.
 */
export async function updateSlotCapacity(db: PrismaClient, scope: SlotScope, slotId: string, capacityGrams: WeightByTemp, now = new Date()): Promise<CapacityResult> {
  if (scope.kind !== "manage") return { kind: "forbidden" };
  const outcome = await db.$transaction(async (tx): Promise<CapacityResult | { kind: "updated" }> => {
    const locked = await tx.$queryRaw<{ operator_id: string; booked_ambient_grams: number; booked_chilled_grams: number; booked_frozen_grams: number }[]>`
      SELECT w."operator_id", s."booked_ambient_grams", s."booked_chilled_grams", s."booked_frozen_grams"
      FROM "delivery_slots" s JOIN "warehouses" w ON w."id" = s."warehouse_id"
      WHERE s."id" = ${slotId}::uuid FOR UPDATE OF s`;
    const row = locked[0];
    if (!row) return { kind: "not_found" };
    if (!scope.operatorOrgIds.includes(row.operator_id)) return { kind: "forbidden" };
    const booked: WeightByTemp = { ambient: row.booked_ambient_grams, chilled: row.booked_chilled_grams, frozen: row.booked_frozen_grams };
    const short = TEMP_CLASSES.filter((c) => capacityGrams[c] < booked[c]).map((c) => ({ tempClass: c, bookedGrams: booked[c] }));
    if (short.length > 0) return { kind: "below_booked", short };
    await tx.deliverySlot.update({
      where: { id: slotId },
      data: Object.fromEntries(TEMP_CLASSES.map((c) => [CAPACITY_COLUMN[c], capacityGrams[c]])),
      select: { id: true },
    });
    return { kind: "updated" };
  });
  if (outcome.kind !== "updated") return outcome;
  const found = await findSlot(db, scope, slotId, now);
  return found.kind === "ok" ? { kind: "ok", slot: found.slot } : found;
}

export type DeleteSlotResult = { kind: "ok" } | { kind: "not_found" } | { kind: "forbidden" } | { kind: "has_orders"; orderCount: number };

/** Deletes a slot without orders; one with orders is refused with their count (an order placed meanwhile trips the foreign key). */
export async function deleteSlot(db: PrismaClient, scope: SlotScope, slotId: string): Promise<DeleteSlotResult> {
  if (scope.kind !== "manage") return { kind: "forbidden" };
  const slot = await db.deliverySlot.findUnique({ where: { id: slotId }, select: { warehouse: { select: { operatorId: true } }, _count: { select: { orders: true } } } });
  if (!slot) return { kind: "not_found" };
  if (!scope.operatorOrgIds.includes(slot.warehouse.operatorId)) return { kind: "forbidden" };
  if (slot._count.orders > 0) return { kind: "has_orders", orderCount: slot._count.orders };
  try {
    const { count } = await db.deliverySlot.deleteMany({ where: { id: slotId } });
    return count === 1 ? { kind: "ok" } : { kind: "not_found" };
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    return { kind: "has_orders", orderCount: await db.order.count({ where: { slotId } }) };
  }
}
