/**
 * Cache-Control for pages anyone may see (ADR 0007). The signed-out view of a public page may be kept by
 * shared caches for a short while and revalidated with its ETag; anything a signed-in user sees
 * (contract prices, cart, names) is private and never stored.
 */
import type { HeadersFunction } from "@remix-run/node";

/** Short enough that a price or stock change shows within a minute; long enough to absorb a burst. */
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=60";
export const PRIVATE_PAGE_CACHE_CONTROL = "private, no-store";

/** Headers for a public page's loader response: shared-cacheable signed out, private signed in. */
export function publicPageHeaders(signedIn: boolean): Record<string, string> {
  return { "Cache-Control": signedIn ? PRIVATE_PAGE_CACHE_CONTROL : PUBLIC_PAGE_CACHE_CONTROL, Vary: "Cookie" };
}

/** A route's `headers` export that sends its loader's caching headers (or an error's) with the document. */
export const loaderCacheHeaders: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const from = errorHeaders ?? loaderHeaders;
  const out = new Headers();
  for (const name of ["Cache-Control", "Vary"]) {
    const value = from.get(name);
    if (value) out.set(name, value);
  }
  return out;
};
