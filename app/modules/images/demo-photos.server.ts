/**
 * Demo photos for the seeded catalogue, made without the internet and without text (a fresh machine may
 * lack Chinese fonts): one picture per category — a gradient with simple shapes in the category's colours
 * (mushroom caps, bamboo shoots, tea leaves, rice grains, kumquats …) — drawn as SVG, put through the real
 * photo pipeline once, and shared by every demo product of that category (their ProductPhoto rows point
 * at the same variant keys, stored under the first such product).
 */
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { Prisma } from "~/generated/prisma/client";
import type { ProductCategory } from "~/generated/prisma/enums";
import type { Storage } from "~/modules/storage/index.server";
import { variantKey, type StoredVariant } from "./plan";
import { processPhoto } from "./process.server";

// Drawn on a 1280×960 canvas, rendered at 960×720: variants 320/640/960, plenty for a card or a gallery,
// and quick enough to keep the seed fast.
const W = 1280;
const H = 960;
const OUT_W = 960;
const OUT_H = 720;

/** A small deterministic PRNG (mulberry32), so every seed draws the same pictures. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Scene {
  from: string;
  to: string;
  draw: (r: () => number) => string;
}

const between = (r: () => number, lo: number, hi: number) => lo + r() * (hi - lo);
const n = (x: number) => x.toFixed(1);

/** Many shapes scattered over the picture. */
function scatter(r: () => number, count: number, shape: (x: number, y: number, s: number, i: number) => string): string {
  let out = "";
  for (let i = 0; i < count; i++) out += shape(between(r, 60, W - 60), between(r, 60, H - 60), between(r, 0.7, 1.3), i);
  return out;
}

const SCENES: Record<ProductCategory, Scene> = {
  // Shiitake caps on pale stems, forest floor brown.
  mushrooms: {
    from: "#3e2f22",
    to: "#8a6a45",
    draw: (r) =>
      scatter(r, 14, (x, y, s) => {
        const w = 120 * s;
        return `<rect x="${n(x - w * 0.12)}" y="${n(y)}" width="${n(w * 0.24)}" height="${n(w * 0.55)}" rx="${n(w * 0.08)}" fill="#efe2c8"/><ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(w * 0.5)}" ry="${n(w * 0.3)}" fill="#6b3f1f"/><ellipse cx="${n(x - w * 0.12)}" cy="${n(y - w * 0.08)}" rx="${n(w * 0.16)}" ry="${n(w * 0.07)}" fill="#8c5a33"/>`;
      }),
  },
  // Winter bamboo shoots: long cones in husk colours, green behind.
  bamboo_shoots: {
    from: "#2f5d34",
    to: "#b9c77a",
    draw: (r) =>
      scatter(r, 11, (x, y, s) => {
        const h = 260 * s;
        const w = 110 * s;
        return `<path d="M ${n(x - w / 2)} ${n(y + h / 2)} Q ${n(x)} ${n(y + h / 2 + 30)} ${n(x + w / 2)} ${n(y + h / 2)} L ${n(x)} ${n(y - h / 2)} Z" fill="#d9b66a"/><path d="M ${n(x - w / 4)} ${n(y + h / 2)} L ${n(x)} ${n(y - h / 2)} L ${n(x + w / 6)} ${n(y + h / 2)} Z" fill="#a77b3c" opacity="0.6"/>`;
      }),
  },
  // Tea leaves in two greens.
  tea: {
    from: "#1f4d2b",
    to: "#7fb069",
    draw: (r) =>
      scatter(r, 26, (x, y, s, i) => {
        const a = between(r, 0, 180);
        return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(70 * s)}" ry="${n(26 * s)}" fill="${i % 2 ? "#3f7d3a" : "#5e9e4a"}" transform="rotate(${n(a)} ${n(x)} ${n(y)})"/><line x1="${n(x - 60 * s)}" y1="${n(y)}" x2="${n(x + 60 * s)}" y2="${n(y)}" stroke="#a8d08d" stroke-width="3" transform="rotate(${n(a)} ${n(x)} ${n(y)})"/>`;
      }),
  },
  // Rice grains on a straw-coloured ground.
  rice_grains: {
    from: "#d8c9a3",
    to: "#f4ecd8",
    draw: (r) =>
      scatter(r, 220, (x, y, s) => `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(16 * s)}" ry="${n(7 * s)}" fill="#fffaf0" stroke="#cdbf9a" stroke-width="1.5" transform="rotate(${n(between(r, 0, 180))} ${n(x)} ${n(y)})"/>`),
  },
  // Kumquats with leaves.
  fruit: {
    from: "#6a8f3a",
    to: "#e8d36b",
    draw: (r) =>
      scatter(r, 16, (x, y, s) => {
        const d = 62 * s;
        return `<ellipse cx="${n(x + d * 0.8)}" cy="${n(y - d * 0.7)}" rx="${n(d * 0.55)}" ry="${n(d * 0.22)}" fill="#3c6e2f" transform="rotate(-35 ${n(x + d * 0.8)} ${n(y - d * 0.7)})"/><circle cx="${n(x)}" cy="${n(y)}" r="${n(d)}" fill="#f29a1f"/><circle cx="${n(x - d * 0.3)}" cy="${n(y - d * 0.3)}" r="${n(d * 0.25)}" fill="#fbc55e"/>`;
      }),
  },
  // Leafy greens: overlapping rounded leaves.
  vegetables: {
    from: "#285e2a",
    to: "#9ccc65",
    draw: (r) =>
      scatter(r, 18, (x, y, s, i) => {
        const a = between(r, 0, 360);
        return `<path d="M ${n(x)} ${n(y)} C ${n(x - 90 * s)} ${n(y - 40 * s)} ${n(x - 60 * s)} ${n(y - 170 * s)} ${n(x)} ${n(y - 190 * s)} C ${n(x + 60 * s)} ${n(y - 170 * s)} ${n(x + 90 * s)} ${n(y - 40 * s)} ${n(x)} ${n(y)} Z" fill="${i % 3 ? "#4caf50" : "#7cb342"}" transform="rotate(${n(a)} ${n(x)} ${n(y)})"/>`;
      }),
  },
  // Lotus seeds and yams: ivory rounds on a wooden brown.
  forest_goods: {
    from: "#5b3a1e",
    to: "#a47148",
    draw: (r) =>
      scatter(r, 60, (x, y, s) => `<circle cx="${n(x)}" cy="${n(y)}" r="${n(28 * s)}" fill="#f3ead3"/><circle cx="${n(x)}" cy="${n(y)}" r="${n(7 * s)}" fill="#c8a96a"/>`),
  },
  // Tofu skin sheets: pale yellow folded rectangles.
  bean_products: {
    from: "#c9a66b",
    to: "#f6e7b4",
    draw: (r) =>
      scatter(r, 12, (x, y, s) => {
        const w = 220 * s;
        const h = 120 * s;
        return `<rect x="${n(x - w / 2)}" y="${n(y - h / 2)}" width="${n(w)}" height="${n(h)}" rx="14" fill="#f1d38a" stroke="#d9b15e" stroke-width="4" transform="rotate(${n(between(r, -25, 25))} ${n(x)} ${n(y)})"/>`;
      }),
  },
  // Shaxian dumplings on a red lacquer tray.
  snacks_prepared: {
    from: "#7a1f1f",
    to: "#c0392b",
    draw: (r) =>
      scatter(r, 18, (x, y, s) => {
        const w = 80 * s;
        return `<path d="M ${n(x - w)} ${n(y)} A ${n(w)} ${n(w * 0.8)} 0 0 1 ${n(x + w)} ${n(y)} Z" fill="#fbf3e4"/><path d="M ${n(x - w * 0.7)} ${n(y - w * 0.35)} Q ${n(x)} ${n(y - w * 0.95)} ${n(x + w * 0.7)} ${n(y - w * 0.35)}" stroke="#e7d4b5" stroke-width="5" fill="none"/>`;
      }),
  },
  // Frozen goods: icy blue with frost hexagons.
  frozen_foods: {
    from: "#0d3b66",
    to: "#7ec8e3",
    draw: (r) =>
      scatter(r, 24, (x, y, s) => {
        const d = 48 * s;
        const pts = Array.from({ length: 6 }, (_, k) => `${n(x + d * Math.cos((Math.PI / 3) * k))},${n(y + d * Math.sin((Math.PI / 3) * k))}`).join(" ");
        return `<polygon points="${pts}" fill="#e8f6fb" opacity="0.85"/><circle cx="${n(x)}" cy="${n(y)}" r="${n(d * 0.35)}" fill="#b3e0f2"/>`;
      }),
  },
};

/** The SVG picture of a category (960×720, no text). */
export function demoSvg(category: ProductCategory): string {
  const scene = SCENES[category];
  const r = rng(Object.keys(SCENES).indexOf(category) * 7919 + 17);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OUT_W}" height="${OUT_H}" viewBox="0 0 ${W} ${H}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${scene.from}"/><stop offset="1" stop-color="${scene.to}"/></linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="url(#g)"/>${scene.draw(r)}</svg>`
  );
}

/** A stable UUID (version-4 layout) derived from a name, so reseeding recreates the same photo ids and keys. */
export function stableUuid(name: string): string {
  const h = createHash("sha256").update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/**
 * Processes one picture per category found among `products` and writes the files; returns the photo rows
 * (one cover per product; the first product of a category owns the files' keys). Pure of the database.
 */
export async function buildDemoPhotos(
  storage: Storage,
  products: readonly { id: string; category: ProductCategory }[],
): Promise<Prisma.ProductPhotoCreateManyInput[]> {
  const owners = new Map<ProductCategory, string>();
  for (const p of products) if (!owners.has(p.category)) owners.set(p.category, p.id);
  const shared = new Map<ProductCategory, { photoId: string; width: number; height: number; placeholder: string; variants: StoredVariant[] }>();
  await Promise.all(
    [...owners].map(async ([category, ownerId]) => {
      const jpeg = await sharp(Buffer.from(demoSvg(category))).jpeg({ quality: 85 }).toBuffer();
      const processed = await processPhoto(jpeg, { maxBytes: 50 * 1024 * 1024 });
      const photoId = stableUuid(`demo-photo:${category}:${ownerId}`);
      const variants: StoredVariant[] = [];
      for (const v of processed.variants) {
        const key = variantKey(ownerId, photoId, v.width);
        await storage.put(key, v.body, "image/webp");
        variants.push({ width: v.width, key, bytes: v.body.length });
      }
      shared.set(category, { photoId, width: processed.width, height: processed.height, placeholder: processed.placeholder, variants });
    }),
  );
  return products.map((p) => {
    const s = shared.get(p.category);
    if (!s) throw new Error(`no demo photo for ${p.category}`);
    return {
      id: owners.get(p.category) === p.id ? s.photoId : stableUuid(`demo-photo:${p.id}`),
      productId: p.id,
      position: 0,
      width: s.width,
      height: s.height,
      placeholder: s.placeholder,
      variants: s.variants as unknown as Prisma.InputJsonValue,
    };
  });
}
