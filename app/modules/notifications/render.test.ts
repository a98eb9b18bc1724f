import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "./notice";
import { notificationHref, readParams, renderEmail, renderNotification, type NotificationParams } from "./render";

const base: NotificationParams = {
  audience: "buyer",
  orderNumber: "HM-20261202-000042",
  sellerOrderId: "50000000-0000-4000-8000-00000000000a",
  buyerName: "复旦大学北区食堂",
  buyerNameEn: "Fudan North Canteen",
  sellerName: "沙县夏茂合作社",
  sellerNameEn: "Xiamao Co-op",
  totalFen: 31250,
  sellerSubtotalFen: 19200,
  sellerCount: 2,
  reason: "",
  previousTotalFen: null,
  shortLines: [],
};

describe("renderNotification", () => {
  it("order placed, in both languages, for the buyer and for the seller", () => {
    expect(renderNotification("order_placed", { ...base, sellerOrderId: null }, "zh")).toEqual({
      title: "订单 HM-20261202-000042 已提交",
      body: "已分给 2 家卖家，预计金额 ¥312.50。卖家确认后会再通知您。",
      href: "/orders/HM-20261202-000042",
    });
    expect(renderNotification("order_placed", { ...base, sellerOrderId: null }, "en").title).toBe("Order HM-20261202-000042 placed");
    const seller = renderNotification("order_placed", { ...base, audience: "seller" }, "zh");
    expect(seller.title).toBe("新订单 HM-20261202-000042");
    expect(seller.body).toBe("复旦大学北区食堂 下单，您的部分预计 ¥192.00，请尽快确认。");
    expect(seller.href).toBe("/seller/orders/50000000-0000-4000-8000-00000000000a");
    expect(renderNotification("order_placed", { ...base, audience: "seller" }, "en").body).toContain("Fudan North Canteen placed an order");
  });

  it("confirmed names the seller in the reader's language", () => {
    expect(renderNotification("order_confirmed", base, "zh").title).toBe("沙县夏茂合作社 已确认订单 HM-20261202-000042");
    expect(renderNotification("order_confirmed", base, "en").title).toBe("Xiamao Co-op confirmed order HM-20261202-000042");
    expect(renderNotification("order_confirmed", { ...base, sellerNameEn: null }, "en").title).toBe("沙县夏茂合作社 confirmed order HM-20261202-000042");
  });

  it("short-shipped lists each short line with its reason", () => {
    const params = { ...base, shortLines: [{ nameZh: "泰宁香菇", nameEn: "Taining shiitake", quantity: 10, shippedQuantity: 7, reason: "库存不足" }, { nameZh: "笋干", nameEn: "", quantity: 5, shippedQuantity: 0, reason: "" }] };
    expect(renderNotification("order_short_shipped", params, "zh").body).toBe("泰宁香菇 订 10 发 7（库存不足）；笋干 订 5 发 0。调整后订单金额 ¥312.50。");
    expect(renderNotification("order_short_shipped", params, "en").body).toBe("Taining shiitake: 7 of 10 will ship (库存不足); 笋干: 0 of 5 will ship. The adjusted order total is ¥312.50.");
    expect(renderNotification("order_short_shipped", base, "zh").body).toBe("部分商品缺货。调整后订单金额 ¥312.50。");
  });

  it("cancelled: whole order or one seller's part, with the reason, and the seller's own view", () => {
    expect(renderNotification("order_cancelled", { ...base, sellerOrderId: null, sellerName: null, reason: "停餐" }, "zh")).toMatchObject({ title: "订单 HM-20261202-000042 已取消", body: "订单金额现为 ¥312.50。原因：停餐" });
    expect(renderNotification("order_cancelled", base, "zh").title).toBe("沙县夏茂合作社 取消了订单 HM-20261202-000042 中的商品");
    expect(renderNotification("order_cancelled", { ...base, audience: "seller", reason: "buyer asked" }, "en").body).toBe(
      "Your part (¥192.00) of Fudan North Canteen’s order was cancelled; its reserved stock was released. Reason: buyer asked",
    );
  });

  it("price changed shows the earlier total when known", () => {
    expect(renderNotification("price_changed", { ...base, previousTotalFen: 30000 }, "zh").body).toBe("订单金额由 ¥300.00 变为 ¥312.50。");
    expect(renderNotification("price_changed", base, "en").body).toBe("The order total is now ¥312.50.");
  });

  it("every kind renders a title and body in both languages without leftover placeholders", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const audience of ["buyer", "seller"] as const) {
        for (const locale of ["zh", "en"] as const) {
          const r = renderNotification(kind, { ...base, audience }, locale);
          expect(r.title.length).toBeGreaterThan(0);
          expect(`${r.title} ${r.body}`).not.toMatch(/\{\w+\}|notifications\./);
        }
      }
    }
  });
});

describe("notificationHref", () => {
  it("sellers go to their seller order, buyers to the order (number escaped)", () => {
    expect(notificationHref({ audience: "seller", orderNumber: "HM-1", sellerOrderId: "abc" })).toBe("/seller/orders/abc");
    expect(notificationHref({ audience: "seller", orderNumber: "HM-1", sellerOrderId: null })).toBe("/orders/HM-1");
    expect(notificationHref({ audience: "buyer", orderNumber: "HM 1/2", sellerOrderId: "abc" })).toBe("/orders/HM%201%2F2");
  });
});

describe("readParams", () => {
  it("reads stored params back and survives junk", () => {
    expect(readParams(JSON.parse(JSON.stringify(base)))).toEqual(base);
    const junk = readParams({ audience: "admin", totalFen: "12", shortLines: [null, { nameZh: 3 }] });
    expect(junk).toMatchObject({ audience: "buyer", orderNumber: "?", totalFen: 0, shortLines: [{ nameZh: "", quantity: 0 }] });
    expect(readParams(null).audience).toBe("buyer");
  });
});

describe("renderEmail", () => {
  it("a plain-text message in the recipient's language with the link path", () => {
    const zh = renderEmail("order_delivered", base, { displayName: "林采购", locale: "zh" });
    expect(zh.subject).toBe("【沪明直供】订单 HM-20261202-000042 已送达");
    expect(zh.text.split("\n")[0]).toBe("林采购，您好：");
    expect(zh.text).toContain("登录沪明直供查看：/orders/HM-20261202-000042");
    const en = renderEmail("order_delivered", base, { displayName: "Amy", locale: "en" });
    expect(en.subject).toBe("[Huming Direct] Order HM-20261202-000042 delivered");
    expect(en.text).toContain("Hello Amy,");
  });
});

describe("delivery_planned", () => {
  it("tells the buyer the arrival window and the van, in either language", async () => {
    const { renderNotification: render, readParams: read } = await import("./render");
    const params = read({ audience: "buyer", orderNumber: "HM-20261204-000001", buyerName: "复旦大学邯郸校区食堂", windowFrom: "2026-12-03T21:00:00.000Z", windowTo: "2026-12-03T22:00:00.000Z", plate: "沪A·K3920" });
    const zh = render("delivery_planned", params, "zh");
    expect(zh.title).toBe("订单 HM-20261204-000001 已安排配送");
    expect(zh.body).toContain("05:00–06:00");
    expect(zh.body).toContain("沪A·K3920");
    expect(zh.href).toBe("/orders/HM-20261204-000001");
    expect(render("delivery_planned", params, "en").body).toMatch(/^Expected arrival: .*05:00–06:00, van 沪A·K3920\.$/);
    expect(render("delivery_planned", read({ orderNumber: "X" }), "zh").body).toContain("订单已安排配送");
  });
});
