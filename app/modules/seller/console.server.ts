import type { PrismaClient } from "~/generated/prisma/client";
import type { PackUnit, ProductStatus, TempClass, ProductCategory } from "~/generated/prisma/enums";
import { getProduct, type ProductDetail } from "~/modules/catalog/catalog.server";
import { pageCount, type Page } from "~/utils/pagination";

export const SELLER_PAGE_SIZE = 20;

/** The organizations a user sells for (memberships with the seller role). */
export function sellerOrganizationIds(memberships: readonly { role: string; organizationId: string }[]): string[] {
  return [...new Set(memberships.filter((m) => m.role === "seller").map((m) => m.organizationId))];
}

/** True when a product's seller is one of the user's selling organizations. */
export function ownsListing(sellerOrgIds: readonly string[], productSellerId: string): boolean {
  return sellerOrgIds.includes(productSellerId);
}

export interface SellerProductRow {
  id: string;
  nameZh: string;
  nameEn: string;
  category: ProductCategory;
  status: ProductStatus;
  tempClass: TempClass;
  updatedAt: Date;
  variants: { id: string; label: string; unit: PackUnit; active: boolean; priceTiers: { minQuantity: number; unitPriceFen: number }[] }[];
}

export interface SellerConsole {
  organizations: { id: string; name: string; kind: string; county: string }[];
  counts: { products: number; active: number; pendingOrders: number };
  products: Page<SellerProductRow>;
}

/** The seller console: the organizations' own products (newest change first) and work waiting for them. */
export async function getSellerConsole(db: PrismaClient, orgIds: readonly string[], page: number): Promise<SellerConsole> {
  const ids = [...orgIds];
  const [organizations, total, active, pendingOrders] = await Promise.all([
    db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, kind: true, county: true }, orderBy: { name: "asc" } }),
    db.product.count({ where: { sellerId: { in: ids } } }),
    db.product.count({ where: { sellerId: { in: ids }, status: "active" } }),
    db.sellerOrder.count({ where: { sellerId: { in: ids }, status: "pending" } }),
  ]);
  const pages = pageCount(total, SELLER_PAGE_SIZE);
  const current = Math.min(page, pages);
  const items = await db.product.findMany({
    where: { sellerId: { in: ids } },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      category: true,
      status: true,
      tempClass: true,
      updatedAt: true,
      variants: {
        select: { id: true, label: true, unit: true, active: true, priceTiers: { select: { minQuantity: true, unitPriceFen: true }, orderBy: { minQuantity: "asc" } } },
        orderBy: [{ netWeightGrams: "asc" }, { sku: "asc" }],
      },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * SELLER_PAGE_SIZE,
    take: SELLER_PAGE_SIZE,
  });
  return { organizations, counts: { products: total, active, pendingOrders }, products: { items, total, page: current, pages } };
}

export type OwnProductResult =
  | { kind: "ok"; product: ProductDetail; stock: Record<string, number>; pendingOrderLines: number }
  | { kind: "not_found" }
  | { kind: "forbidden" };

/**
 * One product for its seller's console. Another seller's product is "forbidden" (not "not_found"):
 * product ids are public in the catalogue, so hiding existence would protect nothing.
 */
export async function getOwnProduct(db: PrismaClient, productId: string, orgIds: readonly string[]): Promise<OwnProductResult> {
  const owner = await db.product.findUnique({ where: { id: productId }, select: { sellerId: true } });
  if (!owner) return { kind: "not_found" };
  if (!ownsListing(orgIds, owner.sellerId)) return { kind: "forbidden" };
  const product = await getProduct(db, productId, { activeOnly: false });
  if (!product) return { kind: "not_found" };
  const variantIds = product.variants.map((v) => v.id);
  const [balances, pendingOrderLines] = await Promise.all([
    db.stockBalance.findMany({ where: { variantId: { in: variantIds } }, select: { variantId: true, onHand: true, reserved: true } }),
    db.orderLine.count({ where: { variantId: { in: variantIds }, sellerOrder: { status: "pending" } } }),
  ]);
  // Available to sell: on hand less what open orders have reserved.
  const stock: Record<string, number> = {};
  for (const id of variantIds) stock[id] = 0;
  for (const b of balances) stock[b.variantId] = b.onHand - b.reserved;
  return { kind: "ok", product, stock, pendingOrderLines };
}
