import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentDisposition, buildCsvTemplate, CSV_TYPE, TEMPLATE_NAMES } from "~/modules/catalog/import/template.server";
import { requirePermission } from "~/modules/auth/request.server";

/** The CSV import template: UTF-8 with a BOM so Excel shows the Chinese headers. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:listing:own");
  const body = buildCsvTemplate();
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": CSV_TYPE,
      "Content-Disposition": attachmentDisposition(TEMPLATE_NAMES.csv.zh, TEMPLATE_NAMES.csv.ascii),
      "Content-Length": String(body.length),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
