/**
 * Image files for tests, made on the spot: photos with EXIF orientation and GPS tags, a HEIC header, a PDF
 * renamed .jpg, a PNG "decompression bomb" that declares 30000×30000 pixels in a few bytes.
 */
import { crc32 } from "node:zlib";
import sharp from "sharp";

/**
 * A JPEG whose stored pixels are red on the left half and blue on the right, tagged with an EXIF
 * orientation and a GPS position (26.26 N, 117.64 E: Sanming) as a phone writes them.
 */
export async function phoneJpeg(options: { width?: number; height?: number; orientation?: number; gps?: boolean } = {}): Promise<Buffer> {
  const width = options.width ?? 400;
  const height = options.height ?? 200;
  const half = Math.floor(width / 2);
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${half}" height="${height}" fill="#ff0000"/><rect x="${half}" width="${width - half}" height="${height}" fill="#0000ff"/></svg>`,
  );
  let image = sharp(svg).jpeg({ quality: 90 });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  if (options.gps !== false) {
    image = image.withExif({
      IFD0: { Make: "TestPhone", Model: "T1", Software: "camera 1.0" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "26/1 15/1 36/1", GPSLongitudeRef: "E", GPSLongitude: "117/1 38/1 24/1" },
    });
  }
  return image.toBuffer();
}

/** A plain image of a size, in a format. */
export async function plainImage(format: "png" | "webp" | "avif" | "gif" | "tiff" | "jpeg", width = 64, height = 48): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 40, g: 150, b: 90 } } });
  switch (format) {
    case "png":
      return base.png().toBuffer();
    case "webp":
      return base.webp().toBuffer();
    case "avif":
      return base.avif({ effort: 0 }).toBuffer();
    case "gif":
      return base.gif().toBuffer();
    case "tiff":
      return base.tiff().toBuffer();
    case "jpeg":
      return base.jpeg().toBuffer();
  }
}

/** A small but real PDF (what a "photo.jpg" sometimes is). */
export function pdfBytes(): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    "latin1",
  );
}

/** The start of an iPhone HEIC file (ISO-BMFF `ftyp` box, brand heic): what the bundled libvips cannot decode. */
export function heicBytes(): Buffer {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write("ftypheic", 4, "latin1");
  ftyp.writeUInt32BE(0, 12);
  ftyp.write("mif1heicmiaf", 16, "latin1");
  // A bogus `meta` box after it, as far as any reader will get.
  const meta = Buffer.alloc(64);
  meta.writeUInt32BE(64, 0);
  meta.write("meta", 4, "latin1");
  return Buffer.concat([ftyp, meta]);
}

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "latin1"), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** A PNG that declares `width`×`height` pixels (30000×30000 = 900 megapixels) in under 100 bytes. */
export function pngBomb(width = 30_000, height = 30_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  // compression, filter, interlace: 0
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // A few bytes of a zlib stream of zero rows: the file claims far more than it holds.
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x18, 0x05, 0x00, 0x00]);
  return Buffer.concat([signature, pngChunk("IHDR", ihdr), pngChunk("IDAT", idat), pngChunk("IEND", Buffer.alloc(0))]);
}

/** The mean colour of a small box around a point of an image (for checking orientation). */
export async function colourAt(image: Buffer, x: number, y: number): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(image).extract({ left: x, top: y, width: 4, height: 4 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let r = 0;
  let g = 0;
  let b = 0;
  const n = info.width * info.height;
  for (let i = 0; i < n; i++) {
    r += data[i * 3];
    g += data[i * 3 + 1];
    b += data[i * 3 + 2];
  }
  return { r: r / n, g: g / n, b: b / n };
}
