import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/auth/request.server";
import { contentDisposition } from "~/modules/lots/attachments";
import { getPublicAttachment } from "~/modules/lots/lots.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { isUuid } from "~/utils/pagination";

/**
 * One document of a lot, public like its traceability page (resource route). Only PDFs and images
 * sniffed at upload are ever stored, and they are served with that type, nosniff and a cleaned file
 * name; `?download=1` asks the browser to save it instead of showing it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isUuid(params.lotId) || !isUuid(params.attachmentId)) notFound();
  const file = await getPublicAttachment(await prisma(), getStorage(), params.lotId, params.attachmentId);
  if (!file) notFound();
  const download = new URL(request.url).searchParams.get("download") === "1";
  return new Response(new Uint8Array(file.body.buffer as ArrayBuffer, file.body.byteOffset, file.body.byteLength), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.body.length),
      "Content-Disposition": contentDisposition(download ? "attachment" : "inline", file.fileName),
      "X-Content-Type-Options": "nosniff",
      // Documents can be deleted by the seller: cache briefly, not for good.
      "Cache-Control": "public, max-age=300",
    },
  });
}
