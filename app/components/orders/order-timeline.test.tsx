import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n/translate";
import { OrderTimeline, type TimelineEvent } from "./order-timeline";

const run = { departureId: "d1", vehiclePlate: "闽G·30001", tempClass: "chilled", grams: 12_000 };
const event = (over: Partial<TimelineEvent>): TimelineEvent => ({ id: "1", event: "confirm", sellerName: null, sellerNameEn: null, actorName: null, actorRole: "system", reason: "", createdAt: "2026-12-02T05:00:00Z", ...over });
const events: TimelineEvent[] = [
  event({ id: "1", event: "trunk_assign", reason: "班次 闽G·30001 12-02 14:00 发车 · 冷藏", details: { ...run, departsAt: "2026-12-02T06:00:00.000Z", manual: false } }),
  event({ id: "2", event: "trunk_depart", reason: "班次 闽G·30001 12-02 14:00 发车 · 冷藏", details: { ...run, departedAt: "2026-12-02T06:00:00.000Z" } }),
  event({ id: "3", event: "trunk_arrive", reason: "班次 闽G·30001 12-02 23:30 到达 沪明直供 江桥冷链仓 · 冷藏", details: { ...run, arrivedAt: "2026-12-02T15:30:00.000Z", warehouseName: "沪明直供 江桥冷链仓", warehouseNameEn: "Huming Direct Jiangqiao cold-chain warehouse" } }),
  event({ id: "4", event: "short_ship", reason: "冻害减产" }),
];
const render = (list: TimelineEvent[], locale: "zh" | "en") => renderToStaticMarkup(<OrderTimeline events={list} t={translator(locale)} locale={locale} />);

describe("OrderTimeline", () => {
  it("words trunk events in Chinese as they were stored", () => {
    const html = render(events, "zh");
    expect(html).toContain("班次 闽G·30001 12-02 14:00 发车 · 冷藏");
    expect(html).toContain("班次 闽G·30001 12-02 23:30 到达 沪明直供 江桥冷链仓 · 冷藏");
    expect(html).toContain("原因：冻害减产");
  });

  it("words them in English for the English interface, with the warehouse's English name", () => {
    const html = render(events, "en");
    expect(html).toContain("Trunk run 闽G·30001, departing ");
    expect(html).toContain("Trunk run 闽G·30001 arrived at Huming Direct Jiangqiao cold-chain warehouse");
    expect(html).toContain("Chilled");
    expect(html).not.toMatch(/发车|到达|冷藏/);
    // A reason someone gave is theirs, in their words.
    expect(html).toContain("Reason: 冻害减产");
  });

  it("shows the stored text of a trunk event written before its details held the facts", () => {
    const old = event({ event: "trunk_depart", reason: "班次 闽G·30001 12-02 14:00 发车 · 冷藏", details: { departureId: "d1" } });
    expect(render([old], "en")).toContain("班次 闽G·30001 12-02 14:00 发车 · 冷藏");
  });
});
