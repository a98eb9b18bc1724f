/**
 * `order.notify`: tells an order's buyer and sellers what happened (issue 9 item 7). Workflows call
 * enqueueOrderNotification inside the transaction that changes the order, so the notice commits or
 * rolls back with it; the job then, after the commit, writes the in-app notifications and the outbox
 * e-mails (one short transaction, idempotent through the dedupe keys) and sends the e-mails (SMTP when
 * SMTP_URL is set, else logged). An SMTP failure throws, so the queue retries with backoff; each
 * attempt is counted on the e-mail row (attempts, last_error), and a claim on each row keeps two
 * attempts running at once from sending one e-mail twice (see deliverEmails).
 *
 * Without a started queue (route and workflow tests, `npm run dev`) the notifications and outbox rows
 * are written in the caller's transaction instead and the e-mails are logged, never sent: nothing is
 * lost, and no network call ever runs inside an order transaction.
 */
import type { Prisma } from "~/generated/prisma/client";
import { deliverEmails, mailerFromEnv, type Mailer } from "~/modules/notifications/email.server";
import { parseOrderNotice, type OrderNotice } from "~/modules/notifications/notice";
import { writeOrderNotifications } from "~/modules/notifications/write.server";
import { logger } from "~/utils/logger.server";
import { enqueue, enqueueStatement, isQueueStarted, type JobDefinition, type JobStatement, type RetryPolicy } from "./queue.server";

export type { OrderNotice } from "~/modules/notifications/notice";

export const ORDER_NOTIFY_JOB = "order.notify";

/** Enqueues the notice on `tx` (the order's own transaction): it is delivered only if that transaction commits. */
export async function enqueueOrderNotification(tx: Prisma.TransactionClient, notice: OrderNotice): Promise<void> {
  if (!(await enqueueOrderNotice(tx, notice))) await writeOrderNoticeNow(tx, notice);
}

/**
 * The notice's job on `tx`, for a caller that enqueues before its change (placing: see place-order.server); false
 * when no job was enqueued, and then the caller writes the notice with writeOrderNoticeNow after its change.
 */
export async function enqueueOrderNotice(tx: Prisma.TransactionClient, notice: OrderNotice): Promise<boolean> {
  const payload = parseOrderNotice(notice);
  if (!isQueueStarted()) return false;
  if ((await enqueue(ORDER_NOTIFY_JOB, payload, { tx })) !== null) return true;
  // pg-boss took no row: the job's queue is gone (deleted by hand, or not yet created). The caller keeps the notice.
  logger.error({ job: ORDER_NOTIFY_JOB, kind: payload.kind, orderId: payload.orderId }, "the order notice queue took no job: notices written with the order, e-mails logged, not sent");
  return false;
}

/** Without a job (no queue in this process): the notice's rows in the caller's transaction, after the change they tell of, and its e-mails logged (see the module comment). */
export async function writeOrderNoticeNow(tx: Prisma.TransactionClient, notice: OrderNotice): Promise<void> {
  const written = await writeOrderNotifications(tx, parseOrderNotice(notice));
  await deliverEmails(tx, written.emailKeys, null);
}

/**
 * The notice's job as one statement for the caller to run with its own writes (queue.server enqueueStatement),
 * or null without a started queue (then enqueueOrderNotification writes the rows in the caller's transaction).
 */
export async function orderNotificationStatement(notice: OrderNotice): Promise<JobStatement | null> {
  if (!isQueueStarted()) return null;
  return enqueueStatement(ORDER_NOTIFY_JOB, parseOrderNotice(notice));
}

export interface OrderNotifyJobOptions extends RetryPolicy {
  /** The transport; default: from SMTP_URL / MAIL_FROM (null: e-mails are logged). */
  mailer?: () => Mailer | null;
}

/** The job definition (registered in jobs.server.ts; tests build their own with a test mailer and short delays). */
export function createOrderNotifyJob(options: OrderNotifyJobOptions = {}): JobDefinition<OrderNotice> {
  // About 10 s, 20 s, 40 s … with jitter: eight retries ride out an SMTP outage of half an hour or so.
  const retryLimit = options.retryLimit ?? 8;
  const mailer = options.mailer ?? mailerFromEnv;
  return {
    name: ORDER_NOTIFY_JOB,
    parse: parseOrderNotice,
    retryLimit,
    retryDelay: options.retryDelay ?? 10,
    retryBackoff: options.retryBackoff ?? true,
    expireInSeconds: 120,
    handler: async (notice, { db, retryCount, id }) => {
      const written = await db.prisma.$transaction((tx) => writeOrderNotifications(tx, notice));
      const delivered = await deliverEmails(db.prisma, written.emailKeys, mailer(), { finalAttempt: retryCount >= retryLimit });
      logger.debug({ job: id, kind: notice.kind, orderId: notice.orderId, ...written, emailKeys: undefined, ...delivered }, "order notice delivered");
    },
  };
}
