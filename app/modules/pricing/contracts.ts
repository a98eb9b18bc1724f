/**
 * Contract prices: a price per pack agreed with one buyer organization, valid on a range of calendar days
 * in Asia/Shanghai (both ends inclusive; no end = open-ended). A valid contract overrides the pack's public
 * tiers for that buyer at every quantity.
 */
import { MAX_PRICE_FEN } from "~/modules/catalog/tiers";
import { dayOf, isDay, type Day } from "~/modules/lots/rules";

export type { Day };

/** One contract price of one pack for one buyer organization. */
export interface ContractPrice {
  /** The row's id: the last tie-break, so the choice never depends on the order rows come back in. */
  id?: string;
  unitPriceFen: number;
  /** First Beijing-time day the price applies, "YYYY-MM-DD". */
  validFrom: Day;
  /** Last Beijing-time day the price applies (inclusive); null: until further notice. */
  validTo: Day | null;
}

/** True when the contract applies on the Beijing-time calendar day. Days compare as text (YYYY-MM-DD). */
export function isContractValidOn(contract: ContractPrice, day: Day): boolean {
  return contract.validFrom <= day && (contract.validTo === null || day <= contract.validTo);
}

/** True when the contract applies at the instant (its Beijing-time day). */
export function isContractValidAt(contract: ContractPrice, at: Date): boolean {
  return isContractValidOn(contract, dayOf(at));
}

/**
 * The contract that prices the pack at the instant, or null. Several may overlap: the one that started
 * latest wins (a renegotiated price replaces the old one without editing it), then the lowest price,
 * then the smallest id.
 */
export function selectContract<C extends ContractPrice>(contracts: readonly C[], at: Date): C | null {
  const day = dayOf(at);
  let best: C | null = null;
  for (const c of contracts) {
    if (!isContractUsable(c) || !isContractValidOn(c, day)) continue;
    if (!best || compareContracts(c, best) < 0) best = c;
  }
  return best;
}

function isContractUsable(c: ContractPrice): boolean {
  return Number.isSafeInteger(c.unitPriceFen) && c.unitPriceFen > 0 && isDay(c.validFrom) && (c.validTo === null || isDay(c.validTo));
}

/** Negative when a should win over b. */
function compareContracts(a: ContractPrice, b: ContractPrice): number {
  if (a.validFrom !== b.validFrom) return a.validFrom > b.validFrom ? -1 : 1;
  if (a.unitPriceFen !== b.unitPriceFen) return a.unitPriceFen - b.unitPriceFen;
  const ia = a.id ?? "";
  const ib = b.id ?? "";
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Why a contract price typed by a seller or an operator is refused. */
export type ContractIssue =
  | { field: "unitPriceFen"; code: "price_invalid" }
  | { field: "validFrom"; code: "day_invalid" }
  | { field: "validTo"; code: "day_invalid" | "ends_before_start" };

/** Checks a contract price before it is saved: a price of 1 fen to MAX_PRICE_FEN, real days, the end not before the start. */
export function validateContract(input: { unitPriceFen: number; validFrom: string; validTo: string | null }): ContractIssue[] {
  const issues: ContractIssue[] = [];
  if (!Number.isInteger(input.unitPriceFen) || input.unitPriceFen < 1 || input.unitPriceFen > MAX_PRICE_FEN)
    issues.push({ field: "unitPriceFen", code: "price_invalid" });
  const fromOk = isDay(input.validFrom);
  if (!fromOk) issues.push({ field: "validFrom", code: "day_invalid" });
  if (input.validTo !== null) {
    if (!isDay(input.validTo)) issues.push({ field: "validTo", code: "day_invalid" });
    else if (fromOk && input.validTo < input.validFrom) issues.push({ field: "validTo", code: "ends_before_start" });
  }
  return issues;
}
