/**
 * Turning an order notice into rows: Notification rows for every recipient and, for those with an
 * e-mail address, EmailMessage rows (the outbox). Idempotent: both tables are keyed by the notice's
 * dedupe key, and existing rows are left alone, so a retried job or a duplicated notice writes nothing new.
 */
import type { Prisma } from "~/generated/prisma/client";
import { noticeKey, type OrderNotice } from "./notice";
import { selectRecipients, type MemberFact, type Recipient } from "./recipients";
import { renderEmail, type NotificationParams, type ShortLineParam } from "./render";

type Db = Prisma.TransactionClient;

export interface WrittenNotice {
  /** Recipients found (rows written now or by an earlier attempt). */
  recipients: number;
  /** Notification rows inserted by this call (0 on a retry). */
  inserted: number;
  /** Dedupe keys of the notice's e-mails (new and earlier ones): what the delivery step sends. */
  emailKeys: string[];
}

const MAX_REASON = 500;

/** The notification's dedupe key for one recipient (unique with the user id). */
export function notificationDedupeKey(notice: OrderNotice, recipient: Pick<Recipient, "audience" | "sellerOrderId">): string {
  return `${noticeKey(notice)}:${recipient.audience}:${recipient.sellerOrderId ?? "-"}`;
}

/** The e-mail's dedupe key for one recipient (unique on its own). */
export function emailDedupeKey(notice: OrderNotice, recipient: Pick<Recipient, "audience" | "sellerOrderId" | "userId">): string {
  return `${notificationDedupeKey(notice, recipient)}:${recipient.userId}`;
}

function detailString(details: Record<string, unknown> | undefined, key: string): string {
  const v = details?.[key];
  return typeof v === "string" ? v.slice(0, MAX_REASON) : "";
}

function detailInt(details: Record<string, unknown> | undefined, key: string): number | null {
  const v = details?.[key];
  return typeof v === "number" && Number.isInteger(v) ? v : null;
}

/** Writes the notice's notifications and outbox e-mails (status `queued`) in `db`; returns what to deliver. */
export async function writeOrderNotifications(db: Db, notice: OrderNotice): Promise<WrittenNotice> {
  const order = await db.order.findUnique({
    where: { id: notice.orderId },
    select: {
      id: true,
      number: true,
      buyerId: true,
      totalFen: true,
      buyer: { select: { name: true, nameEn: true } },
      sellerOrders: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          sellerId: true,
          subtotalFen: true,
          cancelReason: true,
          seller: { select: { name: true, nameEn: true } },
        },
      },
    },
  });
  // The order is gone (never committed, or deleted since): nobody to tell, and retrying cannot help.
  if (!order) return { recipients: 0, inserted: 0, emailKeys: [] };

  const orgIds = [order.buyerId, ...order.sellerOrders.map((s) => s.sellerId)];
  const memberships = await db.membership.findMany({
    where: { organizationId: { in: orgIds }, role: { in: ["buyer", "seller"] } },
    orderBy: { createdAt: "asc" },
    select: { userId: true, organizationId: true, role: true, user: { select: { active: true, email: true, locale: true, displayName: true } } },
  });
  const members: MemberFact[] = memberships.map((m) => ({ userId: m.userId, organizationId: m.organizationId, role: m.role, ...m.user }));
  const recipients = selectRecipients(notice, order, members);
  if (recipients.length === 0) return { recipients: 0, inserted: 0, emailKeys: [] };

  let shortLines: ShortLineParam[] = [];
  if (notice.kind === "order_short_shipped") {
    const lines = await db.orderLine.findMany({
      where: { sellerOrder: notice.sellerOrderId ? { id: notice.sellerOrderId } : { orderId: order.id }, shippedQuantity: { not: null } },
      orderBy: { id: "asc" },
      select: { productNameZh: true, productNameEn: true, quantity: true, shippedQuantity: true, shortReason: true },
    });
    shortLines = lines
      .filter((l) => l.shippedQuantity !== null && l.shippedQuantity < l.quantity)
      .map((l) => ({ nameZh: l.productNameZh, nameEn: l.productNameEn, quantity: l.quantity, shippedQuantity: l.shippedQuantity ?? 0, reason: l.shortReason }));
  }

  const paramsFor = (r: Recipient): NotificationParams => {
    const so = r.sellerOrderId ? order.sellerOrders.find((s) => s.id === r.sellerOrderId) : undefined;
    return {
      audience: r.audience,
      orderNumber: order.number,
      sellerOrderId: so?.id ?? null,
      buyerName: order.buyer.name,
      buyerNameEn: order.buyer.nameEn,
      sellerName: so?.seller.name ?? null,
      sellerNameEn: so?.seller.nameEn ?? null,
      totalFen: order.totalFen,
      sellerSubtotalFen: so?.subtotalFen ?? null,
      sellerCount: order.sellerOrders.length,
      reason: detailString(notice.details, "reason") || (notice.kind === "order_cancelled" ? (so?.cancelReason ?? "") : ""),
      previousTotalFen: detailInt(notice.details, "previousTotalFen"),
      shortLines,
      ...(notice.kind === "delivery_planned"
        ? { windowFrom: detailString(notice.details, "windowFrom") || null, windowTo: detailString(notice.details, "windowTo") || null, plate: detailString(notice.details, "plate") }
        : {}),
    };
  };

  const rows = recipients.map((r) => ({ r, params: paramsFor(r) }));
  const inserted = await db.notification.createMany({
    data: rows.map(({ r, params }) => ({
      userId: r.userId,
      kind: notice.kind,
      orderId: order.id,
      params: params as unknown as Prisma.InputJsonValue,
      dedupeKey: notificationDedupeKey(notice, r),
    })),
    skipDuplicates: true,
  });

  const emails = rows
    .filter(({ r }) => r.email)
    .map(({ r, params }) => {
      const { subject, text } = renderEmail(notice.kind, params, r);
      return { toAddress: r.email as string, subject, body: text, dedupeKey: emailDedupeKey(notice, r) };
    });
  if (emails.length > 0) await db.emailMessage.createMany({ data: emails, skipDuplicates: true });
  return { recipients: recipients.length, inserted: inserted.count, emailKeys: emails.map((e) => e.dedupeKey) };
}
