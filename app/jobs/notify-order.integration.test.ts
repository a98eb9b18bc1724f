import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, createOrganization, createProduct, createUser } from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { EmailInFlightError, SEND_LEASE_MS, smtpMailer, type Mailer, type OutgoingEmail } from "~/modules/notifications/email.server";
import { writeOrderNotifications } from "~/modules/notifications/write.server";
import { createOrderNotifyJob, enqueueOrderNotification, ORDER_NOTIFY_JOB, type OrderNotice } from "./notify-order.server";
import { startQueue, stopQueue, type JobQueue } from "./queue.server";

/** Polls until `check` is true (or fails after `ms`). */
async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

let t: TestDatabase;
let world: Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld(db: TestDatabase["db"]["prisma"]) {
  const buyer = await createOrganization(db, { kind: "canteen", name: "复旦大学北区食堂", nameEn: "Fudan North Canteen" });
  const sellerA = await createOrganization(db, { kind: "cooperative", name: "沙县夏茂合作社", nameEn: "Xiamao Co-op" });
  const sellerB = await createOrganization(db, { kind: "snack_supplier", name: "沙县小吃食品公司", nameEn: "Shaxian Snacks Ltd" });
  const other = await createOrganization(db, { kind: "canteen" });
  const buyerZh = await createUser(db, { role: "buyer", organizationId: buyer.id, displayName: "林采购", email: "lin@canteen.test", locale: "zh" });
  const buyerEn = await createUser(db, { role: "buyer", organizationId: buyer.id, displayName: "Amy", email: "amy@canteen.test", locale: "en" });
  const buyerNoMail = await createUser(db, { role: "buyer", organizationId: buyer.id, email: null });
  const buyerInactive = await createUser(db, { role: "buyer", organizationId: buyer.id, email: "gone@canteen.test", active: false });
  const sellerUserA = await createUser(db, { role: "seller", organizationId: sellerA.id, email: "a@seller.test" });
  const sellerUserB = await createUser(db, { role: "seller", organizationId: sellerB.id });
  const outsider = await createUser(db, { role: "buyer", organizationId: other.id, email: "x@other.test" });
  const pA = await createProduct(db, { sellerId: sellerA.id });
  const pB = await createProduct(db, { sellerId: sellerB.id, nameZh: "沙县拌面" });
  const newOrder = () =>
    createOrder(db, {
      buyerId: buyer.id,
      placedById: buyerZh.id,
      sellerOrders: [
        { sellerId: sellerA.id, lines: [{ variantId: pA.variants[0]!.id, productNameZh: "泰宁香菇", quantity: 4, unitPriceFen: 4800, weightGrams: 2000 }] },
        { sellerId: sellerB.id, lines: [{ variantId: pB.variants[0]!.id, productNameZh: "沙县拌面", productNameEn: "Shaxian noodles", quantity: 10, unitPriceFen: 1200, weightGrams: 5000, shippedQuantity: 7 }] },
      ],
    });
  return { buyer, sellerA, sellerB, buyerZh, buyerEn, buyerNoMail, buyerInactive, sellerUserA, sellerUserB, outsider, newOrder };
}

const notificationsOf = (orderId: string) =>
  t.db.prisma.notification.findMany({ where: { orderId }, orderBy: [{ userId: "asc" }, { dedupeKey: "asc" }], select: { userId: true, kind: true, params: true, dedupeKey: true, readAt: true } });
const emailsTo = (addresses: string[], kind: string) =>
  t.db.prisma.emailMessage.findMany({ where: { toAddress: { in: addresses }, dedupeKey: { startsWith: kind } }, orderBy: { toAddress: "asc" }, select: { toAddress: true, subject: true, body: true, status: true, attempts: true, lastError: true, dedupeKey: true, sentAt: true } });

beforeAll(async () => {
  t = await createTestDatabase();
  console.log(`order notification tests on ${t.label}`);
  world = await makeWorld(t.db.prisma);
});

afterAll(async () => {
  await stopQueue();
  await t?.drop();
});

describe("without a started queue (route and workflow tests, npm run dev)", () => {
  it("writes the notifications with the change, logs the e-mails, and a repeat adds nothing", async () => {
    const order = await world.newOrder();
    const notice: OrderNotice = { kind: "order_placed", orderId: order.id };
    await t.db.prisma.$transaction((tx) => enqueueOrderNotification(tx, notice));
    const rows = await notificationsOf(order.id);
    const users = new Set(rows.map((r) => r.userId));
    // Active buyer members (with or without e-mail) and each seller's members; not the inactive or the outsider.
    expect(users).toEqual(new Set([world.buyerZh.id, world.buyerEn.id, world.buyerNoMail.id, world.sellerUserA.id, world.sellerUserB.id]));
    const sellerRow = rows.find((r) => r.userId === world.sellerUserB.id)!;
    expect(sellerRow.params).toMatchObject({ audience: "seller", orderNumber: order.number, sellerOrderId: order.sellerOrders.find((s) => s.sellerId === world.sellerB.id)!.id, sellerName: "沙县小吃食品公司", sellerSubtotalFen: 12000 });
    const emails = await emailsTo(["lin@canteen.test", "amy@canteen.test", "a@seller.test", "gone@canteen.test", "x@other.test"], `order_placed:${order.id}`);
    expect(emails.map((e) => [e.toAddress, e.status, e.attempts])).toEqual([
      ["a@seller.test", "logged", 1],
      ["amy@canteen.test", "logged", 1],
      ["lin@canteen.test", "logged", 1],
    ]);
    // Each in the recipient's own language.
    expect(emails.find((e) => e.toAddress === "amy@canteen.test")!.subject).toBe(`[Huming Direct] Order ${order.number} placed`);
    expect(emails.find((e) => e.toAddress === "lin@canteen.test")!.subject).toBe(`【沪明直供】订单 ${order.number} 已提交`);
    expect(emails.find((e) => e.toAddress === "lin@canteen.test")!.body).toContain("预计金额 ¥312.00");

    await t.db.prisma.$transaction((tx) => enqueueOrderNotification(tx, notice));
    expect(await notificationsOf(order.id)).toHaveLength(rows.length);
    expect(await emailsTo(["lin@canteen.test", "amy@canteen.test", "a@seller.test"], `order_placed:${order.id}`)).toEqual(emails);
  });

  it("a rolled-back change leaves no notification", async () => {
    const order = await world.newOrder();
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await enqueueOrderNotification(tx, { kind: "order_cancelled", orderId: order.id, details: { reason: "食堂停餐" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await notificationsOf(order.id)).toEqual([]);
  });

  it("refuses a malformed notice and a seller order of another order", async () => {
    const order = await world.newOrder();
    const another = await world.newOrder();
    await expect(t.db.prisma.$transaction((tx) => enqueueOrderNotification(tx, { kind: "order_placed", orderId: "nope" }))).rejects.toThrow(/orderId must be a uuid/);
    await expect(
      t.db.prisma.$transaction((tx) => enqueueOrderNotification(tx, { kind: "order_confirmed", orderId: order.id, sellerOrderId: another.sellerOrders[0]!.id })),
    ).rejects.toThrow(/not part of the notice's order/);
  });
});

describe("the order.notify job", () => {
  it("is idempotent: a retried attempt notifies and e-mails nobody twice", async () => {
    const order = await world.newOrder();
    const sent: OutgoingEmail[] = [];
    const mailer: Mailer = { send: async (m) => void sent.push(m) };
    const job = createOrderNotifyJob({ mailer: () => mailer });
    const sellerOrderB = order.sellerOrders.find((s) => s.sellerId === world.sellerB.id)!;
    const notice = job.parse!({ kind: "order_short_shipped", orderId: order.id, sellerOrderId: sellerOrderB.id, eventId: "42" });
    await job.handler(notice, { id: "j1", name: ORDER_NOTIFY_JOB, retryCount: 0, db: t.db });
    await job.handler(notice, { id: "j1", name: ORDER_NOTIFY_JOB, retryCount: 1, db: t.db });
    const rows = await notificationsOf(order.id);
    // Short-shipped is for the buyer's people only.
    expect(rows.map((r) => r.userId).sort()).toEqual([world.buyerZh.id, world.buyerEn.id, world.buyerNoMail.id].sort());
    expect(rows.every((r) => r.kind === "order_short_shipped")).toBe(true);
    expect(rows[0]!.params).toMatchObject({ shortLines: [{ nameZh: "沙县拌面", nameEn: "Shaxian noodles", quantity: 10, shippedQuantity: 7 }] });
    expect(sent.map((m) => m.to).sort()).toEqual(["amy@canteen.test", "lin@canteen.test"]);
    expect(sent.find((m) => m.to === "amy@canteen.test")!.text).toContain("Shaxian noodles: 7 of 10 will ship");
    const emails = await emailsTo(["amy@canteen.test", "lin@canteen.test"], `order_short_shipped:${order.id}`);
    expect(emails.map((e) => [e.status, e.attempts, e.lastError])).toEqual([
      ["sent", 1, ""],
      ["sent", 1, ""],
    ]);
    expect(emails.every((e) => e.sentAt instanceof Date)).toBe(true);
  });

  it("two attempts running at once (an expired attempt still running beside its retry) send each e-mail once", async () => {
    const order = await world.newOrder();
    const sent: string[] = [];
    // Attempt A is held inside its first send while attempt B runs from start to end.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reachedGate!: () => void;
    const inSend = new Promise<void>((r) => (reachedGate = r));
    let calls = 0;
    const mailer: Mailer = {
      send: async (m) => {
        calls += 1;
        if (calls === 1) {
          reachedGate();
          await gate;
        }
        sent.push(m.to);
      },
    };
    const job = createOrderNotifyJob({ mailer: () => mailer });
    const notice = job.parse!({ kind: "order_delivered", orderId: order.id, eventId: "7" });
    const a = job.handler(notice, { id: "j2", name: ORDER_NOTIFY_JOB, retryCount: 0, db: t.db });
    await inSend;
    // B finds A's e-mail claimed: it sends the other one and fails (so the queue comes back later) rather than send A's again.
    await expect(job.handler(notice, { id: "j2", name: ORDER_NOTIFY_JOB, retryCount: 1, db: t.db })).rejects.toBeInstanceOf(EmailInFlightError);
    expect(sent).toHaveLength(1);
    release();
    // A finishes its e-mail and leaves the one B sent alone.
    await a;
    expect(sent.sort()).toEqual(["amy@canteen.test", "lin@canteen.test"]);
    expect((await emailsTo(["amy@canteen.test", "lin@canteen.test"], `order_delivered:${order.id}`)).map((e) => [e.status, e.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
    // The later attempt finds everything sent and completes without sending.
    await job.handler(notice, { id: "j2", name: ORDER_NOTIFY_JOB, retryCount: 2, db: t.db });
    expect(sent).toHaveLength(2);
    expect(await t.db.prisma.notification.count({ where: { orderId: order.id } })).toBe(3);
  });

  it("an attempt that died while sending holds its e-mails until the lease runs out; then a retry sends them", async () => {
    const order = await world.newOrder();
    const sent: string[] = [];
    const job = createOrderNotifyJob({ mailer: () => ({ send: async (m) => void sent.push(m.to) }) });
    const notice = job.parse!({ kind: "order_confirmed", orderId: order.id, sellerOrderId: order.sellerOrders[0]!.id });
    // What the dead attempt left: rows written, e-mails claimed a moment ago, never sent.
    const written = await t.db.prisma.$transaction((tx) => writeOrderNotifications(tx, notice));
    expect(written).toMatchObject({ recipients: 3, inserted: 3 });
    await t.db.prisma.emailMessage.updateMany({ where: { dedupeKey: { in: written.emailKeys } }, data: { attempts: 1, sentAt: new Date(Date.now() - 10_000) } });
    await expect(job.handler(notice, { id: "j3", name: ORDER_NOTIFY_JOB, retryCount: 1, db: t.db })).rejects.toBeInstanceOf(EmailInFlightError);
    expect(sent).toEqual([]);
    await t.db.prisma.emailMessage.updateMany({ where: { dedupeKey: { in: written.emailKeys } }, data: { sentAt: new Date(Date.now() - SEND_LEASE_MS - 1000) } });
    await job.handler(notice, { id: "j3", name: ORDER_NOTIFY_JOB, retryCount: 2, db: t.db });
    expect(sent.sort()).toEqual(["amy@canteen.test", "lin@canteen.test"]);
    const emails = await emailsTo(["amy@canteen.test", "lin@canteen.test"], `order_confirmed:${order.id}`);
    expect(emails.map((e) => [e.status, e.attempts])).toEqual([
      ["sent", 2],
      ["sent", 2],
    ]);
    expect(await t.db.prisma.notification.count({ where: { orderId: order.id } })).toBe(3);
  });

  it("an unreachable SMTP server fails the attempt at the first e-mail; the others wait, unclaimed, for the retry", async () => {
    const order = await world.newOrder();
    let tries = 0;
    const unreachable: Mailer = {
      send: async () => {
        tries += 1;
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2525"), { code: "ECONNECTION" });
      },
    };
    const job = createOrderNotifyJob({ mailer: () => unreachable });
    const notice = job.parse!({ kind: "order_delivered", orderId: order.id, eventId: "99" });
    await expect(job.handler(notice, { id: "j4", name: ORDER_NOTIFY_JOB, retryCount: 0, db: t.db })).rejects.toThrow(/ECONNREFUSED/);
    expect(tries).toBe(1);
    const emails = await emailsTo(["amy@canteen.test", "lin@canteen.test"], `order_delivered:${order.id}`);
    expect(emails.map((e) => e.status)).toEqual(["queued", "queued"]);
    expect(emails.map((e) => e.attempts).sort()).toEqual([0, 1]);
    expect(emails.find((e) => e.attempts === 1)!.lastError).toMatch(/ECONNREFUSED/);
    // The server is back: the retry sends both.
    const sent: string[] = [];
    const back = createOrderNotifyJob({ mailer: () => ({ send: async (m) => void sent.push(m.to) }) });
    await back.handler(notice, { id: "j4", name: ORDER_NOTIFY_JOB, retryCount: 1, db: t.db });
    expect(sent.sort()).toEqual(["amy@canteen.test", "lin@canteen.test"]);
  });

  it("through the started queue: nothing is written inside the order's transaction, all of it after the commit", async () => {
    const order = await world.newOrder();
    const job = createOrderNotifyJob({ mailer: () => null, retryDelay: 1 });
    await startQueue(t.db, { jobs: [job], pollingIntervalSeconds: 0.5 });
    await t.db.prisma.$transaction(async (tx) => {
      await enqueueOrderNotification(tx, { kind: "order_delivered", orderId: order.id });
      expect(await tx.notification.count({ where: { orderId: order.id } })).toBe(0);
    });
    await until(async () => (await t.db.prisma.emailMessage.count({ where: { dedupeKey: { startsWith: `order_delivered:${order.id}` }, status: "logged" } })) === 2);
    expect((await notificationsOf(order.id)).length).toBe(3);
    await stopQueue();
  });
});

/** A loopback SMTP sink; `reject(n)` makes the next n messages fail with a temporary error. */
async function smtpSink() {
  const received: { from: string; to: string[]; raw: string }[] = [];
  let rejectNext = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (rejectNext > 0) {
          rejectNext -= 1;
          const error = new Error("mailbox busy, try later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    reject: (n: number) => void (rejectNext = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Decodes RFC 2047 encoded words (B and Q) in a header value. */
function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(text, "base64").toString("utf8") : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}

/** The decoded subject and text body of a raw single-part message. */
function parseMessage(raw: string): { subject: string; messageId: string; text: string } {
  const [head, ...rest] = raw.split("\r\n\r\n");
  const headers = head!.replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(headers)?.[1] ?? "";
  const body = rest.join("\r\n\r\n");
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? Buffer.from(body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8")
        : body;
  return { subject: decodeHeader(header("Subject")), messageId: header("Message-ID"), text };
}

describe("e-mail through SMTP (a loopback smtp-server)", () => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let queue: JobQueue;
  let mailer: Mailer;
  beforeAll(async () => {
    sink = await smtpSink();
    mailer = smtpMailer(sink.url, "沪明直供 <orders@huming.test>");
    queue = await startQueue(t.db, { jobs: [createOrderNotifyJob({ mailer: () => mailer, retryLimit: 3, retryDelay: 1, retryBackoff: false })], pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await stopQueue();
    mailer?.close?.();
    await sink?.close();
  });

  it("sends each recipient's message in their language, with the outbox row marked sent", async () => {
    const order = await world.newOrder();
    await t.db.prisma.$transaction((tx) => enqueueOrderNotification(tx, { kind: "order_cancelled", orderId: order.id, details: { reason: "食堂临时停餐" } }));
    await until(() => sink.received.length === 3);
    const byRcpt = new Map(sink.received.map((m) => [m.to[0], m]));
    expect([...byRcpt.keys()].sort()).toEqual(["a@seller.test", "amy@canteen.test", "lin@canteen.test"]);
    expect(byRcpt.get("lin@canteen.test")!.from).toBe("orders@huming.test");
    const lin = parseMessage(byRcpt.get("lin@canteen.test")!.raw);
    expect(lin.subject).toBe(`【沪明直供】订单 ${order.number} 已取消`);
    expect(lin.text).toContain("原因：食堂临时停餐");
    expect(lin.text).toContain(`/orders/${order.number}`);
    const seller = parseMessage(byRcpt.get("a@seller.test")!.raw);
    expect(seller.text).toContain(`/seller/orders/${order.sellerOrders.find((s) => s.sellerId === world.sellerA.id)!.id}`);
    const amy = parseMessage(byRcpt.get("amy@canteen.test")!.raw);
    expect(amy.subject).toBe(`[Huming Direct] Order ${order.number} cancelled`);
    await until(async () => (await emailsTo(["lin@canteen.test", "amy@canteen.test", "a@seller.test"], `order_cancelled:${order.id}`)).every((e) => e.status === "sent"));
    const rows = await emailsTo(["lin@canteen.test", "amy@canteen.test", "a@seller.test"], `order_cancelled:${order.id}`);
    expect(rows.map((e) => e.attempts)).toEqual([1, 1, 1]);
  });

  it("an SMTP failure fails the attempt; the queue retries it and each attempt is recorded", async () => {
    sink.received.length = 0;
    const order = await world.newOrder();
    // Two e-mails (lin, amy) for order_confirmed; the first two deliveries are refused.
    sink.reject(2);
    const jobId = await t.db.prisma.$transaction(async (tx) => {
      await enqueueOrderNotification(tx, { kind: "order_confirmed", orderId: order.id, sellerOrderId: order.sellerOrders[0]!.id });
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM pgboss.job WHERE name = $1 AND data->>'orderId' = $2`, ORDER_NOTIFY_JOB, order.id);
      return rows[0]!.id;
    });
    await until(async () => (await queue.boss.getJobById(ORDER_NOTIFY_JOB, jobId))?.state === "completed", 30_000);
    const job = await queue.boss.getJobById(ORDER_NOTIFY_JOB, jobId);
    expect(job!.retryCount).toBeGreaterThanOrEqual(1);
    const emails = await emailsTo(["lin@canteen.test", "amy@canteen.test"], `order_confirmed:${order.id}`);
    expect(emails.every((e) => e.status === "sent")).toBe(true);
    // Both refused on the first attempt (2 refusals), sent on the second: two attempts each, the error kept until success cleared it.
    expect(emails.map((e) => e.attempts)).toEqual([2, 2]);
    expect(sink.received.filter((m) => m.to[0] === "lin@canteen.test" || m.to[0] === "amy@canteen.test")).toHaveLength(2);
    // Notifications were written once, on the first attempt.
    expect(await t.db.prisma.notification.count({ where: { orderId: order.id } })).toBe(3);
  });

  it("after the last retry the e-mail is left failed with its error and attempts", async () => {
    const order = await world.newOrder();
    sink.reject(1000);
    const jobId = await t.db.prisma.$transaction(async (tx) => {
      await enqueueOrderNotification(tx, { kind: "price_changed", orderId: order.id, details: { previousTotalFen: 30000 } });
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM pgboss.job WHERE name = $1 AND data->>'orderId' = $2`, ORDER_NOTIFY_JOB, order.id);
      return rows[0]!.id;
    });
    await until(async () => (await queue.boss.getJobById(ORDER_NOTIFY_JOB, jobId))?.state === "failed", 40_000);
    sink.reject(0);
    const emails = await emailsTo(["lin@canteen.test", "amy@canteen.test"], `price_changed:${order.id}`);
    expect(emails.map((e) => [e.status, e.attempts])).toEqual([
      ["failed", 4],
      ["failed", 4],
    ]);
    expect(emails[0]!.lastError).toMatch(/mailbox busy/);
    expect(emails.map((e) => e.sentAt)).toEqual([null, null]);
    const lin = await t.db.prisma.notification.findFirstOrThrow({ where: { orderId: order.id, userId: world.buyerZh.id }, select: { params: true } });
    expect(lin.params).toMatchObject({ previousTotalFen: 30000, totalFen: 31200 });
  }, 60_000);
});
