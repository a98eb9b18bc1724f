/**
 * Placing an order: one workflow, one database transaction (issue 9, ADR 0008), in two statements (ADR 0011, ADR 0012).
 *
 *  1. Idempotency: (buyer, key) is unique (orders_buyer_id_idempotency_key_key) and the order stores the hash of
 *     the normalised request. A known key with the same request returns that order (replayed: true); with another
 *     request it is refused (idempotency_key_reused). Two concurrent requests with one key: the second INSERT waits
 *     on the unique index until the first commits, fails with a unique violation, rolls back, and answers as a replay.
 *     The key is read with the delivery point and the slot, in one statement.
 *  2. The delivery point must be the buyer's, not archived, and in the slot's district.
 *  3. The plan (orders/order-plan planOrder): packs orderable, quantities, prices from the pricing module (tiers or
 *     the buyer's contracts at this instant) compared with the prices the buyer saw, sellers' minimum order values.
 *  4. Writes, in one call of the SQL function place_order_rows: the order, one seller order per seller (a trigger
 *     checks each line's pack belongs to its seller), lines with prices as charged, the 'place' timeline row, the
 *     audit entry; then stock (reserve_stock): per pack, in ascending variant id order (so two orders never
 *     deadlock), one conditional UPDATE `reserved = reserved + q WHERE on_hand - reserved >= q` with its
 *     'reservation' ledger row — a pack can never be oversold, and ledger and balance change together; the slot
 *     last, because every order of the district queues on its row lock: booked grams are added only while it is
 *     open and every temperature class fits (a refusal is explained by orders/cutoff checkSlotForOrder).
 *  5. The order_placed notification job (H4's job: no notification for an order that is not written).
 * Any refusal after the first write rolls everything back.
 *
 * How it runs (ADR 0012). With the job queue started and a client from openDatabase (the app, the API, the
 * benchmark), on the driver's own pool and without Prisma: the read (1) as a statement of its own, then one
 * statement that inserts the notification job (the statement pg-boss's send would run) and calls
 * place_order_rows with "atomic" — a statement is a transaction, and the function raises (HM001) for every
 * answer that must not be written, so nothing of a refused order stays. Reading before the writing transaction
 * begins sees what a read inside it would see (READ COMMITTED takes a snapshot per statement; the writes
 * re-check stock and the slot under their locks). An order that sells a pack out needs the search index's job
 * in its transaction too: the function refuses it, and it is placed again the other way. Otherwise (no
 * queue: the notification rows are written in the transaction; tests' own clients) in a Prisma interactive
 * transaction: read, job, writes, commit.
 */
import { createHash, randomUUID } from "node:crypto";
import { enqueueOrderNotice, orderNotificationStatement, writeOrderNoticeNow } from "~/jobs/notify-order.server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { TEMP_CLASSES, type WeightByTemp } from "~/modules/orders/cart-rules";
import { checkSlotForOrder, isOpen, type CapacityShort } from "~/modules/orders/cutoff";
import { dayOf } from "~/modules/lots/rules";
import { mergeLines, planOrder, type OrderPlan, type PlanRefusal } from "~/modules/orders/order-plan";
import { orderingSnapshotFromRows, validIds, type OrderingSnapshotRow } from "~/modules/orders/ordering-data.server";
import { stockChanged } from "~/modules/search/freshness.server";
import { driverOf, poolQuery, type Database } from "~/utils/db.server";

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
  const now = input.now ?? new Date();
  try {
    const driver = driverOf(db);
    if (driver) {
      const placed = await placeInOneStatement(driver, input, hash, now);
      if (placed !== NEEDS_TRANSACTION) return placed;
    }
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

/** Runs one statement and answers its rows: on a Prisma transaction, or on the pool with a prepared statement. */
type Run = (name: string, text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

const READ_SQL = `SELECT "place_order_read"($1::uuid, $2, $3::uuid, $4::uuid, $5::uuid[]) AS read`;
const WRITE_SQL = `SELECT "place_order_rows"($1::jsonb) AS result`;

function onTransaction(tx: Tx): Run {
  return (_name, text, values) => tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
}

/** Named statements on a server (parsed and planned once per connection); PGlite's bridge gets unnamed ones. */
function onPool(driver: Pick<Database, "pool" | "kind">): Run {
  const query = poolQuery(driver);
  return (name, text, values) => query(text, values, name);
}

/** What is known before any write: an answer already (a replay, a refusal), or the order to write. */
type Prepared = { done: PlaceOrderResult } | { done?: undefined; point: DeliveryPointRow; slotId: string; plan: OrderPlan };

/** Steps 1–3 of the module comment: the one read, then every check that needs no lock, and the plan. */
async function prepare(run: Run, input: PlaceOrderInput, hash: string, now: Date): Promise<Prepared> {
  // Every statement is a round trip, and under load the round trips bound throughput: the key, the point, the
  // slot and the packs (with contracts, sellers and stock) in one read.
  const where = await readForPlacing(run, input, hash);
  if (where.known) return { done: where.known };
  const point = where.point;
  if (!point || point.organizationId !== input.buyerId.toLowerCase() || point.archivedAt) return { done: { ok: false, code: "delivery_point_invalid" } };
  // An unlocked look first, to refuse a closed slot before any write; the check that counts is under the lock.
  const slot = where.slot;
  if (!slot || !isOpen(slot, now)) return { done: { ok: false, code: "slot_closed" } };
  if (slot.district !== point.district) return { done: { ok: false, code: "delivery_point_invalid" } };

  const data = where.snapshot;
  const planned = planOrder({ lines: input.lines, packs: data.packs, contracts: data.contracts, sellerTerms: data.sellerTerms, at: now });
  if (!planned.ok) return { done: planned };
  const plan = planned.plan;
  // A look at availability before any write: an order that cannot be served is refused without writing and
  // rolling back (under a rush for the last packs most requests end here). The conditional UPDATE decides.
  const short = plan.sellers
    .flatMap((s) => s.lines.map((l) => ({ variantId: l.pack.variantId, requested: l.quantity, available: data.available.get(l.pack.variantId) ?? 0 })))
    .filter((l) => l.requested > l.available);
  if (short.length > 0) return { done: { ok: false, code: "insufficient_stock", lines: short } };
  return { point, slotId: slot.id, plan };
}

/** Placing in a Prisma interactive transaction (see the module comment: without a queue, or after NEEDS_TRANSACTION). */
async function placeInTransaction(tx: Tx, input: PlaceOrderInput, hash: string, now: Date): Promise<PlaceOrderResult> {
  const run = onTransaction(tx);
  const ready = await prepare(run, input, hash, now);
  if (ready.done) return ready.done;
  const orderId = randomUUID();
  // The one notification call site of this path (H4's job, enqueued on this transaction). Before the writes,
  // because the slot's row lock taken last by the writes is held until the commit: nothing should follow it but
  // the commit (a refusal rolls the job back with the rest). Without a job, the notice's rows need the order's.
  const notice = { kind: "order_placed", orderId } as const;
  const queued = await enqueueOrderNotice(tx, notice);
  const written = await writeOrderRows(run, WRITE_SQL, [JSON.stringify(orderRows({ orderId, input, hash, now, ...ready }))]);
  if (!written.ok) throw new RollbackWith(refusalOf(written, ready.plan, now));
  if (!queued) await writeOrderNoticeNow(tx, notice);
  // The search index's in-stock flag follows packs that just sold out.
  if (written.soldOut.length > 0) await stockChanged(tx, written.soldOut);
  return { ok: true, orderId, number: written.number, replayed: false };
}

/** placeInOneStatement's answer for an order that must be placed in an explicit transaction. */
const NEEDS_TRANSACTION = Symbol("needs a transaction");

/** The statement names prepared on a connection, by text (a name must always stand for one text). */
const statementNames = new Map<string, string>();

function statementName(prefix: string, text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `${prefix}_${createHash("sha1").update(text).digest("hex").slice(0, 12)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Placing without an explicit transaction (see the module comment): the read, then the notification job and the
 * writes in one statement. NEEDS_TRANSACTION without a started queue, or when the order sold a pack out.
 */
async function placeInOneStatement(driver: Pick<Database, "pool" | "kind">, input: PlaceOrderInput, hash: string, now: Date): Promise<PlaceOrderResult | typeof NEEDS_TRANSACTION> {
  const orderId = randomUUID();
  // Only built here (no round trip); null without a queue, before anything is read.
  const job = await orderNotificationStatement({ kind: "order_placed", orderId });
  if (!job) return NEEDS_TRANSACTION;
  const run = onPool(driver);
  const ready = await prepare(run, input, hash, now);
  if (ready.done) return ready.done;
  const rows = { ...orderRows({ orderId, input, hash, now, ...ready }), atomic: true };
  // The job's insert runs first (the CASE's condition), then the writes; the statement fails as a whole. pg-boss's
  // insert takes no row when the job's queue is gone (it joins the queue table): then nothing is written here
  // and the order goes the transaction path, which keeps the notice without the queue.
  const noJob = JSON.stringify({ ok: false, noJob: true });
  const text = `WITH "job" AS (${job.text}) SELECT CASE WHEN (SELECT count(*) FROM "job") = 1 THEN "place_order_rows"($${job.values.length + 1}::jsonb) ELSE "place_order_refused"(true, '${noJob}'::jsonb) END AS result`;
  let written: WrittenRows;
  try {
    written = await writeOrderRows(run, text, [...job.values, JSON.stringify(rows)], statementName("place_order_write", text));
  } catch (error) {
    const answer = notWritten(error);
    if (!answer) throw error;
    if ("soldOut" in answer || "noJob" in answer) return NEEDS_TRANSACTION;
    return refusalOf(answer, ready.plan, now);
  }
  if (!written.ok) throw new Error("place_order_rows answered a refusal without raising");
  return { ok: true, orderId, number: written.number, replayed: false };
}

/** The answer carried by place_order_rows' HM001 error (an order it did not write), or null for any other error. */
function notWritten(error: unknown): Exclude<WrittenRows, { ok: true }> | { ok: false; soldOut: string[] } | { ok: false; noJob: true } | null {
  const e = error as { code?: unknown; detail?: unknown } | null;
  if (!e || typeof e !== "object" || e.code !== "HM001" || typeof e.detail !== "string") return null;
  return JSON.parse(e.detail) as Exclude<WrittenRows, { ok: true }> | { ok: false; soldOut: string[] } | { ok: false; noJob: true };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type DeliveryPointRow = { id: string; organizationId: string; archivedAt: Date | null; district: string; name: string; address: string; lat: number; lng: number };

/**
 * The answer for a known idempotency key (a replay or idempotency_key_reused), the delivery point (with its
 * owner), the slot and the packs' snapshot, in one call of place_order_read; point or slot null when the id is
 * malformed or unknown.
 */
async function readForPlacing(run: Run, input: PlaceOrderInput, hash: string) {
  const pointId = UUID.test(input.deliveryPointId) ? input.deliveryPointId : null;
  const slotId = UUID.test(input.slotId) ? input.slotId : null;
  const ids = validIds(input.lines.map((l) => l.variantId));
  type Read = {
    known: { id: string; number: string; requestHash: string | null } | null;
    point: { organizationId: string; archivedAt: string | null; district: string; name: string; address: string; lat: number; lng: number } | null;
    slot: { id: string; district: string; cutoffAt: string } | null;
    packs: OrderingSnapshotRow[];
  };
  const rows = await run("place_order_read", READ_SQL, [input.buyerId, input.idempotencyKey, pointId, slotId, ids]);
  const r = rows[0]!.read as Read;
  const known: PlaceOrderResult | null = r.known
    ? r.known.requestHash === hash
      ? { ok: true, orderId: r.known.id, number: r.known.number, replayed: true }
      : { ok: false, code: "idempotency_key_reused" }
    : null;
  const p = r.point;
  const point: DeliveryPointRow | null = pointId && p
    ? { id: pointId.toLowerCase(), organizationId: p.organizationId.toLowerCase(), archivedAt: p.archivedAt ? new Date(p.archivedAt) : null, district: p.district, name: p.name, address: p.address, lat: Number(p.lat), lng: Number(p.lng) }
    : null;
  const slot = r.slot ? { id: r.slot.id, district: r.slot.district, cutoffAt: new Date(r.slot.cutoffAt) } : null;
  return { known, point, slot, snapshot: orderingSnapshotFromRows(r.packs) };
}

/** What place_order_rows answers (see its migration, 20261203081500_place_order_functions). */
type WrittenRows =
  | { ok: true; number: string; soldOut: string[] }
  | { ok: false; short: { variantId: string; requested: number; available: number }[] }
  | { ok: false; slot: { cutoffAt: string; capacity: WeightByTemp; booked: WeightByTemp } | null };

/** The rows of one order as place_order_rows takes them. */
function orderRows(a: { orderId: string; input: PlaceOrderInput; hash: string; now: Date; point: DeliveryPointRow; slotId: string; plan: OrderPlan; done?: undefined }) {
  const { orderId, input, plan, now, point } = a;
  const sellerOrders = plan.sellers.map((s) => ({ id: randomUUID(), plan: s }));
  const lines = sellerOrders.flatMap((so) => so.plan.lines.map((l) => ({ id: randomUUID(), sellerOrderId: so.id, planned: l })));
  return {
    now: now.toISOString(),
    numberDay: dayOf(now).replace(/-/g, ""),
    actorId: input.userId,
    slotId: a.slotId,
    grams: plan.weightGrams,
    order: {
      id: orderId, buyer_id: input.buyerId, placed_by_id: input.userId, slot_id: a.slotId, delivery_point_id: point.id, delivery_address: `${point.name} · ${point.address}`,
      lat: point.lat, lng: point.lng, subtotal_fen: plan.subtotalFen, delivery_fee_fen: plan.deliveryFeeFen, total_fen: plan.totalFen,
      note: (input.note ?? "").trim(), channel: input.channel, idempotency_key: input.idempotencyKey, request_hash: a.hash,
    },
    sellerOrders: sellerOrders.map((so) => ({ id: so.id, order_id: orderId, seller_id: so.plan.sellerId, status: "placed", subtotal_fen: so.plan.subtotalFen, cancel_reason: "", created_at: now, updated_at: now })),
    lines: lines.map((l) => orderLineRow(l.id, l.sellerOrderId, l.planned)),
    eventDetails: { channel: input.channel, sellers: sellerOrders.length, lines: lines.length, totalFen: plan.totalFen },
    auditDetails: { totalFen: plan.totalFen, channel: input.channel },
    reserve: lines.map((l) => ({ variantId: l.planned.pack.variantId, quantity: l.planned.quantity, orderLineId: l.id })),
  };
}

/**
 * Every write of the order in one statement (ADR 0011): the order and its number, seller orders (a trigger
 * checks each line's pack belongs to its seller), lines with prices as charged, the 'place' timeline row, the
 * audit entry, the reservations (reserve_stock) and last the slot's booked grams under its row lock.
 */
async function writeOrderRows(run: Run, text: string, values: unknown[], name = "place_order_rows"): Promise<WrittenRows> {
  const result = await run(name, text, values);
  return result[0]!.result as WrittenRows;
}

/** The refusal for place_order_rows' "not written" answer; the slot's rule is orders/cutoff's, not SQL's. */
function refusalOf(written: Exclude<WrittenRows, { ok: true }>, plan: OrderPlan, now: Date): Refused {
  if ("short" in written) return { ok: false, code: "insufficient_stock", lines: written.short.map((s) => ({ variantId: s.variantId, requested: Number(s.requested), available: Number(s.available) })) };
  if (!written.slot) return { ok: false, code: "slot_closed" };
  const check = checkSlotForOrder({ slot: { cutoffAt: new Date(written.slot.cutoffAt), capacityGrams: written.slot.capacity }, now, booked: written.slot.booked, requested: plan.weightGrams });
  if (!check.ok) return check.code === "slot_full" ? { ok: false, code: "slot_full", short: check.short } : { ok: false, code: "slot_closed" };
  // The slot changed between the booking and the read that explains it (an operator raised its capacity).
  return { ok: false, code: "slot_full", short: [] };
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
  if (lines.length === 0) return [];
  const payload = JSON.stringify(lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, orderLineId: l.orderLineId })));
  const rows = await tx.$queryRaw<{ result: { short: { variantId: string; requested: number; available: number }[]; soldOut: string[] } }[]>`
    SELECT "reserve_stock"(${payload}::jsonb, ${actorId}::uuid) AS result`;
  const { short, soldOut } = rows[0]!.result;
  if (short.length > 0) {
    // Answer with the caller's ids (the function answers in lower case).
    const asGiven = new Map(lines.map((l) => [l.variantId.toLowerCase(), l.variantId]));
    return short.map((s) => ({ variantId: asGiven.get(s.variantId.toLowerCase()) ?? s.variantId, requested: Number(s.requested), available: Number(s.available) }));
  }
  // The search index's in-stock flag follows packs that just sold out.
  if (soldOut.length > 0) await stockChanged(tx, soldOut);
  return [];
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
