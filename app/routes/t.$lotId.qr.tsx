import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/auth/request.server";
import { traceUrl } from "~/modules/lots/label";
import { getPublicLot } from "~/modules/lots/lots.server";
import { qrSvg } from "~/modules/lots/qr.server";
import { prisma } from "~/utils/db.server";
import { isUuid } from "~/utils/pagination";

/** The QR code of a lot's traceability URL as SVG, for screens (resource route); public like the page it leads to. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isUuid(params.lotId)) notFound();
  const lot = await getPublicLot(await prisma(), params.lotId);
  if (!lot) notFound();
  const svg = await qrSvg(traceUrl(new URL(request.url).origin, lot.id));
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=86400",
    },
  });
}
