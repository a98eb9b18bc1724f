import { describe, expect, it } from "vitest";
import { categoriesFor, MAX_SUGGESTIONS } from "./suggest.server";

describe("categoriesFor", () => {
  it("matches the start of a category's name or search words, in Chinese or English", () => {
    expect(categoriesFor("菌")).toEqual(["mushrooms"]);
    expect(categoriesFor("香菇")).toEqual(["mushrooms"]);
    expect(categoriesFor("mush")).toEqual(["mushrooms"]);
    expect(categoriesFor("Bamb")).toEqual(["bamboo_shoots"]);
    expect(categoriesFor("速冻")).toContain("frozen_foods");
  });

  it("matches pinyin initials of two letters or more and the start of full pinyin", () => {
    expect(categoriesFor("cy")).toEqual(["tea"]);
    expect(categoriesFor("jungu")).toEqual(["mushrooms"]);
  });

  it("keeps quiet for one letter, unrelated words and bad input, and offers at most two", () => {
    expect(categoriesFor("m")).toEqual([]);
    expect(categoriesFor("火星")).toEqual([]);
    for (const q of ["", "   ", "%", "_", "<b>", "\u0000", "🍄", "a".repeat(500)]) expect(categoriesFor(q), q).toEqual([]);
    expect(categoriesFor("菜").length).toBeLessThanOrEqual(2);
    expect(MAX_SUGGESTIONS).toBe(8);
  });
});
