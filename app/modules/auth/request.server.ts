import { createCookie, data, redirect, type Cookie } from "@remix-run/node";
import { SESSION_TTL_MS, findSessionUser, type SessionUser } from "~/modules/auth/session.server";
import { UNKNOWN_IP } from "~/modules/auth/sign-in.server";
import { can, type Permission } from "~/modules/auth/permissions";
import { prisma } from "./db.server";
import { env, sessionSecret } from "./env.server";

export type { SessionUser };

let cookie: Cookie | undefined;

/** The signed `hm_session` cookie holding the raw session token (httpOnly, SameSite=Lax, Secure in production). */
export function sessionCookie(): Cookie {
  cookie ??= createCookie("hm_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    maxAge: SESSION_TTL_MS / 1000,
    secrets: [sessionSecret()],
  });
  return cookie;
}

/** The raw token from the request's signed cookie, or undefined when absent or tampered with. */
export async function readSessionToken(request: Request): Promise<string | undefined> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** Set-Cookie value that stores the token until it expires. */
export function commitSessionCookie(token: string, expiresAt: Date): Promise<string> {
  return sessionCookie().serialize(token, { expires: expiresAt, maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)) });
}

/** Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

// Root and route loaders of one request share the lookup.
const users = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user of the request, or null. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let user = users.get(request);
  if (!user) {
    user = (async () => {
      const token = await readSessionToken(request);
      return token ? findSessionUser(await prisma(), token) : null;
    })();
    users.set(request, user);
  }
  return user;
}

/** Only same-site paths may be redirect targets, so /login?redirectTo= cannot send people elsewhere. */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}

/** The path and query of a request, as a page URL (single-fetch `.data` suffixes removed). */
export function requestPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_routes");
  const pathname = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/") || "/";
  return `${pathname}${url.search}`;
}

/** The signed-in user; anyone else is sent to /login and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw redirect(`/login?${new URLSearchParams({ redirectTo: requestPath(request) })}`);
  return user;
}

/** Throws the 403 response that the root ErrorBoundary renders as "无权访问". */
export function forbidden(): never {
  throw data({ message: "forbidden" }, { status: 403 });
}

/** Throws a 404 response for a record that does not exist. */
export function notFound(): never {
  throw data({ message: "not found" }, { status: 404 });
}

/** The signed-in user holding the permission; signed out → /login, lacking it → 403. */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.permissions, permission)) forbidden();
  return user;
}

/**
 * The client's address for rate limiting: from the server's load context when the start script passes
 * one ({ clientIp }), else the first X-Forwarded-For hop, else UNKNOWN_IP (limited per phone only).
 */
export function clientIp(request: Request, context?: unknown): string {
  const fromContext = (context as { clientIp?: unknown } | undefined)?.clientIp;
  if (typeof fromContext === "string" && fromContext) return fromContext;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || UNKNOWN_IP;
}
