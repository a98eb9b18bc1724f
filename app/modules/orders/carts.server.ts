/**
 * The shared cart of a buyer organization (one cart per organization, every member sees and edits it).
 *
 * Every edit is one short transaction that first locks the cart row, so two members editing at once queue up
 * instead of overwriting each other (an add to a line another member just added to adds up). Quantities are
 * checked against the pack's minimum and multiple (./quantities); each line remembers the unit price its buyer
 * last saw. A quantity change that moves the line to another tier is the buyer's own doing, so the remembered
 * price follows it — unless the price had already changed underneath, which then stays flagged until confirmed.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { priceLine, type ContractPrice } from "~/modules/pricing";
import { buildCartView, type CartView } from "./cart-view";
import type { PackSnapshot } from "./order-plan";
import { loadContractPrices, loadPackSnapshots, loadSellerTerms } from "./ordering-data.server";
import { checkQuantity, readQuantityText, type NearestQuantities, type QuantityIssueCode } from "./quantities";

type Db = PrismaClient | Prisma.TransactionClient;
type Tx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Most lines one cart holds (an order has at most as many). */
export const MAX_CART_LINES = 200;

export interface CartPage extends CartView {
  cartId: string | null;
  sellerNames: Record<string, { name: string; nameEn: string | null }>;
  updatedAt: Date | null;
}

const LINE_SELECT = { id: true, variantId: true, quantity: true, seenUnitPriceFen: true } as const;

/** The organization's cart priced at `now` (an empty view when it has none yet). */
export async function loadCart(db: Db, buyerId: string, now: Date): Promise<CartPage> {
  const cart = UUID.test(buyerId)
    ? await db.cart.findUnique({ where: { organizationId: buyerId }, select: { id: true, updatedAt: true, lines: { select: LINE_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } })
    : null;
  const lines = cart?.lines ?? [];
  const ids = lines.map((l) => l.variantId);
  const packs = await loadPackSnapshots(db, ids);
  const contracts = await loadContractPrices(db, buyerId, ids);
  const terms = await loadSellerTerms(db, [...new Set([...packs.values()].map((p) => p.sellerId))]);
  const view = buildCartView({ lines, packs, contracts, sellerTerms: terms, at: now });
  return {
    ...view,
    cartId: cart?.id ?? null,
    updatedAt: cart?.updatedAt ?? null,
    sellerNames: Object.fromEntries(Object.entries(terms).map(([id, t]) => [id, { name: t.name, nameEn: t.nameEn }])),
  };
}

/** Creates the cart when missing and locks it until the transaction ends; returns its id. */
async function lockCart(tx: Tx, buyerId: string): Promise<string> {
  await tx.$executeRaw`INSERT INTO "carts" ("id", "organization_id") VALUES (gen_random_uuid(), ${buyerId}::uuid) ON CONFLICT ("organization_id") DO NOTHING`;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id"::text FROM "carts" WHERE "organization_id" = ${buyerId}::uuid FOR NO KEY UPDATE`;
  return rows[0]!.id;
}

async function touchCart(tx: Tx, cartId: string, now: Date): Promise<void> {
  await tx.cart.update({ where: { id: cartId }, data: { updatedAt: now }, select: { id: true } });
}

export type CartEditResult =
  | { ok: true; lineId: string | null }
  | { ok: false; field: "variantId" | "lineId"; code: "pack_unavailable" | "not_found" | "cart_full" }
  | { ok: false; field: "quantity"; code: QuantityIssueCode; nearest: NearestQuantities; min: number; multiple: number; max: number };

function priceNow(pack: PackSnapshot, contracts: Map<string, ContractPrice[]>, quantity: number, at: Date): number | null {
  const r = priceLine({ pack, contracts: contracts.get(pack.variantId) ?? [], quantity, at });
  return r.ok ? r.price.unitPriceFen : null;
}

/**
 * The remembered price after the buyer moves a line from `oldQuantity` to `newQuantity`: the price at the new
 * quantity when the buyer had seen the current price, else the old remembered price (the change stays flagged).
 */
function followedSeenPrice(seen: number, priceAtOld: number | null, priceAtNew: number): number {
  return priceAtOld === null || priceAtOld === seen ? priceAtNew : seen;
}

function quantityRefusal(value: number | string, pack: PackSnapshot): Extract<CartEditResult, { field: "quantity" }> | number {
  const check = checkQuantity(value, pack);
  if (check.ok) return check.quantity;
  return { ok: false, field: "quantity", code: check.code, nearest: check.nearest, min: check.min, multiple: check.multiple, max: check.max };
}

/** Adds packs to the organization's cart (to the line of that pack when there is one). */
export async function addToCart(db: PrismaClient, input: { buyerId: string; userId: string; variantId: string; quantity: number | string; now?: Date }): Promise<CartEditResult> {
  const now = input.now ?? new Date();
  const variantId = input.variantId.toLowerCase();
  return db.$transaction(async (tx): Promise<CartEditResult> => {
    const pack = (await loadPackSnapshots(tx, [variantId])).get(variantId);
    if (!pack || !pack.orderable) return { ok: false, field: "variantId", code: "pack_unavailable" };
    const added = typeof input.quantity === "string" ? readQuantityText(input.quantity) : input.quantity;
    const alone = quantityRefusal(added, pack);
    if (typeof alone !== "number") return alone;
    const cartId = await lockCart(tx, input.buyerId);
    const existing = await tx.cartLine.findUnique({ where: { cartId_variantId: { cartId, variantId } }, select: LINE_SELECT });
    if (!existing && (await tx.cartLine.count({ where: { cartId } })) >= MAX_CART_LINES) return { ok: false, field: "variantId", code: "cart_full" };
    const total = quantityRefusal((existing?.quantity ?? 0) + alone, pack);
    if (typeof total !== "number") return total;
    const contracts = await loadContractPrices(tx, input.buyerId, [variantId]);
    const price = priceNow(pack, contracts, total, now);
    if (price === null) {
      const first = quantityRefusal(total, { ...pack, minOrderQuantity: Math.max(pack.minOrderQuantity, firstTier(pack)) });
      return typeof first === "number" ? { ok: false, field: "variantId", code: "pack_unavailable" } : first;
    }
    if (existing) {
      const seen = followedSeenPrice(existing.seenUnitPriceFen, priceNow(pack, contracts, existing.quantity, now), price);
      await tx.cartLine.update({ where: { id: existing.id }, data: { quantity: total, seenUnitPriceFen: seen, updatedById: input.userId, updatedAt: now }, select: { id: true } });
      await touchCart(tx, cartId, now);
      return { ok: true, lineId: existing.id };
    }
    const line = await tx.cartLine.create({ data: { cartId, variantId, quantity: total, seenUnitPriceFen: price, updatedById: input.userId, createdAt: now, updatedAt: now }, select: { id: true } });
    await touchCart(tx, cartId, now);
    return { ok: true, lineId: line.id };
  });
}

function firstTier(pack: PackSnapshot): number {
  return pack.tiers.length ? Math.min(...pack.tiers.map((t) => t.minQuantity)) : 1;
}

/** Sets a line's quantity (0 or an empty value removes the line). */
export async function setCartQuantity(db: PrismaClient, input: { buyerId: string; userId: string; lineId: string; quantity: number | string; now?: Date }): Promise<CartEditResult> {
  const now = input.now ?? new Date();
  if (!UUID.test(input.lineId)) return { ok: false, field: "lineId", code: "not_found" };
  return db.$transaction(async (tx): Promise<CartEditResult> => {
    const cartId = await lockCart(tx, input.buyerId);
    const line = await tx.cartLine.findFirst({ where: { id: input.lineId, cartId }, select: LINE_SELECT });
    if (!line) return { ok: false, field: "lineId", code: "not_found" };
    const wanted = typeof input.quantity === "string" ? (input.quantity.trim() === "" ? 0 : readQuantityText(input.quantity)) : input.quantity;
    if (wanted === 0) {
      await tx.cartLine.delete({ where: { id: line.id }, select: { id: true } });
      await touchCart(tx, cartId, now);
      return { ok: true, lineId: null };
    }
    const pack = (await loadPackSnapshots(tx, [line.variantId])).get(line.variantId.toLowerCase());
    if (!pack || !pack.orderable) return { ok: false, field: "lineId", code: "not_found" };
    const q = quantityRefusal(wanted, pack);
    if (typeof q !== "number") return q;
    const contracts = await loadContractPrices(tx, input.buyerId, [line.variantId]);
    const price = priceNow(pack, contracts, q, now);
    if (price === null) {
      const r = checkQuantity(q, { minOrderQuantity: Math.max(pack.minOrderQuantity, firstTier(pack)), orderMultiple: pack.orderMultiple });
      return r.ok ? { ok: false, field: "lineId", code: "not_found" } : { ok: false, field: "quantity", code: r.code, nearest: r.nearest, min: r.min, multiple: r.multiple, max: r.max };
    }
    const seen = followedSeenPrice(line.seenUnitPriceFen, priceNow(pack, contracts, line.quantity, now), price);
    await tx.cartLine.update({ where: { id: line.id }, data: { quantity: q, seenUnitPriceFen: seen, updatedById: input.userId, updatedAt: now }, select: { id: true } });
    await touchCart(tx, cartId, now);
    return { ok: true, lineId: line.id };
  });
}

/** Removes a line from the organization's cart; false when it is not there. */
export async function removeCartLine(db: PrismaClient, input: { buyerId: string; lineId: string; now?: Date }): Promise<boolean> {
  if (!UUID.test(input.lineId)) return false;
  return db.$transaction(async (tx) => {
    const cartId = await lockCart(tx, input.buyerId);
    const r = await tx.cartLine.deleteMany({ where: { id: input.lineId, cartId } });
    if (r.count > 0) await touchCart(tx, cartId, input.now ?? new Date());
    return r.count > 0;
  });
}

/** The buyer confirms the current prices: every line remembers its price at `now`. Returns the lines updated. */
export async function confirmCartPrices(db: PrismaClient, input: { buyerId: string; userId: string; now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const cartId = await lockCart(tx, input.buyerId);
    const lines = await tx.cartLine.findMany({ where: { cartId }, select: LINE_SELECT });
    const ids = lines.map((l) => l.variantId);
    const packs = await loadPackSnapshots(tx, ids);
    const contracts = await loadContractPrices(tx, input.buyerId, ids);
    let updated = 0;
    for (const l of lines) {
      const pack = packs.get(l.variantId.toLowerCase());
      if (!pack?.orderable) continue;
      const price = priceNow(pack, contracts, l.quantity, now);
      if (price === null || price === l.seenUnitPriceFen) continue;
      await tx.cartLine.update({ where: { id: l.id }, data: { seenUnitPriceFen: price, updatedById: input.userId, updatedAt: now }, select: { id: true } });
      updated += 1;
    }
    if (updated > 0) await touchCart(tx, cartId, now);
    return updated;
  });
}

/** What checkout sends to placeOrder: every line with the price the buyer last saw. */
export async function cartOrderLines(db: Db, buyerId: string): Promise<{ variantId: string; quantity: number; expectedUnitPriceFen: number }[]> {
  if (!UUID.test(buyerId)) return [];
  const cart = await db.cart.findUnique({ where: { organizationId: buyerId }, select: { lines: { select: LINE_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
  return (cart?.lines ?? []).map((l) => ({ variantId: l.variantId, quantity: l.quantity, expectedUnitPriceFen: l.seenUnitPriceFen }));
}

/**
 * After an order was placed from the cart: removes the lines that were ordered as they are now (a line another
 * member changed meanwhile stays, so nothing they added is lost).
 */
export async function removeOrderedLines(db: PrismaClient, buyerId: string, ordered: readonly { variantId: string; quantity: number }[], now: Date = new Date()): Promise<number> {
  if (ordered.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const cartId = await lockCart(tx, buyerId);
    let removed = 0;
    for (const o of ordered) {
      const r = await tx.cartLine.deleteMany({ where: { cartId, variantId: o.variantId.toLowerCase(), quantity: o.quantity } });
      removed += r.count;
    }
    if (removed > 0) await touchCart(tx, cartId, now);
    return removed;
  });
}

export type ReorderResult = { ok: true; added: number; skipped: { sku: string; productNameZh: string; productNameEn: string }[] } | { ok: false; code: "not_found" };

/**
 * Re-order: adds the lines of one of the organization's past orders to its cart at today's prices. Packs that can
 * no longer be sold, or whose quantity no longer fits the pack's rules, are skipped and named.
 */
export async function reorderIntoCart(db: PrismaClient, input: { buyerId: string; userId: string; orderId: string; now?: Date }): Promise<ReorderResult> {
  if (!UUID.test(input.orderId)) return { ok: false, code: "not_found" };
  const order = await db.order.findFirst({
    where: { id: input.orderId, buyerId: input.buyerId },
    select: { sellerOrders: { select: { lines: { select: { variantId: true, quantity: true, sku: true, productNameZh: true, productNameEn: true } } } } },
  });
  if (!order) return { ok: false, code: "not_found" };
  const skipped: { sku: string; productNameZh: string; productNameEn: string }[] = [];
  let added = 0;
  for (const l of order.sellerOrders.flatMap((so) => so.lines)) {
    const r = await addToCart(db, { buyerId: input.buyerId, userId: input.userId, variantId: l.variantId, quantity: l.quantity, now: input.now });
    if (r.ok) added += 1;
    else skipped.push({ sku: l.sku, productNameZh: l.productNameZh, productNameEn: l.productNameEn });
  }
  return { ok: true, added, skipped };
}
