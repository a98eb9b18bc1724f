import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/modules/auth/permissions";
import { notFound, requireUser } from "~/modules/auth/request.server";
import { photoKeyForViewer } from "~/modules/delivery/proof.server";
import { buyerOrganizationIds } from "~/modules/orders/delivery-points.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";

/**
 * The photo a driver took at a hand-over, for the people who may see the order it belongs to (its buyer's and
 * sellers' members, operators and admins reading any order, the stop's driver); 404 for everyone else alike.
 * Private: it may show people and premises, so no shared cache keeps it. Resource route (no page).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const key = await photoKeyForViewer(await prisma(), params.stopId ?? "", {
    userId: user.id,
    readsAnyOrder: can(user.permissions, "read:order:any"),
    buyerOrgIds: can(user.permissions, "read:order:own") ? buyerOrganizationIds(user.memberships) : [],
    sellerOrgIds: can(user.permissions, "read:seller-order:own") ? sellerOrganizationIds(user.memberships) : [],
  });
  if (!key) notFound();
  const object = await getStorage().get(key);
  if (!object) notFound();
  return new Response(new Uint8Array(object.body), {
    status: 200,
    headers: {
      "Content-Type": object.contentType.startsWith("image/") ? object.contentType : "image/webp",
      "Content-Length": String(object.body.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
