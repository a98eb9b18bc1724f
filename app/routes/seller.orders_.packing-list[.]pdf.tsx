import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/request.server";
import { contentDisposition } from "~/modules/lots/attachments";
import { isDay } from "~/modules/lots/rules";
import { loadPackingList, renderPackingListPdf } from "~/modules/orders/packing-list.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { parseLocale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";

/**
 * The seller's printable packing list for one delivery day (resource route): `?date=YYYY-MM-DD` (Beijing),
 * `?lang=en|zh` (default: the seller's language). A missing or impossible date is a 400 with a plain sentence.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:seller-order:own");
  const url = new URL(request.url);
  const locale = parseLocale(url.searchParams.get("lang")) ?? (await resolveLocale(request, user.locale));
  const t = translator(locale);
  const date = (url.searchParams.get("date") ?? "").trim();
  if (!isDay(date)) return new Response(t("fulfilment.pdf.badDate"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  const list = await loadPackingList(await prisma(), sellerOrganizationIds(user.memberships), date, locale);
  const pdf = await renderPackingListPdf(list, t, locale, new Date());
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": contentDisposition("inline", `packing-list-${date}.pdf`),
      // Orders change all day: always made from what is stored now.
      "Cache-Control": "private, no-store",
    },
  });
}
