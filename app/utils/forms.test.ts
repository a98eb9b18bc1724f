import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { hasForbiddenCharacters, parseForm, redisplayValues, stripForbiddenCharacters } from "./forms";

const schema = z.object({ name: z.string().check(z.minLength(1, { message: "validation.required" })), note: z.optional(z.string()) });

describe("the form boundary", () => {
  it.each([
    ["a NUL byte", "香\u0000菇"],
    ["a bell", "a\u0007b"],
    ["DEL", "a\u007fb"],
    ["the replacement character of invalid UTF-8", "a\ufffdb"],
    ["a lone high surrogate", "a\ud83db"],
    ["a lone low surrogate", "a\ude00b"],
  ])("refuses %s with a field message", (_name, value) => {
    expect(hasForbiddenCharacters(value)).toBe(true);
    expect(parseForm(schema, { name: value }).errors).toEqual({ name: "validation.invalidCharacters" });
  });

  it.each(["泰宁香菇 5 kg", "line one\nline two\r\n\ttabbed", "😀 emoji 𠮷", "ＡＢＣ１２３"])("accepts %j", (value) => {
    expect(hasForbiddenCharacters(value)).toBe(false);
    expect(parseForm(schema, { name: value }).data).toEqual({ name: value });
  });

  it("reports character errors beside the schema's own errors", () => {
    expect(parseForm(schema, { name: "", note: "x\u0000" }).errors).toEqual({ name: "validation.required", note: "validation.invalidCharacters" });
  });

  it("redisplays values without the forbidden characters and never a password", () => {
    expect(redisplayValues({ name: "香\u0000菇", password: "secret" })).toEqual({ name: "香菇" });
    expect(stripForbiddenCharacters("a\ud83d\u0000b😀")).toBe("ab😀");
  });
});
