/**
 * Notification text (pure): the parameters stored with a notification, and its title, body and link
 * rendered in a reader's language. Stored params hold facts (numbers, both names), never finished
 * sentences, so the centre shows each reader their own language whatever it was when the job ran.
 */
import type { Locale, NotificationKind } from "~/generated/prisma/enums";
import { formatFen, formatTimeRange } from "~/utils/i18n/format";
import { orgName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import type { Audience } from "./recipients";

export interface ShortLineParam {
  nameZh: string;
  nameEn: string;
  quantity: number;
  shippedQuantity: number;
  reason: string;
}

/** What a notification's `params` JSON holds. */
export interface NotificationParams {
  audience: Audience;
  orderNumber: string;
  sellerOrderId: string | null;
  buyerName: string;
  buyerNameEn: string | null;
  sellerName: string | null;
  sellerNameEn: string | null;
  totalFen: number;
  sellerSubtotalFen: number | null;
  sellerCount: number;
  reason: string;
  previousTotalFen: number | null;
  shortLines: ShortLineParam[];
  /** delivery_planned: the arrival window told to the buyer (ISO instants) and the van's plate. */
  windowFrom?: string | null;
  windowTo?: string | null;
  plate?: string;
}

export interface RenderedNotification {
  title: string;
  body: string;
  /** Where the reader follows it: the buyer's order page or the seller's seller-order page. */
  href: string;
}

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const strOrNull = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const intOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);

const isoOrNull = (v: unknown): string | null => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? v : null);

/** Reads stored params back defensively (rows written by older code, or hand-edited, still render). */
export function readParams(raw: unknown): NotificationParams {
  const p = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const lines = Array.isArray(p.shortLines) ? p.shortLines : [];
  return {
    audience: p.audience === "seller" ? "seller" : "buyer",
    orderNumber: str(p.orderNumber, "?"),
    sellerOrderId: strOrNull(p.sellerOrderId),
    buyerName: str(p.buyerName),
    buyerNameEn: strOrNull(p.buyerNameEn),
    sellerName: strOrNull(p.sellerName),
    sellerNameEn: strOrNull(p.sellerNameEn),
    totalFen: intOrNull(p.totalFen) ?? 0,
    sellerSubtotalFen: intOrNull(p.sellerSubtotalFen),
    sellerCount: intOrNull(p.sellerCount) ?? 0,
    reason: str(p.reason),
    previousTotalFen: intOrNull(p.previousTotalFen),
    shortLines: lines
      .filter((l): l is Record<string, unknown> => l !== null && typeof l === "object")
      .map((l) => ({ nameZh: str(l.nameZh), nameEn: str(l.nameEn), quantity: intOrNull(l.quantity) ?? 0, shippedQuantity: intOrNull(l.shippedQuantity) ?? 0, reason: str(l.reason) })),
    // Only delivery_planned notices carry these; other kinds read back exactly as before.
    ...(isoOrNull(p.windowFrom) ? { windowFrom: isoOrNull(p.windowFrom) } : {}),
    ...(isoOrNull(p.windowTo) ? { windowTo: isoOrNull(p.windowTo) } : {}),
    ...(str(p.plate) ? { plate: str(p.plate) } : {}),
  };
}

/** The page a notification leads to: sellers to their seller order, buyers to the order. */
export function notificationHref(params: Pick<NotificationParams, "audience" | "orderNumber" | "sellerOrderId">): string {
  if (params.audience === "seller" && params.sellerOrderId) return `/seller/orders/${params.sellerOrderId}`;
  return `/orders/${encodeURIComponent(params.orderNumber)}`;
}

/** Title and body of a notification in `locale`. */
export function renderNotification(kind: NotificationKind, params: NotificationParams, locale: Locale): RenderedNotification {
  const t = translator(locale);
  const money = (fen: number | null) => formatFen(fen ?? 0, locale);
  const values = {
    number: params.orderNumber,
    buyer: orgName(params.buyerName, params.buyerNameEn, locale),
    seller: params.sellerName ? orgName(params.sellerName, params.sellerNameEn, locale) : "",
    total: money(params.totalFen),
    subtotal: money(params.sellerSubtotalFen),
    sellers: params.sellerCount,
    previous: money(params.previousTotalFen),
  };
  // Chinese runs sentences together after "。"; English needs the space.
  const withReason = (body: string) => (params.reason ? `${body}${locale === "zh" ? "" : " "}${t("notifications.reason", { reason: params.reason })}` : body);
  let title: string;
  let body: string;
  switch (kind) {
    case "order_placed":
      title = t(params.audience === "seller" ? "notifications.order_placed.seller.title" : "notifications.order_placed.buyer.title", values);
      body = t(params.audience === "seller" ? "notifications.order_placed.seller.body" : "notifications.order_placed.buyer.body", values);
      break;
    case "order_confirmed":
      title = t("notifications.order_confirmed.buyer.title", values);
      body = t("notifications.order_confirmed.buyer.body", values);
      break;
    case "order_short_shipped": {
      title = t("notifications.order_short_shipped.buyer.title", values);
      const lines = params.shortLines.map((l) =>
        t(l.reason ? "notifications.order_short_shipped.lineReason" : "notifications.order_short_shipped.line", {
          name: locale === "en" && l.nameEn ? l.nameEn : l.nameZh,
          quantity: l.quantity,
          shipped: l.shippedQuantity,
          reason: l.reason,
        }),
      );
      body = t("notifications.order_short_shipped.buyer.body", { ...values, lines: lines.length > 0 ? lines.join(locale === "zh" ? "；" : "; ") : t("notifications.order_short_shipped.noLines") });
      break;
    }
    case "order_cancelled":
      if (params.audience === "seller") {
        title = t("notifications.order_cancelled.seller.title", values);
        body = withReason(t("notifications.order_cancelled.seller.body", values));
      } else {
        title = t(params.sellerOrderId && params.sellerName ? "notifications.order_cancelled.buyer.part.title" : "notifications.order_cancelled.buyer.title", values);
        body = withReason(t("notifications.order_cancelled.buyer.body", values));
      }
      break;
    case "price_changed":
      title = t("notifications.price_changed.buyer.title", values);
      body = withReason(t(params.previousTotalFen !== null ? "notifications.price_changed.buyer.body" : "notifications.price_changed.buyer.bodyNow", values));
      break;
    case "order_delivered":
      title = t("notifications.order_delivered.buyer.title", values);
      body = t("notifications.order_delivered.buyer.body", values);
      break;
    case "delivery_planned": {
      title = t("planning.notice.title", values);
      const window = params.windowFrom && params.windowTo ? formatTimeRange(params.windowFrom, params.windowTo, locale) : "";
      body = window ? t(params.plate ? "planning.notice.bodyPlate" : "planning.notice.body", { ...values, window, plate: params.plate ?? "" }) : t("planning.notice.bodyNoWindow", values);
      break;
    }
  }
  return { title, body, href: notificationHref(params) };
}

/** The plain-text e-mail for one notification, in the recipient's language. */
export function renderEmail(kind: NotificationKind, params: NotificationParams, recipient: { displayName: string; locale: Locale }): { subject: string; text: string } {
  const t = translator(recipient.locale);
  const { title, body, href } = renderNotification(kind, params, recipient.locale);
  return {
    subject: t("notifications.email.subject", { title }),
    text: [t("notifications.email.greeting", { name: recipient.displayName }), "", body, "", t("notifications.email.view", { path: href }), "", "—", t("notifications.email.footer")].join("\n"),
  };
}
