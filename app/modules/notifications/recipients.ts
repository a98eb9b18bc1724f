/**
 * Who hears about an order notice (pure): the buyer organization's members for every kind; the
 * seller organization's members for a new order (their own seller order) and a cancellation.
 */
import type { Locale, NotificationKind } from "~/generated/prisma/enums";
import type { OrderNotice } from "./notice";

export type Audience = "buyer" | "seller";

/** Kinds a seller's people are told about, for the seller orders the notice concerns. */
export const SELLER_KINDS: readonly NotificationKind[] = ["order_placed", "order_cancelled"];

export interface MemberFact {
  userId: string;
  organizationId: string;
  role: string;
  active: boolean;
  email: string | null;
  locale: Locale;
  displayName: string;
}

export interface OrderShape {
  buyerId: string;
  sellerOrders: { id: string; sellerId: string }[];
}

export interface Recipient {
  userId: string;
  email: string | null;
  locale: Locale;
  displayName: string;
  audience: Audience;
  /** The seller order a seller's notification is about; for a buyer, the notice's seller order, if any. */
  sellerOrderId: string | null;
}

/** A notice naming a seller order that is not part of its order: a workflow bug, never silently ignored. */
export class UnknownSellerOrderError extends Error {
  constructor(sellerOrderId: string) {
    super(`Seller order ${sellerOrderId} is not part of the notice's order`);
    this.name = "UnknownSellerOrderError";
  }
}

/** The recipients of `notice` on `order`: active buyer-role members of the buyer, active seller-role members of the sellers concerned; each person once per audience and seller order. */
export function selectRecipients(notice: Pick<OrderNotice, "kind" | "sellerOrderId">, order: OrderShape, members: readonly MemberFact[]): Recipient[] {
  if (notice.sellerOrderId && !order.sellerOrders.some((s) => s.id === notice.sellerOrderId)) throw new UnknownSellerOrderError(notice.sellerOrderId);
  const out: Recipient[] = [];
  const seen = new Set<string>();
  const add = (m: MemberFact, audience: Audience, sellerOrderId: string | null) => {
    const key = `${m.userId}|${audience}|${sellerOrderId ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ userId: m.userId, email: m.email, locale: m.locale, displayName: m.displayName, audience, sellerOrderId });
  };
  for (const m of members) {
    if (m.active && m.role === "buyer" && m.organizationId === order.buyerId) add(m, "buyer", notice.sellerOrderId ?? null);
  }
  if (SELLER_KINDS.includes(notice.kind)) {
    const concerned = notice.sellerOrderId ? order.sellerOrders.filter((s) => s.id === notice.sellerOrderId) : order.sellerOrders;
    for (const so of concerned) {
      for (const m of members) {
        if (m.active && m.role === "seller" && m.organizationId === so.sellerId) add(m, "seller", so.id);
      }
    }
  }
  return out;
}
