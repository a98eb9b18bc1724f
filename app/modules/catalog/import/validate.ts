/**
 * Row validation of the import. A spreadsheet row is first read as words (菌菇 / Mushrooms, 冷藏,
 * 箱 / case, 是 / yes, 建宁 / Jianning, "12" litres …: the spreadsheet's own vocabulary), then the rows of
 * one product are handed to the listing editor's own form reader (listing-schema.ts readListing, with
 * packs.ts, tiers.ts and counties.ts behind it), so the import and the editor can never disagree about
 * what a valid product, pack or price tier is. Each of its field errors is mapped back to the (Excel row,
 * column) it came from. On top: the checks that span rows (one category, county, temperature … per
 * product; no pack twice; SKUs) and the import's own stricter rule that every pack has a price.
 * Pure: the database checks (SKUs and names already taken) arrive as sets.
 */
import type { ProductCategory, TempClass } from "~/generated/prisma/enums";
import type { MessageKey } from "~/utils/i18n/messages";
import type { MessageParams } from "~/utils/i18n/translate";
import { parseCounty } from "../counties";
import { readListing, type PackCore, type PackRules, type ProductFields } from "../listing-schema";
import { normaliseInput } from "../packs";
import { MAX_TIERS } from "../tiers";
import { COLUMNS, type ColumnKey, type TierColumnKey } from "./columns";
import type { DataRow } from "./sheet";
import { parseCategoryWord, parseTempWord, parseUnitWord, parseYesNo } from "./vocabulary";

const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** One problem in one cell (column null: the row as a whole). */
export interface RowIssue {
  row: number;
  column: ColumnKey | null;
  key: MessageKey;
  params?: MessageParams;
}

export interface PlannedPack extends PackCore, PackRules {
  rowNumber: number;
  /** From the file, or null to be generated when applied. */
  sku: string | null;
}

export interface PlannedProduct extends ProductFields {
  /** Excel row of the product's first pack. */
  rowNumber: number;
  packs: PlannedPack[];
}

export interface ImportPlan {
  /** Products (in file order) when there are no issues; empty otherwise. */
  products: PlannedProduct[];
  issues: RowIssue[];
  /** Rows read, products and packs found (counted also when some rows have issues). */
  counts: { rows: number; products: number; packs: number; rowsWithIssues: number };
}

export interface PlanOptions {
  /** SKUs that exist already (any seller): a file SKU among them is refused. */
  takenSkus?: ReadonlySet<string>;
  /** The seller's existing product names (normalised with productKey): importing one again is refused. */
  takenNames?: ReadonlySet<string>;
}

/** A name as typed, trimmed, runs of spaces made one. */
const asTyped = (text: string) => text.replace(/[\u3000\s]+/g, " ").trim();

/** The grouping key of a product name: NFKC, spaces collapsed. */
export function productKey(name: string): string {
  return normaliseInput(name);
}

/** Shelf life as written in a sheet → whole days for the editor's rule: "365", "365天", "12个月" (× 30), "1年" (× 365). */
export function shelfLifeDaysText(text: string): string | null {
  const t = normaliseInput(text).toLowerCase().replace(/\s+/g, "");
  const m = /^(\d{1,5})(天|日|d|day|days|个月|月|month|months|年|y|year|years)?$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? "";
  if (/^(个月|月|month|months)$/.test(unit)) return String(n * 30);
  if (/^(年|y|year|years)$/.test(unit)) return String(n * 365);
  return String(n);
}

/** Volume in the 体积(升) column: a bare number is litres ("12" → "12 L"); "12000 cm3", "500 ml" pass as written. */
export function volumeText(text: string): string {
  const t = normaliseInput(text);
  return /^[\d.,]+$/.test(t) ? `${t} L` : t;
}

/** Items per pack as written: "24", "24件", "24 pcs" → "24". */
function itemCountText(text: string): string {
  return normaliseInput(text).replace(/\s*(件|个|只|袋|包|瓶|罐|盒|pcs|pieces|items)$/i, "");
}

const tierColumn = (tier: number, field: "quantity" | "price"): TierColumnKey => `tier${tier + 1}${field === "quantity" ? "Quantity" : "Price"}` as TierColumnKey;

/** Editor field name → spreadsheet column. */
const PRODUCT_FIELD_COLUMN: Record<keyof ProductFields, ColumnKey> = {
  nameZh: "nameZh",
  nameEn: "nameEn",
  category: "category",
  descriptionZh: "descriptionZh",
  descriptionEn: "descriptionEn",
  originCounty: "county",
  tempClass: "temp",
  shelfLifeDays: "shelfLife",
};
const PACK_FIELD_COLUMN: Record<string, ColumnKey> = {
  unit: "unit",
  itemCount: "itemCount",
  itemWeight: "itemWeight",
  netWeight: "itemWeight",
  volume: "volume",
  variableWeight: "variableWeight",
  minOrder: "minOrder",
  multiple: "orderMultiple",
};

/** The import's own message for a required column left blank (the editor's say "choose …", a sheet has no select). */
const REQUIRED_MESSAGE: Partial<Record<ColumnKey, MessageKey>> = {
  nameZh: "import.row.nameRequired",
  category: "import.row.categoryRequired",
  county: "import.row.countyRequired",
  temp: "import.row.tempRequired",
  shelfLife: "import.row.shelfLifeRequired",
  unit: "import.row.unitRequired",
  itemWeight: "import.row.weightRequired",
  volume: "import.row.volumeRequired",
  tier1Price: "import.row.priceRequired",
};

/** A fixed, well-formed pack id per position: the editor's reader wants one; the real ids are made when applied. */
const packId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

interface ProductCell {
  /** The value for the editor's reader (an enum value, a county, days …). */
  value: string;
  /** What the seller wrote, for messages. */
  raw: string;
}

interface ReadRow {
  rowNumber: number;
  key: string;
  nameZh: string;
  product: Partial<Record<keyof ProductFields, ProductCell>>;
  pack: Record<string, string>;
  sku: string | null;
  issueColumns: Set<ColumnKey>;
  /** Cells left blank and filled from another (their errors belong to that other cell). */
  defaulted: Set<ColumnKey>;
}

/** Reads a row's words into editor values; unknown words are reported here (with what is allowed). */
function readRow(row: DataRow, issues: RowIssue[]): ReadRow {
  const c = row.cells;
  const r = row.rowNumber;
  const issueColumns = new Set<ColumnKey>();
  const defaulted = new Set<ColumnKey>();
  const issue = (column: ColumnKey, key: MessageKey, params?: MessageParams) => {
    issues.push({ row: r, column, key, params });
    issueColumns.add(column);
  };
  // Names are kept as typed (full-width brackets are right in Chinese); only the grouping key is normalised.
  const nameZh = asTyped(c.nameZh ?? "");
  if (nameZh === "") issue("nameZh", "import.row.nameRequired");

  const product: ReadRow["product"] = {};
  const put = (field: keyof ProductFields, column: ColumnKey, read: (raw: string) => string | null, key: MessageKey) => {
    const raw = c[column];
    if (raw === undefined) return;
    const value = read(raw);
    if (value === null) issue(column, key, { value: raw });
    else product[field] = { value, raw };
  };
  put("nameEn", "nameEn", asTyped, "validation.required");
  put("category", "category", parseCategoryWord, "import.row.category");
  put("originCounty", "county", parseCounty, "import.row.county");
  put("tempClass", "temp", parseTempWord, "import.row.temp");
  put("shelfLifeDays", "shelfLife", shelfLifeDaysText, "listing.error.shelf_life");
  put("descriptionZh", "descriptionZh", (t) => t, "validation.required");
  put("descriptionEn", "descriptionEn", (t) => t, "validation.required");

  const pack: Record<string, string> = { existing: "1", active: "on" };
  if (c.unit !== undefined) {
    const unit = parseUnitWord(c.unit);
    if (unit) pack.unit = unit;
    else issue("unit", "import.row.unit", { value: c.unit });
  }
  if (c.itemCount !== undefined) pack.itemCount = itemCountText(c.itemCount);
  if (c.itemWeight !== undefined) pack.itemWeight = c.itemWeight;
  if (c.volume !== undefined) pack.volume = volumeText(c.volume);
  const variable = parseYesNo(c.variableWeight ?? "");
  if (variable === null) issue("variableWeight", "import.row.yesNo", { value: c.variableWeight ?? "" });
  else if (variable) pack.variableWeight = "on";
  // A blank minimum order is the first tier's quantity ("from 10 boxes" means "order at least 10"), else 1;
  // a blank first-tier quantity is the minimum order.
  const minOrder = c.minOrder ?? c.tier1Quantity;
  if (minOrder !== undefined) pack.minOrder = minOrder;
  if (c.minOrder === undefined && minOrder !== undefined) defaulted.add("minOrder");
  if (c.orderMultiple !== undefined) pack.multiple = c.orderMultiple;
  for (let i = 0; i < MAX_TIERS; i++) {
    let quantity = c[tierColumn(i, "quantity")];
    const price = c[tierColumn(i, "price")];
    if (i === 0 && quantity === undefined && price !== undefined) {
      quantity = minOrder ?? "1";
      defaulted.add("tier1Quantity");
    }
    if (quantity !== undefined) pack[`tiers.${i}.quantity`] = quantity;
    if (price !== undefined) pack[`tiers.${i}.price`] = price;
  }
  // The import's own rule: every pack comes with its price (a draft without prices is for the editor).
  if (c.tier1Price === undefined) issue("tier1Price", "import.row.priceRequired");

  let sku: string | null = null;
  if (c.sku !== undefined) {
    const s = normaliseInput(c.sku);
    if (SKU.test(s)) sku = s;
    else issue("sku", "import.row.sku");
  }
  return { rowNumber: r, key: productKey(nameZh), nameZh, product, pack, sku, issueColumns, defaulted };
}

/**
 * Validates every row and groups them into products. Rows with the same product name form one product;
 * its own fields may be left blank on the later rows (they are taken from the row that fills them) but
 * must not differ. The plan's products are filled only when there is no issue at all.
 */
export function planImport(rows: readonly DataRow[], options: PlanOptions = {}): ImportPlan {
  const issues: RowIssue[] = [];
  const read = rows.map((row) => readRow(row, issues));

  const groups = new Map<string, ReadRow[]>();
  for (const p of read) {
    if (p.key === "") continue;
    const list = groups.get(p.key);
    if (list) list.push(p);
    else groups.set(p.key, [p]);
  }

  const products: PlannedProduct[] = [];
  const skuRows = new Map<string, number>();
  let packs = 0;
  for (const [key, group] of groups) {
    const first = group[0]!;
    // The product's own fields: the first row that fills each; a later row that differs is an issue.
    const values: Record<string, string> = { nameZh: first.nameZh };
    const source: Partial<Record<keyof ProductFields, number>> = {};
    for (const field of Object.keys(PRODUCT_FIELD_COLUMN) as (keyof ProductFields)[]) {
      if (field === "nameZh") continue;
      for (const p of group) {
        const cell = p.product[field];
        if (!cell) continue;
        if (source[field] === undefined) {
          values[field] = cell.value;
          source[field] = p.rowNumber;
        } else if (values[field] !== cell.value) {
          const firstRaw = group.find((g) => g.rowNumber === source[field])!.product[field]!.raw;
          issues.push({ row: p.rowNumber, column: PRODUCT_FIELD_COLUMN[field], key: "import.row.productMismatch", params: { row: source[field]!, value: firstRaw } });
        }
      }
    }
    group.forEach((p, i) => {
      for (const [field, value] of Object.entries(p.pack)) values[`packs.${i}.${field}`] = value;
      values[`packs.${i}.id`] = packId(i);
    });

    // The editor's reader decides what is valid; its errors go back to their row and column.
    const { data, errors } = readListing(values);
    for (const [field, error] of Object.entries(errors)) {
      let row = first.rowNumber;
      let column: ColumnKey | null = null;
      const packMatch = /^packs\.(\d+)\.(.+)$/.exec(field);
      if (packMatch) {
        const p = group[Number(packMatch[1])];
        if (!p) continue;
        row = p.rowNumber;
        const tierMatch = /^tiers\.(\d+)\.(quantity|price)$/.exec(packMatch[2]!);
        column = tierMatch ? tierColumn(Number(tierMatch[1]), tierMatch[2] as "quantity" | "price") : (PACK_FIELD_COLUMN[packMatch[2]!] ?? null);
        if (packMatch[2] === "id") continue;
        if (column && (p.issueColumns.has(column) || p.defaulted.has(column))) continue;
        if (column && REQUIRED_MESSAGE[column] && p.pack[packMatch[2]!] === undefined && !tierMatch) {
          issues.push({ row, column, key: REQUIRED_MESSAGE[column]! });
          continue;
        }
      } else if (field in PRODUCT_FIELD_COLUMN) {
        const f = field as keyof ProductFields;
        column = PRODUCT_FIELD_COLUMN[f];
        row = source[f] ?? first.rowNumber;
        if (group.some((p) => p.issueColumns.has(column!))) continue;
        if (values[f] === undefined || values[f] === "") {
          issues.push({ row, column, key: REQUIRED_MESSAGE[column] ?? "validation.required" });
          continue;
        }
      }
      issues.push({ row, column, key: error.key, params: error.params });
    }

    if (options.takenNames?.has(key)) issues.push({ row: first.rowNumber, column: "nameZh", key: "import.row.nameTaken", params: { name: first.nameZh } });

    // The same pack twice in one product; SKUs used twice in the file or taken already.
    const packRows = new Map<string, number>();
    const planned: PlannedPack[] = [];
    data.packs.forEach((pd, i) => {
      const p = group[pd.index] ?? group[i]!;
      if (pd.core) {
        const signature = `${pd.core.unit}|${pd.core.itemCount}|${pd.core.itemNetWeightGrams}|${pd.core.variableWeight}`;
        const seenAt = packRows.get(signature);
        if (seenAt !== undefined) issues.push({ row: p.rowNumber, column: "unit", key: "import.row.duplicatePack", params: { row: seenAt } });
        else packRows.set(signature, p.rowNumber);
      }
      if (p.sku) {
        const skuKey = p.sku.toUpperCase();
        const skuAt = skuRows.get(skuKey);
        if (skuAt !== undefined) issues.push({ row: p.rowNumber, column: "sku", key: "import.row.skuDuplicate", params: { row: skuAt } });
        else skuRows.set(skuKey, p.rowNumber);
        if (options.takenSkus?.has(p.sku)) issues.push({ row: p.rowNumber, column: "sku", key: "import.row.skuTaken", params: { sku: p.sku } });
      }
      if (pd.core && pd.rules) planned.push({ rowNumber: p.rowNumber, sku: p.sku, ...pd.core, ...pd.rules });
    });
    packs += group.length;

    const product = data.product;
    if (product.nameZh !== undefined && product.category && product.originCounty && product.tempClass && product.shelfLifeDays) {
      products.push({
        rowNumber: first.rowNumber,
        nameZh: product.nameZh,
        nameEn: product.nameEn ?? "",
        category: product.category as ProductCategory,
        descriptionZh: product.descriptionZh ?? "",
        descriptionEn: product.descriptionEn ?? "",
        originCounty: product.originCounty,
        tempClass: product.tempClass as TempClass,
        shelfLifeDays: product.shelfLifeDays,
        packs: planned,
      });
    }
  }

  const order = new Map(COLUMNS.map((c, i) => [c.key, i]));
  const rank = (c: ColumnKey | null) => (c ? (order.get(c) ?? 0) : -1);
  issues.sort((a, b) => a.row - b.row || rank(a.column) - rank(b.column));
  const unique = issues.filter((x, i) => i === 0 || !(x.row === issues[i - 1]!.row && x.column === issues[i - 1]!.column && x.key === issues[i - 1]!.key));
  return {
    products: unique.length === 0 ? products : [],
    issues: unique,
    counts: { rows: rows.length, products: groups.size, packs, rowsWithIssues: new Set(unique.map((i) => i.row)).size },
  };
}
