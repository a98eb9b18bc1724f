/**
 * Words a seller writes in a spreadsheet for the enumerated fields: category, temperature class, pack
 * unit and yes/no. The names shown on screen (the message catalogue's category.*, temp.*, unit.*) are
 * always understood, in Chinese and English, plus the usual synonyms and the enum values themselves.
 * Pure.
 */
import type { ProductCategory, TempClass } from "~/generated/prisma/enums";
import { messages } from "~/utils/i18n/messages";
import { CATEGORIES } from "../categories";
import { PACK_UNITS, UNIT_ZH, type PackUnit } from "../packs";

/** A word as compared: NFKC, lower case, without spaces, "·", "/", "-" and other punctuation. */
export function normaliseWord(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

function index<T extends string>(entries: readonly (readonly [T, readonly string[]])[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of entries) {
    for (const w of [value, ...words]) {
      const n = normaliseWord(w);
      if (n && !map.has(n)) map.set(n, value);
    }
  }
  return map;
}

const CATEGORY_SYNONYMS: Record<ProductCategory, readonly string[]> = {
  mushrooms: ["香菇", "菌类", "食用菌", "蘑菇", "mushroom", "fungi"],
  bamboo_shoots: ["笋干", "竹笋", "笋类", "bamboo shoot", "bamboo"],
  tea: ["茶", "teas"],
  rice_grains: ["米", "大米", "杂粮", "粮油", "米面", "rice", "grains"],
  fruit: ["水果类", "果品", "fruits"],
  vegetables: ["蔬菜类", "菜", "vegetable", "veg"],
  forest_goods: ["山货类", "山珍", "林下产品", "forest products"],
  bean_products: ["豆制品类", "豆腐", "bean", "soy products", "tofu"],
  snacks_prepared: ["沙县小吃", "小吃", "预制菜", "沙县小吃预制菜", "snacks", "prepared food", "shaxian snacks"],
  frozen_foods: ["速冻", "冻品", "速冻食品类", "frozen", "frozen food"],
};

const TEMP_SYNONYMS: Record<TempClass, readonly string[]> = {
  ambient: ["常温储运", "常温保存", "室温", "干货", "room temperature", "dry"],
  chilled: ["冷藏 0–4 °C", "冷藏储运", "冷鲜", "保鲜", "0-4", "0-4°C", "0~4℃", "refrigerated", "fresh", "cold"],
  frozen: ["冷冻 ≤ −18 °C", "冷冻储运", "冻", "速冻", "-18", "-18°C", "-18℃", "freezer"],
};

const UNIT_SYNONYMS: Record<PackUnit, readonly string[]> = {
  kg: ["千克", "公斤", "kilogram", "kilo", "kgs"],
  jin: ["斤", "市斤"],
  box: ["箱", "case", "carton", "boxes", "ctn"],
  bag: ["袋", "包", "bags", "pack", "sack"],
  piece: ["件", "个", "只", "份", "盒", "瓶", "罐", "pieces", "pc", "pcs", "item"],
};

const label = (key: string, lang: "zh" | "en"): string => (messages as Record<string, { zh: string; en: string }>)[key]?.[lang] ?? "";

const CATEGORY_INDEX = index(CATEGORIES.map((c) => [c, [label(`category.${c}`, "zh"), label(`category.${c}`, "en"), ...CATEGORY_SYNONYMS[c]]] as const));
const TEMPS: readonly TempClass[] = ["ambient", "chilled", "frozen"];
const TEMP_INDEX = index(TEMPS.map((c) => [c, [label(`temp.${c}`, "zh"), label(`temp.${c}`, "en"), label(`tempRange.${c}`, "zh"), label(`tempRange.${c}`, "en"), ...TEMP_SYNONYMS[c]]] as const));
const UNIT_INDEX = index(PACK_UNITS.map((u) => [u, [UNIT_ZH[u], label(`unit.${u}`, "zh"), label(`unit.${u}`, "en"), ...UNIT_SYNONYMS[u]]] as const));

/** "菌菇", "Mushrooms", "mushrooms", "香菇" → "mushrooms"; null for a word it does not know. */
export function parseCategoryWord(text: string): ProductCategory | null {
  return CATEGORY_INDEX.get(normaliseWord(text)) ?? null;
}

/** "常温", "冷藏", "冷冻", "Chilled", "frozen" … → the temperature class, or null. */
export function parseTempWord(text: string): TempClass | null {
  return TEMP_INDEX.get(normaliseWord(text)) ?? null;
}

/** "箱", "袋", "件", "公斤", "kg", "斤", "box", "case" … → the pack unit, or null. */
export function parseUnitWord(text: string): PackUnit | null {
  return UNIT_INDEX.get(normaliseWord(text)) ?? null;
}

const YES = new Set(["是", "对", "有", "y", "yes", "true", "1", "√", "✓", "✔", "可变", "按实重"].map(normaliseWord));
const NO = new Set(["否", "不", "不是", "无", "n", "no", "false", "0", "×", "✗", "固定"].map(normaliseWord));

/** 是/否, yes/no, y/n, true/false, 1/0, √/×; empty is "no"; anything else null. */
export function parseYesNo(text: string): boolean | null {
  const t = text.normalize("NFKC").trim().toLowerCase();
  if (t === "") return false;
  // √ and × are not letters: compare them before normalising away punctuation.
  if (t === "√" || t === "✓" || t === "✔") return true;
  if (t === "×" || t === "x" || t === "✗") return false;
  const n = normaliseWord(t);
  if (YES.has(n)) return true;
  if (NO.has(n)) return false;
  return null;
}

/** The words the template's drop-down lists offer (Chinese, as the screen shows them). */
export function categoryChoices(): string[] {
  return CATEGORIES.map((c) => label(`category.${c}`, "zh"));
}
export function tempChoices(): string[] {
  return TEMPS.map((c) => label(`temp.${c}`, "zh"));
}
export function unitChoices(): string[] {
  return PACK_UNITS.map((u) => UNIT_ZH[u]);
}
