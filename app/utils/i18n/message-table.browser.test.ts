import { describe, expect, it } from "vitest";
import { installMessages, lookupMessage } from "./message-table.browser";

describe("the browser's message table", () => {
  it("answers in the installed language and, for the error page's bilingual lines, in the other one", () => {
    installMessages({ "error.403.title": "无权访问", "en:error.403.title": "Access denied", "nav.catalog": "商品目录" });
    expect(lookupMessage("zh", "error.403.title")).toBe("无权访问");
    expect(lookupMessage("en", "error.403.title")).toBe("Access denied");
    expect(lookupMessage("zh", "nav.catalog")).toBe("商品目录");
    expect(lookupMessage("zh", "no.such.key")).toBeUndefined();
  });
});
