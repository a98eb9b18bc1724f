/**
 * The listing editor's database side: create a draft, load it for editing, save it (product, packs, price
 * tiers and harvest windows in one transaction, so nothing is ever half-saved), autosave a draft, and move a
 * listing between draft, active (published), paused and archived.
 *
 * Every function takes the caller's selling organization ids and answers "forbidden" for another
 * organization's product and "not_found" for a missing one (the route turns them into 403 / 404).
 */
import { searchChanged } from "~/modules/search/freshness.server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { ProductStatus, VerificationStatus } from "~/generated/prisma/enums";
import { verificationState, type VerificationState } from "~/modules/sellers/status";
import type { MessageKey } from "~/utils/i18n/messages";
import { COUNTY_CODE } from "./counties";
import { publishBlockers, type EditableListing, type ListingData, type ListingErrors, type NewListingInput, type PackData } from "./listing-schema";
import { composePackLabel } from "./packs";

type Tx = Prisma.TransactionClient;

export type Access = { kind: "not_found" } | { kind: "forbidden" };

/** Whether the product exists and belongs to one of the seller's organizations (403 before 400 in routes). */
export async function listingAccess(db: Tx, productId: string, orgIds: readonly string[]): Promise<Access | { kind: "ok"; sellerId: string; status: ProductStatus }> {
  const p = await db.product.findUnique({ where: { id: productId }, select: { sellerId: true, status: true } });
  if (!p) return { kind: "not_found" };
  if (!orgIds.includes(p.sellerId)) return { kind: "forbidden" };
  return { kind: "ok", sellerId: p.sellerId, status: p.status };
}

// ---------------------------------------------------------------------------------------------
// Create

/** Creates a draft product of the organization from the first step's fields; returns its id. */
export async function createDraft(db: PrismaClient, sellerId: string, input: NewListingInput): Promise<{ id: string }> {
  return db.product.create({
    data: {
      sellerId,
      nameZh: input.nameZh,
      nameEn: "",
      category: input.category,
      originCounty: input.originCounty,
      tempClass: input.tempClass,
      shelfLifeDays: input.shelfLifeDays,
      status: "draft",
    },
    select: { id: true },
  });
}

// ---------------------------------------------------------------------------------------------
// Load

export interface SellerStanding {
  id: string;
  name: string;
  county: string;
  verificationStatus: VerificationStatus;
  state: VerificationState;
  reviewNote: string;
  canPublish: boolean;
}

export interface PackUsage {
  /** Order lines, stock movements or lots refer to the pack: it can be made inactive, never deleted. */
  inUse: boolean;
}

export type LoadedListing = { kind: "ok"; listing: EditableListing; seller: SellerStanding; usage: Record<string, PackUsage> } | Access;

const sellerSelect = { id: true, name: true, county: true, verificationStatus: true, submittedAt: true, suspendedAt: true, reviewNote: true } as const;

function standing(org: { id: string; name: string; county: string; verificationStatus: VerificationStatus; submittedAt: Date | null; suspendedAt: Date | null; reviewNote: string }): SellerStanding {
  const state = verificationState(org);
  return { id: org.id, name: org.name, county: org.county, verificationStatus: org.verificationStatus, state, reviewNote: org.reviewNote, canPublish: state === "verified" };
}

/** Why this seller cannot publish, or null when it can. */
export function standingBlocker(seller: Pick<SellerStanding, "state">): MessageKey | null {
  if (seller.state === "verified") return null;
  if (seller.state === "suspended") return "listing.publish.suspended";
  if (seller.state === "rejected") return "listing.publish.rejected";
  return "listing.publish.unverified";
}

const dayString = (d: Date) => d.toISOString().slice(0, 10);

/** A product of one of the organizations, as the editor shows it. */
export async function loadListing(db: PrismaClient, productId: string, orgIds: readonly string[]): Promise<LoadedListing> {
  const a = await listingAccess(db, productId, orgIds);
  if (a.kind !== "ok") return a;
  const p = await db.product.findUniqueOrThrow({
    where: { id: productId },
    select: {
      id: true,
      status: true,
      updatedAt: true,
      nameZh: true,
      nameEn: true,
      category: true,
      descriptionZh: true,
      descriptionEn: true,
      originCounty: true,
      tempClass: true,
      shelfLifeDays: true,
      seller: { select: sellerSelect },
      variants: {
        orderBy: [{ sku: "asc" }],
        select: {
          id: true,
          sku: true,
          unit: true,
          itemCount: true,
          itemNetWeightGrams: true,
          netWeightGrams: true,
          volumeCm3: true,
          variableWeight: true,
          active: true,
          minOrderQuantity: true,
          orderMultiple: true,
          priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } },
          harvestWindows: { select: { availableFrom: true, availableTo: true, expectedPacksPerWeek: true, note: true }, orderBy: { availableFrom: "asc" } },
          _count: { select: { orderLines: true, stockEntries: true, lots: true } },
        },
      },
    },
  });
  const usage: Record<string, PackUsage> = {};
  const { seller, variants, ...product } = p;
  const listing: EditableListing = {
    ...product,
    packs: variants.map(({ priceTiers, harvestWindows, _count, ...v }) => {
      usage[v.id] = { inUse: _count.orderLines + _count.stockEntries + _count.lots > 0 };
      return {
        ...v,
        tiers: priceTiers,
        windows: harvestWindows.map((w) => ({ availableFrom: dayString(w.availableFrom), availableTo: dayString(w.availableTo), expectedPacksPerWeek: w.expectedPacksPerWeek, note: w.note })),
      };
    }),
  };
  return { kind: "ok", listing, seller: standing(seller), usage };
}

// ---------------------------------------------------------------------------------------------
// Save

export type SaveResult =
  | { kind: "ok"; updatedAt: Date; packIds: string[] }
  | { kind: "invalid"; errors: ListingErrors }
  /** Autosave only stores drafts: a listing on sale changes only when the seller presses save. */
  | { kind: "not_draft" }
  | Access;

class Rollback extends Error {
  constructor(readonly errors: ListingErrors) {
    super("listing save rolled back");
  }
}

const UNIQUE_VIOLATION = "P2002";

/** The next free SKUs "<county code>-<5 digits>" (e.g. 350430-00012), unique across all packs. */
export async function nextSkus(tx: Tx, county: string, count: number): Promise<string[]> {
  if (count === 0) return [];
  const prefix = `${COUNTY_CODE[county] ?? "350400"}-`;
  const rows = await tx.$queryRaw<{ max: number | null }[]>`
    SELECT max(split_part(sku, '-', 2)::int) AS max FROM variants
    WHERE sku LIKE ${`${prefix}%`} AND split_part(sku, '-', 2) ~ '^[0-9]{1,9}$' AND split_part(sku, '-', 3) = ''`;
  const start = Number(rows[0]?.max ?? 0) + 1;
  return Array.from({ length: count }, (_, i) => `${prefix}${String(start + i).padStart(5, "0")}`);
}

/**
 * Saves the editor's form. mode "save": `data` must be complete (parseListingForm succeeded); a listing on
 * sale or paused must stay publishable. mode "autosave": drafts only; stores the parts that validated and
 * keeps the stored values of the rest. Either way all of it happens in one transaction or none of it does.
 */
export async function saveListing(db: PrismaClient, productId: string, orgIds: readonly string[], data: ListingData, mode: "save" | "autosave"): Promise<SaveResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const result = await saveInTransaction(tx, productId, orgIds, data, mode);
        // The search document changes with the listing, in the same transaction (names, packs, prices, harvest windows).
        if (result.kind === "ok") await searchChanged(tx, [productId]);
        return result;
      });
    } catch (error) {
      if (error instanceof Rollback) return { kind: "invalid", errors: error.errors };
      // Two saves took the same new SKU at once: the loser tries again with the next number.
      if (attempt < 3 && (error as { code?: string }).code === UNIQUE_VIOLATION) continue;
      throw error;
    }
  }
}

async function saveInTransaction(tx: Tx, productId: string, orgIds: readonly string[], data: ListingData, mode: "save" | "autosave"): Promise<SaveResult> {
  // One save of a product at a time: the row lock orders concurrent saves (autosave and the save button).
  const locked = await tx.$queryRaw<{ seller_id: string; status: ProductStatus; origin_county: string }[]>`
    SELECT seller_id, status, origin_county FROM products WHERE id = ${productId}::uuid FOR UPDATE`;
  const row = locked[0];
  if (!row) return { kind: "not_found" };
  if (!orgIds.includes(row.seller_id)) return { kind: "forbidden" };
  if (mode === "autosave" && row.status !== "draft") return { kind: "not_draft" };

  const stored = await tx.variant.findMany({
    where: { id: { in: data.packs.map((p) => p.id) } },
    select: { id: true, productId: true, _count: { select: { orderLines: true, stockEntries: true, lots: true } } },
  });
  const storedById = new Map(stored.map((v) => [v.id, v]));
  const foreign: ListingErrors = {};
  for (const p of data.packs) if (storedById.get(p.id) && storedById.get(p.id)!.productId !== productId) foreign[`packs.${p.index}.id`] = { key: "listing.error.pack_foreign" };
  if (Object.keys(foreign).length > 0) throw new Rollback(foreign);

  const product = data.product;
  const county = product.originCounty ?? row.origin_county;
  await tx.product.update({
    where: { id: productId },
    data: { ...product, updatedAt: new Date() },
    select: { id: true },
  });

  const toCreate = data.packs.filter((p): p is PackData & { core: NonNullable<PackData["core"]> } => !p.remove && !storedById.has(p.id) && p.core !== undefined);
  const skus = await nextSkus(tx, county, toCreate.length);
  const labelOf = (core: NonNullable<PackData["core"]>) => composePackLabel(core, "zh");

  for (const p of data.packs) {
    const existing = storedById.get(p.id);
    if (p.remove) {
      if (!existing) continue;
      const inUse = existing._count.orderLines + existing._count.stockEntries + existing._count.lots > 0;
      // Packs that orders, stock or lots refer to stay, inactive: their history must keep its pack.
      if (inUse) await tx.variant.update({ where: { id: p.id }, data: { active: false }, select: { id: true } });
      else await tx.variant.delete({ where: { id: p.id }, select: { id: true } });
      continue;
    }
    if (!existing) {
      if (!p.core) continue; // nothing storable yet (autosave of a half-typed new pack)
      await tx.variant.create({
        data: {
          id: p.id,
          productId,
          sku: skus[toCreate.indexOf(p as (typeof toCreate)[number])]!,
          label: labelOf(p.core),
          ...p.core,
          ...(p.rules ? { minOrderQuantity: p.rules.minOrderQuantity, orderMultiple: p.rules.orderMultiple } : {}),
          ...(p.rules?.tiers.length ? { priceTiers: { createMany: { data: p.rules.tiers } } } : {}),
          ...(p.windows?.length ? { harvestWindows: { createMany: { data: p.windows.map(toWindowRow) } } } : {}),
        },
        select: { id: true },
      });
      continue;
    }
    if (p.core || p.rules) {
      await tx.variant.update({
        where: { id: p.id },
        data: {
          ...(p.core ? { ...p.core, label: labelOf(p.core) } : {}),
          ...(p.rules ? { minOrderQuantity: p.rules.minOrderQuantity, orderMultiple: p.rules.orderMultiple } : {}),
        },
        select: { id: true },
      });
    }
    if (p.rules) {
      await tx.priceTier.deleteMany({ where: { variantId: p.id } });
      if (p.rules.tiers.length) await tx.priceTier.createMany({ data: p.rules.tiers.map((t) => ({ ...t, variantId: p.id })) });
    }
    if (p.windows) {
      await tx.harvestWindow.deleteMany({ where: { variantId: p.id } });
      if (p.windows.length) await tx.harvestWindow.createMany({ data: p.windows.map((w) => ({ ...toWindowRow(w), variantId: p.id })) });
    }
  }

  // A listing buyers can see (or resume) must stay complete after the edit.
  if (row.status === "active" || row.status === "paused") {
    const blockers = publishBlockers(await packsForPublishing(tx, productId));
    if (blockers.length > 0) throw new Rollback({ _form: { key: blockers[0]! } });
  }
  const after = await tx.product.findUniqueOrThrow({ where: { id: productId }, select: { updatedAt: true, variants: { select: { id: true } } } });
  return { kind: "ok", updatedAt: after.updatedAt, packIds: after.variants.map((v) => v.id) };
}

function toWindowRow(w: { availableFrom: string; availableTo: string; expectedPacksPerWeek: number; note: string }) {
  return { availableFrom: new Date(`${w.availableFrom}T00:00:00Z`), availableTo: new Date(`${w.availableTo}T00:00:00Z`), expectedPacksPerWeek: w.expectedPacksPerWeek, note: w.note };
}

async function packsForPublishing(tx: Tx, productId: string) {
  const variants = await tx.variant.findMany({
    where: { productId },
    select: { active: true, minOrderQuantity: true, orderMultiple: true, priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } } },
  });
  return variants.map((v) => ({ ...v, tiers: v.priceTiers }));
}

// ---------------------------------------------------------------------------------------------
// Status

export const STATUS_INTENTS = ["publish", "pause", "archive", "draft"] as const;
export type StatusIntent = (typeof STATUS_INTENTS)[number];

export function isStatusIntent(value: unknown): value is StatusIntent {
  return typeof value === "string" && (STATUS_INTENTS as readonly string[]).includes(value);
}

/** Which statuses each change starts from, and where it leads. */
const TRANSITIONS: Record<StatusIntent, { from: readonly ProductStatus[]; to: ProductStatus }> = {
  publish: { from: ["draft", "paused"], to: "active" },
  pause: { from: ["active"], to: "paused" },
  archive: { from: ["draft", "active", "paused"], to: "archived" },
  draft: { from: ["active", "paused", "archived"], to: "draft" },
};

/** The changes open to a listing in this status (the page shows these buttons). */
export function statusIntents(status: ProductStatus): StatusIntent[] {
  return STATUS_INTENTS.filter((i) => TRANSITIONS[i].from.includes(status));
}

export type StatusResult =
  | { kind: "ok"; status: ProductStatus }
  /** Publishing refused: the seller is not verified, or the listing is incomplete. */
  | { kind: "blocked"; reasons: MessageKey[] }
  /** The change does not apply to the current status (e.g. pausing a draft, or a double click). */
  | { kind: "conflict"; status: ProductStatus }
  | Access;

/** Publishes, pauses, archives or takes back to draft a listing of one of the organizations. */
export async function changeStatus(db: PrismaClient, productId: string, orgIds: readonly string[], intent: StatusIntent): Promise<StatusResult> {
  return db.$transaction(async (tx): Promise<StatusResult> => {
    const locked = await tx.$queryRaw<{ seller_id: string; status: ProductStatus }[]>`SELECT seller_id, status FROM products WHERE id = ${productId}::uuid FOR UPDATE`;
    const row = locked[0];
    if (!row) return { kind: "not_found" };
    if (!orgIds.includes(row.seller_id)) return { kind: "forbidden" };
    const transition = TRANSITIONS[intent];
    if (!transition.from.includes(row.status)) return { kind: "conflict", status: row.status };
    if (intent === "publish") {
      const reasons: MessageKey[] = [];
      const seller = await tx.organization.findUniqueOrThrow({ where: { id: row.seller_id }, select: sellerSelect });
      const blocker = standingBlocker(standing(seller));
      if (blocker) reasons.push(blocker);
      reasons.push(...publishBlockers(await packsForPublishing(tx, productId)));
      if (reasons.length > 0) return { kind: "blocked", reasons };
    }
    await tx.product.update({ where: { id: productId }, data: { status: transition.to }, select: { id: true } });
    await searchChanged(tx, [productId]);
    return { kind: "ok", status: transition.to };
  });
}

/** The seller's standing for the product page (can it publish, and if not, why). */
export async function sellerStanding(db: PrismaClient, sellerId: string): Promise<SellerStanding | null> {
  const org = await db.organization.findUnique({ where: { id: sellerId }, select: sellerSelect });
  return org ? standing(org) : null;
}
