import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/modules/auth/permissions";
import { forbidden, notFound, requireUser } from "~/modules/auth/request.server";
import { ORG_FILE_TYPES, isOrgFileType } from "~/modules/sellers/files";
import { findOrganizationFile } from "~/modules/sellers/files.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { isUuid } from "~/utils/pagination";

/**
 * An organization's private file (licence image or scan, profile photo), for the organization's own members
 * and for administrators (manage:organizations) only; anyone else signed in gets 403. Never cached by the
 * browser or a proxy: licences carry personal data. Resource route (no page).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isUuid(params.fileId)) notFound();
  const file = await findOrganizationFile(await prisma(), params.fileId);
  if (!file) notFound();
  // Memberships of suspended organizations are not on the session user, so their members lose access too.
  const member = user.memberships.some((m) => m.organizationId === file.organizationId);
  if (!member && !can(user.permissions, "manage:organizations")) forbidden();
  const object = await getStorage().get(file.storageKey);
  if (!object) notFound();
  const type = isOrgFileType(file.contentType) ? file.contentType : "application/octet-stream";
  const ext = isOrgFileType(file.contentType) ? ORG_FILE_TYPES[file.contentType] : "bin";
  return new Response(new Uint8Array(object.body), {
    status: 200,
    headers: {
      "Content-Type": type,
      "Content-Length": String(object.body.byteLength),
      "Content-Disposition": `inline; filename="${file.kind}-${file.id}.${ext}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
