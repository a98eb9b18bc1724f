/**
 * Delivering the e-mail outbox (email_messages): through SMTP (nodemailer) when SMTP_URL is set,
 * otherwise each message is marked `logged` and written to the log. Never called inside an order's
 * transaction with a real transport: the job queue runs it after the order has committed.
 */
import nodemailer from "nodemailer";
import type { Prisma } from "~/generated/prisma/client";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

type Db = Prisma.TransactionClient;

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox row, so a receiving system can spot a rare duplicate after a crash mid-send. */
  messageId: string;
}

/** Something that sends one e-mail or throws. */
export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
  close?(): void;
}

/** A Mailer over nodemailer's SMTP transport for `url` (smtp:// or smtps://, credentials in the URL). */
export function smtpMailer(url: string, from: string): Mailer {
  // Short timeouts: a hung server fails the attempt (and the queue retries) instead of holding the worker.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, messageId: message.messageId });
    },
    close: () => transport.close(),
  };
}

let fromEnv: { mailer: Mailer | null } | undefined;

/** The process's mailer from SMTP_URL / MAIL_FROM; null when SMTP_URL is not set (e-mails are logged). */
export function mailerFromEnv(): Mailer | null {
  if (!fromEnv) {
    const e = env();
    fromEnv = { mailer: e.SMTP_URL ? smtpMailer(e.SMTP_URL, e.MAIL_FROM ?? "") : null };
  }
  return fromEnv.mailer;
}

export interface DeliveryResult {
  sent: number;
  logged: number;
  failed: number;
  /** Messages already delivered (by an earlier attempt): left alone. */
  skipped: number;
}

/** One or more e-mails could not be sent this attempt; thrown so the job is retried. */
export class EmailDeliveryError extends Error {
  constructor(
    public readonly failures: { id: string; error: string }[],
    total: number,
  ) {
    super(`${failures.length} of ${total} e-mail(s) could not be sent: ${failures.map((f) => f.error).join("; ")}`);
    this.name = "EmailDeliveryError";
  }
}

/**
 * Another attempt is sending these e-mails right now (or crashed while sending, until its lease ends): thrown
 * so the job comes back later and finds them sent, or takes them over once the lease has run out.
 */
export class EmailInFlightError extends Error {
  constructor(public readonly ids: string[]) {
    super(`${ids.length} e-mail(s) are being sent by another attempt; retrying later`);
    this.name = "EmailInFlightError";
  }
}

const MAX_ERROR = 1000;

// nodemailer's codes for a server that cannot be reached or refuses us as a whole (not one message):
// the rest of this attempt's e-mails would only wait for the same timeout, so they are left for the retry.
const TRANSPORT_ERRORS = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "EAUTH", "ETLS", "ECONNREFUSED", "ENOTFOUND"]);

/** True when an SMTP error concerns the connection or login, not the one message. */
export function isTransportError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && TRANSPORT_ERRORS.has(code);
}

/**
 * How long a claimed e-mail belongs to the attempt that claimed it: longer than one SMTP send can take
 * (connection 10 s + greeting 10 s + socket 20 s timeouts), so a live sender is never overtaken.
 */
export const SEND_LEASE_MS = 120_000;

/**
 * Delivers the queued outbox rows among `dedupeKeys`. Each is claimed first: attempts + 1 and, while it is
 * still `queued`, sent_at holds the claim's time as a lease (no other attempt claims it until SEND_LEASE_MS
 * has passed), so two attempts running at once never send one row twice. Then `sent` (sent_at: when) or,
 * without a mailer, `logged` with one log line. On an SMTP error last_error is kept and the lease released;
 * the row stays `queued` (or becomes `failed` when `finalAttempt`) and EmailDeliveryError is thrown after
 * the others were tried (after a connection or login failure the others are left for the retry, unclaimed).
 * Rows leased by another attempt make it throw EmailInFlightError (retry later).
 */
export async function deliverEmails(db: Db, dedupeKeys: readonly string[], mailer: Mailer | null, options: { finalAttempt?: boolean; now?: () => Date } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, logged: 0, failed: 0, skipped: 0 };
  if (dedupeKeys.length === 0) return result;
  const now = options.now ?? (() => new Date());
  const pending = await db.emailMessage.findMany({
    where: { dedupeKey: { in: [...dedupeKeys] }, status: "queued" },
    orderBy: { createdAt: "asc" },
    select: { id: true, toAddress: true, subject: true, body: true },
  });
  result.skipped = dedupeKeys.length - pending.length;
  const failures: { id: string; error: string }[] = [];
  const inFlight: string[] = [];
  for (const email of pending) {
    const claimedAt = now();
    const claim = await db.emailMessage.updateMany({
      where: { id: email.id, status: "queued", OR: [{ sentAt: null }, { sentAt: { lt: new Date(claimedAt.getTime() - SEND_LEASE_MS) } }] },
      data: { attempts: { increment: 1 }, sentAt: claimedAt },
    });
    if (claim.count === 0) {
      const current = await db.emailMessage.findUnique({ where: { id: email.id }, select: { status: true } });
      if (current?.status === "queued") inFlight.push(email.id);
      else result.skipped += 1;
      continue;
    }
    if (!mailer) {
      await db.emailMessage.update({ where: { id: email.id }, data: { status: "logged", sentAt: null, lastError: "" }, select: { id: true } });
      logger.info({ emailId: email.id, to: email.toAddress, subject: email.subject, body: email.body }, "e-mail logged (SMTP_URL is not set)");
      result.logged += 1;
      continue;
    }
    try {
      await mailer.send({ to: email.toAddress, subject: email.subject, text: email.body, messageId: `<${email.id}@huming-direct>` });
      await db.emailMessage.update({ where: { id: email.id }, data: { status: "sent", sentAt: now(), lastError: "" }, select: { id: true } });
      result.sent += 1;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR) || "unknown error";
      await db.emailMessage.update({ where: { id: email.id }, data: { lastError: message, sentAt: null, ...(options.finalAttempt ? { status: "failed" } : {}) }, select: { id: true } });
      logger.warn({ emailId: email.id, to: email.toAddress, error: message, final: options.finalAttempt ?? false }, "e-mail not sent");
      failures.push({ id: email.id, error: message });
      result.failed += 1;
      if (isTransportError(error)) break;
    }
  }
  if (failures.length > 0) throw new EmailDeliveryError(failures, pending.length);
  if (inFlight.length > 0) throw new EmailInFlightError(inFlight);
  return result;
}
