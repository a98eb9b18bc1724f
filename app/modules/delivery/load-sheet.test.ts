import { describe, expect, it } from "vitest";
import { buildLoadSheet, loadSheetFileName, type LoadSheetSourceLine, type LoadSheetVan } from "./load-sheet";

const van: LoadSheetVan = { plate: "沪A·D1234", payloadGrams: 1_000_000, volumeLitres: 8_000, tempClasses: ["chilled", "frozen", "ambient"] };

const line = (over: Partial<LoadSheetSourceLine>): LoadSheetSourceLine => ({
  orderNumber: "HM-20261203-000001",
  sku: "SKU-1",
  productName: "沙县扁肉",
  productNameEn: "",
  pack: "袋 · 500 克",
  compartment: "frozen",
  packs: 10,
  grams: 5_000,
  cm3: 10_000,
  toWeigh: false,
  lots: [],
  ...over,
});

const stops = [
  {
    id: "s1",
    sequence: 1,
    name: "复旦食堂",
    lines: [
      line({ sku: "SKU-1", lots: ["L2"] }),
      line({ orderNumber: "HM-20261203-000002", sku: "SKU-1", packs: 4, grams: 2_000, cm3: 4_000, lots: ["L1", "L2"] }),
      line({ sku: "SKU-2", productName: "鲜香菇", compartment: "chilled", packs: 3, grams: 15_000, cm3: 30_000, toWeigh: true }),
    ],
  },
  {
    id: "s3",
    sequence: 3,
    name: "五角场市场",
    lines: [line({ sku: "SKU-3", productName: "冻蒸饺", packs: 2, grams: 2_000, cm3: 3_000 }), line({ sku: "SKU-4", productName: "建宁白莲", compartment: "ambient", packs: 0 })],
  },
  { id: "s2", sequence: 2, name: "同济食堂", lines: [line({ sku: "SKU-1", packs: 1, grams: 500, cm3: 1_000, orderNumber: "HM-20261203-000003" })] },
];

describe("buildLoadSheet", () => {
  it("lists each compartment's lines last stop first, numbered in loading order", () => {
    const sheet = buildLoadSheet(stops, van);
    expect(sheet.compartments.map((c) => c.compartment)).toEqual(["frozen", "chilled", "ambient"]);
    const frozen = sheet.compartments[0]!;
    expect(frozen.lines.map((l) => [l.loadOrder, l.stopSequence, l.sku])).toEqual([
      [1, 3, "SKU-3"],
      [2, 2, "SKU-1"],
      [3, 1, "SKU-1"],
    ]);
    expect(frozen.lines[0]!.stopName).toBe("五角场市场");
  });

  it("merges one pack for one stop across orders, with the orders and lots of all", () => {
    const first = buildLoadSheet(stops, van).compartments[0]!.lines[2]!;
    expect(first).toMatchObject({ packs: 14, grams: 7_000, cm3: 14_000, orderNumbers: ["HM-20261203-000001", "HM-20261203-000002"], lots: ["L1", "L2"] });
  });

  it("orders a stop's lines by product name and leaves out lines with nothing to ship", () => {
    const two = [{ id: "s", sequence: 1, name: "x", lines: [line({ sku: "B", productName: "香菇" }), line({ sku: "A", productName: "冬笋" }), line({ sku: "C", productName: "白莲", packs: 0 })] }];
    expect(buildLoadSheet(two, van).compartments[0]!.lines.map((l) => l.productName)).toEqual(["冬笋", "香菇"]);
    expect(buildLoadSheet(stops, van).compartments[2]!.lines).toEqual([]);
  });

  it("totals each compartment and the van against its payload and volume", () => {
    const sheet = buildLoadSheet(stops, van);
    expect(sheet.compartments.map((c) => c.totals)).toEqual([
      { packs: 17, grams: 9_500, cm3: 18_000 },
      { packs: 3, grams: 15_000, cm3: 30_000 },
      { packs: 0, grams: 0, cm3: 0 },
    ]);
    expect(sheet.totals).toEqual({ packs: 20, grams: 24_500, cm3: 48_000 });
    expect(sheet.payloadPercent).toBe(2);
    expect(sheet.volumePercent).toBe(1);
    expect(sheet.overloaded).toBe(false);
    expect(sheet.compartments[1]!.lines[0]!.toWeigh).toBe(true);
    expect(sheet.stops).toBe(3);
  });

  it("flags a compartment the van lacks and a load over its payload or volume", () => {
    const small: LoadSheetVan = { plate: "沪A·X", payloadGrams: 20_000, volumeLitres: 40, tempClasses: ["ambient", "chilled"] };
    const sheet = buildLoadSheet(stops, small);
    expect(sheet.compartments.map((c) => c.carried)).toEqual([false, true, true]);
    expect(sheet.overloaded).toBe(true);
    expect(sheet.payloadPercent).toBe(123);
    expect(sheet.volumePercent).toBe(120);
    expect(buildLoadSheet([], small)).toMatchObject({ stops: 0, overloaded: false, payloadPercent: 0, totals: { packs: 0, grams: 0, cm3: 0 } });
  });
});

describe("loadSheetFileName", () => {
  it("names the day and the van, without characters a file system refuses", () => {
    expect(loadSheetFileName("2026-12-03", "沪A·D1234")).toBe("load-sheet-2026-12-03-沪A·D1234.pdf");
    expect(loadSheetFileName("2026-12-03", 'a/b\\c "d"')).toBe("load-sheet-2026-12-03-abcd.pdf");
    expect(loadSheetFileName("2026-12-03", "")).toBe("load-sheet-2026-12-03.pdf");
  });
});
