import { describe, expect, it } from "vitest";
import { COUNTY_CODE, COUNTY_EN, SANMING_COUNTIES, countyName, isSanmingCounty, parseCounty } from "./counties";
import { COUNTY_EN as SEED_COUNTY_EN, REGION_CODES } from "../../../prisma/seed-data";

describe("counties", () => {
  it("lists the eleven Sanming divisions with English names and codes", () => {
    expect(SANMING_COUNTIES).toHaveLength(11);
    for (const c of SANMING_COUNTIES) {
      expect(COUNTY_EN[c]).toMatch(/^[A-Z][a-z']+$/);
      expect(COUNTY_CODE[c]).toBe(REGION_CODES[c]);
    }
    expect(SEED_COUNTY_EN).toBe(COUNTY_EN);
  });
  it("names them for the viewer", () => {
    expect(countyName("建宁县", "zh")).toBe("建宁县");
    expect(countyName("建宁县", "en")).toBe("Jianning County");
    expect(countyName("沙县区", "en")).toBe("Shaxian District");
    expect(countyName("永安市", "en")).toBe("Yong'an City");
    expect(countyName("长宁区", "en")).toBe("长宁区");
  });
  it("reads typed county names", () => {
    expect(parseCounty("建宁县")).toBe("建宁县");
    expect(parseCounty("建宁")).toBe("建宁县");
    expect(parseCounty("Jianning")).toBe("建宁县");
    expect(parseCounty("shaxian district")).toBe("沙县区");
    expect(parseCounty("Yongan")).toBe("永安市");
    expect(parseCounty("Yong’an City")).toBe("永安市");
    expect(parseCounty("长宁区")).toBeNull();
    expect(parseCounty("")).toBeNull();
    expect(isSanmingCounty("泰宁县")).toBe(true);
    expect(isSanmingCounty("toString")).toBe(false);
  });
});
