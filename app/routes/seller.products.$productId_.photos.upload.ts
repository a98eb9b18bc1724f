import type { ActionFunctionArgs } from "@remix-run/node";
import { refusalMessage, type UploadAnswer } from "~/modules/images/messages";
import { maxUploadBytes } from "~/modules/images/plan";
import { receivePhotos } from "~/modules/images/upload.server";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { isUuid } from "~/utils/pagination";

const json = (answer: UploadAnswer, status: number) => Response.json(answer, { status, headers: { "Cache-Control": "no-store" } });

/** Only POST: the photos page's uploader sends files here one at a time (XMLHttpRequest, for its progress bar). */
export function loader(): never {
  throw new Response(null, { status: 405, headers: { Allow: "POST" } });
}

/**
 * One upload from the photos page's script, answered as JSON ({ files: [{ name, ok, photoId | error }] }):
 * 200 when a photo was added, 400/413 with the message when refused. The page itself handles plain forms.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  if (!isUuid(params.productId)) notFound();
  const result = await receivePhotos(request, {
    db: await prisma(),
    storage: getStorage(),
    productId: params.productId,
    orgIds: sellerOrganizationIds(user.memberships),
    maxBytes: maxUploadBytes(env().MAX_UPLOAD_MB),
  });
  switch (result.kind) {
    case "not_found":
      return notFound();
    case "forbidden":
      return forbidden();
    case "tooLarge":
      return json({ files: [], error: { key: "photos.error.requestTooLarge", params: { limit: result.limit } } }, 413);
    case "bad":
      return json({ files: [], error: { key: "photos.error.badRequest" } }, 400);
    case "noFile":
      return json({ files: [], error: { key: "photos.error.noFile" } }, 400);
    case "done": {
      const files = result.files.map((f) => (f.ok ? { name: f.name, ok: true, photoId: f.photo.id } : { name: f.name, ok: false, error: refusalMessage(f.refusal) }));
      const anyAdded = files.some((f) => f.ok);
      const retryable = files.every((f) => f.ok || f.error?.retry);
      return json({ files }, anyAdded ? 200 : retryable ? 503 : 400);
    }
  }
}
