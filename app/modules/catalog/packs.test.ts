import { describe, expect, it } from "vitest";
import {
  cm3ForInput,
  composePackLabel,
  formatPackCount,
  gramsForInput,
  gramsToJin,
  isPackUnit,
  jinToGrams,
  packNetWeight,
  parseVolumeCm3,
  parseWeight,
  parseWeightGrams,
  pricePerKgFen,
  type PackLabelFields,
} from "./packs";

const pack = (p: Partial<PackLabelFields>): PackLabelFields => {
  const itemCount = p.itemCount ?? 1;
  const item = p.itemNetWeightGrams ?? 500;
  return { unit: "box", variableWeight: false, itemCount, itemNetWeightGrams: item, netWeightGrams: itemCount * item, ...p };
};

describe("parseWeightGrams", () => {
  it.each([
    ["350", 350],
    ["350g", 350],
    ["350 克", 350],
    ["350 G", 350],
    ["0.5kg", 500],
    ["1.5 公斤", 1500],
    ["2 千克", 2000],
    ["2斤", 1000],
    ["0.5 斤", 250],
    ["3两", 150],
    ["３５０ｇ", 350],
    ["１．５ｋｇ", 1500],
    ["  5 kg  ", 5000],
    ["1,000 kg", 1_000_000],
    ["1000kg", 1_000_000],
    ["0.001 kg", 1],
  ])("%s → %i g", (text, grams) => {
    expect(parseWeightGrams(text)).toBe(grams);
  });
  it.each(["", "  ", "0", "0 g", "0.0kg", "-5", "−5 kg", "0.5", "1.0005 kg", "0.3 斤".replace("0.3", "0.0001"), "1000.001 kg", "1001 kg", "abc", "5 lb", "5 kg 2", "1e3", "5..0", ".", "NaN"])(
    "refuses %j",
    (text) => {
      expect(parseWeightGrams(text)).toBeNull();
    },
  );
  it("says why", () => {
    expect(parseWeight("")).toEqual({ ok: false, key: "listing.error.weight_required" });
    expect(parseWeight("-1")).toEqual({ ok: false, key: "listing.error.weight_positive" });
    expect(parseWeight("0")).toEqual({ ok: false, key: "listing.error.weight_positive" });
    expect(parseWeight("0.5 g")).toEqual({ ok: false, key: "listing.error.weight_whole_grams" });
    expect(parseWeight("2000 kg")).toEqual({ ok: false, key: "listing.error.weight_too_large" });
    expect(parseWeight("five")).toEqual({ ok: false, key: "listing.error.weight_invalid" });
  });
  it("round-trips through the input form", () => {
    for (const g of [1, 350, 999, 1000, 1500, 2250, 5000, 12345, 1_000_000]) expect(parseWeightGrams(gramsForInput(g))).toBe(g);
    expect(gramsForInput(2500)).toBe("2.5 kg");
    expect(gramsForInput(350)).toBe("350 g");
  });
});

describe("斤 ↔ g", () => {
  it("converts exactly", () => {
    expect(jinToGrams(1)).toBe(500);
    expect(jinToGrams(2)).toBe(1000);
    expect(jinToGrams(0.5)).toBe(250);
    expect(jinToGrams(10)).toBe(5000);
    expect(gramsToJin(500)).toBe(1);
    expect(gramsToJin(2500)).toBe(5);
    expect(gramsToJin(250)).toBe(0.5);
    for (const j of [1, 3, 7.5, 100]) expect(gramsToJin(jinToGrams(j))).toBe(j);
  });
});

describe("packNetWeight", () => {
  it("multiplies items by their weight", () => {
    expect(packNetWeight(24, 350)).toBe(8400);
    expect(packNetWeight(1, 5000)).toBe(5000);
  });
  it("refuses non-positive or fractional input", () => {
    expect(packNetWeight(0, 350)).toBeNull();
    expect(packNetWeight(2, 0)).toBeNull();
    expect(packNetWeight(1.5, 350)).toBeNull();
    expect(packNetWeight(-1, 350)).toBeNull();
    expect(packNetWeight(Number.MAX_SAFE_INTEGER, 2)).toBeNull();
  });
});

describe("composePackLabel", () => {
  it("composes Chinese labels", () => {
    expect(composePackLabel(pack({ unit: "box", itemNetWeightGrams: 5000 }), "zh")).toBe("5 kg/箱");
    expect(composePackLabel(pack({ unit: "box", itemCount: 24, itemNetWeightGrams: 350 }), "zh")).toBe("24×350 g/箱");
    expect(composePackLabel(pack({ unit: "box", itemNetWeightGrams: 5000, variableWeight: true }), "zh")).toBe("约 5 kg/箱");
    expect(composePackLabel(pack({ unit: "jin", itemNetWeightGrams: 500 }), "zh")).toBe("1 斤/袋");
    expect(composePackLabel(pack({ unit: "jin", itemNetWeightGrams: 1500 }), "zh")).toBe("3 斤/袋");
    expect(composePackLabel(pack({ unit: "bag", itemNetWeightGrams: 500 }), "zh")).toBe("500 g/袋");
    expect(composePackLabel(pack({ unit: "bag", itemNetWeightGrams: 2500 }), "zh")).toBe("2.5 kg/袋");
    expect(composePackLabel(pack({ unit: "piece", itemNetWeightGrams: 250 }), "zh")).toBe("250 g/件");
    expect(composePackLabel(pack({ unit: "kg", itemNetWeightGrams: 1000 }), "zh")).toBe("1 kg");
    expect(composePackLabel(pack({ unit: "kg", itemNetWeightGrams: 1000, variableWeight: true }), "zh")).toBe("约 1 kg");
  });
  it("composes English labels", () => {
    expect(composePackLabel(pack({ unit: "box", itemNetWeightGrams: 5000 }), "en")).toBe("5 kg box");
    expect(composePackLabel(pack({ unit: "box", itemCount: 24, itemNetWeightGrams: 350 }), "en")).toBe("box of 24 × 350 g");
    expect(composePackLabel(pack({ unit: "box", itemNetWeightGrams: 5000, variableWeight: true }), "en")).toBe("approx. 5 kg box");
    expect(composePackLabel(pack({ unit: "jin", itemNetWeightGrams: 500 }), "en")).toBe("1 jin (500 g) bag");
    expect(composePackLabel(pack({ unit: "jin", itemNetWeightGrams: 1500 }), "en")).toBe("3 jin (1.5 kg) bag");
    expect(composePackLabel(pack({ unit: "bag", itemNetWeightGrams: 500 }), "en")).toBe("500 g bag");
    expect(composePackLabel(pack({ unit: "bag", itemCount: 10, itemNetWeightGrams: 500, variableWeight: true }), "en")).toBe("bag of 10 × approx. 500 g");
    expect(composePackLabel(pack({ unit: "piece", itemNetWeightGrams: 250 }), "en")).toBe("250 g piece");
    expect(composePackLabel(pack({ unit: "kg", itemNetWeightGrams: 1000 }), "en")).toBe("1 kg");
    expect(composePackLabel(pack({ unit: "kg", itemNetWeightGrams: 1000, variableWeight: true }), "en")).toBe("approx. 1 kg");
  });
  it("never mixes scripts: English labels hold no Chinese, Chinese labels use only 斤/箱/袋/件", () => {
    for (const unit of ["kg", "jin", "box", "bag", "piece"] as const)
      for (const itemCount of [1, 12])
        for (const variableWeight of [false, true]) {
          const en = composePackLabel(pack({ unit, itemCount, itemNetWeightGrams: 500, variableWeight }), "en");
          expect(en).not.toMatch(/[\u4e00-\u9fff；（）]/);
        }
  });
  it("groups thousands of kilograms", () => {
    expect(composePackLabel(pack({ unit: "box", itemNetWeightGrams: 1_000_000 }), "en")).toBe("1,000 kg box");
  });
});

describe("formatPackCount", () => {
  it("uses English plurals", () => {
    expect(formatPackCount(1, "piece", "en")).toBe("1 piece");
    expect(formatPackCount(268, "piece", "en")).toBe("268 pieces");
    expect(formatPackCount(3, "box", "en")).toBe("3 boxes");
    expect(formatPackCount(1, "box", "en")).toBe("1 box");
    expect(formatPackCount(2, "bag", "en")).toBe("2 bags");
    expect(formatPackCount(0, "bag", "en")).toBe("0 bags");
    expect(formatPackCount(5, "kg", "en")).toBe("5 kg");
    expect(formatPackCount(1, "jin", "en")).toBe("1 jin");
    expect(formatPackCount(1200, "piece", "en")).toBe("1,200 pieces");
  });
  it("uses Chinese measure words", () => {
    expect(formatPackCount(268, "piece", "zh")).toBe("268 件");
    expect(formatPackCount(3, "box", "zh")).toBe("3 箱");
    expect(formatPackCount(2, "bag", "zh")).toBe("2 袋");
    expect(formatPackCount(5, "jin", "zh")).toBe("5 斤");
    expect(formatPackCount(5, "kg", "zh")).toBe("5 公斤");
  });
});

describe("pricePerKgFen", () => {
  it("rounds half up to whole fen", () => {
    expect(pricePerKgFen(5000, 5000)).toBe(1000);
    expect(pricePerKgFen(1250, 350)).toBe(3571); // 3571.43
    expect(pricePerKgFen(1, 3)).toBe(333); // 333.33
    expect(pricePerKgFen(1, 2000)).toBe(1); // 0.5 → 1
    expect(pricePerKgFen(1, 2001)).toBe(0);
    expect(pricePerKgFen(36700, 8400)).toBe(4369); // 4369.05
  });
  it("is null without a weight", () => {
    expect(pricePerKgFen(100, 0)).toBeNull();
    expect(pricePerKgFen(1.5, 100)).toBeNull();
  });
});

describe("volumes and units", () => {
  it("reads cm³ and litres", () => {
    expect(parseVolumeCm3("12000")).toBe(12000);
    expect(parseVolumeCm3("12000 cm3")).toBe(12000);
    expect(parseVolumeCm3("12000cm³")).toBe(12000);
    expect(parseVolumeCm3("12 L")).toBe(12000);
    expect(parseVolumeCm3("0.5l")).toBe(500);
    expect(parseVolumeCm3("１２ 升")).toBe(12000);
    expect(parseVolumeCm3("40×30×20")).toBe(24000);
    expect(parseVolumeCm3("40 x 30 x 20 cm")).toBe(24000);
    expect(parseVolumeCm3("４０＊３０＊２０厘米")).toBe(24000);
    expect(parseVolumeCm3("0x30x20")).toBeNull();
    expect(parseVolumeCm3("0")).toBeNull();
    expect(parseVolumeCm3("0.5")).toBeNull();
    expect(parseVolumeCm3("-3 L")).toBeNull();
    expect(parseVolumeCm3("lots")).toBeNull();
    for (const v of [350, 1000, 12000, 12500, 999]) expect(parseVolumeCm3(cm3ForInput(v))).toBe(v);
  });
  it("knows its units", () => {
    expect(isPackUnit("jin")).toBe(true);
    expect(isPackUnit("罐")).toBe(false);
  });
});
