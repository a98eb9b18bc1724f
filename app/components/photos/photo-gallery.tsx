import { GALLERY_SIZES, type PhotoView } from "~/modules/images/urls";
import type { T } from "~/utils/i18n/translate";
import { PhotoImage } from "./photo-image";

/**
 * All of a product's photos, cover first: a strip that swipes sideways on a phone (CSS scroll snap, no
 * script needed), with numbered thumbnails that jump to each photo. Every image has the full `srcset`.
 */
export function PhotoGallery({ photos, name, t }: { photos: readonly PhotoView[]; name: string; t: T }) {
  if (photos.length === 0) return null;
  return (
    <section aria-label={t("photos.gallery")} className="space-y-2">
      <ul className="flex snap-x snap-mandatory gap-2 overflow-x-auto rounded-xl">
        {photos.map((photo, i) => (
          <li key={photo.id} id={`gallery-photo-${i + 1}`} className="w-full shrink-0 snap-center">
            <PhotoImage
              photo={photo}
              alt={t("photos.alt", { name, n: i + 1 })}
              sizes={GALLERY_SIZES}
              boxWidth={1280}
              fallbackWidth={640}
              loading={i === 0 ? "eager" : "lazy"}
              className="aspect-[4/3] h-auto w-full rounded-xl bg-stone-100 object-cover"
            />
          </li>
        ))}
      </ul>
      {photos.length > 1 ? (
        <ol className="flex gap-2 overflow-x-auto pb-1">
          {photos.map((photo, i) => (
            <li key={photo.id} className="shrink-0">
              <a href={`#gallery-photo-${i + 1}`} aria-label={t("photos.showPhoto", { n: i + 1 })} className="block min-h-11 overflow-hidden rounded-lg border border-stone-200 hover:border-brand-500">
                <PhotoImage photo={photo} alt="" sizes="80px" boxWidth={80} fallbackWidth={320} className="aspect-[4/3] h-auto w-20 bg-stone-100 object-cover" />
              </a>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
