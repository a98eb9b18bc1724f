// The notification centre end to end through the Remix server: the list (newest first, paged, links to
// the order), marking read, and the header's unread count and cart/orders links; signed out, the header
// and the page's caching stay as they were.
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { countUnread, listNotifications, NOTIFICATIONS_PAGE_SIZE } from "~/modules/notifications/centre.server";
import type { Database } from "~/utils/db.server";
import * as landing from "./_index";
import * as notifications from "./notifications";

const ROUTES: TestRoute[] = [
  { id: "routes/_index", index: true, module: landing },
  { id: "routes/notifications", path: "notifications", module: notifications },
];

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
const who = {} as { buyer: string; seller: string; buyerCookie: string; sellerCookie: string; sellerNotification: string };
const TOTAL = NOTIFICATIONS_PAGE_SIZE + 5;
const SO_ID = "50000000-0000-4000-8000-0000000000aa";

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  const db = t.db.prisma;
  const canteen = await createOrganization(db, { kind: "canteen", name: "复旦大学第一食堂" });
  const coop = await createOrganization(db, { kind: "cooperative", name: "泰宁县菌菇专业合作社" });
  who.buyer = (await createUser(db, { role: "buyer", organizationId: canteen.id, displayName: "王采购" })).id;
  who.seller = (await createUser(db, { role: "seller", organizationId: coop.id, displayName: "陈社长", locale: "en" })).id;
  who.buyerCookie = await sessionCookieFor(db, who.buyer);
  who.sellerCookie = await sessionCookieFor(db, who.seller);
  // TOTAL notifications a minute apart: n = 1 is the oldest, n = TOTAL the newest.
  const start = Date.parse("2026-12-01T00:00:00Z");
  await db.notification.createMany({
    data: Array.from({ length: TOTAL }, (_, i) => ({
      userId: who.buyer,
      kind: "order_placed" as const,
      params: { audience: "buyer", orderNumber: `HM-20261201-${String(i + 1).padStart(6, "0")}`, buyerName: "复旦大学第一食堂", totalFen: 10000 + i, sellerCount: 1 },
      dedupeKey: `test:${i + 1}`,
      createdAt: new Date(start + i * 60_000),
    })),
  });
  who.sellerNotification = (
    await db.notification.create({
      data: { userId: who.seller, kind: "order_cancelled", params: { audience: "seller", orderNumber: "HM-20261201-000001", sellerOrderId: SO_ID, buyerName: "复旦大学第一食堂", buyerNameEn: "Fudan No.1 Canteen", sellerSubtotalFen: 4800, reason: "停餐" }, dedupeKey: "test:seller" },
      select: { id: true },
    })
  ).id;
  handler = createRequestHandler(testServerBuild(ROUTES));
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

const get = (path: string, cookie?: string) => handler(new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }), { cspNonce: "n", requestId: "r" });
const post = (path: string, form: Record<string, string>, cookie: string) =>
  handler(new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(form), headers: { cookie, origin: "http://localhost", host: "localhost" } }), { cspNonce: "n", requestId: "r" });
const badge = (html: string) => /data-testid="unread-count"[^>]*>([^<]*)</.exec(html)?.[1] ?? null;

describe("listNotifications", () => {
  it("pages the user's own notifications newest first, and clamps a page past the end", async () => {
    const db = t.db.prisma;
    const first = await listNotifications(db, who.buyer, { page: 1 });
    expect(first).toMatchObject({ total: TOTAL, pages: 2, page: 1, unread: TOTAL });
    expect(first.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.items[0]!.params.orderNumber).toBe(`HM-20261201-${String(TOTAL).padStart(6, "0")}`);
    const times = first.items.map((i) => i.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const last = await listNotifications(db, who.buyer, { page: 99 });
    expect(last.page).toBe(2);
    expect(last.items.map((i) => i.params.orderNumber).at(-1)).toBe("HM-20261201-000001");
    expect((await listNotifications(db, who.seller, { page: 1 })).total).toBe(1);
  });
});

describe("/notifications and the header", () => {
  it("shows the buyer's list with links to the orders, the unread count in the header and the cart and orders links", async () => {
    const res = await get("/notifications", who.buyerCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control") ?? "").not.toMatch(/public/);
    const html = await res.text();
    expect(html).toContain(`订单 HM-20261201-${String(TOTAL).padStart(6, "0")} 已提交`);
    expect(html).toContain(`href="/orders/HM-20261201-${String(TOTAL).padStart(6, "0")}"`);
    // The oldest five are on page 2.
    expect(html).not.toContain("HM-20261201-000001");
    expect(html).toContain(`${TOTAL} 条未读`);
    expect(badge(html)).toBe(String(TOTAL));
    expect(html).toContain(`aria-label="通知（${TOTAL} 条未读）"`);
    expect(html).toContain('href="/notifications"');
    expect(html).toContain('href="/cart"');
    expect(html).toContain('href="/orders"');
    const page2 = await (await get("/notifications?page=2", who.buyerCookie)).text();
    expect(page2).toContain("HM-20261201-000001");
  });

  it("a seller sees their own, in their language, linking to their seller order; no cart or orders link", async () => {
    const html = await (await get("/notifications", who.sellerCookie)).text();
    expect(html).toContain("Order HM-20261201-000001 cancelled");
    expect(html).toContain("Reason: 停餐");
    expect(html).toContain(`href="/seller/orders/${SO_ID}"`);
    expect(html).not.toContain("HM-20261201-000002");
    expect(badge(html)).toBe("1");
    expect(html).toContain('aria-label="Notifications (1 unread)"');
    expect(html).not.toContain('href="/cart"');
    expect(html).not.toContain('href="/orders"');
  });

  it("signed out: the landing page's header has no notifications, cart or orders link and stays public", async () => {
    const res = await get("/");
    expect(res.headers.get("Cache-Control")).toMatch(/^public/);
    const html = await res.text();
    expect(html).not.toContain('href="/notifications"');
    expect(html).not.toContain('href="/cart"');
    expect(badge(html)).toBeNull();
    expect(html).not.toContain("unreadNotifications");
    expect((await get("/notifications")).status).toBe(302);
  });

  it("marks one read, refuses another user's, then marks all read; the header count follows", async () => {
    const mine = await t.db.prisma.notification.findFirstOrThrow({ where: { userId: who.buyer }, orderBy: { createdAt: "desc" }, select: { id: true } });
    const res = await post("/notifications", { intent: "read", id: mine.id, page: "2" }, who.buyerCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/notifications?page=2&marked=one");
    expect(await countUnread(t.db.prisma, who.buyer)).toBe(TOTAL - 1);
    // Marking it again is harmless.
    expect((await post("/notifications", { intent: "read", id: mine.id }, who.buyerCookie)).status).toBe(302);
    expect(await countUnread(t.db.prisma, who.buyer)).toBe(TOTAL - 1);

    expect((await post("/notifications", { intent: "read", id: who.sellerNotification }, who.buyerCookie)).status).toBe(404);
    expect(await countUnread(t.db.prisma, who.seller)).toBe(1);
    const bad = await post("/notifications", { intent: "read", id: "x" }, who.buyerCookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请求无效");

    const html = await (await get("/notifications?marked=one", who.buyerCookie)).text();
    expect(html).toContain("已标为已读。");
    expect(badge(html)).toBe(String(TOTAL - 1));

    const all = await post("/notifications", { intent: "all" }, who.buyerCookie);
    expect(all.headers.get("Location")).toBe("/notifications?marked=all");
    expect(await countUnread(t.db.prisma, who.buyer)).toBe(0);
    expect(await countUnread(t.db.prisma, who.seller)).toBe(1);
    const after = await (await get("/notifications?marked=all", who.buyerCookie)).text();
    expect(badge(after)).toBeNull();
    expect(after).toContain("全部已读");
    expect(after).not.toContain("全部标为已读");
  });
});
