/**
 * GET /api/v1/catalog: listed products with their active packs, the caller's prices (its contract price
 * where one applies, else the public tiers — both from the one pricing module) and the packs available
 * now. Pages are ordered by product id and the cursor is the last id seen, so paging never skips or
 * repeats a product however the catalogue changes in between. Search words go through the search engine
 * (its best MAX_SEARCH_MATCHES matches), then the same id order applies.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { ProductCategory } from "~/generated/prisma/enums";
import { LISTED } from "~/modules/catalog/catalog.server";
import { loadContractPrices } from "~/modules/orders/ordering-data.server";
import { priceSchedule } from "~/modules/pricing";
import { searchEngine } from "~/modules/search/index.server";
import { available } from "~/modules/stock/balance";
import { cleanSearchText } from "~/utils/search-text";
import type { CatalogPage, CatalogProduct } from "./schemas";

/** How many search matches a query with words pages through (the engine's best, by relevance). */
export const MAX_SEARCH_MATCHES = 1000;
const SEARCH_PAGE_SIZE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The opaque cursor for "after this product". */
export function encodeCursor(productId: string): string {
  return Buffer.from(`p:${productId}`, "utf8").toString("base64url");
}

/** The product id a cursor stands for, or null when it is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const id = text.startsWith("p:") ? text.slice(2) : "";
  return UUID.test(id) ? id : null;
}

const PRODUCT_SELECT = {
  id: true,
  nameZh: true,
  nameEn: true,
  category: true,
  originCounty: true,
  tempClass: true,
  seller: { select: { id: true, name: true, nameEn: true, minOrderValueFen: true } },
  variants: {
    where: { active: true },
    select: {
      id: true,
      sku: true,
      unit: true,
      itemCount: true,
      netWeightGrams: true,
      variableWeight: true,
      minOrderQuantity: true,
      orderMultiple: true,
      priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } },
      stockBalance: { select: { onHand: true, reserved: true } },
    },
    orderBy: [{ netWeightGrams: "asc" }, { id: "asc" }],
  },
} as const satisfies Prisma.ProductSelect;

/** Ids of the products matching the words (and category), ascending, after `after`. */
async function matchingIds(db: PrismaClient, q: string, category: ProductCategory | undefined, after: string | null): Promise<string[]> {
  const engine = searchEngine();
  const ids: string[] = [];
  for (let page = 1; ids.length < MAX_SEARCH_MATCHES; page++) {
    const result = await engine.search(db, { q, category, sort: "relevance", page, pageSize: SEARCH_PAGE_SIZE });
    ids.push(...result.hits.map((h) => h.id.toLowerCase()));
    if (result.hits.length < SEARCH_PAGE_SIZE || page >= result.pages) break;
  }
  return [...new Set(ids.slice(0, MAX_SEARCH_MATCHES))].filter((id) => after === null || id > after).sort();
}

/** One page of the catalogue as the buyer organization sees it at `now`. */
export async function apiCatalogPage(
  db: PrismaClient,
  buyerId: string,
  query: { q?: string; category?: ProductCategory; limit: number; after: string | null },
  now: Date,
): Promise<CatalogPage> {
  const q = cleanSearchText(query.q);
  let rows: Prisma.ProductGetPayload<{ select: typeof PRODUCT_SELECT }>[];
  if (q) {
    const ids = await matchingIds(db, q, query.category, query.after);
    // A match unlisted since the engine answered drops out; read a few extra ids to fill the page anyway.
    const window = ids.slice(0, query.limit * 2 + 1);
    const found = await db.product.findMany({ where: { id: { in: window }, ...LISTED }, select: PRODUCT_SELECT });
    const byId = new Map(found.map((p) => [p.id.toLowerCase(), p]));
    rows = window.flatMap((id) => byId.get(id) ?? []).slice(0, query.limit + 1);
  } else {
    rows = await db.product.findMany({
      where: { ...LISTED, ...(query.category ? { category: query.category } : {}), ...(query.after ? { id: { gt: query.after } } : {}) },
      select: PRODUCT_SELECT,
      orderBy: { id: "asc" },
      take: query.limit + 1,
    });
  }
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const contracts = await loadContractPrices(db, buyerId, page.flatMap((p) => p.variants.map((v) => v.id)));
  const items: CatalogProduct[] = page.map((p) => ({
    id: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    category: p.category,
    originCounty: p.originCounty,
    tempClass: p.tempClass,
    seller: p.seller,
    packs: p.variants.flatMap((v) => {
      const schedule = priceSchedule({ tiers: v.priceTiers, netWeightGrams: v.netWeightGrams, variableWeight: v.variableWeight, minOrderQuantity: v.minOrderQuantity }, contracts.get(v.id.toLowerCase()) ?? [], now);
      // A pack without any price cannot be ordered: it is not offered.
      if (schedule.rows.length === 0) return [];
      return [
        {
          sku: v.sku,
          unit: v.unit,
          itemCount: v.itemCount,
          netWeightGrams: v.netWeightGrams,
          variableWeight: v.variableWeight,
          minOrderQuantity: v.minOrderQuantity,
          orderMultiple: v.orderMultiple,
          priceSource: schedule.source,
          prices: schedule.rows,
          available: Math.max(0, v.stockBalance ? available(v.stockBalance) : 0),
        },
      ];
    }),
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(last.id.toLowerCase()) : null };
}
