/**
 * Integer money arithmetic. Every amount is a whole number of fen; a result that is not a whole number
 * (a price per kilogram, a charge by weight) is rounded half up exactly once, from the exact fraction,
 * never through floating point. All amounts here are non-negative, so half up is also half away from zero.
 */

/** True for a whole, non-negative, safely representable number of fen (or grams, or packs). */
export function isWholeAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * round(a × b ÷ divisor), half up, computed exactly with BigInt (a × b can pass 2^53: ¥1,000,000 × 100 t).
 * Throws a RangeError for a negative or fractional operand, a divisor ≤ 0 or a result beyond a safe integer.
 */
export function mulDivHalfUp(a: number, b: number, divisor: number): number {
  if (!isWholeAmount(a) || !isWholeAmount(b)) throw new RangeError(`operands must be whole non-negative numbers, got ${a} and ${b}`);
  if (!Number.isSafeInteger(divisor) || divisor <= 0) throw new RangeError(`divisor must be a positive whole number, got ${divisor}`);
  const d = BigInt(divisor);
  // floor((2·a·b + d) / 2d) is a·b/d rounded half up.
  const result = (2n * BigInt(a) * BigInt(b) + d) / (2n * d);
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("amount beyond a safe integer");
  return Number(result);
}

/** a × b as a whole amount; throws a RangeError when an operand is not whole or the product is not safe. */
export function mulExact(a: number, b: number): number {
  if (!isWholeAmount(a) || !isWholeAmount(b)) throw new RangeError(`operands must be whole non-negative numbers, got ${a} and ${b}`);
  const product = a * b;
  if (!Number.isSafeInteger(product)) throw new RangeError("amount beyond a safe integer");
  return product;
}

/** The sum of whole amounts; throws a RangeError for a fractional or negative term or an unsafe total. */
export function sumExact(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    if (!isWholeAmount(v)) throw new RangeError(`amounts must be whole non-negative numbers, got ${v}`);
    total += v;
    if (!Number.isSafeInteger(total)) throw new RangeError("amount beyond a safe integer");
  }
  return total;
}
