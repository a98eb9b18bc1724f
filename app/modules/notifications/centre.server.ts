/**
 * The notification centre's reads and writes, always scoped to one user (a user only ever sees and
 * marks their own notifications: every query filters on user_id).
 */
import type { Prisma } from "~/generated/prisma/client";
import type { NotificationKind } from "~/generated/prisma/enums";
import { pageCount, type Page } from "~/utils/pagination";
import { readParams, type NotificationParams } from "./render";

type Db = Prisma.TransactionClient;

export const NOTIFICATIONS_PAGE_SIZE = 20;

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  params: NotificationParams;
  readAt: Date | null;
  createdAt: Date;
}

/** The user's notifications, newest first, one page; with the unread total for the page header. */
export async function listNotifications(db: Db, userId: string, { page }: { page: number }): Promise<Page<NotificationItem> & { unread: number }> {
  const [total, unread] = await Promise.all([db.notification.count({ where: { userId } }), countUnread(db, userId)]);
  const pages = pageCount(total, NOTIFICATIONS_PAGE_SIZE);
  const current = Math.min(page, pages);
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * NOTIFICATIONS_PAGE_SIZE,
    take: NOTIFICATIONS_PAGE_SIZE,
    select: { id: true, kind: true, params: true, readAt: true, createdAt: true },
  });
  return { items: rows.map((r) => ({ ...r, params: readParams(r.params) })), total, page: current, pages, unread };
}

/** How many of the user's notifications are unread (the header badge: one count on the user's index range). */
export function countUnread(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Marks one of the user's notifications read (already read: unchanged); another user's or a missing one is not_found. */
export async function markNotificationRead(db: Db, userId: string, id: string, now: Date = new Date()): Promise<"ok" | "not_found"> {
  const updated = await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
  if (updated.count > 0) return "ok";
  const exists = await db.notification.count({ where: { id, userId } });
  return exists > 0 ? "ok" : "not_found";
}

/** Marks all the user's unread notifications read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, userId: string, now: Date = new Date()): Promise<number> {
  const updated = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return updated.count;
}
