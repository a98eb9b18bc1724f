/** The methods the app answers; anything else (TRACE, CONNECT, PROPFIND …) gets 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** True when the method is one the app answers. */
export function isAllowedMethod(method: string): boolean {
  return (ALLOWED_METHODS as readonly string[]).includes(method.toUpperCase());
}

/**
 * True when the request target's path decodes cleanly: every percent-escape complete, valid UTF-8,
 * and no control character (NUL, newline …) hidden behind an escape. `GET /%` or `/%C0` is a bad
 * request, not a server error.
 */
export function isDecodablePath(rawUrl: string): boolean {
  const q = rawUrl.indexOf("?");
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  return !/[\u0000-\u001f\u007f]/.test(decoded);
}

/** True when the query string's escapes are complete and valid UTF-8 (values are checked again at the form boundary). */
export function isDecodableQuery(rawUrl: string): boolean {
  const q = rawUrl.indexOf("?");
  if (q === -1) return true;
  try {
    decodeURIComponent(rawUrl.slice(q + 1).replace(/\+/g, " "));
    return true;
  } catch {
    return false;
  }
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Page actions read forms; a body of any other type (JSON, XML …) gets 415 instead of a crash
 * in formData(). API routes (/api/…) take JSON. A body-less request needs no type.
 */
export function acceptsContentType(input: { method: string; path: string; contentType?: string | null; hasBody: boolean }): boolean {
  const method = input.method.toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  if (!input.hasBody && !input.contentType) return true;
  const type = (input.contentType ?? "").split(";")[0].trim().toLowerCase();
  if (input.path.startsWith("/api/")) return type === "application/json";
  return FORM_TYPES.includes(type);
}
