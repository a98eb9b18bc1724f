/**
 * The photo pipeline: an upload is checked by its content (not its name), then decoded once, turned
 * upright from its EXIF orientation, stripped of every bit of metadata (GPS included) and encoded as
 * WebP variants plus a tiny blur placeholder. Nothing here touches storage or the database.
 */
import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata, type OutputInfo, type WebpOptions } from "sharp";
import { MAX_INPUT_PIXELS, megabytes, orientedSize, planPlaceholder, planVariants, type PhotoRefusal } from "./plan";

/** Formats sharp decodes and we accept as photos. */
const ACCEPTED = new Set(["image/jpeg", "image/png", "image/webp", "image/avif"]);
/** HEIF containers (iPhone photos): accepted only if the bundled libvips can decode them (HEVC it cannot). */
const HEIF = new Set(["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"]);

/** WebP settings: quality 80 as sharp's default; effort 4 for the larger variants, less for the small ones. */
const WEBP = { quality: 80, effort: 4 } as const;
const WEBP_SMALL = { quality: 78, effort: 3 } as const;
const WEBP_PLACEHOLDER = { quality: 40, effort: 2 } as const;

/** Thrown (and caught by the photos module) when an upload is not acceptable. */
export class PhotoRefused extends Error {
  constructor(public readonly refusal: PhotoRefusal) {
    super(`photo refused: ${refusal.code}`);
    this.name = "PhotoRefused";
  }
}

export interface ProcessOptions {
  /** Largest upload in bytes (from MAX_UPLOAD_MB). */
  maxBytes: number;
  /** Most decoded pixels (default 50 megapixels). */
  maxPixels?: number;
}

export interface ProcessedVariant {
  width: number;
  height: number;
  body: Buffer;
}

export interface ProcessedPhoto {
  /** The format the upload really was (by content). */
  sourceType: string;
  /** Upright size of the original. */
  width: number;
  height: number;
  /** WebP variants, smallest first. */
  variants: ProcessedVariant[];
  /** data:image/webp;base64,… */
  placeholder: string;
}

/**
 * What the bytes are, by their content: an accepted photo type, HEIF (HEIC), or not a photo at all.
 * A PDF renamed .jpg is "other"; so is text, SVG, GIF or TIFF.
 */
export async function detectPhotoType(body: Uint8Array): Promise<{ kind: "photo"; mime: string } | { kind: "heif"; mime: string } | { kind: "other"; mime?: string }> {
  const type = await fileTypeFromBuffer(body);
  if (!type) return { kind: "other" };
  if (ACCEPTED.has(type.mime)) return { kind: "photo", mime: type.mime };
  if (HEIF.has(type.mime)) return { kind: "heif", mime: type.mime };
  return { kind: "other", mime: type.mime };
}

/** Checks an upload (size, type, pixel count) without decoding its pixels; returns the upright size. */
export async function inspectPhoto(body: Buffer, options: ProcessOptions): Promise<{ sourceType: string; width: number; height: number }> {
  const maxPixels = options.maxPixels ?? MAX_INPUT_PIXELS;
  if (body.length === 0) throw new PhotoRefused({ code: "empty" });
  if (body.length > options.maxBytes) throw new PhotoRefused({ code: "tooLarge", params: { limit: megabytes(options.maxBytes), size: megabytes(body.length) } });
  const type = await detectPhotoType(body);
  if (type.kind === "other") throw new PhotoRefused({ code: "notImage" });
  let meta: Metadata;
  try {
    // Reads the header only: a decompression bomb is caught here before a single row is decoded.
    meta = await sharp(body, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoRefused({ code: type.kind === "heif" ? "heic" : "unreadable" });
  }
  if (type.kind === "heif" && meta.compression !== "av1") throw new PhotoRefused({ code: "heic" });
  if (!meta.width || !meta.height) throw new PhotoRefused({ code: "unreadable" });
  if (meta.width * meta.height > maxPixels) {
    throw new PhotoRefused({ code: "tooManyPixels", params: { width: meta.width, height: meta.height, limit: Math.round(maxPixels / 1_000_000) } });
  }
  return { sourceType: type.mime, ...orientedSize(meta.width, meta.height, meta.orientation) };
}

/**
 * Checks and processes one upload: decoded once (upright, sRGB, 8 bit) at the largest variant's width,
 * then every smaller variant and the placeholder are encoded from those pixels in parallel. The output
 * carries no metadata at all (no EXIF, GPS, XMP or ICC: WebP in sRGB).
 */
export async function processPhoto(body: Buffer, options: ProcessOptions): Promise<ProcessedPhoto> {
  const maxPixels = options.maxPixels ?? MAX_INPUT_PIXELS;
  const original = await inspectPhoto(body, options);
  const plan = planVariants(original);
  const top = plan[plan.length - 1];
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await sharp(body, { limitInputPixels: maxPixels, failOn: "error" })
      .rotate()
      .resize({ width: top.width, height: top.height, fit: "fill", withoutEnlargement: true })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new PhotoRefused({ code: "tooManyPixels", params: { width: original.width, height: original.height, limit: Math.round(maxPixels / 1_000_000) } });
    }
    throw new PhotoRefused({ code: "unreadable" });
  }
  const { width, height, channels } = pixels.info;
  const raw = { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } };
  const encode = (size: { width: number; height: number }, webp: WebpOptions) => {
    const image = sharp(pixels.data, raw);
    if (size.width !== width || size.height !== height) image.resize({ width: size.width, height: size.height, fit: "fill" });
    return image.webp(webp).toBuffer();
  };
  const placeholderSize = planPlaceholder(original);
  const [placeholder, ...bodies] = await Promise.all([
    encode(placeholderSize, WEBP_PLACEHOLDER),
    ...plan.map((size) => encode(size, size.width >= 640 ? WEBP : WEBP_SMALL)),
  ]);
  return {
    sourceType: original.sourceType,
    width: original.width,
    height: original.height,
    variants: plan.map((size, i) => ({ ...size, body: bodies[i] })),
    placeholder: `data:image/webp;base64,${placeholder.toString("base64")}`,
  };
}
