import { describe, expect, it } from "vitest";
import { clientIp, requestPath, safeRedirect } from "./auth.server";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/catalog?q=香菇")).toBe("/catalog?q=香菇");
  });
  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "catalog", "", null, undefined, 42])("falls back for %j", (target) => {
    expect(safeRedirect(target, "/seller")).toBe("/seller");
  });
});

describe("requestPath", () => {
  it("returns the page path and query, without single-fetch artefacts", () => {
    expect(requestPath(new Request("http://x/seller/products/abc?page=2"))).toBe("/seller/products/abc?page=2");
    expect(requestPath(new Request("http://x/catalog.data?q=1&_routes=routes%2Fcatalog"))).toBe("/catalog?q=1");
    expect(requestPath(new Request("http://x/_root.data"))).toBe("/");
  });
});

describe("clientIp", () => {
  it("prefers the server's load context, then X-Forwarded-For, then a shared bucket", () => {
    const req = new Request("http://x/", { headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.1" } });
    expect(clientIp(req, { clientIp: "198.51.100.7" })).toBe("198.51.100.7");
    expect(clientIp(req)).toBe("203.0.113.9");
    expect(clientIp(new Request("http://x/"))).toBe("unknown");
  });
});
