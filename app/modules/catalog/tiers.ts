/**
 * Bulk price tiers and order rules of a pack. Money is integer fen; yuan typed on screen is parsed
 * exactly (no floating point). Pure: shared by the listing editor, the import and the catalogue.
 */
import type { MessageKey } from "~/utils/i18n/messages";
import { normaliseInput, parseDecimal } from "./packs";

/** At most this many tiers per pack. */
export const MAX_TIERS = 4;
/** ¥1,000,000 per pack is the highest price the form accepts. */
export const MAX_PRICE_FEN = 100_000_000;
/** Highest minimum order quantity, order multiple and tier quantity. */
export const MAX_QUANTITY = 100_000;

export type YuanResult = { ok: true; fen: number } | { ok: false; key: MessageKey };

/**
 * Reads a price typed in yuan: "12.5", "12.50", "¥12.50", "￥12.5 元", "１２.５" → 1250 fen.
 * Refuses empty, negative, zero, more than two decimals that are not zeros (fractions of a fen),
 * more than three decimals, more than ¥1,000,000 and anything else.
 */
export function parseYuan(text: string): YuanResult {
  let t = normaliseInput(text).replace(/^(?:¥|￥|rmb|cny)\s*/i, "").replace(/\s*(?:元|yuan|rmb|cny)$/i, "");
  if (t === "") return { ok: false, key: "listing.error.price_required" };
  if (/^[-−]/.test(t)) return { ok: false, key: "listing.error.price_positive" };
  t = t.replace(/^\+/, "");
  const dec = parseDecimal(t);
  if (!dec) return { ok: false, key: "listing.error.price_invalid" };
  if (dec.scale > 3) return { ok: false, key: "listing.error.price_decimals" };
  // fen = digits × 100 / 10^scale, exactly.
  const scaled = dec.digits * 100n;
  const divisor = 10n ** BigInt(dec.scale);
  if (scaled % divisor !== 0n) return { ok: false, key: "listing.error.price_decimals" };
  const fen = scaled / divisor;
  if (fen <= 0n) return { ok: false, key: "listing.error.price_positive" };
  if (fen > BigInt(MAX_PRICE_FEN)) return { ok: false, key: "listing.error.price_too_large" };
  return { ok: true, fen: Number(fen) };
}

/** parseYuan's fen, or null for anything it refuses. */
export function parseYuanToFen(text: string): number | null {
  const r = parseYuan(text);
  return r.ok ? r.fen : null;
}

/** Fen as it goes back into a price input: 1250 → "12.50", 1200 → "12". */
export function fenForInput(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, "0")}`;
}

/** A whole number of packs typed by a person ("24", "２４"), within 1…MAX_QUANTITY, or null. */
export function parseQuantity(text: string): number | null {
  const t = normaliseInput(text).replace(/^(\d{1,3}(?:,\d{3})+)$/, (m) => m.replace(/,/g, ""));
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= MAX_QUANTITY ? n : null;
}

export interface Tier {
  minQuantity: number;
  unitPriceFen: number;
}

export interface TierIssue {
  /** Position of the tier in the list as given (0-based). */
  index: number;
  field: "minQuantity" | "unitPriceFen";
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface OrderRuleIssue {
  field: "minOrderQuantity" | "orderMultiple" | "tiers";
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface OrderRules {
  minOrderQuantity: number;
  orderMultiple: number;
}

const isWholeIn = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;

/**
 * Checks tiers in the order given: every quantity and price well-formed, the first tier starting at the
 * pack's minimum order quantity (1 when none is given), quantities strictly increasing, unit prices
 * strictly decreasing, at most MAX_TIERS. Each problem names the tier and the field it belongs to.
 */
export function validateTiers(tiers: readonly Tier[], options: { minOrderQuantity?: number } = {}): TierIssue[] {
  const issues: TierIssue[] = [];
  const start = options.minOrderQuantity && isWholeIn(options.minOrderQuantity, 1, MAX_QUANTITY) ? options.minOrderQuantity : 1;
  tiers.forEach((tier, index) => {
    if (index >= MAX_TIERS) {
      issues.push({ index, field: "minQuantity", key: "listing.error.tier_too_many", params: { max: MAX_TIERS } });
      return;
    }
    const quantityOk = isWholeIn(tier.minQuantity, 1, MAX_QUANTITY);
    const priceOk = isWholeIn(tier.unitPriceFen, 1, MAX_PRICE_FEN);
    if (!quantityOk) issues.push({ index, field: "minQuantity", key: "listing.error.tier_quantity_invalid" });
    if (!priceOk) issues.push({ index, field: "unitPriceFen", key: "listing.error.tier_price_invalid" });
    if (index === 0) {
      if (quantityOk && tier.minQuantity !== start) issues.push({ index, field: "minQuantity", key: "listing.error.tier_first_quantity", params: { min: start } });
      return;
    }
    const prev = tiers[index - 1]!;
    if (quantityOk && isWholeIn(prev.minQuantity, 1, MAX_QUANTITY) && tier.minQuantity <= prev.minQuantity)
      issues.push({ index, field: "minQuantity", key: "listing.error.tier_quantity_order", params: { previous: prev.minQuantity } });
    if (priceOk && isWholeIn(prev.unitPriceFen, 1, MAX_PRICE_FEN) && tier.unitPriceFen >= prev.unitPriceFen)
      issues.push({ index, field: "unitPriceFen", key: "listing.error.tier_price_order" });
  });
  return issues;
}

/** True when an order line of this many packs is allowed: at least the minimum, then in steps of the multiple. */
export function isOrderableQuantity(quantity: number, rules: OrderRules): boolean {
  return Number.isInteger(quantity) && quantity >= rules.minOrderQuantity && (quantity - rules.minOrderQuantity) % rules.orderMultiple === 0;
}

/**
 * Checks a pack's minimum order quantity and order multiple, then its tiers against them: the first tier
 * starts at the minimum, and every tier quantity is one a buyer can order (minimum + k × multiple).
 * Without tiers only the two rules are checked (a draft may lack prices).
 */
export function validateOrderRules(input: OrderRules & { tiers: readonly Tier[] }): (OrderRuleIssue | TierIssue)[] {
  const issues: (OrderRuleIssue | TierIssue)[] = [];
  const minOk = isWholeIn(input.minOrderQuantity, 1, MAX_QUANTITY);
  const multipleOk = isWholeIn(input.orderMultiple, 1, MAX_QUANTITY);
  if (!minOk) issues.push({ field: "minOrderQuantity", key: "listing.error.min_order_invalid" });
  if (!multipleOk) issues.push({ field: "orderMultiple", key: "listing.error.order_multiple_invalid" });
  const tierIssues = validateTiers(input.tiers, minOk ? { minOrderQuantity: input.minOrderQuantity } : {});
  issues.push(...tierIssues);
  if (minOk && multipleOk) {
    input.tiers.forEach((tier, index) => {
      if (index === 0 || index >= MAX_TIERS) return;
      if (tierIssues.some((i) => i.index === index && i.field === "minQuantity")) return;
      if (!isOrderableQuantity(tier.minQuantity, input))
        issues.push({ index, field: "minQuantity", key: "listing.error.tier_quantity_step", params: { min: input.minOrderQuantity, multiple: input.orderMultiple } });
    });
  }
  return issues;
}

/** The tier that prices an order of this many packs (the highest tier at or below it), or null below the first. */
export function tierFor<T extends Tier>(tiers: readonly T[], quantity: number): T | null {
  let best: T | null = null;
  for (const tier of tiers) if (tier.minQuantity <= quantity && (!best || tier.minQuantity > best.minQuantity)) best = tier;
  return best;
}
