import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  forbidden,
  notFound,
  requirePermission,
} from "~/modules/auth/request.server";
import { contentDisposition } from "~/modules/lots/attachments";
import { operationsScope } from "~/modules/operations/overview.server";
import {
  loadManifest,
  renderManifestPdf,
} from "~/modules/trunk/manifest-pdf.server";
import { prisma } from "~/utils/db.server";
import { parseLocale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";

/**
 * The printable manifest of one trunk run (resource route), `?lang=en|zh` (default: the reader's language). A
 * malformed or unknown id is 404, another operator's run 403.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:trunk:warehouse");
  const url = new URL(request.url);
  const locale =
    parseLocale(url.searchParams.get("lang")) ??
    (await resolveLocale(request, user.locale));
  const found = await loadManifest(
    await prisma(),
    operationsScope(user),
    params.departureId ?? "",
    locale
  );
  if (found.kind === "not_found") notFound();
  if (found.kind === "forbidden") forbidden();
  const pdf = await renderManifestPdf(
    found.manifest,
    translator(locale),
    locale,
    new Date()
  );
  const plate =
    found.manifest.vehiclePlate.replace(/[^\w-]+/g, "") ||
    found.manifest.id.slice(0, 8);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": contentDisposition(
        "inline",
        `trunk-manifest-${plate}.pdf`
      ),
      // Loads change until the run leaves: always made from what is stored now.
      "Cache-Control": "private, no-store",
    },
  });
}
