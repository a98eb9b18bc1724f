/**
 * The order lifecycle as data. A buyer's order is split into one seller order per seller; each seller order
 * moves through
 *
 *   placed → confirmed → packed → received → out_for_delivery → delivered → closed
 *      ↘ cancelled (buyer until the cut-off, seller before confirming, operator until delivered)
 *
 * Every transition names the permissions that may make it (any one of them; a `…:own` permission also
 * needs the caller to own the order: the buyer's organization, the seller, the driver of a published route
 * the order is on), and the
 * guards it must pass. `transition` checks permission first, then the state, then the guards, and returns
 * the next state or a refusal code; the caller stores the state and a timeline row (who, when, event, reason).
 * The buyer's order status is derived from its seller orders (`deriveOrderStatus`), never set on its own.
 */
import { checkActualGrams } from "./charges";

export const SELLER_ORDER_STATES = ["placed", "confirmed", "packed", "received", "out_for_delivery", "delivered", "closed", "cancelled"] as const;
export type SellerOrderState = (typeof SELLER_ORDER_STATES)[number];

/** The buyer order's status, derived from its seller orders. */
export const ORDER_STATUSES = [
  "placed",
  "partially_confirmed",
  "confirmed",
  "packed",
  "received",
  "out_for_delivery",
  "partially_delivered",
  "delivered",
  "closed",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const SELLER_ORDER_EVENTS = [
  "amend",
  "cancel_by_buyer",
  "confirm",
  "short_ship",
  "record_weights",
  "pack",
  "cancel_by_seller",
  "receive",
  "dispatch",
  "deliver",
  "close",
  "cancel_by_operator",
] as const;
export type SellerOrderEvent = (typeof SELLER_ORDER_EVENTS)[number];

/** The permission strings the transitions need (declare them in auth/permissions.ts with the routes that check them). */
export const ORDER_PERMISSIONS = {
  amendOwn: "update:order:own",
  cancelOwn: "cancel:order:own",
  confirmOwn: "confirm:seller-order:own",
  packOwn: "pack:seller-order:own",
  sellerCancelOwn: "cancel:seller-order:own",
  receive: "receive:order:warehouse",
  dispatch: "dispatch:order:warehouse",
  deliver: "deliver:order:warehouse",
  driverDeliverOwn: "deliver:delivery:own",
  close: "close:order:warehouse",
  cancelAny: "cancel:order:any",
} as const;
export type OrderPermission = (typeof ORDER_PERMISSIONS)[keyof typeof ORDER_PERMISSIONS];

/** Longest reason stored with a cancellation or a short shipment. */
export const MAX_REASON_LENGTH = 500;

export type GuardName =
  /** now < the slot's cut-off. */
  | "before_cutoff"
  /** A reason of 1…MAX_REASON_LENGTH characters. */
  | "reason"
  /** Packs to ship per line: whole, at most ordered, something shipped, a reason for every short line. */
  | "shipment"
  /** short_ship: at least one line ships fewer packs than confirmed before, none more. */
  | "shipment_reduced"
  /** record_weights: at least one weight, each within tolerance of nominal. */
  | "weights_valid"
  /** pack: every variable-weight line with packs to ship has a valid recorded weight. */
  | "weights_complete";

export interface TransitionRule {
  event: SellerOrderEvent;
  from: readonly SellerOrderState[];
  to: SellerOrderState;
  /** Any one of these lets the actor make the transition. */
  permissions: readonly OrderPermission[];
  guards: readonly GuardName[];
}

const P = ORDER_PERMISSIONS;
const OPEN_STATES: readonly SellerOrderState[] = ["placed", "confirmed", "packed", "received", "out_for_delivery"];

/** Every transition of a seller order. */
export const TRANSITIONS: readonly TransitionRule[] = [
  // Editing after the seller confirmed asks the seller to confirm again.
  { event: "amend", from: ["placed", "confirmed"], to: "placed", permissions: [P.amendOwn], guards: ["before_cutoff"] },
  { event: "cancel_by_buyer", from: ["placed", "confirmed"], to: "cancelled", permissions: [P.cancelOwn], guards: ["before_cutoff"] },
  { event: "confirm", from: ["placed"], to: "confirmed", permissions: [P.confirmOwn], guards: ["shipment"] },
  { event: "short_ship", from: ["confirmed"], to: "confirmed", permissions: [P.confirmOwn], guards: ["shipment", "shipment_reduced"] },
  { event: "record_weights", from: ["confirmed"], to: "confirmed", permissions: [P.packOwn], guards: ["weights_valid"] },
  { event: "pack", from: ["confirmed"], to: "packed", permissions: [P.packOwn], guards: ["weights_complete"] },
  { event: "cancel_by_seller", from: ["placed"], to: "cancelled", permissions: [P.sellerCancelOwn], guards: ["reason"] },
  { event: "receive", from: ["packed"], to: "received", permissions: [P.receive], guards: [] },
  // The driver starting its route ("开始配送") dispatches the seller orders on it.
  { event: "dispatch", from: ["received"], to: "out_for_delivery", permissions: [P.dispatch, P.driverDeliverOwn], guards: [] },
  { event: "deliver", from: ["out_for_delivery"], to: "delivered", permissions: [P.deliver, P.driverDeliverOwn], guards: [] },
  { event: "close", from: ["delivered"], to: "closed", permissions: [P.close], guards: [] },
  { event: "cancel_by_operator", from: OPEN_STATES, to: "cancelled", permissions: [P.cancelAny], guards: ["reason"] },
];

const RULES = new Map<string, TransitionRule>(TRANSITIONS.map((r) => [r.event, r]));

/** Who attempts a transition: the permissions of their session, and whether they own this order for `…:own`. */
export interface Actor {
  permissions: readonly string[];
  owns: boolean;
}

/** A line as the seller confirms or short-ships it. */
export interface ShipmentLine {
  lineId: string;
  orderedQuantity: number;
  /** Packs confirmed before this change (short_ship); the ordered quantity when absent. */
  confirmedQuantity?: number | null;
  /** Packs to ship. */
  shippedQuantity: number;
  /** Why fewer than ordered; falls back to the context's reason. */
  reason?: string | null;
}

/** A line as it is weighed and packed. */
export interface WeighedLine {
  lineId: string;
  shippedQuantity: number;
  variableWeight: boolean;
  netWeightGrams: number;
  /** Grams of all shipped packs of the line; null when not weighed. */
  actualGrams: number | null;
}

export interface TransitionContext {
  actor: Actor;
  now?: Date;
  /** The cut-off of the order's slot (for buyer changes). */
  cutoffAt?: Date;
  reason?: string | null;
  /** confirm and short_ship: every line of the seller order. */
  shipment?: readonly ShipmentLine[];
  /** record_weights: the lines weighed; pack: every line of the seller order. */
  weights?: readonly WeighedLine[];
}

export type TransitionCode =
  | "unknown_event"
  | "forbidden"
  | "not_owner"
  | "invalid_state"
  | "context_missing"
  | "past_cutoff"
  | "reason_required"
  | "reason_too_long"
  | "invalid_shipment"
  | "nothing_to_ship"
  | "no_change"
  | "weights_missing"
  | "invalid_weight";

/** What the caller records in the order's timeline (with who and when). */
export interface TransitionRecord {
  event: SellerOrderEvent;
  from: SellerOrderState;
  to: SellerOrderState;
  /** The trimmed reason when one was given. */
  reason?: string;
  /** Lines shipping fewer packs than ordered (confirm, short_ship). */
  shortLineIds?: string[];
}

export type TransitionResult =
  | { ok: true; next: SellerOrderState; record: TransitionRecord }
  | { ok: false; code: TransitionCode; lineIds?: string[] };

type Refusal = Extract<TransitionResult, { ok: false }>;

/** Applies an event to a seller order in `state`. */
export function transition(state: SellerOrderState, event: string, context: TransitionContext): TransitionResult {
  const rule = RULES.get(event);
  if (!rule) return { ok: false, code: "unknown_event" };
  const denied = checkActor(rule, context.actor);
  if (denied) return { ok: false, code: denied };
  if (!rule.from.includes(state)) return { ok: false, code: "invalid_state" };
  for (const guard of rule.guards) {
    const refusal = GUARDS[guard](context);
    if (refusal) return refusal;
  }
  const record: TransitionRecord = { event: rule.event, from: state, to: rule.to };
  const reason = context.reason?.trim();
  if (reason) record.reason = reason;
  if (rule.guards.includes("shipment")) record.shortLineIds = shortLines(context.shipment ?? []).map((l) => l.lineId);
  return { ok: true, next: rule.to, record };
}

/** The events an actor may attempt on a seller order in `state` (guards aside): the buttons to show. */
export function availableEvents(state: SellerOrderState, actor: Actor): SellerOrderEvent[] {
  return TRANSITIONS.filter((r) => r.from.includes(state) && checkActor(r, actor) === null).map((r) => r.event);
}

/** True for a state no transition leaves. */
export function isTerminal(state: SellerOrderState): boolean {
  return !TRANSITIONS.some((r) => r.from.includes(state));
}

function checkActor(rule: TransitionRule, actor: Actor): "forbidden" | "not_owner" | null {
  const held = rule.permissions.filter((p) => actor.permissions.includes(p));
  if (held.length === 0) return "forbidden";
  return held.some((p) => !p.endsWith(":own") || actor.owns) ? null : "not_owner";
}

const GUARDS: Record<GuardName, (c: TransitionContext) => Refusal | null> = {
  before_cutoff(c) {
    if (!c.now || !c.cutoffAt) return { ok: false, code: "context_missing" };
    return c.now.getTime() < c.cutoffAt.getTime() ? null : { ok: false, code: "past_cutoff" };
  },
  reason(c) {
    return checkReason(c.reason);
  },
  shipment(c) {
    const lines = c.shipment;
    if (!lines || lines.length === 0) return { ok: false, code: "context_missing" };
    const bad = lines.filter((l) => !isWhole(l.orderedQuantity) || !isWhole(l.shippedQuantity) || l.shippedQuantity > l.orderedQuantity);
    if (bad.length > 0 || new Set(lines.map((l) => l.lineId)).size !== lines.length)
      return { ok: false, code: "invalid_shipment", lineIds: bad.map((l) => l.lineId) };
    if (lines.every((l) => l.shippedQuantity === 0)) return { ok: false, code: "nothing_to_ship" };
    for (const line of shortLines(lines)) {
      const refusal = checkReason(line.reason?.trim() ? line.reason : c.reason);
      if (refusal) return { ...refusal, lineIds: [line.lineId] };
    }
    return null;
  },
  shipment_reduced(c) {
    const lines = c.shipment ?? [];
    const before = (l: ShipmentLine) => l.confirmedQuantity ?? l.orderedQuantity;
    const raised = lines.filter((l) => l.shippedQuantity > before(l));
    if (raised.length > 0) return { ok: false, code: "invalid_shipment", lineIds: raised.map((l) => l.lineId) };
    return lines.some((l) => l.shippedQuantity < before(l)) ? null : { ok: false, code: "no_change" };
  },
  weights_valid(c) {
    const weighed = (c.weights ?? []).filter((l) => l.actualGrams !== null);
    if (weighed.length === 0) return { ok: false, code: "weights_missing" };
    return checkWeights(weighed);
  },
  weights_complete(c) {
    if (!c.weights) return { ok: false, code: "context_missing" };
    const toWeigh = c.weights.filter((l) => l.variableWeight && l.shippedQuantity > 0);
    const missing = toWeigh.filter((l) => l.actualGrams === null);
    if (missing.length > 0) return { ok: false, code: "weights_missing", lineIds: missing.map((l) => l.lineId) };
    return checkWeights(toWeigh);
  },
};

function checkReason(reason: string | null | undefined): Refusal | null {
  const r = reason?.trim() ?? "";
  if (r === "") return { ok: false, code: "reason_required" };
  return [...r].length > MAX_REASON_LENGTH ? { ok: false, code: "reason_too_long" } : null;
}

function checkWeights(lines: readonly WeighedLine[]): Refusal | null {
  const bad = lines.filter((l) => !l.variableWeight || l.actualGrams === null || checkActualGrams(l.actualGrams, l.shippedQuantity, l.netWeightGrams) !== null);
  return bad.length > 0 ? { ok: false, code: "invalid_weight", lineIds: bad.map((l) => l.lineId) } : null;
}

function shortLines(lines: readonly ShipmentLine[]): ShipmentLine[] {
  return lines.filter((l) => l.shippedQuantity < l.orderedQuantity);
}

function isWhole(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

const STAGE: Record<Exclude<SellerOrderState, "cancelled">, number> = {
  placed: 0,
  confirmed: 1,
  packed: 2,
  received: 3,
  out_for_delivery: 4,
  delivered: 5,
  closed: 6,
};

/**
 * The buyer order's status from its seller orders: cancelled ones are left out unless all are cancelled;
 * all closed → closed; all delivered (or closed) → delivered; some → partially_delivered; otherwise the
 * least advanced stage, except that some confirmed beside some placed is partially_confirmed.
 */
export function deriveOrderStatus(states: readonly SellerOrderState[]): OrderStatus {
  if (states.length === 0) throw new RangeError("an order has at least one seller order");
  const active = states.filter((s): s is Exclude<SellerOrderState, "cancelled"> => s !== "cancelled");
  if (active.length === 0) return "cancelled";
  const stages = active.map((s) => STAGE[s]);
  const least = Math.min(...stages);
  const most = Math.max(...stages);
  if (least === STAGE.closed) return "closed";
  if (least >= STAGE.delivered) return "delivered";
  if (most >= STAGE.delivered) return "partially_delivered";
  if (least === STAGE.placed) return most > STAGE.placed ? "partially_confirmed" : "placed";
  return active.find((s) => STAGE[s] === least)!;
}
