import { describe, expect, it } from "vitest";
import {
  isRetryable,
  MAX_PHOTOS_PER_PRODUCT,
  maxUploadBytes,
  megabytes,
  movePhoto,
  orientedSize,
  parseStoredVariants,
  parseVariantKey,
  photosThatFit,
  planPlaceholder,
  planVariants,
  planVariantWidths,
  scaledHeight,
  variantKey,
} from "./plan";
import { mediaUrl, photoBox, photoSrc, photoSrcSet, placeholderStyle } from "./urls";
import { refusalKey, refusalMessage } from "./messages";
import { isMessageKey } from "~/utils/i18n/translate";

const P = "0b6c1f2e-8f4a-4c1d-9a55-3f2b1e0d9c8a";
const F = "7d3e2a10-5b6c-4d7e-8f90-a1b2c3d4e5f6";

describe("variant planning", () => {
  it.each([
    [4000, [320, 640, 1280]],
    [3000, [320, 640, 1280]],
    [1280, [320, 640, 1280]],
    [1279, [320, 640, 1279]],
    [900, [320, 640, 900]],
    [800, [320, 640, 800]],
    [799, [320, 640]],
    [700, [320, 640]],
    [640, [320, 640]],
    [639, [320, 639]],
    [400, [320, 400]],
    [399, [320]],
    [320, [320]],
    [200, [200]],
    [1, [1]],
  ])("an original %i px wide gets variants %j (never upscaled)", (width, expected) => {
    expect(planVariantWidths(width)).toEqual(expected);
    for (const w of planVariantWidths(width)) expect(w).toBeLessThanOrEqual(width);
  });

  it("refuses nonsense widths", () => {
    expect(() => planVariantWidths(0)).toThrow(RangeError);
    expect(() => planVariantWidths(12.5)).toThrow(RangeError);
  });

  it("keeps the aspect ratio in every variant and the placeholder", () => {
    expect(planVariants({ width: 4000, height: 3000 })).toEqual([
      { width: 320, height: 240 },
      { width: 640, height: 480 },
      { width: 1280, height: 960 },
    ]);
    expect(planVariants({ width: 3000, height: 4000 }).map((v) => v.height)).toEqual([427, 853, 1707]);
    expect(planPlaceholder({ width: 4000, height: 3000 })).toEqual({ width: 16, height: 12 });
    expect(planPlaceholder({ width: 10, height: 30 })).toEqual({ width: 10, height: 30 });
    // A panorama keeps at least one row.
    expect(scaledHeight({ width: 20000, height: 100 }, 16)).toBe(1);
  });

  it("swaps width and height for EXIF orientations 5–8 only", () => {
    for (const o of [undefined, 1, 2, 3, 4]) expect(orientedSize(400, 300, o)).toEqual({ width: 400, height: 300 });
    for (const o of [5, 6, 7, 8]) expect(orientedSize(400, 300, o)).toEqual({ width: 300, height: 400 });
  });
});

describe("limits", () => {
  it("turns MAX_UPLOAD_MB into bytes and bytes into a short MB figure", () => {
    expect(maxUploadBytes(15)).toBe(15_728_640);
    expect(maxUploadBytes(0.5)).toBe(524_288);
    expect(megabytes(15_728_640)).toBe("15");
    expect(megabytes(209_715_200)).toBe("200");
    expect(megabytes(1_600_000)).toBe("1.5");
  });

  it("fits at most 8 photos per product", () => {
    expect(MAX_PHOTOS_PER_PRODUCT).toBe(8);
    expect(photosThatFit(0, 3)).toBe(3);
    expect(photosThatFit(6, 3)).toBe(2);
    expect(photosThatFit(8, 1)).toBe(0);
    expect(photosThatFit(9, 1)).toBe(0);
  });
});

describe("storage keys", () => {
  it("builds and reads back products/<product>/<photo>/<width>.webp", () => {
    const key = variantKey(P, F, 640);
    expect(key).toBe(`products/${P}/${F}/640.webp`);
    expect(parseVariantKey(key)).toEqual({ productId: P, photoId: F, width: 640 });
  });

  it.each([
    `products/${P}/${F}/640.jpg`,
    `products/${P}/${F}/0640.webp`,
    `products/${P}/${F}/640.webp/x`,
    `products/${P}/../${F}/640.webp`,
    `products/${P.toUpperCase()}/${F}/640.webp`,
    `licences/${P}/${F}/640.webp`,
    `products/not-a-uuid/${F}/640.webp`,
    `products/${P}/${F}/`,
    "",
  ])("reads %j as no variant key", (key) => {
    expect(parseVariantKey(key)).toBeNull();
  });

  it("reads the variants column defensively, smallest first", () => {
    expect(parseStoredVariants(null)).toEqual([]);
    expect(parseStoredVariants({ width: 1 })).toEqual([]);
    expect(
      parseStoredVariants([
        { width: 640, key: "b", bytes: 2 },
        { width: "x", key: "c", bytes: 1 },
        { width: 320, key: "a", bytes: 1 },
      ]),
    ).toEqual([
      { width: 320, key: "a", bytes: 1 },
      { width: 640, key: "b", bytes: 2 },
    ]);
  });
});

describe("reordering", () => {
  const ids = ["a", "b", "c", "d"];
  it("moves a photo one place earlier or later, or makes it the cover", () => {
    expect(movePhoto(ids, "c", "earlier")).toEqual(["a", "c", "b", "d"]);
    expect(movePhoto(ids, "b", "later")).toEqual(["a", "c", "b", "d"]);
    expect(movePhoto(ids, "d", "cover")).toEqual(["d", "a", "b", "c"]);
  });
  it("leaves the order alone for impossible moves", () => {
    expect(movePhoto(ids, "a", "earlier")).toEqual(ids);
    expect(movePhoto(ids, "d", "later")).toEqual(ids);
    expect(movePhoto(ids, "a", "cover")).toEqual(ids);
    expect(movePhoto(ids, "zz", "cover")).toEqual(ids);
  });
});

describe("URLs, srcset and messages", () => {
  const photo = {
    width: 4000,
    height: 3000,
    placeholder: "data:image/webp;base64,AAAA",
    variants: [
      { width: 320, key: `products/${P}/${F}/320.webp`, bytes: 1 },
      { width: 640, key: `products/${P}/${F}/640.webp`, bytes: 2 },
      { width: 1280, key: `products/${P}/${F}/1280.webp`, bytes: 3 },
    ],
  };
  it("lists every variant in srcset and picks a sensible src", () => {
    expect(mediaUrl("products/x/y/320.webp")).toBe("/media/products/x/y/320.webp");
    expect(photoSrcSet(photo)).toBe(`/media/products/${P}/${F}/320.webp 320w, /media/products/${P}/${F}/640.webp 640w, /media/products/${P}/${F}/1280.webp 1280w`);
    expect(photoSrc(photo)).toBe(`/media/products/${P}/${F}/640.webp`);
    expect(photoSrc(photo, 2000)).toBe(`/media/products/${P}/${F}/1280.webp`);
    expect(photoSrc({ variants: [] })).toBeUndefined();
    expect(photoBox(photo, 640)).toEqual({ width: 640, height: 480 });
  });
  it("puts only data: image placeholders into the style attribute", () => {
    expect(placeholderStyle(photo)?.backgroundImage).toBe('url("data:image/webp;base64,AAAA")');
    expect(placeholderStyle({ placeholder: 'x"); background: url("https://evil.example/' })).toBeUndefined();
  });
  it("has a catalogue message for every refusal", () => {
    for (const code of ["empty", "tooLarge", "notImage", "heic", "tooManyPixels", "unreadable", "tooMany", "failed"] as const) {
      expect(isMessageKey(refusalKey(code)), code).toBe(true);
      expect(Boolean(refusalMessage({ code }).retry)).toBe(isRetryable(code));
    }
  });
});
