import { describe, expect, it } from "vitest";
import { COLUMNS, columnLetter } from "./columns";
import { findHeaderRow, MAX_IMPORT_ROWS, mergeProblems, pickSheet, readSheet, type RawSheet } from "./sheet";

const ZH = COLUMNS.map((c) => c.zh);
const EN = COLUMNS.map((c) => c.en);
const at = (key: string) => COLUMNS.findIndex((c) => c.key === key);

function row(values: Record<string, string>): string[] {
  const cells = COLUMNS.map(() => "");
  for (const [k, v] of Object.entries(values)) cells[at(k)] = v;
  return cells;
}

const sheet = (rows: string[][], merges: string[] = []): RawSheet => ({ name: "商品", rows, merges });

describe("readSheet", () => {
  it("numbers data rows as Excel does, skipping the English header row, blank rows and examples", () => {
    const result = readSheet(
      sheet([ZH, EN, row({ nameZh: "【示例】泰宁香菇" }), row({ nameZh: "建宁通心白莲" }), [], row({ nameZh: "尤溪金柑" })]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.rowNumber, r.cells.nameZh])).toEqual([
      [4, "建宁通心白莲"],
      [6, "尤溪金柑"],
    ]);
    expect(result.header.headerRow).toBe(1);
    expect(result.header.letters.nameZh).toBe("A");
    expect(result.header.letters.category).toBe("C");
  });

  it("finds the header below a title row and accepts English headers alone", () => {
    const result = readSheet(sheet([["三明合作社 2026 年商品表"], EN, row({ nameZh: "明溪淮山" })]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.header.headerRow).toBe(2);
    expect(result.rows[0]).toEqual({ rowNumber: 3, cells: { nameZh: "明溪淮山" } });
  });

  it("maps columns by header whatever their order, trimming cells and dropping empty ones", () => {
    const result = readSheet(sheet([["分类*", "商品名称*", "Origin county", "温层", "保质期(天)", "包装单位", "单件净重(克)", "体积(升)", "阶梯1单价(元)"], ["  菌菇 ", "香菇", "", "常温"]]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows[0]!.cells).toEqual({ category: "菌菇", nameZh: "香菇", temp: "常温" });
  });

  it("lists missing required columns and unknown ones", () => {
    const result = readSheet(sheet([["商品名称", "分类", "颜色", "包装单位", "重量"], ["香菇", "菌菇", "白", "袋", "500"]]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const missing = result.problems.find((p) => p.key === "import.file.missingColumns");
    expect(missing?.columns).toEqual(["county", "temp", "shelfLife", "itemWeight", "volume", "tier1Price"]);
    expect(result.problems.find((p) => p.key === "import.file.unknownColumns")?.items).toEqual(["C「颜色」", "E「重量」"]);
  });

  it("refuses a column that appears twice and data under a blank header", () => {
    const header = [...ZH, "分类"];
    const result = readSheet(sheet([header, [...row({ nameZh: "香菇" }), "菌菇", "", "多余"]]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.find((p) => p.key === "import.file.duplicateColumns")?.items?.[0]).toMatch(/^C\//);
    expect(result.problems.find((p) => p.key === "import.file.blankHeader")?.items).toEqual([columnLetter(ZH.length + 2)]);
  });

  it("says when there is no header at all", () => {
    const result = readSheet(sheet([["香菇", "菌菇", "泰宁县"], ["笋干", "笋", "建宁县"]]));
    expect(result).toMatchObject({ ok: false, problems: [{ key: "import.file.noHeader" }] });
  });

  it("names merged ranges", () => {
    const result = readSheet(sheet([ZH, row({ nameZh: "香菇" }), row({ nameZh: "" }), row({})], ["A3:A5", "C3:C4"]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toEqual({ key: "import.file.mergedCells", items: ["A3:A5", "C3:C4"], params: { count: 2 } });
    expect(mergeProblems(Array.from({ length: 12 }, (_, i) => `A${i + 2}:B${i + 2}`))[0]!.items).toHaveLength(11);
  });

  it("lets a merged title row above the header pass", () => {
    const result = readSheet(sheet([["2026 年商品表"], ZH, row({ nameZh: "香菇" })], ["A1:X1"]));
    expect(result.ok).toBe(true);
    expect(readSheet(sheet([["2026 年商品表"], ZH, row({ nameZh: "香菇" })], ["A1:X1", "B2:C2"]))).toMatchObject({ ok: false, problems: [{ key: "import.file.mergedCells", items: ["B2:C2"] }] });
  });

  it("refuses an empty sheet, and one with headers only", () => {
    expect(readSheet(sheet([]))).toEqual({ ok: false, problems: [{ key: "import.file.empty" }] });
    expect(readSheet(sheet([[""], ["  "]]))).toEqual({ ok: false, problems: [{ key: "import.file.empty" }] });
    expect(readSheet(sheet([ZH, EN, row({ nameZh: "【示例】香菇" })]))).toEqual({ ok: false, problems: [{ key: "import.file.noRows" }] });
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} data rows`, () => {
    const rows = [ZH, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => row({ nameZh: `商品${i}` }))];
    expect(readSheet(sheet(rows))).toEqual({ ok: false, problems: [{ key: "import.file.tooManyRows", params: { count: MAX_IMPORT_ROWS + 1, max: MAX_IMPORT_ROWS } }] });
    expect(readSheet(sheet(rows.slice(0, -1))).ok).toBe(true);
  });

  it("finds the header in the first rows only", () => {
    expect(findHeaderRow([ZH])).toBe(0);
    expect(findHeaderRow([...Array.from({ length: 12 }, () => ["x"]), ZH])).toBe(-1);
  });
});

describe("pickSheet", () => {
  it("takes the sheet named 商品 (or Products), else the only visible one", () => {
    expect(pickSheet([{ name: "说明" }, { name: "商品" }])).toEqual({ ok: true, sheet: { name: "商品" } });
    expect(pickSheet([{ name: "Notes" }, { name: "products" }])).toEqual({ ok: true, sheet: { name: "products" } });
    expect(pickSheet([{ name: "Sheet1" }])).toEqual({ ok: true, sheet: { name: "Sheet1" } });
    expect(pickSheet([{ name: "Sheet1" }, { name: "列表", hidden: true }])).toEqual({ ok: true, sheet: { name: "Sheet1" } });
  });

  it("names the sheets when it cannot tell which one to import", () => {
    expect(pickSheet([{ name: "Sheet1" }, { name: "Sheet2" }])).toEqual({ ok: false, problem: { key: "import.file.whichSheet", items: ["「Sheet1」", "「Sheet2」"] } });
  });
});
