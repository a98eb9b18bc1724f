import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { deleteSession } from "~/modules/auth/session.server";
import { clearSessionCookie, readSessionToken } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

/** Sign-out is POST only, so a link or prefetch can never end a session. */
export async function loader() {
  return redirect("/");
}

/** Public: deletes the session row and the cookie, whoever asks (a stale cookie is simply cleared). */
export async function action({ request }: ActionFunctionArgs) {
  const token = await readSessionToken(request);
  if (token) await deleteSession(await prisma(), token);
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
