import { describe, expect, it } from "vitest";
import { noticeKey, parseOrderNotice } from "./notice";

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
