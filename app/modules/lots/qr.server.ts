import QRCode from "qrcode";

/**
 * Error correction "M" (15 %): a label scuffed at the loading dock still scans, and the code for a
 * traceability URL stays at version 4–5, large modules at 30 mm.
 */
const LEVEL = "M" as const;

/** The QR code of a URL as an SVG document (for screens: the seller's page and the public page). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: LEVEL, margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

/** The QR code's modules (true = dark), row by row, for drawing it as vector squares in a PDF. */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: LEVEL });
  const rows: boolean[][] = [];
  for (let y = 0; y < modules.size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < modules.size; x++) row.push(modules.get(y, x) === 1);
    rows.push(row);
  }
  return rows;
}
