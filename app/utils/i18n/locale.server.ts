import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, parseLocale, type Locale } from "./locale";

/** Remembers the chosen language for a year; not signed because it carries no authority. */
export const localeCookie = createCookie("hm_locale", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The locale stored in the request's hm_locale cookie, if any. */
export async function cookieLocale(request: Request): Promise<Locale | undefined> {
  return parseLocale(await localeCookie.parse(request.headers.get("Cookie")));
}

/**
 * The locale for a request: an explicit choice in the cookie wins (it is what this browser last picked),
 * then the signed-in user's saved preference, then Simplified Chinese.
 */
export async function resolveLocale(request: Request, userLocale?: Locale): Promise<Locale> {
  return (await cookieLocale(request)) ?? userLocale ?? DEFAULT_LOCALE;
}

/** A Set-Cookie header value remembering the locale. */
export function serializeLocale(locale: Locale): Promise<string> {
  return localeCookie.serialize(locale);
}
