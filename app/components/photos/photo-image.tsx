import type { ImgHTMLAttributes } from "react";
import { photoBox, photoSrc, photoSrcSet, placeholderStyle, type PhotoView } from "~/modules/images/urls";

type Photo = Pick<PhotoView, "width" | "height" | "placeholder" | "variants">;

interface PhotoImageProps extends Omit<ImgHTMLAttributes<HTMLImageElement>, "src" | "srcSet" | "width" | "height" | "style"> {
  photo: Photo;
  alt: string;
  /** The `sizes` attribute: how wide the image is shown. */
  sizes: string;
  /** The width the `width`/`height` attributes describe (the box the browser reserves). */
  boxWidth?: number;
  /** The `src` fallback's least width. */
  fallbackWidth?: number;
}

/**
 * A stored product photo: every WebP variant in `srcset`, intrinsic `width`/`height` so the page does not
 * jump, lazy by default, with the blur placeholder as its background until the image arrives.
 */
export function PhotoImage({ photo, alt, sizes, boxWidth = 640, fallbackWidth = 640, loading = "lazy", decoding = "async", ...rest }: PhotoImageProps) {
  const box = photoBox(photo, boxWidth);
  return (
    <img
      src={photoSrc(photo, fallbackWidth)}
      srcSet={photoSrcSet(photo)}
      sizes={sizes}
      width={box.width}
      height={box.height}
      alt={alt}
      loading={loading}
      decoding={decoding}
      style={placeholderStyle(photo)}
      {...rest}
    />
  );
}
