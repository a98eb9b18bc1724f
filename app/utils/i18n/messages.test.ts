import { describe, expect, it } from "vitest";
import { LOCALES } from "./locale";
import { MESSAGE_PARTS, messages, type MessageKey } from "./messages";
import { isMessageKey, translate, translator } from "./translate";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogue", () => {
  const keys = Object.keys(messages) as MessageKey[];

  it("has no key defined in two feature files (a later one would silently win)", () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [part, entries] of Object.entries(MESSAGE_PARTS)) {
      for (const key of Object.keys(entries)) {
        if (seen.has(key)) clashes.push(`${key} in ${seen.get(key)} and ${part}`);
        seen.set(key, part);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("has a non-empty Chinese and English text for every key", () => {
    for (const key of keys) {
      for (const locale of LOCALES) {
        const text: unknown = (messages[key] as Record<string, unknown>)[locale];
        expect(typeof text === "string" && text.trim().length > 0, `${key} [${locale}]`).toBe(true);
      }
    }
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of keys) expect(placeholders(messages[key].en), key).toEqual(placeholders(messages[key].zh));
  });

  it("has Chinese text that is actually Chinese where it is prose", () => {
    const latinOnly = keys.filter((k) => !/[\u4e00-\u9fff]/.test(messages[k].zh));
    // The language switch says "English", and the tier line is all placeholders and symbols.
    expect(latinOnly).toEqual(["locale.switchTo", "product.tier"]);
  });

  it("contains the headings the end-to-end tests look for", () => {
    expect(translate("zh", "catalog.title")).toBe("商品目录");
    expect(translate("zh", "seller.title")).toBe("卖家中心");
    expect(translate("zh", "ops.title")).toBe("运营中心");
    expect(translate("zh", "driver.title")).toBe("司机工作台");
    expect(translate("zh", "admin.title")).toBe("平台管理");
    expect(translate("en", "catalog.title")).toBe("Catalogue");
    expect(translate("en", "seller.title")).toBe("Seller console");
    expect(translate("en", "ops.title")).toBe("Operations");
    expect(translate("en", "driver.title")).toBe("Driver");
    expect(translate("en", "admin.title")).toBe("Administration");
    expect(translate("zh", "nav.signOut")).toBe("退出登录");
    expect(translate("zh", "error.403.title")).toBe("无权访问");
    expect(translate("zh", "register.phoneTaken")).toBe("该手机号已注册");
  });
});

describe("translate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    const t = translator("en");
    expect(t("pagination.page", { page: 2, pages: 5 })).toBe("Page 2 of 5");
    expect(translate("zh", "pagination.page", { page: 2 })).toBe("第 2 / {pages} 页");
  });
  it("recognises catalogue keys", () => {
    expect(isMessageKey("validation.phone")).toBe(true);
    expect(isMessageKey("toString")).toBe(false);
    expect(isMessageKey("nope")).toBe(false);
  });
});
