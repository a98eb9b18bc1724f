import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { deleteSession, deleteUserSessions } from "~/modules/auth/session.server";
import { clearSessionCookie, getUser, readSessionToken } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formValues } from "~/utils/forms";
import { logger } from "~/utils/logger.server";

/** Sign-out is POST only, so a link or prefetch can never end a session. */
export async function loader() {
  return redirect("/");
}

/**
 * Public: deletes this browser's session row and cookie, whoever asks (a stale cookie is simply cleared).
 * With `scope=all` ("sign out everywhere") every session of the signed-in user ends, on all devices;
 * only a live session can ask for that, so a stale or stolen-and-expired cookie cannot.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { scope } = formValues(await request.formData());
  const db = await prisma();
  const token = await readSessionToken(request);
  if (scope === "all") {
    const user = await getUser(request);
    if (user) logger.info({ userId: user.id, sessions: await deleteUserSessions(db, user.id) }, "signed out everywhere");
  }
  if (token) await deleteSession(db, token);
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
}
