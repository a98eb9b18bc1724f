import { describe, expect, it } from "vitest";
import { clientIp, requestPath } from "./request.server";

describe("requestPath", () => {
  it("returns the page path and query, without single-fetch artefacts", () => {
    expect(requestPath(new Request("http://x/seller/products/abc?page=2"))).toBe("/seller/products/abc?page=2");
    expect(requestPath(new Request("http://x/catalog.data?q=1&_routes=routes%2Fcatalog"))).toBe("/catalog?q=1");
    expect(requestPath(new Request("http://x/_root.data"))).toBe("/");
  });
});

describe("clientIp", () => {
  it("takes the address from the server's load context and never from request headers", () => {
    const req = new Request("http://x/", { headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.1", "x-real-ip": "203.0.113.10" } });
    expect(clientIp(req, { clientIp: "198.51.100.7" })).toBe("198.51.100.7");
    expect(clientIp(req)).toBe("unknown");
    expect(clientIp(req, { clientIp: "" })).toBe("unknown");
  });
});
