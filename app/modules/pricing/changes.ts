/**
 * Price changes since a cart line was priced: the cart remembers the unit price the buyer last saw, and
 * placing an order re-prices every line; any difference is shown and must be confirmed before it is charged.
 */

/** A cart line's remembered price beside its current one (null: the pack can no longer be priced). */
export interface RememberedPrice<K = string> {
  lineId: K;
  rememberedUnitPriceFen: number;
  currentUnitPriceFen: number | null;
}

/** A line whose price moved: positive differenceFen is a rise. */
export interface PriceChange<K = string> {
  lineId: K;
  oldUnitPriceFen: number;
  newUnitPriceFen: number;
  differenceFen: number;
}

export interface PriceChanges<K = string> {
  /** Lines priced differently now, in the order given. */
  changed: PriceChange<K>[];
  /** Lines that cannot be priced any more (no tiers, pack archived): they must leave the cart. */
  unpriced: K[];
}

/** Compares each line's remembered unit price with its current one. */
export function detectPriceChanges<K>(lines: readonly RememberedPrice<K>[]): PriceChanges<K> {
  const changed: PriceChange<K>[] = [];
  const unpriced: K[] = [];
  for (const line of lines) {
    if (line.currentUnitPriceFen === null) unpriced.push(line.lineId);
    else if (line.currentUnitPriceFen !== line.rememberedUnitPriceFen)
      changed.push({
        lineId: line.lineId,
        oldUnitPriceFen: line.rememberedUnitPriceFen,
        newUnitPriceFen: line.currentUnitPriceFen,
        differenceFen: line.currentUnitPriceFen - line.rememberedUnitPriceFen,
      });
  }
  return { changed, unpriced };
}

/** True when nothing changed: the order may be placed at the prices the buyer saw. */
export function pricesUnchanged<K>(changes: PriceChanges<K>): boolean {
  return changes.changed.length === 0 && changes.unpriced.length === 0;
}
