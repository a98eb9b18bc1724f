/**
 * `npm run bench:images`: one 12-megapixel phone-like JPEG (4000×3000, noise over a gradient, EXIF
 * orientation 6 and GPS tags) processed by the product photo pipeline into every variant and the blur
 * placeholder, against a bare `sharp(input).resize(1280).webp().toBuffer()` of the same file in the
 * same run. Each is repeated (after a warm-up) and the medians compared; the last line is one JSON object.
 *
 *   npm run bench:images              # 5 rounds
 *   npm run bench:images -- --rounds 9
 */
import os from "node:os";
import sharp from "sharp";
import { processPhoto } from "../../app/modules/images/process.server";

const TARGET_RATIO = 2.5;

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i === -1 ? NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

/** A 4000×3000 JPEG that compresses like a photo (noise over a gradient), tagged as taken with the phone turned (orientation 6). */
async function phoneJpeg(width = 4000, height = 3000): Promise<Buffer> {
  const noise = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
      `<stop offset="0" stop-color="#3b7d3a"/><stop offset="1" stop-color="#d9a441"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#8b4513" opacity="0.7"/></svg>`,
  );
  return sharp(gradient)
    .composite([{ input: noise, blend: "soft-light" }])
    .jpeg({ quality: 88 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: "BenchPhone", Model: "12MP" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "26/1 15/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "117/1 38/1 0/1" } })
    .toBuffer();
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function main(): Promise<void> {
  const rounds = argValue("--rounds", 5);
  sharp.cache(false); // every round decodes the file again, as a fresh upload would
  const input = await phoneJpeg();
  const meta = await sharp(input).metadata();
  console.log(`input: ${meta.width}×${meta.height} JPEG, ${(input.length / 1024 / 1024).toFixed(1)} MB, orientation ${meta.orientation}; sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}, ${os.cpus().length} CPUs`);

  const variantsRun = () => processPhoto(input, { maxBytes: 100 * 1024 * 1024 });
  const bareRun = () => sharp(input).resize(1280).webp().toBuffer();
  // Warm-up (library load, first-call costs), then alternate the two so drift hits both alike.
  const sample = await variantsRun();
  await bareRun();
  const variantsMs: number[] = [];
  const bareMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    variantsMs.push(await time(variantsRun));
    bareMs.push(await time(bareRun));
    console.log(`round ${r + 1}/${rounds}: variants ${variantsMs[r].toFixed(0)} ms, bare resize ${bareMs[r].toFixed(0)} ms`);
  }
  const v = median(variantsMs);
  const b = median(bareMs);
  const ratio = v / b;
  console.log(
    `variants: ${sample.variants.map((x) => `${x.width}×${x.height} ${(x.body.length / 1024).toFixed(0)} KB`).join(", ")}; placeholder ${sample.placeholder.length} characters`,
  );
  console.log(`median: all variants + placeholder ${v.toFixed(0)} ms, bare 1280 px WebP ${b.toFixed(0)} ms, ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})`);
  console.log(
    JSON.stringify({
      variantsMs: Math.round(v),
      bareResizeMs: Math.round(b),
      ratio: Math.round(ratio * 100) / 100,
      target: TARGET_RATIO,
      withinTarget: ratio <= TARGET_RATIO,
      rounds,
      inputPixels: (meta.width ?? 0) * (meta.height ?? 0),
      inputBytes: input.length,
      variants: sample.variants.map((x) => ({ width: x.width, height: x.height, bytes: x.body.length })),
      placeholderChars: sample.placeholder.length,
      sharp: sharp.versions.sharp,
      vips: sharp.versions.vips,
      concurrency: sharp.concurrency(),
      cpus: os.cpus().length,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
