import { describe, expect, it } from "vitest";
import { cookieLocale, resolveLocale, serializeLocale } from "./locale.server";

const req = (cookie?: string) => new Request("http://x/", { headers: cookie ? { cookie } : {} });

describe("locale cookie", () => {
  it("reads a plain hm_locale value among other cookies", async () => {
    expect(await cookieLocale(req("hm_session=abc; hm_locale=en"))).toBe("en");
    expect(await cookieLocale(req("hm_locale=zh"))).toBe("zh");
    expect(await cookieLocale(req("hm_locale=fr"))).toBeUndefined();
    expect(await cookieLocale(req("xhm_locale=en"))).toBeUndefined();
    expect(await cookieLocale(req())).toBeUndefined();
  });

  it.each(["hm_locale=%", "hm_locale=%E0%A4%A", "hm_locale=en%00", "hm_locale=" + "x".repeat(5000), "hm_locale"])("ignores the malformed cookie %s", async (cookie) => {
    expect(await cookieLocale(req(cookie))).toBeUndefined();
    expect(await resolveLocale(req(cookie))).toBe("zh");
  });

  it("prefers the cookie, then the account, then Chinese", async () => {
    expect(await resolveLocale(req("hm_locale=zh"), "en")).toBe("zh");
    expect(await resolveLocale(req(), "en")).toBe("en");
    expect(await resolveLocale(req())).toBe("zh");
  });

  it("writes a year-long, same-site cookie", async () => {
    const c = await serializeLocale("en");
    expect(c).toMatch(/^hm_locale=en; Path=\/; Max-Age=31536000; SameSite=Lax; HttpOnly$/);
    expect(await cookieLocale(req(c.split(";")[0]))).toBe("en");
  });
});
