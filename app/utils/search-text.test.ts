import { describe, expect, it } from "vitest";
import { cleanSearchText, escapeLike } from "./search-text";

describe("cleanSearchText", () => {
  it.each([
    ["香\u0000菇", "香菇"],
    ["  香菇　 5kg  ", "香菇 5kg"],
    ["a\ufffd", "a"],
    [null, ""],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(cleanSearchText(input)).toBe(expected);
  });

  it("cuts long queries on whole characters", () => {
    expect(cleanSearchText("菇".repeat(500))).toHaveLength(50);
    expect(Array.from(cleanSearchText("😀".repeat(60)))).toHaveLength(50);
  });
});

describe("escapeLike", () => {
  it("escapes the wildcards and the escape character itself", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(escapeLike("香菇")).toBe("香菇");
  });
});
