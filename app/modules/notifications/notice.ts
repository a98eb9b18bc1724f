/**
 * An order notice: what happened to an order that its buyer's and sellers' people should hear about.
 * Workflows enqueue one per event (app/jobs/notify-order.server.ts); the job turns it into in-app
 * notifications and e-mails. Pure: validation and the dedupe key, no database.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { NotificationKind } from "~/generated/prisma/enums";
import type { SellerOrderEvent } from "~/modules/orders/state-machine";

export const NOTIFICATION_KINDS = [
  "order_placed",
  "order_confirmed",
  "order_short_shipped",
  "order_cancelled",
  "price_changed",
  "order_delivered",
  "delivery_planned",
] as const satisfies readonly NotificationKind[];

export type OrderNotice = {
  kind: NotificationKind;
  orderId: string;
  /** The seller order the event is about (confirm, short-ship, a seller's cancel); absent: the whole order. */
  sellerOrderId?: string;
  /** The order_events row id (as a string): makes repeated events of one kind distinct. */
  eventId?: string;
  /** Extra facts for the message: `reason`, `previousTotalFen` are shown when present. */
  details?: Record<string, unknown>;
};

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a uuid");

const noticeSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  orderId: uuid,
  sellerOrderId: uuid.optional(),
  eventId: z.string().min(1).max(64).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** Validates a notice (a job payload or a workflow's argument); throws on anything malformed. */
export function parseOrderNotice(data: unknown): OrderNotice {
  const result = noticeSchema.safeParse(data);
  if (!result.success) {
    throw new Error(`Invalid order notice: ${result.error.issues.map((i) => `${i.path.join(".") || "notice"} ${i.message}`).join("; ")}`);
  }
  const { kind, orderId, sellerOrderId, eventId, details } = result.data;
  return {
    kind,
    orderId: orderId.toLowerCase(),
    ...(sellerOrderId ? { sellerOrderId: sellerOrderId.toLowerCase() } : {}),
    ...(eventId ? { eventId } : {}),
    // Through JSON once, so what is stored in the job equals what a retry reads back.
    ...(details ? { details: JSON.parse(JSON.stringify(details)) as Record<string, unknown> } : {}),
  };
}

/**
 * The notice's identity: kind + order + seller order + event (or, without an event id, a hash of the
 * details). The same notice enqueued twice, or a retried job, maps to the same key, so the unique
 * (user_id, dedupe_key) and email dedupe_key constraints keep it to one notification per person.
 */
export function noticeKey(notice: OrderNotice): string {
  const discriminator = notice.eventId
    ? `e${notice.eventId}`
    : notice.details && Object.keys(notice.details).length > 0
      ? `d${createHash("sha256").update(stableJson(notice.details)).digest("hex").slice(0, 16)}`
      : "-";
  return `${notice.kind}:${notice.orderId}:${notice.sellerOrderId ?? "-"}:${discriminator}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const STEP_NOTICE: Partial<Record<SellerOrderEvent, NotificationKind>> = {
  confirm: "order_confirmed",
  short_ship: "order_short_shipped",
  cancel_by_seller: "order_cancelled",
  cancel_by_operator: "order_cancelled",
  deliver: "order_delivered",
};

/**
 * Which notice a seller or warehouse step sends, or null: a confirmation with short lines is a shortage (the more
 * useful of the two), and a step that is otherwise silent but changed what the buyer pays (weights recorded,
 * packed on actual weight) is a price change.
 */
export function stepNoticeKind(event: SellerOrderEvent, facts: { shortLines: number; previousTotalFen: number; totalFen: number }): NotificationKind | null {
  if (event === "confirm" && facts.shortLines > 0) return "order_short_shipped";
  const kind = STEP_NOTICE[event];
  if (kind) return kind;
  if ((event === "record_weights" || event === "pack") && facts.totalFen !== facts.previousTotalFen) return "price_changed";
  return null;
}
