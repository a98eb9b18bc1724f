/**
 * Applies the phone's actions (arrive, deliver, fail) and the route start, each in ONE transaction:
 *
 *   recorded on the phone by another user than the session's → "otherAccount", nothing read or
 *   written (the phone keeps it for its own user) → the action's id already recorded → its first
 *   outcome again, nothing written (a replay) → lock the stop row → decideAction (actions.ts: stale
 *   when re-planned, duplicate, refused second proof) → write the stop (and on deliver the order
 *   lines' received packs and notes, then the ordering workflow's dispatch/deliver for the stop's
 *   seller orders, as the driver) → record the action in delivery_actions under the phone's id with
 *   its outcome.
 *
 * A photo is stored (app/modules/storage) before the transaction and removed again when the action
 * did not apply, so a stop refers only to a photo of its own proof of delivery.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { processPhoto } from "~/modules/images/process.server";
import type { Storage } from "~/modules/storage/index.server";
import type { Tx } from "~/modules/stock/stock.server";
import { logger } from "~/utils/logger.server";
import { applySellerOrderEventInTx, type StepActor } from "~/workflows/seller-order-step.server";
import {
  decideAction,
  nextStatus,
  otherAccountResult,
  parseDeliverForm,
  payloadToValues,
  replayOrder,
  type ActionResult,
  type DeliverPayload,
  type DriverAction,
  type FailPayload,
  type HandOverLine,
  type Outcome,
  type StopStatus,
} from "./actions";
import { driversRouteWhere } from "./routes.server";

export interface SyncOptions {
  storage: Storage;
  /** Largest photo accepted, bytes. */
  maxPhotoBytes: number;
  now?: Date;
}

/** An action's answer, with field errors when its payload broke the hand-over rules (nothing recorded then). */
export type SyncResult = ActionResult & { fields?: Record<string, string> };

/** Applies a batch in replay order (actions.ts replayOrder), one transaction per action. */
export async function applyDriverActions(
  db: PrismaClient,
  actor: StepActor,
  actions: readonly DriverAction[],
  photos: ReadonlyMap<string, Buffer>,
  options: SyncOptions,
): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  for (const action of replayOrder(actions)) results.push(await applyOne(db, actor, action, photos.get(action.id), options));
  return results;
}

async function applyOne(db: PrismaClient, actor: StepActor, action: DriverAction, photo: Buffer | undefined, options: SyncOptions): Promise<SyncResult> {
  // Never under the wrong session: an action another user recorded on a shared phone is refused before
  // anything is looked up (not even a replay's outcome). No user recorded (queued before this was) is the session's.
  const foreign = otherAccountResult(action, actor.userId);
  if (foreign) return foreign;
  const known = await recorded(db, action, actor);
  if (known) return known;
  const photoKey = action.kind === "deliver" && photo ? await storePhoto(options, action, photo) : "";
  let result: SyncResult;
  try {
    result = await db.$transaction((tx) => applyInTx(tx, actor, action, photoKey, options.now ?? new Date()));
  } catch (error) {
    if (photoKey) await removePhoto(options.storage, photoKey);
    // Two requests carrying the same new id at once: the second finds the first one's row.
    if ((error as { code?: string }).code === "P2002") {
      const again = await recorded(db, action, actor);
      if (again) return again;
    }
    throw error;
  }
  if (photoKey && result.outcome !== "applied") await removePhoto(options.storage, photoKey);
  return result;
}

/** The outcome recorded for this id before, as a replay; null when the id is new. */
async function recorded(db: PrismaClient | Tx, action: DriverAction, actor: StepActor): Promise<SyncResult | null> {
  const row = await db.deliveryAction.findUnique({ where: { id: action.id }, select: { stopId: true, driverId: true, outcome: true, message: true, stop: { select: { status: true } } } });
  if (!row) return null;
  // Another driver's id (or another stop's) is not this action: say nothing about it.
  if (row.driverId !== actor.userId || row.stopId !== action.stopId) return { id: action.id, stopId: action.stopId, outcome: "refused", message: "driverApp.outcome.invalid", replayed: true, stopStatus: null };
  return { id: action.id, stopId: row.stopId, outcome: row.outcome as Outcome, message: row.message, replayed: true, stopStatus: row.stop.status };
}

async function applyInTx(tx: Tx, actor: StepActor, action: DriverAction, photoKey: string, now: Date): Promise<SyncResult> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "delivery_stops" WHERE "id" = ${action.stopId}::uuid FOR UPDATE`;
  // A stop deleted with its plan cannot hold the action's row (foreign key): answered, not recorded.
  if (locked.length === 0) return { id: action.id, stopId: action.stopId, outcome: "stale", message: "driverApp.outcome.staleUnknown", replayed: false, stopStatus: null };
  const stop = await tx.deliveryStop.findUniqueOrThrow({
    where: { id: action.stopId },
    select: {
      id: true,
      status: true,
      signatureSvg: true,
      arrivedAt: true,
      routeId: true,
      route: { select: { driverId: true, plan: { select: { status: true } } } },
      orders: { select: { orderId: true }, orderBy: { orderId: "asc" } },
    },
  });
  const mine = stop.route !== null && stop.route.driverId === actor.userId && stop.route.plan.status === "published";
  const proof = stop.status === "delivered" ? await recordedTemperatures(tx, stop.id) : {};
  const decision = decideAction({ onDriversPublishedRoute: mine, status: stop.status, signatureSvg: stop.signatureSvg, temperatures: proof }, action);
  // The phone's clock, but never in the future of the server's.
  const actedAt = new Date(Math.min(Date.parse(action.actedAt), now.getTime()));
  let message: string = decision.message;
  let payload = action.payload as Prisma.InputJsonValue;
  let status: StopStatus = stop.status;

  if (decision.outcome === "applied") {
    const orderIds = stop.orders.map((o) => o.orderId);
    if (action.kind === "arrive") {
      await tx.deliveryStop.update({ where: { id: stop.id }, data: { status: "arrived", arrivedAt: actedAt }, select: { id: true } });
      if (orderIds.length > 0)
        await tx.orderEvent.createMany({ data: orderIds.map((orderId) => ({ orderId, event: "stop_arrive" as const, actorId: actor.userId, actorRole: actor.role, details: { stopId: stop.id }, createdAt: actedAt })) });
    } else if (action.kind === "fail") {
      await tx.deliveryStop.update({ where: { id: stop.id }, data: { status: "failed", deliveryNote: (action.payload as FailPayload).reason.slice(0, 500) }, select: { id: true } });
    } else {
      const delivered = await deliver(tx, actor, stop.id, orderIds, action.payload as DeliverPayload, photoKey, stop.arrivedAt ?? actedAt, actedAt);
      if (!delivered.ok) return { id: action.id, stopId: stop.id, outcome: "invalid", message: "driverApp.outcome.invalid", replayed: false, stopStatus: stop.status, fields: delivered.fields };
      payload = delivered.payload as unknown as Prisma.InputJsonValue;
      if (delivered.notDelivered > 0) message = "driverApp.outcome.appliedPartly";
    }
    status = nextStatus(action.kind);
  }
  await tx.deliveryAction.create({
    data: { id: action.id, stopId: stop.id, driverId: actor.userId, kind: action.kind, payload, actedAt, outcome: decision.outcome, message },
    select: { id: true },
  });
  return { id: action.id, stopId: stop.id, outcome: decision.outcome, message, replayed: false, stopStatus: status };
}

/** The temperatures of the proof already recorded for a stop (from its applied deliver action). */
async function recordedTemperatures(tx: Tx, stopId: string): Promise<DeliverPayload["temperatures"]> {
  const row = await tx.deliveryAction.findFirst({ where: { stopId, kind: "deliver", outcome: "applied" }, select: { payload: true } });
  const temps = (row?.payload as { temperatures?: DeliverPayload["temperatures"] } | null)?.temperatures;
  return temps ?? {};
}

type Delivered = { ok: true; payload: DeliverPayload; notDelivered: number } | { ok: false; fields: Record<string, string> };

/**
 * The proof of delivery: received packs per line (a difference keeps its note for the claim), the probe
 * readings, receiver and signature on the stop, then each seller order of the stop's orders delivered
 * (dispatched first when the route was not started), as the driver.
 */
async function deliver(tx: Tx, actor: StepActor, stopId: string, orderIds: string[], given: DeliverPayload, photoKey: string, arrivedAt: Date, actedAt: Date): Promise<Delivered> {
  const sellerOrders = await tx.sellerOrder.findMany({
    where: { orderId: { in: orderIds }, status: { not: "cancelled" } },
    select: { id: true, status: true, lines: { select: { id: true, tempClass: true, quantity: true, shippedQuantity: true } } },
    orderBy: [{ orderId: "asc" }, { id: "asc" }],
  });
  const lines: HandOverLine[] = sellerOrders.flatMap((so) => so.lines.map((l) => ({ lineId: l.id, compartment: l.tempClass, shipped: l.shippedQuantity ?? l.quantity }))).filter((l) => l.shipped > 0);
  const known = new Set(lines.map((l) => l.lineId));
  const unknown = given.lines.filter((l) => !known.has(l.lineId));
  if (unknown.length > 0) return { ok: false, fields: Object.fromEntries(unknown.map((l) => [`received:${l.lineId}`, "driverApp.form.unknownLine"])) };
  const parsed = parseDeliverForm(payloadToValues(given), lines);
  if (!parsed.payload) return { ok: false, fields: parsed.errors };
  const payload: DeliverPayload = { ...parsed.payload, hasPhoto: photoKey !== "" };

  for (const l of payload.lines) {
    await tx.orderLine.update({ where: { id: l.lineId }, data: { receivedQuantity: l.receivedQuantity, receivedNote: l.note }, select: { id: true } });
  }
  const t = payload.temperatures;
  await tx.deliveryStop.update({
    where: { id: stopId },
    data: {
      status: "delivered",
      arrivedAt,
      deliveredAt: actedAt,
      // One column for the probe: the chilled compartment's reading, else the frozen one's (both stay in the action's payload).
      temperatureC: t.chilled ?? t.frozen ?? null,
      receiverName: payload.receiverName,
      signatureSvg: payload.signatureSvg,
      photoKey,
      deliveryNote: payload.note,
    },
    select: { id: true },
  });
  let notDelivered = 0;
  for (const so of sellerOrders) {
    const steps = so.status === "received" ? (["dispatch", "deliver"] as const) : so.status === "out_for_delivery" ? (["deliver"] as const) : [];
    if (steps.length === 0 && so.status !== "delivered" && so.status !== "closed") notDelivered += 1;
    for (const event of steps) {
      const r = await applySellerOrderEventInTx(tx, { sellerOrderId: so.id, event, actor, now: actedAt });
      if (!r.ok) {
        logger.warn({ sellerOrderId: so.id, event, code: r.code, stopId }, "driver could not move a seller order at delivery");
        notDelivered += 1;
        break;
      }
    }
  }
  return { ok: true, payload, notDelivered };
}

async function storePhoto(options: SyncOptions, action: DriverAction, body: Buffer): Promise<string> {
  try {
    const processed = await processPhoto(body, { maxBytes: options.maxPhotoBytes });
    const largest = processed.variants[processed.variants.length - 1];
    const key = `deliveries/${action.stopId}/${action.id}.webp`;
    await options.storage.put(key, largest.body, "image/webp");
    return key;
  } catch (error) {
    // The proof of delivery stands without the photo; the driver is told through the action's message.
    logger.warn({ err: error, actionId: action.id }, "delivery photo not kept");
    return "";
  }
}

async function removePhoto(storage: Storage, key: string): Promise<void> {
  try {
    await storage.delete(key);
  } catch (error) {
    logger.warn({ err: error, key }, "could not remove a delivery photo");
  }
}

export type StartResult = { ok: true; dispatched: number; alreadyStarted: boolean } | { ok: false; code: "not_found" };

/**
 * "开始配送": records when the route started and dispatches its seller orders that wait at the warehouse
 * (received → out_for_delivery), as the driver; starting again dispatches what arrived since.
 */
export async function startRoute(db: PrismaClient, actor: StepActor, routeId: string, now = new Date()): Promise<StartResult> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "delivery_routes" WHERE "id" = ${routeId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { ok: false, code: "not_found" } as const;
    const route = await tx.deliveryRoute.findFirst({
      where: { id: routeId, ...driversRouteWhere(actor.userId) },
      select: { startedAt: true, stops: { select: { orders: { select: { orderId: true } } } } },
    });
    if (!route) return { ok: false, code: "not_found" } as const;
    if (!route.startedAt) await tx.deliveryRoute.update({ where: { id: routeId }, data: { startedAt: now }, select: { id: true } });
    const orderIds = [...new Set(route.stops.flatMap((s) => s.orders.map((o) => o.orderId)))];
    const waiting = await tx.sellerOrder.findMany({ where: { orderId: { in: orderIds }, status: "received" }, select: { id: true }, orderBy: [{ orderId: "asc" }, { id: "asc" }] });
    let dispatched = 0;
    for (const so of waiting) {
      const r = await applySellerOrderEventInTx(tx, { sellerOrderId: so.id, event: "dispatch", actor, now });
      if (r.ok) dispatched += 1;
      else logger.warn({ sellerOrderId: so.id, code: r.code, routeId }, "route start could not dispatch a seller order");
    }
    return { ok: true, dispatched, alreadyStarted: route.startedAt !== null } as const;
  });
}
