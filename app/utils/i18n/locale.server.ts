import { DEFAULT_LOCALE, parseLocale, type Locale } from "./locale";

const COOKIE = "hm_locale";
const ONE_YEAR_S = 60 * 60 * 24 * 365;

// A plain `hm_locale=zh|en` value (not Remix's base64-JSON cookie encoding) so tests, proxies and
// people reading devtools can set or see it directly. It carries no authority, so it is not signed.

/** The locale stored in the request's hm_locale cookie, if any. */
export async function cookieLocale(request: Request): Promise<Locale | undefined> {
  const header = request.headers.get("Cookie") ?? "";
  const match = header.match(/(?:^|;\s*)hm_locale=([^;]*)/);
  // The raw value, not decodeURIComponent: a malformed escape in a cookie must not fail the request.
  return match ? parseLocale(match[1].trim()) : undefined;
}

/**
 * The locale for a request: an explicit choice in the cookie wins (it is what this browser last picked),
 * then the signed-in user's saved preference, then Simplified Chinese.
 */
export async function resolveLocale(request: Request, userLocale?: Locale): Promise<Locale> {
  return (await cookieLocale(request)) ?? userLocale ?? DEFAULT_LOCALE;
}

/** A Set-Cookie header value remembering the locale for a year. */
export async function serializeLocale(locale: Locale): Promise<string> {
  return `${COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax; HttpOnly`;
}
