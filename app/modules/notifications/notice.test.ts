import { describe, expect, it } from "vitest";
import { noticeKey, parseOrderNotice, stepNoticeKind } from "./notice";

const ORDER = "0d000000-0000-4000-8000-000000000001";
const SO = "50000000-0000-4000-8000-00000000000A";

describe("parseOrderNotice", () => {
  it("accepts a notice and normalises ids to lower case", () => {
    expect(parseOrderNotice({ kind: "order_confirmed", orderId: ORDER, sellerOrderId: SO, eventId: "17" })).toEqual({ kind: "order_confirmed", orderId: ORDER, sellerOrderId: SO.toLowerCase(), eventId: "17" });
  });

  it.each([
    [{ kind: "order_shipped", orderId: ORDER }, /kind/],
    [{ kind: "order_placed", orderId: "HM-1" }, /orderId must be a uuid/],
    [{ kind: "order_placed", orderId: ORDER, sellerOrderId: "x" }, /sellerOrderId must be a uuid/],
    [{ kind: "order_placed", orderId: ORDER, eventId: "" }, /eventId/],
    [{ kind: "order_placed", orderId: ORDER, details: "reason" }, /details/],
    [null, /Invalid order notice/],
  ])("refuses %j", (input, message) => {
    expect(() => parseOrderNotice(input)).toThrow(message);
  });

  it("round-trips details through JSON (what a job payload holds)", () => {
    const parsed = parseOrderNotice({ kind: "order_cancelled", orderId: ORDER, details: { reason: "停餐", at: new Date("2026-12-01T00:00:00Z"), skip: undefined } });
    expect(parsed.details).toEqual({ reason: "停餐", at: "2026-12-01T00:00:00.000Z" });
  });
});

describe("noticeKey", () => {
  it("is the same for the same notice, whatever the order of the details' keys", () => {
    const a = noticeKey({ kind: "price_changed", orderId: ORDER, details: { previousTotalFen: 100, reason: "改量" } });
    const b = noticeKey({ kind: "price_changed", orderId: ORDER, details: { reason: "改量", previousTotalFen: 100 } });
    expect(a).toBe(b);
  });

  it("tells apart kinds, seller orders, events and different details", () => {
    const keys = [
      noticeKey({ kind: "order_confirmed", orderId: ORDER }),
      noticeKey({ kind: "order_delivered", orderId: ORDER }),
      noticeKey({ kind: "order_confirmed", orderId: ORDER, sellerOrderId: SO }),
      noticeKey({ kind: "order_confirmed", orderId: ORDER, eventId: "1" }),
      noticeKey({ kind: "order_confirmed", orderId: ORDER, eventId: "2" }),
      noticeKey({ kind: "price_changed", orderId: ORDER, details: { previousTotalFen: 100 } }),
      noticeKey({ kind: "price_changed", orderId: ORDER, details: { previousTotalFen: 200 } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toBe(`order_confirmed:${ORDER}:-:-`);
  });
});

describe("stepNoticeKind", () => {
  const same = { shortLines: 0, previousTotalFen: 10_000, totalFen: 10_000 };
  it("names the notice of each step that has one", () => {
    expect(stepNoticeKind("confirm", same)).toBe("order_confirmed");
    expect(stepNoticeKind("short_ship", { ...same, totalFen: 8_000 })).toBe("order_short_shipped");
    expect(stepNoticeKind("cancel_by_seller", same)).toBe("order_cancelled");
    expect(stepNoticeKind("cancel_by_operator", same)).toBe("order_cancelled");
    expect(stepNoticeKind("deliver", same)).toBe("order_delivered");
  });
  it("makes a confirmation with short lines a shortage", () => {
    expect(stepNoticeKind("confirm", { ...same, shortLines: 1, totalFen: 9_000 })).toBe("order_short_shipped");
  });
  it("tells the buyer when weighing or packing changed the total, and stays silent otherwise", () => {
    expect(stepNoticeKind("record_weights", { ...same, totalFen: 10_450 })).toBe("price_changed");
    expect(stepNoticeKind("pack", { ...same, totalFen: 9_900 })).toBe("price_changed");
    expect(stepNoticeKind("record_weights", same)).toBeNull();
    expect(stepNoticeKind("pack", same)).toBeNull();
    expect(stepNoticeKind("receive", { ...same, totalFen: 1 })).toBeNull();
    expect(stepNoticeKind("dispatch", same)).toBeNull();
  });
});
