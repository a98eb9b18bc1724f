/**
 * The A4 page shared by the printable lists (packing list, load sheet, trunk manifest): one place for the page
 * size, the embedded label font, collecting the output and breaking pages, so the three print alike.
 *
 * pdfkit and the font package read files from disk at run time, so both stay out of the server bundle
 * (ssr.external in vite.config.ts), as for the lot labels (label-pdf.server.ts).
 */
import PDFDocument from "pdfkit";
import type { Locale } from "~/utils/i18n/locale";
import { labelFont } from "./label-pdf.server";

/** PDF points per millimetre. */
export const MM = 72 / 25.4;

const A4: [number, number] = [210 * MM, 297 * MM];
const FONT = "NotoSansSC";

/** What differs between the A4 documents: the margin (points, all four sides), the title and the reader's language. */
export interface A4Options {
  margin: number;
  title: string;
  locale: Locale;
}

/** An open A4 document with its text area, page breaking and end. */
export interface A4Document {
  doc: PDFKit.PDFDocument;
  /** Width between the side margins. */
  width: number;
  /** Lowest y a block may reach before it belongs on the next page. */
  bottom: number;
  /** Starts a new page when a block `height` points tall would cross `bottom`. */
  ensure(height: number): void;
  /** Ends the document; resolves to the whole PDF. */
  finish(): Promise<Buffer>;
}

/** A new A4 document in the label font (Noto Sans SC, embedded as a subset), ready to draw on its first page. */
export function openA4Document(options: A4Options): A4Document {
  const doc = new PDFDocument({
    size: A4,
    margin: options.margin,
    // The label font as the document font, so pdfkit never loads its built-in Helvetica metrics.
    font: labelFont() as unknown as string,
    info: { Title: options.title, Creator: "Huming Direct", Producer: "Huming Direct" },
    lang: options.locale === "en" ? "en" : "zh-CN",
  });
  doc.registerFont(FONT, labelFont());
  doc.font(FONT);
  const bytes = collect(doc);
  const bottom = A4[1] - options.margin;
  return {
    doc,
    width: A4[0] - 2 * options.margin,
    bottom,
    ensure(height) {
      if (doc.y + height > bottom) doc.addPage();
    },
    finish() {
      doc.end();
      return bytes;
    },
  };
}

/** The document's output as one Buffer once it ends; listening from the start so no chunk is missed. */
function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
