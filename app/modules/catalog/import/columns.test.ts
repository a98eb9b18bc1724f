import { describe, expect, it } from "vitest";
import { COLUMNS, columnForHeader, columnLabel, columnLetter, isExampleName, normaliseHeader } from "./columns";
import { normaliseWord, parseCategoryWord, parseTempWord, parseUnitWord, parseYesNo } from "./vocabulary";

describe("header mapping", () => {
  it("maps every template header, Chinese and English, to its column", () => {
    for (const c of COLUMNS) {
      expect(columnForHeader(c.zh), c.zh).toBe(c.key);
      expect(columnForHeader(c.en), c.en).toBe(c.key);
    }
  });

  it("ignores the required mark, spaces, case and full-width brackets", () => {
    expect(columnForHeader("商品名称")).toBe("nameZh");
    expect(columnForHeader(" 商品名称 * ")).toBe("nameZh");
    expect(columnForHeader("单件净重（克）")).toBe("itemWeight");
    expect(columnForHeader("保质期（天）*")).toBe("shelfLife");
    expect(columnForHeader("TIER 2 UNIT PRICE (YUAN)")).toBe("tier2Price");
    expect(columnForHeader("product name (chinese)")).toBe("nameZh");
    expect(columnForHeader("Volume(L)")).toBe("volume");
    expect(columnForHeader("阶梯３单价(元)")).toBe("tier3Price");
    expect(columnForHeader("商品名称(必填)")).toBe("nameZh");
  });

  it("knows the usual other names", () => {
    expect(columnForHeader("产地")).toBe("county");
    expect(columnForHeader("单价")).toBe("tier1Price");
    expect(columnForHeader("起订数量")).toBe("minOrder");
    expect(columnForHeader("SKU")).toBe("sku");
    expect(columnForHeader("Description")).toBe("descriptionZh");
  });

  it("does not guess at headers it does not know", () => {
    expect(columnForHeader("颜色")).toBeNull();
    expect(columnForHeader("Price per kg")).toBeNull();
    expect(columnForHeader("")).toBeNull();
  });

  it("gives every column one header that no other column claims", () => {
    const names = COLUMNS.flatMap((c) => [c.zh, c.en, ...(c.aliases ?? [])].map((n) => [normaliseHeader(n), c.key] as const));
    const owner = new Map<string, string>();
    for (const [n, key] of names) {
      if (owner.has(n)) expect(owner.get(n), `"${n}" is claimed twice`).toBe(key);
      owner.set(n, key);
    }
  });

  it("letters columns as Excel does", () => {
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(25)).toBe("Z");
    expect(columnLetter(26)).toBe("AA");
    expect(columnLetter(27)).toBe("AB");
    expect(columnLetter(701)).toBe("ZZ");
    expect(columnLetter(702)).toBe("AAA");
  });

  it("labels a column in the viewer's language without the required mark", () => {
    expect(columnLabel("category", "zh")).toBe("分类");
    expect(columnLabel("category", "en")).toBe("Category");
    expect(columnLabel("tier1Price", "zh")).toBe("阶梯1单价(元)");
  });

  it("recognises example rows by their marker", () => {
    expect(isExampleName("【示例】泰宁香菇")).toBe(true);
    expect(isExampleName("[Example] shiitake")).toBe(true);
    expect(isExampleName("泰宁香菇【示例】")).toBe(false);
    expect(isExampleName("泰宁香菇")).toBe(false);
  });
});

describe("spreadsheet words", () => {
  it("reads categories in Chinese, English and as enum values", () => {
    expect(parseCategoryWord("菌菇")).toBe("mushrooms");
    expect(parseCategoryWord("Mushrooms")).toBe("mushrooms");
    expect(parseCategoryWord("香菇")).toBe("mushrooms");
    expect(parseCategoryWord("沙县小吃·预制菜")).toBe("snacks_prepared");
    expect(parseCategoryWord("沙县小吃预制菜")).toBe("snacks_prepared");
    expect(parseCategoryWord("Shaxian snacks and prepared food")).toBe("snacks_prepared");
    expect(parseCategoryWord("bamboo_shoots")).toBe("bamboo_shoots");
    expect(parseCategoryWord("笋干")).toBe("bamboo_shoots");
    expect(parseCategoryWord("米面杂粮")).toBe("rice_grains");
    expect(parseCategoryWord("速冻食品")).toBe("frozen_foods");
    expect(parseCategoryWord("电子产品")).toBeNull();
  });

  it("reads temperature classes", () => {
    expect(parseTempWord("常温")).toBe("ambient");
    expect(parseTempWord("冷藏")).toBe("chilled");
    expect(parseTempWord("冷冻")).toBe("frozen");
    expect(parseTempWord("Chilled")).toBe("chilled");
    expect(parseTempWord("frozen")).toBe("frozen");
    expect(parseTempWord("冷藏 0–4 °C")).toBe("chilled");
    expect(parseTempWord("温热")).toBeNull();
  });

  it("reads pack units", () => {
    expect(parseUnitWord("箱")).toBe("box");
    expect(parseUnitWord("case")).toBe("box");
    expect(parseUnitWord("袋")).toBe("bag");
    expect(parseUnitWord("件")).toBe("piece");
    expect(parseUnitWord("公斤")).toBe("kg");
    expect(parseUnitWord("KG")).toBe("kg");
    expect(parseUnitWord("千克")).toBe("kg");
    expect(parseUnitWord("斤")).toBe("jin");
    expect(parseUnitWord("吨")).toBeNull();
  });

  it("reads yes and no, blank being no", () => {
    for (const yes of ["是", "Yes", "Y", "true", "1", "√"]) expect(parseYesNo(yes), yes).toBe(true);
    for (const no of ["否", "no", "N", "FALSE", "0", "×", ""]) expect(parseYesNo(no), no).toBe(false);
    expect(parseYesNo("也许")).toBeNull();
  });

  it("normalises full-width letters and punctuation away", () => {
    expect(normaliseWord("ＫＧ")).toBe("kg");
    expect(normaliseWord("沙县小吃 · 预制菜")).toBe("沙县小吃预制菜");
  });
});
