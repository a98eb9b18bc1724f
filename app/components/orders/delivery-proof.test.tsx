import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n/translate";
import { DeliveryProofPanel, receivedDifferences } from "./delivery-proof";

const line = (over: Partial<Parameters<typeof receivedDifferences>[0][number]> = {}) => ({ id: "l1", productNameZh: "建宁通心白莲", productNameEn: "Jianning lotus seeds", quantity: 5, shippedQuantity: 5, receivedQuantity: 5, receivedNote: "", ...over });
const proof = {
  stopId: "s1",
  status: "delivered" as const,
  arrivedAt: "2026-12-02T21:40:00Z",
  deliveredAt: "2026-12-02T21:52:00Z",
  receiverName: "周师傅",
  temperatureC: 3.2,
  temperatures: {},
  signatureSvg: "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script><path d='M0 0L9 9'/></svg>",
  note: "",
  hasPhoto: true,
  vehiclePlate: "沪A·K2051",
  driverName: "陈师傅",
};

describe("receivedDifferences", () => {
  it("keeps the lines received short or over, or with a note; not yet delivered lines are not differences", () => {
    const lines = [line(), line({ id: "short", receivedQuantity: 3 }), line({ id: "noted", receivedNote: "外箱压坏" }), line({ id: "open", receivedQuantity: null }), line({ id: "shortShipped", shippedQuantity: 4, receivedQuantity: 4 })];
    expect(receivedDifferences(lines).map((l) => l.id)).toEqual(["short", "noted"]);
  });
});

describe("DeliveryProofPanel", () => {
  it("shows the hand-over in Chinese, the signature as an image (its markup never inlined) and the photo link", () => {
    const html = renderToStaticMarkup(<DeliveryProofPanel proofs={[proof]} lines={[line({ receivedQuantity: 3, receivedNote: "外箱压坏" })]} t={translator("zh")} locale="zh" />);
    expect(html).toContain("签收记录");
    expect(html).toContain("签收人：周师傅");
    expect(html).toContain("交接时探针温度：3.2 ℃");
    expect(html).toContain("车辆 沪A·K2051 · 司机 陈师傅");
    expect(html).toContain("建宁通心白莲：发出 5 包，签收 3 包 — 外箱压坏");
    expect(html).toContain('href="/delivery-photos/s1"');
    expect(html).toMatch(/<img src="data:image\/svg\+xml;charset=utf-8,[^"]+"/);
    expect(html).not.toContain("<script>");
  });

  it("shows each compartment's reading of a mixed van's hand-over", () => {
    const html = renderToStaticMarkup(<DeliveryProofPanel proofs={[{ ...proof, temperatures: { chilled: 3.5, frozen: -18 } }]} lines={[]} t={translator("zh")} locale="zh" />);
    expect(html).toContain("冷藏交接温度：3.5 ℃");
    expect(html).toContain("冷冻交接温度：-18 ℃");
    expect(html).not.toContain("交接时探针温度");
  });

  it("speaks English with English product names, and renders nothing before a van reached the order", () => {
    const html = renderToStaticMarkup(<DeliveryProofPanel proofs={[proof]} lines={[line({ receivedQuantity: 4 })]} t={translator("en")} locale="en" />);
    expect(html).toContain("Proof of delivery");
    expect(html).toContain("Jianning lotus seeds: 5 packs shipped, 4 received");
    expect(renderToStaticMarkup(<DeliveryProofPanel proofs={[]} lines={[]} t={translator("en")} locale="en" />)).toBe("");
  });
});
