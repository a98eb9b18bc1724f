import { describe, expect, it } from "vitest";
import { searchEngineContract } from "./engine.contract";
import { createEmbeddedEngine, embeddedEngine, oneTypoApart } from "./embedded.server";

searchEngineContract("embedded", () => embeddedEngine);
// The paths a large catalogue takes (relevance tiers counted and paged, ordered-index walks, walks that come up short
// and fall back to the GIN index), taken here on the small catalogue: the results must not change.
searchEngineContract("embedded, paged by tier and walked", () => createEmbeddedEngine({ few: 0, tierBound: 2, walkRowCost: 0 }));
searchEngineContract("embedded, walks cut short", () => createEmbeddedEngine({ few: 0, tierBound: 2, walkRowCost: 0, walkLimit: 3 }));

describe("one typo", () => {
  it("is a letter added, dropped or replaced, or two neighbours swapped", () => {
    for (const [a, b] of [["mushrom", "mushroom"], ["xiangug", "xiangu"], ["jiannng", "jianning"], ["nonghua", "ninghua"], ["shiitkae", "shiitake"], ["tea", "tea"]]) {
      expect(oneTypoApart(a, b)).toBe(true);
    }
    for (const [a, b] of [["jiannng", "jianshui"], ["nonghua", "nongye"], ["banrou", "xianrou"], ["abc", "bca"], ["mushrm", "mushroom"]]) {
      expect(oneTypoApart(a, b)).toBe(false);
    }
  });
});
