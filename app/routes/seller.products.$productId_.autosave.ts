import type { ActionFunctionArgs } from "@remix-run/node";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { readListing } from "~/modules/catalog/listing-schema";
import { saveListing } from "~/modules/catalog/listing.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formValues } from "~/utils/forms";
import { logger } from "~/utils/logger.server";
import { isUuid } from "~/utils/pagination";

/** Nothing to show: this address only takes the editor's autosaves. */
export function loader(): never {
  throw Response.json({ ok: false, reason: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
}

/**
 * Autosave of a draft from the editor (a form body, answered with JSON): stores the parts of the form that
 * validate and keeps the stored values of the rest, so what is stored is never invalid. Listings on sale or
 * paused are not autosaved (409): buyers see their changes only when the seller presses save.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  if (!isUuid(params.productId)) notFound();
  const values = formValues(await request.formData());
  const { data: listing, errors } = readListing(values);
  const result = await saveListing(await prisma(), params.productId, sellerOrganizationIds(user.memberships), listing, "autosave");
  switch (result.kind) {
    case "not_found":
      notFound();
    case "forbidden":
      forbidden();
    case "not_draft":
      return Response.json({ ok: false, reason: "not_draft" }, { status: 409 });
    case "invalid":
      return Response.json({ ok: false, reason: "invalid", errors: result.errors }, { status: 400 });
    case "ok":
      logger.debug({ productId: params.productId, userId: user.id, skipped: Object.keys(errors).length }, "listing draft autosaved");
      return Response.json({ ok: true, updatedAt: result.updatedAt.toISOString(), packIds: result.packIds, errors });
  }
}
