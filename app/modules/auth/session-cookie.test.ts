import { describe, expect, it } from "vitest";
import { clearSessionCookie, commitSessionCookie, cookieSecure, readSessionToken } from "./request.server";

const http = new Request("http://shop.example/login");
const https = new Request("https://shop.example/login");

describe("cookieSecure", () => {
  it("follows the request's protocol when COOKIE_SECURE=auto", () => {
    expect(cookieSecure(https, "auto")).toBe(true);
    expect(cookieSecure(http, "auto")).toBe(false);
  });
  it("is always on for true and always off for false", () => {
    expect(cookieSecure(http, "true")).toBe(true);
    expect(cookieSecure(https, "false")).toBe(false);
  });
  it("ignores X-Forwarded-Proto: only the server, for trusted proxies, turns it into the request's protocol", () => {
    expect(cookieSecure(new Request("http://shop.example/", { headers: { "x-forwarded-proto": "https" } }), "auto")).toBe(false);
  });
});

describe("commitSessionCookie and clearSessionCookie", () => {
  const now = new Date("2026-11-29T08:00:00Z");
  const expiresAt = new Date(now.getTime() + 30 * 24 * 3600 * 1000);

  it("stores the token until the absolute end, exactly, and reads it back", async () => {
    const set = await commitSessionCookie(http, "tok-123", expiresAt, now);
    expect(set).toMatch(/^hm_session=[^;]+; Max-Age=2592000; Path=\/; Expires=Tue, 29 Dec 2026 08:00:00 GMT; HttpOnly; SameSite=Lax$/);
    expect(await readSessionToken(new Request("http://shop.example/", { headers: { cookie: set.split(";")[0] } }))).toBe("tok-123");
  });
  it("is Secure over HTTPS under the default COOKIE_SECURE=auto, for setting and clearing alike", async () => {
    expect(await commitSessionCookie(https, "tok-123", expiresAt, now)).toMatch(/; Secure/);
    expect(await clearSessionCookie(https)).toMatch(/^hm_session=; Max-Age=0; .*; Secure/);
    expect(await clearSessionCookie(http)).not.toMatch(/Secure/);
  });
  it("rejects a tampered cookie", async () => {
    const set = await commitSessionCookie(http, "tok-123", expiresAt, now);
    const tampered = set.split(";")[0].replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect(await readSessionToken(new Request("http://shop.example/", { headers: { cookie: tampered } }))).toBeUndefined();
  });
});
