/** The ProductPhoto columns pages need, and the row → PhotoView mapping (shared by the photos module and the catalogue). */
import type { Prisma } from "~/generated/prisma/client";
import { parseStoredVariants } from "./plan";
import type { PhotoView } from "./urls";

/** Explicit select of a photo row for display. */
export const PHOTO_SELECT = { id: true, position: true, width: true, height: true, placeholder: true, variants: true } satisfies Prisma.ProductPhotoSelect;

/** Photos in display order: the cover (position 0) first. */
export const PHOTO_ORDER = [{ position: "asc" }, { createdAt: "asc" }] satisfies Prisma.ProductPhotoOrderByWithRelationInput[];

/** A selected row as pages get it. */
export function toPhotoView(row: { id: string; position: number; width: number; height: number; placeholder: string; variants: unknown }): PhotoView {
  return { id: row.id, position: row.position, width: row.width, height: row.height, placeholder: row.placeholder, variants: parseStoredVariants(row.variants) };
}
