/**
 * A seller's public storefront: the profile of a verified, unsuspended seller, the certificates its current lots
 * carry, its listed products newest first, and its public profile photo (re-encoded, so no EXIF or GPS of the
 * original upload ever leaves the server). Anything else — pending, rejected or suspended sellers, buyers, the
 * platform — has no storefront.
 */
import sharp from "sharp";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OrgKind, PackUnit, ProductCategory, TempClass } from "~/generated/prisma/enums";
import { MAX_INPUT_PIXELS } from "~/modules/images/plan";
import { PHOTO_ORDER, PHOTO_SELECT, toPhotoView } from "~/modules/images/select";
import type { PhotoView } from "~/modules/images/urls";
import type { Storage } from "~/modules/storage/index.server";
import { logger } from "~/utils/logger.server";
import { pageCount, type Page } from "~/utils/pagination";
import { LISTED, PUBLIC_PROFILE_PHOTO, lowestPrice } from "./catalog.server";
import { certificateKey, parseCertificates, type Certificate } from "./certificates";
import { lowestPricePerKgFen } from "./packs";

export const STOREFRONT_PAGE_SIZE = 24;
/** Organization kinds that sell. */
export const SELLER_KINDS = ["cooperative", "snack_supplier"] as const satisfies readonly OrgKind[];
/** Certificates shown on a profile at most (the newest lots' first). */
const MAX_CERTIFICATES = 12;
/** Lots looked at for the profile's certificates. */
const CERTIFICATE_LOTS = 200;

/** Sellers with a public storefront. */
export const PUBLIC_SELLER = { kind: { in: [...SELLER_KINDS] }, verificationStatus: "verified", suspendedAt: null } satisfies Prisma.OrganizationWhereInput;

export interface StorefrontSeller {
  id: string;
  kind: OrgKind;
  name: string;
  nameEn: string | null;
  county: string;
  descriptionZh: string;
  descriptionEn: string;
  /** When the platform approved the seller. */
  reviewedAt: Date | null;
  /** The first public profile photo, served by /sellers/:sellerId/photos/:fileId. */
  photoId: string | null;
  /** Distinct certificates of the current lots of its listed packs. */
  certificates: Certificate[];
  /** Listed products. */
  productCount: number;
}

/** The public profile of a seller, or null when it has no storefront (unknown, not a seller, unverified, suspended). */
export async function getStorefrontSeller(db: PrismaClient, sellerId: string, now: Date = new Date()): Promise<StorefrontSeller | null> {
  const org = await db.organization.findFirst({
    where: { id: sellerId, ...PUBLIC_SELLER },
    select: {
      id: true,
      kind: true,
      name: true,
      nameEn: true,
      county: true,
      descriptionZh: true,
      descriptionEn: true,
      reviewedAt: true,
      files: { where: PUBLIC_PROFILE_PHOTO, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1 },
    },
  });
  if (!org) return null;
  const [lots, productCount] = await Promise.all([
    db.lot.findMany({
      // Lots past their expiry no longer vouch for what is on sale.
      where: { expiresAt: { gte: now }, variant: { active: true, product: { sellerId, ...LISTED } } },
      select: { certificates: true },
      orderBy: [{ producedAt: "desc" }, { id: "asc" }],
      take: CERTIFICATE_LOTS,
    }),
    db.product.count({ where: { sellerId, ...LISTED } }),
  ]);
  const { files, ...profile } = org;
  return { ...profile, photoId: files[0]?.id ?? null, certificates: distinctCertificates(lots.flatMap((l) => parseCertificates(l.certificates))), productCount };
}

/** Certificates without repeats: one per kind and number (aliases such as sc_licence and sc count as one kind). */
export function distinctCertificates(certificates: readonly Certificate[], max = MAX_CERTIFICATES): Certificate[] {
  const seen = new Set<string>();
  const out: Certificate[] = [];
  for (const c of certificates) {
    const key = `${certificateKey(c.kind) === "cert.other" ? c.kind : certificateKey(c.kind)}|${c.number ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
    if (out.length >= max) break;
  }
  return out;
}

/** A product card of the storefront. */
export interface StorefrontProduct {
  id: string;
  nameZh: string;
  nameEn: string;
  category: ProductCategory;
  tempClass: TempClass;
  /** Cheapest tier of any active pack, with that pack's unit. */
  lowest: { unitPriceFen: number; unit: PackUnit } | null;
  /** Cheapest price per kilogram of any tier of any active pack. */
  lowestPerKgFen: number | null;
  /** Some active pack has packs to sell now. */
  inStock: boolean;
  /** The cover photo, when there is one. */
  photos: PhotoView[];
}

const CARD_SELECT = {
  id: true,
  nameZh: true,
  nameEn: true,
  category: true,
  tempClass: true,
  variants: {
    where: { active: true },
    select: {
      unit: true,
      netWeightGrams: true,
      // The cheapest tier of a pack is also its cheapest per kilogram: the weight is the pack's.
      priceTiers: { select: { unitPriceFen: true }, orderBy: { unitPriceFen: "asc" }, take: 1 },
      stockBalance: { select: { onHand: true, reserved: true } },
    },
  },
  photos: { select: PHOTO_SELECT, orderBy: PHOTO_ORDER, take: 1 },
} satisfies Prisma.ProductSelect;

function toCard(p: Prisma.ProductGetPayload<{ select: typeof CARD_SELECT }>): StorefrontProduct {
  return {
    id: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    category: p.category,
    tempClass: p.tempClass,
    lowest: lowestPrice(p.variants),
    lowestPerKgFen: lowestPricePerKgFen(p.variants),
    inStock: p.variants.some((v) => (v.stockBalance ? v.stockBalance.onHand - v.stockBalance.reserved : 0) > 0),
    photos: p.photos.map(toPhotoView),
  };
}

/** One page of a seller's listed products, newest first; a page past the end shows the last page. */
export async function listStorefrontProducts(db: PrismaClient, sellerId: string, page: number, pageSize = STOREFRONT_PAGE_SIZE): Promise<Page<StorefrontProduct>> {
  const where = { sellerId, ...LISTED } satisfies Prisma.ProductWhereInput;
  const total = await db.product.count({ where });
  const pages = pageCount(total, pageSize);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await db.product.findMany({
    where,
    select: CARD_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
  });
  return { items: rows.map(toCard), total, page: current, pages };
}

// ---------------------------------------------------------------------------------------------
// The public profile photo

/** The widest the public copy of a profile photo is (it is shown at most 160 px wide, twice that on dense screens). */
export const PROFILE_PHOTO_WIDTH = 480;
const CACHE_ENTRIES = 64;
// Re-encoding costs tens of milliseconds: keep the latest copies (about 30 KB each) in memory.
const encoded = new Map<string, Buffer>();

/** A seller's public profile photo as a metadata-free WebP, or null when it is not a public photo of a public seller. */
export async function getPublicProfilePhoto(db: PrismaClient, storage: Storage, sellerId: string, fileId: string): Promise<Buffer | null> {
  const file = await db.organizationFile.findFirst({
    where: { id: fileId, organizationId: sellerId, ...PUBLIC_PROFILE_PHOTO, organization: PUBLIC_SELLER },
    select: { id: true, storageKey: true },
  });
  if (!file) return null;
  const cached = encoded.get(file.id);
  if (cached) return cached;
  const object = await storage.get(file.storageKey);
  if (!object) return null;
  const body = await encodeProfilePhoto(object.body);
  if (!body) {
    logger.warn({ fileId: file.id }, "profile photo could not be decoded");
    return null;
  }
  if (encoded.size >= CACHE_ENTRIES) encoded.delete(encoded.keys().next().value!);
  encoded.set(file.id, body);
  return body;
}

/** Upright, sRGB, at most PROFILE_PHOTO_WIDTH wide, WebP (which sharp writes without EXIF, GPS, XMP or ICC); null when unreadable. */
export async function encodeProfilePhoto(original: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: PROFILE_PHOTO_WIDTH, height: PROFILE_PHOTO_WIDTH, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .webp({ quality: 78 })
      .toBuffer();
  } catch {
    return null;
  }
}
