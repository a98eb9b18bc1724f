/** What the HTTP boundary (app/server/http.server.ts) hands every loader and action as Remix's load context. */
export interface RequestContext {
  /** The client's address: the socket's, or X-Forwarded-For's from a proxy trusted by TRUST_PROXY. */
  clientIp?: string;
  /** This response's CSP nonce, for Remix's inline scripts. */
  cspNonce?: string;
  /** Shown on error pages and written to every log line of the request. */
  requestId?: string;
}

/** The load context as a RequestContext (tests and the dev server may pass none). */
export function requestContext(context: unknown): RequestContext {
  return context && typeof context === "object" ? (context as RequestContext) : {};
}
