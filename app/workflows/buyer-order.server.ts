/**
 * The buyer's changes to a placed order until the slot's cut-off, each one transaction:
 *
 * - cancelOrderByBuyer: every seller order still placed or confirmed is cancelled (state machine
 *   'cancel_by_buyer'); refused as a whole when some seller order has moved on (packed …), so an order is never
 *   half cancelled by its buyer. Reserved packs are released (ledger 'release' rows), booked slot grams removed.
 * - amendOrderByBuyer: new quantities for lines, 0 removes a line; a seller order left without lines is cancelled.
 *   Changed lines are re-priced by the pricing module at this instant (a quantity may reach another tier);
 *   unchanged lines keep the price they were charged. Reservations are raised (conditional UPDATE, refused with
 *   what is available) or released; the slot's capacity is re-checked for the extra weight. Seller orders that
 *   were confirmed go back to placed ('amend'), so the seller confirms the new quantities.
 *
 * Locks: the order row first (one buyer change at a time), then stock rows in ascending variant id order, then the
 * slot row last, as placing does. Removed lines are deleted; their ledger rows keep the movement (the sums still
 * add up to the balance) with the line id cleared and the reason in the note.
 */
import type { Prisma, PrismaClient, SellerOrderStatus } from "~/generated/prisma/client";
import { enqueueOrderNotification } from "~/jobs/notify-order.server";
import { TEMP_CLASSES, type WeightByTemp } from "~/modules/orders/cart-rules";
import { checkCapacity, type CapacityShort } from "~/modules/orders/cutoff";
import { planOrder, type PackSnapshot, type PlanRefusal } from "~/modules/orders/order-plan";
import { loadContractPrices, loadPackSnapshots, loadSellerTerms } from "~/modules/orders/ordering-data.server";
import { deriveOrderStatus, MAX_REASON_LENGTH, transition, type SellerOrderState } from "~/modules/orders/state-machine";
import { stockChanged } from "~/modules/search/freshness.server";
import { addBookedGrams, readSlot, reserveLines } from "./place-order.server";

type Tx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class RollbackWith<R> extends Error {
  constructor(readonly result: R) {
    super("buyer change refused");
  }
}

const BUYER_ACTOR = { permissions: ["update:order:own", "cancel:order:own"], owns: true } as const;

const ORDER_SELECT = {
  id: true,
  number: true,
  buyerId: true,
  slotId: true,
  deliveryFeeFen: true,
  slot: { select: { cutoffAt: true } },
  sellerOrders: {
    select: {
      id: true,
      sellerId: true,
      status: true,
      lines: { select: { id: true, variantId: true, quantity: true, unitPriceFen: true, priceSource: true, weightGrams: true, tempClass: true, netWeightGrams: true } },
    },
  },
} as const satisfies Prisma.OrderSelect;

type LockedOrder = Prisma.OrderGetPayload<{ select: typeof ORDER_SELECT }>;

/**
 * Locks the order row and reads it with its seller orders and lines; null when it is not this buyer's.
 * NO KEY UPDATE: rows referencing the order (events, seller orders) hold KEY SHARE locks that must not block it.
 */
async function lockOrder(tx: Tx, buyerId: string, orderId: string): Promise<LockedOrder | null> {
  if (!UUID.test(orderId)) return null;
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id"::text FROM "orders" WHERE "id" = ${orderId}::uuid AND "buyer_id" = ${buyerId}::uuid FOR NO KEY UPDATE`;
  if (locked.length === 0) return null;
  return tx.order.findUnique({ where: { id: orderId }, select: ORDER_SELECT });
}

/** Packs still reserved per order line (Σ reserved_delta of its ledger rows). */
async function reservedByLine(tx: Tx, lineIds: readonly string[]): Promise<Map<string, number>> {
  if (lineIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ order_line_id: string; reserved: number }[]>`
    SELECT "order_line_id"::text AS order_line_id, COALESCE(SUM("reserved_delta"), 0)::int AS reserved
    FROM "stock_ledger" WHERE "order_line_id" = ANY(${[...lineIds]}::uuid[]) GROUP BY "order_line_id"`;
  return new Map(rows.map((r) => [r.order_line_id.toLowerCase(), Number(r.reserved)]));
}

/**
 * Releases reserved packs of order lines in ascending variant id order: one statement per pack lowers `reserved`
 * (never below zero) and appends the 'release' ledger row.
 */
async function releaseLines(tx: Tx, lines: readonly { variantId: string; quantity: number; orderLineId: string }[], actorId: string, note: string): Promise<void> {
  const sorted = [...lines].filter((l) => l.quantity > 0).sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
  const back: string[] = [];
  for (const line of sorted) {
    const rows = await tx.$queryRaw<{ available: number }[]>`
      WITH u AS (
        UPDATE "stock_balances" SET "reserved" = "reserved" - ${line.quantity}::int, "updated_at" = now()
        WHERE "variant_id" = ${line.variantId}::uuid AND "reserved" >= ${line.quantity}::int
        RETURNING "variant_id", "on_hand" - "reserved" AS available
      ), l AS (
        INSERT INTO "stock_ledger" ("variant_id", "order_line_id", "kind", "on_hand_delta", "reserved_delta", "actor_id", "note")
        SELECT "variant_id", ${line.orderLineId}::uuid, 'release', 0, ${-line.quantity}::int, ${actorId}::uuid, ${note} FROM u
        RETURNING "id"
      )
      SELECT available::int AS available FROM u`;
    if (rows.length === 0) throw new Error(`release of ${line.quantity} packs of ${line.variantId} exceeds what is reserved`);
    if (Number(rows[0]!.available) === line.quantity) back.push(line.variantId);
  }
  // Packs that were sold out are in stock again: the search index's flag follows.
  if (back.length > 0) await stockChanged(tx, back);
}

function weightOf(lines: readonly { weightGrams: number; tempClass: keyof WeightByTemp }[]): WeightByTemp {
  const w: WeightByTemp = { ambient: 0, chilled: 0, frozen: 0 };
  for (const l of lines) w[l.tempClass] += l.weightGrams;
  return w;
}

function negate(w: WeightByTemp): WeightByTemp {
  return { ambient: -w.ambient, chilled: -w.chilled, frozen: -w.frozen };
}

async function setDerivedStatus(tx: Tx, orderId: string, states: readonly SellerOrderState[], now: Date, totals?: { subtotalFen: number; totalFen: number }): Promise<void> {
  await tx.order.update({ where: { id: orderId }, data: { status: deriveOrderStatus(states), updatedAt: now, ...(totals ?? {}) }, select: { id: true } });
}

export type CancelResult = { ok: true } | { ok: false; code: "not_found" | "past_cutoff" | "not_cancellable" };

/** Cancels the buyer's whole order before the cut-off (see the module comment). */
export async function cancelOrderByBuyer(db: PrismaClient, input: { buyerId: string; userId: string; orderId: string; reason?: string; now?: Date }): Promise<CancelResult> {
  const now = input.now ?? new Date();
  const reason = (input.reason ?? "").trim().slice(0, MAX_REASON_LENGTH);
  try {
    return await db.$transaction(async (tx): Promise<CancelResult> => {
      const order = await lockOrder(tx, input.buyerId, input.orderId);
      if (!order) return { ok: false, code: "not_found" };
      if (!order.slot) return { ok: false, code: "not_cancellable" };
      const open = order.sellerOrders.filter((so) => so.status !== "cancelled");
      if (open.length === 0) return { ok: false, code: "not_cancellable" };
      for (const so of open) {
        const r = transition(so.status, "cancel_by_buyer", { actor: BUYER_ACTOR, now, cutoffAt: order.slot.cutoffAt, reason });
        if (!r.ok) return { ok: false, code: r.code === "past_cutoff" ? "past_cutoff" : "not_cancellable" };
      }
      const lines = open.flatMap((so) => so.lines);
      const reserved = await reservedByLine(tx, lines.map((l) => l.id));
      await releaseLines(tx, lines.map((l) => ({ variantId: l.variantId, quantity: reserved.get(l.id.toLowerCase()) ?? 0, orderLineId: l.id })), input.userId, `cancelled by buyer: ${order.number}`);
      await tx.sellerOrder.updateMany({ where: { id: { in: open.map((so) => so.id) } }, data: { status: "cancelled", cancelReason: reason, updatedAt: now } });
      await tx.orderEvent.createMany({
        data: open.map((so) => ({ orderId: order.id, sellerOrderId: so.id, event: "cancel_by_buyer" as const, fromStatus: so.status, toStatus: "cancelled" as const, actorId: input.userId, actorRole: "buyer", reason, createdAt: now })),
      });
      await setDerivedStatus(tx, order.id, order.sellerOrders.map(() => "cancelled"), now);
      await tx.auditEntry.create({ data: { actorId: input.userId, organizationId: input.buyerId, action: "order.cancel_by_buyer", subjectType: "order", subjectId: order.id, details: { number: order.number, reason }, createdAt: now }, select: { id: true } });
      await enqueueOrderNotification(tx, { kind: "order_cancelled", orderId: order.id, details: { by: "buyer", reason } });
      // The slot last (see placing): give its booked grams back.
      if (order.slotId) {
        await readSlot(tx, order.slotId, true);
        await addBookedGrams(tx, order.slotId, negate(weightOf(lines)));
      }
      return { ok: true };
    });
  } catch (error) {
    if (error instanceof RollbackWith) return error.result as CancelResult;
    throw error;
  }
}

/** A line's new quantity in an edit; 0 removes the line. */
export interface AmendLine {
  lineId: string;
  quantity: number;
}

export type AmendResult =
  | { ok: true; changed: number }
  | { ok: false; code: "not_found" | "past_cutoff" | "not_amendable" | "unknown_line" | "no_change" }
  | { ok: false; code: "slot_full"; short: CapacityShort[] }
  | { ok: false; code: "insufficient_stock"; lines: { variantId: string; requested: number; available: number }[] }
  | ({ ok: false } & PlanRefusal);

/** Edits quantities (0 removes) of the buyer's order before the cut-off (see the module comment). */
export async function amendOrderByBuyer(db: PrismaClient, input: { buyerId: string; userId: string; orderId: string; lines: readonly AmendLine[]; now?: Date }): Promise<AmendResult> {
  const now = input.now ?? new Date();
  try {
    return await db.$transaction((tx) => amendInTransaction(tx, input, now));
  } catch (error) {
    if (error instanceof RollbackWith) return error.result as AmendResult;
    throw error;
  }
}

async function amendInTransaction(tx: Tx, input: { buyerId: string; userId: string; orderId: string; lines: readonly AmendLine[] }, now: Date): Promise<AmendResult> {
  const order = await lockOrder(tx, input.buyerId, input.orderId);
  if (!order) return { ok: false, code: "not_found" };
  if (!order.slot || !order.slotId) return { ok: false, code: "not_amendable" };
  const open = order.sellerOrders.filter((so) => so.status !== "cancelled");
  const lineById = new Map(open.flatMap((so) => so.lines.map((l) => [l.id.toLowerCase(), { line: l, so }] as const)));
  const wanted = new Map<string, number>();
  for (const a of input.lines) {
    const key = a.lineId.toLowerCase();
    if (!lineById.has(key)) return { ok: false, code: "unknown_line" };
    wanted.set(key, a.quantity);
  }
  const changedIds = [...wanted].filter(([id, q]) => lineById.get(id)!.line.quantity !== q).map(([id]) => id);
  if (changedIds.length === 0) return { ok: false, code: "no_change" };
  const touched = new Set(changedIds.map((id) => lineById.get(id)!.so.id));
  for (const so of open.filter((s) => touched.has(s.id))) {
    const r = transition(so.status, "amend", { actor: BUYER_ACTOR, now, cutoffAt: order.slot.cutoffAt });
    if (!r.ok) return { ok: false, code: r.code === "past_cutoff" ? "past_cutoff" : "not_amendable" };
  }

  // The order as it would be: every remaining line of open seller orders, unchanged lines at their charged price.
  const remaining = open.flatMap((so) => so.lines.map((l) => ({ l, so, quantity: wanted.get(l.id.toLowerCase()) ?? l.quantity }))).filter((x) => x.quantity !== 0);
  const variantIds = remaining.map((x) => x.l.variantId);
  const packs = await loadPackSnapshots(tx, variantIds);
  const changed = new Set(changedIds);
  // An unchanged line stays as ordered even if its pack has since been paused: only changed lines must be orderable.
  const planPacks = new Map<string, PackSnapshot>();
  for (const x of remaining) {
    const p = packs.get(x.l.variantId.toLowerCase());
    if (p) planPacks.set(p.variantId, changed.has(x.l.id.toLowerCase()) ? p : { ...p, orderable: true, minOrderQuantity: 1, orderMultiple: 1 });
  }
  if (remaining.length > 0) {
    const contracts = await loadContractPrices(tx, input.buyerId, variantIds);
    const sellerTerms = await loadSellerTerms(tx, [...new Set(remaining.map((x) => x.so.sellerId))]);
    const planned = planOrder({
      lines: remaining.map((x) => ({ variantId: x.l.variantId, quantity: x.quantity, keepPrice: changed.has(x.l.id.toLowerCase()) ? null : { unitPriceFen: x.l.unitPriceFen, source: x.l.priceSource } })),
      packs: planPacks,
      contracts,
      // Minimum order values apply to the seller orders the buyer changes, not to ones left as they were.
      sellerTerms: Object.fromEntries(Object.entries(sellerTerms).filter(([id]) => open.some((so) => so.sellerId === id && touched.has(so.id)))),
      at: now,
    });
    if (!planned.ok) return planned;
    const byVariant = new Map(planned.plan.sellers.flatMap((s) => s.lines.map((l) => [l.pack.variantId, l] as const)));
    for (const x of remaining) {
      if (!changed.has(x.l.id.toLowerCase())) continue;
      const p = byVariant.get(x.l.variantId.toLowerCase())!;
      await tx.orderLine.update({
        where: { id: x.l.id },
        data: { quantity: p.quantity, unitPriceFen: p.unitPriceFen, priceSource: p.source, lineTotalFen: p.lineTotalFen, weightGrams: p.weightGrams },
        select: { id: true },
      });
    }
  }

  // Stock: raise or lower each changed line's reservation to its new quantity.
  const reserved = await reservedByLine(tx, changedIds);
  const raise: { variantId: string; quantity: number; orderLineId: string }[] = [];
  const lower: { variantId: string; quantity: number; orderLineId: string }[] = [];
  for (const id of changedIds) {
    const { line } = lineById.get(id)!;
    const diff = wanted.get(id)! - (reserved.get(id) ?? 0);
    if (diff > 0) raise.push({ variantId: line.variantId, quantity: diff, orderLineId: line.id });
    else if (diff < 0) lower.push({ variantId: line.variantId, quantity: -diff, orderLineId: line.id });
  }
  const note = `amended by buyer: ${order.number}`;
  await releaseLines(tx, lower, input.userId, note);
  const short = await reserveLines(tx, raise, input.userId);
  if (short.length > 0) throw new RollbackWith<AmendResult>({ ok: false, code: "insufficient_stock", lines: short });

  // Removed lines: detach their ledger rows (kept, with the reason) and delete them.
  const removed = changedIds.filter((id) => wanted.get(id) === 0);
  if (removed.length > 0) {
    await tx.$executeRaw`UPDATE "stock_ledger" SET "order_line_id" = NULL, "note" = CASE WHEN "note" = '' THEN ${`line removed by buyer: ${order.number}`} ELSE "note" || ' · line removed by buyer' END WHERE "order_line_id" = ANY(${removed}::uuid[])`;
    await tx.orderLine.deleteMany({ where: { id: { in: removed } } });
  }

  // Seller orders: amended back to placed, or cancelled when left empty; subtotals from their lines.
  const states = new Map<string, SellerOrderStatus>(order.sellerOrders.map((so) => [so.id, so.status]));
  let subtotal = 0;
  for (const so of open) {
    const lines = remaining.filter((x) => x.so.id === so.id);
    const soSubtotal = lines.reduce((sum, x) => sum + (changed.has(x.l.id.toLowerCase()) ? 0 : x.l.unitPriceFen * x.quantity), 0);
    const fresh = touched.has(so.id) ? await tx.orderLine.aggregate({ where: { sellerOrderId: so.id }, _sum: { lineTotalFen: true } }) : null;
    const value = fresh ? (fresh._sum.lineTotalFen ?? 0) : soSubtotal;
    if (!touched.has(so.id)) {
      subtotal += await currentSubtotal(tx, so.id);
      continue;
    }
    const empty = lines.length === 0;
    const to: SellerOrderStatus = empty ? "cancelled" : "placed";
    states.set(so.id, to);
    await tx.sellerOrder.update({ where: { id: so.id }, data: { status: to, subtotalFen: empty ? 0 : value, updatedAt: now, ...(empty ? { cancelReason: "removed by buyer" } : {}) }, select: { id: true } });
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        sellerOrderId: so.id,
        event: empty ? "cancel_by_buyer" : "amend",
        fromStatus: so.status,
        toStatus: to,
        actorId: input.userId,
        actorRole: "buyer",
        details: { lines: changedIds.filter((id) => lineById.get(id)!.so.id === so.id).map((id) => ({ lineId: id, from: lineById.get(id)!.line.quantity, to: wanted.get(id)! })) },
        createdAt: now,
      },
      select: { id: true },
    });
    if (!empty) subtotal += value;
  }
  await setDerivedStatus(tx, order.id, [...states.values()], now, { subtotalFen: subtotal, totalFen: subtotal + order.deliveryFeeFen });
  await tx.auditEntry.create({ data: { actorId: input.userId, organizationId: input.buyerId, action: "order.amend_by_buyer", subjectType: "order", subjectId: order.id, details: { number: order.number, lines: changedIds.length }, createdAt: now }, select: { id: true } });

  // The slot last: the weight difference, re-checked under the lock when the order grows.
  const before = weightOf(changedIds.map((id) => lineById.get(id)!.line));
  const after = weightOf(changedIds.map((id) => ({ tempClass: lineById.get(id)!.line.tempClass, weightGrams: wanted.get(id)! * lineById.get(id)!.line.netWeightGrams })));
  const delta = Object.fromEntries(TEMP_CLASSES.map((c) => [c, after[c] - before[c]])) as WeightByTemp;
  const slot = await readSlot(tx, order.slotId, true);
  if (!slot) throw new RollbackWith<AmendResult>({ ok: false, code: "not_amendable" });
  const extra = Object.fromEntries(TEMP_CLASSES.map((c) => [c, Math.max(0, delta[c])])) as WeightByTemp;
  const fits = checkCapacity(slot.capacityGrams, slot.bookedGrams, extra);
  if (!fits.ok) throw new RollbackWith<AmendResult>({ ok: false, code: "slot_full", short: fits.short });
  await addBookedGrams(tx, order.slotId, delta);
  return { ok: true, changed: changedIds.length };
}

async function currentSubtotal(tx: Tx, sellerOrderId: string): Promise<number> {
  const row = await tx.sellerOrder.findUnique({ where: { id: sellerOrderId }, select: { subtotalFen: true } });
  return row?.subtotalFen ?? 0;
}
