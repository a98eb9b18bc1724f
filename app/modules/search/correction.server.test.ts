import { describe, expect, it } from "vitest";
import { buildLexicon, correctQuery, editDistance, nearestCategory } from "./correction.server";
import { vocabulary } from "./text.server";

// The engine's own vocabulary plus a few words of listed product names, as correctionLexicon builds it.
const lexicon = buildLexicon([...vocabulary(), "mushroom", "mushrooms", "shiitake", "dried", "bamboo", "shoots", "kumquat", "wonton", "tea"]);

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and swapped neighbours as one each", () => {
    expect(editDistance("mushroom", "mushroom")).toBe(0);
    expect(editDistance("mushrom", "mushroom")).toBe(1);
    expect(editDistance("muhsroom", "mushroom")).toBe(1);
    expect(editDistance("xiangu", "xianggu")).toBe(1);
    expect(editDistance("香姑", "香菇")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("correctQuery", () => {
  it("maps a homophone to the known word (香姑 → 香菇, 冬姑 → 冬菇)", () => {
    expect(correctQuery("香姑", lexicon)).toBe("香菇");
    expect(correctQuery("冬姑", lexicon)).toBe("冬菇");
    expect(correctQuery("笋甘", lexicon)).toBe("笋干");
    expect(correctQuery("建宁通心白连", lexicon)).toBe("建宁通心白莲");
  });

  it("maps a near homophone inside a longer word (沙县偏肉 → 沙县扁肉)", () => {
    expect(correctQuery("沙县偏肉", lexicon)).toBe("沙县扁肉");
  });

  it("maps pinyin with a slip or with spaces to the Chinese word (xiangu, xiang gu → 香菇)", () => {
    expect(correctQuery("xiangu", lexicon)).toBe("香菇");
    expect(correctQuery("xiang gu", lexicon)).toBe("香菇");
    expect(correctQuery("XIANG GU", lexicon)).toBe("香菇");
    expect(correctQuery("ｘｉａｎｇｇｕ", lexicon)).toBe("香菇");
  });

  it("fixes English typos, keeping the words that are right (mushrom → mushroom)", () => {
    expect(correctQuery("mushrom", lexicon)).toBe("mushroom");
    expect(correctQuery("mushrm", lexicon)).toBe("mushroom");
    expect(correctQuery("dried shitake", lexicon)).toBe("dried shiitake");
    expect(correctQuery("kumqat", lexicon)).toBe("kumquat");
  });

  it("offers nothing for words that are already right, too short to guess, or unlike anything known", () => {
    expect(correctQuery("香菇", lexicon)).toBeNull();
    expect(correctQuery("mushroom", lexicon)).toBeNull();
    expect(correctQuery("xg", lexicon)).toBeNull();
    expect(correctQuery("tee", lexicon)).toBeNull();
    expect(correctQuery("zzzzqqqq", lexicon)).toBeNull();
    expect(correctQuery("火星", lexicon)).toBeNull();
  });

  it("answers bad input with nothing rather than an error", () => {
    for (const q of ["", "   ", "%_", "'; DROP TABLE products; --", "<script>alert(1)</script>", "香\u0000姑", "🍄🍄", "a".repeat(500), "！？。"]) {
      expect(() => correctQuery(q, lexicon), q).not.toThrow();
    }
    expect(correctQuery("香\u0000姑", lexicon)).toBe("香菇");
    expect(correctQuery("🍄🍄", lexicon)).toBeNull();
  });
});

describe("nearestCategory", () => {
  it("finds the category a word belongs to, in Chinese, English or pinyin", () => {
    expect(nearestCategory("香菇")).toBe("mushrooms");
    expect(nearestCategory("干笋")).toBe("bamboo_shoots");
    expect(nearestCategory("bambo")).toBe("bamboo_shoots");
    expect(nearestCategory("mushrom")).toBe("mushrooms");
    expect(nearestCategory("chaye")).toBe("tea");
    expect(nearestCategory("沙县预制菜")).toBe("snacks_prepared");
  });

  it("finds none for words of no category", () => {
    expect(nearestCategory("火星")).toBeNull();
    expect(nearestCategory("")).toBeNull();
    expect(nearestCategory(null)).toBeNull();
    expect(nearestCategory("%%")).toBeNull();
  });
});
