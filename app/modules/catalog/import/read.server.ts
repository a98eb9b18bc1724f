/**
 * Reads an uploaded spreadsheet into a RawSheet, judging the file by its content, never its name: an
 * XLSX is a ZIP holding xl/workbook.xml; a CSV is text (UTF-8 with or without BOM, UTF-16 with BOM,
 * or GBK/GB18030 as older Chinese Excel saves it). A renamed PDF, an old .xls, an image, a ZIP that is
 * no workbook, an oversized or corrupt file each get their own message.
 */
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { fileTypeFromBuffer } from "file-type";
import iconv from "iconv-lite";
import { pickSheet, type FileProblem, type RawSheet } from "./sheet";

export type ImportFormat = "xlsx" | "csv";

export type ReadResult = { ok: true; format: ImportFormat; sheet: RawSheet } | { ok: false; problems: FileProblem[] };

/** Uncompressed size a workbook may unpack to (a 2,000-row sheet is a few MB): guards against ZIP bombs. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5000;

interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

/** The entries of a ZIP's central directory, or null when it has none that can be read (or uses ZIP64). */
export function zipEntries(buffer: Buffer): ZipEntry[] | null {
  // End of central directory: 22 bytes plus a comment of at most 65,535.
  const min = Math.max(0, buffer.length - 22 - 65535);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= min; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buffer.readUInt16LE(eocd + 10);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || count > MAX_ZIP_ENTRIES) return null;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== 0x02014b50) return null;
    const uncompressedSize = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    if (uncompressedSize === 0xffffffff) return null;
    entries.push({ name: buffer.toString("utf8", p + 46, p + 46 + nameLength), uncompressedSize });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A number as Excel shows it, without binary-fraction noise: 12.5 → "12.5", 0.1 + 0.2 → "0.3". */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return "";
  return String(Number(n.toPrecision(15)));
}

/** The text of one exceljs cell value (rich text, formulas' results, hyperlinks, dates, booleans). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result);
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return String(value.error);
  }
  return "";
}

async function readXlsx(buffer: Buffer): Promise<ReadResult> {
  const entries = zipEntries(buffer);
  if (!entries) return { ok: false, problems: [{ key: "import.file.corrupt" }] };
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > MAX_UNPACKED_BYTES) return { ok: false, problems: [{ key: "import.file.unpackedTooLarge" }] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problems: [{ key: "import.file.corrupt" }] };
  }
  const sheets = workbook.worksheets.map((ws) => ({ name: ws.name, hidden: ws.state === "hidden" || ws.state === "veryHidden", ws }));
  const picked = pickSheet(sheets);
  if (!picked.ok) return { ok: false, problems: [picked.problem] };
  const ws = picked.sheet.ws;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    // row.values is 1-based (index 0 is empty).
    for (let i = 1; i < values.length; i++) cells[i - 1] = cellText(values[i]);
    for (let i = 0; i < cells.length; i++) cells[i] ??= "";
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const merges = (ws.model.merges ?? []).slice().sort(compareRanges);
  return { ok: true, format: "xlsx", sheet: { name: ws.name, rows, merges } };
}

function compareRanges(a: string, b: string): number {
  const parse = (r: string) => {
    const m = /^([A-Z]+)(\d+)/.exec(r);
    return m ? { row: Number(m[2]), col: m[1]!.length * 100 + m[1]!.charCodeAt(0) } : { row: 0, col: 0 };
  };
  const pa = parse(a);
  const pb = parse(b);
  return pa.row - pb.row || pa.col - pb.col;
}

/** Text of a CSV file: BOMs honoured; UTF-8 when it decodes as such, else GB18030 (a superset of GBK); null when neither fits. */
export function decodeCsv(buffer: Buffer): string | null {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString("utf8");
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), "utf16le");
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), "utf16be");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    const text = iconv.decode(buffer, "gb18030");
    return text.includes("\ufffd") ? null : text;
  }
}

/** The delimiter of the first line: comma unless semicolons or tabs clearly dominate (outside quotes). */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (counts[","] + counts[";"] + counts["\t"] > 0) break;
    } else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts["\t"] > counts[","] && counts["\t"] >= counts[";"]) return "\t";
  if (counts[";"] > counts[","]) return ";";
  return ",";
}

function readCsv(buffer: Buffer, name: string): ReadResult {
  const text = decodeCsv(buffer);
  if (text === null) return { ok: false, problems: [{ key: "import.file.encoding" }] };
  if (text.trim() === "") return { ok: false, problems: [{ key: "import.file.empty" }] };
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, problems: [{ key: "import.file.csvBroken", params: { line: line ?? "?" } }] };
  }
  return { ok: true, format: "csv", sheet: { name, rows, merges: [] } };
}

/** True when the bytes look like text (no NUL in the first 8 KB): what a CSV is. */
function looksLikeText(buffer: Buffer): boolean {
  const head = buffer.subarray(0, 8192);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  return !head.includes(0);
}

export type SniffResult = { ok: true; format: ImportFormat } | { ok: false; problem: FileProblem };

/**
 * What kind of file this is, by its bytes: an XLSX (a ZIP with xl/workbook.xml), a CSV (text), or one of
 * the files people upload by mistake (a PDF or picture renamed .xlsx, an old .xls, a Word document).
 */
export async function sniffFormat(buffer: Buffer): Promise<SniffResult> {
  if (buffer.length === 0) return { ok: false, problem: { key: "import.file.empty" } };
  // Text with a byte-order mark (UTF-8, or UTF-16 as Excel's "Unicode text" saves it) is a CSV.
  if ((buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) || (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    return { ok: true, format: "csv" };
  }
  const type = await fileTypeFromBuffer(buffer);
  if (type) {
    if (type.ext === "xlsx" || type.ext === "zip") {
      const entries = zipEntries(buffer);
      if (!entries) return { ok: false, problem: { key: "import.file.corrupt" } };
      if (entries.some((e) => e.name === "xl/workbook.xml")) return { ok: true, format: "xlsx" };
      return { ok: false, problem: { key: entries.some((e) => e.name.startsWith("word/")) ? "import.file.docx" : "import.file.notSpreadsheet" } };
    }
    if (type.ext === "pdf") return { ok: false, problem: { key: "import.file.pdf" } };
    if (type.ext === "cfb" || type.ext === "xls") return { ok: false, problem: { key: "import.file.xls" } };
    if (type.ext === "docx") return { ok: false, problem: { key: "import.file.docx" } };
    if (type.mime.startsWith("image/")) return { ok: false, problem: { key: "import.file.image" } };
    return { ok: false, problem: { key: "import.file.notSpreadsheet" } };
  }
  if (!looksLikeText(buffer)) return { ok: false, problem: { key: "import.file.notSpreadsheet" } };
  return { ok: true, format: "csv" };
}

/** Reads an uploaded file (already within the size limit) into the sheet to import, or says what is wrong with it. */
export async function readImportFile(buffer: Buffer, fileName = "upload"): Promise<ReadResult> {
  const sniffed = await sniffFormat(buffer);
  if (!sniffed.ok) return { ok: false, problems: [sniffed.problem] };
  if (sniffed.format === "xlsx") return readXlsx(buffer);
  return readCsv(buffer, fileName.replace(/\.[^.]*$/, "") || "CSV");
}
