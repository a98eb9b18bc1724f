import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentDisposition, buildXlsxTemplate, TEMPLATE_NAMES, XLSX_TYPE } from "~/modules/catalog/import/template.server";
import { requirePermission } from "~/modules/auth/request.server";

/** The XLSX import template (a resource route: the file itself, named in Chinese for the download). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:listing:own");
  const body = await buildXlsxTemplate();
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": attachmentDisposition(TEMPLATE_NAMES.xlsx.zh, TEMPLATE_NAMES.xlsx.ascii),
      "Content-Length": String(body.length),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
