/**
 * The columns of the product import spreadsheet: one row is one pack; rows with the same product name
 * form one product. Headers are Chinese first (what the template prints in row 1), English second
 * (row 2 of the template); either language, with or without the "*" of required columns, full-width
 * brackets or spaces, is recognised. Pure: shared by the template, the parser and the preview page.
 */
import { MAX_TIERS } from "../tiers";

export type TierColumnKey = `tier${1 | 2 | 3 | 4}${"Quantity" | "Price"}`;

export type ColumnKey =
  | "nameZh"
  | "nameEn"
  | "category"
  | "county"
  | "temp"
  | "shelfLife"
  | "unit"
  | "itemCount"
  | "itemWeight"
  | "variableWeight"
  | "minOrder"
  | "orderMultiple"
  | "volume"
  | "sku"
  | "descriptionZh"
  | "descriptionEn"
  | TierColumnKey;

export interface ColumnSpec {
  key: ColumnKey;
  /** Row 1 of the template (with "*" on required columns). */
  zh: string;
  /** Row 2 of the template. */
  en: string;
  required: boolean;
  /** Same value on every row of one product (the product's own fields rather than the pack's). */
  productLevel: boolean;
  /** Other headers people write for this column. */
  aliases?: readonly string[];
  /** Template column width (characters). */
  width: number;
}

const tierColumns: ColumnSpec[] = [];
for (let i = 1; i <= MAX_TIERS; i++) {
  tierColumns.push(
    {
      key: `tier${i}Quantity` as TierColumnKey,
      zh: `阶梯${i}起订数量`,
      en: `Tier ${i} from quantity`,
      required: false,
      productLevel: false,
      aliases: [`阶梯${i}数量`, `第${i}档数量`, `第${i}档起订数量`, `tier ${i} quantity`, `tier ${i} min quantity`],
      width: 14,
    },
    {
      key: `tier${i}Price` as TierColumnKey,
      zh: i === 1 ? `阶梯${i}单价(元)*` : `阶梯${i}单价(元)`,
      en: i === 1 ? `Tier ${i} unit price (yuan)*` : `Tier ${i} unit price (yuan)`,
      required: i === 1,
      productLevel: false,
      aliases: [`阶梯${i}单价`, `阶梯${i}价格`, `第${i}档单价`, `tier ${i} price`, `tier ${i} unit price`, ...(i === 1 ? ["单价(元)", "单价", "价格", "price", "unit price"] : [])],
      width: 14,
    },
  );
}

/** Every column, in template order. */
export const COLUMNS: readonly ColumnSpec[] = [
  { key: "nameZh", zh: "商品名称*", en: "Product name (Chinese)*", required: true, productLevel: true, aliases: ["商品名", "品名", "名称", "中文名称", "product name", "name", "name (zh)"], width: 26 },
  { key: "nameEn", zh: "英文名称", en: "English name", required: false, productLevel: true, aliases: ["英文名", "name (en)", "product name (english)"], width: 26 },
  { key: "category", zh: "分类*", en: "Category*", required: true, productLevel: true, aliases: ["商品分类", "类别", "品类"], width: 16 },
  { key: "county", zh: "产地县*", en: "Origin county*", required: true, productLevel: true, aliases: ["产地", "产地区县", "产地县区", "区县", "origin", "county"], width: 12 },
  { key: "temp", zh: "温层*", en: "Temperature*", required: true, productLevel: true, aliases: ["储运温度", "温度", "储存温度", "temperature class", "storage"], width: 10 },
  { key: "shelfLife", zh: "保质期(天)*", en: "Shelf life (days)*", required: true, productLevel: true, aliases: ["保质期", "shelf life"], width: 12 },
  { key: "unit", zh: "包装单位*", en: "Pack unit*", required: true, productLevel: false, aliases: ["单位", "包装", "unit"], width: 10 },
  { key: "itemCount", zh: "每包件数", en: "Items per pack", required: false, productLevel: false, aliases: ["件数", "每箱件数", "每包数量", "item count"], width: 10 },
  { key: "itemWeight", zh: "单件净重(克)*", en: "Net weight per item (g)*", required: true, productLevel: false, aliases: ["单件净重", "净重", "净重(克)", "每件净重", "net weight", "item net weight", "item net weight (g)"], width: 14 },
  { key: "variableWeight", zh: "可变重量(是/否)", en: "Variable weight (yes/no)", required: false, productLevel: false, aliases: ["可变重量", "按实重结算", "variable weight"], width: 14 },
  { key: "minOrder", zh: "起订量", en: "Minimum order", required: false, productLevel: false, aliases: ["最小起订量", "起订数量", "min order", "minimum order quantity", "moq"], width: 10 },
  { key: "orderMultiple", zh: "起订倍数", en: "Order multiple", required: false, productLevel: false, aliases: ["订购倍数", "倍数", "multiple"], width: 10 },
  { key: "volume", zh: "体积(升)*", en: "Volume (L)*", required: true, productLevel: false, aliases: ["体积", "体积(L)", "volume"], width: 10 },
  ...tierColumns,
  { key: "sku", zh: "货号", en: "SKU", required: false, productLevel: false, aliases: ["商品编码", "编码", "sku code"], width: 16 },
  { key: "descriptionZh", zh: "商品介绍", en: "Description (Chinese)", required: false, productLevel: true, aliases: ["描述", "商品描述", "介绍", "description"], width: 30 },
  { key: "descriptionEn", zh: "英文介绍", en: "Description (English)", required: false, productLevel: true, aliases: ["英文描述", "description (en)"], width: 30 },
];

export const COLUMN_BY_KEY: Readonly<Record<ColumnKey, ColumnSpec>> = Object.fromEntries(COLUMNS.map((c) => [c.key, c])) as Record<ColumnKey, ColumnSpec>;

/** A header as compared: NFKC (full-width brackets and letters to ASCII), lower case, without "*", spaces and punctuation. */
export function normaliseHeader(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[（）]/g, (c) => (c === "（" ? "(" : ")"))
    .replace(/\(必填\)|\(required\)/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

const HEADER_INDEX = new Map<string, ColumnKey>();
for (const column of COLUMNS) {
  for (const name of [column.zh, column.en, ...(column.aliases ?? [])]) {
    const n = normaliseHeader(name);
    if (n && !HEADER_INDEX.has(n)) HEADER_INDEX.set(n, column.key);
  }
}

/** The column a header names, in Chinese or English, or null. */
export function columnForHeader(header: string): ColumnKey | null {
  return HEADER_INDEX.get(normaliseHeader(header)) ?? null;
}

/** True when the text is one of the template's own headers (or an alias): how the English header row is recognised. */
export function isKnownHeader(text: string): boolean {
  return columnForHeader(text) !== null;
}

/** "A", "B" … "Z", "AA" … for a 0-based column index, as Excel letters its columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A column's header in the viewer's language, without the "*": "分类" / "Category". */
export function columnLabel(key: ColumnKey, locale: "zh" | "en"): string {
  const c = COLUMN_BY_KEY[key];
  return (locale === "zh" ? c.zh : c.en).replace(/\*$/, "");
}

/** Rows marked like this (in the product name) are examples and never imported. */
export const EXAMPLE_MARKERS = ["【示例】", "[示例]", "[example]", "(示例)", "示例："];

export function isExampleName(name: string): boolean {
  const t = name.normalize("NFKC").trim().toLowerCase();
  return EXAMPLE_MARKERS.some((m) => t.startsWith(m.normalize("NFKC").toLowerCase()));
}
