/**
 * Search documents, engine-neutral: one per listed product, read from the live rows and analysed once
 * (jieba terms, pinyin, synonyms). Both engines store these; a product that is not listed (draft, paused,
 * archived, or its seller unverified or suspended) has no document and is removed from the index.
 */
import { parseCertificates } from "~/modules/catalog/certificates";
import { lowestPricePerKgFen } from "~/modules/catalog/packs";
import type { SearchDb } from "./engine";
import { CATEGORY_TERMS, TEMP_TERMS } from "./synonyms";
import { analyzeDocument, type AnalyzedDocument } from "./text.server";

/** A harvest window starting within this many days makes a product "available soon". */
export const SOON_DAYS = 30;

export interface SearchDocument extends AnalyzedDocument {
  productId: string;
  sellerId: string;
  nameZh: string;
  nameEn: string;
  sellerName: string;
  sellerNameEn: string;
  category: string;
  originCounty: string;
  tempClass: string;
  certKinds: string[];
  inStock: boolean;
  availableSoon: boolean;
  /** Lowest price per kg over the active packs' tiers, fen; null when no pack has a price and a weight. */
  minPricePerKgFen: number | null;
  createdAt: Date;
}

const selectFor = (now: Date) => {
  const soon = new Date(now.getTime() + SOON_DAYS * 86_400_000);
  return {
    id: true,
    sellerId: true,
    nameZh: true,
    nameEn: true,
    category: true,
    originCounty: true,
    tempClass: true,
    status: true,
    createdAt: true,
    seller: { select: { name: true, nameEn: true, verificationStatus: true, suspendedAt: true } },
    variants: {
      where: { active: true },
      select: {
        netWeightGrams: true,
        priceTiers: { select: { unitPriceFen: true } },
        stockBalance: { select: { onHand: true, reserved: true } },
        harvestWindows: { where: { availableTo: { gte: now }, availableFrom: { lte: soon } }, select: { id: true }, take: 1 },
        lots: { select: { certificates: true }, orderBy: { producedAt: "desc" as const }, take: 5 },
      },
    },
  } as const;
};

/**
 * The documents of the given products (at most a few hundred per call) and the ids that have none
 * (missing or not listed), which the engines drop.
 */
export async function loadSearchDocuments(db: SearchDb, productIds: readonly string[], now = new Date()): Promise<{ docs: SearchDocument[]; unlisted: string[] }> {
  const ids = [...new Set(productIds)];
  const products = await db.product.findMany({ where: { id: { in: ids } }, select: selectFor(now) });
  const listed = products.filter((p) => p.status === "active" && p.seller.verificationStatus === "verified" && p.seller.suspendedAt === null);
  const have = new Set(listed.map((p) => p.id));
  const docs = listed.map((p): SearchDocument => {
    const analyzed = analyzeDocument(`${p.nameZh} ${p.originCounty} ${p.seller.name}`, `${p.nameEn} ${p.seller.nameEn ?? ""}`, [
      ...(CATEGORY_TERMS[p.category] ?? []),
      ...(TEMP_TERMS[p.tempClass] ?? []),
    ]);
    const inStock = p.variants.some((v) => v.stockBalance !== null && v.stockBalance.onHand - v.stockBalance.reserved > 0);
    return {
      ...analyzed,
      productId: p.id,
      sellerId: p.sellerId,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      sellerName: p.seller.name,
      sellerNameEn: p.seller.nameEn ?? "",
      category: p.category,
      originCounty: p.originCounty,
      tempClass: p.tempClass,
      certKinds: [...new Set(p.variants.flatMap((v) => v.lots.flatMap((l) => parseCertificates(l.certificates).map((c) => c.kind))))].sort(),
      inStock,
      availableSoon: !inStock && p.variants.some((v) => v.harvestWindows.length > 0),
      minPricePerKgFen: lowestPricePerKgFen(p.variants),
      createdAt: p.createdAt,
    };
  });
  return { docs, unlisted: ids.filter((id) => !have.has(id)) };
}
