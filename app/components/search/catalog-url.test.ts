import { describe, expect, it } from "vitest";
import { activeFilterCount, catalogHref, type CatalogUrlState } from "./catalog-url";

const state: CatalogUrlState = { q: "xg", filters: { temp: "chilled", county: "尤溪县", seller: null }, sort: "price_per_kg" };

describe("catalogHref", () => {
  it("keeps the words, the other filters and the sort, and never the page", () => {
    expect(catalogHref(state, { filters: { category: "mushrooms" } })).toBe(`/catalog?q=xg&category=mushrooms&county=${encodeURIComponent("尤溪县")}&temp=chilled&sort=price_per_kg`);
  });

  it("removes a filter given null and leaves the default sort out", () => {
    expect(catalogHref(state, { filters: { temp: null, county: null }, sort: "relevance" })).toBe("/catalog?q=xg");
    expect(catalogHref({ q: "", filters: {}, sort: "newest" })).toBe("/catalog");
  });

  it("turns relevance without words into the default newest order", () => {
    expect(catalogHref({ q: "", filters: { stock: "in" }, sort: "relevance" })).toBe("/catalog?stock=in");
    expect(catalogHref({ q: "xg", filters: {}, sort: "newest" }, { q: "" })).toBe("/catalog");
  });

  it("counts the filters that are set", () => {
    expect(activeFilterCount(state.filters)).toBe(2);
    expect(activeFilterCount({})).toBe(0);
  });
});
