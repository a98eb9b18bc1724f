import { describe, expect, it } from "vitest";
import { districtName, isInShanghai, SHANGHAI_DISTRICTS } from "./districts";

describe("districtName", () => {
  it("gives every district an English name in the English interface and keeps the Chinese one otherwise", () => {
    for (const d of SHANGHAI_DISTRICTS) {
      expect(districtName(d, "zh")).toBe(d);
      expect(districtName(d, "en")).toMatch(/^[A-Z][a-z']+$/);
    }
    expect(districtName("浦东新区", "en")).toBe("Pudong");
    // Not one of the 16 (older data, a typing slip): shown as recorded.
    expect(districtName("昆山市", "en")).toBe("昆山市");
  });
});

describe("isInShanghai", () => {
  it("takes the city's extent, and refuses Sanming and non-numbers", () => {
    expect(isInShanghai(31.2353, 121.5011)).toBe(true);
    expect(isInShanghai(26.2654, 117.6392)).toBe(false);
    expect(isInShanghai(Number.NaN, 121.5)).toBe(false);
  });
});
