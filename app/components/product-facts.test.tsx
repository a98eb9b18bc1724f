import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n/translate";
import type { Locale } from "~/utils/i18n/locale";
import { formatDay, ProductFacts, ProductVariants } from "./product-facts";

const product: Parameters<typeof ProductVariants>[0]["product"] = {
  id: "p1",
  sellerId: "s1",
  nameZh: "建宁通心白莲",
  nameEn: "Jianning cored white lotus seeds",
  descriptionZh: "",
  descriptionEn: "",
  category: "forest_goods" as const,
  originCounty: "建宁县",
  tempClass: "ambient" as const,
  shelfLifeDays: 365,
  status: "active" as const,
  updatedAt: new Date("2026-11-29T00:00:00.000Z"),
  seller: { id: "s1", name: "建宁县通心白莲专业合作社", nameEn: "Jianning Lotus Cooperative", county: "建宁县" },
  photos: [],
  variants: [
    {
      id: "v1",
      sku: "350430-00001",
      unit: "box" as const,
      label: "旧标签",
      netWeightGrams: 8400,
      itemCount: 24,
      itemNetWeightGrams: 350,
      minOrderQuantity: 2,
      orderMultiple: 2,
      variableWeight: false,
      active: true,
      priceTiers: [
        { minQuantity: 2, unitPriceFen: 36700 },
        { minQuantity: 10, unitPriceFen: 34400 },
      ],
      harvestWindows: [{ availableFrom: new Date("2026-12-01T00:00:00.000Z"), availableTo: new Date("2027-01-15T00:00:00.000Z"), expectedPacksPerWeek: 200, note: "" }],
      lots: [],
    },
    {
      id: "v2",
      sku: "350430-00002",
      unit: "piece" as const,
      label: "旧标签",
      netWeightGrams: 250,
      itemCount: 1,
      itemNetWeightGrams: 250,
      minOrderQuantity: 1,
      orderMultiple: 1,
      variableWeight: true,
      active: true,
      priceTiers: [{ minQuantity: 1, unitPriceFen: 1250 }],
      harvestWindows: [],
      lots: [],
    },
  ],
};

const html = (locale: Locale) =>
  renderToStaticMarkup(
    <>
      <ProductFacts product={product} t={translator(locale)} locale={locale} />
      <ProductVariants product={product} t={translator(locale)} locale={locale} />
    </>,
  );
const text = (markup: string) => markup.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("product facts", () => {
  it("composes English labels, plurals, county names, per-kg prices, order rules and windows", () => {
    const en = text(html("en"));
    expect(en).toContain("box of 24 × 350 g");
    expect(en).toContain("approx. 250 g piece");
    expect(en).toContain("Jianning County");
    expect(en).toContain("Jianning Lotus Cooperative (Jianning County)");
    expect(en).toContain("2 boxes or more: ¥367.00 per box");
    expect(en).toContain("1 piece or more: ¥12.50 per piece");
    expect(en).toContain("¥43.69/kg");
    expect(en).toContain("Minimum order 2 boxes, in steps of 2 boxes");
    expect(en).toMatch(/Available 1 Dec( 2026)? – 15 Jan( 2027)?, about 200 boxes a week/);
    expect(en).not.toContain("旧标签");
    expect(en).not.toMatch(/[；（]/);
  });
  it("composes Chinese labels", () => {
    const zh = text(html("zh"));
    expect(zh).toContain("24×350 g/箱");
    expect(zh).toContain("约 250 g/件");
    expect(zh).toContain("2 箱起 ¥367.00/箱");
    expect(zh).toContain("折合 ¥43.69/kg");
    expect(zh).toContain("起订 2 箱，按 2 箱递增");
    expect(zh).toMatch(/可订：(2026年)?12月1日–(2027年)?1月15日，约 200 箱\/周/);
  });
  it("formats calendar days without a year when it is near", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    expect(formatDay("2026-12-01T00:00:00Z", "zh", now)).toBe("12月1日");
    expect(formatDay("2027-01-15T00:00:00Z", "en", now)).toBe("15 Jan");
    expect(formatDay("2029-01-15T00:00:00Z", "en", now)).toBe("15 Jan 2029");
    expect(formatDay("2025-03-02T00:00:00Z", "zh", now)).toBe("2025年3月2日");
  });
});
