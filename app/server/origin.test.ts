import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "./origin";

const SITE = "http://localhost:3000";
const post = (headers: Partial<Parameters<typeof checkSameOrigin>[0]>) => checkSameOrigin({ method: "POST", expectedOrigin: SITE, ...headers });

describe("checkSameOrigin", () => {
  it.each(["GET", "HEAD", "OPTIONS", "get"])("lets the safe method %s through without headers", (method) => {
    expect(checkSameOrigin({ method, expectedOrigin: SITE })).toEqual({ allowed: true, via: "safe-method" });
  });

  it("accepts a same-origin Origin and, without Origin, a same-origin Referer", () => {
    expect(post({ origin: SITE })).toEqual({ allowed: true, via: "origin" });
    expect(post({ referer: `${SITE}/login?redirectTo=%2Fseller` })).toEqual({ allowed: true, via: "referer" });
  });

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["another port", { origin: "http://localhost:3001" }],
    ["another scheme", { origin: "https://localhost:3000" }],
    ["a look-alike host", { origin: "http://localhost:3000.evil.example" }],
    ["the opaque origin null", { origin: "null" }],
    ["a malformed Origin", { origin: "not a url" }],
    ["a foreign Referer", { referer: "https://evil.example/localhost:3000" }],
    ["a same-origin Referer under a foreign Origin", { origin: "https://evil.example", referer: `${SITE}/` }],
    ["Sec-Fetch-Site cross-site", { origin: SITE, secFetchSite: "cross-site" }],
    ["Sec-Fetch-Site same-site (a sibling subdomain)", { origin: SITE, secFetchSite: "same-site" }],
  ])("refuses %s", (_name, headers) => {
    expect(post(headers)).toEqual({ allowed: false, reason: "cross-site" });
  });

  it("refuses a POST that says nothing of where it came from", () => {
    expect(post({})).toEqual({ allowed: false, reason: "no-origin" });
  });

  it("exempts Bearer-key requests without cookies, but not a Bearer header riding along with a cookie", () => {
    expect(post({ authorization: "Bearer hm_live_abc" })).toEqual({ allowed: true, via: "bearer-token" });
    expect(post({ authorization: "Bearer hm_live_abc", cookie: "hm_session=x" })).toEqual({ allowed: false, reason: "no-origin" });
    expect(post({ authorization: "Basic abc" })).toEqual({ allowed: false, reason: "no-origin" });
  });

  it("applies to every unsafe method", () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) expect(checkSameOrigin({ method, expectedOrigin: SITE, origin: "https://evil.example" }).allowed).toBe(false);
  });
});
