/**
 * Proof of delivery as the order pages show it (issue 10 item 5, "differences recorded for claims"): for each
 * stop that handed over (or tried to hand over) an order, when the van arrived and delivered, who received it,
 * the probe temperature, the receiver's signature, the driver's note and whether a photo was taken. The photo
 * itself is served by routes/delivery-photos.$stopId.tsx to the people who may see the order.
 */
import type { Prisma, PrismaClient, StopStatus } from "~/generated/prisma/client";
import { isUuid } from "~/utils/pagination";

type Db = PrismaClient | Prisma.TransactionClient;

/** One stop's record of handing over an order. */
export interface DeliveryProof {
  stopId: string;
  status: StopStatus;
  arrivedAt: Date | null;
  deliveredAt: Date | null;
  receiverName: string;
  temperatureC: number | null;
  /** The probe reading per cold compartment, from the applied hand-over (a mixed van's stop has both). */
  temperatures: { chilled?: number; frozen?: number };
  /** The receiver's signature as SVG, from signature_pad (shown as an image, never inlined as markup). */
  signatureSvg: string;
  note: string;
  hasPhoto: boolean;
  vehiclePlate: string | null;
  driverName: string | null;
}

/** The stops that reached an order (arrived, delivered or failed), oldest first; a planned stop is not proof yet. */
export async function loadDeliveryProofs(db: Db, orderId: string): Promise<DeliveryProof[]> {
  if (!isUuid(orderId)) return [];
  const rows = await db.deliveryStop.findMany({
    where: { orders: { some: { orderId } }, status: { in: ["arrived", "delivered", "failed"] } },
    select: {
      id: true,
      status: true,
      arrivedAt: true,
      deliveredAt: true,
      receiverName: true,
      temperatureC: true,
      signatureSvg: true,
      deliveryNote: true,
      photoKey: true,
      actions: { where: { kind: "deliver", outcome: "applied" }, select: { payload: true }, take: 1 },
      route: { select: { vehicle: { select: { plate: true } }, driver: { select: { displayName: true } } } },
    },
    orderBy: [{ arrivedAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    stopId: r.id,
    status: r.status,
    arrivedAt: r.arrivedAt,
    deliveredAt: r.deliveredAt,
    receiverName: r.receiverName,
    temperatureC: r.temperatureC,
    temperatures: readingsOf(r.actions[0]?.payload),
    signatureSvg: r.signatureSvg,
    note: r.deliveryNote,
    hasPhoto: r.photoKey !== "",
    vehiclePlate: r.route?.vehicle?.plate ?? null,
    driverName: r.route?.driver?.displayName ?? null,
  }));
}

/** The chilled and frozen readings of a hand-over's payload (numbers only: the payload is stored JSON). */
function readingsOf(payload: unknown): DeliveryProof["temperatures"] {
  const t = (payload as { temperatures?: Record<string, unknown> } | null)?.temperatures ?? {};
  const out: DeliveryProof["temperatures"] = {};
  for (const c of ["chilled", "frozen"] as const) if (typeof t[c] === "number" && Number.isFinite(t[c])) out[c] = t[c] as number;
  return out;
}

/** Who asks for a stop's photo: their user id, whether they may read any order, and their organizations by role. */
export interface ProofViewer {
  userId: string;
  readsAnyOrder: boolean;
  buyerOrgIds: readonly string[];
  sellerOrgIds: readonly string[];
}

/**
 * The storage key of a stop's photo when the viewer may see it — an operator or admin reading any order, a member
 * of the buyer or of a seller of an order the stop handed over, or the stop's driver — else null (unknown stop,
 * no photo, or not theirs: the route answers 404 alike, so the ids of others' stops reveal nothing).
 */
export async function photoKeyForViewer(db: Db, stopId: string, viewer: ProofViewer): Promise<string | null> {
  if (!isUuid(stopId)) return null;
  const stop = await db.deliveryStop.findUnique({
    where: { id: stopId },
    select: {
      photoKey: true,
      route: { select: { driverId: true } },
      orders: { select: { order: { select: { buyerId: true, sellerOrders: { select: { sellerId: true } } } } } },
    },
  });
  if (!stop || stop.photoKey === "") return null;
  if (viewer.readsAnyOrder || stop.route?.driverId === viewer.userId) return stop.photoKey;
  const orders = stop.orders.map((o) => o.order);
  const buyer = orders.some((o) => viewer.buyerOrgIds.includes(o.buyerId));
  const seller = orders.some((o) => o.sellerOrders.some((so) => viewer.sellerOrgIds.includes(so.sellerId)));
  return buyer || seller ? stop.photoKey : null;
}
