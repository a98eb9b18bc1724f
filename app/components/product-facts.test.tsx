import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n/translate";
import type { Locale } from "~/utils/i18n/locale";
import { StaticRouter } from "react-router-dom/server";
import { availabilityText, currentCertificates, formatDay, priceSummary, ProductFacts, ProductVariants, SellerCard } from "./product-facts";

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
  seller: {
    id: "s1",
    kind: "cooperative" as const,
    name: "建宁县通心白莲专业合作社",
    nameEn: "Jianning Lotus Cooperative",
    county: "建宁县",
    descriptionZh: "合作社成立于2008年，带动 300 户莲农。",
    descriptionEn: "",
    verified: true,
    photoId: "f1",
  },
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
      available: 0,
      harvestWindows: [{ availableFrom: new Date("2026-12-01T00:00:00.000Z"), availableTo: new Date("2027-01-15T00:00:00.000Z"), expectedPacksPerWeek: 200, note: "" }],
      lots: [
        { id: "lot-new", code: "JN20261120-002", producedAt: new Date("2026-11-20T00:00:00.000Z"), expiresAt: new Date("2027-11-20T00:00:00.000Z"), certificates: [{ kind: "green_food", number: "LB-01" }] },
        { id: "lot-old", code: "JN20260901-001", producedAt: new Date("2026-09-01T00:00:00.000Z"), expiresAt: new Date("2027-09-01T00:00:00.000Z"), certificates: [{ kind: "geo_indication" }] },
      ],
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
      available: 12,
      harvestWindows: [],
      lots: [],
    },
  ],
};

const html = (locale: Locale, today = "2026-11-20") =>
  renderToStaticMarkup(
    <StaticRouter location="/catalog/p1">
      <ProductFacts product={product} t={translator(locale)} locale={locale} />
      <SellerCard seller={product.seller} t={translator(locale)} locale={locale} />
      <ProductVariants product={product} t={translator(locale)} locale={locale} showAvailability today={today} />
    </StaticRouter>,
  );
const text = (markup: string) => markup.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("product facts", () => {
  it("composes English labels, plurals, county names, per-kg prices, order rules and windows", () => {
    const en = text(html("en"));
    expect(en).toContain("box of 24 × 350 g");
    expect(en).toContain("approx. 250 g piece");
    expect(en).toContain("Jianning County");
    expect(en).toContain("Jianning Lotus Cooperative (Jianning County)");
    expect(en).toContain("2 boxes or more ¥367.00/box ¥43.69/kg");
    expect(en).toContain("10 boxes or more ¥344.00/box ¥40.95/kg");
    expect(en).toContain("1 piece or more ¥12.50/piece ¥50.00/kg");
    expect(en).toContain("Minimum order 2 boxes, in steps of 2 boxes");
    expect(en).toMatch(/Available 1 Dec( 2026)? – 15 Jan( 2027)?, about 200 boxes a week/);
    expect(en).not.toContain("旧标签");
    expect(en).not.toMatch(/[；（]/);
  });
  it("composes Chinese labels", () => {
    const zh = text(html("zh"));
    expect(zh).toContain("24×350 g/箱");
    expect(zh).toContain("约 250 g/件");
    expect(zh).toContain("2 箱起 ¥367.00/箱 折合 ¥43.69/kg");
    expect(zh).toContain("起订 2 箱，按 2 箱递增");
    expect(zh).toMatch(/可订：(2026年)?12月1日–(2027年)?1月15日，约 200 箱\/周/);
  });
  it("says what is available now, or from when, per pack", () => {
    const zh = text(html("zh"));
    expect(zh).toContain("现货 12 件");
    expect(zh).toContain("预计 12月1日起可订");
    const en = text(html("en"));
    expect(en).toContain("Available now: 12 pieces");
    expect(en).toContain("Expected from 1 Dec");
    const box = product.variants[0];
    expect(availabilityText(box, translator("zh"), "zh", "2026-12-05").text).toBe("可预订，供货至 1月15日");
    expect(availabilityText({ ...box, harvestWindows: [] }, translator("en"), "en", "2026-12-05").text).toBe("Out of stock");
  });
  it("links the current lot to its trace page and folds earlier lots away", () => {
    const markup = html("zh");
    expect(markup).toContain('href="/t/lot-new"');
    expect(text(markup)).toContain("当前批次 JN20261120-002 · 查看溯源");
    expect(text(markup)).toContain("更早的批次（1）");
    expect(markup).toContain('href="/t/lot-old"');
    expect(currentCertificates(product)).toEqual([{ kind: "green_food", number: "LB-01" }]);
  });
  it("shows the seller card with English labels, verification and a storefront link", () => {
    const markup = html("en");
    const en = text(markup);
    expect(en).toContain("Jianning Lotus Cooperative");
    expect(en).toContain("Farmers' cooperative · Based in Jianning County");
    expect(en).toContain("Verified by the platform");
    expect(markup).toContain('href="/sellers/s1"');
    expect(markup).toContain('src="/sellers/s1/photos/f1"');
    // No English intro: the Chinese one is shown, marked as Chinese for screen readers.
    expect(markup).toMatch(/lang="zh-CN"[^>]*>合作社成立于2008年/);
    expect(en).not.toMatch(/农民专业合作社|平台已认证|建宁县（/);
  });
  it("sums up the cheapest price per pack and per kg", () => {
    expect(priceSummary(product.variants)).toEqual({ perPack: { unitPriceFen: 1250, unit: "piece" }, perKgFen: 4095 });
  });
  it("formats calendar days without a year when it is near", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    expect(formatDay("2026-12-01T00:00:00Z", "zh", now)).toBe("12月1日");
    expect(formatDay("2027-01-15T00:00:00Z", "en", now)).toBe("15 Jan");
    expect(formatDay("2029-01-15T00:00:00Z", "en", now)).toBe("15 Jan 2029");
    expect(formatDay("2025-03-02T00:00:00Z", "zh", now)).toBe("2025年3月2日");
  });
});
