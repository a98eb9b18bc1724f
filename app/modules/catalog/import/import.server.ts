/**
 * The import's database side. Preview: read the kept upload, validate every row (the SKUs and product
 * names already taken are looked up, nothing is written). Apply: validate again, then write every
 * product, pack and price tier in ONE transaction (drafts, or on sale when the seller is verified and asked
 * for it), or nothing at all. Rows go in with one statement per table and 2,000 rows (a JSON parameter
 * expanded by jsonb_to_recordset), so 1,000 packs take well under a second, checked by every constraint.
 */
import { searchChanged } from "~/modules/search/freshness.server";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { ProductStatus } from "~/generated/prisma/enums";
import type { Storage } from "~/modules/storage/index.server";
import { logger } from "~/utils/logger.server";
import { publishBlockers } from "../listing-schema";
import { nextSkus, sellerStanding } from "../listing.server";
import { composePackLabel } from "../packs";
import type { ColumnKey } from "./columns";
import { readImportFile, type ImportFormat } from "./read.server";
import { readSheet, type FileProblem } from "./sheet";
import { discardUpload, findUpload } from "./upload.server";
import { planImport, productKey, type ImportPlan, type PlannedProduct, type RowIssue } from "./validate";

type Tx = Prisma.TransactionClient;

/** Products listed on the preview page (the rest are counted). */
export const PREVIEW_PRODUCTS = 50;

export interface ProductSummary {
  rowNumber: number;
  nameZh: string;
  nameEn: string;
  packs: { label: string; labelEn: string; fromFen: number }[];
}

export interface ImportPreview {
  uploadId: string;
  fileName: string;
  format: ImportFormat;
  /** Problems with the file as a whole: when there are any, no row was validated. */
  problems: FileProblem[];
  issues: RowIssue[];
  /** Column → its letter in this file. */
  letters: Partial<Record<ColumnKey, string>>;
  counts: ImportPlan["counts"];
  /** The first PREVIEW_PRODUCTS products, when every row passed. */
  products: ProductSummary[];
}

export interface PreviewWithPlan {
  preview: ImportPreview;
  plan: ImportPlan | null;
}

const EMPTY_COUNTS: ImportPlan["counts"] = { rows: 0, products: 0, packs: 0, rowsWithIssues: 0 };

/** The seller's product names (not archived) as grouping keys, and which of the file's SKUs exist already. */
async function takenInDatabase(db: PrismaClient | Tx, orgId: string, skus: string[]): Promise<{ takenNames: Set<string>; takenSkus: Set<string> }> {
  const [names, variants] = await Promise.all([
    db.product.findMany({ where: { sellerId: orgId, status: { not: "archived" } }, select: { nameZh: true } }),
    skus.length > 0 ? db.variant.findMany({ where: { sku: { in: skus } }, select: { sku: true } }) : Promise.resolve([]),
  ]);
  return { takenNames: new Set(names.map((n) => productKey(n.nameZh))), takenSkus: new Set(variants.map((v) => v.sku)) };
}

/** Validates an upload's bytes for the organization (reads only). */
export async function previewBytes(db: PrismaClient, orgId: string, upload: { id: string; fileName: string; format: ImportFormat; bytes: Buffer }): Promise<PreviewWithPlan> {
  const base = { uploadId: upload.id, fileName: upload.fileName, format: upload.format };
  const read = await readImportFile(upload.bytes, upload.fileName);
  if (!read.ok) return { preview: { ...base, problems: read.problems, issues: [], letters: {}, counts: EMPTY_COUNTS, products: [] }, plan: null };
  const sheet = readSheet(read.sheet);
  if (!sheet.ok) return { preview: { ...base, problems: sheet.problems, issues: [], letters: {}, counts: EMPTY_COUNTS, products: [] }, plan: null };
  const skus = [...new Set(sheet.rows.map((r) => r.cells.sku?.trim()).filter((s): s is string => !!s))];
  const taken = await takenInDatabase(db, orgId, skus);
  const plan = planImport(sheet.rows, taken);
  const products = plan.products.slice(0, PREVIEW_PRODUCTS).map((p) => ({
    rowNumber: p.rowNumber,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    packs: p.packs.map((k) => ({ label: composePackLabel(k, "zh"), labelEn: composePackLabel(k, "en"), fromFen: k.tiers[0]?.unitPriceFen ?? 0 })),
  }));
  return { preview: { ...base, problems: [], issues: plan.issues, letters: sheet.header.letters, counts: plan.counts, products }, plan };
}

/** The preview of a kept upload of one of the organizations, or null when there is no such upload (or it is another organization's). */
export async function previewUpload(db: PrismaClient, storage: Storage, orgIds: readonly string[], uploadId: string): Promise<(PreviewWithPlan & { orgId: string }) | null> {
  const upload = await findUpload(storage, orgIds, uploadId);
  if (!upload) return null;
  return { ...(await previewBytes(db, upload.orgId, upload)), orgId: upload.orgId };
}

export type ApplyResult =
  | { kind: "ok"; products: number; packs: number; status: ProductStatus; productIds: string[] }
  | { kind: "not_found" }
  /** The file did not pass validation this time (the preview says why); nothing was written. */
  | { kind: "invalid"; preview: ImportPreview }
  /** Publishing asked for by a seller that may not publish; nothing was written. */
  | { kind: "not_verified" }
  /** Other writes kept colliding with this import (SKUs, names); nothing was written. */
  | { kind: "conflict" };

export interface ApplyInput {
  orgIds: readonly string[];
  uploadId: string;
  userId: string;
  publish: boolean;
  /** Tests: runs after validation, before the transaction (another writer getting in between). */
  afterValidate?: () => Promise<void>;
}

class Collision extends Error {
  constructor() {
    super("import collided with another write");
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } }; message?: string };
  if (e?.code === "P2002" || e?.meta?.code === "23505") return true;
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation") return true;
  return typeof e?.message === "string" && /23505|unique constraint/i.test(e.message);
}

/**
 * Imports a kept upload: validated again, then written in one transaction, or not at all. Imports of one
 * organization run one at a time (an advisory lock), and the names are checked again under it, so a
 * double click or two tabs cannot import a file twice; the upload is deleted once imported.
 */
export async function applyImport(db: PrismaClient, storage: Storage, input: ApplyInput): Promise<ApplyResult> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const upload = await findUpload(storage, input.orgIds, input.uploadId);
    if (!upload) return { kind: "not_found" };
    const { preview, plan } = await previewBytes(db, upload.orgId, upload);
    if (!plan || preview.problems.length > 0 || plan.issues.length > 0) return { kind: "invalid", preview };
    if (input.publish) {
      const standing = await sellerStanding(db, upload.orgId);
      if (!standing?.canPublish) return { kind: "not_verified" };
    }
    const status: ProductStatus = input.publish ? "active" : "draft";
    await input.afterValidate?.();
    try {
      const productIds = await db.$transaction(
        async (tx) => {
          const ids = await writePlan(tx, upload.orgId, plan.products, status);
          // Imported products are searchable as soon as they commit.
          await searchChanged(tx, ids);
          return ids;
        },
        { maxWait: 30_000, timeout: 120_000 },
      );
      await discardUpload(storage, upload.orgId, upload.id, upload.format);
      const packs = plan.products.reduce((n, p) => n + p.packs.length, 0);
      logger.info({ orgId: upload.orgId, userId: input.userId, uploadId: upload.id, products: productIds.length, packs, status }, "products imported");
      return { kind: "ok", products: productIds.length, packs, status, productIds };
    } catch (error) {
      // Someone took a SKU or a name between the check and the write: check again (the next round reports it
      // on its row, or draws fresh generated SKUs).
      if (error instanceof Collision || isUniqueViolation(error)) continue;
      throw error;
    }
  }
  return { kind: "conflict" };
}

const CHUNK = 2000;

/** Inserts rows as one JSON parameter per CHUNK rows; `columns` maps each row field to its column and SQL type. */
async function insertRows(tx: Tx, table: string, columns: readonly (readonly [field: string, column: string, type: string])[], rows: readonly Record<string, unknown>[]): Promise<void> {
  const list = columns.map(([, c]) => `"${c}"`).join(", ");
  const record = columns.map(([, c, type]) => `"${c}" ${type}`).join(", ");
  const sql = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS x(${record})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((row) => Object.fromEntries(columns.map(([f, c]) => [c, row[f] ?? null])));
    await tx.$executeRawUnsafe(sql, JSON.stringify(chunk));
  }
}

const PRODUCT_COLUMNS = [
  ["id", "id", "uuid"],
  ["sellerId", "seller_id", "uuid"],
  ["category", "category", '"ProductCategory"'],
  ["nameZh", "name_zh", "text"],
  ["nameEn", "name_en", "text"],
  ["descriptionZh", "description_zh", "text"],
  ["descriptionEn", "description_en", "text"],
  ["originCounty", "origin_county", "text"],
  ["tempClass", "temp_class", '"TempClass"'],
  ["shelfLifeDays", "shelf_life_days", "integer"],
  ["status", "status", '"ProductStatus"'],
] as const;
const VARIANT_COLUMNS = [
  ["id", "id", "uuid"],
  ["productId", "product_id", "uuid"],
  ["sku", "sku", "text"],
  ["unit", "unit", '"PackUnit"'],
  ["label", "label", "text"],
  ["itemCount", "item_count", "integer"],
  ["itemNetWeightGrams", "item_net_weight_grams", "integer"],
  ["netWeightGrams", "net_weight_grams", "integer"],
  ["minOrderQuantity", "min_order_quantity", "integer"],
  ["orderMultiple", "order_multiple", "integer"],
  ["volumeCm3", "volume_cm3", "integer"],
  ["variableWeight", "variable_weight", "boolean"],
  ["active", "active", "boolean"],
] as const;
const TIER_COLUMNS = [
  ["id", "id", "uuid"],
  ["variantId", "variant_id", "uuid"],
  ["minQuantity", "min_quantity", "integer"],
  ["unitPriceFen", "unit_price_fen", "integer"],
] as const;

/** Writes the planned products of the organization inside the transaction; returns their ids. */
async function writePlan(tx: Tx, orgId: string, products: readonly PlannedProduct[], status: ProductStatus): Promise<string[]> {
  // One import per organization at a time; then the names are checked again under the lock.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`import:${orgId}`}, 0))`;
  const { takenNames } = await takenInDatabase(tx, orgId, []);
  if (products.some((p) => takenNames.has(productKey(p.nameZh)))) throw new Collision();
  if (status === "active" && products.some((p) => publishBlockers(p.packs).length > 0)) throw new Error("import: a product to publish has no priced pack");

  // Generated SKUs follow the editor's scheme, per county of origin.
  const needed = new Map<string, number>();
  for (const p of products) needed.set(p.originCounty, (needed.get(p.originCounty) ?? 0) + p.packs.filter((k) => !k.sku).length);
  const generated = new Map<string, string[]>();
  for (const [county, count] of needed) generated.set(county, await nextSkus(tx, county, count));

  const productRows: Record<string, unknown>[] = [];
  const variantRows: Record<string, unknown>[] = [];
  const tierRows: Record<string, unknown>[] = [];
  for (const p of products) {
    const productId = randomUUID();
    productRows.push({ id: productId, sellerId: orgId, category: p.category, nameZh: p.nameZh, nameEn: p.nameEn, descriptionZh: p.descriptionZh, descriptionEn: p.descriptionEn, originCounty: p.originCounty, tempClass: p.tempClass, shelfLifeDays: p.shelfLifeDays, status });
    for (const k of p.packs) {
      const variantId = randomUUID();
      variantRows.push({
        id: variantId,
        productId,
        sku: k.sku ?? generated.get(p.originCounty)!.shift()!,
        unit: k.unit,
        label: composePackLabel(k, "zh"),
        itemCount: k.itemCount,
        itemNetWeightGrams: k.itemNetWeightGrams,
        netWeightGrams: k.netWeightGrams,
        minOrderQuantity: k.minOrderQuantity,
        orderMultiple: k.orderMultiple,
        volumeCm3: k.volumeCm3,
        variableWeight: k.variableWeight,
        active: true,
      });
      for (const t of k.tiers) tierRows.push({ id: randomUUID(), variantId, minQuantity: t.minQuantity, unitPriceFen: t.unitPriceFen });
    }
  }
  await insertRows(tx, "products", PRODUCT_COLUMNS, productRows);
  await insertRows(tx, "variants", VARIANT_COLUMNS, variantRows);
  await insertRows(tx, "price_tiers", TIER_COLUMNS, tierRows);
  return productRows.map((r) => r.id as string);
}
