/*
 * The driver app's service worker (registered by the driver pages with scope /driver; hand-written, no
 * build step). Pages and their data are network-first with the last good copy as the fallback, so a
 * driver in a basement car park still sees the route and the stop; built assets (/assets/*, hashed
 * names) are cache-first. Actions are not this worker's business: the page keeps them in IndexedDB and
 * sends them itself (app/modules/driver/queue.client.ts), so POSTs pass straight through.
 */
const VERSION = "v1";
const PAGES = `huming-driver-pages-${VERSION}`;
const ASSETS = `huming-driver-assets-${VERSION}`;
const OFFLINE_HTML =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>当前离线 · 沪明直供</title></head>' +
  '<body style="font-family:system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#1c1917">' +
  "<h1>当前离线</h1><p>此页面尚未缓存。请返回今日路线，联网后再打开。</p>" +
  '<p lang="en" style="color:#78716c">You are offline and this page is not cached yet. Go back to today\'s route.</p>' +
  '<p><a href="/driver" style="font-size:1.25rem">返回今日路线 · Today\'s route</a></p></body></html>';

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(PAGES)
      .then((cache) => warm(cache, ["/driver"]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("huming-driver-") && k !== PAGES && k !== ASSETS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The route page lists its stop pages: keep them (and what they load) for offline use.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "warm" || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === "string" && isDriverPage(new URL(u, self.location.origin)));
  event.waitUntil(caches.open(PAGES).then((cache) => warm(cache, urls.slice(0, 60))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
  } else if (isDriverPage(url) || isDriverData(url)) {
    event.respondWith(networkFirst(request, url));
  } else if (/\.(svg|png|webmanifest|ico)$/.test(url.pathname)) {
    event.respondWith(networkFirst(request, url));
  }
});

function isDriverPage(url) {
  return (url.pathname === "/driver" || url.pathname.startsWith("/driver/")) && url.pathname !== "/driver/sync" && !url.pathname.endsWith(".data");
}

function isDriverData(url) {
  // Remix single fetch: /driver.data, /driver/stops/<id>.data (and the root's /_root.data).
  return url.pathname.endsWith(".data") && (url.pathname === "/driver.data" || url.pathname.startsWith("/driver/") || url.pathname === "/_root.data");
}

function cacheable(response) {
  return response && response.ok && response.type === "basic" && !response.redirected;
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, url) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (cacheable(response)) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // Revalidation asks for a subset of routes (?_routes=…): any copy of that page's data will do.
    const hit = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true })) || (await caches.match(request, { ignoreSearch: true }));
    if (hit) return hit;
    if (request.mode === "navigate") return new Response(OFFLINE_HTML, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    if (url.pathname.endsWith(".data")) return Response.error();
    throw error;
  }
}

// A page and its data for offline use, plus the built files its HTML loads.
async function warm(cache, urls) {
  const assets = await caches.open(ASSETS);
  await Promise.all(
    urls.map(async (u) => {
      try {
        const response = await fetch(u, { credentials: "same-origin" });
        if (!cacheable(response)) return;
        const html = await response.clone().text();
        await cache.put(u, response);
        const files = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        const moduleFiles = [...html.matchAll(/"(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
        const todo = [...new Set([...files, ...moduleFiles])];
        await Promise.all(
          todo.map(async (f) => {
            if (await assets.match(f)) return;
            const r = await fetch(f);
            if (cacheable(r)) await assets.put(f, r);
          }),
        );
        const data = await fetch(`${u === "/driver" ? "/driver" : u}.data`, { credentials: "same-origin" });
        if (cacheable(data)) await cache.put(`${u}.data`, data);
      } catch {
        // Offline while warming: the next visit tries again.
      }
    }),
  );
}
