/**
 * One step of a seller order after it was placed (seller: confirm, short-ship, weigh, pack, cancel;
 * warehouse: receive, dispatch, deliver, close; operator: cancel), as ONE database transaction:
 *
 *   lock the buyer order row, then the seller order row (SELECT … FOR UPDATE, always in this order, so two
 *   sellers of one order queue up and the derived order status sees both) → orders/state-machine.ts
 *   `transition` decides (permission, ownership, state, guards) → write the lines (shipped packs, short
 *   reasons, weighed grams, charges from orders/charges.ts) → give back what no longer ships: the slot's
 *   booked grams (slot row locked before any stock row) and the reservations (stock ledger + balance rows
 *   under their row locks, ascending variant id, through stock.server.ts) → on dispatch the reservations
 *   become a shipment (on hand −, reserved −) → recompute the seller order's and the order's amounts from
 *   the lines → derive the order status → timeline row, audit entry and the notification job.
 *
 * A driver owns the seller orders of the orders on its routes of published plans (dispatch when starting
 * the route, deliver at the stop); applySellerOrderEventInTx runs the step inside the driver app's own
 * transaction.
 *
 * A user's mistake (wrong state, missing reason, a weight out of range, another seller's order) is a
 * refusal code, never an exception; nothing is written then.
 *
 * How many packs a line still holds reserved is read from the ledger (the sum of its reserved deltas),
 * so a step gives back exactly what this line reserved and never another order's packs.
 */
import { enqueueOrderNotification } from "~/jobs/notify-order.server";
import { stepNoticeKind } from "~/modules/notifications/notice";
import type { Prisma, PrismaClient, TempClass } from "~/generated/prisma/client";
import { chargeLine, orderCharges, totalCharges, type ChargeableLine } from "~/modules/orders/charges";
import {
  deriveOrderStatus,
  ORDER_PERMISSIONS,
  transition,
  type OrderStatus,
  type SellerOrderEvent,
  type SellerOrderState,
  type ShipmentLine,
  type TransitionCode,
  type WeighedLine,
} from "~/modules/orders/state-machine";
import { releaseStock, shipStock, type Tx } from "~/modules/stock/stock.server";

/** The events this workflow applies; the buyer's own changes go through buyer-order.server.ts. */
export const STEP_EVENTS = ["confirm", "short_ship", "record_weights", "pack", "cancel_by_seller", "receive", "dispatch", "deliver", "close", "cancel_by_operator"] as const satisfies readonly SellerOrderEvent[];
export type StepEvent = (typeof STEP_EVENTS)[number];

/** Who acts: their session's permissions, role and organizations (a seller owns the seller orders of its organizations). */
export interface StepActor {
  userId: string;
  role: string;
  permissions: readonly string[];
  organizationIds: readonly string[];
}

export interface StepInput {
  sellerOrderId: string;
  event: string;
  actor: StepActor;
  /** confirm / short_ship: packs to ship per line; a line left out ships what it shipped before (all its packs at confirm). */
  shipment?: readonly { lineId: string; shippedQuantity: number; reason?: string | null }[];
  /** record_weights: weighed grams of all the shipped packs of a variable-weight line. */
  weights?: readonly { lineId: string; actualGrams: number }[];
  reason?: string | null;
  now?: Date;
}

export type StepRefusalCode = TransitionCode | "not_found";

export type StepResult =
  | { ok: true; status: SellerOrderState; orderStatus: OrderStatus; orderId: string; number: string; eventId: string }
  | { ok: false; code: StepRefusalCode; lineIds?: string[] };

interface LineRow {
  id: string;
  variantId: string;
  sku: string;
  quantity: number;
  unitPriceFen: number;
  weightGrams: number;
  netWeightGrams: number;
  variableWeight: boolean;
  tempClass: TempClass;
  shippedQuantity: number | null;
  shortReason: string;
  actualGrams: number | null;
  chargedFen: number | null;
}

const LINE_SELECT = {
  id: true,
  variantId: true,
  sku: true,
  quantity: true,
  unitPriceFen: true,
  weightGrams: true,
  netWeightGrams: true,
  variableWeight: true,
  tempClass: true,
  shippedQuantity: true,
  shortReason: true,
  actualGrams: true,
  chargedFen: true,
} as const satisfies Prisma.OrderLineSelect;

/** A pack's nominal net weight; lines from before the snapshot columns fall back to their ordered weight per pack. */
function netWeightOf(line: Pick<LineRow, "netWeightGrams" | "weightGrams" | "quantity">): number {
  return line.netWeightGrams > 0 ? line.netWeightGrams : Math.max(1, Math.round(line.weightGrams / line.quantity));
}

function chargeable(line: LineRow, change: { shippedQuantity?: number | null; actualGrams?: number | null } = {}): ChargeableLine {
  return {
    unitPriceFen: line.unitPriceFen,
    orderedQuantity: line.quantity,
    shippedQuantity: change.shippedQuantity !== undefined ? change.shippedQuantity : line.shippedQuantity,
    variableWeight: line.variableWeight,
    netWeightGrams: netWeightOf(line),
    actualGrams: change.actualGrams !== undefined ? change.actualGrams : line.actualGrams,
  };
}

/** Packs a line ships: what the seller confirmed, or all ordered packs before confirmation. */
const shipping = (line: Pick<LineRow, "shippedQuantity" | "quantity">) => line.shippedQuantity ?? line.quantity;

/** Grams of the slot a line books when `packs` of it ship (the whole ordered weight for all packs). */
function bookedGrams(line: Pick<LineRow, "weightGrams" | "quantity">, packs: number): number {
  return packs >= line.quantity ? line.weightGrams : Math.floor((line.weightGrams * packs) / line.quantity);
}


/** Applies a seller or warehouse event to a seller order in one transaction; a refusal writes nothing. */
export async function applySellerOrderEvent(db: PrismaClient, input: StepInput): Promise<StepResult> {
  if (!(STEP_EVENTS as readonly string[]).includes(input.event)) return { ok: false, code: "unknown_event" };
  if (!isUuid(input.sellerOrderId)) return { ok: false, code: "not_found" };
  return db.$transaction((tx) => step(tx, input));
}

/**
 * The same step inside the caller's transaction (the driver app records a stop's proof of delivery and
 * delivers its seller orders as one write). A refusal writes nothing of its own; the caller decides
 * whether to roll back what it wrote.
 */
export async function applySellerOrderEventInTx(tx: Tx, input: StepInput): Promise<StepResult> {
  if (!(STEP_EVENTS as readonly string[]).includes(input.event)) return { ok: false, code: "unknown_event" };
  if (!isUuid(input.sellerOrderId)) return { ok: false, code: "not_found" };
  return step(tx, input);
}

/** Events a driver makes on the orders of its own route. */
const DRIVER_EVENTS: readonly StepEvent[] = ["dispatch", "deliver"];

/**
 * True when the actor drives a route of a published plan that carries the order: what makes a driver
 * "own" a delivery (deliver:delivery:own).
 */
async function drivesOrder(tx: Tx, actor: StepActor, orderId: string, event: StepEvent): Promise<boolean> {
  if (!DRIVER_EVENTS.includes(event) || !actor.permissions.includes(ORDER_PERMISSIONS.driverDeliverOwn)) return false;
  const onRoute = await tx.deliveryStopOrder.findFirst({
    where: { orderId, stop: { route: { driverId: actor.userId, plan: { status: "published" } } } },
    select: { stopId: true },
  });
  return onRoute !== null;
}

async function step(tx: Tx, input: StepInput): Promise<StepResult> {
  const event = input.event as StepEvent;
  const now = input.now ?? new Date();
  const locked = await tx.$queryRaw<{ id: string; total_fen: number }[]>`
    SELECT o."id", o."total_fen" FROM "orders" o WHERE o."id" = (SELECT so."order_id" FROM "seller_orders" so WHERE so."id" = ${input.sellerOrderId}::uuid) FOR UPDATE`;
  if (locked.length === 0) return { ok: false, code: "not_found" };
  const previousTotalFen = Number(locked[0].total_fen);
  await tx.$queryRaw`SELECT "id" FROM "seller_orders" WHERE "id" = ${input.sellerOrderId}::uuid FOR UPDATE`;

  const so = await tx.sellerOrder.findUniqueOrThrow({
    where: { id: input.sellerOrderId },
    select: {
      id: true,
      status: true,
      sellerId: true,
      orderId: true,
      order: { select: { number: true, slotId: true, deliveryFeeFen: true, slot: { select: { cutoffAt: true } } } },
      lines: { select: LINE_SELECT, orderBy: { id: "asc" } },
    },
  });
  const state = so.status as SellerOrderState;
  const lines: LineRow[] = so.lines;
  const byId = new Map(lines.map((l) => [l.id, l]));
  const owns = input.actor.organizationIds.includes(so.sellerId) || (await drivesOrder(tx, input.actor, so.orderId, event));
  const reason = input.reason?.trim() ?? "";

  // What the event would change, as the state machine's context.
  let shipment: ShipmentLine[] | undefined;
  let weights: WeighedLine[] | undefined;
  if (event === "confirm" || event === "short_ship") {
    const given = new Map((input.shipment ?? []).map((s) => [s.lineId, s]));
    const unknown = [...given.keys()].filter((id) => !byId.has(id));
    if (unknown.length > 0) return { ok: false, code: "invalid_shipment", lineIds: unknown };
    shipment = lines.map((l) => {
      const g = given.get(l.id);
      const shippedQuantity = g ? g.shippedQuantity : event === "short_ship" ? shipping(l) : l.quantity;
      // A line's own reason first; a line changed now may take the step's reason; one left as it was keeps its earlier reason.
      const changed = event === "confirm" || shippedQuantity !== shipping(l);
      const own = g?.reason?.trim() ? g.reason : null;
      return {
        lineId: l.id,
        orderedQuantity: l.quantity,
        confirmedQuantity: event === "short_ship" ? shipping(l) : null,
        shippedQuantity,
        reason: own ?? (changed && reason ? null : l.shortReason || null),
      };
    });
  } else if (event === "record_weights") {
    const given = input.weights ?? [];
    const unknown = given.filter((w) => !byId.has(w.lineId)).map((w) => w.lineId);
    if (unknown.length > 0) return { ok: false, code: "invalid_weight", lineIds: unknown };
    weights = given.map((w) => {
      const l = byId.get(w.lineId)!;
      return { lineId: l.id, shippedQuantity: shipping(l), variableWeight: l.variableWeight, netWeightGrams: netWeightOf(l), actualGrams: w.actualGrams };
    });
  } else if (event === "pack") {
    weights = lines.map((l) => ({ lineId: l.id, shippedQuantity: shipping(l), variableWeight: l.variableWeight, netWeightGrams: netWeightOf(l), actualGrams: l.actualGrams }));
  }

  const decided = transition(state, event, {
    actor: { permissions: input.actor.permissions, owns },
    now,
    cutoffAt: so.order.slot?.cutoffAt,
    reason,
    shipment,
    weights,
  });
  if (!decided.ok) return decided.lineIds ? { ok: false, code: decided.code, lineIds: decided.lineIds } : { ok: false, code: decided.code };

  const outstanding = await reservedByLine(
    tx,
    lines.map((l) => l.id),
  );
  const toRelease: { variantId: string; quantity: number; orderLineId: string }[] = [];
  const toShip: { variantId: string; quantity: number; orderLineId: string }[] = [];
  const slotRelease: Record<TempClass, number> = { ambient: 0, chilled: 0, frozen: 0 };
  const details: Record<string, unknown> = {};

  if (shipment) {
    const changed: Record<string, unknown>[] = [];
    for (const s of shipment) {
      const line = byId.get(s.lineId)!;
      const before = shipping(line);
      const shipped = s.shippedQuantity;
      const short = shipped < line.quantity;
      const lineReason = short ? (s.reason?.trim() || reason).slice(0, 500) : "";
      // A weight recorded for other packs no longer applies once fewer packs ship.
      const actualGrams = shipped === before ? line.actualGrams : null;
      const charge = chargeLine(chargeable(line, { shippedQuantity: shipped, actualGrams }));
      // charged_fen holds only a final charge; an unweighed variable-weight line keeps its estimate (null).
      const chargedFen = charge.final ? charge.chargedFen : null;
      await tx.orderLine.update({
        where: { id: line.id },
        data: { shippedQuantity: shipped, shortReason: lineReason, actualGrams, chargedFen },
        select: { id: true },
      });
      Object.assign(line, { shippedQuantity: shipped, actualGrams, chargedFen });
      if (shipped < before) {
        const held = outstanding.get(line.id) ?? 0;
        const release = Math.max(0, held - shipped);
        if (release > 0) toRelease.push({ variantId: line.variantId, quantity: release, orderLineId: line.id });
        slotRelease[line.tempClass] += bookedGrams(line, before) - bookedGrams(line, shipped);
      }
      if (short || shipped !== before) changed.push({ lineId: line.id, sku: line.sku, ordered: line.quantity, before, shipped, reason: lineReason });
    }
    details.lines = changed;
  } else if (event === "record_weights") {
    const weighed: Record<string, unknown>[] = [];
    for (const w of weights ?? []) {
      const line = byId.get(w.lineId)!;
      const charge = chargeLine(chargeable(line, { actualGrams: w.actualGrams }));
      await tx.orderLine.update({ where: { id: line.id }, data: { actualGrams: w.actualGrams, chargedFen: charge.chargedFen }, select: { id: true } });
      Object.assign(line, { actualGrams: w.actualGrams, chargedFen: charge.chargedFen });
      weighed.push({ lineId: line.id, sku: line.sku, shipped: shipping(line), actualGrams: w.actualGrams, nominalGrams: charge.nominalGrams, chargedFen: charge.chargedFen });
    }
    details.weights = weighed;
  } else if (event === "dispatch") {
    // The reserved packs leave the warehouse: on hand and reserved both fall by the packs that ship.
    for (const line of lines) {
      const held = Math.max(0, outstanding.get(line.id) ?? 0);
      const ship = Math.min(shipping(line), held);
      if (ship > 0) toShip.push({ variantId: line.variantId, quantity: ship, orderLineId: line.id });
      if (held > ship) toRelease.push({ variantId: line.variantId, quantity: held - ship, orderLineId: line.id });
    }
    details.shipped = toShip.map((s) => ({ lineId: s.orderLineId, quantity: s.quantity }));
  } else if (event === "cancel_by_seller" || event === "cancel_by_operator") {
    for (const line of lines) {
      const held = Math.max(0, outstanding.get(line.id) ?? 0);
      if (held > 0) toRelease.push({ variantId: line.variantId, quantity: held, orderLineId: line.id });
      slotRelease[line.tempClass] += bookedGrams(line, shipping(line));
    }
    details.released = toRelease.map((r) => ({ lineId: r.orderLineId, quantity: r.quantity }));
  }

  // Locks in a fixed order across workflows: order, seller order, slot, then stock balances by variant id.
  if (so.order.slotId && (slotRelease.ambient > 0 || slotRelease.chilled > 0 || slotRelease.frozen > 0)) {
    await tx.$executeRaw`
      UPDATE "delivery_slots" SET
        "booked_ambient_grams" = GREATEST(0, "booked_ambient_grams" - ${slotRelease.ambient}),
        "booked_chilled_grams" = GREATEST(0, "booked_chilled_grams" - ${slotRelease.chilled}),
        "booked_frozen_grams" = GREATEST(0, "booked_frozen_grams" - ${slotRelease.frozen})
      WHERE "id" = ${so.order.slotId}::uuid`;
    details.slotReleasedGrams = slotRelease;
  }
  const note = `${so.order.number} ${event}`;
  if (toRelease.length > 0) await releaseStock(tx, toRelease, { actorId: input.actor.userId, note });
  if (toShip.length > 0) await shipStock(tx, toShip, { actorId: input.actor.userId, note });

  // Amounts from the lines: the seller order's charge, then the order's (cancelled seller orders count nothing).
  const cancelled = decided.next === "cancelled";
  const soSubtotal = totalCharges(lines.map((l) => chargeLine(chargeable(l)))).chargedFen;
  await tx.sellerOrder.update({
    where: { id: so.id },
    data: { status: decided.next, subtotalFen: soSubtotal, updatedAt: now, ...(cancelled ? { cancelReason: reason.slice(0, 500) } : {}) },
    select: { id: true },
  });
  const siblings = await tx.sellerOrder.findMany({
    where: { orderId: so.orderId },
    select: { status: true, lines: { select: LINE_SELECT } },
  });
  const amounts = orderCharges(
    siblings.map((s) => ({ cancelled: s.status === "cancelled", lines: s.lines.map((l) => chargeable(l)) })),
    so.order.deliveryFeeFen,
  );
  const orderStatus = deriveOrderStatus(siblings.map((s) => s.status as SellerOrderState));
  await tx.order.update({
    where: { id: so.orderId },
    data: { status: orderStatus, subtotalFen: amounts.subtotalFen, totalFen: amounts.subtotalFen + amounts.deliveryFeeFen, updatedAt: now },
    select: { id: true },
  });
  details.sellerOrderSubtotalFen = soSubtotal;
  const orderTotalFen = amounts.subtotalFen + amounts.deliveryFeeFen;
  details.orderTotalFen = orderTotalFen;
  details.final = amounts.final;
  const shortLineIds = decided.record.shortLineIds ?? [];
  if (shortLineIds.length > 0) details.shortLineIds = shortLineIds;

  const created = await tx.orderEvent.create({
    data: {
      orderId: so.orderId,
      sellerOrderId: so.id,
      event,
      fromStatus: state,
      toStatus: decided.next,
      actorId: input.actor.userId,
      actorRole: input.actor.role,
      reason: (decided.record.reason ?? "").slice(0, 500),
      details: details as Prisma.InputJsonValue,
      createdAt: now,
    },
    select: { id: true },
  });
  const eventId = created.id.toString();
  await tx.auditEntry.create({
    data: {
      actorId: input.actor.userId,
      organizationId: so.sellerId,
      action: `seller_order.${event}`,
      subjectType: "seller_order",
      subjectId: so.id,
      details: { orderId: so.orderId, number: so.order.number, from: state, to: decided.next, actorRole: input.actor.role, eventId, orderStatus },
      createdAt: now,
    },
    select: { id: true },
  });
  const kind = stepNoticeKind(event, { shortLines: shortLineIds.length, previousTotalFen, totalFen: orderTotalFen });
  if (kind) await enqueueOrderNotification(tx, { kind, orderId: so.orderId, sellerOrderId: so.id, eventId, details: { event, ...(reason ? { reason } : {}), previousTotalFen, orderTotalFen } });

  return { ok: true, status: decided.next, orderStatus, orderId: so.orderId, number: so.order.number, eventId };
}

/** Packs each order line still holds reserved, from the ledger (reservations − releases − shipments). */
async function reservedByLine(tx: Tx, lineIds: readonly string[]): Promise<Map<string, number>> {
  if (lineIds.length === 0) return new Map();
  const rows = await tx.stockLedger.groupBy({ by: ["orderLineId"], where: { orderLineId: { in: [...lineIds] } }, _sum: { reservedDelta: true } });
  return new Map(rows.map((r) => [r.orderLineId as string, r._sum.reservedDelta ?? 0]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return UUID.test(value);
}
