import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { PackUnit, ProductCategory, ProductStatus, TempClass } from "~/generated/prisma/enums";
import { pageCount, type Page } from "~/utils/pagination";
import { cleanSearchText } from "~/utils/search-text";
import { searchEngine, type SearchSort } from "~/modules/search/index.server";
export { CATEGORIES, parseCategory } from "./categories";
import { parseCertificates, type Certificate } from "./certificates";
import { PHOTO_ORDER, PHOTO_SELECT, toPhotoView } from "~/modules/images/select";
import type { PhotoView } from "~/modules/images/urls";

export const CATALOG_PAGE_SIZE = 24;

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
    select: { unit: true, priceTiers: { select: { unitPriceFen: true }, orderBy: { unitPriceFen: "asc" }, take: 1 } },
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
    photos: p.photos.map(toPhotoView),
  };
}

/**
 * Listed products in an optional category, one page: newest first when browsing; with a search text, through the
 * search engine (segmented Chinese, pinyin, synonyms, typos — app/modules/search), in its relevance order.
 */
export interface CatalogQuery {
  q?: string;
  category?: ProductCategory;
  originCounty?: string;
  tempClass?: TempClass;
  /** Relevance applies to a search; browsing without one lists newest first. */
  sort?: SearchSort;
  page: number;
}

export async function listCatalog(db: PrismaClient, query: CatalogQuery): Promise<Page<CatalogItem>> {
  const q = cleanSearchText(query.q);
  if (q || query.sort === "price_per_kg") {
    const result = await searchEngine().search(db, {
      q,
      category: query.category,
      originCounty: query.originCounty,
      tempClass: query.tempClass,
      sort: query.sort,
      page: query.page,
      pageSize: CATALOG_PAGE_SIZE,
    });
    const ids = result.hits.map((h) => h.id);
    const rows = ids.length ? await db.product.findMany({ where: { id: { in: ids }, ...LISTED }, select: CATALOG_ITEM_SELECT }) : [];
    const byId = new Map(rows.map((p) => [p.id, p]));
    return {
      items: ids.flatMap((id) => {
        const p = byId.get(id);
        return p ? [toCatalogItem(p)] : [];
      }),
      total: result.total,
      page: result.page,
      pages: result.pages,
    };
  }
  const where = browseWhere(query);
  const total = await db.product.count({ where });
  const pages = pageCount(total, CATALOG_PAGE_SIZE);
  const page = Math.min(query.page, pages);
  const rows = await db.product.findMany({
    where,
    select: CATALOG_ITEM_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * CATALOG_PAGE_SIZE,
    take: CATALOG_PAGE_SIZE,
  });
  return { items: rows.map(toCatalogItem), total, page, pages };
}

function browseWhere(query: CatalogQuery): Prisma.ProductWhereInput {
  return {
    ...LISTED,
    ...(query.category ? { category: query.category } : {}),
    ...(query.originCounty ? { originCounty: query.originCounty } : {}),
    ...(query.tempClass ? { tempClass: query.tempClass } : {}),
  };
}

/** Counts for the county and temperature chips under the current search and filters. */
export interface CatalogFacets {
  originCounty: Record<string, number>;
  tempClass: Record<string, number>;
}

/** Facet counts of the catalogue query: from the search engine's same query when searching, else from the listed products. */
export async function catalogFacets(db: PrismaClient, query: CatalogQuery): Promise<CatalogFacets> {
  const q = cleanSearchText(query.q);
  if (q) {
    const r = await searchEngine().search(db, { q, category: query.category, originCounty: query.originCounty, tempClass: query.tempClass, pageSize: 1, facets: true });
    return { originCounty: r.facets?.originCounty ?? {}, tempClass: r.facets?.tempClass ?? {} };
  }
  const where = browseWhere(query);
  const [counties, temps] = await Promise.all([
    db.product.groupBy({ by: ["originCounty"], where, _count: { _all: true }, orderBy: { originCounty: "asc" } }),
    db.product.groupBy({ by: ["tempClass"], where, _count: { _all: true }, orderBy: { tempClass: "asc" } }),
  ]);
  return {
    originCounty: Object.fromEntries(counties.map((c) => [c.originCounty, c._count._all])),
    tempClass: Object.fromEntries(temps.map((c) => [c.tempClass, c._count._all])),
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
  seller: { id: string; name: string; nameEn: string | null; county: string };
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
    /** Harvest or production windows that have not ended yet, soonest first. */
    harvestWindows: { availableFrom: Date; availableTo: Date; expectedPacksPerWeek: number; note: string }[];
    lots: { id: string; code: string; producedAt: Date; expiresAt: Date; certificates: Certificate[] }[];
  }[];
  /** All photos, cover first. */
  photos: PhotoView[];
}

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
      seller: { select: { id: true, name: true, nameEn: true, county: true, verificationStatus: true, suspendedAt: true } },
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
          harvestWindows: {
            // Ended windows drop off from the next day in Beijing time (UTC+8, no daylight saving).
            where: { availableTo: { gte: new Date(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)) } },
            select: { availableFrom: true, availableTo: true, expectedPacksPerWeek: true, note: true },
            orderBy: { availableFrom: "asc" },
          },
          lots: { select: { id: true, code: true, producedAt: true, expiresAt: true, certificates: true }, orderBy: { producedAt: "desc" }, take: LOTS_PER_VARIANT },
        },
      },
      photos: { select: PHOTO_SELECT, orderBy: PHOTO_ORDER },
    },
  });
  if (!p) return null;
  const { verificationStatus, suspendedAt, ...seller } = p.seller;
  if (options.activeOnly && (p.status !== "active" || verificationStatus !== "verified" || suspendedAt !== null)) return null;
  return {
    ...p,
    seller,
    variants: p.variants.map((v) => ({ ...v, lots: v.lots.map((l) => ({ ...l, certificates: parseCertificates(l.certificates) })) })),
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
