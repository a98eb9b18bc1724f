/**
 * Stock rules, pure: how each movement changes a pack's balance, and which movements are refused.
 *
 * A pack (variant) has packs ON HAND (physically in the warehouse) and packs RESERVED (promised to
 * open orders, still on hand). AVAILABLE = on hand − reserved is what can still be sold. None of the
 * three may ever be negative (the database enforces the same with CHECK constraints, see migration
 * 20261202002114_seller_console); a movement that would break that is refused, never clipped.
 *
 *   kind          on hand        reserved   who
 *   receipt       +n             ·          seller ("received", 到货入库)
 *   adjustment    → counted (±)  ·          seller ("counted", 盘点)
 *   spoilage      −n             ·          seller ("spoiled", 损耗)
 *   reservation   ·              +n         ordering (an order is placed)
 *   release       ·              −n         ordering (an order is cancelled or short-shipped)
 *   shipment      −n             −n         ordering (reserved packs leave the warehouse)
 */
import type { StockMovementKind } from "~/generated/prisma/enums";

export type { StockMovementKind };

/** Packs of one variant on hand and reserved for open orders. */
export interface StockBalance {
  onHand: number;
  reserved: number;
}

/** The change one movement makes, as the ledger stores it. */
export interface StockDelta {
  onHandDelta: number;
  reservedDelta: number;
}

/** Packs that can still be sold. */
export function available(balance: StockBalance): number {
  return balance.onHand - balance.reserved;
}

/** The most packs one movement may move: more is a typing slip (an extra zero), not a delivery. */
export const MAX_MOVEMENT = 1_000_000;
/** The most packs a pack size may hold on hand (far below the 32-bit column limit). */
export const MAX_ON_HAND = 100_000_000;

/** One movement: a quantity of packs, or for a stock count the number of packs counted. */
export type StockMovement = { kind: Exclude<StockMovementKind, "adjustment">; quantity: number } | { kind: "adjustment"; counted: number };

/** Why a movement was refused; each is a message key of the stock catalogue. */
export type StockRefusal =
  /** The quantity is not a whole number of at least one pack. */
  | "stock.refusal.quantity"
  /** The counted number is not a whole number of zero or more packs. */
  | "stock.refusal.counted"
  /** More packs than one movement may move (MAX_MOVEMENT), or on hand beyond MAX_ON_HAND. */
  | "stock.refusal.tooMany"
  /** A count equal to what is on hand changes nothing, and the ledger records only changes. */
  | "stock.refusal.unchanged"
  /** Spoilage of more packs than are on hand. */
  | "stock.refusal.overOnHand"
  /** On hand would drop below what open orders have reserved (available would be negative). */
  | "stock.refusal.belowReserved"
  /** A reservation of more packs than are available. */
  | "stock.refusal.overAvailable"
  /** A release or shipment of more packs than are reserved. */
  | "stock.refusal.overReserved";

export type ApplyResult = { ok: true; balance: StockBalance; delta: StockDelta } | { ok: false; refusal: StockRefusal };

const isWhole = (n: number) => Number.isSafeInteger(n);

function isValidBalance(b: StockBalance): boolean {
  return isWhole(b.onHand) && isWhole(b.reserved) && b.reserved >= 0 && b.onHand >= b.reserved;
}

/**
 * The balance after a movement, with the change to record, or why the movement is refused. The
 * balance given must itself be valid (whole, reserved ≥ 0, on hand ≥ reserved); a corrupt one throws.
 */
export function applyMovement(balance: StockBalance, movement: StockMovement): ApplyResult {
  if (!isValidBalance(balance)) throw new RangeError(`invalid stock balance ${JSON.stringify(balance)}`);
  let delta: StockDelta;
  if (movement.kind === "adjustment") {
    const counted = movement.counted;
    if (!isWhole(counted) || counted < 0) return { ok: false, refusal: "stock.refusal.counted" };
    if (counted > MAX_ON_HAND) return { ok: false, refusal: "stock.refusal.tooMany" };
    if (counted === balance.onHand) return { ok: false, refusal: "stock.refusal.unchanged" };
    delta = { onHandDelta: counted - balance.onHand, reservedDelta: 0 };
  } else {
    const n = movement.quantity;
    if (!isWhole(n) || n < 1) return { ok: false, refusal: "stock.refusal.quantity" };
    if (n > MAX_MOVEMENT) return { ok: false, refusal: "stock.refusal.tooMany" };
    switch (movement.kind) {
      case "receipt":
        delta = { onHandDelta: n, reservedDelta: 0 };
        break;
      case "spoilage":
        if (n > balance.onHand) return { ok: false, refusal: "stock.refusal.overOnHand" };
        delta = { onHandDelta: -n, reservedDelta: 0 };
        break;
      case "reservation":
        if (n > available(balance)) return { ok: false, refusal: "stock.refusal.overAvailable" };
        delta = { onHandDelta: 0, reservedDelta: n };
        break;
      case "release":
        if (n > balance.reserved) return { ok: false, refusal: "stock.refusal.overReserved" };
        delta = { onHandDelta: 0, reservedDelta: -n };
        break;
      case "shipment":
        // Only reserved packs ship: an order reserves first, so a shipment can never double-count.
        if (n > balance.reserved) return { ok: false, refusal: "stock.refusal.overReserved" };
        delta = { onHandDelta: -n, reservedDelta: -n };
        break;
      default: {
        const unknown: never = movement;
        throw new RangeError(`unknown stock movement ${JSON.stringify(unknown)}`);
      }
    }
  }
  const next: StockBalance = { onHand: balance.onHand + delta.onHandDelta, reserved: balance.reserved + delta.reservedDelta };
  if (next.onHand > MAX_ON_HAND) return { ok: false, refusal: "stock.refusal.tooMany" };
  if (next.onHand < next.reserved) return { ok: false, refusal: "stock.refusal.belowReserved" };
  return { ok: true, balance: next, delta };
}

/** The balance a ledger adds up to (the sums of its deltas): what the balance row must equal. */
export function sumLedger(entries: readonly StockDelta[]): StockBalance {
  let onHand = 0;
  let reserved = 0;
  for (const e of entries) {
    onHand += e.onHandDelta;
    reserved += e.reservedDelta;
  }
  return { onHand, reserved };
}

// ---------------------------------------------------------------------------------------------
// Who may do what

/** What a seller may record by hand, in the words of the form: 到货入库, 盘点, 损耗. */
export const MANUAL_REASONS = ["received", "counted", "spoiled"] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

/** The ledger kind each manual reason is recorded as. */
export const MANUAL_REASON_KIND = { received: "receipt", counted: "adjustment", spoiled: "spoilage" } as const satisfies Record<ManualReason, StockMovementKind>;

/** Movements only the ordering workflow makes (never by hand: they follow orders). */
export const ORDER_KINDS = ["reservation", "release", "shipment"] as const satisfies readonly StockMovementKind[];
export type OrderKind = (typeof ORDER_KINDS)[number];

export function isManualReason(value: unknown): value is ManualReason {
  return typeof value === "string" && (MANUAL_REASONS as readonly string[]).includes(value);
}

/** True for the kinds a seller records by hand (receipt, adjustment, spoilage). */
export function isManualKind(kind: StockMovementKind): boolean {
  return (Object.values(MANUAL_REASON_KIND) as StockMovementKind[]).includes(kind);
}

/** True for the kinds only ordering records (reservation, release, shipment). */
export function isOrderKind(kind: StockMovementKind): kind is OrderKind {
  return (ORDER_KINDS as readonly StockMovementKind[]).includes(kind);
}

/**
 * The movement a seller's adjustment asks for: a reason (required: received, counted or spoiled)
 * and a number (packs received or spoiled; for a count, the packs now counted on hand).
 */
export function manualMovement(reason: string | undefined | null, quantity: number): { ok: true; movement: StockMovement } | { ok: false; refusal: "stock.refusal.reason" } {
  if (!isManualReason(reason)) return { ok: false, refusal: "stock.refusal.reason" };
  const kind = MANUAL_REASON_KIND[reason];
  return { ok: true, movement: kind === "adjustment" ? { kind, counted: quantity } : { kind, quantity } };
}

// ---------------------------------------------------------------------------------------------
// Lock order

/** A line of an order as stock sees it: packs of a variant (and the order line it belongs to). */
export interface StockLine {
  variantId: string;
  quantity: number;
  orderLineId?: string | null;
  lotId?: string | null;
}

/**
 * Lines grouped by variant, variants in ascending id order (lower-case, which is also PostgreSQL's
 * uuid order), lines of a variant in their given order. Every multi-pack movement locks balance rows
 * in this one order, so two orders touching the same packs wait for each other instead of deadlocking.
 */
export function lockOrder<L extends StockLine>(lines: readonly L[]): { variantId: string; lines: L[] }[] {
  const groups = new Map<string, L[]>();
  for (const line of lines) {
    const id = line.variantId.toLowerCase();
    const group = groups.get(id);
    if (group) group.push(line);
    else groups.set(id, [line]);
  }
  return [...groups.keys()].sort().map((variantId) => ({ variantId, lines: groups.get(variantId) as L[] }));
}

// ---------------------------------------------------------------------------------------------
// Low stock

/** At or below this many available packs a pack counts as low whatever it sells. */
export const LOW_STOCK_PACKS = 10;
/** The window of recent sales a week's demand is estimated from. */
export const RECENT_SALES_DAYS = 28;

/** Packs sold in an average week, from the packs sold over the last `days` days. */
export function weeklyDemand(packsSold: number, days = RECENT_SALES_DAYS): number {
  return days > 0 ? (packsSold * 7) / days : 0;
}

/**
 * Low stock: available at or below the threshold (10 packs), or less than a week of recent sales
 * (a pack selling 40 a week is low at 30 available).
 */
export function isLowStock(availablePacks: number, recentPacksSold: number, options: { threshold?: number; days?: number } = {}): boolean {
  const threshold = options.threshold ?? LOW_STOCK_PACKS;
  return availablePacks <= threshold || availablePacks < weeklyDemand(recentPacksSold, options.days);
}
