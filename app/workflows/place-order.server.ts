/**
 * Placing an order: one workflow, one database transaction (issue 9, ADR 0008).
 *
 *  1. Idempotency: (buyer, key) is unique (orders_buyer_id_idempotency_key_key) and the order stores the hash of
 *     the normalised request. A known key with the same request returns that order (replayed: true); with another
 *     request it is refused (idempotency_key_reused). Two concurrent requests with one key: the second INSERT waits
 *     on the unique index until the first commits, fails with a unique violation, rolls back, and answers as a replay.
 *  2. The delivery point must be the buyer's, not archived, and in the slot's district.
 *  3. The plan (orders/order-plan planOrder): packs orderable, quantities, prices from the pricing module (tiers or
 *     the buyer's contracts at this instant) compared with the prices the buyer saw, sellers' minimum order values.
 *  4. Writes: the order, one seller order per seller (a trigger checks each line's pack belongs to its seller),
 *     lines with prices as charged, the 'place' timeline row, an audit entry and the order_placed notification job
 *     (H4's enqueueOrderNotification, on this transaction: no notification for a rolled-back order).
 *  5. Stock last but one: per pack, in ascending variant id order (so two orders never deadlock), ONE conditional
 *     statement `reserved = reserved + q WHERE on_hand - reserved >= q` that also appends the 'reservation' ledger
 *     row — a pack can never be oversold, and ledger and balance change together.
 *  6. The slot last: its row is locked (FOR NO KEY UPDATE, see readSlot) only now, because every order of the district queues on it;
 *     cut-off (orders/cutoff) and capacity are re-checked under the lock and booked grams added per temperature class.
 * Any refusal after the first write throws inside the transaction so everything rolls back.
 */
import { createHash, randomUUID } from "node:crypto";
import { enqueueOrderNotification } from "~/jobs/notify-order.server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { TEMP_CLASSES, type WeightByTemp } from "~/modules/orders/cart-rules";
import { checkSlotForOrder, isOpen, type CapacityShort } from "~/modules/orders/cutoff";
import { dayOf } from "~/modules/lots/rules";
import { mergeLines, planOrder, type OrderPlan, type PlanRefusal } from "~/modules/orders/order-plan";
import { loadOrderingSnapshot } from "~/modules/orders/ordering-data.server";
import { stockChanged } from "~/modules/search/freshness.server";

export interface PlaceOrderInput {
  buyerId: string;
  userId: string;
  channel: "web" | "api";
  deliveryPointId: string;
  slotId: string;
  lines: { variantId: string; quantity: number; expectedUnitPriceFen?: number | null }[];
  note?: string;
  idempotencyKey: string;
  now?: Date;
}

export type PlaceOrderResult =
  | { ok: true; orderId: string; number: string; replayed: boolean }
  | { ok: false; code: "idempotency_key_reused" | "delivery_point_invalid" | "slot_closed" }
  | { ok: false; code: "slot_full"; short: CapacityShort[] }
  | { ok: false; code: "insufficient_stock"; lines: { variantId: string; requested: number; available: number }[] }
  | ({ ok: false } & PlanRefusal);

/** Most lines one order may have (a form or an API body asking for more is refused before placing). */
export const MAX_ORDER_LINES = 200;
/** Longest note to the sellers and the warehouse. */
export const MAX_NOTE_LENGTH = 500;
/** Longest idempotency key (the column's CHECK). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

type Tx = Prisma.TransactionClient;
type Refused = Extract<PlaceOrderResult, { ok: false }>;

/** Thrown inside the transaction to roll it back with a refusal as the answer. */
class RollbackWith extends Error {
  constructor(readonly result: Refused) {
    super(`order refused: ${result.code}`);
  }
}

/**
 * The hash of what the request asks for, independent of line order, repeated packs, letter case of ids and
 * the prices the buyer saw (a replay after confirming a changed price is still the same request).
 */
export function requestHash(input: Pick<PlaceOrderInput, "deliveryPointId" | "slotId" | "lines" | "note">): string {
  const lines = mergeLines(input.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })))
    .map((l) => [l.variantId, l.quantity] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const canonical = JSON.stringify({ p: input.deliveryPointId.toLowerCase(), s: input.slotId.toLowerCase(), l: lines, n: (input.note ?? "").trim() });
  return createHash("sha256").update(canonical).digest("hex");
}

/** Places an order (see the module comment); never throws for a refusal a buyer can cause. */
export async function placeOrder(db: PrismaClient, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  const key = input.idempotencyKey;
  if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw new RangeError("idempotency key must be 1–255 characters");
  if (input.lines.length > MAX_ORDER_LINES) throw new RangeError(`at most ${MAX_ORDER_LINES} lines per order`);
  if ((input.note ?? "").length > MAX_NOTE_LENGTH) throw new RangeError(`note longer than ${MAX_NOTE_LENGTH}`);
  const hash = requestHash(input);
  const known = await findByKey(db, input.buyerId, key, hash);
  if (known) return known;
  const now = input.now ?? new Date();
  try {
    return await db.$transaction((tx) => placeInTransaction(tx, input, hash, now));
  } catch (error) {
    if (error instanceof RollbackWith) return error.result;
    if (isUniqueViolation(error)) {
      // A concurrent request with the same key committed first: answer as its replay (or refuse another cart).
      const again = await findByKey(db, input.buyerId, key, hash);
      if (again) return again;
    }
    throw error;
  }
}

/**
 * The answer placeOrder would give right away for a key already used by the buyer (a replay, or
 * idempotency_key_reused), or null when the key is new. Pages call it before re-reading a cart that the first
 * submission may already have emptied.
 */
export function findIdempotentReplay(db: PrismaClient, input: Pick<PlaceOrderInput, "buyerId" | "idempotencyKey" | "deliveryPointId" | "slotId" | "lines" | "note">): Promise<PlaceOrderResult | null> {
  return findByKey(db, input.buyerId, input.idempotencyKey, requestHash(input));
}

async function findByKey(db: PrismaClient | Tx, buyerId: string, key: string, hash: string): Promise<PlaceOrderResult | null> {
  const existing = await db.order.findUnique({ where: { buyerId_idempotencyKey: { buyerId, idempotencyKey: key } }, select: { id: true, number: true, requestHash: true } });
  if (!existing) return null;
  if (existing.requestHash !== hash) return { ok: false, code: "idempotency_key_reused" };
  return { ok: true, orderId: existing.id, number: existing.number, replayed: true };
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (e.code === "P2002" || e.code === "23505") return true;
  return typeof e.message === "string" && /23505|Unique constraint failed|duplicate key value/i.test(e.message);
}

async function placeInTransaction(tx: Tx, input: PlaceOrderInput, hash: string, now: Date): Promise<PlaceOrderResult> {
  // Every statement counts under load: point and slot in one read, packs, contracts, sellers and stock in another.
  const where = await readPointAndSlot(tx, input.deliveryPointId, input.slotId);
  const point = where?.point;
  if (!point || point.organizationId !== input.buyerId.toLowerCase() || point.archivedAt) return { ok: false, code: "delivery_point_invalid" };
  // An unlocked look first, to refuse a closed slot before any write; the check that counts is under the lock.
  const slot = where.slot;
  if (!slot || !isOpen(slot, now)) return { ok: false, code: "slot_closed" };
  if (slot.district !== point.district) return { ok: false, code: "delivery_point_invalid" };

  const data = await loadOrderingSnapshot(tx, input.buyerId, input.lines.map((l) => l.variantId));
  const planned = planOrder({ lines: input.lines, packs: data.packs, contracts: data.contracts, sellerTerms: data.sellerTerms, at: now });
  if (!planned.ok) return planned;
  const plan = planned.plan;
  // A look at availability before any write: an order that cannot be served is refused without writing and
  // rolling back (under a rush for the last packs most requests end here). The conditional UPDATE below decides.
  const short = plan.sellers
    .flatMap((s) => s.lines.map((l) => ({ variantId: l.pack.variantId, requested: l.quantity, available: data.available.get(l.pack.variantId) ?? 0 })))
    .filter((l) => l.requested > l.available);
  if (short.length > 0) return { ok: false, code: "insufficient_stock", lines: short };

  const orderId = randomUUID();
  const note = (input.note ?? "").trim();
  const sellerOrders = plan.sellers.map((s) => ({ id: randomUUID(), plan: s }));
  const lines = sellerOrders.flatMap((so) => so.plan.lines.map((l) => ({ id: randomUUID(), sellerOrderId: so.id, planned: l })));
  const sellerOrderRows = JSON.stringify(sellerOrders.map((so) => ({ id: so.id, order_id: orderId, seller_id: so.plan.sellerId, status: "placed", subtotal_fen: so.plan.subtotalFen, cancel_reason: "", created_at: now, updated_at: now })));
  // One statement for the order and its seller orders (their foreign key is checked at the statement's end). The
  // number comes from the sequence in the same statement (the format of orders/numbers formatOrderNumber).
  const inserted = await tx.$queryRaw<{ number: string }[]>`
    WITH n AS (SELECT nextval('order_number_seq') AS seq),
    o AS (
      INSERT INTO "orders" ("id", "number", "buyer_id", "placed_by_id", "status", "slot_id", "delivery_point_id", "delivery_address", "lat", "lng",
        "subtotal_fen", "delivery_fee_fen", "total_fen", "note", "channel", "idempotency_key", "request_hash", "placed_at", "updated_at")
      SELECT ${orderId}::uuid, 'HM-' || ${dayOf(now).replace(/-/g, "")} || '-' || CASE WHEN n.seq < 1000000 THEN lpad(n.seq::text, 6, '0') ELSE n.seq::text END,
        ${input.buyerId}::uuid, ${input.userId}::uuid, 'placed'::"OrderStatus", ${slot.id}::uuid, ${point.id}::uuid, ${`${point.name} · ${point.address}`}, ${point.lat}, ${point.lng},
        ${plan.subtotalFen}::int, ${plan.deliveryFeeFen}::int, ${plan.totalFen}::int, ${note}, ${input.channel}::"OrderChannel", ${input.idempotencyKey}, ${hash}, ${now}, ${now}
      FROM n
      RETURNING "number"
    ),
    so AS (INSERT INTO "seller_orders" SELECT * FROM json_populate_recordset(NULL::"seller_orders", ${sellerOrderRows}::json) RETURNING "id")
    SELECT "number" FROM o`;
  const number = inserted[0]!.number;
  // The lines (their trigger checks each pack belongs to its seller order's seller, which must exist by now),
  // the 'place' timeline row and the audit entry: one statement.
  const lineRows = JSON.stringify(lines.map((l) => orderLineRow(l.id, l.sellerOrderId, l.planned)));
  const eventDetails = JSON.stringify({ channel: input.channel, sellers: sellerOrders.length, lines: lines.length, totalFen: plan.totalFen });
  const auditDetails = JSON.stringify({ number, totalFen: plan.totalFen, channel: input.channel });
  await tx.$executeRaw`
    WITH l AS (INSERT INTO "order_lines" SELECT * FROM json_populate_recordset(NULL::"order_lines", ${lineRows}::json) RETURNING "id"),
    e AS (
      INSERT INTO "order_events" ("order_id", "event", "to_status", "actor_id", "actor_role", "details", "created_at")
      VALUES (${orderId}::uuid, 'place'::"OrderEventKind", 'placed'::"SellerOrderStatus", ${input.userId}::uuid, 'buyer', ${eventDetails}::jsonb, ${now})
      RETURNING "id"
    )
    INSERT INTO "audit_entries" ("actor_id", "organization_id", "action", "subject_type", "subject_id", "details", "created_at")
    VALUES (${input.userId}::uuid, ${input.buyerId}::uuid, 'order.place', 'order', ${orderId}, ${auditDetails}::jsonb, ${now})`;
  // The one notification call site of placing (H4's job, enqueued on this transaction).
  await enqueueOrderNotification(tx, { kind: "order_placed", orderId });

  const shortLines = await reserveLines(tx, lines.map((l) => ({ variantId: l.planned.pack.variantId, quantity: l.planned.quantity, orderLineId: l.id })), input.userId);
  if (shortLines.length > 0) throw new RollbackWith({ ok: false, code: "insufficient_stock", lines: shortLines });

  const locked = await readSlot(tx, slot.id, true);
  if (!locked) throw new RollbackWith({ ok: false, code: "slot_closed" });
  const check = checkSlotForOrder({ slot: locked, now, booked: locked.bookedGrams, requested: plan.weightGrams });
  if (!check.ok) throw new RollbackWith(check.code === "slot_full" ? { ok: false, code: "slot_full", short: check.short } : { ok: false, code: "slot_closed" });
  await addBookedGrams(tx, slot.id, plan.weightGrams);
  return { ok: true, orderId, number, replayed: false };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The delivery point (with its owner) and the slot, in one read; null when the point id is malformed or unknown. */
async function readPointAndSlot(tx: Tx, pointId: string, slotId: string) {
  if (!UUID.test(pointId)) return null;
  const slot = UUID.test(slotId) ? slotId : null;
  const rows = await tx.$queryRaw<
    { organization_id: string; archived_at: Date | null; district: string; name: string; address: string; lat: number; lng: number; slot_id: string | null; slot_district: string | null; cutoff_at: Date | null }[]
  >`
    SELECT dp."organization_id"::text AS organization_id, dp."archived_at", dp."district", dp."name", dp."address", dp."lat", dp."lng",
      s."id"::text AS slot_id, s."district" AS slot_district, s."cutoff_at"
    FROM "delivery_points" dp LEFT JOIN "delivery_slots" s ON s."id" = ${slot}::uuid
    WHERE dp."id" = ${pointId}::uuid`;
  const r = rows[0];
  if (!r) return null;
  return {
    point: { id: pointId.toLowerCase(), organizationId: r.organization_id.toLowerCase(), archivedAt: r.archived_at, district: r.district, name: r.name, address: r.address, lat: Number(r.lat), lng: Number(r.lng) },
    slot: r.slot_id && r.slot_district && r.cutoff_at ? { id: r.slot_id, district: r.slot_district, cutoffAt: new Date(r.cutoff_at) } : null,
  };
}

/** An order_lines row (every column: json_populate_recordset fills missing ones with NULL, not their defaults). */
function orderLineRow(id: string, sellerOrderId: string, l: OrderPlan["sellers"][number]["lines"][number]) {
  return {
    id,
    seller_order_id: sellerOrderId,
    variant_id: l.pack.variantId,
    product_name_zh: l.pack.productNameZh,
    product_name_en: l.pack.productNameEn,
    sku: l.pack.sku,
    net_weight_grams: l.pack.netWeightGrams,
    variable_weight: l.pack.variableWeight,
    temp_class: l.pack.tempClass,
    price_source: l.source,
    quantity: l.quantity,
    unit_price_fen: l.unitPriceFen,
    line_total_fen: l.lineTotalFen,
    weight_grams: l.weightGrams,
    shipped_quantity: null,
    short_reason: "",
    actual_grams: null,
    charged_fen: null,
    received_quantity: null,
    received_note: "",
  };
}

/** A pack to reserve for an order line. */
export interface ReserveLine {
  variantId: string;
  quantity: number;
  orderLineId: string;
}

/**
 * Reserves packs for order lines inside the caller's transaction, in ascending variant id order: one statement per
 * pack raises `reserved` only while enough is available and appends the ledger row in the same statement. Returns
 * the lines that could not be reserved with what is available (empty: all reserved); the caller rolls back then.
 */
export async function reserveLines(tx: Tx, lines: readonly ReserveLine[], actorId: string | null): Promise<{ variantId: string; requested: number; available: number }[]> {
  const sorted = [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
  const short: { variantId: string; requested: number; available: number }[] = [];
  const soldOut: string[] = [];
  for (const line of sorted) {
    const rows = await tx.$queryRaw<{ available: number }[]>`
      WITH u AS (
        UPDATE "stock_balances" SET "reserved" = "reserved" + ${line.quantity}::int, "updated_at" = now()
        WHERE "variant_id" = ${line.variantId}::uuid AND "on_hand" - "reserved" >= ${line.quantity}::int
        RETURNING "variant_id", "on_hand" - "reserved" AS available
      ), l AS (
        INSERT INTO "stock_ledger" ("variant_id", "order_line_id", "kind", "on_hand_delta", "reserved_delta", "actor_id", "note")
        SELECT "variant_id", ${line.orderLineId}::uuid, 'reservation', 0, ${line.quantity}::int, ${actorId}::uuid, '' FROM u
        RETURNING "id"
      )
      SELECT available::int AS available FROM u`;
    if (rows.length === 0) short.push({ variantId: line.variantId, requested: line.quantity, available: 0 });
    else if (Number(rows[0]!.available) === 0) soldOut.push(line.variantId);
  }
  if (short.length > 0) {
    const ids = short.map((s) => s.variantId);
    const balances = await tx.$queryRaw<{ variant_id: string; available: number }[]>`
      SELECT "variant_id"::text AS variant_id, GREATEST(0, "on_hand" - "reserved")::int AS available FROM "stock_balances" WHERE "variant_id" = ANY(${ids}::uuid[])`;
    const byId = new Map(balances.map((b) => [b.variant_id.toLowerCase(), Number(b.available)]));
    for (const s of short) s.available = byId.get(s.variantId.toLowerCase()) ?? 0;
    return short;
  }
  // The search index's in-stock flag follows packs that just sold out.
  if (soldOut.length > 0) await stockChanged(tx, soldOut);
  return short;
}

interface SlotRow {
  id: string;
  district: string;
  cutoffAt: Date;
  capacityGrams: WeightByTemp;
  bookedGrams: WeightByTemp;
}

/**
 * The slot row (locked until the transaction ends with `lock`), or null for an unknown or malformed id.
 * The lock is FOR NO KEY UPDATE, not FOR UPDATE: every order inserted for the slot holds a KEY SHARE lock on
 * the row (its foreign key), which FOR UPDATE would wait for — a deadlock with an order that waits for our
 * stock rows. NO KEY UPDATE still serialises the booked-grams check between orders.
 */
export async function readSlot(tx: Tx, slotId: string, lock: boolean): Promise<SlotRow | null> {
  if (!UUID.test(slotId)) return null;
  type Raw = { id: string; district: string; cutoff_at: Date; ca: number; cc: number; cf: number; ba: number; bc: number; bf: number };
  const rows = lock
    ? await tx.$queryRaw<Raw[]>`
        SELECT "id"::text, "district", "cutoff_at", "capacity_ambient_grams" AS ca, "capacity_chilled_grams" AS cc, "capacity_frozen_grams" AS cf,
               "booked_ambient_grams" AS ba, "booked_chilled_grams" AS bc, "booked_frozen_grams" AS bf
        FROM "delivery_slots" WHERE "id" = ${slotId}::uuid FOR NO KEY UPDATE`
    : await tx.$queryRaw<Raw[]>`
        SELECT "id"::text, "district", "cutoff_at", "capacity_ambient_grams" AS ca, "capacity_chilled_grams" AS cc, "capacity_frozen_grams" AS cf,
               "booked_ambient_grams" AS ba, "booked_chilled_grams" AS bc, "booked_frozen_grams" AS bf
        FROM "delivery_slots" WHERE "id" = ${slotId}::uuid`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    district: r.district,
    cutoffAt: new Date(r.cutoff_at),
    capacityGrams: { ambient: Number(r.ca), chilled: Number(r.cc), frozen: Number(r.cf) },
    bookedGrams: { ambient: Number(r.ba), chilled: Number(r.bc), frozen: Number(r.bf) },
  };
}

/** Adds (or with negative numbers removes) booked grams per temperature class; call under the slot's lock. */
export async function addBookedGrams(tx: Tx, slotId: string, grams: Partial<WeightByTemp>): Promise<void> {
  const g = Object.fromEntries(TEMP_CLASSES.map((c) => [c, grams[c] ?? 0])) as WeightByTemp;
  if (g.ambient === 0 && g.chilled === 0 && g.frozen === 0) return;
  await tx.$executeRaw`
    UPDATE "delivery_slots" SET
      "booked_ambient_grams" = GREATEST(0, "booked_ambient_grams" + ${g.ambient}::int),
      "booked_chilled_grams" = GREATEST(0, "booked_chilled_grams" + ${g.chilled}::int),
      "booked_frozen_grams" = GREATEST(0, "booked_frozen_grams" + ${g.frozen}::int)
    WHERE "id" = ${slotId}::uuid`;
}
