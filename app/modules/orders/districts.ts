/**
 * Shanghai's 16 districts (市辖区), the unit delivery slots are planned in: a delivery point lies in one, and
 * it is offered the slots of that district. The same list is a CHECK on delivery_points and delivery_slots.
 */
export const SHANGHAI_DISTRICTS = [
  "黄浦区",
  "徐汇区",
  "长宁区",
  "静安区",
  "普陀区",
  "虹口区",
  "杨浦区",
  "闵行区",
  "宝山区",
  "嘉定区",
  "浦东新区",
  "金山区",
  "松江区",
  "青浦区",
  "奉贤区",
  "崇明区",
] as const;
export type ShanghaiDistrict = (typeof SHANGHAI_DISTRICTS)[number];

/** English names, for the English interface. */
export const DISTRICT_EN: Record<ShanghaiDistrict, string> = {
  黄浦区: "Huangpu",
  徐汇区: "Xuhui",
  长宁区: "Changning",
  静安区: "Jing'an",
  普陀区: "Putuo",
  虹口区: "Hongkou",
  杨浦区: "Yangpu",
  闵行区: "Minhang",
  宝山区: "Baoshan",
  嘉定区: "Jiading",
  浦东新区: "Pudong",
  金山区: "Jinshan",
  松江区: "Songjiang",
  青浦区: "Qingpu",
  奉贤区: "Fengxian",
  崇明区: "Chongming",
};

/** A district's name for the interface: English in the English one, the Chinese name otherwise (or when unknown). */
export function districtName(district: string, locale: "zh" | "en"): string {
  return locale === "en" && isShanghaiDistrict(district) ? DISTRICT_EN[district] : district;
}

/** True for one of the 16 district names. */
export function isShanghaiDistrict(value: unknown): value is ShanghaiDistrict {
  return typeof value === "string" && (SHANGHAI_DISTRICTS as readonly string[]).includes(value);
}

/**
 * Shanghai's extent in WGS-84 with a small margin (Chongming reaches 31.87° N, Jinshan 30.68° N): a delivery
 * point outside it is a typing slip or GCJ-02/BD-09 coordinates pasted from a map app.
 */
export const SHANGHAI_BOUNDS = { minLat: 30.66, maxLat: 31.9, minLng: 120.85, maxLng: 122.0 } as const;

/** True when the coordinates fall within Shanghai's extent. */
export function isInShanghai(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && lat >= SHANGHAI_BOUNDS.minLat && lat <= SHANGHAI_BOUNDS.maxLat && lng >= SHANGHAI_BOUNDS.minLng && lng <= SHANGHAI_BOUNDS.maxLng;
}
