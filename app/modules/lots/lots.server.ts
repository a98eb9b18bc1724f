/**
 * Traceable lots in the database: the seller's list, create and update (own organization only:
 * lot → pack → product → seller), attachments through storage, and what the public traceability page
 * and the label show. Rules live in rules.ts and attachments.ts.
 */
import { fileTypeFromBuffer } from "file-type";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { LotAttachmentKind, PackUnit, ProductStatus, VerificationStatus } from "~/generated/prisma/enums";
import { parseCertificates, type Certificate } from "~/modules/catalog/certificates";
import { lotsChanged } from "~/modules/search/freshness.server";
import { newObjectId, type Storage } from "~/modules/storage/index.server";
import type { FieldErrors } from "~/utils/forms";
import { pageCount, type Page } from "~/utils/pagination";
import { attachmentKey, checkAttachment, safeFileName, type AttachmentProblem } from "./attachments";
import type { LabelLot } from "./label";
import { checkLotDates, dayOf, dayToInstant, defaultExpiry, startOfDay, suggestLotCode, type Day } from "./rules";
import type { LotFormData } from "./schemas";

export const LOTS_PAGE_SIZE = 30;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  return e?.code === "P2002" || e?.cause?.code === "23505" || /Unique constraint/i.test(e?.message ?? "");
}

/** What a pack is, for labels and lists. */
export interface PackFacts {
  unit: PackUnit;
  itemCount: number;
  itemNetWeightGrams: number;
  netWeightGrams: number;
  variableWeight: boolean;
}

const packSelect = { unit: true, itemCount: true, itemNetWeightGrams: true, netWeightGrams: true, variableWeight: true, label: true, sku: true } as const;

/** A pack the seller can record lots for. */
export interface SellerPack {
  variantId: string;
  sku: string;
  label: string;
  pack: PackFacts;
  product: { id: string; nameZh: string; nameEn: string; shelfLifeDays: number; status: ProductStatus };
}

/** The seller's packs (active packs of products that are not archived), by product name. */
export async function listSellerPacks(db: PrismaClient, orgIds: readonly string[]): Promise<SellerPack[]> {
  const rows = await db.variant.findMany({
    where: { active: true, product: { sellerId: { in: [...orgIds] }, status: { not: "archived" } } },
    select: { id: true, ...packSelect, product: { select: { id: true, nameZh: true, nameEn: true, shelfLifeDays: true, status: true } } },
    orderBy: [{ product: { nameZh: "asc" } }, { netWeightGrams: "asc" }, { sku: "asc" }],
    take: 500,
  });
  return rows.map((v) => ({
    variantId: v.id,
    sku: v.sku,
    label: v.label,
    pack: { unit: v.unit, itemCount: v.itemCount, itemNetWeightGrams: v.itemNetWeightGrams, netWeightGrams: v.netWeightGrams, variableWeight: v.variableWeight },
    product: v.product,
  }));
}

/** One row of the seller's lot list. */
export interface SellerLotRow {
  id: string;
  code: string;
  producedAt: Date;
  expiresAt: Date;
  quantity: number | null;
  attachmentCount: number;
  variant: { id: string; label: string; sku: string } & PackFacts;
  product: { id: string; nameZh: string; nameEn: string };
}

export interface SellerLotList {
  lots: Page<SellerLotRow>;
  counts: { current: number; expired: number };
  products: { id: string; nameZh: string; nameEn: string }[];
}

/**
 * The seller's lots, optionally of one product or pack: those still within their expiry, expiring
 * soonest first (what to sell or check first), or the expired ones, latest first.
 */
export async function listSellerLots(
  db: PrismaClient,
  orgIds: readonly string[],
  query: { productId?: string; variantId?: string; expired: boolean; page: number; today: Day },
): Promise<SellerLotList> {
  const own: Prisma.LotWhereInput = {
    variant: { ...(query.variantId ? { id: query.variantId } : {}), product: { sellerId: { in: [...orgIds] }, ...(query.productId ? { id: query.productId } : {}) } },
  };
  const cutoff = startOfDay(query.today);
  const current: Prisma.LotWhereInput = { ...own, expiresAt: { gte: cutoff } };
  const expired: Prisma.LotWhereInput = { ...own, expiresAt: { lt: cutoff } };
  const [currentCount, expiredCount, products] = await Promise.all([
    db.lot.count({ where: current }),
    db.lot.count({ where: expired }),
    db.product.findMany({
      where: { sellerId: { in: [...orgIds] }, variants: { some: { lots: { some: {} } } } },
      select: { id: true, nameZh: true, nameEn: true },
      orderBy: { nameZh: "asc" },
      take: 500,
    }),
  ]);
  const total = query.expired ? expiredCount : currentCount;
  const pages = pageCount(total, LOTS_PAGE_SIZE);
  const page = Math.min(query.page, pages);
  const rows = await db.lot.findMany({
    where: query.expired ? expired : current,
    select: {
      id: true,
      code: true,
      producedAt: true,
      expiresAt: true,
      quantity: true,
      _count: { select: { attachments: true } },
      variant: { select: { id: true, ...packSelect, product: { select: { id: true, nameZh: true, nameEn: true } } } },
    },
    orderBy: query.expired ? [{ expiresAt: "desc" }, { id: "asc" }] : [{ expiresAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * LOTS_PAGE_SIZE,
    take: LOTS_PAGE_SIZE,
  });
  return {
    lots: {
      items: rows.map(({ _count, variant: { product, ...variant }, ...lot }) => ({ ...lot, attachmentCount: _count.attachments, variant, product })),
      total,
      page,
      pages,
    },
    counts: { current: currentCount, expired: expiredCount },
    products,
  };
}

/** The codes the seller's lots produced on a day already carry (for the next suggestion). */
async function codesOfDay(db: PrismaClient, orgIds: readonly string[], producedOn: Day): Promise<string[]> {
  const prefix = `${producedOn.replaceAll("-", "")}-`;
  const rows = await db.lot.findMany({
    where: { code: { startsWith: prefix }, variant: { product: { sellerId: { in: [...orgIds] } } } },
    select: { code: true },
    take: 10_000,
  });
  return rows.map((r) => r.code);
}

/** The code a new lot produced on the day would get when its code is left empty. */
export async function suggestCode(db: PrismaClient, orgIds: readonly string[], producedOn: Day): Promise<string> {
  return suggestLotCode(producedOn, await codesOfDay(db, orgIds, producedOn));
}

/** A seller's lot with everything its edit page shows. */
export interface OwnLot {
  id: string;
  code: string;
  producedOn: Day;
  expiresOn: Day;
  originBase: string;
  originPlot: string;
  inspection: string;
  quantity: number | null;
  certificates: Certificate[];
  createdAt: Date;
  variant: { id: string; label: string; sku: string } & PackFacts;
  product: { id: string; nameZh: string; nameEn: string; originCounty: string; shelfLifeDays: number; status: ProductStatus };
  seller: { id: string; name: string; nameEn: string | null; county: string; verificationStatus: VerificationStatus };
  attachments: { id: string; kind: LotAttachmentKind; number: string; contentType: string; byteSize: number; originalName: string; createdAt: Date }[];
}

export type Owned<T> = { kind: "ok"; value: T } | { kind: "not_found" } | { kind: "forbidden" };

const lotDetailSelect = {
  id: true,
  code: true,
  producedAt: true,
  expiresAt: true,
  originBase: true,
  originPlot: true,
  inspection: true,
  quantity: true,
  certificates: true,
  createdAt: true,
  variant: {
    select: {
      id: true,
      ...packSelect,
      product: {
        select: {
          id: true,
          nameZh: true,
          nameEn: true,
          originCounty: true,
          shelfLifeDays: true,
          status: true,
          seller: { select: { id: true, name: true, nameEn: true, county: true, verificationStatus: true } },
        },
      },
    },
  },
  attachments: {
    select: { id: true, kind: true, number: true, contentType: true, byteSize: true, originalName: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
} as const satisfies Prisma.LotSelect;

type LotDetailRow = Prisma.LotGetPayload<{ select: typeof lotDetailSelect }>;

function toOwnLot(row: LotDetailRow): OwnLot {
  const { product, ...variant } = row.variant;
  const { seller, ...productFields } = product;
  return {
    id: row.id,
    code: row.code,
    producedOn: dayOf(row.producedAt),
    expiresOn: dayOf(row.expiresAt),
    originBase: row.originBase,
    originPlot: row.originPlot,
    inspection: row.inspection,
    quantity: row.quantity,
    certificates: parseCertificates(row.certificates),
    createdAt: row.createdAt,
    variant,
    product: productFields,
    seller,
    attachments: row.attachments,
  };
}

/** Who owns a lot: its product's seller, or null when there is no such lot. */
async function lotOwner(db: PrismaClient, lotId: string): Promise<string | null> {
  const row = await db.lot.findUnique({ where: { id: lotId }, select: { variant: { select: { product: { select: { sellerId: true } } } } } });
  return row?.variant.product.sellerId ?? null;
}

/** Whether the lot is one of the organizations': "ok", "forbidden" (another seller's) or "not_found". */
export async function checkOwner(db: PrismaClient, lotId: string, orgIds: readonly string[]): Promise<"ok" | "not_found" | "forbidden"> {
  const owner = await lotOwner(db, lotId);
  if (!owner) return "not_found";
  return orgIds.includes(owner) ? "ok" : "forbidden";
}

/**
 * One lot for its seller. Another seller's lot is "forbidden", not "not_found": lot ids are printed
 * in every QR code, so hiding that one exists would protect nothing.
 */
export async function getOwnLot(db: PrismaClient, lotId: string, orgIds: readonly string[]): Promise<Owned<OwnLot>> {
  const owner = await checkOwner(db, lotId, orgIds);
  if (owner !== "ok") return { kind: owner };
  const row = await db.lot.findUnique({ where: { id: lotId }, select: lotDetailSelect });
  return row ? { kind: "ok", value: toOwnLot(row) } : { kind: "not_found" };
}

export type SaveResult = { kind: "ok"; id: string } | { kind: "forbidden" } | { kind: "not_found" } | { kind: "invalid"; errors: FieldErrors };

function lotColumns(input: LotFormData, expiresOn: Day) {
  return {
    producedAt: dayToInstant(input.producedOn),
    expiresAt: dayToInstant(expiresOn),
    originBase: input.originBase,
    originPlot: input.originPlot,
    inspection: input.inspection,
    quantity: input.quantity,
    certificates: input.certificates as unknown as Prisma.InputJsonValue,
  };
}

/** The expiry to store (typed, or from the shelf life) and the date problem, if any, as field errors. */
function resolveDates(input: LotFormData, shelfLifeDays: number, today: Day): { expiresOn: Day } | { errors: FieldErrors } {
  const expiresOn = input.expiresOn ?? defaultExpiry(input.producedOn, shelfLifeDays);
  const problem = checkLotDates(input.producedOn, expiresOn, today);
  return problem ? { errors: { [problem.field]: problem.key } } : { expiresOn };
}

/**
 * Records a new lot of one of the seller's packs. Another seller's pack is forbidden; an unknown one
 * a field error. An empty code gets the day's next `<YYYYMMDD>-<n>` (retried when another request
 * took it meanwhile); a typed code already used on the pack is a field error. Nothing is written
 * unless everything is valid.
 */
export async function createLot(db: PrismaClient, orgIds: readonly string[], input: LotFormData, today: Day): Promise<SaveResult> {
  if (!input.variantId) return { kind: "invalid", errors: { variantId: "lots.error.variantRequired" } };
  const variant = await db.variant.findUnique({ where: { id: input.variantId }, select: { id: true, product: { select: { sellerId: true, shelfLifeDays: true } } } });
  if (!variant) return { kind: "invalid", errors: { variantId: "lots.error.variantUnknown" } };
  if (!orgIds.includes(variant.product.sellerId)) return { kind: "forbidden" };
  const dates = resolveDates(input, variant.product.shelfLifeDays, today);
  if ("errors" in dates) return { kind: "invalid", errors: dates.errors };
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = input.code || (await suggestCode(db, orgIds, input.producedOn));
    try {
      // The product's certificate facet comes from its lots: its search document changes with them.
      const lot = await db.$transaction(async (tx) => {
        const row = await tx.lot.create({ data: { variantId: variant.id, code, ...lotColumns(input, dates.expiresOn) }, select: { id: true } });
        await lotsChanged(tx, [variant.id]);
        return row;
      });
      return { kind: "ok", id: lot.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (input.code) return { kind: "invalid", errors: { code: "lots.error.codeTaken" } };
    }
  }
  return { kind: "invalid", errors: { code: "lots.error.codeTaken" } };
}

/** Changes a lot's code, dates, origin, inspection, quantity and certificate numbers (its pack stays: labels are printed for it). */
export async function updateLot(db: PrismaClient, lotId: string, orgIds: readonly string[], input: LotFormData, today: Day): Promise<SaveResult> {
  const owner = await checkOwner(db, lotId, orgIds);
  if (owner !== "ok") return { kind: owner };
  const lot = await db.lot.findUnique({ where: { id: lotId }, select: { code: true, producedAt: true, variantId: true, variant: { select: { product: { select: { shelfLifeDays: true } } } } } });
  if (!lot) return { kind: "not_found" };
  const dates = resolveDates(input, lot.variant.product.shelfLifeDays, today);
  if ("errors" in dates) return { kind: "invalid", errors: dates.errors };
  // An emptied code keeps the old one: the printed labels carry it.
  const code = input.code || lot.code;
  try {
    await db.$transaction(async (tx) => {
      await tx.lot.update({ where: { id: lotId }, data: { code, ...lotColumns(input, dates.expiresOn) }, select: { id: true } });
      await lotsChanged(tx, [lot.variantId]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "invalid", errors: { code: "lots.error.codeTaken" } };
    throw error;
  }
  return { kind: "ok", id: lotId };
}

export type AttachResult =
  | { kind: "ok"; id: string; fileName: string }
  | { kind: "forbidden" }
  | { kind: "not_found" }
  | { kind: "invalid"; problem: AttachmentProblem };

/** An uploaded document as the route read it. */
export interface UploadedFile {
  kind: LotAttachmentKind;
  number: string;
  originalName: string;
  bytes: Buffer;
}

/**
 * Attaches a PDF or image to one of the seller's lots: the type is sniffed from the bytes (a renamed
 * text or ZIP file is refused, a photo named .pdf is stored as the JPEG it is), the size and count are
 * limited, the file goes to storage under `lots/<lotId>/<id>.<ext>`, then its row is written (and the
 * file removed again if that fails, so no row points at nothing and no file is orphaned).
 */
export async function addAttachment(db: PrismaClient, storage: Storage, lotId: string, orgIds: readonly string[], file: UploadedFile, maxBytes: number): Promise<AttachResult> {
  const owner = await checkOwner(db, lotId, orgIds);
  if (owner !== "ok") return { kind: owner };
  const existingCount = await db.lotAttachment.count({ where: { lotId } });
  const detected = file.bytes.length > 0 ? await fileTypeFromBuffer(file.bytes) : undefined;
  const verdict = checkAttachment({ byteSize: file.bytes.length, detectedType: detected?.mime, existingCount, maxBytes });
  if (!verdict.ok) return { kind: "invalid", problem: verdict.problem };
  const objectId = newObjectId();
  const key = attachmentKey(lotId, objectId, verdict.ext);
  const fileName = safeFileName(file.originalName, verdict.ext, file.kind);
  await storage.put(key, file.bytes, verdict.contentType);
  try {
    const row = await db.lotAttachment.create({
      data: { lotId, kind: file.kind, number: file.number, storageKey: key, contentType: verdict.contentType, byteSize: file.bytes.length, originalName: fileName },
      select: { id: true },
    });
    return { kind: "ok", id: row.id, fileName };
  } catch (error) {
    await storage.delete(key).catch(() => undefined);
    throw error;
  }
}

/** Removes one of a lot's documents (row first, then the file: a failed file delete leaves an unreferenced file, never a broken link). */
export async function deleteAttachment(db: PrismaClient, storage: Storage, lotId: string, attachmentId: string, orgIds: readonly string[]): Promise<"ok" | "not_found" | "forbidden"> {
  const owner = await checkOwner(db, lotId, orgIds);
  if (owner !== "ok") return owner;
  const row = await db.lotAttachment.findFirst({ where: { id: attachmentId, lotId }, select: { id: true, storageKey: true } });
  if (!row) return "not_found";
  await db.lotAttachment.delete({ where: { id: row.id }, select: { id: true } });
  await storage.delete(row.storageKey);
  return "ok";
}

/** What the public traceability page shows (no storage keys, no internal ids but the lot's and its documents'). */
export type PublicLot = Omit<OwnLot, "seller" | "variant" | "createdAt"> & {
  variant: PackFacts & { label: string };
  seller: { name: string; nameEn: string | null; county: string };
  onSale: boolean;
};

/**
 * A lot for its public traceability page, signed in or not. The page stays public whatever the
 * product's status (paused, archived, even a draft): the labels are printed and on cases already
 * delivered, and a canteen scanning one at the loading dock must still see where the goods came
 * from; `onSale` lets the page say the product is not on sale now. A suspended seller's lots stay
 * public for the same reason. Only a seller the platform has not verified (pending or rejected)
 * gets no public page (null, a 404): otherwise an unchecked sign-up could publish certificates under
 * the platform's name.
 */
export async function getPublicLot(db: PrismaClient, lotId: string): Promise<PublicLot | null> {
  const row = await db.lot.findUnique({ where: { id: lotId }, select: lotDetailSelect });
  if (!row || row.variant.product.seller.verificationStatus !== "verified") return null;
  const lot = toOwnLot(row);
  const { seller, variant, createdAt: _createdAt, ...rest } = lot;
  const { id: _variantId, sku: _sku, ...pack } = variant;
  return { ...rest, variant: pack, seller: { name: seller.name, nameEn: seller.nameEn, county: seller.county }, onSale: lot.product.status === "active" };
}

/** One document of a publicly visible lot, with the name to serve it under; null when it is not there. */
export async function getPublicAttachment(
  db: PrismaClient,
  storage: Storage,
  lotId: string,
  attachmentId: string,
): Promise<{ body: Buffer; contentType: string; fileName: string } | null> {
  const row = await db.lotAttachment.findFirst({
    where: { id: attachmentId, lotId, lot: { variant: { product: { seller: { verificationStatus: "verified" } } } } },
    select: { storageKey: true, contentType: true, originalName: true },
  });
  if (!row) return null;
  const object = await storage.get(row.storageKey);
  if (!object) return null;
  return { body: object.body, contentType: row.contentType, fileName: row.originalName };
}

/** What the label of a lot shows, with the traceability URL it points to. */
export function labelLot(lot: OwnLot, traceUrl: string): LabelLot {
  return {
    code: lot.code,
    producedOn: lot.producedOn,
    expiresOn: lot.expiresOn,
    originBase: lot.originBase,
    originPlot: lot.originPlot,
    product: { nameZh: lot.product.nameZh, nameEn: lot.product.nameEn, originCounty: lot.product.originCounty },
    pack: lot.variant,
    seller: { name: lot.seller.name, nameEn: lot.seller.nameEn, county: lot.seller.county },
    traceUrl,
  };
}
