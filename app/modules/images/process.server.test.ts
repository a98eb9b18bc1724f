import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { maxUploadBytes } from "./plan";
import { detectPhotoType, PhotoRefused, processPhoto } from "./process.server";
import { colourAt, heicBytes, pdfBytes, phoneJpeg, plainImage, pngBomb } from "./test-images";

const LIMITS = { maxBytes: maxUploadBytes(15) };

/** The refusal a processing run ends in (or fails the test). */
async function refusalOf(body: Buffer, options: Parameters<typeof processPhoto>[1] = LIMITS) {
  const error = await processPhoto(body, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the photo to be refused").toBeInstanceOf(PhotoRefused);
  return (error as PhotoRefused).refusal;
}

describe("what a file is, by its content", () => {
  it("accepts JPEG, PNG, WebP and AVIF whatever they are called", async () => {
    expect(await detectPhotoType(await plainImage("jpeg"))).toEqual({ kind: "photo", mime: "image/jpeg" });
    expect(await detectPhotoType(await plainImage("png"))).toEqual({ kind: "photo", mime: "image/png" });
    expect(await detectPhotoType(await plainImage("webp"))).toEqual({ kind: "photo", mime: "image/webp" });
    expect(await detectPhotoType(await plainImage("avif"))).toEqual({ kind: "photo", mime: "image/avif" });
    for (const format of ["png", "webp", "avif"] as const) {
      const out = await processPhoto(await plainImage(format, 500, 300), LIMITS);
      expect(out.variants.map((v) => v.width), format).toEqual([320, 500]);
    }
  });

  it("refuses a PDF renamed .jpg, text, SVG, GIF and TIFF as not a photo", async () => {
    expect(await refusalOf(pdfBytes())).toEqual({ code: "notImage" });
    expect(await refusalOf(Buffer.from("just some text, not a photo at all"))).toEqual({ code: "notImage" });
    expect(await refusalOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))).toEqual({ code: "notImage" });
    expect(await refusalOf(await plainImage("gif"))).toEqual({ code: "notImage" });
    expect(await refusalOf(await plainImage("tiff"))).toEqual({ code: "notImage" });
  });

  it("recognises HEIC and refuses it with the message that tells the farmer what to do", async () => {
    expect(await detectPhotoType(heicBytes())).toMatchObject({ kind: "heif", mime: "image/heic" });
    expect(await refusalOf(heicBytes())).toEqual({ code: "heic" });
  });

  it("refuses an empty file and a damaged (cut-off) JPEG", async () => {
    expect(await refusalOf(Buffer.alloc(0))).toEqual({ code: "empty" });
    const whole = await phoneJpeg({ width: 800, height: 600 });
    expect(await refusalOf(whole.subarray(0, Math.floor(whole.length / 2)))).toEqual({ code: "unreadable" });
  });
});

describe("limits", () => {
  it("refuses a file over the size limit, naming the limit", async () => {
    const photo = await phoneJpeg({ width: 800, height: 600 });
    expect(await refusalOf(photo, { maxBytes: photo.length - 1 })).toMatchObject({ code: "tooLarge" });
    const refusal = await refusalOf(Buffer.alloc(16 * 1024 * 1024, 0xff));
    expect(refusal).toEqual({ code: "tooLarge", params: { limit: "15", size: "16" } });
  });

  it("refuses a decompression bomb (a tiny PNG declaring 30000×30000) from its header, quickly", async () => {
    const bomb = pngBomb(30_000, 30_000);
    expect(bomb.length).toBeLessThan(100);
    const started = performance.now();
    expect(await refusalOf(bomb)).toEqual({ code: "tooManyPixels", params: { width: 30_000, height: 30_000, limit: 50 } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("enforces the pixel limit on decoding too (sharp's limitInputPixels)", async () => {
    const photo = await plainImage("png", 200, 100);
    expect(await refusalOf(photo, { ...LIMITS, maxPixels: 19_999 })).toMatchObject({ code: "tooManyPixels", params: { width: 200, height: 100 } });
    await expect(processPhoto(photo, { ...LIMITS, maxPixels: 20_000 })).resolves.toBeDefined();
  });
});

describe("processing", () => {
  it("turns a photo upright from its EXIF orientation", async () => {
    // Stored 400×200, red left and blue right; orientation 6 means "turn 90° clockwise to view".
    const out = await processPhoto(await phoneJpeg({ width: 400, height: 200, orientation: 6 }), LIMITS);
    expect({ width: out.width, height: out.height }).toEqual({ width: 200, height: 400 });
    const top = out.variants[out.variants.length - 1];
    expect({ width: top.width, height: top.height }).toEqual({ width: 200, height: 400 });
    const meta = await sharp(top.body).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 200, height: 400 });
    const upper = await colourAt(top.body, 98, 40);
    const lower = await colourAt(top.body, 98, 356);
    expect(upper.r).toBeGreaterThan(200);
    expect(upper.b).toBeLessThan(60);
    expect(lower.b).toBeGreaterThan(200);
    expect(lower.r).toBeLessThan(60);
  });

  it("strips all metadata: the GPS position of the upload is in no variant", async () => {
    const input = await phoneJpeg({ width: 1600, height: 1200, orientation: 1 });
    const inMeta = await sharp(input).metadata();
    expect(inMeta.exif, "the test photo carries EXIF").toBeDefined();
    expect(inMeta.exif?.includes(Buffer.from("TestPhone"))).toBe(true);
    const out = await processPhoto(input, LIMITS);
    for (const v of out.variants) {
      const meta = await sharp(v.body).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.exif, `${v.width} has no EXIF`).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(v.body.includes(Buffer.from("Exif"))).toBe(false);
      expect(v.body.includes(Buffer.from("TestPhone"))).toBe(false);
    }
  });

  it("makes WebP variants 320/640/1280 wide from a large photo, fewer from a small one, never upscaled", async () => {
    const large = await processPhoto(await phoneJpeg({ width: 2000, height: 1500 }), LIMITS);
    expect(large.variants.map((v) => [v.width, v.height])).toEqual([
      [320, 240],
      [640, 480],
      [1280, 960],
    ]);
    for (const v of large.variants) {
      const meta = await sharp(v.body).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["webp", v.width, v.height]);
    }
    // Smaller variants are smaller files.
    expect(large.variants[0].body.length).toBeLessThan(large.variants[2].body.length);
    const small = await processPhoto(await phoneJpeg({ width: 300, height: 200 }), LIMITS);
    expect(small.variants.map((v) => v.width)).toEqual([300]);
    expect((await sharp(small.variants[0].body).metadata()).width).toBe(300);
  });

  it("makes a tiny blur placeholder as a WebP data: URL", async () => {
    const out = await processPhoto(await phoneJpeg({ width: 1200, height: 900 }), LIMITS);
    expect(out.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
    expect(out.placeholder.length).toBeLessThan(1000);
    const bytes = Buffer.from(out.placeholder.split(",")[1], "base64");
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 16, 12]);
  });

  it("keeps transparency of a PNG", async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const out = await processPhoto(png, LIMITS);
    expect((await sharp(out.variants[0].body).metadata()).hasAlpha).toBe(true);
  });
});
