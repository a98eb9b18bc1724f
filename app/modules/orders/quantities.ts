/**
 * Order quantities: a line is a whole number of packs, at least the pack's minimum, then in steps of its
 * multiple (catalog/tiers isOrderableQuantity), and at most MAX_QUANTITY. A refused quantity comes with
 * the nearest quantities that would be accepted, for messages like "最少 10 箱，按 5 箱递增：可选 15 或 20".
 */
import { normaliseInput } from "~/modules/catalog/packs";
import { isOrderableQuantity, MAX_QUANTITY, type OrderRules } from "~/modules/catalog/tiers";

export type { OrderRules };
export { MAX_QUANTITY };

export type QuantityIssueCode = "not_integer" | "not_positive" | "too_large" | "below_minimum" | "not_multiple";

/** The nearest accepted quantities at or below and at or above a refused one (null: none on that side). */
export interface NearestQuantities {
  down: number | null;
  up: number | null;
}

export type QuantityCheck =
  | { ok: true; quantity: number }
  | { ok: false; code: QuantityIssueCode; nearest: NearestQuantities; min: number; multiple: number; max: number };

/** The highest orderable quantity under MAX_QUANTITY for these rules. */
export function maxOrderableQuantity(rules: OrderRules): number {
  assertRules(rules);
  return rules.minOrderQuantity + Math.floor((MAX_QUANTITY - rules.minOrderQuantity) / rules.orderMultiple) * rules.orderMultiple;
}

/**
 * The accepted quantities nearest to `quantity`: the largest at or below it and the smallest at or above it
 * (both the quantity itself when it is accepted). Fractions look both ways (2.5 → 2 and 3 when the step is 1).
 */
export function nearestValidQuantities(quantity: number, rules: OrderRules): NearestQuantities {
  const max = maxOrderableQuantity(rules);
  const { minOrderQuantity: min, orderMultiple: step } = rules;
  if (Number.isNaN(quantity)) return { down: null, up: min };
  if (quantity <= min) return { down: quantity === min ? min : null, up: min };
  if (quantity >= max) return { down: max, up: quantity === max ? max : null };
  const below = min + Math.floor((quantity - min) / step) * step;
  const above = min + Math.ceil((quantity - min) / step) * step;
  return { down: below, up: above };
}

/** Checks a quantity of packs (a number, or text typed by a person: "24", "２４"). */
export function checkQuantity(value: number | string, rules: OrderRules): QuantityCheck {
  const quantity = typeof value === "string" ? readQuantityText(value) : value;
  const code = quantityIssue(quantity, rules);
  if (code === null) return { ok: true, quantity };
  return {
    ok: false,
    code,
    nearest: nearestValidQuantities(quantity, rules),
    min: rules.minOrderQuantity,
    multiple: rules.orderMultiple,
    max: maxOrderableQuantity(rules),
  };
}

/** The first rule the quantity breaks, or null when it is accepted. */
export function quantityIssue(quantity: number, rules: OrderRules): QuantityIssueCode | null {
  assertRules(rules);
  if (quantity === Infinity) return "too_large";
  if (quantity === -Infinity) return "not_positive";
  if (!Number.isInteger(quantity)) return "not_integer";
  if (quantity <= 0) return "not_positive";
  if (quantity > MAX_QUANTITY) return "too_large";
  if (quantity < rules.minOrderQuantity) return "below_minimum";
  if (!isOrderableQuantity(quantity, rules)) return quantity > maxOrderableQuantity(rules) ? "too_large" : "not_multiple";
  return null;
}

/** The next accepted quantity above (+1) or below (−1) the given one, for − and + buttons; null past either end. */
export function stepQuantity(quantity: number, rules: OrderRules, direction: 1 | -1): number | null {
  const max = maxOrderableQuantity(rules);
  const { minOrderQuantity: min, orderMultiple: step } = rules;
  if (Number.isNaN(quantity)) return direction > 0 ? min : null;
  if (direction > 0) {
    if (quantity < min) return min;
    const next = min + (Math.floor((quantity - min) / step) + 1) * step;
    return next <= max ? next : null;
  }
  if (quantity <= min) return null;
  if (quantity > max) return max;
  const prev = min + (Math.ceil((quantity - min) / step) - 1) * step;
  return prev >= min ? prev : null;
}

/**
 * Reads packs typed by a person: full-width digits and thousands separators allowed; a sign, decimals and
 * exponents are read as numbers so they get their own issue ("-3" → not_positive, "1.5" → not_integer).
 * Anything else is NaN (not_integer).
 */
export function readQuantityText(text: string): number {
  const t = normaliseInput(text)
    .replace(/^−/, "-")
    .replace(/^([-+]?)(\d{1,3}(?:,\d{3})+)(?=\.|$)/, (_m, sign: string, digits: string) => sign + digits.replace(/,/g, ""));
  if (!/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return NaN;
  return Number(t);
}

function assertRules(rules: OrderRules): void {
  const { minOrderQuantity: min, orderMultiple: step } = rules;
  if (!Number.isInteger(min) || min < 1 || min > MAX_QUANTITY || !Number.isInteger(step) || step < 1 || step > MAX_QUANTITY)
    throw new RangeError(`invalid order rules: minimum ${min}, multiple ${step}`);
}
