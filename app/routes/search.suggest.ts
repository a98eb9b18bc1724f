import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod/mini";
import { requirePermissionIfSignedIn } from "~/modules/auth/request.server";
import { suggest } from "~/modules/search/suggest.server";
import { prisma } from "~/utils/db.server";
import { resolveLocale } from "~/utils/i18n/locale.server";

// Any text at all: the module cleans and cuts it; a missing or repeated q is just an empty list.
const SuggestParams = z.object({ q: z.catch(z.optional(z.string()), undefined) });

/**
 * GET /search/suggest?q= → `{ "suggestions": [{ id, label, secondary, href }] }` (at most 8), for the catalogue's
 * search box. Public like the catalogue: signed-out visitors get suggestions; a signed-in account needs read:catalog.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermissionIfSignedIn(request, "read:catalog");
  const { q } = SuggestParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = await resolveLocale(request, user?.locale);
  const suggestions = await suggest(await prisma(), q, locale);
  // Labels follow the locale cookie, so a shared cache must not mix languages: private, briefly.
  return Response.json({ suggestions }, { headers: { "Cache-Control": "private, max-age=60", Vary: "Cookie" } });
}
