import { describe, expect, it } from "vitest";
import { analyzeDocument, analyzeQuery, cutZh, cutZhForSearch, hanGrams, partsOf, pinyinFull, pinyinInitials } from "./text.server";
import { lowestPricePerKgFen as minPricePerKgFen } from "~/modules/catalog/packs";

describe("search text analysis", () => {
  it("keeps our product and place words whole, and the search-mode cut yields their parts", () => {
    expect(cutZh("建宁通心白莲")).toEqual(["建宁通心白莲"]);
    expect(cutZh("尤溪金柑")).toEqual(["尤溪金柑"]);
    expect(cutZh("沙县扁肉")).toEqual(["沙县扁肉"]);
    expect(cutZhForSearch("建宁通心白莲")).toContain("白莲");
    expect(cutZhForSearch("沙县扁肉")).toContain("扁肉");
  });

  it("gives full pinyin and initials", () => {
    expect(pinyinFull("香菇")).toBe("xianggu");
    expect(pinyinInitials("香菇")).toBe("xg");
    const doc = analyzeDocument("泰宁香菇（光面菇）", "Taining dried shiitake");
    expect(doc.terms).toEqual(expect.arrayContaining(["香菇", "xianggu", "xg", "shiitake", "冬菇", "2:香菇", "1:菇"]));
  });

  it("reads queries: full-width folded, quantities and punctuation dropped, at most 8 terms", () => {
    expect(analyzeQuery("ＸＧ").map((t) => t.text)).toEqual(["xg"]);
    expect(analyzeQuery("香菇 5kg").map((t) => t.text)).toEqual(["香菇"]);
    expect(analyzeQuery("%_'; -- <b>")).toEqual([{ text: "b", alternatives: ["b"], fuzzy: false, han: false, parts: [] }]);
    expect(analyzeQuery("🍄！？")).toEqual([]);
    expect(analyzeQuery("a b c d e f g h i j").length).toBe(8);
    expect(analyzeQuery("mushrom")[0]).toMatchObject({ fuzzy: true });
    expect(analyzeQuery("冬菇")[0].alternatives).toContain("香菇");
  });

  it("splits a compound into its parts and leftover characters", () => {
    expect(partsOf("冻蒸饺").sort()).toEqual(["冻", "蒸饺"].sort());
    expect(partsOf("香菇")).toEqual([]);
    expect(hanGrams("香菇片", false)).toEqual(["2:香菇", "2:菇片"]);
    expect(hanGrams("菇", false)).toEqual(["1:菇"]);
  });

  it("computes the lowest price per kg over packs and tiers", () => {
    expect(minPricePerKgFen([{ netWeightGrams: 500, priceTiers: [{ unitPriceFen: 4150 }, { unitPriceFen: 3950 }] }, { netWeightGrams: 5000, priceTiers: [{ unitPriceFen: 36700 }] }])).toBe(7340);
    expect(minPricePerKgFen([{ netWeightGrams: 0, priceTiers: [{ unitPriceFen: 100 }] }])).toBeNull();
    expect(minPricePerKgFen([])).toBeNull();
  });
});
