import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHttpApp, type HttpAppOptions } from "./http.server";
import { entityTag, etagMatches, hasCredentials, pageKey } from "./page-cache.server";

vi.mock("~/utils/logger.server", () => ({ logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn() } }));

let renders = 0;
let clock = 0;
let content = "香菇";
// Pages behind the boundary: each render counts, and the body carries the response's own nonce and request id like Remix's documents do.
const pages: HttpAppOptions["handler"] = (getLoadContext) => (req, res) => {
  renders += 1;
  const ctx = getLoadContext(req, res) as { cspNonce: string; requestId: string };
  const page = `<!doctype html><meta name="request-id" content="${ctx.requestId}"><p>${content} ${req.path}</p><script nonce="${ctx.cspNonce}">1</script>`;
  if (req.path === "/private") res.setHeader("Cache-Control", "private, no-store");
  else if (req.path === "/cookie") res.setHeader("Cache-Control", "public, max-age=30").setHeader("Set-Cookie", "a=1");
  else if (req.path === "/missing") res.status(404).setHeader("Cache-Control", "public, max-age=30");
  else if (req.path === "/big") res.setHeader("Cache-Control", "public, max-age=30");
  else res.setHeader("Cache-Control", "public, max-age=30");
  res.type("html");
  // Written in pieces, as a streamed render is.
  const body = req.path === "/big" ? page + "x".repeat(5000) : req.path === "/long" ? page + "<p>三明香菇</p>".repeat(120) : page;
  res.write(body.slice(0, 10));
  res.end(body.slice(10));
};

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const server = createHttpApp({ trustProxy: false, handler: pages, pageCache: { ttlMs: 10_000, maxBodyBytes: 4096, now: () => clock } }).listen(0, "127.0.0.1");
const send = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  new Promise<Reply>((resolve, reject) => {
    const port = (server.address() as AddressInfo).port;
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    req.end();
  });
/** The same, bytes as they came (a gzipped body stays gzipped). */
const sendRaw = (path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    const port = (server.address() as AddressInfo).port;
    const req = http.request({ host: "127.0.0.1", port, method: "GET", path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
const nonceOf = (r: Reply) => /'nonce-([^']+)'/.exec(String(r.headers["content-security-policy"]))?.[1];

beforeAll(() => new Promise((r) => (server.listening ? r(null) : server.once("listening", r))));
afterAll(() => void server.close());

describe("public page cache at the boundary", () => {
  it("renders a public page once within the TTL, each copy with its own nonce and request id matching its headers", async () => {
    const before = renders;
    const a = await send("/catalog?q=1");
    const b = await send("/catalog?q=1");
    expect(renders - before).toBe(1);
    expect([a.headers["x-page-cache"], b.headers["x-page-cache"]]).toEqual(["miss", "hit"]);
    for (const r of [a, b]) {
      expect(r.status).toBe(200);
      expect(r.body).toContain(`nonce="${nonceOf(r)}"`);
      expect(r.body).toContain(`content="${r.headers["x-request-id"]}"`);
      expect(r.headers["content-length"]).toBe(String(Buffer.byteLength(r.body)));
    }
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    expect(a.headers.etag).toBe(b.headers.etag);
    expect(b.headers["cache-control"]).toBe("public, max-age=30");
  });

  it("serves a stored page gzipped to a browser that asks for it, whole and with this response's own nonce", async () => {
    const before = renders;
    const replies = [await sendRaw("/long", { "accept-encoding": "gzip" }), await sendRaw("/long", { "accept-encoding": "gzip" })];
    expect(renders - before).toBe(1);
    expect(replies.map((r) => r.headers["x-page-cache"])).toEqual(["miss", "hit"]);
    for (const r of replies) {
      expect(r.status).toBe(200);
      expect(r.headers["content-encoding"]).toBe("gzip");
      const html = gunzipSync(r.bytes).toString("utf8");
      expect(html.endsWith("<p>三明香菇</p>")).toBe(true);
      expect(html).toContain(`nonce="${/'nonce-([^']+)'/.exec(String(r.headers["content-security-policy"]))?.[1]}"`);
      expect(html).toContain(`content="${r.headers["x-request-id"]}"`);
    }
  });

  it("answers 304 for a matching ETag, without a new CSP that would orphan the stored page's nonce", async () => {
    const first = await send("/catalog/etag");
    const again = await send("/catalog/etag", { "if-none-match": `W/${first.headers.etag}, "other"` });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers["content-security-policy"]).toBeUndefined();
    expect(again.headers.etag).toBe(first.headers.etag);
    const stale = await send("/catalog/etag", { "if-none-match": '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it("renders again after the TTL and the ETag follows the content", async () => {
    const a = await send("/catalog/ttl");
    content = "笋干";
    clock += 10_001;
    const b = await send("/catalog/ttl");
    content = "香菇";
    expect(b.headers["x-page-cache"]).toBe("miss");
    expect(b.body).toContain("笋干");
    expect(b.headers.etag).not.toBe(a.headers.etag);
  });

  it("keeps languages apart and never shares signed-in, private, cookie-setting, error or oversized responses", async () => {
    await send("/catalog/lang");
    expect((await send("/catalog/lang", { cookie: "hm_locale=en" })).headers["x-page-cache"]).toBe("miss");
    expect((await send("/catalog/lang", { cookie: "hm_locale=en" })).headers["x-page-cache"]).toBe("hit");
    for (const [path, headers] of [
      ["/catalog/lang", { cookie: "hm_locale=zh; hm_session=abc" }],
      ["/catalog/lang", { authorization: "Bearer k" }],
      ["/private", {}],
      ["/cookie", {}],
      ["/missing", {}],
      ["/big", {}],
    ] as const) {
      const before = renders;
      const r1 = await send(path, headers);
      await send(path, headers);
      expect(renders - before, path).toBe(2);
      expect(r1.headers["x-page-cache"], path).toBeUndefined();
      expect(r1.body).toContain(`nonce="${nonceOf(r1)}"`);
    }
  });

  it("answers HEAD from the same copy without a body", async () => {
    await send("/catalog/head");
    const head = await send("/catalog/head", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["x-page-cache"]).toBe("hit");
  });
});

describe("page cache rules", () => {
  it("compares entity tags weakly, in lists and with *", () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "a"', '"a"')).toBe(true);
    expect(etagMatches("*", '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });

  it("keys on the page and the language cookie only, and spots credentials", () => {
    expect(pageKey({ originalUrl: "/catalog?q=x", headers: { cookie: "hm_locale=en; other=1" } })).toBe("en /catalog?q=x");
    expect(pageKey({ originalUrl: "/catalog", headers: {} })).toBe("zh /catalog");
    expect(hasCredentials({ headers: { cookie: "hm_locale=en; hm_session=x" } })).toBe(true);
    expect(hasCredentials({ headers: { authorization: "Bearer x" } })).toBe(true);
    expect(hasCredentials({ headers: { cookie: "hm_locale=en" } })).toBe(false);
  });

  it("tags the same bytes alike and different bytes differently", () => {
    expect(entityTag("a")).toBe(entityTag("a"));
    expect(entityTag("a")).not.toBe(entityTag("b"));
    expect(entityTag("a")).toMatch(/^"[\w-]+"$/);
  });
});
