/**
 * A buyer organization's delivery points (a university has several canteens): add, edit, archive. Archived points
 * keep their orders (orders.delivery_point_id is RESTRICT and orders snapshot the address) but are not offered
 * when ordering. Every function takes the caller's buyer organizations and refuses another organization's point.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { DeliveryPointInput } from "./delivery-setup-schemas";

type Db = PrismaClient | Prisma.TransactionClient;

/** The organizations a user buys for (their buyer memberships), in membership order. */
export function buyerOrganizationIds(memberships: readonly { role: string; organizationId: string }[]): string[] {
  return [...new Set(memberships.filter((m) => m.role === "buyer").map((m) => m.organizationId))];
}

/** What a delivery point says to whoever delivers or orders to it. */
export const DELIVERY_POINT_SELECT = {
  id: true,
  name: true,
  nameEn: true,
  district: true,
  address: true,
  lat: true,
  lng: true,
  receivingFrom: true,
  receivingTo: true,
  contactName: true,
  contactPhone: true,
} as const satisfies Prisma.DeliveryPointSelect;

const pointSelect = { ...DELIVERY_POINT_SELECT, organizationId: true, archivedAt: true, createdAt: true } satisfies Prisma.DeliveryPointSelect;

export type DeliveryPointRow = Prisma.DeliveryPointGetPayload<{ select: typeof pointSelect }>;

/** The organizations' delivery points, active ones first by name, then the archived ones (latest first). */
export async function listDeliveryPoints(db: Db, organizationIds: readonly string[]): Promise<{ active: DeliveryPointRow[]; archived: DeliveryPointRow[] }> {
  if (organizationIds.length === 0) return { active: [], archived: [] };
  const rows = await db.deliveryPoint.findMany({
    where: { organizationId: { in: [...organizationIds] } },
    select: pointSelect,
    orderBy: [{ name: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  const archived = rows.filter((p) => p.archivedAt !== null).sort((a, b) => b.archivedAt!.getTime() - a.archivedAt!.getTime());
  return { active: rows.filter((p) => p.archivedAt === null), archived };
}

export type PointLookup = { kind: "ok"; point: DeliveryPointRow } | { kind: "not_found" } | { kind: "forbidden" };

/** One point if it belongs to one of the organizations; another organization's point is "forbidden". */
export async function findOwnDeliveryPoint(db: Db, organizationIds: readonly string[], pointId: string): Promise<PointLookup> {
  const point = await db.deliveryPoint.findUnique({ where: { id: pointId }, select: pointSelect });
  if (!point) return { kind: "not_found" };
  if (!organizationIds.includes(point.organizationId)) return { kind: "forbidden" };
  return { kind: "ok", point };
}

function pointData(input: DeliveryPointInput) {
  return {
    name: input.name,
    nameEn: input.nameEn,
    district: input.district,
    address: input.address,
    lat: input.lat,
    lng: input.lng,
    receivingFrom: input.receivingFrom,
    receivingTo: input.receivingTo,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
  };
}

/** Adds a delivery point to the organization (the caller has checked it is one of the user's). */
export async function createDeliveryPoint(db: Db, organizationId: string, input: DeliveryPointInput): Promise<DeliveryPointRow> {
  return db.deliveryPoint.create({ data: { organizationId, ...pointData(input) }, select: pointSelect });
}

export type PointChange = { kind: "ok"; point: DeliveryPointRow } | { kind: "not_found" } | { kind: "forbidden" } | { kind: "archived" };

/**
 * Changes one of the organizations' active points. Orders keep the address they were placed with (a snapshot),
 * so an edit never rewrites history; an archived point cannot be edited.
 */
export async function updateDeliveryPoint(db: Db, organizationIds: readonly string[], pointId: string, input: DeliveryPointInput): Promise<PointChange> {
  const found = await findOwnDeliveryPoint(db, organizationIds, pointId);
  if (found.kind !== "ok") return found;
  // The archive check rides on the update itself, so an archive racing this edit wins cleanly.
  const { count } = await db.deliveryPoint.updateMany({ where: { id: pointId, archivedAt: null }, data: pointData(input) });
  if (count === 0) return { kind: "archived" };
  const point = await db.deliveryPoint.findUniqueOrThrow({ where: { id: pointId }, select: pointSelect });
  return { kind: "ok", point };
}

/** Archives one of the organizations' points (again: no change, the first date stays). */
export async function archiveDeliveryPoint(db: Db, organizationIds: readonly string[], pointId: string, now = new Date()): Promise<PointLookup> {
  const found = await findOwnDeliveryPoint(db, organizationIds, pointId);
  if (found.kind !== "ok") return found;
  await db.deliveryPoint.updateMany({ where: { id: pointId, archivedAt: null }, data: { archivedAt: now } });
  const point = await db.deliveryPoint.findUniqueOrThrow({ where: { id: pointId }, select: pointSelect });
  return { kind: "ok", point };
}
