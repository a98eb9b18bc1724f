/**
 * The downloadable import templates: an XLSX (sheet 商品 with Chinese headers in row 1, English ones in
 * row 2, two example rows, drop-down lists for the enumerated columns, and a 说明 sheet explaining each
 * column) and a CSV with the same three kinds of rows, UTF-8 with a BOM so Excel opens it in Chinese.
 */
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { SANMING_COUNTIES } from "../counties";
import { MAX_TIERS } from "../tiers";
import { COLUMNS, columnLetter, type ColumnKey } from "./columns";
import { MAX_IMPORT_ROWS } from "./sheet";
import { categoryChoices, tempChoices, unitChoices } from "./vocabulary";

/** The file names offered for download (RFC 5987: a Chinese name with an ASCII fallback). */
export const TEMPLATE_NAMES = {
  xlsx: { zh: "沪明直供商品导入模板.xlsx", ascii: "huming-import-template.xlsx" },
  csv: { zh: "沪明直供商品导入模板.csv", ascii: "huming-import-template.csv" },
} as const;

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

/** A Content-Disposition header for a download with a Chinese file name (RFC 6266 / RFC 5987). */
export function attachmentDisposition(name: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/["\\]/g, "")}"; filename*=UTF-8''${encoded}`;
}

/** The example rows: one product in two packs (a bag and a case), shown how they group. */
export const EXAMPLE_ROWS: readonly Partial<Record<ColumnKey, string>>[] = [
  {
    nameZh: "【示例】泰宁香菇（光面菇 一级）",
    nameEn: "Taining dried shiitake (grade 1)",
    category: "菌菇",
    county: "泰宁县",
    temp: "常温",
    shelfLife: "365",
    unit: "袋",
    itemCount: "1",
    itemWeight: "500",
    variableWeight: "否",
    minOrder: "1",
    orderMultiple: "1",
    volume: "3.3",
    tier1Quantity: "1",
    tier1Price: "48.00",
    tier2Quantity: "20",
    tier2Price: "45.50",
    descriptionZh: "以【示例】开头的行不会导入，可直接删除。",
  },
  {
    nameZh: "【示例】泰宁香菇（光面菇 一级）",
    unit: "箱",
    itemCount: "10",
    itemWeight: "1斤",
    variableWeight: "否",
    minOrder: "2",
    orderMultiple: "2",
    volume: "35",
    tier1Quantity: "2",
    tier1Price: "460",
    tier2Quantity: "10",
    tier2Price: "440",
    tier3Quantity: "50",
    tier3Price: "420",
  },
];

/** What each column takes, for the 说明 sheet and the header cells' notes: [Chinese, English]. */
const COLUMN_NOTES: Partial<Record<ColumnKey, [string, string]>> = {
  nameZh: ["必填。同一商品名称的多行合并为一个商品的多个规格。", "Required. Rows with the same product name become one product with several packs."],
  nameEn: ["选填。英文页面显示。", "Optional. Shown on English pages."],
  category: [`必填：${categoryChoices().join("、")}（也可写英文）。`, "Required: one of the categories in the drop-down (English names work too)."],
  county: [`必填：三明市的区县：${SANMING_COUNTIES.join("、")}。`, "Required: a Sanming county (Chinese or English name, e.g. Jianning)."],
  temp: ["必填：常温、冷藏（0–4 °C）或冷冻（≤ −18 °C）。", "Required: ambient, chilled (0–4 °C) or frozen (≤ −18 °C)."],
  shelfLife: ["必填：天数，如 365。", "Required: days, e.g. 365."],
  unit: [`必填：${unitChoices().join("、")}。`, "Required: kg, jin, box (case), bag or piece."],
  itemCount: ["选填，默认 1：一包/一箱里有几件。", "Optional, default 1: items in one pack."],
  itemWeight: ["必填：一件的净重；只写数字表示克，也可写 0.5kg、2斤。", "Required: net weight of one item; a bare number is grams, 0.5kg or 2 jin work too."],
  variableWeight: ["选填，默认“否”：按实际重量结算的鲜货填“是”。", "Optional, default no: yes for fresh goods invoiced by actual weight."],
  minOrder: ["选填：买家最少订几包；不填则取阶梯1的数量，再不填为 1。", "Optional: least packs per order; blank takes tier 1's quantity, else 1."],
  orderMultiple: ["选填，默认 1：超过起订量后按几包递增。", "Optional, default 1: the step above the minimum."],
  volume: ["必填：一包的体积，只写数字表示升，也可写 12000 cm3。", "Required: volume of one pack; a bare number is litres, 12000 cm3 works too."],
  tier1Quantity: ["选填：第一档从起订量开始。", "Optional: the first tier starts at the minimum order."],
  tier1Price: ["必填：元，最多两位小数，如 12.50。", "Required: yuan, at most two decimals, e.g. 12.50."],
  sku: ["选填：不填则自动生成。", "Optional: generated when blank."],
  descriptionZh: ["选填。", "Optional."],
  descriptionEn: ["选填。", "Optional."],
};

const TIER_NOTE: [string, string] = [
  `选填：最多 ${MAX_TIERS} 档，数量逐档增加，单价逐档降低。`,
  `Optional: up to ${MAX_TIERS} tiers, quantities rising and unit prices falling.`,
];

function noteFor(key: ColumnKey): [string, string] {
  return COLUMN_NOTES[key] ?? TIER_NOTE;
}

/** The XLSX template. */
export async function buildXlsxTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "沪明直供 Huming Direct";
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet("商品", { views: [{ state: "frozen", xSplit: 1, ySplit: 2 }] });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const zh = sheet.getRow(1);
  const en = sheet.getRow(2);
  COLUMNS.forEach((c, i) => {
    const head = zh.getCell(i + 1);
    head.value = c.zh;
    head.font = { bold: true, color: { argb: c.required ? "FFB91C1C" : "FF1C1917" } };
    head.fill = { type: "pattern", pattern: "solid", fgColor: { argb: c.required ? "FFFDE8E8" : "FFF5F5F4" } };
    head.note = noteFor(c.key).join("\n");
    const second = en.getCell(i + 1);
    second.value = c.en;
    second.font = { italic: true, color: { argb: "FF78716C" } };
  });
  EXAMPLE_ROWS.forEach((example, r) => {
    const row = sheet.getRow(3 + r);
    COLUMNS.forEach((c, i) => {
      const v = example[c.key];
      if (v !== undefined) row.getCell(i + 1).value = v;
    });
    row.font = { color: { argb: "FF78716C" } };
  });
  // Drop-down lists where the words are few. A warning, not a stop: English words are read too.
  const lists: Partial<Record<ColumnKey, string[]>> = {
    category: categoryChoices(),
    county: [...SANMING_COUNTIES],
    temp: tempChoices(),
    unit: unitChoices(),
    variableWeight: ["是", "否"],
  };
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  COLUMNS.forEach((c, i) => {
    const words = lists[c.key];
    if (!words) return;
    const letter = columnLetter(i);
    validations.add(`${letter}3:${letter}${MAX_IMPORT_ROWS + 2}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${words.join(",")}"`],
      showErrorMessage: true,
      errorStyle: "warning",
      errorTitle: "请从列表中选择",
      error: `可选：${words.join("、")}`,
    });
  });

  const help = workbook.addWorksheet("说明");
  help.columns = [{ width: 22 }, { width: 60 }, { width: 60 }];
  help.addRow(["沪明直供商品导入说明", "Huming Direct product import"]).font = { bold: true, size: 14 };
  help.addRow(["每行一个规格；同名商品的多行合并为一个商品。", "One row per pack; rows with the same product name form one product."]);
  help.addRow(["第 1 行为中文表头，第 2 行为英文表头，以【示例】开头的行不会导入。", "Row 1 holds the Chinese headers, row 2 the English ones; rows starting with 【示例】 are not imported."]);
  help.addRow(["请勿合并单元格，请勿改动表头；最多 2,000 行。", "Do not merge cells or change the headers; at most 2,000 rows."]);
  help.addRow([]);
  help.addRow(["列 Column", "说明", "Notes"]).font = { bold: true };
  for (const c of COLUMNS) {
    const [noteZh, noteEn] = noteFor(c.key);
    help.addRow([`${c.zh} / ${c.en}`, noteZh, noteEn]);
  }
  help.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: "top" };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CSV template: UTF-8 with a BOM, Chinese header, English header, the example rows. */
export function buildCsvTemplate(): Buffer {
  const rows = [COLUMNS.map((c) => c.zh), COLUMNS.map((c) => c.en), ...EXAMPLE_ROWS.map((e) => COLUMNS.map((c) => e[c.key] ?? ""))];
  return Buffer.from(`\ufeff${stringify(rows, { record_delimiter: "windows" })}`, "utf8");
}
