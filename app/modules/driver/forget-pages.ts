/**
 * The driver app keeps its pages (route, stops: addresses, receivers' names and phones) in Cache Storage so
 * they open offline. On a phone shared between shifts those copies must not outlive the session: once nobody
 * is signed in, the page caches go. Built assets stay (nothing personal), and the IndexedDB queue of unsent
 * actions stays too — it is proof of delivery that must still reach the server.
 */
export const DRIVER_PAGE_CACHE_PREFIX = "huming-driver-pages-";

/** Deletes the driver app's cached pages in this browser; a no-op where Cache Storage does not exist. */
export async function forgetDriverPages(storage: Pick<CacheStorage, "keys" | "delete"> | undefined = globalThis.caches): Promise<number> {
  if (!storage) return 0;
  const names = (await storage.keys()).filter((name) => name.startsWith(DRIVER_PAGE_CACHE_PREFIX));
  await Promise.all(names.map((name) => storage.delete(name)));
  return names.length;
}
