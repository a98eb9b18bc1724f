/**
 * What an order (or a buyer's edit of one) would be, computed from plain data before anything is written:
 * every line checked against its pack's minimum and multiple (./quantities), priced by the one pricing
 * module (tiers or the buyer's contracts at the moment of ordering), compared with the price the buyer saw,
 * grouped per seller with each seller's minimum order value (./cart-rules), and weighed per temperature
 * class for the slot's capacity. The workflows (app/workflows) load the data, call planOrder, and store the
 * plan under row locks; the cart page calls it too, so what it shows is what an order would charge.
 *
 * Refusals come one kind at a time, in the order a buyer fixes them: an empty request, packs that cannot
 * be sold, quantities, prices that moved, then minimum order values. Each names every line or seller at fault.
 */
import type { Tier } from "~/modules/catalog/tiers";
import { detectPriceChanges, priceLine, type ContractPrice, type LinePrice } from "~/modules/pricing";
import { mulExact } from "~/modules/pricing/rounding";
import { summariseCart, type SellerTerms, type TempClass, type WeightByTemp } from "./cart-rules";
import { checkQuantity, maxOrderableQuantity, type NearestQuantities, type QuantityIssueCode } from "./quantities";

/** A pack as ordering sees it (loaded with an explicit select by orders/packs.server). */
export interface PackSnapshot {
  variantId: string;
  sku: string;
  productId: string;
  sellerId: string;
  productNameZh: string;
  productNameEn: string;
  netWeightGrams: number;
  variableWeight: boolean;
  tempClass: TempClass;
  minOrderQuantity: number;
  orderMultiple: number;
  tiers: readonly Tier[];
  /** Active pack of an active product of a verified, unsuspended seller. */
  orderable: boolean;
}

/** A line as requested: from the cart, an API body or the edit form. */
export interface RequestedLine {
  variantId: string;
  quantity: number;
  /** The unit price the buyer saw (the cart's remembered price, an edit form's price); null: not compared. */
  expectedUnitPriceFen?: number | null;
  /**
   * Keep this price instead of pricing the line again (an order line the buyer did not change in an edit
   * stays at the price it was charged).
   */
  keepPrice?: { unitPriceFen: number; source: LinePrice["source"] } | null;
}

/** A line of the plan. */
export interface PlannedLine {
  pack: PackSnapshot;
  quantity: number;
  unitPriceFen: number;
  source: LinePrice["source"];
  /** unitPriceFen × quantity: the estimate for a variable-weight pack. */
  lineTotalFen: number;
  /** quantity × the pack's nominal net weight. */
  weightGrams: number;
}

export interface PlannedSellerOrder {
  sellerId: string;
  lines: PlannedLine[];
  subtotalFen: number;
  weightGrams: WeightByTemp;
}

export interface OrderPlan {
  sellers: PlannedSellerOrder[];
  subtotalFen: number;
  deliveryFeeFen: number;
  totalFen: number;
  /** What the slot's capacity is checked against. */
  weightGrams: WeightByTemp;
}

export interface QuantityProblem {
  variantId: string;
  quantity: number;
  issue: QuantityIssueCode;
  nearest: NearestQuantities;
  min: number;
  multiple: number;
  max: number;
}

export interface PriceProblem {
  variantId: string;
  oldUnitPriceFen: number;
  newUnitPriceFen: number;
  differenceFen: number;
}

export interface MinimumProblem {
  sellerId: string;
  subtotalFen: number;
  minOrderValueFen: number;
  shortfallFen: number;
}

export type PlanRefusal =
  | { code: "empty_cart" }
  /** Unknown, archived, paused or unpriced packs, or packs of a seller who cannot trade. */
  | { code: "pack_unavailable"; variantIds: string[] }
  | { code: "invalid_quantity"; lines: QuantityProblem[] }
  /** The current price differs from the one the buyer saw: show it, and place again once confirmed. */
  | { code: "price_changed"; lines: PriceProblem[] }
  | { code: "below_minimum_order"; sellers: MinimumProblem[] };

export type PlanResult = { ok: true; plan: OrderPlan } | ({ ok: false } & PlanRefusal);

export interface PlanInput {
  lines: readonly RequestedLine[];
  packs: ReadonlyMap<string, PackSnapshot>;
  /** The buyer organization's contract prices per variant id. */
  contracts?: ReadonlyMap<string, readonly ContractPrice[]>;
  /** Seller id → minimum order value. */
  sellerTerms?: Readonly<Record<string, SellerTerms>>;
  /** The moment priced (the placing instant). */
  at: Date;
  deliveryFeeFen?: number;
}

/**
 * One line per pack: quantities of a pack named twice are added up (an API body may repeat a SKU); the
 * first expected price and kept price of a pack count. Lines keep their first position.
 */
export function mergeLines(lines: readonly RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, RequestedLine>();
  for (const line of lines) {
    const id = line.variantId.toLowerCase();
    const seen = merged.get(id);
    if (seen) merged.set(id, { ...seen, quantity: seen.quantity + line.quantity });
    else merged.set(id, { ...line, variantId: id });
  }
  return [...merged.values()];
}

/** Plans an order of `lines` for one buyer at one moment. */
export function planOrder(input: PlanInput): PlanResult {
  const lines = mergeLines(input.lines);
  if (lines.length === 0) return { ok: false, code: "empty_cart" };

  const unavailable = lines.filter((l) => !input.packs.get(l.variantId)?.orderable).map((l) => l.variantId);
  if (unavailable.length > 0) return { ok: false, code: "pack_unavailable", variantIds: unavailable };

  const quantityProblems: QuantityProblem[] = [];
  for (const line of lines) {
    const pack = input.packs.get(line.variantId)!;
    const check = checkQuantity(line.quantity, pack);
    if (!check.ok) quantityProblems.push({ variantId: line.variantId, quantity: line.quantity, issue: check.code, nearest: check.nearest, min: check.min, multiple: check.multiple, max: check.max });
  }
  if (quantityProblems.length > 0) return { ok: false, code: "invalid_quantity", lines: quantityProblems };

  const priced: PlannedLine[] = [];
  const unpriced: string[] = [];
  const belowTier: QuantityProblem[] = [];
  for (const line of lines) {
    const pack = input.packs.get(line.variantId)!;
    const price = priceRequested(line, pack, input.contracts?.get(line.variantId) ?? [], input.at);
    if (price.ok) {
      priced.push({ pack, quantity: line.quantity, unitPriceFen: price.unitPriceFen, source: price.source, lineTotalFen: mulExact(price.unitPriceFen, line.quantity), weightGrams: mulExact(line.quantity, pack.netWeightGrams) });
    } else if (price.code === "below_first_tier") {
      // The listing's first tier sits above its minimum order quantity (an old import): the tier is the real minimum.
      belowTier.push({ variantId: line.variantId, quantity: line.quantity, issue: "below_minimum", nearest: { down: null, up: price.firstTierQuantity }, min: price.firstTierQuantity, multiple: pack.orderMultiple, max: maxOrderableQuantity(pack) });
    } else unpriced.push(line.variantId);
  }
  if (unpriced.length > 0) return { ok: false, code: "pack_unavailable", variantIds: unpriced };
  if (belowTier.length > 0) return { ok: false, code: "invalid_quantity", lines: belowTier };

  const changes = detectPriceChanges(
    lines
      .map((l, i) => ({ line: l, planned: priced[i]! }))
      .filter(({ line }) => typeof line.expectedUnitPriceFen === "number")
      .map(({ line, planned }) => ({ lineId: line.variantId, rememberedUnitPriceFen: line.expectedUnitPriceFen as number, currentUnitPriceFen: planned.unitPriceFen })),
  );
  if (changes.changed.length > 0)
    return { ok: false, code: "price_changed", lines: changes.changed.map((c) => ({ variantId: c.lineId, oldUnitPriceFen: c.oldUnitPriceFen, newUnitPriceFen: c.newUnitPriceFen, differenceFen: c.differenceFen })) };

  const summary = summariseCart(
    priced.map((p) => ({ id: p.pack.variantId, sellerId: p.pack.sellerId, quantity: p.quantity, lineTotalFen: p.lineTotalFen, netWeightGrams: p.pack.netWeightGrams, tempClass: p.pack.tempClass, planned: p })),
    input.sellerTerms ?? {},
    { deliveryFeeFen: input.deliveryFeeFen ?? 0 },
  );
  const short = summary.sellers.filter((g) => !g.meetsMinimum);
  if (short.length > 0)
    return { ok: false, code: "below_minimum_order", sellers: short.map((g) => ({ sellerId: g.sellerId, subtotalFen: g.subtotalFen, minOrderValueFen: g.minOrderValueFen, shortfallFen: g.shortfallFen })) };

  return {
    ok: true,
    plan: {
      sellers: summary.sellers.map((g) => ({ sellerId: g.sellerId, lines: g.lines.map((l) => l.planned), subtotalFen: g.subtotalFen, weightGrams: g.weightGrams })),
      subtotalFen: summary.subtotalFen,
      deliveryFeeFen: summary.deliveryFeeFen,
      totalFen: summary.totalFen,
      weightGrams: summary.weightGrams,
    },
  };
}

type RequestedPrice = { ok: true; unitPriceFen: number; source: LinePrice["source"] } | { ok: false; code: "no_price" } | { ok: false; code: "below_first_tier"; firstTierQuantity: number };

function priceRequested(line: RequestedLine, pack: PackSnapshot, contracts: readonly ContractPrice[], at: Date): RequestedPrice {
  if (line.keepPrice) return { ok: true, unitPriceFen: line.keepPrice.unitPriceFen, source: line.keepPrice.source };
  const r = priceLine({ pack: { tiers: pack.tiers, netWeightGrams: pack.netWeightGrams, variableWeight: pack.variableWeight, minOrderQuantity: pack.minOrderQuantity }, contracts, quantity: line.quantity, at });
  if (r.ok) return { ok: true, unitPriceFen: r.price.unitPriceFen, source: r.price.source };
  if (r.code === "below_first_tier") return { ok: false, code: "below_first_tier", firstTierQuantity: r.firstTier.minQuantity };
  return { ok: false, code: "no_price" };
}
