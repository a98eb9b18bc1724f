import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHttpApp, type HttpAppOptions } from "./http.server";

vi.mock("~/utils/logger.server", () => ({ logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn() } }));

// The app behind the boundary echoes what reached it, so each test sees what the boundary let through.
const echo: HttpAppOptions["handler"] = (getLoadContext) => (req, res) => {
  if (req.path === "/boom") throw new Error("kaboom at /work/main/app/secret.ts:12");
  res.json({ reached: true, method: req.method, context: getLoadContext(req, res) });
};

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function serve(trustProxy: HttpAppOptions["trustProxy"]) {
  const server = createHttpApp({ trustProxy, handler: echo }).listen(0, "127.0.0.1");
  const port = () => (server.address() as AddressInfo).port;
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<Reply>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: port(), method, path, headers: { host: `127.0.0.1:${port()}`, ...headers } }, (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (data += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      });
      req.on("error", reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  return { server, port, send };
}

const plain = serve(false);
const proxied = serve(["loopback"]);
const site = () => `http://127.0.0.1:${plain.port()}`;
const form = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  await Promise.all([plain.server, proxied.server].map((s) => new Promise((r) => (s.listening ? r(null) : s.once("listening", r)))));
});
afterAll(() => {
  plain.server.close();
  proxied.server.close();
});

function expectNoInternals(body: string) {
  expect(body).not.toMatch(/\n\s+at |\/work\/|node_modules|kaboom/);
}

describe("security headers", () => {
  it("sets CSP with a fresh nonce per response that reaches the load context, and the other headers", async () => {
    const a = await plain.send("GET", "/");
    const b = await plain.send("GET", "/");
    const csp = String(a.headers["content-security-policy"]);
    const nonce = JSON.parse(a.body).context.cspNonce as string;
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(JSON.parse(b.body).context.cspNonce).not.toBe(nonce);
    expect(a.headers["x-frame-options"]).toBe("DENY");
    expect(a.headers["x-content-type-options"]).toBe("nosniff");
    expect(a.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(a.headers["permissions-policy"]).toContain("camera=(self)");
    expect(a.headers["permissions-policy"]).toContain("microphone=()");
    expect(a.headers["x-powered-by"]).toBeUndefined();
    expect(a.headers["strict-transport-security"]).toBeUndefined();
  });

  it("adds HSTS only for HTTPS, which only a trusted proxy can report", async () => {
    expect((await proxied.send("GET", "/", { "x-forwarded-proto": "https" })).headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect((await plain.send("GET", "/", { "x-forwarded-proto": "https" })).headers["strict-transport-security"]).toBeUndefined();
  });

  it("gives every response a request id, also passed to the app", async () => {
    const r = await plain.send("GET", "/");
    expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(r.body).context.requestId).toBe(r.headers["x-request-id"]);
  });
});

describe("client address", () => {
  it("ignores X-Forwarded-For from an untrusted peer and honours it from a trusted proxy", async () => {
    const untrusted = JSON.parse((await plain.send("GET", "/", { "x-forwarded-for": "203.0.113.7" })).body).context.clientIp;
    expect(untrusted).toMatch(/127\.0\.0\.1/);
    const trusted = JSON.parse((await proxied.send("GET", "/", { "x-forwarded-for": "203.0.113.7" })).body).context.clientIp;
    expect(trusted).toBe("203.0.113.7");
  });
});

describe("odd requests", () => {
  // (CONNECT never reaches Express: Node's HTTP server closes such a socket itself.)
  it.each(["TRACE", "PROPFIND", "MKCOL"])("answers %s with 405 and Allow", async (method) => {
    const r = await plain.send(method, "/");
    expect(r.status).toBe(405);
    expect(r.headers.allow).toContain("GET");
    expectNoInternals(r.body);
  });

  it("answers OPTIONS with 204 and Allow", async () => {
    const r = await plain.send("OPTIONS", "/login");
    expect(r.status).toBe(204);
    expect(r.headers.allow).toContain("POST");
  });

  it.each(["/%", "/%zz/x", "/catalog/%E9%A6", "/a%00b", "/catalog?q=%", "/catalog?q=%FF"])("answers the bad escape %s with a plain bilingual 400", async (path) => {
    const r = await plain.send("GET", path);
    expect(r.status).toBe(400);
    expect(r.headers["content-type"]).toMatch(/text\/html/);
    expect(r.body).toContain("请求有误");
    expect(r.body).toContain("Bad request");
    expect(r.body).toContain(String(r.headers["x-request-id"]));
    expect(r.headers["content-security-policy"]).toBeDefined();
    expectNoInternals(r.body);
  });

  it("answers JSON in the API's shape for programs", async () => {
    const r = await plain.send("GET", "/api/v1/%", { accept: "application/json" });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({ error: { code: "bad_request", message: expect.any(String), requestId: r.headers["x-request-id"] } });
  });

  it("turns an error in the app into a 500 page without a stack trace or a path", async () => {
    const r = await plain.send("GET", "/boom", { cookie: "hm_locale=en" });
    expect(r.status).toBe(500);
    expect(r.body).toContain("Something went wrong");
    expectNoInternals(r.body);
  });
});

describe("cross-site requests", () => {
  it("lets a same-origin form POST through, by Origin or by Referer", async () => {
    expect((await plain.send("POST", "/logout", { ...form, origin: site() }, "")).status).toBe(200);
    expect((await plain.send("POST", "/logout", { ...form, referer: `${site()}/seller` }, "a=1")).status).toBe(200);
  });

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["no Origin and no Referer", {}],
    ["a foreign Referer", { referer: "https://evil.example/" }],
    ["Origin null", { origin: "null" }],
  ])("refuses a POST with %s: 403 page, never reaching the app", async (_name, headers) => {
    for (const path of ["/logout", "/locale", "/login"]) {
      const r = await plain.send("POST", path, { ...form, ...headers }, "phone=13800000005&password=x");
      expect(r.status).toBe(403);
      expect(r.body).toContain("请求来源无效");
      expect(r.body).not.toContain("reached");
    }
  });

  it("refuses PUT, PATCH and DELETE from elsewhere too, and answers JSON on the API", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) expect((await plain.send(method, "/x", { origin: "https://evil.example" })).status).toBe(403);
    const api = await plain.send("POST", "/api/v1/orders", { origin: "https://evil.example", cookie: "hm_session=x", "content-type": "application/json" }, "{}");
    expect(JSON.parse(api.body).error.code).toBe("cross_site_request");
  });

  it("exempts Bearer-key API calls without cookies", async () => {
    const r = await plain.send("POST", "/api/v1/orders", { authorization: "Bearer hm_test_key", "content-type": "application/json" }, "{}");
    expect(r.status).toBe(200);
  });
});

describe("body size", () => {
  it("refuses a declared body over the limit with 413 before the app reads it", async () => {
    const r = await plain.send("POST", "/login", { origin: site(), ...form, "content-length": String(2 * 1024 * 1024) }, "");
    expect(r.status).toBe(413);
    expect(r.body).toContain("文件或内容过大");
    expect(r.body).not.toContain("reached");
  });
});

describe("content types", () => {
  it("answers a JSON body posted to a page with 415, not a crash", async () => {
    const r = await plain.send("POST", "/login", { origin: site(), "content-type": "application/json" }, '{"phone":"13800000005"}');
    expect(r.status).toBe(415);
    expect(r.body).toContain("不支持此内容类型");
  });

  it("takes multipart forms and body-less posts", async () => {
    expect((await plain.send("POST", "/x", { origin: site(), "content-type": "multipart/form-data; boundary=b" }, "--b--\r\n")).status).toBe(200);
    expect((await plain.send("POST", "/logout", { origin: site(), "content-length": "0" })).status).toBe(200);
  });
});
