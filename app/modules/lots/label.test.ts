import { describe, expect, it } from "vitest";
import { composeLabel, MAX_COPIES, originText, parseCopies, traceUrl, type LabelLot } from "./label";

const LOT: LabelLot = {
  code: "20261130-3",
  producedOn: "2026-11-30",
  expiresOn: "2027-11-30",
  originBase: "均口镇莲子种植基地",
  originPlot: "3 号地块",
  product: { nameZh: "建宁通心白莲", nameEn: "Jianning cored lotus seeds", originCounty: "建宁县" },
  pack: { unit: "box", itemCount: 20, itemNetWeightGrams: 500, netWeightGrams: 10_000, variableWeight: false },
  seller: { name: "建宁县通心白莲专业合作社", nameEn: "Jianning Lotus Seed Cooperative", county: "建宁县" },
  traceUrl: "https://huming.example.cn/t/3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21",
};

describe("label text", () => {
  it("composes the Chinese label", () => {
    expect(composeLabel(LOT, "zh")).toEqual({
      title: "建宁通心白莲",
      subtitle: "Jianning cored lotus seeds",
      pack: "20×500 g/箱",
      lines: [
        { caption: "批次号", value: "20261130-3" },
        { caption: "生产日期", value: "2026-11-30" },
        { caption: "保质期至", value: "2027-11-30" },
        { caption: "产地", value: "建宁县 · 均口镇莲子种植基地 · 3 号地块" },
        { caption: "生产者", value: "建宁县通心白莲专业合作社（建宁县）" },
      ],
      scanHint: "扫码溯源 Scan to trace",
      traceUrl: LOT.traceUrl,
    });
  });

  it("composes the English label, keeping the Chinese product name on it", () => {
    const label = composeLabel(LOT, "en");
    expect(label.title).toBe("建宁通心白莲");
    expect(label.subtitle).toBe("Jianning cored lotus seeds");
    expect(label.pack).toBe("box of 20 × 500 g");
    expect(label.lines).toEqual([
      { caption: "Lot", value: "20261130-3" },
      { caption: "Produced", value: "2026-11-30" },
      { caption: "Best before", value: "2027-11-30" },
      { caption: "Origin", value: "Jianning County · 均口镇莲子种植基地 · 3 号地块" },
      { caption: "Producer", value: "Jianning Lotus Seed Cooperative (Jianning County)" },
    ]);
  });

  it("leaves out what is not recorded: no English name, no base or plot, no English seller name", () => {
    const bare = composeLabel({ ...LOT, originBase: "", originPlot: " ", product: { ...LOT.product, nameEn: "" }, seller: { ...LOT.seller, nameEn: null } }, "en");
    expect(bare.subtitle).toBeNull();
    expect(bare.lines[3]).toEqual({ caption: "Origin", value: "Jianning County" });
    expect(bare.lines[4].value).toBe("建宁县通心白莲专业合作社 (Jianning County)");
  });

  it("writes packs sold by weight and variable-weight packs", () => {
    expect(composeLabel({ ...LOT, pack: { unit: "bag", itemCount: 1, itemNetWeightGrams: 500, netWeightGrams: 500, variableWeight: false } }, "zh").pack).toBe("500 g/袋");
    expect(composeLabel({ ...LOT, pack: { unit: "box", itemCount: 1, itemNetWeightGrams: 5000, netWeightGrams: 5000, variableWeight: true } }, "zh").pack).toBe("约 5 kg/箱");
    expect(composeLabel({ ...LOT, pack: { unit: "box", itemCount: 1, itemNetWeightGrams: 5000, netWeightGrams: 5000, variableWeight: true } }, "en").pack).toBe("approx. 5 kg box");
  });

  it("joins origin parts and builds the public URL", () => {
    expect(originText("建宁县", "", "3 号地块")).toBe("建宁县 · 3 号地块");
    expect(traceUrl("https://huming.example.cn/", "abc")).toBe("https://huming.example.cn/t/abc");
  });

  it("reads ?copies= as 1 to the maximum", () => {
    expect(parseCopies(null)).toBe(1);
    expect(parseCopies("8")).toBe(8);
    expect(parseCopies("0")).toBe(1);
    expect(parseCopies("-3")).toBe(1);
    expect(parseCopies("2.5")).toBe(1);
    expect(parseCopies("abc")).toBe(1);
    expect(parseCopies("100000")).toBe(MAX_COPIES);
  });
});
