/**
 * What a line and an order are charged.
 *
 * - A fixed-weight line: unit price × packs shipped (the ordered packs until the seller confirms; fewer
 *   when short-shipped).
 * - A variable-weight line (fresh mushrooms, bamboo shoots) is priced per pack at the pack's nominal net
 *   weight and charged on the weighed grams of the packs shipped:
 *       charged = round_half_up(unitPriceFen × actualGrams ÷ netWeightGrams)
 *   computed exactly in integers (a half fen rounds up; amounts are never negative). Until it is weighed the
 *   charge is the estimate at nominal weight, flagged as not final.
 * - Estimated = unit price × packs ordered: what the buyer saw when placing the order.
 * - A recorded weight must lie within WEIGHT_TOLERANCE_PERCENT of nominal: a kilogram typed as grams or an
 *   extra zero is refused, never charged.
 * - Totals are sums of line charges, recomputed from the lines, never adjusted by hand.
 */
import { isWholeAmount, mulDivHalfUp, mulExact, sumExact } from "~/modules/pricing/rounding";

/** A recorded weight may differ from the nominal weight of the shipped packs by at most this many percent. */
export const WEIGHT_TOLERANCE_PERCENT = 50;

/** A line as charging sees it (an order line's snapshot plus what the seller recorded). */
export interface ChargeableLine {
  unitPriceFen: number;
  orderedQuantity: number;
  /** Packs the seller confirmed; null or absent before confirmation (the ordered quantity then). */
  shippedQuantity?: number | null;
  variableWeight: boolean;
  /** Nominal net weight of one pack. */
  netWeightGrams: number;
  /** Weighed grams of all the shipped packs together; null or absent before weighing. */
  actualGrams?: number | null;
}

export interface LineCharge {
  /** Packs charged: shipped, or ordered before confirmation. */
  quantity: number;
  estimatedFen: number;
  chargedFen: number;
  /** False while a variable-weight line with packs to ship is not weighed (chargedFen is then the estimate). */
  final: boolean;
  basis: "quantity" | "weight" | "nominal_weight";
  /** Packs shipped × nominal net weight. */
  nominalGrams: number;
  actualGrams: number | null;
}

/** round_half_up(unitPriceFen × actualGrams ÷ netWeightGrams). */
export function chargeByWeightFen(unitPriceFen: number, actualGrams: number, netWeightGrams: number): number {
  return mulDivHalfUp(unitPriceFen, actualGrams, netWeightGrams);
}

/** The accepted range of a recorded weight for `shippedQuantity` packs (inclusive). */
export function weightRange(shippedQuantity: number, netWeightGrams: number): { minGrams: number; maxGrams: number } {
  const nominal = mulExact(shippedQuantity, netWeightGrams);
  return {
    minGrams: Math.ceil((nominal * (100 - WEIGHT_TOLERANCE_PERCENT)) / 100),
    maxGrams: Math.floor((nominal * (100 + WEIGHT_TOLERANCE_PERCENT)) / 100),
  };
}

export type WeightIssue = "not_integer" | "not_positive" | "out_of_range";

/** Why a recorded weight is refused, or null when it is accepted. */
export function checkActualGrams(actualGrams: number, shippedQuantity: number, netWeightGrams: number): WeightIssue | null {
  if (!Number.isSafeInteger(actualGrams)) return "not_integer";
  if (actualGrams <= 0) return "not_positive";
  const { minGrams, maxGrams } = weightRange(shippedQuantity, netWeightGrams);
  return actualGrams < minGrams || actualGrams > maxGrams ? "out_of_range" : null;
}

/** The charge of one line. Throws a RangeError for data no workflow may store (shipped > ordered, a refused weight). */
export function chargeLine(line: ChargeableLine): LineCharge {
  const { unitPriceFen, orderedQuantity, variableWeight, netWeightGrams } = line;
  if (!isWholeAmount(unitPriceFen) || !isWholeAmount(orderedQuantity) || !isWholeAmount(netWeightGrams) || netWeightGrams === 0)
    throw new RangeError("line price, quantity and net weight must be whole numbers");
  const quantity = line.shippedQuantity ?? orderedQuantity;
  if (!isWholeAmount(quantity) || quantity > orderedQuantity) throw new RangeError(`shipped ${quantity} of ${orderedQuantity} packs`);
  const estimatedFen = mulExact(unitPriceFen, orderedQuantity);
  const atNominal = mulExact(unitPriceFen, quantity);
  const nominalGrams = mulExact(quantity, netWeightGrams);
  const actual = line.actualGrams ?? null;
  if (!variableWeight || quantity === 0)
    return { quantity, estimatedFen, chargedFen: atNominal, final: true, basis: "quantity", nominalGrams, actualGrams: null };
  if (actual === null) return { quantity, estimatedFen, chargedFen: atNominal, final: false, basis: "nominal_weight", nominalGrams, actualGrams: null };
  const issue = checkActualGrams(actual, quantity, netWeightGrams);
  if (issue) throw new RangeError(`recorded weight ${actual} g refused: ${issue}`);
  return { quantity, estimatedFen, chargedFen: chargeByWeightFen(unitPriceFen, actual, netWeightGrams), final: true, basis: "weight", nominalGrams, actualGrams: actual };
}

export interface ChargeTotals {
  estimatedFen: number;
  chargedFen: number;
  /** Every line is final: the total will not change any more. */
  final: boolean;
}

/** The totals of charged lines. */
export function totalCharges(charges: readonly LineCharge[]): ChargeTotals {
  return {
    estimatedFen: sumExact(charges.map((c) => c.estimatedFen)),
    chargedFen: sumExact(charges.map((c) => c.chargedFen)),
    final: charges.every((c) => c.final),
  };
}

/** One seller order for the order total. */
export interface ChargeableSellerOrder {
  cancelled: boolean;
  lines: readonly ChargeableLine[];
}

/**
 * The buyer order's totals, recomputed from its seller orders' lines: a cancelled seller order counts
 * nothing; the delivery fee is added to both the estimate and the charge.
 */
export function orderCharges(sellerOrders: readonly ChargeableSellerOrder[], deliveryFeeFen = 0): ChargeTotals & { subtotalFen: number; deliveryFeeFen: number } {
  const totals = sellerOrders.filter((s) => !s.cancelled).map((s) => totalCharges(s.lines.map(chargeLine)));
  const subtotal = sumExact(totals.map((t) => t.chargedFen));
  return {
    estimatedFen: sumExact([...totals.map((t) => t.estimatedFen), deliveryFeeFen]),
    subtotalFen: subtotal,
    deliveryFeeFen,
    chargedFen: sumExact([subtotal, deliveryFeeFen]),
    final: totals.every((t) => t.final),
  };
}
