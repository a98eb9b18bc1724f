import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requirePermission } from "~/modules/auth/request.server";
import { loadSheetFileName } from "~/modules/delivery/load-sheet";
import { renderLoadSheetPdf } from "~/modules/delivery/load-sheet-pdf.server";
import { loadRouteLoadSheet } from "~/modules/delivery/load-sheet.server";
import { contentDisposition } from "~/modules/lots/attachments";
import { operationsScope } from "~/modules/operations/overview.server";
import { prisma } from "~/utils/db.server";
import { isUuid } from "~/utils/pagination";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";

/**
 * The printable load sheet of one route of a plan (resource route; Chinese with English subtitles for the
 * warehouse floor). Malformed ids are a 400 with a sentence; a route of another plan, of a warehouse the
 * operator does not run, or of none, is a 404 (its existence is not confirmed).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:plan:warehouse");
  if (!isUuid(params.planId) || !isUuid(params.routeId)) {
    const t = translator(await resolveLocale(request, user.locale));
    return new Response(t("routeMap.sheet.badId"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  }
  const found = await loadRouteLoadSheet(await prisma(), params.planId, params.routeId, operationsScope(user));
  if (!found) notFound();
  const pdf = await renderLoadSheetPdf(found, new Date());
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": contentDisposition("inline", loadSheetFileName(found.plan.serviceDate, found.route.plate)),
      // Orders and stops change until the van leaves: always made from what is stored now.
      "Cache-Control": "private, no-store",
    },
  });
}
