/**
 * The counties and districts of Sanming (Fujian) that goods come from, with their English names.
 * Pure: used by the listing form (select), product pages (English pages show English names), the import
 * and the demo seed.
 */
import type { Locale } from "~/utils/i18n/locale";

/** English names of Sanming's counties, districts and county-level city (GB/T 2260 order). */
export const COUNTY_EN: Record<string, string> = {
  三元区: "Sanyuan",
  沙县区: "Shaxian",
  明溪县: "Mingxi",
  清流县: "Qingliu",
  宁化县: "Ninghua",
  大田县: "Datian",
  尤溪县: "Youxi",
  将乐县: "Jiangle",
  泰宁县: "Taining",
  建宁县: "Jianning",
  永安市: "Yong'an",
};

/** Division codes (GB/T 2260), the prefix of generated SKUs: 建宁县 → "350430" (SKU 350430-00001). */
export const COUNTY_CODE: Record<string, string> = {
  三元区: "350404",
  沙县区: "350405",
  明溪县: "350421",
  清流县: "350423",
  宁化县: "350424",
  大田县: "350425",
  尤溪县: "350426",
  将乐县: "350428",
  泰宁县: "350429",
  建宁县: "350430",
  永安市: "350481",
};

/** The Sanming counties in their official order (the listing form's select). */
export const SANMING_COUNTIES: readonly string[] = Object.keys(COUNTY_EN);

export function isSanmingCounty(value: unknown): value is string {
  return typeof value === "string" && Object.hasOwn(COUNTY_EN, value);
}

const SUFFIX_EN: Record<string, string> = { 区: "District", 县: "County", 市: "City" };

/**
 * A county's name for the viewer: the Chinese name on Chinese pages; on English pages "Jianning County",
 * "Shaxian District", "Yong'an City". Names outside Sanming are returned as given.
 */
export function countyName(zh: string, locale: Locale): string {
  if (locale === "zh") return zh;
  const en = COUNTY_EN[zh];
  if (!en) return zh;
  return `${en} ${SUFFIX_EN[zh.slice(-1)] ?? ""}`.trim();
}

/** A short English place name without the division word ("Jianning"), for product names and prose. */
export function countyShortEn(zh: string): string | undefined {
  return COUNTY_EN[zh];
}

/** Reads a county typed or pasted by a person: "建宁县", "建宁", "Jianning", "jianning county" → "建宁县". */
export function parseCounty(text: string): string | null {
  const t = text.normalize("NFKC").trim();
  if (t === "") return null;
  if (Object.hasOwn(COUNTY_EN, t)) return t;
  const lower = t.toLowerCase().replace(/\s+(county|district|city)$/, "").replace(/[’']/g, "'");
  for (const [zh, en] of Object.entries(COUNTY_EN)) {
    if (zh.slice(0, -1) === t || en.toLowerCase() === lower || en.toLowerCase().replace("'", "") === lower) return zh;
  }
  return null;
}
