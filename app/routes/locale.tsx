import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser, safeRedirect } from "~/modules/auth/request.server";
import { saveUserLocale } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { parseLocale } from "~/utils/i18n/locale";
import { serializeLocale } from "~/utils/i18n/locale.server";

/** Only the form POST switches language. */
export async function loader() {
  return redirect("/");
}

/** Public: remembers the language in the cookie and, for a signed-in user, on the account. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = parseLocale(form.get("locale"));
  const back = safeRedirect(form.get("redirectTo"), "/", new URL(request.url).origin);
  if (!locale) return redirect(back);
  const user = await getUser(request);
  if (user && user.locale !== locale) {
    await saveUserLocale(await prisma(), user.id, locale);
  }
  return redirect(back, { headers: { "Set-Cookie": await serializeLocale(locale) } });
}
