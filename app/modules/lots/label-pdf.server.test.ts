import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { composeLabel, type LabelLot } from "./label";
import { labelFontPath, renderLabelPdf } from "./label-pdf.server";
import { qrModules, qrSvg } from "./qr.server";

const URL_ = "http://localhost:3000/t/3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21";
const LOT: LabelLot = {
  code: "20261130-3",
  producedOn: "2026-11-30",
  expiresOn: "2027-11-30",
  originBase: "均口镇莲子种植基地",
  originPlot: "3 号地块",
  product: { nameZh: "建宁通心白莲", nameEn: "Jianning cored lotus seeds", originCounty: "建宁县" },
  pack: { unit: "bag", itemCount: 1, itemNetWeightGrams: 500, netWeightGrams: 500, variableWeight: false },
  seller: { name: "建宁县通心白莲专业合作社", nameEn: "Jianning Lotus Seed Cooperative", county: "建宁县" },
  traceUrl: URL_,
};

// poppler-utils (pdftotext, pdftoppm) is not on every machine: `apt-get install -y poppler-utils`.
const hasPoppler = spawnSync("pdftotext", ["-v"]).status === 0 && spawnSync("pdftoppm", ["-v"]).status === 0;
if (!hasPoppler) console.warn("[lots] SKIPPED: pdftotext/pdftoppm (poppler-utils) not installed; the label's text and printed QR code are not checked");

const dir = mkdtempSync(path.join(tmpdir(), "hm-label-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Decodes the QR code in an image (any format sharp reads) with jsQR. */
async function decodeQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image).flatten({ background: "#ffffff" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)?.data ?? null;
}

describe("the label font", () => {
  it("is Noto Sans SC from @embedpdf/fonts-sc, found through node_modules", () => {
    const file = labelFontPath();
    expect(file).toMatch(/@embedpdf[\\/]fonts-sc[\\/]fonts[\\/]NotoSansHans-Regular\.otf$/);
    expect(existsSync(file)).toBe(true);
  });
});

describe("the PDF label", () => {
  it("is a small valid PDF of one 100 × 70 mm page with the subset font embedded", async () => {
    const pdf = await renderLabelPdf(composeLabel(LOT, "zh"), { copies: 1, title: "建宁通心白莲 20261130-3", code: LOT.code });
    const raw = pdf.toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw.trimEnd().endsWith("%%EOF")).toBe(true);
    // The lot code as the document's subject, in plain bytes (the page text is compressed glyph ids).
    expect(raw).toMatch(/\/Subject \d+ 0 R/);
    expect(raw).toContain("(20261130-3)");
    expect(raw).toMatch(/\/MediaBox \[0 0 283\.46\d* 198\.42\d*\]/);
    expect(raw).toMatch(/\/FontFile3?\b/);
    // A subset: the 8 MB font is not embedded whole.
    expect(pdf.length).toBeLessThan(200_000);
  });

  it.skipIf(!hasPoppler)("has extractable text: the lot code, dates and the Chinese name (pdftotext)", async () => {
    for (const locale of ["zh", "en"] as const) {
      const file = path.join(dir, `label-${locale}.pdf`);
      writeFileSync(file, await renderLabelPdf(composeLabel(LOT, locale), { copies: 1, title: "t", code: LOT.code }));
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text).toContain("20261130-3");
      expect(text).toContain("建宁通心白莲");
      expect(text).toContain("2026-11-30");
      expect(text).toContain("2027-11-30");
      expect(text).toContain("扫码溯源");
      expect(text).toContain(locale === "zh" ? "保质期至" : "Best before");
    }
  });

  it.skipIf(!hasPoppler)("prints a QR code that scans to the traceability URL", async () => {
    const file = path.join(dir, "qr.pdf");
    writeFileSync(file, await renderLabelPdf(composeLabel(LOT, "zh"), { copies: 1, title: "t", code: LOT.code }));
    execFileSync("pdftoppm", ["-r", "200", "-png", "-singlefile", file, path.join(dir, "qr")]);
    expect(await decodeQr(readFileSync(path.join(dir, "qr.png")))).toBe(URL_);
  });

  it("lays several copies out eight to an A4 page", async () => {
    const pdf = await renderLabelPdf(composeLabel(LOT, "zh"), { copies: 10, title: "t", code: LOT.code });
    const raw = pdf.toString("latin1");
    expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.27\d* 841\.88\d*\]/);
  });
});

describe("the QR code", () => {
  it("as SVG decodes to the URL", async () => {
    const svg = await qrSvg(URL_);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(await decodeQr(await sharp(Buffer.from(svg), { density: 300 }).png().toBuffer())).toBe(URL_);
  });

  it("as modules draws the same symbol (square, with the three finder patterns)", () => {
    const m = qrModules(URL_);
    const n = m.length;
    expect(m.every((row) => row.length === n)).toBe(true);
    for (const [r, c] of [[0, 0], [0, n - 7], [n - 7, 0]]) {
      expect(m[r][c] && m[r + 6][c + 6] && m[r + 3][c + 3] && !m[r + 1][c + 1]).toBe(true);
    }
  });
});
