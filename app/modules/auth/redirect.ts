// Control characters (tab, newline, NUL, DEL …) are never part of a path we send people to: browsers
// strip some of them while parsing, which is how "/\t/evil.example" became a foreign host.
const CONTROL = /[\u0000-\u001f\u007f]/;

function hasControlCharacters(value: string): boolean {
  if (CONTROL.test(value)) return true;
  // Encoded and double-encoded forms (%09, %2509) count too: a later decode must not reveal one.
  let decoded = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return true;
    }
    if (next === decoded) return false;
    if (CONTROL.test(next)) return true;
    decoded = next;
  }
  return false;
}

/**
 * A redirect target that stays on this site: `target` is resolved with the URL parser against the
 * request's origin and kept only when it is a path (starting with "/") of that same origin without
 * control characters; anything else yields `fallback` (usually the role home). Returns path, query and hash.
 */
export function safeRedirect(target: unknown, fallback = "/", origin = "http://localhost"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.length > 2048) return fallback;
  if (hasControlCharacters(target)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const local = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to the path "//evil.example", which a browser reads as a host.
  if (local.startsWith("//") || local.startsWith("/\\")) return fallback;
  return local;
}
