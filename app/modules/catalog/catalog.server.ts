import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OrgKind, PackUnit, ProductCategory, ProductStatus, TempClass } from "~/generated/prisma/enums";
import { isUuid, type Page } from "~/utils/pagination";
import { cleanSearchText } from "~/utils/search-text";
import { searchEngine, type FacetCounts, type SearchQuery, type SearchSort } from "~/modules/search/index.server";
export { CATEGORIES, parseCategory } from "./categories";
import { parseCertificates, type Certificate } from "./certificates";
import { lowestPricePerKgFen } from "./packs";
import { PHOTO_ORDER, PHOTO_SELECT, toPhotoView } from "~/modules/images/select";
import type { PhotoView } from "~/modules/images/urls";

// 48 fills whole rows of 2, 3 or 4 cards; photos below the fold load lazily.
export const CATALOG_PAGE_SIZE = 48;

/** What buyers may see: active products of verified, unsuspended sellers. */
export const LISTED = { status: "active", seller: { verificationStatus: "verified", suspendedAt: null } } satisfies Prisma.ProductWhereInput;

export interface CatalogItem {
  id: string;
  nameZh: string;
  nameEn: string;
  category: ProductCategory;
  originCounty: string;
  tempClass: TempClass;
  sellerName: string;
  sellerNameEn: string | null;
  /** Cheapest price of any tier of any active pack, with that pack's unit. */
  lowest: { unitPriceFen: number; unit: PackUnit } | null;
  /** Cheapest price per kg of any active pack's tiers, in fen: what the price-per-kg sort orders by. */
  perKgFen: number | null;
  /** The cover photo (position 0) when there is one: a list of at most one. */
  photos: PhotoView[];
}

/** Lowest tier price across packs (null when no pack has a price). */
export function lowestPrice(variants: { unit: PackUnit; priceTiers: { unitPriceFen: number }[] }[]): CatalogItem["lowest"] {
  let best: CatalogItem["lowest"] = null;
  for (const v of variants) for (const t of v.priceTiers) if (!best || t.unitPriceFen < best.unitPriceFen) best = { unitPriceFen: t.unitPriceFen, unit: v.unit };
  return best;
}

const CATALOG_ITEM_SELECT = {
  id: true,
  nameZh: true,
  nameEn: true,
  category: true,
  originCounty: true,
  tempClass: true,
  seller: { select: { name: true, nameEn: true } },
  variants: {
    where: { active: true },
    select: { unit: true, netWeightGrams: true, priceTiers: { select: { unitPriceFen: true }, orderBy: { unitPriceFen: "asc" }, take: 1 } },
  },
  photos: { select: PHOTO_SELECT, orderBy: PHOTO_ORDER, take: 1 },
} satisfies Prisma.ProductSelect;

function toCatalogItem(p: Prisma.ProductGetPayload<{ select: typeof CATALOG_ITEM_SELECT }>): CatalogItem {
  return {
    id: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    category: p.category,
    originCounty: p.originCounty,
    tempClass: p.tempClass,
    sellerName: p.seller.name,
    sellerNameEn: p.seller.nameEn,
    lowest: lowestPrice(p.variants),
    perKgFen: lowestPricePerKgFen(p.variants),
    photos: p.photos.map(toPhotoView),
  };
}

/** In stock now, or not in stock but with a harvest or production window starting soon. */
export type StockFilter = "in" | "soon";

/** What the catalogue lists: search words, filters (the route has dropped unknown values), sort and page. */
export interface CatalogQuery {
  q?: string;
  category?: ProductCategory;
  originCounty?: string;
  tempClass?: TempClass;
  sellerId?: string;
  /** A certificate kind as lots record it (green_food, geo_indication …). */
  certKind?: string;
  stock?: StockFilter;
  /** Relevance applies to a search; browsing without words lists the newest first. */
  sort?: SearchSort;
  page: number;
  pageSize?: number;
}

/** The sort a query really gets: relevance means nothing without words, so browsing is newest first. */
export function effectiveSort(q: string | undefined, sort: SearchSort | undefined): SearchSort {
  if (!cleanSearchText(q)) return !sort || sort === "relevance" ? "newest" : sort;
  return sort ?? "relevance";
}

function engineQuery(query: CatalogQuery, facets: boolean): SearchQuery {
  return {
    q: cleanSearchText(query.q),
    category: query.category,
    originCounty: query.originCounty,
    tempClass: query.tempClass,
    sellerId: query.sellerId,
    certKind: query.certKind,
    inStock: query.stock === "in" || undefined,
    availableSoon: query.stock === "soon" || undefined,
    sort: effectiveSort(query.q, query.sort),
    page: query.page,
    pageSize: query.pageSize ?? CATALOG_PAGE_SIZE,
    facets,
  };
}

/** The cards of the given products in the given order (a product unlisted since the engine answered drops out). */
async function catalogItems(db: PrismaClient, ids: string[]): Promise<CatalogItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.product.findMany({ where: { id: { in: ids }, ...LISTED }, select: CATALOG_ITEM_SELECT });
  const byId = new Map(rows.map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    return p ? [toCatalogItem(p)] : [];
  });
}

/** Listed products matching the query, one page, through the search engine (browsing without words too). */
export async function listCatalog(db: PrismaClient, query: CatalogQuery): Promise<Page<CatalogItem>> {
  const result = await searchEngine().search(db, engineQuery(query, false));
  return { items: await catalogItems(db, result.hits.map((h) => h.id)), total: result.total, page: result.page, pages: result.pages };
}

/** A seller as the seller facet shows it. */
export interface CatalogSeller {
  id: string;
  name: string;
  nameEn: string | null;
}

/** Counts for every facet under the current words and filters, from the engine's one query. */
export interface CatalogFacets {
  category: Record<string, number>;
  originCounty: Record<string, number>;
  tempClass: Record<string, number>;
  /** Sellers with matches, most matches first, with their names. */
  sellers: (CatalogSeller & { count: number })[];
  certKind: Record<string, number>;
  inStock: number;
  availableSoon: number;
}

/** One catalogue page with its facet counts. */
export interface CatalogResult extends Page<CatalogItem> {
  facets: CatalogFacets;
  /** The seller filtered by; null when there is no seller filter or its id is not a listed seller's (the filter is dropped). */
  seller: CatalogSeller | null;
}

const LISTED_SELLER = { verificationStatus: "verified", suspendedAt: null } satisfies Prisma.OrganizationWhereInput;

/** A listed (verified, unsuspended) seller by id, or null. */
async function listedSeller(db: PrismaClient, id: string): Promise<CatalogSeller | null> {
  if (!isUuid(id)) return null;
  return db.organization.findFirst({ where: { id, ...LISTED_SELLER }, select: { id: true, name: true, nameEn: true } });
}

/** One page and the counts of every facet, from one engine query whether or not there are words. */
export async function searchCatalog(db: PrismaClient, query: CatalogQuery): Promise<CatalogResult> {
  const seller = query.sellerId ? await listedSeller(db, query.sellerId) : null;
  const effective = { ...query, sellerId: seller?.id };
  const result = await searchEngine().search(db, engineQuery(effective, true));
  const items = await catalogItems(db, result.hits.map((h) => h.id));
  const facets = await catalogFacets(db, result.facets);
  return { items, total: result.total, page: result.page, pages: result.pages, facets, seller };
}

/** The engine's facet counts as the page shows them, with the names of the sellers they count. */
export async function catalogFacets(db: PrismaClient, counts: FacetCounts | undefined): Promise<CatalogFacets> {
  const bySeller = Object.entries(counts?.sellerId ?? {}).filter(([id, n]) => isUuid(id) && n > 0);
  const names = bySeller.length ? await db.organization.findMany({ where: { id: { in: bySeller.map(([id]) => id) } }, select: { id: true, name: true, nameEn: true } }) : [];
  const nameOf = new Map(names.map((o) => [o.id, o]));
  const sellers = bySeller
    .flatMap(([id, count]) => {
      const o = nameOf.get(id);
      return o ? [{ ...o, count }] : [];
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "zh-CN"));
  return {
    category: counts?.category ?? {},
    originCounty: counts?.originCounty ?? {},
    tempClass: counts?.tempClass ?? {},
    sellers,
    certKind: counts?.certKind ?? {},
    inStock: counts?.inStock?.true ?? 0,
    availableSoon: counts?.availableSoon?.true ?? 0,
  };
}

export interface ProductDetail {
  id: string;
  sellerId: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  category: ProductCategory;
  originCounty: string;
  tempClass: TempClass;
  shelfLifeDays: number;
  status: ProductStatus;
  updatedAt: Date;
  /** The seller's public profile: intro, verification, the first profile photo (served by /sellers/:id/photos/:fileId). */
  seller: { id: string; kind: OrgKind; name: string; nameEn: string | null; county: string; descriptionZh: string; descriptionEn: string; verified: boolean; photoId: string | null };
  variants: {
    id: string;
    sku: string;
    unit: PackUnit;
    label: string;
    netWeightGrams: number;
    itemCount: number;
    itemNetWeightGrams: number;
    minOrderQuantity: number;
    orderMultiple: number;
    variableWeight: boolean;
    active: boolean;
    priceTiers: { minQuantity: number; unitPriceFen: number }[];
    /** Packs that can be sold now: on hand less reserved for open orders (0 without a stock balance). */
    available: number;
    /** Harvest or production windows that have not ended yet, soonest first. */
    harvestWindows: { availableFrom: Date; availableTo: Date; expectedPacksPerWeek: number; note: string }[];
    /** Newest first: the first is the pack's current lot. */
    lots: { id: string; code: string; producedAt: Date; expiresAt: Date; certificates: Certificate[] }[];
  }[];
  /** All photos, cover first. */
  photos: PhotoView[];
}

/** The organization files anyone may see: profile photos (pictures, never licences or PDFs). */
export const PUBLIC_PROFILE_PHOTO = { kind: "profile_photo", contentType: { in: ["image/jpeg", "image/png", "image/webp"] } } satisfies Prisma.OrganizationFileWhereInput;

const LOTS_PER_VARIANT = 5;

/** One product with packs, tiers and recent lots; `activeOnly` hides drafts, archived products and inactive packs (the buyer view). */
export async function getProduct(db: PrismaClient, id: string, options: { activeOnly: boolean }): Promise<ProductDetail | null> {
  const p = await db.product.findUnique({
    where: { id },
    select: {
      id: true,
      sellerId: true,
      nameZh: true,
      nameEn: true,
      descriptionZh: true,
      descriptionEn: true,
      category: true,
      originCounty: true,
      tempClass: true,
      shelfLifeDays: true,
      status: true,
      updatedAt: true,
      seller: {
        select: {
          id: true,
          kind: true,
          name: true,
          nameEn: true,
          county: true,
          descriptionZh: true,
          descriptionEn: true,
          verificationStatus: true,
          suspendedAt: true,
          files: { where: PUBLIC_PROFILE_PHOTO, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1 },
        },
      },
      variants: {
        where: options.activeOnly ? { active: true } : {},
        orderBy: [{ netWeightGrams: "asc" }, { sku: "asc" }],
        select: {
          id: true,
          sku: true,
          unit: true,
          label: true,
          netWeightGrams: true,
          itemCount: true,
          itemNetWeightGrams: true,
          minOrderQuantity: true,
          orderMultiple: true,
          variableWeight: true,
          active: true,
          priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } },
          stockBalance: { select: { onHand: true, reserved: true } },
          harvestWindows: {
            // Ended windows drop off from the next day in Beijing time (UTC+8, no daylight saving).
            where: { availableTo: { gte: new Date(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)) } },
            select: { availableFrom: true, availableTo: true, expectedPacksPerWeek: true, note: true },
            orderBy: { availableFrom: "asc" },
          },
          lots: { select: { id: true, code: true, producedAt: true, expiresAt: true, certificates: true }, orderBy: [{ producedAt: "desc" }, { createdAt: "desc" }], take: LOTS_PER_VARIANT },
        },
      },
      photos: { select: PHOTO_SELECT, orderBy: PHOTO_ORDER },
    },
  });
  if (!p) return null;
  const { verificationStatus, suspendedAt, files, ...seller } = p.seller;
  if (options.activeOnly && (p.status !== "active" || verificationStatus !== "verified" || suspendedAt !== null)) return null;
  return {
    ...p,
    seller: { ...seller, verified: verificationStatus === "verified" && suspendedAt === null, photoId: files[0]?.id ?? null },
    variants: p.variants.map(({ stockBalance, ...v }) => ({
      ...v,
      available: stockBalance ? Math.max(0, stockBalance.onHand - stockBalance.reserved) : 0,
      lots: v.lots.map((l) => ({ ...l, certificates: parseCertificates(l.certificates) })),
    })),
    photos: p.photos.map(toPhotoView),
  };
}

/** Counts for the public landing page. */
export async function marketplaceStats(db: PrismaClient): Promise<{ products: number; sellers: number }> {
  const [products, sellers] = await Promise.all([
    db.product.count({ where: LISTED }),
    db.organization.count({ where: { kind: { in: ["cooperative", "snack_supplier"] }, verificationStatus: "verified", suspendedAt: null } }),
  ]);
  return { products, sellers };
}
