/**
 * Cart rules on priced lines: lines grouped per seller (each group becomes one seller order), each seller's
 * subtotal against its minimum order value per delivery ("再买 ¥x 即可起送"), the order total and the
 * nominal weight per temperature class that a delivery slot's capacity is checked against.
 * Lines come priced from ~/modules/pricing; nothing here computes a price.
 */
import type { TempClass } from "~/generated/prisma/enums";
import { mulExact, sumExact } from "~/modules/pricing/rounding";

export type { TempClass };
export const TEMP_CLASSES: readonly TempClass[] = ["ambient", "chilled", "frozen"];

/** Grams per temperature class. */
export type WeightByTemp = Record<TempClass, number>;

/** A cart line after pricing. */
export interface CartLine {
  id: string;
  sellerId: string;
  quantity: number;
  /** From pricing: unit price × quantity (the estimate for a variable-weight pack). */
  lineTotalFen: number;
  /** Nominal net weight of one pack. */
  netWeightGrams: number;
  tempClass: TempClass;
}

/** What the cart needs to know about a seller. */
export interface SellerTerms {
  /** Least subtotal the seller delivers for, per delivery (0 or absent: no minimum). */
  minOrderValueFen?: number | null;
}

export interface SellerGroup<L extends CartLine = CartLine> {
  sellerId: string;
  lines: L[];
  subtotalFen: number;
  minOrderValueFen: number;
  /** Fen still to add before the seller delivers ("再买 ¥x 即可起送"); 0 when the minimum is met. */
  shortfallFen: number;
  meetsMinimum: boolean;
  weightGrams: WeightByTemp;
}

export interface CartSummary<L extends CartLine = CartLine> {
  /** One group per seller, in the order each seller first appears in the cart. */
  sellers: SellerGroup<L>[];
  subtotalFen: number;
  deliveryFeeFen: number;
  totalFen: number;
  packCount: number;
  weightGrams: WeightByTemp;
  /** Every seller's minimum is met and the cart is not empty. */
  canCheckout: boolean;
}

/** Lines grouped by seller, sellers in order of first appearance, lines in cart order. */
export function groupBySeller<L extends CartLine>(lines: readonly L[]): { sellerId: string; lines: L[] }[] {
  const groups = new Map<string, L[]>();
  for (const line of lines) {
    const group = groups.get(line.sellerId);
    if (group) group.push(line);
    else groups.set(line.sellerId, [line]);
  }
  return [...groups].map(([sellerId, ls]) => ({ sellerId, lines: ls }));
}

/** The sum of the lines' totals. */
export function subtotalFen(lines: readonly Pick<CartLine, "lineTotalFen">[]): number {
  return sumExact(lines.map((l) => l.lineTotalFen));
}

/** Fen missing to reach a minimum order value (0 when met or when there is none). */
export function minimumShortfallFen(subtotal: number, minOrderValueFen: number | null | undefined): number {
  const min = minOrderValueFen ?? 0;
  return min > subtotal ? min - subtotal : 0;
}

/** Nominal grams per temperature class: quantity × net weight of each line. */
export function weightByTempClass(lines: readonly Pick<CartLine, "quantity" | "netWeightGrams" | "tempClass">[]): WeightByTemp {
  const w: WeightByTemp = { ambient: 0, chilled: 0, frozen: 0 };
  for (const line of lines) w[line.tempClass] = sumExact([w[line.tempClass], mulExact(line.quantity, line.netWeightGrams)]);
  return w;
}

/**
 * The whole cart: per-seller groups with subtotals, minimums and weights, and the order totals.
 * `sellers` maps seller id to its terms; a seller missing from it has no minimum.
 */
export function summariseCart<L extends CartLine>(
  lines: readonly L[],
  sellers: Readonly<Record<string, SellerTerms>> = {},
  options: { deliveryFeeFen?: number } = {},
): CartSummary<L> {
  const groups = groupBySeller(lines).map(({ sellerId, lines: ls }): SellerGroup<L> => {
    const sub = subtotalFen(ls);
    const min = sellers[sellerId]?.minOrderValueFen ?? 0;
    const shortfall = minimumShortfallFen(sub, min);
    return { sellerId, lines: ls, subtotalFen: sub, minOrderValueFen: min, shortfallFen: shortfall, meetsMinimum: shortfall === 0, weightGrams: weightByTempClass(ls) };
  });
  const sub = sumExact(groups.map((g) => g.subtotalFen));
  const deliveryFeeFen = options.deliveryFeeFen ?? 0;
  return {
    sellers: groups,
    subtotalFen: sub,
    deliveryFeeFen,
    totalFen: sumExact([sub, deliveryFeeFen]),
    packCount: sumExact(lines.map((l) => l.quantity)),
    weightGrams: weightByTempClass(lines),
    canCheckout: groups.length > 0 && groups.every((g) => g.meetsMinimum),
  };
}
