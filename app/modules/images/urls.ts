/**
 * How pages show a stored product photo: its public URLs, `srcset` and `sizes`. Pure, so components on
 * the client use it too. Variants are served by app/routes/media.$.tsx.
 */

/** A product photo as loaders send it to pages. */
export interface PhotoView {
  id: string;
  position: number;
  /** The original's size after EXIF rotation (for the aspect ratio). */
  width: number;
  height: number;
  /** data:image/webp;base64,… (16 px wide). */
  placeholder: string;
  /** Stored variants, smallest first. */
  variants: { width: number; key: string; bytes: number }[];
}

/** The public URL of a stored variant key. */
export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

/** `srcset` listing every variant by width: "/media/…/320.webp 320w, /media/…/640.webp 640w". */
export function photoSrcSet(photo: Pick<PhotoView, "variants">): string {
  return photo.variants.map((v) => `${mediaUrl(v.key)} ${v.width}w`).join(", ");
}

/** The `src` fallback: the smallest variant at least `atLeast` px wide, else the largest. */
export function photoSrc(photo: Pick<PhotoView, "variants">, atLeast = 640): string | undefined {
  const pick = photo.variants.find((v) => v.width >= atLeast) ?? photo.variants[photo.variants.length - 1];
  return pick ? mediaUrl(pick.key) : undefined;
}

/** `width`/`height` attributes for an image shown `width` px wide (the browser reserves the space before it loads). */
export function photoBox(photo: Pick<PhotoView, "width" | "height">, width: number): { width: number; height: number } {
  return { width, height: Math.max(1, Math.round((width * photo.height) / photo.width)) };
}

/** The inline style showing the blur placeholder behind an image until it loads (inline styles pass the CSP; <style> does not). */
export function placeholderStyle(photo: Pick<PhotoView, "placeholder">): { backgroundImage: string; backgroundSize: string; backgroundPosition: string } | undefined {
  if (!photo.placeholder.startsWith("data:image/")) return undefined;
  return { backgroundImage: `url("${photo.placeholder}")`, backgroundSize: "cover", backgroundPosition: "center" };
}

/** `sizes` of the catalogue card image: full width on a phone, half on a tablet, a third on a desktop. */
export const CARD_SIZES = "(min-width: 1024px) 33vw, (min-width: 640px) 50vw, 100vw";
/** `sizes` of the product page's main photo (the page is at most 64rem wide). */
export const GALLERY_SIZES = "(min-width: 1024px) 1024px, 100vw";
/** `sizes` of a thumbnail in a grid of two to four columns. */
export const THUMB_SIZES = "(min-width: 640px) 25vw, 50vw";
