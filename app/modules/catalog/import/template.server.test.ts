import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { COLUMNS } from "./columns";
import { readImportFile } from "./read.server";
import { readSheet, type RawSheet } from "./sheet";
import { attachmentDisposition, buildCsvTemplate, buildXlsxTemplate, EXAMPLE_ROWS } from "./template.server";
import { planImport } from "./validate";

/** The sheet with the example marker taken off the example rows, as a seller would who copies them. */
function withoutMarkers(sheet: RawSheet): RawSheet {
  return { ...sheet, rows: sheet.rows.map((r) => r.map((c) => c.replace("【示例】", ""))) };
}

describe("the XLSX template", () => {
  it("has sheet 商品 with Chinese headers, English headers, the examples and drop-down lists", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildXlsxTemplate()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["商品", "说明"]);
    const ws = wb.getWorksheet("商品")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.zh));
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.en));
    expect(String(ws.getCell("A3").value)).toMatch(/^【示例】/);
    expect(ws.getCell("C3").dataValidation).toMatchObject({ type: "list", formulae: [expect.stringContaining("菌菇")] });
    expect(ws.getCell("D500").dataValidation).toMatchObject({ type: "list", formulae: [expect.stringContaining("建宁县")] });
    expect(ws.getCell("A1").note).toBeTruthy();
  });

  it("imports nothing as downloaded (only examples), and its examples are valid rows", async () => {
    const read = await readImportFile(await buildXlsxTemplate(), "template.xlsx");
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(readSheet(read.sheet)).toEqual({ ok: false, problems: [{ key: "import.file.noRows" }] });
    const sheet = readSheet(withoutMarkers(read.sheet));
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    const plan = planImport(sheet.rows);
    expect(plan.issues).toEqual([]);
    expect(plan.products).toHaveLength(1);
    expect(plan.products[0]!.packs.map((p) => [p.unit, p.itemCount, p.netWeightGrams, p.tiers.length])).toEqual([
      ["bag", 1, 500, 2],
      ["box", 10, 5000, 3],
    ]);
  });
});

describe("the CSV template", () => {
  it("is UTF-8 with a BOM and CRLF lines, and its examples are valid rows", async () => {
    const csv = buildCsvTemplate();
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString("utf8")).toContain("\r\n");
    const read = await readImportFile(csv, "template.csv");
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.sheet.rows).toHaveLength(2 + EXAMPLE_ROWS.length);
    expect(readSheet(read.sheet)).toEqual({ ok: false, problems: [{ key: "import.file.noRows" }] });
    const sheet = readSheet(withoutMarkers(read.sheet));
    expect(sheet.ok && planImport(sheet.rows).issues).toEqual([]);
  });
});

describe("attachmentDisposition", () => {
  it("names the download in Chinese per RFC 5987 with an ASCII fallback", () => {
    expect(attachmentDisposition("商品导入模板.xlsx", "template.xlsx")).toBe(
      "attachment; filename=\"template.xlsx\"; filename*=UTF-8''%E5%95%86%E5%93%81%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx",
    );
    expect(attachmentDisposition("a'(b)*.csv", 'x".csv')).toBe("attachment; filename=\"x.csv\"; filename*=UTF-8''a%27%28b%29%2A.csv");
  });
});
