/**
 * Text analysis of the embedded engine: jieba (with a user dictionary of our product and place vocabulary)
 * for Chinese, pinyin-pro for full pinyin and initials, plain words for Latin script. Server-only (native module).
 */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { pinyin } from "pinyin-pro";
import { BASES, COUNTY_SHORT } from "../../../prisma/seed-data";
import { SANMING_COUNTIES } from "~/modules/catalog/counties";
import { SYNONYM_GROUPS, synonymsOf } from "./synonyms";

/** Words jieba must keep whole (and, through the search-mode cut, their parts too). */
const EXTRA_WORDS = ["建宁通心白莲", "通心白莲", "白莲", "尤溪金柑", "金柑", "沙县扁肉", "扁肉", "沙县拌面", "蒸饺", "冻蒸饺", "笋干", "干笋", "冬菇", "花菇", "香菇", "莲子"];

export function vocabulary(): string[] {
  const words = new Set<string>(EXTRA_WORDS);
  for (const c of SANMING_COUNTIES) words.add(c);
  for (const s of Object.values(COUNTY_SHORT)) words.add(s);
  for (const base of Object.values(BASES)) {
    words.add(base.zh);
    for (const short of Object.values(COUNTY_SHORT)) if (base.placePrefix) words.add(`${short}${base.zh}`);
    for (const [gradeZh] of base.grades) for (const w of gradeZh.split(/[\s（）()]+/)) if (/^\p{Script=Han}{2,}$/u.test(w)) words.add(w);
  }
  for (const g of SYNONYM_GROUPS) for (const w of g) if (/^\p{Script=Han}{2,}$/u.test(w)) words.add(w);
  return [...words];
}

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(dict);
    // High frequency so the user words win over the default dictionary's splits.
    j.loadDict(Buffer.from(vocabulary().map((w) => `${w} 200000 n`).join("\n") + "\n"));
    jieba = j;
  }
  return jieba;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z0-9]+/g;

/** NFKC (full-width → half-width), lower case. */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export function isHan(word: string): boolean {
  return /^\p{Script=Han}+$/u.test(word);
}

/** jieba's cut of every Han run. */
export function cutZh(text: string): string[] {
  const out: string[] = [];
  for (const run of normalize(text).match(HAN_RUN) ?? []) out.push(...segmenter().cut(run, true));
  return out.filter((w) => w.trim() !== "");
}

/** jieba's search-mode cut (long words also as their dictionary parts). */
export function cutZhForSearch(text: string): string[] {
  const out: string[] = [];
  for (const run of normalize(text).match(HAN_RUN) ?? []) out.push(...segmenter().cutForSearch(run, true));
  return out.filter((w) => w.trim() !== "");
}

export function latinWords(text: string): string[] {
  return normalize(text).match(LATIN_WORD) ?? [];
}

/** Full pinyin without tones, ü written v as pinyin keyboards type it (绿茶 → lvcha). */
export function pinyinFull(word: string): string {
  return pinyin(word, { toneType: "none", type: "array", nonZh: "removed", v: true }).join("").replace(/[^a-z]/g, "");
}

export function pinyinInitials(word: string): string {
  return pinyin(word, { pattern: "first", toneType: "none", type: "array", nonZh: "removed" }).join("").replace(/[^a-z]/g, "");
}

/** A plural English word's singular ("mushrooms" → "mushroom"), else the word. */
export function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

export interface AnalyzedDocument {
  terms: string[];
  zhTokens: string;
  zhSearch: string;
  pinyinFull: string;
  pinyinInitials: string;
  en: string;
  synonyms: string;
  latinText: string;
}

/**
 * The legal forms of organization names (有限公司, 专业合作社, Co., Ltd.): shared by most sellers, they find nothing
 * in particular and their pinyin initials (yxgs, hzs, gs …) would match half the catalogue.
 */
const ORG_FORMS_ZH = /股份有限公司|有限责任公司|有限公司|专业合作社|合作联社|合作社|公司/g;
const ORG_FORMS_EN = /\b(co|ltd|inc|llc|limited)\b/gi;

/** Terms of one product from its Chinese text (name, county, seller) and English text; legal forms of names dropped. */
export function analyzeDocument(zhText: string, enText: string, extraTerms: readonly string[] = []): AnalyzedDocument {
  const zh = zhText.replace(ORG_FORMS_ZH, " ");
  const tokens = cutZh(zh);
  const search = cutZhForSearch(zh);
  const zhWords = [...new Set([...tokens, ...search])].filter((w) => isHan(w));
  const full = new Set<string>();
  const initials = new Set<string>();
  for (const w of zhWords) {
    const f = pinyinFull(w);
    const i = pinyinInitials(w);
    if (f) full.add(f);
    if (i.length >= 2) initials.add(i);
  }
  const en = [...new Set(latinWords(enText.replace(ORG_FORMS_EN, " ")).flatMap((w) => [w, singular(w)]))];
  const syn = new Set<string>();
  for (const w of [...zhWords, ...en]) for (const s of synonymsOf(w)) syn.add(normalize(s));
  const grams = (normalize(zh).match(HAN_RUN) ?? []).flatMap((run) => hanGrams(run, true));
  const terms = [...new Set([...zhWords, ...full, ...initials, ...en, ...latinWords(zh), ...syn, ...extraTerms.map(normalize), ...grams])];
  return {
    terms,
    zhTokens: tokens.join(" "),
    zhSearch: search.join(" "),
    pinyinFull: [...full].join(" "),
    pinyinInitials: [...initials].join(" "),
    en: en.join(" "),
    synonyms: [...syn].join(" "),
    latinText: [...new Set([...full, ...en])].join(" ").slice(0, 20000),
  };
}

export interface QueryTerm {
  /** The word as typed (normalized). */
  text: string;
  /** Exact terms any of which matches (the word, its synonyms, its singular). */
  alternatives: string[];
  /** Latin words of 4+ letters also match with one typo (trigram similarity). */
  fuzzy: boolean;
  han: boolean;
  /** For a Han word: its search-mode parts plus the characters they leave over (冻蒸饺 → 蒸饺, 冻), all required when the whole word is not found. */
  parts: string[];
}

const MAX_TERMS = 8;
const QUANTITY = /^\d+(\.\d+)?(kg|g|jin|斤|公斤|克|箱|袋)?$/;

/** The terms of a query (at most 8); quantities such as "5kg" are ignored; punctuation and emoji drop out. */
export function analyzeQuery(q: string): QueryTerm[] {
  const text = normalize(q);
  const words: { w: string; han: boolean }[] = [];
  for (const part of text.split(/(\p{Script=Han}+)/u)) {
    if (!part) continue;
    if (isHan(part)) for (const w of segmenter().cut(part, false)) words.push({ w, han: true });
    else for (const w of part.match(LATIN_WORD) ?? []) if (!QUANTITY.test(w)) words.push({ w, han: false });
  }
  const seen = new Set<string>();
  const out: QueryTerm[] = [];
  for (const { w, han } of words) {
    if (seen.has(w)) continue;
    seen.add(w);
    const alternatives = new Set([w, ...synonymsOf(w).map(normalize)]);
    if (!han) alternatives.add(singular(w));
    out.push({ text: w, alternatives: [...alternatives], fuzzy: !han && /^[a-z]{4,}$/.test(w), han, parts: han ? partsOf(w) : [] });
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/** A Han word's search-mode parts of 2+ characters and the characters no part covers; empty when there is no proper part. */
export function partsOf(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length < 3) return [];
  const parts = segmenter().cutForSearch(word, false).filter((p) => p !== word && Array.from(p).length >= 2);
  if (parts.length === 0) return [];
  const covered = new Set<number>();
  for (const p of parts) {
    let from = 0;
    for (;;) {
      const at = word.indexOf(p, from);
      if (at < 0) break;
      for (let i = 0; i < p.length; i += 1) covered.add(at + i);
      from = at + 1;
    }
  }
  const rest = [...word].filter((_, i) => !covered.has(i));
  return [...new Set([...parts, ...rest])];
}

/**
 * Character n-gram terms of Han text, so a word the segmenter cut differently is still found as a substring through the
 * GIN index: "1:" + each character (documents only, or a one-character query) and "2:" + each pair of neighbours.
 */
export function hanGrams(text: string, withUnigrams: boolean): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  if (withUnigrams || chars.length === 1) for (const c of chars) out.push(`1:${c}`);
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(`2:${chars[i]}${chars[i + 1]}`);
  return [...new Set(out)];
}
