/** Methods that never change anything and so need no cross-site check. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What the same-origin check is given: the request's method and headers, and this site's own origin. */
export interface OriginCheckInput {
  method: string;
  /** The site's origin as the server sees it, e.g. "https://huming.example" (protocol and host, port when not default). */
  expectedOrigin: string;
  origin?: string | null;
  referer?: string | null;
  secFetchSite?: string | null;
  authorization?: string | null;
  cookie?: string | null;
}

export type OriginVerdict =
  | { allowed: true; via: "safe-method" | "origin" | "referer" | "bearer-token" }
  | { allowed: false; reason: "cross-site" | "no-origin" };

function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.origin === "null" ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/**
 * Cross-site request defence for every non-GET request. A browser always sends Origin on a
 * cross-origin POST, so a request is accepted when its Origin (or, when Origin is absent, its
 * Referer) is this site's origin. Requests authenticated by a Bearer key and carrying no cookie are
 * exempt by design: a browser never adds such a header on its own, so they cannot be forged
 * cross-site (ADR 0004).
 */
export function checkSameOrigin(input: OriginCheckInput): OriginVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { allowed: true, via: "safe-method" };
  const bearer = /^Bearer\s+\S+/i.test(input.authorization ?? "");
  if (bearer && !input.cookie) return { allowed: true, via: "bearer-token" };
  const expected = originOf(input.expectedOrigin);
  if (input.secFetchSite && input.secFetchSite !== "same-origin" && input.secFetchSite !== "none") return { allowed: false, reason: "cross-site" };
  if (input.origin) {
    return expected !== undefined && originOf(input.origin) === expected ? { allowed: true, via: "origin" } : { allowed: false, reason: "cross-site" };
  }
  if (input.referer) {
    return expected !== undefined && originOf(input.referer) === expected ? { allowed: true, via: "referer" } : { allowed: false, reason: "cross-site" };
  }
  return { allowed: false, reason: "no-origin" };
}
