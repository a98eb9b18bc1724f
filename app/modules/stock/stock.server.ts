/**
 * Stock in the database: every change is one ledger entry plus the pack's balance row, written in ONE
 * transaction while the balance row is locked (SELECT … FOR UPDATE), so concurrent changes queue up
 * instead of overwriting each other and the ledger always adds up to the balance. The rules of what a
 * movement does and when it is refused are in ./balance.ts.
 *
 * PGlite has one connection: inside a transaction use only the `tx` client (a query on the root client
 * would wait for the transaction it is blocking).
 */
import { PACK_LABEL_SELECT } from "~/modules/catalog/packs";
import { stockChanged } from "~/modules/search/freshness.server";
import type { PackUnit, Prisma, PrismaClient, ProductStatus, StockMovementKind } from "~/generated/prisma/client";
import { pageCount, type Page } from "~/utils/pagination";
import {
  applyMovement,
  available,
  isLowStock,
  lockOrder,
  manualMovement,
  RECENT_SALES_DAYS,
  type ManualReason,
  type StockBalance,
  type StockLine,
  type StockMovement,
  type StockRefusal,
} from "./balance";

/** A PrismaClient or the `tx` client of an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/** Who made a change and why, stored on the ledger entry. */
export interface MovementMeta {
  /** The user; null for the system (the order workflow). */
  actorId?: string | null;
  note?: string;
  lotId?: string | null;
  warehouseId?: string | null;
  orderLineId?: string | null;
}

/** Thrown inside a transaction when a movement is refused, so the whole transaction rolls back. */
export class StockRefusedError extends Error {
  constructor(
    readonly variantId: string,
    readonly refusal: StockRefusal,
    /** The balance the movement was refused against. */
    readonly balance: StockBalance,
  ) {
    super(`stock movement refused for variant ${variantId}: ${refusal} (on hand ${balance.onHand}, reserved ${balance.reserved})`);
    this.name = "StockRefusedError";
  }
}

/**
 * Makes sure the pack has a balance row, then locks it until the transaction ends and returns it.
 * Must run inside a transaction (`tx`).
 */
export async function lockBalance(tx: Tx, variantId: string): Promise<StockBalance> {
  await tx.$executeRaw`INSERT INTO "stock_balances" ("variant_id") VALUES (${variantId}::uuid) ON CONFLICT ("variant_id") DO NOTHING`;
  const rows = await tx.$queryRaw<{ on_hand: number; reserved: number }[]>`
    SELECT "on_hand", "reserved" FROM "stock_balances" WHERE "variant_id" = ${variantId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new Error(`stock balance row of ${variantId} vanished`);
  return { onHand: Number(row.on_hand), reserved: Number(row.reserved) };
}

async function writeBalance(tx: Tx, variantId: string, balance: StockBalance): Promise<void> {
  await tx.$executeRaw`
    UPDATE "stock_balances" SET "on_hand" = ${balance.onHand}, "reserved" = ${balance.reserved}, "updated_at" = now()
    WHERE "variant_id" = ${variantId}::uuid`;
}

function ledgerRow(variantId: string, kind: StockMovementKind, delta: { onHandDelta: number; reservedDelta: number }, meta: MovementMeta): Prisma.StockLedgerCreateManyInput {
  return {
    variantId,
    kind,
    onHandDelta: delta.onHandDelta,
    reservedDelta: delta.reservedDelta,
    actorId: meta.actorId ?? null,
    note: meta.note ?? "",
    lotId: meta.lotId ?? null,
    warehouseId: meta.warehouseId ?? null,
    orderLineId: meta.orderLineId ?? null,
  };
}

/** Whether a pack went in or out of stock (available above zero or not): the search index's in-stock flag follows. */
function crossesZero(before: StockBalance, after: StockBalance): boolean {
  return available(before) > 0 !== available(after) > 0;
}

/**
 * One movement of one pack inside the caller's transaction: lock, apply the rule, append the ledger
 * entry, update the balance (and the product's search document when the pack went in or out of stock).
 * Throws StockRefusedError when the rule refuses (the caller's transaction then rolls back as a whole).
 */
export async function moveStock(tx: Tx, variantId: string, movement: StockMovement, meta: MovementMeta = {}): Promise<{ entryId: string; balance: StockBalance }> {
  const before = await lockBalance(tx, variantId);
  const result = applyMovement(before, movement);
  if (!result.ok) throw new StockRefusedError(variantId, result.refusal, before);
  const entry = await tx.stockLedger.create({ data: ledgerRow(variantId, movement.kind, result.delta, meta), select: { id: true } });
  await writeBalance(tx, variantId, result.balance);
  if (crossesZero(before, result.balance)) await stockChanged(tx, [variantId]);
  return { entryId: entry.id.toString(), balance: result.balance };
}

/**
 * The same movement for several lines (packs of an order), locking balance rows in ascending variant
 * id order (lockOrder) so two orders can never deadlock. One ledger entry per line; all or nothing:
 * one refused line throws StockRefusedError and, inside the caller's transaction, undoes the rest.
 */
async function moveLines(tx: Tx, kind: "reservation" | "release" | "shipment", lines: readonly StockLine[], meta: Omit<MovementMeta, "orderLineId" | "lotId">): Promise<Map<string, StockBalance>> {
  const balances = new Map<string, StockBalance>();
  const rows: Prisma.StockLedgerCreateManyInput[] = [];
  const crossed: string[] = [];
  for (const group of lockOrder(lines)) {
    const before = await lockBalance(tx, group.variantId);
    let balance = before;
    for (const line of group.lines) {
      const result = applyMovement(balance, { kind, quantity: line.quantity });
      if (!result.ok) throw new StockRefusedError(group.variantId, result.refusal, balance);
      rows.push(ledgerRow(group.variantId, kind, result.delta, { ...meta, orderLineId: line.orderLineId, lotId: line.lotId }));
      balance = result.balance;
    }
    await writeBalance(tx, group.variantId, balance);
    balances.set(group.variantId, balance);
    if (crossesZero(before, balance)) crossed.push(group.variantId);
  }
  if (rows.length > 0) await tx.stockLedger.createMany({ data: rows });
  await stockChanged(tx, crossed);
  return balances;
}

/** Reserves packs for order lines (placing an order), inside the caller's transaction. */
export function reserveStock(tx: Tx, lines: readonly StockLine[], meta: Omit<MovementMeta, "orderLineId" | "lotId"> = {}) {
  return moveLines(tx, "reservation", lines, meta);
}

/** Releases reserved packs (an order cancelled or short-shipped), inside the caller's transaction. */
export function releaseStock(tx: Tx, lines: readonly StockLine[], meta: Omit<MovementMeta, "orderLineId" | "lotId"> = {}) {
  return moveLines(tx, "release", lines, meta);
}

/** Ships reserved packs (on hand and reserved both fall), inside the caller's transaction. */
export function shipStock(tx: Tx, lines: readonly StockLine[], meta: Omit<MovementMeta, "orderLineId" | "lotId"> = {}) {
  return moveLines(tx, "shipment", lines, meta);
}

// ---------------------------------------------------------------------------------------------
// Ownership and the seller's adjustments

/** A pack as its seller's stock pages show it. */
export interface PackInfo {
  variantId: string;
  sku: string;
  label: string;
  unit: PackUnit;
  itemCount: number;
  itemNetWeightGrams: number;
  netWeightGrams: number;
  variableWeight: boolean;
  active: boolean;
  productId: string;
  nameZh: string;
  nameEn: string;
  sellerId: string;
}

export type PackLookup = { kind: "ok"; pack: PackInfo } | { kind: "not_found" } | { kind: "forbidden" };

/** A pack of one of the seller's organizations; another seller's is "forbidden", an unknown id "not_found". */
export async function findOwnPack(db: Tx, variantId: string, orgIds: readonly string[]): Promise<PackLookup> {
  const v = await db.variant.findUnique({
    where: { id: variantId },
    select: {
      id: true,
      sku: true,
      ...PACK_LABEL_SELECT,
      active: true,
      product: { select: { id: true, nameZh: true, nameEn: true, sellerId: true } },
    },
  });
  if (!v) return { kind: "not_found" };
  if (!orgIds.includes(v.product.sellerId)) return { kind: "forbidden" };
  return {
    kind: "ok",
    pack: {
      variantId: v.id,
      sku: v.sku,
      label: v.label,
      unit: v.unit,
      itemCount: v.itemCount,
      itemNetWeightGrams: v.itemNetWeightGrams,
      netWeightGrams: v.netWeightGrams,
      variableWeight: v.variableWeight,
      active: v.active,
      productId: v.product.id,
      nameZh: v.product.nameZh,
      nameEn: v.product.nameEn,
      sellerId: v.product.sellerId,
    },
  };
}

export interface AdjustInput {
  variantId: string;
  reason: ManualReason;
  /** Packs received or spoiled; for a count, the packs counted on hand. */
  quantity: number;
  note?: string;
  actorId: string;
}

export type AdjustResult =
  | { kind: "ok"; balance: StockBalance; entryId: string }
  | { kind: "refused"; refusal: StockRefusal | "stock.refusal.reason"; balance: StockBalance | null }
  | { kind: "not_found" }
  | { kind: "forbidden" };

/**
 * A seller's adjustment of one of its own packs, in its own transaction. A refused one writes nothing:
 * not the ledger entry, not even the balance row it would have created.
 */
export async function adjustOwnStock(db: PrismaClient, orgIds: readonly string[], input: AdjustInput): Promise<AdjustResult> {
  const owner = await findOwnPack(db, input.variantId, orgIds);
  if (owner.kind !== "ok") return owner;
  const planned = manualMovement(input.reason, input.quantity);
  if (!planned.ok) return { kind: "refused", refusal: planned.refusal, balance: null };
  try {
    const done = await db.$transaction((tx) => moveStock(tx, input.variantId, planned.movement, { actorId: input.actorId, note: input.note?.trim() ?? "" }));
    return { kind: "ok", balance: done.balance, entryId: done.entryId };
  } catch (error) {
    if (error instanceof StockRefusedError) return { kind: "refused", refusal: error.refusal, balance: error.balance };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Seller orders whose lines count as sales: neither the seller order (cancelled) nor the
 * order (cancelled) was called off; `placedAt` bounds the order date.
 */
export function countedSales(placedAt?: Prisma.DateTimeFilter): Prisma.SellerOrderWhereInput {
  return { status: { not: "cancelled" }, order: { status: { not: "cancelled" }, ...(placedAt ? { placedAt } : {}) } };
}

/** Packs sold per variant over the last RECENT_SALES_DAYS days (by order date). */
export async function recentPacksSold(db: Tx, variantIds: readonly string[], now: Date, days = RECENT_SALES_DAYS): Promise<Map<string, number>> {
  const sold = new Map<string, number>();
  if (variantIds.length === 0) return sold;
  const since = new Date(now.getTime() - days * 86_400_000);
  const groups = await db.orderLine.groupBy({
    by: ["variantId"],
    where: { variantId: { in: [...variantIds] }, sellerOrder: countedSales({ gte: since, lte: now }) },
    _sum: { quantity: true },
  });
  for (const g of groups) sold.set(g.variantId, g._sum.quantity ?? 0);
  return sold;
}

/** On hand, reserved and available per pack (zero for a pack that never had stock). */
export async function stockBalances(db: Tx, variantIds: readonly string[]): Promise<Map<string, StockBalance & { available: number }>> {
  const rows = variantIds.length > 0 ? await db.stockBalance.findMany({ where: { variantId: { in: [...variantIds] } }, select: { variantId: true, onHand: true, reserved: true } }) : [];
  const byId = new Map(rows.map((r) => [r.variantId, r]));
  return new Map(
    variantIds.map((id) => {
      const b = { onHand: byId.get(id)?.onHand ?? 0, reserved: byId.get(id)?.reserved ?? 0 };
      return [id, { ...b, available: available(b) }];
    }),
  );
}

/** One pack's figures on the stock page. */
export interface PackStock {
  variantId: string;
  sku: string;
  label: string;
  unit: PackUnit;
  /** The structured fields the pack's label is composed from in the viewer's language. */
  itemCount: number;
  itemNetWeightGrams: number;
  netWeightGrams: number;
  variableWeight: boolean;
  active: boolean;
  onHand: number;
  reserved: number;
  available: number;
  /** Packs sold in the last RECENT_SALES_DAYS days. */
  recentSold: number;
  low: boolean;
}

export interface ProductStock {
  id: string;
  nameZh: string;
  nameEn: string;
  status: ProductStatus;
  packs: PackStock[];
}

export const STOCK_PAGE_SIZE = 20;

/**
 * The seller's products (archived ones left out) with on hand / reserved / available per pack.
 * Low stock is flagged for packs on sale (active pack of an active product).
 */
export async function listSellerStock(db: PrismaClient, orgIds: readonly string[], options: { page: number; now: Date }): Promise<Page<ProductStock>> {
  const where: Prisma.ProductWhereInput = { sellerId: { in: [...orgIds] }, status: { not: "archived" } };
  const total = await db.product.count({ where });
  const pages = pageCount(total, STOCK_PAGE_SIZE);
  const page = Math.min(options.page, pages);
  const products = await db.product.findMany({
    where,
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      status: true,
      variants: {
        select: {
          id: true,
          sku: true,
          ...PACK_LABEL_SELECT,
          active: true,
          stockBalance: { select: { onHand: true, reserved: true } },
        },
        orderBy: [{ netWeightGrams: "asc" }, { sku: "asc" }],
      },
    },
    orderBy: [{ nameZh: "asc" }, { id: "asc" }],
    skip: (page - 1) * STOCK_PAGE_SIZE,
    take: STOCK_PAGE_SIZE,
  });
  const sold = await recentPacksSold(
    db,
    products.flatMap((p) => p.variants.map((v) => v.id)),
    options.now,
  );
  const items = products.map((p) => ({
    id: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    status: p.status,
    packs: p.variants.map((v) => {
      const balance = { onHand: v.stockBalance?.onHand ?? 0, reserved: v.stockBalance?.reserved ?? 0 };
      const recentSold = sold.get(v.id) ?? 0;
      const avail = available(balance);
      return {
        variantId: v.id,
        sku: v.sku,
        label: v.label,
        unit: v.unit,
        itemCount: v.itemCount,
        itemNetWeightGrams: v.itemNetWeightGrams,
        netWeightGrams: v.netWeightGrams,
        variableWeight: v.variableWeight,
        active: v.active,
        ...balance,
        available: avail,
        recentSold,
        low: p.status === "active" && v.active && isLowStock(avail, recentSold),
      };
    }),
  }));
  return { items, total, page, pages };
}

/** One entry of a pack's stock history. */
export interface LedgerEntryView {
  id: string;
  kind: StockMovementKind;
  onHandDelta: number;
  reservedDelta: number;
  note: string;
  createdAt: Date;
  /** Who made it; null for the system (seed, order workflow) or a deleted user. */
  actorName: string | null;
  lotCode: string | null;
  orderNumber: string | null;
}

export const LEDGER_PAGE_SIZE = 50;

export type PackLedger =
  | { kind: "ok"; pack: PackInfo; balance: StockBalance & { available: number }; entries: Page<LedgerEntryView> }
  | { kind: "not_found" }
  | { kind: "forbidden" };

/** A pack's balance and its ledger, newest first, with who made each change and why. */
export async function getPackLedger(db: PrismaClient, variantId: string, orgIds: readonly string[], page: number): Promise<PackLedger> {
  const owner = await findOwnPack(db, variantId, orgIds);
  if (owner.kind !== "ok") return owner;
  const [balanceRow, total] = await Promise.all([
    db.stockBalance.findUnique({ where: { variantId }, select: { onHand: true, reserved: true } }),
    db.stockLedger.count({ where: { variantId } }),
  ]);
  const pages = pageCount(total, LEDGER_PAGE_SIZE);
  const current = Math.min(page, pages);
  const rows = await db.stockLedger.findMany({
    where: { variantId },
    select: {
      id: true,
      kind: true,
      onHandDelta: true,
      reservedDelta: true,
      note: true,
      createdAt: true,
      actorId: true,
      lot: { select: { code: true } },
      orderLine: { select: { sellerOrder: { select: { order: { select: { number: true } } } } } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * LEDGER_PAGE_SIZE,
    take: LEDGER_PAGE_SIZE,
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const actors = actorIds.length > 0 ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }) : [];
  const nameOf = new Map(actors.map((a) => [a.id, a.displayName]));
  const balance = { onHand: balanceRow?.onHand ?? 0, reserved: balanceRow?.reserved ?? 0 };
  return {
    kind: "ok",
    pack: owner.pack,
    balance: { ...balance, available: available(balance) },
    entries: {
      items: rows.map((r) => ({
        id: r.id.toString(),
        kind: r.kind,
        onHandDelta: r.onHandDelta,
        reservedDelta: r.reservedDelta,
        note: r.note,
        createdAt: r.createdAt,
        actorName: r.actorId ? (nameOf.get(r.actorId) ?? null) : null,
        lotCode: r.lot?.code ?? null,
        orderNumber: r.orderLine?.sellerOrder.order.number ?? null,
      })),
      total,
      page: current,
      pages,
    },
  };
}
