/** Only the Retry-After of a route's action headers, for its `headers` export (nothing else should leak into the document). */
export function retryAfterOnly(actionHeaders: Headers): Headers {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}
