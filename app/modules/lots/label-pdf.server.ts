/**
 * The printable QR label as a PDF: 100 × 70 mm, one label on a label-sized page, or several eight
 * to an A4 sheet with cut marks. Text in Noto Sans SC (OFL, from @embedpdf/fonts-sc), embedded as a
 * subset of the glyphs used (~50 KB instead of 8 MB); the QR code is drawn as vector squares so it
 * stays sharp on any printer.
 *
 * pdfkit and the font package read files from disk at run time, so both stay out of the server
 * bundle (ssr.external in vite.config.ts) and the font is found through Node's resolver from
 * node_modules, never through a path relative to this (bundled) file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { LabelText } from "./label";
import { LABELS_PER_SHEET } from "./label";
import { qrModules } from "./qr.server";

const MM = 72 / 25.4;
const LABEL_W = 100 * MM;
const LABEL_H = 70 * MM;
const A4: [number, number] = [210 * MM, 297 * MM];
const FONT = "NotoSansSC";

let fontBytes: Buffer | undefined;

/** Path of the Simplified Chinese font: `fonts/NotoSansHans-Regular.otf` of @embedpdf/fonts-sc, resolved from node_modules. */
export function labelFontPath(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its JS entry (dist/index.cjs); the fonts sit in fonts/ beside dist/.
  const entry = require.resolve("@embedpdf/fonts-sc");
  return path.join(path.dirname(entry), "..", "fonts", "NotoSansHans-Regular.otf");
}

/** The label font's bytes, read from disk once and kept for every later PDF. */
export function labelFont(): Buffer {
  fontBytes ??= readFileSync(labelFontPath());
  return fontBytes;
}

function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  const modules = qrModules(url);
  const n = modules.length;
  const cell = size / n;
  doc.save();
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      // A hair wider than the cell so neighbouring squares print without seams.
      if (modules[r][c]) doc.rect(x + c * cell, y + r * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill("#000000");
  doc.restore();
}

/** One label with its top-left corner at (x, y). */
function drawLabel(doc: PDFKit.PDFDocument, label: LabelText, x: number, y: number): void {
  const pad = 4 * MM;
  const qrSize = 30 * MM;
  const gap = 3 * MM;
  const textW = LABEL_W - 2 * pad - qrSize - gap;
  const left = x + pad;
  let cursor = y + pad;
  doc.font(FONT).fillColor("#000000");

  doc.fontSize(13).text(label.title, left, cursor, { width: textW, height: 36, ellipsis: true, lineGap: 0 });
  cursor = doc.y;
  if (label.subtitle) {
    doc.fontSize(7.5).fillColor("#333333").text(label.subtitle, left, cursor, { width: textW, height: 23, ellipsis: true });
    cursor = doc.y;
  }
  doc.fontSize(8).fillColor("#000000").text(label.pack, left, cursor + 1, { width: textW, height: 11, ellipsis: true });
  cursor = doc.y + 3;

  const captionW = 15 * MM;
  for (const [i, line] of label.lines.entries()) {
    const valueSize = i === 0 ? 11 : 8;
    doc.fontSize(6.5).fillColor("#555555").text(line.caption, left, cursor + (i === 0 ? 2.5 : 0.8), { width: captionW, lineBreak: false });
    // Origin and seller may take two lines; everything else one.
    const lines = i >= 3 ? 2 : 1;
    doc
      .fontSize(valueSize)
      .fillColor("#000000")
      .text(line.value, left + captionW, cursor, { width: textW - captionW, height: valueSize * 1.5 * lines, ellipsis: true });
    cursor = Math.max(doc.y, cursor + valueSize * 1.2) + 1.2;
  }

  const qrX = x + LABEL_W - pad - qrSize;
  const qrY = y + pad;
  drawQr(doc, label.traceUrl, qrX, qrY, qrSize);
  doc.fontSize(7).fillColor("#000000").text(label.scanHint, qrX - 2 * MM, qrY + qrSize + 1.5, { width: qrSize + 4 * MM, align: "center", lineBreak: false });
  doc.fontSize(5.5).fillColor("#555555").text("沪明直供 Huming Direct", qrX - 2 * MM, y + LABEL_H - pad - 6, { width: qrSize + 4 * MM, align: "center", lineBreak: false });
}

/** Thin dashed cut lines around a label on an A4 sheet. */
function drawCutMarks(doc: PDFKit.PDFDocument, x: number, y: number): void {
  doc.save().lineWidth(0.3).dash(2, { space: 2 }).strokeColor("#999999").rect(x, y, LABEL_W, LABEL_H).stroke().undash().restore();
}

/** The label PDF: one label-sized page for one copy, A4 sheets of eight for more. */
export function renderLabelPdf(label: LabelText, options: { copies: number; title: string; code: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    // The label font as the document font, so pdfkit never loads its built-in Helvetica metrics.
    font: labelFont() as unknown as string,
    info: { Title: options.title, Subject: options.code, Keywords: label.traceUrl, Creator: "Huming Direct", Producer: "Huming Direct" },
    lang: "zh-CN",
  });
  doc.registerFont(FONT, labelFont());
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  if (options.copies <= 1) {
    doc.addPage({ size: [LABEL_W, LABEL_H], margin: 0 });
    drawLabel(doc, label, 0, 0);
  } else {
    const marginX = (A4[0] - 2 * LABEL_W) / 2;
    const marginY = (A4[1] - 4 * LABEL_H) / 2;
    for (let i = 0; i < options.copies; i++) {
      const slot = i % LABELS_PER_SHEET;
      if (slot === 0) doc.addPage({ size: A4, margin: 0 });
      const x = marginX + (slot % 2) * LABEL_W;
      const y = marginY + Math.floor(slot / 2) * LABEL_H;
      drawCutMarks(doc, x, y);
      drawLabel(doc, label, x, y);
    }
  }
  doc.end();
  return done;
}
