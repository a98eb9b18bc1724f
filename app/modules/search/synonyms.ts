/** Synonym groups as data: a query for any word of a group also finds the others. Pure. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["香菇", "冬菇", "花菇", "shiitake"],
  ["笋干", "干笋"],
  ["蒸饺", "饺子"],
  ["扁肉", "馄饨", "wonton", "wontons"],
  ["拌面", "干拌面"],
  ["莲子", "白莲"],
  ["金柑", "金桔", "kumquat", "kumquats"],
  ["木耳", "黑木耳"],
  ["大米", "稻米", "rice"],
  ["擂茶", "lei cha"],
  ["mushroom", "mushrooms", "菇"],
  ["bamboo", "shoots", "笋"],
];

const BY_WORD = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) for (const w of group) BY_WORD.set(w, [...new Set([...(BY_WORD.get(w) ?? []), ...group.filter((x) => x !== w)])]);

/** The other words of every group `word` belongs to (lower-case Latin). */
export function synonymsOf(word: string): string[] {
  return BY_WORD.get(word.toLowerCase()) ?? [];
}

/** Words a product is also found by, from its category (a search for "mushroom" or 菌菇 finds every mushroom). */
export const CATEGORY_TERMS: Record<string, readonly string[]> = {
  mushrooms: ["菌菇", "食用菌", "菇", "mushroom", "mushrooms"],
  bamboo_shoots: ["竹笋", "笋", "bamboo", "shoots"],
  tea: ["茶叶", "茶", "tea"],
  rice_grains: ["粮油", "米", "rice", "grain", "grains"],
  fruit: ["水果", "果", "fruit"],
  vegetables: ["蔬菜", "菜", "vegetable", "vegetables"],
  forest_goods: ["林产品", "山货", "forest"],
  bean_products: ["豆制品", "豆", "tofu", "bean", "beans"],
  snacks_prepared: ["小吃", "预制菜", "snack", "snacks"],
  frozen_foods: ["速冻", "冻品", "frozen"],
};

/** Words from the temperature class: 冻蒸饺 finds frozen 蒸饺, 冷藏 finds chilled goods. */
export const TEMP_TERMS: Record<string, readonly string[]> = {
  ambient: ["常温", "ambient"],
  chilled: ["冷藏", "冷鲜", "chilled"],
  frozen: ["冷冻", "速冻", "冻", "frozen"],
};
