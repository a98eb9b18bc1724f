import { describe, expect, it } from "vitest";
import { acceptsContentType, isAllowedMethod, isDecodablePath, isDecodableQuery } from "./requests";

describe("isAllowedMethod", () => {
  it("answers the usual methods and refuses TRACE, CONNECT and WebDAV verbs", () => {
    for (const m of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(isAllowedMethod(m)).toBe(true);
    for (const m of ["TRACE", "CONNECT", "PROPFIND", "MKCOL", "BREW"]) expect(isAllowedMethod(m)).toBe(false);
  });
});

describe("isDecodablePath", () => {
  it.each(["/", "/catalog", "/catalog/%E9%A6%99%E8%8F%87", "/seller/products/abc?q=%", "/a%20b"])("accepts %s", (url) => {
    expect(isDecodablePath(url)).toBe(true);
  });
  it.each(["/%", "/%zz", "/%E9%A6", "/%C0%AF", "/%FF", "/a%00b", "/%0A/evil", "/%7F"])("refuses %s", (url) => {
    expect(isDecodablePath(url)).toBe(false);
  });
});

describe("isDecodableQuery", () => {
  it("accepts complete escapes and plus signs, refuses broken ones", () => {
    expect(isDecodableQuery("/catalog?q=%E9%A6%99+%E8%8F%87")).toBe(true);
    expect(isDecodableQuery("/catalog")).toBe(true);
    expect(isDecodableQuery("/catalog?q=%")).toBe(false);
    expect(isDecodableQuery("/catalog?q=%FF")).toBe(false);
  });
});

describe("acceptsContentType", () => {
  const post = (path: string, contentType: string | null, hasBody = true) => acceptsContentType({ method: "POST", path, contentType, hasBody });
  it("takes forms on pages and JSON on the API", () => {
    expect(post("/login", "application/x-www-form-urlencoded")).toBe(true);
    expect(post("/login", "application/x-www-form-urlencoded; charset=UTF-8")).toBe(true);
    expect(post("/seller/products/new", "multipart/form-data; boundary=x")).toBe(true);
    expect(post("/api/v1/orders", "application/json")).toBe(true);
  });
  it("refuses other bodies", () => {
    expect(post("/login", "application/json")).toBe(false);
    expect(post("/login", "text/xml")).toBe(false);
    expect(post("/login", null)).toBe(false);
    expect(post("/api/v1/orders", "application/x-www-form-urlencoded")).toBe(false);
  });
  it("lets body-less requests and safe methods through", () => {
    expect(post("/logout", null, false)).toBe(true);
    expect(acceptsContentType({ method: "GET", path: "/login", contentType: "application/json", hasBody: true })).toBe(true);
  });
});
