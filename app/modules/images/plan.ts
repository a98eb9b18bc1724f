/**
 * Product photo rules without sharp or storage: limits, which variants an upload gets, and the storage
 * keys they live under. Shared by the processing pipeline, the photos module, the media route and the seed.
 */

/** Widths of the responsive WebP variants, smallest first (the catalogue card, the phone gallery, a large screen). */
export const VARIANT_WIDTHS = [320, 640, 1280] as const;
/** Width of the inline blur placeholder (a data: URL small enough to sit in every catalogue row). */
export const PLACEHOLDER_WIDTH = 16;
/** Decoded pixels above which an upload is refused (a decompression bomb declares far more): 50 megapixels. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Photos per product; position 0 is the cover. */
export const MAX_PHOTOS_PER_PRODUCT = 8;
/** A top variant is added at the original's own width only when it is this much larger than the last standard one. */
const OWN_WIDTH_STEP = 1.25;

/** The most bytes one upload may have, from MAX_UPLOAD_MB. */
export function maxUploadBytes(megabytes: number): number {
  return Math.floor(megabytes * 1024 * 1024);
}

/** Megabytes for a message, one decimal at most ("15", "0.5", "200.3"). */
export function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/** Width and height as shown after applying the EXIF orientation (5–8 turn the image by 90°). */
export function orientedSize(width: number, height: number, orientation?: number): { width: number; height: number } {
  return orientation !== undefined && orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}

/** The height of an image `width` wide with the original's aspect ratio (at least 1 px). */
export function scaledHeight(original: { width: number; height: number }, width: number): number {
  return Math.max(1, Math.round((width * original.height) / original.width));
}

/**
 * The variant widths for an (oriented) original: every standard width smaller than the original, topped
 * by the original's own width when it is clearly larger than the last standard one (never upscaled).
 * 4000 → 320/640/1280; 900 → 320/640/900; 700 → 320/640; 200 → 200.
 */
export function planVariantWidths(originalWidth: number): number[] {
  if (!Number.isInteger(originalWidth) || originalWidth < 1) throw new RangeError(`planVariantWidths: bad width ${originalWidth}`);
  const largest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1];
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w <= originalWidth);
  if (widths.length === 0) return [originalWidth];
  const last = widths[widths.length - 1];
  const top = Math.min(originalWidth, largest);
  if (top > last && top >= last * OWN_WIDTH_STEP) widths.push(top);
  return widths;
}

/** Width and height of each planned variant, smallest first. */
export function planVariants(original: { width: number; height: number }): { width: number; height: number }[] {
  return planVariantWidths(original.width).map((width) => ({ width, height: scaledHeight(original, width) }));
}

/** The placeholder's size (the original's aspect ratio, never wider than the original). */
export function planPlaceholder(original: { width: number; height: number }): { width: number; height: number } {
  const width = Math.min(PLACEHOLDER_WIDTH, original.width);
  return { width, height: scaledHeight(original, width) };
}

/** Why a photo is refused before or while it is processed; each has a message "photos.error.<code>". */
export type PhotoRefusalCode = "empty" | "tooLarge" | "notImage" | "heic" | "tooManyPixels" | "unreadable" | "tooMany" | "failed";

/** Refusals worth retrying unchanged (the server could not store the photo just now). */
export function isRetryable(code: PhotoRefusalCode): boolean {
  return code === "failed";
}

export interface PhotoRefusal {
  code: PhotoRefusalCode;
  /** Values for the message's placeholders (limit in MB, dimensions …). */
  params?: Record<string, string | number>;
}

/** How many of `wanted` new photos fit next to `existing` ones. */
export function photosThatFit(existing: number, wanted: number): number {
  return Math.max(0, Math.min(wanted, MAX_PHOTOS_PER_PRODUCT - existing));
}

// ------------------------------------------------------------------------------------------------
// Storage keys: products/<productId>/<photoId>/<width>.webp

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const MEDIA_KEY = new RegExp(`^products/(${UUID})/(${UUID})/([1-9][0-9]{0,4})\\.webp$`);

/** The storage key of one variant. */
export function variantKey(productId: string, photoId: string, width: number): string {
  return `products/${productId}/${photoId}/${width}.webp`;
}

/** Reads a variant key back (lower-case uuids only, as the database writes them); anything else is null. */
export function parseVariantKey(key: string): { productId: string; photoId: string; width: number } | null {
  const m = MEDIA_KEY.exec(key);
  return m ? { productId: m[1], photoId: m[2], width: Number(m[3]) } : null;
}

/** A photo's stored variants (the ProductPhoto.variants column), smallest first. */
export interface StoredVariant {
  width: number;
  key: string;
  bytes: number;
}

/** Validates the ProductPhoto.variants JSON; rows written by anything else yield []. */
export function parseStoredVariants(value: unknown): StoredVariant[] {
  if (!Array.isArray(value)) return [];
  const out: StoredVariant[] = [];
  for (const v of value) {
    if (typeof v !== "object" || v === null) continue;
    const { width, key, bytes } = v as Record<string, unknown>;
    if (typeof width === "number" && typeof key === "string" && typeof bytes === "number") out.push({ width, key, bytes });
  }
  return out.sort((a, b) => a.width - b.width);
}

/**
 * New positions after moving one photo: "earlier"/"later" swap it with its neighbour, "cover" puts it
 * first. Returns the ids in their new order (unchanged when the move is not possible).
 */
export function movePhoto(ids: readonly string[], photoId: string, move: "earlier" | "later" | "cover"): string[] {
  const order = [...ids];
  const i = order.indexOf(photoId);
  if (i === -1) return order;
  const target = move === "cover" ? 0 : move === "earlier" ? i - 1 : i + 1;
  if (target < 0 || target >= order.length || target === i) return order;
  order.splice(i, 1);
  order.splice(target, 0, photoId);
  return order;
}
