/**
 * The cart as a buyer sees it, computed from plain data: each line priced now by the pricing module (tier or
 * contract, per kg, the next tier), its quantity checked against the pack's minimum and multiple, its remembered
 * price compared with the current one; lines grouped per seller with the seller's minimum ("再买 ¥x 即可起送")
 * and the totals (./cart-rules). What the cart shows is what placing would charge (both use the pricing module).
 */
import { priceLine, type ContractPrice, type NextTier } from "~/modules/pricing";
import { summariseCart, type TempClass, type WeightByTemp } from "./cart-rules";
import type { PackSnapshot } from "./order-plan";
import { quantityIssue, type QuantityIssueCode } from "./quantities";

/** A cart line as stored. */
export interface StoredCartLine {
  id: string;
  variantId: string;
  quantity: number;
  seenUnitPriceFen: number;
}

export interface CartLineView {
  id: string;
  variantId: string;
  productId: string | null;
  sku: string;
  productNameZh: string;
  productNameEn: string;
  sellerId: string | null;
  tempClass: TempClass;
  netWeightGrams: number;
  variableWeight: boolean;
  minOrderQuantity: number;
  orderMultiple: number;
  quantity: number;
  seenUnitPriceFen: number;
  /** Null when the pack cannot be priced or sold any more. */
  unitPriceFen: number | null;
  source: "tier" | "contract" | null;
  lineTotalFen: number;
  perKgFen: number | null;
  nextTier: NextTier | null;
  /** The current price differs from the one the buyer last saw. */
  priceChanged: boolean;
  /** Archived, paused, unknown or unpriced: it must leave the cart before checkout. */
  unavailable: boolean;
  quantityIssue: QuantityIssueCode | null;
}

export interface CartSellerView {
  sellerId: string;
  lines: CartLineView[];
  subtotalFen: number;
  minOrderValueFen: number;
  shortfallFen: number;
  meetsMinimum: boolean;
}

export interface CartView {
  lines: CartLineView[];
  sellers: CartSellerView[];
  subtotalFen: number;
  totalFen: number;
  packCount: number;
  weightGrams: WeightByTemp;
  priceChanges: CartLineView[];
  unavailable: CartLineView[];
  /** Not empty, every line sellable with a valid quantity, every seller's minimum met (prices may still need confirming). */
  canCheckout: boolean;
}

/** Builds the cart view (see the module comment). Lines keep their stored order. */
export function buildCartView(input: {
  lines: readonly StoredCartLine[];
  packs: ReadonlyMap<string, PackSnapshot>;
  contracts?: ReadonlyMap<string, readonly ContractPrice[]>;
  sellerTerms?: Readonly<Record<string, { minOrderValueFen?: number | null }>>;
  at: Date;
}): CartView {
  const views: CartLineView[] = input.lines.map((line) => {
    const pack = input.packs.get(line.variantId.toLowerCase());
    if (!pack) {
      return { id: line.id, variantId: line.variantId, productId: null, sku: "", productNameZh: "", productNameEn: "", sellerId: null, tempClass: "ambient", netWeightGrams: 0, variableWeight: false, minOrderQuantity: 1, orderMultiple: 1, quantity: line.quantity, seenUnitPriceFen: line.seenUnitPriceFen, unitPriceFen: null, source: null, lineTotalFen: 0, perKgFen: null, nextTier: null, priceChanged: false, unavailable: true, quantityIssue: null };
    }
    const issue = quantityIssue(line.quantity, pack);
    const priced = pack.orderable ? priceLine({ pack, contracts: input.contracts?.get(pack.variantId) ?? [], quantity: line.quantity, at: input.at }) : null;
    const price = priced?.ok ? priced.price : null;
    return {
      id: line.id,
      variantId: pack.variantId,
      productId: pack.productId,
      sku: pack.sku,
      productNameZh: pack.productNameZh,
      productNameEn: pack.productNameEn,
      sellerId: pack.sellerId,
      tempClass: pack.tempClass,
      netWeightGrams: pack.netWeightGrams,
      variableWeight: pack.variableWeight,
      minOrderQuantity: pack.minOrderQuantity,
      orderMultiple: pack.orderMultiple,
      quantity: line.quantity,
      seenUnitPriceFen: line.seenUnitPriceFen,
      unitPriceFen: price?.unitPriceFen ?? null,
      source: price?.source ?? null,
      lineTotalFen: price?.lineTotalFen ?? 0,
      perKgFen: price?.perKgFen ?? null,
      nextTier: price?.nextTier ?? null,
      priceChanged: price !== null && price.unitPriceFen !== line.seenUnitPriceFen,
      // Below the first tier counts as a quantity problem, not as a pack that left the catalogue.
      unavailable: !pack.orderable || (priced !== null && !priced.ok && priced.code === "no_price"),
      quantityIssue: issue ?? (priced && !priced.ok && priced.code === "below_first_tier" ? "below_minimum" : null),
    };
  });
  const sellable = views.filter((v) => !v.unavailable && v.sellerId !== null);
  const summary = summariseCart(
    sellable.map((v) => ({ id: v.id, sellerId: v.sellerId!, quantity: v.quantity, lineTotalFen: v.lineTotalFen, netWeightGrams: v.netWeightGrams, tempClass: v.tempClass, view: v })),
    input.sellerTerms ?? {},
  );
  const unavailable = views.filter((v) => v.unavailable);
  return {
    lines: views,
    sellers: summary.sellers.map((g) => ({ sellerId: g.sellerId, lines: g.lines.map((l) => l.view), subtotalFen: g.subtotalFen, minOrderValueFen: g.minOrderValueFen, shortfallFen: g.shortfallFen, meetsMinimum: g.meetsMinimum })),
    subtotalFen: summary.subtotalFen,
    totalFen: summary.totalFen,
    packCount: summary.packCount,
    weightGrams: summary.weightGrams,
    priceChanges: views.filter((v) => v.priceChanged),
    unavailable,
    canCheckout: summary.canCheckout && unavailable.length === 0 && views.every((v) => v.quantityIssue === null),
  };
}
