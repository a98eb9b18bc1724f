/**
 * The one place a price comes from: what a buyer pays per pack for a quantity at a moment, with the line
 * total, the price per kilogram and the next tier ("再买 n 箱 享 ¥x/箱"). Every displayed and every charged
 * price is computed here, on plain data (the database side loads the tiers and the buyer's contracts).
 *
 * Rules:
 * - A contract price valid on the Beijing-time day of the moment overrides the tiers at every quantity
 *   (see ./contracts for which contract wins); otherwise the highest tier at or below the quantity applies.
 * - The line total is unit price × quantity, exact. For a variable-weight pack it is an estimate at the
 *   nominal net weight; the charge on the weighed grams is ../orders/charges.
 * - The price per kilogram is rounded half up to a fen, on the nominal net weight (catalog/packs pricePerKgFen).
 */
import { pricePerKgFen } from "~/modules/catalog/packs";
import { MAX_QUANTITY, tierFor, type Tier } from "~/modules/catalog/tiers";
import { selectContract, type ContractPrice } from "./contracts";
import { mulExact } from "./rounding";

/** What pricing needs to know about a pack. */
export interface PricedPack {
  /** Public tiers, in any order. */
  tiers: readonly Tier[];
  netWeightGrams: number;
  variableWeight: boolean;
  /** The pack's minimum order quantity (shown as the contract row's "from"); defaults to the first tier's quantity. */
  minOrderQuantity?: number;
}

/** The tier a buyer reaches by adding packs: "再买 {extraPacks} 箱 享 ¥{unitPriceFen}/箱". */
export interface NextTier {
  minQuantity: number;
  unitPriceFen: number;
  extraPacks: number;
  perKgFen: number | null;
}

/** The price of one line. */
export interface LinePrice {
  unitPriceFen: number;
  source: "tier" | "contract";
  /** The applied tier's quantity (source "tier"). */
  tierMinQuantity?: number;
  /** The applied contract's id when it has one (source "contract"). */
  contractId?: string;
  quantity: number;
  /** unitPriceFen × quantity; for a variable-weight pack the estimate at nominal weight. */
  lineTotalFen: number;
  /** True for a variable-weight pack: the charge follows the weighed grams. */
  estimated: boolean;
  perKgFen: number | null;
  /** The next cheaper tier above the quantity; never with a contract price, which overrides the tiers. */
  nextTier?: NextTier;
}

export type PriceRefusal =
  /** The quantity is not a whole number from 1 to MAX_QUANTITY. */
  | { ok: false; code: "invalid_quantity" }
  /** The pack has neither tiers nor a valid contract price: it cannot be sold. */
  | { ok: false; code: "no_price" }
  /** Below the first tier and no contract: the first tier says how many packs are needed. */
  | { ok: false; code: "below_first_tier"; firstTier: Tier };

export type PriceResult = { ok: true; price: LinePrice } | PriceRefusal;

export interface PriceLineInput {
  pack: PricedPack;
  /** The buyer organization's contract prices for this pack (none for a visitor or another buyer). */
  contracts?: readonly ContractPrice[];
  quantity: number;
  /** The moment priced: now for the cart, the placing instant for an order. */
  at: Date;
}

/** Prices `quantity` packs for one buyer at one moment. */
export function priceLine({ pack, contracts = [], quantity, at }: PriceLineInput): PriceResult {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return { ok: false, code: "invalid_quantity" };
  const estimated = pack.variableWeight;
  const contract = selectContract(contracts, at);
  if (contract) {
    const price: LinePrice = {
      unitPriceFen: contract.unitPriceFen,
      source: "contract",
      quantity,
      lineTotalFen: mulExact(contract.unitPriceFen, quantity),
      estimated,
      perKgFen: pricePerKgFen(contract.unitPriceFen, pack.netWeightGrams),
    };
    if (contract.id !== undefined) price.contractId = contract.id;
    return { ok: true, price };
  }
  const tiers = usableTiers(pack.tiers);
  if (tiers.length === 0) return { ok: false, code: "no_price" };
  const tier = tierFor(tiers, quantity);
  if (!tier) return { ok: false, code: "below_first_tier", firstTier: { minQuantity: tiers[0]!.minQuantity, unitPriceFen: tiers[0]!.unitPriceFen } };
  const price: LinePrice = {
    unitPriceFen: tier.unitPriceFen,
    source: "tier",
    tierMinQuantity: tier.minQuantity,
    quantity,
    lineTotalFen: mulExact(tier.unitPriceFen, quantity),
    estimated,
    perKgFen: pricePerKgFen(tier.unitPriceFen, pack.netWeightGrams),
  };
  const next = nextTierAbove(tiers, quantity, tier.unitPriceFen, pack.netWeightGrams);
  if (next) price.nextTier = next;
  return { ok: true, price };
}

/** The unit price alone, or null when priceLine refuses. */
export function unitPriceFor(input: PriceLineInput): number | null {
  const r = priceLine(input);
  return r.ok ? r.price.unitPriceFen : null;
}

/** One row of the price table a buyer sees for a pack. */
export interface ScheduleRow {
  minQuantity: number;
  unitPriceFen: number;
  perKgFen: number | null;
}

/** The price table a buyer sees at a moment: the contract price alone when one applies, else the tiers ascending. */
export function priceSchedule(pack: PricedPack, contracts: readonly ContractPrice[], at: Date): { source: "tier" | "contract"; rows: ScheduleRow[] } {
  const tiers = usableTiers(pack.tiers);
  const contract = selectContract(contracts, at);
  if (contract) {
    const minQuantity = pack.minOrderQuantity ?? tiers[0]?.minQuantity ?? 1;
    return { source: "contract", rows: [{ minQuantity, unitPriceFen: contract.unitPriceFen, perKgFen: pricePerKgFen(contract.unitPriceFen, pack.netWeightGrams) }] };
  }
  return {
    source: "tier",
    rows: tiers.map((t) => ({ minQuantity: t.minQuantity, unitPriceFen: t.unitPriceFen, perKgFen: pricePerKgFen(t.unitPriceFen, pack.netWeightGrams) })),
  };
}

/** Well-formed tiers sorted by quantity; a malformed row (a bad import) never prices anything. */
function usableTiers(tiers: readonly Tier[]): Tier[] {
  return tiers
    .filter((t) => Number.isSafeInteger(t.minQuantity) && t.minQuantity >= 1 && Number.isSafeInteger(t.unitPriceFen) && t.unitPriceFen >= 1)
    .sort((a, b) => a.minQuantity - b.minQuantity);
}

/** The first tier above the quantity that is cheaper than the current price (tiers are validated to fall, but stay safe). */
function nextTierAbove(sorted: readonly Tier[], quantity: number, currentFen: number, netWeightGrams: number): NextTier | null {
  const next = sorted.find((t) => t.minQuantity > quantity && t.unitPriceFen < currentFen);
  if (!next) return null;
  return { minQuantity: next.minQuantity, unitPriceFen: next.unitPriceFen, extraPacks: next.minQuantity - quantity, perKgFen: pricePerKgFen(next.unitPriceFen, netWeightGrams) };
}
