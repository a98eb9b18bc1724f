import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvFile, csvText, pdfBytes, productRows, xlsxFile } from "../../../../tests/fixtures/import/sheets";
import { cellText, decodeCsv, detectDelimiter, numberText, readImportFile, sniffFormat, zipEntries } from "./read.server";
import { readSheet } from "./sheet";
import { planImport } from "./validate";

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("reading XLSX", () => {
  it("reads the sheet named 商品 with its rows numbered as in Excel", async () => {
    const result = await readImportFile(await xlsxFile(productRows(4), { extraSheets: [{ name: "说明" }] }), "商品.xlsx");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe("xlsx");
    expect(result.sheet.name).toBe("商品");
    const sheet = readSheet(result.sheet);
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6]);
    const plan = planImport(sheet.rows);
    expect(plan.issues).toEqual([]);
    expect(plan.counts).toMatchObject({ products: 2, packs: 4 });
  });

  it("takes a workbook's only sheet whatever its name, and ignores hidden ones", async () => {
    const result = await readImportFile(await xlsxFile(productRows(2), { sheetName: "Sheet1", extraSheets: [{ name: "lists", hidden: true }] }));
    expect(result).toMatchObject({ ok: true, sheet: { name: "Sheet1" } });
  });

  it("names the sheets when there are several and none is called 商品", async () => {
    const result = await readImportFile(await xlsxFile(productRows(2), { sheetName: "Sheet1", extraSheets: [{ name: "Sheet2" }, { name: "价格" }] }));
    expect(result).toEqual({ ok: false, problems: [{ key: "import.file.whichSheet", items: ["「Sheet1」", "「Sheet2」", "「价格」"] }] });
  });

  it("reports merged cells by their ranges", async () => {
    const result = await readImportFile(await xlsxFile(productRows(4), { merges: ["A3:A5", "C4:D4"] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sheet.merges).toEqual(["A3:A5", "C4:D4"]);
    expect(readSheet(result.sheet)).toMatchObject({ ok: false, problems: [{ key: "import.file.mergedCells", items: ["A3:A5", "C4:D4"] }] });
  });

  it("reads rich text, formula results, hyperlinks, numbers and booleans as the cells show them", async () => {
    const buffer = await workbook((wb) => {
      const ws = wb.addWorksheet("商品");
      ws.addRow(["a", "b", "c", "d", "e", "f"]);
      ws.getCell("A2").value = { richText: [{ text: "泰宁" }, { text: "香菇", font: { bold: true } }] };
      ws.getCell("B2").value = { formula: "A1*2", result: 24.5 };
      ws.getCell("C2").value = { text: "链接", hyperlink: "https://example.com" };
      ws.getCell("D2").value = 0.1 + 0.2;
      ws.getCell("E2").value = true;
      ws.getCell("F2").value = 12.5;
    });
    const result = await readImportFile(buffer);
    expect(result.ok && result.sheet.rows[1]).toEqual(["泰宁香菇", "24.5", "链接", "0.3", "TRUE", "12.5"]);
  });

  it("turns exceljs values into text", () => {
    expect(cellText(null)).toBe("");
    expect(cellText({ formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellValue)).toBe("#DIV/0!");
    expect(cellText(new Date("2026-03-01T00:00:00Z"))).toBe("2026-03-01");
    expect(numberText(48)).toBe("48");
    expect(numberText(45.5)).toBe("45.5");
    expect(numberText(1.005 * 100)).toBe("100.5");
  });

  it("lists the entries of the ZIP inside", async () => {
    const names = zipEntries(await xlsxFile([]))!.map((e) => e.name);
    expect(names).toContain("xl/workbook.xml");
    expect(zipEntries(Buffer.from("not a zip"))).toBeNull();
  });
});

describe("reading CSV", () => {
  it("reads UTF-8 with a BOM and quoted commas and line breaks, numbering rows as Excel shows them", async () => {
    const rows = productRows(2);
    rows[0] = { ...rows[0], nameZh: "香菇, 一级", descriptionZh: "第一行\n第二行" };
    rows[1] = { ...rows[1], nameZh: "香菇, 一级" };
    const result = await readImportFile(csvFile(rows), "商品.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe("csv");
    const sheet = readSheet(result.sheet);
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    expect(sheet.rows.map((r) => [r.rowNumber, r.cells.nameZh])).toEqual([
      [2, "香菇, 一级"],
      [3, "香菇, 一级"],
    ]);
    expect(sheet.rows[0]!.cells.descriptionZh).toBe("第一行\n第二行");
    // No BOM: the first header is still 商品名称*, not "\ufeff商品名称*".
    expect(result.sheet.rows[0]![0]).toBe("商品名称*");
  });

  it("reads UTF-8 without a BOM", async () => {
    const result = await readImportFile(csvFile(productRows(2), { bom: false }));
    expect(result.ok && result.sheet.rows[0]![0]).toBe("商品名称*");
  });

  it("reads GBK as older Chinese Excel saves it", async () => {
    const gbk = iconv.encode(csvText(productRows(2)), "gbk");
    expect(decodeCsv(gbk)).toContain("商品名称*");
    const result = await readImportFile(gbk);
    expect(result.ok && readSheet(result.sheet).ok).toBe(true);
  });

  it("reads UTF-16 with a BOM (Excel's Unicode text) with tabs", async () => {
    const text = csvText(productRows(2), { delimiter: "\t" });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const result = await readImportFile(utf16);
    expect(result.ok && readSheet(result.sheet).ok).toBe(true);
  });

  it("detects semicolons and tabs as delimiters, not commas inside quotes", () => {
    expect(detectDelimiter("a;b;c\n1;2;3")).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter('"x;y;z",b\n')).toBe(",");
  });

  it("says what is wrong with a CSV it cannot read", async () => {
    expect(await readImportFile(Buffer.from('商品名称*,分类*\n"香菇,菌菇\n', "utf8"))).toEqual({ ok: false, problems: [{ key: "import.file.csvBroken", params: { line: 2 } }] });
    expect(await readImportFile(Buffer.from("\ufeff \n\n", "utf8"))).toEqual({ ok: false, problems: [{ key: "import.file.empty" }] });
  });
});

describe("sniffing the file by its content", () => {
  it("knows an XLSX and a CSV whatever they are called", async () => {
    expect(await sniffFormat(await xlsxFile([]))).toEqual({ ok: true, format: "xlsx" });
    expect(await sniffFormat(csvFile([]))).toEqual({ ok: true, format: "csv" });
  });

  it("refuses a renamed PDF, an old .xls, a Word file, a picture, a plain ZIP, a broken file and an empty one", async () => {
    expect(await sniffFormat(pdfBytes())).toEqual({ ok: false, problem: { key: "import.file.pdf" } });
    // An OLE compound file: what .xls (and old .doc) files are.
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect((await sniffFormat(cfb)).ok).toBe(false);
    expect(await sniffFormat(cfb)).toMatchObject({ problem: { key: expect.stringMatching(/^import\.file\.(xls|notSpreadsheet)$/) } });
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f80f00000101000518d84e0000000049454e44ae426082", "hex");
    expect(await sniffFormat(png)).toEqual({ ok: false, problem: { key: "import.file.image" } });
    expect(await sniffFormat(Buffer.alloc(0))).toEqual({ ok: false, problem: { key: "import.file.empty" } });
    expect(await sniffFormat(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00]))).toEqual({ ok: false, problem: { key: "import.file.notSpreadsheet" } });
    const truncated = (await xlsxFile(productRows(2))).subarray(0, 600);
    expect((await readImportFile(truncated)).ok).toBe(false);
  });

  it("refuses a Word document renamed .xlsx", async () => {
    const { default: JSZip } = await import("jszip");
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file("word/document.xml", "<w:document/>");
    const docx = await zip.generateAsync({ type: "nodebuffer" });
    expect(await sniffFormat(docx)).toMatchObject({ ok: false, problem: { key: expect.stringMatching(/^import\.file\.(docx|notSpreadsheet)$/) } });
  });
});
