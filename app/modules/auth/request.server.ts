import { createCookie, data, redirect, type Cookie } from "@remix-run/node";
import { createSession, deleteSession, findSessionUser, SESSION_POLICY, type SessionUser } from "./session.server";
import { UNKNOWN_IP } from "./sign-in.server";
import { can, type Permission } from "./permissions";
export { safeRedirect } from "./redirect";
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { env, sessionSecret, type Env } from "~/utils/env.server";

export type { SessionUser };

let cookie: Cookie | undefined;

/**
 * The signed `hm_session` cookie holding the raw session token (httpOnly, SameSite=Lax). Its Secure flag is
 * decided per response from the request (cookieSecure), so it is not fixed here.
 */
export function sessionCookie(): Cookie {
  cookie ??= createCookie("hm_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    maxAge: SESSION_POLICY.absoluteMs / 1000,
    secrets: [sessionSecret()],
  });
  return cookie;
}

/**
 * Whether the session cookie is Secure under COOKIE_SECURE: "true" always, "false" never (plain-HTTP
 * intranet), "auto" when the request came over HTTPS. The server derives the request's protocol from
 * X-Forwarded-Proto only for proxies trusted by TRUST_PROXY, so a client cannot turn it off.
 */
export function cookieSecure(request: Request, mode: Env["COOKIE_SECURE"] = env().COOKIE_SECURE): boolean {
  if (mode === "true") return true;
  if (mode === "false") return false;
  return new URL(request.url).protocol === "https:";
}

/** The raw token from the request's signed cookie, or undefined when absent or tampered with. */
export async function readSessionToken(request: Request): Promise<string | undefined> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * Set-Cookie value that stores the token until the session's absolute end. The idle timeout is enforced on
 * the server only (ADR 0003), so the cookie is written once at sign-in and never re-issued by loaders.
 */
export function commitSessionCookie(request: Request, token: string, expiresAt: Date, now: Date = new Date()): Promise<string> {
  return sessionCookie().serialize(token, {
    expires: expiresAt,
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
    secure: cookieSecure(request),
  });
}

/** Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(request: Request): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0), secure: cookieSecure(request) });
}

/**
 * Starts a session for a user who just signed in or registered, ending the one this browser held before
 * (perhaps someone else's); returns the new token and the Set-Cookie value for the response.
 */
export async function startBrowserSession(
  request: Request,
  db: PrismaClient,
  userId: string,
  now: Date = new Date(),
): Promise<{ token: string; setCookie: string }> {
  const previous = await readSessionToken(request);
  if (previous) await deleteSession(db, previous);
  const session = await createSession(db, userId, now);
  return { token: session.token, setCookie: await commitSessionCookie(request, session.token, session.expiresAt, now) };
}

// Root and route loaders of one request share the lookup.
const users = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user of the request, or null; looking it up renews a live session's last_seen_at (at most every few minutes). */
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
 * For public pages (catalogue, product, seller storefront): anyone signed out may look; a signed-in user must hold the
 * permission (403 otherwise). Returns the user or null.
 */
export async function requirePermissionIfSignedIn(request: Request, permission: Permission): Promise<SessionUser | null> {
  const user = await getUser(request);
  if (user && !can(user.permissions, permission)) forbidden();
  return user;
}

/**
 * The client's address for rate limiting, as the server's load context reports it ({ clientIp }).
 * Headers are never read here: the server honours X-Forwarded-For only from the proxies named in
 * TRUST_PROXY, so a client cannot choose its own address. Without a context: UNKNOWN_IP.
 */
export function clientIp(_request: Request, context?: unknown): string {
  const fromContext = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof fromContext === "string" && fromContext ? fromContext : UNKNOWN_IP;
}
