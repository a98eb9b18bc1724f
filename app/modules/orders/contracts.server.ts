/**
 * Contract prices as sellers and operators maintain them: a price per pack for one buying organization, valid on
 * Beijing days validFrom…validTo (inclusive; no end = open-ended). A seller manages its own (the pack decides which
 * of its organizations), an operator any seller's. Which contract prices an order is pure (~/modules/pricing
 * selectContract); contractPricesFor hands it the rows.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OrgKind, PackUnit } from "~/generated/prisma/enums";
import { PACK_LABEL_SELECT } from "~/modules/catalog/packs";
import type { Day } from "~/modules/lots/rules";
import type { ContractPrice } from "~/modules/pricing";
import type { MessageKey } from "~/utils/i18n/messages";
import { parseForm } from "~/utils/forms";
import { contractIdSchema, contractSchema, endContractSchema, type ContractFormData } from "./delivery-setup-schemas";

type Db = PrismaClient | Prisma.TransactionClient;

/** Whose contract prices a user manages: its own selling organizations', or any seller's (operators). */
export type ContractScope = { kind: "own"; sellerIds: string[] } | { kind: "any" };

/** Organization kinds that buy (a contract's buyer) and that sell (its seller). */
export const BUYER_KINDS: readonly OrgKind[] = ["wholesale_market", "canteen", "community_group"];
export const SELLER_KINDS: readonly OrgKind[] = ["cooperative", "snack_supplier"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `date` column as its calendar day (Prisma returns UTC midnight). */
function dayOfDateColumn(d: Date): Day {
  return d.toISOString().slice(0, 10);
}

/** A calendar day as a `date` column value. */
function dateColumn(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

export type ContractState = "current" | "future" | "expired";

/** Where a contract stands on a Beijing day: not started, applying, or over. */
export function contractState(c: { validFrom: Day; validTo: Day | null }, today: Day): ContractState {
  if (c.validFrom > today) return "future";
  if (c.validTo !== null && c.validTo < today) return "expired";
  return "current";
}

function canTouch(scope: ContractScope, sellerId: string): boolean {
  return scope.kind === "any" || scope.sellerIds.includes(sellerId);
}

const contractSelect = {
  id: true,
  sellerId: true,
  unitPriceFen: true,
  validFrom: true,
  validTo: true,
  note: true,
  createdAt: true,
  buyer: { select: { id: true, name: true, nameEn: true } },
  variant: { select: { id: true, sku: true, ...PACK_LABEL_SELECT, product: { select: { id: true, nameZh: true, nameEn: true } } } },
} satisfies Prisma.ContractPriceSelect;

/** A contract price as the pages list it. */
export interface ContractView {
  id: string;
  sellerId: string;
  buyer: { id: string; name: string; nameEn: string | null };
  pack: { id: string; sku: string; productNameZh: string; productNameEn: string; unit: PackUnit; itemCount: number; itemNetWeightGrams: number; netWeightGrams: number; variableWeight: boolean };
  unitPriceFen: number;
  validFrom: Day;
  validTo: Day | null;
  note: string;
  state: ContractState;
}

function toView(c: Prisma.ContractPriceGetPayload<{ select: typeof contractSelect }>, today: Day): ContractView {
  const validFrom = dayOfDateColumn(c.validFrom);
  const validTo = c.validTo ? dayOfDateColumn(c.validTo) : null;
  const v = c.variant;
  return {
    id: c.id,
    sellerId: c.sellerId,
    buyer: c.buyer,
    pack: { id: v.id, sku: v.sku, productNameZh: v.product.nameZh, productNameEn: v.product.nameEn, unit: v.unit, itemCount: v.itemCount, itemNetWeightGrams: v.itemNetWeightGrams, netWeightGrams: v.netWeightGrams, variableWeight: v.variableWeight },
    unitPriceFen: c.unitPriceFen,
    validFrom,
    validTo,
    note: c.note,
    state: contractState({ validFrom, validTo }, today),
  };
}

/** How many ended contracts the page shows (the latest ones). */
export const EXPIRED_SHOWN = 50;

/**
 * The sellers' contract prices on `today`: current ones by buyer and product, future ones by start, and the latest
 * ended ones (most recently ended first).
 */
export async function listContracts(db: Db, sellerIds: readonly string[], today: Day): Promise<Record<ContractState, ContractView[]>> {
  const out: Record<ContractState, ContractView[]> = { current: [], future: [], expired: [] };
  if (sellerIds.length === 0) return out;
  const todayDate = dateColumn(today);
  const sellers = { sellerId: { in: [...sellerIds] } };
  const [live, ended] = await Promise.all([
    db.contractPrice.findMany({
      where: { ...sellers, OR: [{ validTo: null }, { validTo: { gte: todayDate } }] },
      select: contractSelect,
      orderBy: [{ buyer: { name: "asc" } }, { variant: { product: { nameZh: "asc" } } }, { variant: { sku: "asc" } }, { validFrom: "asc" }, { id: "asc" }],
    }),
    db.contractPrice.findMany({ where: { ...sellers, validTo: { lt: todayDate } }, select: contractSelect, orderBy: [{ validTo: "desc" }, { id: "asc" }], take: EXPIRED_SHOWN }),
  ]);
  for (const c of live) {
    const view = toView(c, today);
    out[view.state].push(view);
  }
  out.future.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  out.expired = ended.map((c) => toView(c, today));
  return out;
}

/** Buying organizations a contract can be made with (not suspended), by name. */
export async function listBuyerOrganizations(db: Db): Promise<{ id: string; name: string; nameEn: string | null; county: string }[]> {
  return db.organization.findMany({ where: { kind: { in: [...BUYER_KINDS] }, suspendedAt: null }, select: { id: true, name: true, nameEn: true, county: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** Selling organizations, for the operator's seller picker. */
export async function listSellerOrganizations(db: Db): Promise<{ id: string; name: string; nameEn: string | null }[]> {
  return db.organization.findMany({ where: { kind: { in: [...SELLER_KINDS] } }, select: { id: true, name: true, nameEn: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** A selling organization by id, or null (not one, or not a seller). */
export async function findSeller(db: Db, sellerId: string): Promise<{ id: string; name: string; nameEn: string | null } | null> {
  if (!UUID.test(sellerId)) return null;
  return db.organization.findFirst({ where: { id: sellerId, kind: { in: [...SELLER_KINDS] } }, select: { id: true, name: true, nameEn: true } });
}

/** The sellers' packs a contract can name: active packs of products that are not archived, by product then SKU. */
export async function listContractPacks(db: Db, sellerIds: readonly string[]) {
  if (sellerIds.length === 0) return [];
  return db.variant.findMany({
    where: { active: true, product: { sellerId: { in: [...sellerIds] }, status: { not: "archived" } } },
    select: { id: true, sku: true, ...PACK_LABEL_SELECT, product: { select: { nameZh: true, nameEn: true, sellerId: true } } },
    orderBy: [{ product: { nameZh: "asc" } }, { sku: "asc" }],
  });
}

export type ContractChange = { kind: "ok"; id: string } | { kind: "forbidden" } | { kind: "not_found" } | { kind: "invalid"; errors: Partial<Record<string, MessageKey>> };

/**
 * Saves a new contract price. The pack decides the seller: on a seller's own page it must be one of the caller's
 * (another seller's pack is "forbidden"); on the operator's page it must belong to the chosen seller (a field error).
 * The buyer must be a buying organization; a contract that has already ended is refused.
 */
export async function createContract(db: Db, scope: ContractScope, input: ContractFormData, actorId: string, today: Day): Promise<ContractChange> {
  const errors: Partial<Record<string, MessageKey>> = {};
  const [variant, buyer] = await Promise.all([
    db.variant.findUnique({ where: { id: input.variantId }, select: { product: { select: { sellerId: true } } } }),
    db.organization.findUnique({ where: { id: input.buyerId }, select: { kind: true } }),
  ]);
  let sellerId = variant?.product.sellerId;
  if (scope.kind === "any") {
    const seller = input.sellerId ? await findSeller(db, input.sellerId) : null;
    if (!seller) errors.sellerId = "deliverySetup.error.seller";
    else if (variant && variant.product.sellerId !== seller.id) errors.variantId = "deliverySetup.contracts.packNotSellers";
    sellerId = seller?.id;
  } else if (variant && !scope.sellerIds.includes(variant.product.sellerId)) {
    return { kind: "forbidden" };
  }
  if (!variant) errors.variantId = "deliverySetup.error.pack";
  if (!buyer || !BUYER_KINDS.includes(buyer.kind)) errors.buyerId = "deliverySetup.contracts.notBuyer";
  if (input.validTo !== null && input.validTo < today) errors.validTo = "deliverySetup.contracts.endsInPast";
  if (Object.keys(errors).length > 0 || !sellerId) return { kind: "invalid", errors };
  const created = await db.contractPrice.create({
    data: {
      sellerId,
      buyerId: input.buyerId,
      variantId: input.variantId,
      unitPriceFen: input.unitPriceFen,
      validFrom: dateColumn(input.validFrom),
      validTo: input.validTo ? dateColumn(input.validTo) : null,
      note: input.note,
      createdById: actorId,
    },
    select: { id: true },
  });
  return { kind: "ok", id: created.id };
}

async function findContract(db: Db, scope: ContractScope, contractId: string) {
  const c = await db.contractPrice.findUnique({ where: { id: contractId }, select: { id: true, sellerId: true, validFrom: true, validTo: true } });
  if (!c) return { kind: "not_found" as const };
  if (!canTouch(scope, c.sellerId)) return { kind: "forbidden" as const };
  return { kind: "ok" as const, contract: { ...c, from: dayOfDateColumn(c.validFrom), to: c.validTo ? dayOfDateColumn(c.validTo) : null } };
}

/**
 * Ends a current contract early: `endsOn` becomes its last valid day. It may be today (the price still applies
 * today) but not before today or the start, and must shorten the contract. A contract not applying today is refused.
 */
export async function endContract(db: Db, scope: ContractScope, contractId: string, endsOn: Day, today: Day): Promise<ContractChange> {
  const found = await findContract(db, scope, contractId);
  if (found.kind !== "ok") return found;
  const c = found.contract;
  if (contractState({ validFrom: c.from, validTo: c.to }, today) !== "current") return { kind: "invalid", errors: { _form: "deliverySetup.contracts.endNotRunning" } };
  if (endsOn < today || endsOn < c.from || (c.to !== null && endsOn >= c.to)) return { kind: "invalid", errors: { endsOn: "deliverySetup.contracts.endsOnRange" } };
  // Only if nobody changed its end meanwhile (the row as it was read).
  const { count } = await db.contractPrice.updateMany({ where: { id: c.id, validTo: c.validTo }, data: { validTo: dateColumn(endsOn) } });
  if (count === 0) return { kind: "invalid", errors: { _form: "deliverySetup.contracts.endNotRunning" } };
  return { kind: "ok", id: c.id };
}

/** Deletes a contract that has not started yet; one that has started (current or ended) is refused: end it instead. */
export async function deleteContract(db: Db, scope: ContractScope, contractId: string, today: Day): Promise<ContractChange> {
  const found = await findContract(db, scope, contractId);
  if (found.kind !== "ok") return found;
  // The start is re-checked in the delete itself, so a contract cannot start between the check and the delete.
  const { count } = await db.contractPrice.deleteMany({ where: { id: contractId, validFrom: { gt: dateColumn(today) } } });
  if (count === 0) return { kind: "invalid", errors: { _form: "deliverySetup.contracts.deleteStarted" } };
  return { kind: "ok", id: contractId };
}

/**
 * The buyer organization's contract prices of the packs, keyed by lower-case variant id, for ~/modules/pricing.
 * A row counts only while its seller is the pack's seller (a stale row is ignored, never applied to another seller's pack).
 */
export async function contractPricesFor(db: Db, buyerId: string, variantIds: readonly string[]): Promise<Map<string, ContractPrice[]>> {
  const ids = [...new Set(variantIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  const out = new Map<string, ContractPrice[]>();
  if (ids.length === 0 || !UUID.test(buyerId)) return out;
  const rows = await db.contractPrice.findMany({
    where: { buyerId, variantId: { in: ids } },
    select: { id: true, variantId: true, sellerId: true, unitPriceFen: true, validFrom: true, validTo: true, variant: { select: { product: { select: { sellerId: true } } } } },
    orderBy: { id: "asc" },
  });
  for (const r of rows) {
    if (r.sellerId !== r.variant.product.sellerId) continue;
    const key = r.variantId.toLowerCase();
    const list = out.get(key) ?? [];
    list.push({ id: r.id, unitPriceFen: r.unitPriceFen, validFrom: dayOfDateColumn(r.validFrom), validTo: r.validTo ? dayOfDateColumn(r.validTo) : null });
    out.set(key, list);
  }
  return out;
}

/** What a post to a contract page came to: the notice to redirect with, a refusal to re-render, or 403/404. */
export type ContractIntentResult =
  | { kind: "done"; notice: "saved" | "ended" | "deleted"; sellerId: string }
  | { kind: "refused"; intent: "create" | "end" | "delete"; contractId?: string; errors: Partial<Record<string, MessageKey>> }
  | { kind: "forbidden" }
  | { kind: "not_found" };

/**
 * Runs one post of the seller's or the operator's contract page (intent=create|end|delete) from its form values:
 * the two pages differ only in scope (the operator's form names the seller) and where they redirect. For end and
 * delete, ownership is decided before the rest of the form, so another seller's contract is 403 whatever was typed.
 */
export async function runContractIntent(db: PrismaClient, scope: ContractScope, values: Record<string, string>, actorId: string, today: Day): Promise<ContractIntentResult> {
  const intent = values.intent;
  if (intent === "create") {
    const form = parseForm(contractSchema({ requireSeller: scope.kind === "any" }), values);
    if (form.errors) return { kind: "refused", intent, errors: form.errors };
    const r = await createContract(db, scope, form.data, actorId, today);
    if (r.kind === "invalid") return { kind: "refused", intent, errors: r.errors };
    if (r.kind !== "ok") return r;
    const row = await db.contractPrice.findUniqueOrThrow({ where: { id: r.id }, select: { sellerId: true } });
    return { kind: "done", notice: "saved", sellerId: row.sellerId };
  }
  if (intent === "end" || intent === "delete") {
    const id = parseForm(contractIdSchema, values);
    if (id.errors) return { kind: "refused", intent, errors: id.errors };
    const found = await findContract(db, scope, id.data.contractId);
    if (found.kind !== "ok") return found;
    const contractId = found.contract.id;
    let r: ContractChange;
    if (intent === "end") {
      const end = parseForm(endContractSchema, values);
      if (end.errors) return { kind: "refused", intent, contractId, errors: end.errors };
      r = await endContract(db, scope, contractId, end.data.endsOn, today);
    } else {
      r = await deleteContract(db, scope, contractId, today);
    }
    if (r.kind === "invalid") return { kind: "refused", intent, contractId, errors: r.errors };
    if (r.kind !== "ok") return r;
    return { kind: "done", notice: intent === "end" ? "ended" : "deleted", sellerId: found.contract.sellerId };
  }
  return { kind: "refused", intent: "create", errors: { _form: "validation.fixErrors" } };
}
