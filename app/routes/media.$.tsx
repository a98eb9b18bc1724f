import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isKeyReferenced } from "~/modules/images/photos.server";
import { parseVariantKey } from "~/modules/images/plan";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";

/** A variant's bytes never change under its key (a new photo gets a new id), so browsers and proxies may keep it for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

function notFoundResponse(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * Public product photo variants: /media/products/<productId>/<photoId>/<width>.webp. Only keys of that
 * form, and only while a photo row refers to them (a deleted photo is 404 even if its file lingers).
 * Public without sign-in: the ids are random UUIDs, and buyers' shared links and caches need no session.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const key = params["*"] ?? "";
  if (!parseVariantKey(key)) return notFoundResponse();
  if (!(await isKeyReferenced(await prisma(), key))) return notFoundResponse();
  const object = await getStorage().get(key);
  if (!object) return notFoundResponse();
  const etag = `"${createHash("sha256").update(object.body).digest("base64url").slice(0, 27)}"`;
  const headers = new Headers({
    "Content-Type": object.contentType.startsWith("image/") ? object.contentType : "image/webp",
    "Cache-Control": IMMUTABLE,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  });
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(object.byteSize));
  return new Response(new Uint8Array(object.body), { status: 200, headers });
}
