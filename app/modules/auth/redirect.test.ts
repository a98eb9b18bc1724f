import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

const ORIGIN = "http://localhost:3000";

describe("safeRedirect", () => {
  it.each([
    ["/catalog?q=香菇", "/catalog?q=%E9%A6%99%E8%8F%87"],
    ["/seller/products/abc", "/seller/products/abc"],
    ["/catalog#top", "/catalog#top"],
    ["/a/../seller", "/seller"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the same-origin path %j", (target, expected) => {
    expect(safeRedirect(target, "/home", ORIGIN)).toBe(expected);
  });

  it.each([
    ["tab after the slash", "/\t/evil.example/p"],
    ["newline after the slash", "/\n/evil.example/p"],
    ["carriage return", "/\r/evil.example"],
    ["NUL byte", "/catalog\u0000"],
    ["DEL", "/\u007f/evil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["encoded newline", "/%0A/evil.example"],
    ["double-encoded tab", "/%2509/evil.example"],
    ["triple-encoded newline", "/%25250A/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["backslash host", "/\\evil.example"],
    ["backslash after slash twice", "/\\/evil.example"],
    ["dot segment to a host", "/.//evil.example"],
    ["absolute foreign URL", "https://evil.example/"],
    ["absolute URL with userinfo", "http://localhost:3000@evil.example/"],
    ["javascript scheme", "javascript:alert(1)"],
    ["leading-space javascript", " javascript:alert(1)"],
    ["data URL", "data:text/html,<script>alert(1)</script>"],
    ["relative path", "catalog"],
    ["broken escape", "/%E0%A4%A"],
    ["empty", ""],
    ["overlong", `/${"a".repeat(3000)}`],
  ])("falls back for %s", (_name, target) => {
    expect(safeRedirect(target, "/seller", ORIGIN)).toBe("/seller");
  });

  it.each([null, undefined, 42, ["/catalog"], { href: "/catalog" }])("falls back for the non-string %j", (target) => {
    expect(safeRedirect(target, "/seller", ORIGIN)).toBe("/seller");
  });

  it("uses / when no fallback is given and localhost when no origin is given", () => {
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("/ops")).toBe("/ops");
  });
});
