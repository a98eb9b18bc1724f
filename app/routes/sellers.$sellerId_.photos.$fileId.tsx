import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublicProfilePhoto } from "~/modules/catalog/storefront.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { isUuid } from "~/utils/pagination";

function notFoundResponse(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * A seller's public profile photo (a file it uploaded as 机构照片, never a licence), for anyone, signed in or
 * not: it is shown on the public storefront and product pages. Served as a re-encoded WebP without the
 * original's metadata. Cached for a day only, so a photo the seller deletes, or a seller the platform
 * suspends, drops out of caches soon. Resource route (no page).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isUuid(params.sellerId) || !isUuid(params.fileId)) return notFoundResponse();
  const body = await getPublicProfilePhoto(await prisma(), getStorage(), params.sellerId, params.fileId);
  if (!body) return notFoundResponse();
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = new Headers({ "Content-Type": "image/webp", "Cache-Control": "public, max-age=86400", ETag: etag, "X-Content-Type-Options": "nosniff" });
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
  headers.set("Content-Length", String(body.byteLength));
  return new Response(new Uint8Array(body), { status: 200, headers });
}
