/**
 * Product photos: add (at most 8; only to the seller's own products), reorder, delete, list. Position 0
 * is the cover. Files are written before their row and removed again when the row cannot be written, so
 * a refused or failed upload leaves neither a row nor a file; a deleted photo's files go once no row
 * refers to them any more (the demo photos are shared by many products).
 */
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { Storage } from "~/modules/storage/index.server";
import { ownsListing } from "~/modules/seller/console.server";
import { logger } from "~/utils/logger.server";
import { MAX_PHOTOS_PER_PRODUCT, movePhoto, parseStoredVariants, parseVariantKey, variantKey, type PhotoRefusal, type StoredVariant } from "./plan";
import { PhotoRefused, processPhoto, type ProcessedPhoto } from "./process.server";
import { PHOTO_ORDER, PHOTO_SELECT, toPhotoView } from "./select";
import type { PhotoView } from "./urls";

export { PHOTO_SELECT, toPhotoView };

type Tx = Prisma.TransactionClient;

export type Ownership = { kind: "ok" } | { kind: "not_found" } | { kind: "forbidden" };

/** Whether the product exists and belongs to one of the organizations. */
export async function checkOwnership(db: PrismaClient | Tx, productId: string, orgIds: readonly string[]): Promise<Ownership> {
  const product = await db.product.findUnique({ where: { id: productId }, select: { sellerId: true } });
  if (!product) return { kind: "not_found" };
  return ownsListing(orgIds, product.sellerId) ? { kind: "ok" } : { kind: "forbidden" };
}

export type PhotoPage =
  | { kind: "ok"; product: { id: string; nameZh: string; nameEn: string; status: string }; photos: PhotoView[] }
  | { kind: "not_found" }
  | { kind: "forbidden" };

/** The seller's photos page of a product: its names and photos; another seller's product is "forbidden". */
export async function getPhotoPage(db: PrismaClient, productId: string, orgIds: readonly string[]): Promise<PhotoPage> {
  const product = await db.product.findUnique({ where: { id: productId }, select: { id: true, sellerId: true, nameZh: true, nameEn: true, status: true } });
  if (!product) return { kind: "not_found" };
  if (!ownsListing(orgIds, product.sellerId)) return { kind: "forbidden" };
  const { sellerId: _seller, ...rest } = product;
  return { kind: "ok", product: rest, photos: await listPhotos(db, productId) };
}

/** A product's photos, cover first. */
export async function listPhotos(db: PrismaClient | Tx, productId: string): Promise<PhotoView[]> {
  const rows = await db.productPhoto.findMany({ where: { productId }, select: PHOTO_SELECT, orderBy: PHOTO_ORDER });
  return rows.map(toPhotoView);
}

/** Locks the product row for the rest of the transaction, so concurrent uploads and moves of one product queue up. */
async function lockProduct(tx: Tx, productId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM products WHERE id = ${productId}::uuid FOR UPDATE`;
  return rows.length === 1;
}

// ------------------------------------------------------------------------------------------------
// Adding

/** One file of an upload: its bytes, or the reason it was refused before it was read in full (too large). */
export type UploadedFile = { name: string; body: Buffer } | { name: string; refused: PhotoRefusal };

export type FileOutcome = { name: string; ok: true; photo: PhotoView } | { name: string; ok: false; refusal: PhotoRefusal };

export type AddPhotosResult = { kind: "not_found" } | { kind: "forbidden" } | { kind: "done"; files: FileOutcome[] };

export interface AddPhotosInput {
  productId: string;
  /** The organizations the user sells for. */
  orgIds: readonly string[];
  files: readonly UploadedFile[];
  /** Largest upload in bytes (MAX_UPLOAD_MB). */
  maxBytes: number;
  maxPixels?: number;
  /** Replaceable in tests (a pipeline that fails on purpose). */
  process?: (body: Buffer) => Promise<ProcessedPhoto>;
}

class TooManyPhotos extends Error {}

/** Writes a processed photo's variants; on a failure removes the ones already written and rethrows. */
async function storeVariants(storage: Storage, productId: string, photoId: string, processed: ProcessedPhoto): Promise<StoredVariant[]> {
  const stored: StoredVariant[] = [];
  try {
    for (const v of processed.variants) {
      const key = variantKey(productId, photoId, v.width);
      await storage.put(key, v.body, "image/webp");
      stored.push({ width: v.width, key, bytes: v.body.length });
    }
    return stored;
  } catch (error) {
    await removeFiles(storage, stored.map((s) => s.key));
    throw error;
  }
}

async function removeFiles(storage: Storage, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    try {
      await storage.delete(key);
    } catch (error) {
      // An orphan file is harmless (the media route serves only keys a row refers to); say so in the log.
      logger.warn({ err: error, key }, "could not delete a photo file");
    }
  }
}

/**
 * Processes and adds photos to a product, one file at a time (each file's outcome is reported; one
 * refused file does not stop the others). A file that does not fit under the 8-photo limit is refused.
 */
export async function addPhotos(db: PrismaClient, storage: Storage, input: AddPhotosInput): Promise<AddPhotosResult> {
  const owner = await checkOwnership(db, input.productId, input.orgIds);
  if (owner.kind !== "ok") return owner;
  const process = input.process ?? ((body: Buffer) => processPhoto(body, { maxBytes: input.maxBytes, maxPixels: input.maxPixels }));
  const files: FileOutcome[] = [];
  let existing = await db.productPhoto.count({ where: { productId: input.productId } });
  for (const file of input.files) {
    if ("refused" in file) {
      files.push({ name: file.name, ok: false, refusal: file.refused });
      continue;
    }
    if (existing >= MAX_PHOTOS_PER_PRODUCT) {
      files.push({ name: file.name, ok: false, refusal: { code: "tooMany", params: { max: MAX_PHOTOS_PER_PRODUCT } } });
      continue;
    }
    const outcome = await addOne(db, storage, input.productId, file, process);
    files.push(outcome);
    if (outcome.ok) existing = outcome.photo.position + 1;
    else if (outcome.refusal.code === "tooMany") existing = MAX_PHOTOS_PER_PRODUCT;
  }
  return { kind: "done", files };
}

async function addOne(db: PrismaClient, storage: Storage, productId: string, file: { name: string; body: Buffer }, process: (body: Buffer) => Promise<ProcessedPhoto>): Promise<FileOutcome> {
  let processed: ProcessedPhoto;
  try {
    processed = await process(file.body);
  } catch (error) {
    if (error instanceof PhotoRefused) return { name: file.name, ok: false, refusal: error.refusal };
    logger.warn({ err: error, productId, file: file.name }, "photo processing failed");
    return { name: file.name, ok: false, refusal: { code: "unreadable" } };
  }
  const photoId = randomUUID();
  let stored: StoredVariant[];
  try {
    stored = await storeVariants(storage, productId, photoId, processed);
  } catch (error) {
    logger.error({ err: error, productId, storage: storage.kind }, "could not store a photo");
    return { name: file.name, ok: false, refusal: { code: "failed" } };
  }
  try {
    const photo = await db.$transaction(async (tx) => {
      if (!(await lockProduct(tx, productId))) throw new TooManyPhotos("product gone");
      const count = await tx.productPhoto.count({ where: { productId } });
      if (count >= MAX_PHOTOS_PER_PRODUCT) throw new TooManyPhotos();
      return tx.productPhoto.create({
        data: { id: photoId, productId, position: count, width: processed.width, height: processed.height, placeholder: processed.placeholder, variants: stored as unknown as Prisma.InputJsonValue },
        select: PHOTO_SELECT,
      });
    });
    return { name: file.name, ok: true, photo: toPhotoView(photo) };
  } catch (error) {
    await removeFiles(storage, stored.map((s) => s.key));
    if (error instanceof TooManyPhotos) return { name: file.name, ok: false, refusal: { code: "tooMany", params: { max: MAX_PHOTOS_PER_PRODUCT } } };
    logger.error({ err: error, productId }, "could not save a photo row");
    return { name: file.name, ok: false, refusal: { code: "failed" } };
  }
}

// ------------------------------------------------------------------------------------------------
// Reordering and deleting

export type PhotoChangeResult = { kind: "ok"; photos: PhotoView[] } | { kind: "not_found" } | { kind: "forbidden" } | { kind: "photo_not_found" };

/** Moves a photo one place earlier or later, or makes it the cover; positions stay 0…n−1. */
export async function reorderPhoto(db: PrismaClient, input: { productId: string; photoId: string; move: "earlier" | "later" | "cover"; orgIds: readonly string[] }): Promise<PhotoChangeResult> {
  const owner = await checkOwnership(db, input.productId, input.orgIds);
  if (owner.kind !== "ok") return owner;
  return db.$transaction(async (tx): Promise<PhotoChangeResult> => {
    if (!(await lockProduct(tx, input.productId))) return { kind: "not_found" };
    const rows = await tx.productPhoto.findMany({ where: { productId: input.productId }, select: { id: true, position: true }, orderBy: PHOTO_ORDER });
    if (!rows.some((r) => r.id === input.photoId)) return { kind: "photo_not_found" };
    const order = movePhoto(rows.map((r) => r.id), input.photoId, input.move);
    await renumber(tx, rows, order);
    return { kind: "ok", photos: await listPhotos(tx, input.productId) };
  });
}

/** Writes positions 0…n−1 in the given order, touching only rows whose position changes. */
async function renumber(tx: Tx, rows: readonly { id: string; position: number }[], order: readonly string[]): Promise<void> {
  const current = new Map(rows.map((r) => [r.id, r.position]));
  for (let i = 0; i < order.length; i++) {
    if (current.get(order[i]) !== i) await tx.productPhoto.update({ where: { id: order[i] }, data: { position: i }, select: { id: true } });
  }
}

/** Deletes a photo and (after the row is gone) its files, unless another row still refers to them. */
export async function deletePhoto(db: PrismaClient, storage: Storage, input: { productId: string; photoId: string; orgIds: readonly string[] }): Promise<PhotoChangeResult> {
  const owner = await checkOwnership(db, input.productId, input.orgIds);
  if (owner.kind !== "ok") return owner;
  const outcome = await db.$transaction(async (tx) => {
    if (!(await lockProduct(tx, input.productId))) return { kind: "not_found" as const };
    const photo = await tx.productPhoto.findFirst({ where: { id: input.photoId, productId: input.productId }, select: { id: true, variants: true } });
    if (!photo) return { kind: "photo_not_found" as const };
    await tx.productPhoto.delete({ where: { id: photo.id }, select: { id: true } });
    const rest = await tx.productPhoto.findMany({ where: { productId: input.productId }, select: { id: true, position: true }, orderBy: PHOTO_ORDER });
    await renumber(tx, rest, rest.map((r) => r.id));
    return { kind: "ok" as const, keys: parseStoredVariants(photo.variants).map((v) => v.key), photos: await listPhotos(tx, input.productId) };
  });
  if (outcome.kind !== "ok") return outcome;
  const unused: string[] = [];
  for (const key of outcome.keys) if (!(await isKeyReferenced(db, key))) unused.push(key);
  await removeFiles(storage, unused);
  return { kind: "ok", photos: outcome.photos };
}

// ------------------------------------------------------------------------------------------------
// Serving

/** True when some photo row refers to the key (its own photo's row first: one primary-key lookup). */
export async function isKeyReferenced(db: PrismaClient | Tx, key: string): Promise<boolean> {
  const parsed = parseVariantKey(key);
  if (!parsed) return false;
  const own = await db.productPhoto.findUnique({ where: { id: parsed.photoId }, select: { variants: true } });
  if (own && parseStoredVariants(own.variants).some((v) => v.key === key)) return true;
  // Shared files (the demo photos): another row may point at them.
  const shared = await db.productPhoto.findFirst({ where: { variants: { array_contains: [{ key }] } }, select: { id: true } });
  return shared !== null;
}
