/**
 * From a sheet's cells (already read from XLSX or CSV as text) to the rows to validate: where the
 * header is, which column is which, the English second header row and example rows skipped, and each
 * data row numbered as the seller sees it in Excel. Every problem with the file as a whole (headers,
 * merged cells, too many rows, nothing to import) is a FileProblem. Pure.
 */
import type { MessageParams } from "~/utils/i18n/translate";
import type { MessageKey } from "~/utils/i18n/messages";
import { COLUMNS, columnForHeader, columnLetter, isExampleName, type ColumnKey } from "./columns";

/** Most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 2000;
/** How far down the header row is looked for (a title row or two above it is fine). */
const HEADER_SEARCH_ROWS = 10;

/** A sheet as read from the file: rows of cell texts (row 0 is Excel row 1) and its merged ranges ("A3:A5"). */
export interface RawSheet {
  name: string;
  rows: string[][];
  merges: string[];
}

/** A problem with the file as a whole: nothing is validated row by row until it is fixed. */
export interface FileProblem {
  key: MessageKey;
  params?: MessageParams;
  /** Columns the message lists in its {columns} placeholder, named in the viewer's language when shown. */
  columns?: ColumnKey[];
  /** Things the message lists in its {items} placeholder (column letters, sheet names, ranges), joined in the viewer's language. */
  items?: string[];
}

/** A data row: its Excel row number and its cells by column. */
export interface DataRow {
  rowNumber: number;
  cells: Partial<Record<ColumnKey, string>>;
}

export interface HeaderMap {
  /** Excel row number of the header. */
  headerRow: number;
  /** 0-based column index → column. */
  columns: Map<number, ColumnKey>;
  /** Column → its Excel letter in this file. */
  letters: Partial<Record<ColumnKey, string>>;
}

export type SheetResult = { ok: true; header: HeaderMap; rows: DataRow[] } | { ok: false; problems: FileProblem[] };

const isBlank = (row: readonly string[] | undefined) => !row || row.every((c) => c.trim() === "");

/** How many cells of a row name a known column. */
function headerHits(row: readonly string[]): number {
  return row.filter((c) => c.trim() !== "" && columnForHeader(c) !== null).length;
}

/** The header row: the first row (of the first few) naming at least three known columns; -1 when none does. */
export function findHeaderRow(rows: readonly string[][]): number {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) if (headerHits(rows[i] ?? []) >= 3) return i;
  return -1;
}

/** Maps a header row's cells to columns; unknown, duplicate and missing required columns are problems. */
export function mapHeader(header: readonly string[], rows: readonly string[][], headerIndex: number): { map: HeaderMap; problems: FileProblem[] } {
  const columns = new Map<number, ColumnKey>();
  const letters: Partial<Record<ColumnKey, string>> = {};
  const unknown: string[] = [];
  const blank: string[] = [];
  const duplicate: string[] = [];
  const width = Math.max(header.length, ...rows.slice(headerIndex + 1).map((r) => r.length));
  for (let i = 0; i < width; i++) {
    const text = (header[i] ?? "").trim();
    if (text === "") {
      // A column without a header is fine while it is empty; with data under it nobody knows what it is.
      if (rows.slice(headerIndex + 1).some((r) => (r[i] ?? "").trim() !== "")) blank.push(columnLetter(i));
      continue;
    }
    const key = columnForHeader(text);
    if (!key) {
      unknown.push(`${columnLetter(i)}「${text}」`);
      continue;
    }
    if (letters[key]) {
      duplicate.push(`${letters[key]}/${columnLetter(i)}「${text}」`);
      continue;
    }
    columns.set(i, key);
    letters[key] = columnLetter(i);
  }
  const missing = COLUMNS.filter((c) => c.required && !letters[c.key]).map((c) => c.key);
  const problems: FileProblem[] = [];
  if (missing.length > 0) problems.push({ key: "import.file.missingColumns", columns: missing });
  if (unknown.length > 0) problems.push({ key: "import.file.unknownColumns", items: unknown });
  if (blank.length > 0) problems.push({ key: "import.file.blankHeader", items: blank });
  if (duplicate.length > 0) problems.push({ key: "import.file.duplicateColumns", items: duplicate });
  return { map: { headerRow: headerIndex + 1, columns, letters }, problems };
}

/** True when a row repeats the header in the other language (the template's English row 2): most of its cells are headers. */
function isSecondHeaderRow(row: readonly string[]): boolean {
  const filled = row.filter((c) => c.trim() !== "");
  return filled.length > 0 && headerHits(row) * 2 >= filled.length && headerHits(row) >= 3;
}

/** Merged ranges are refused: one value spread over several rows cannot be read back as rows. */
export function mergeProblems(merges: readonly string[]): FileProblem[] {
  if (merges.length === 0) return [];
  const shown = merges.slice(0, 10);
  return [{ key: "import.file.mergedCells", items: merges.length > 10 ? [...shown, "…"] : shown, params: { count: merges.length } }];
}

/** The last Excel row a range ("A3:B5", "C4") covers. */
function lastRowOf(range: string): number {
  const rows = [...range.matchAll(/[A-Z]+(\d+)/gi)].map((m) => Number(m[1]));
  return rows.length > 0 ? Math.max(...rows) : Number.MAX_SAFE_INTEGER;
}

/** Reads a sheet: header, data rows (blank, example and second-header rows skipped), or the file's problems. */
export function readSheet(sheet: RawSheet): SheetResult {
  if (sheet.rows.every((r) => isBlank(r))) return { ok: false, problems: [{ key: "import.file.empty" }] };
  const headerIndex = findHeaderRow(sheet.rows);
  // A merged title above the header is harmless; merged cells in the header or the rows are not.
  const problems: FileProblem[] = [...mergeProblems(headerIndex < 0 ? sheet.merges : sheet.merges.filter((m) => lastRowOf(m) > headerIndex))];
  if (headerIndex < 0) {
    const expected = COLUMNS.filter((c) => c.required).map((c) => c.key);
    return { ok: false, problems: [...problems, { key: "import.file.noHeader", columns: expected }] };
  }
  const { map, problems: headerProblems } = mapHeader(sheet.rows[headerIndex]!, sheet.rows, headerIndex);
  problems.push(...headerProblems);
  const rows: DataRow[] = [];
  let dataRows = 0;
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const raw = sheet.rows[i]!;
    if (isBlank(raw)) continue;
    if (i === headerIndex + 1 && isSecondHeaderRow(raw)) continue;
    const cells: Partial<Record<ColumnKey, string>> = {};
    for (const [index, key] of map.columns) {
      const value = (raw[index] ?? "").trim();
      if (value !== "") cells[key] = value;
    }
    if (cells.nameZh !== undefined && isExampleName(cells.nameZh)) continue;
    dataRows++;
    if (dataRows <= MAX_IMPORT_ROWS) rows.push({ rowNumber: i + 1, cells });
  }
  if (dataRows > MAX_IMPORT_ROWS) problems.push({ key: "import.file.tooManyRows", params: { count: dataRows, max: MAX_IMPORT_ROWS } });
  if (dataRows === 0 && problems.length === 0) problems.push({ key: "import.file.noRows" });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, header: map, rows };
}

/**
 * Which sheet of a workbook holds the products: the one named 商品 (or "Products"), else the only
 * visible one; several without a 商品 sheet is a problem naming them.
 */
export function pickSheet<S extends { name: string; hidden?: boolean }>(sheets: readonly S[]): { ok: true; sheet: S } | { ok: false; problem: FileProblem } {
  const named = sheets.find((s) => ["商品", "products"].includes(s.name.normalize("NFKC").trim().toLowerCase()));
  if (named) return { ok: true, sheet: named };
  const visible = sheets.filter((s) => !s.hidden);
  if (visible.length === 1) return { ok: true, sheet: visible[0]! };
  if (visible.length === 0) return { ok: false, problem: { key: "import.file.empty" } };
  return { ok: false, problem: { key: "import.file.whichSheet", items: visible.map((s) => `「${s.name}」`) } };
}
