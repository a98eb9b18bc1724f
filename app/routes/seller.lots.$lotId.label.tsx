import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { contentDisposition } from "~/modules/lots/attachments";
import { composeLabel, parseCopies, traceUrl } from "~/modules/lots/label";
import { renderLabelPdf } from "~/modules/lots/label-pdf.server";
import { getOwnLot, labelLot } from "~/modules/lots/lots.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { parseLocale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { isUuid } from "~/utils/pagination";

/**
 * The printable QR label of one of the seller's lots as a PDF (resource route): 100 × 70 mm, or
 * `?copies=N` labels eight to an A4 sheet; `?lang=en|zh` picks the captions' language (default: the
 * seller's). The QR code holds the lot's public traceability URL on the origin this request reached.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  if (!isUuid(params.lotId)) notFound();
  const result = await getOwnLot(await prisma(), params.lotId, sellerOrganizationIds(user.memberships));
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  const url = new URL(request.url);
  const locale = parseLocale(url.searchParams.get("lang")) ?? (await resolveLocale(request, user.locale));
  const lot = result.value;
  const text = composeLabel(labelLot(lot, traceUrl(url.origin, lot.id)), locale);
  const pdf = await renderLabelPdf(text, { copies: parseCopies(url.searchParams.get("copies")), title: `${lot.product.nameZh} ${lot.code}`, code: lot.code });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": contentDisposition("inline", `label-${lot.code}.pdf`),
      // The lot may be edited; a label is always made from what is stored now.
      "Cache-Control": "private, no-store",
    },
  });
}
