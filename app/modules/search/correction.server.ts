/**
 * Help for a search that found nothing: a spelling or pinyin correction ("您要找的是：香菇？"), the nearest category and
 * products that will be available soon. The correction itself is a pure function over a lexicon of known words
 * (the engine's product and place vocabulary plus the words of listed product names).
 */
import type { ProductCategory } from "~/generated/prisma/enums";
import type { PrismaClient } from "~/generated/prisma/client";
import { CATEGORIES } from "~/modules/catalog/categories";
import { listCatalog, LISTED, type CatalogItem, type CatalogQuery } from "~/modules/catalog/catalog.server";
import { messages } from "~/utils/i18n/messages";
import { cleanSearchText } from "~/utils/search-text";
import { searchEngine } from "./index.server";
import { CATEGORY_TERMS, SYNONYM_GROUPS } from "./synonyms";
import { cutZh, isHan, latinWords, normalize, pinyinFull, vocabulary } from "./text.server";

/** A known word: Han words carry their toneless pinyin; weight counts how often listed product names use it. */
export interface LexiconEntry {
  word: string;
  pinyin: string;
  weight: number;
}

export interface Lexicon {
  han: LexiconEntry[];
  latin: LexiconEntry[];
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** A lexicon from words (Han or Latin script, repeats raise a word's weight); other words are left out. */
export function buildLexicon(words: Iterable<string>): Lexicon {
  const counts = new Map<string, number>();
  for (const raw of words) {
    const w = normalize(raw).trim();
    if (!(isHan(w) && Array.from(w).length >= 2) && !/^[a-z]{3,}$/.test(w)) continue;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const han: LexiconEntry[] = [];
  const latin: LexiconEntry[] = [];
  for (const [word, weight] of counts) {
    if (isHan(word)) han.push({ word, pinyin: pinyinFull(word), weight });
    else latin.push({ word, pinyin: word, weight });
  }
  return { han, latin };
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
  for (let j = 1; j <= y.length; j += 1) d[0][j] = j;
  for (let i = 1; i <= x.length; i += 1) {
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

/** How many typos a Latin word of this length may carry and still be corrected (short words are too ambiguous). */
function latinBudget(length: number): number {
  if (length < 4) return 0;
  if (length < 6) return 1;
  if (length < 10) return 2;
  return 3;
}

interface Candidate {
  word: string;
  distance: number;
  /** Only letters left out (xiangu in xianggu): the commonest slip when typing fast, so it wins a tie. */
  omitted?: boolean;
  weight: number;
}

function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (Boolean(a.omitted) !== Boolean(b.omitted)) return Boolean(a.omitted);
  if (a.weight !== b.weight) return a.weight > b.weight;
  return a.word.length < b.word.length || (a.word.length === b.word.length && a.word < b.word);
}

/** The known Han word nearest to a Han run: same sound first (香姑 → 香菇), then one pinyin letter off (沙县偏肉 → 沙县扁肉). */
function correctHan(run: string, lexicon: Lexicon): string | null {
  const chars = Array.from(run);
  const sound = pinyinFull(run);
  if (!sound) return null;
  let best: Candidate | null = null;
  for (const e of lexicon.han) {
    if (e.word === run) return null;
    const length = Array.from(e.word).length;
    if (length !== chars.length) continue;
    const pinyinOff = editDistance(sound, e.pinyin);
    if (pinyinOff > (chars.length >= 3 ? 2 : 1)) continue;
    // Characters in common keep 冬姑 at 冬菇 rather than another word that sounds alike.
    const charsOff = chars.filter((c, i) => Array.from(e.word)[i] !== c).length;
    if (charsOff === chars.length && pinyinOff > 0) continue;
    const c = { word: e.word, distance: pinyinOff * 10 + charsOff, weight: e.weight };
    if (better(c, best)) best = c;
  }
  return best?.word ?? null;
}

/** The known word nearest to Latin letters: an English word (mushrom → mushroom) or a Han word by its pinyin (xiangu → 香菇). */
function correctLatin(letters: string, lexicon: Lexicon): string | null {
  const budget = latinBudget(letters.length);
  let best: Candidate | null = null;
  for (const e of [...lexicon.latin, ...lexicon.han]) {
    if (Math.abs(e.pinyin.length - letters.length) > budget) continue;
    const distance = editDistance(letters, e.pinyin);
    if (distance > budget) continue;
    // An exact English word is no correction; an exact pinyin is (xianggu → 香菇).
    if (distance === 0 && e.word === letters) return null;
    const c = { word: e.word, distance, omitted: isSubsequence(letters, e.pinyin), weight: e.weight };
    if (better(c, best)) best = c;
  }
  return best?.word ?? null;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i += 1;
  return i === short.length;
}

/**
 * The query as the buyer probably meant it, or null when nothing near is known or the query is already right.
 * Homophones (香姑), pinyin with or without spaces (xiangu, xiang gu) and English typos (mushrom) are corrected.
 */
export function correctQuery(query: string, lexicon: Lexicon): string | null {
  const text = normalize(cleanSearchText(query, 100));
  if (!text) return null;
  const hanRuns = text.match(HAN_RUN) ?? [];
  const latin = latinWords(text).filter((w) => /^[a-z]+$/.test(w));
  if (hanRuns.length === 0 && latin.length === 0) return null;
  // Pinyin typed with spaces is one word: try the letters joined first.
  if (hanRuns.length === 0 && latin.length > 1) {
    const joined = correctLatin(latin.join(""), lexicon);
    if (joined) return joined;
  }
  const parts: string[] = [];
  let changed = false;
  for (const run of hanRuns) {
    const whole = correctHan(run, lexicon);
    if (whole) {
      parts.push(whole);
      changed = true;
      continue;
    }
    // A longer run is corrected word by word (泰宁香姑片 → 泰宁 + 香菇 + 片).
    const words = cutZh(run).map((w) => (isHan(w) ? correctHan(w, lexicon) ?? w : w));
    const rejoined = words.join("");
    if (rejoined !== run) changed = true;
    parts.push(rejoined);
  }
  for (const w of latin) {
    const fixed = correctLatin(w, lexicon);
    if (fixed) changed = true;
    parts.push(fixed ?? w);
  }
  return changed ? parts.join(" ") : null;
}

/** Category words: the catalogue's labels in both languages and the engine's category terms. */
function categoryWords(category: ProductCategory): string[] {
  const label = messages[`category.${category}`];
  return [label.zh, label.en.toLowerCase(), ...(CATEGORY_TERMS[category] ?? [])].map(normalize);
}

// Words of the English labels that say nothing about the goods.
const GENERIC_WORDS = new Set(["and", "food", "goods", "products"]);

/** The category a query most plausibly means (菇 → mushrooms, "bambo" → bamboo shoots, chaye → tea), or null. */
export function nearestCategory(query: string | null | undefined): ProductCategory | null {
  const text = normalize(cleanSearchText(query, 100));
  if (!text) return null;
  const latin = latinWords(text).filter((w) => /^[a-z]+$/.test(w));
  let best: { category: ProductCategory; score: number } | null = null;
  for (const category of CATEGORIES) {
    for (const word of categoryWords(category)) {
      let score = 0;
      if (isHan(word.replace(/[·\s]/g, ""))) {
        // The longest category word inside the query wins: 预制菜 beats 菜.
        for (const part of word.split(/[·\s]/)) if (part && text.includes(part)) score = Math.max(score, Array.from(part).length * 2);
        const sound = pinyinFull(word);
        if (sound.length >= 3 && latin.includes(sound)) score = Math.max(score, 3);
      } else {
        for (const w of latin) {
          for (const piece of word.split(/\s+/)) {
            if (piece.length < 3 || GENERIC_WORDS.has(piece)) continue;
            const off = editDistance(w, piece);
            if (off <= latinBudget(piece.length) && off <= 2) score = Math.max(score, 4 - off);
          }
        }
      }
      if (score > 0 && (!best || score > best.score)) best = { category, score };
    }
  }
  return best?.category ?? null;
}

const LEXICON_TTL_MS = 10 * 60_000;
const LEXICON_PRODUCTS = 5000;
const cached = new WeakMap<PrismaClient, { lexicon: Lexicon; at: number }>();

/** The engine's vocabulary, synonym and category words, and the words of up to 5,000 listed product names; kept 10 minutes. */
export async function correctionLexicon(db: PrismaClient, now = Date.now()): Promise<Lexicon> {
  const hit = cached.get(db);
  if (hit && now - hit.at < LEXICON_TTL_MS) return hit.lexicon;
  const products = await db.product.findMany({ where: LISTED, select: { nameZh: true, nameEn: true }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: LEXICON_PRODUCTS });
  const words: string[] = [...vocabulary()];
  for (const g of SYNONYM_GROUPS) words.push(...g.flatMap((w) => w.split(/\s+/)));
  for (const terms of Object.values(CATEGORY_TERMS)) words.push(...terms);
  for (const p of products) {
    words.push(...cutZh(p.nameZh).filter(isHan), ...latinWords(p.nameEn));
    // Whole names too, so 香姑 inside a longer name still meets a word of its length.
    words.push(...(normalize(p.nameZh).match(HAN_RUN) ?? []));
  }
  const lexicon = buildLexicon(words);
  cached.set(db, { lexicon, at: now });
  return lexicon;
}

/** What the catalogue shows when a search finds nothing. */
export interface EmptyResultsHelp {
  /** A corrected query that does find products, e.g. 香菇 for 香姑. */
  correction: string | null;
  /** The nearest category (of the query, else of the correction's results). */
  category: ProductCategory | null;
  /** Whether the same words find products once the filters are dropped. */
  foundWithoutFilters: boolean;
  /** A few products that will be available soon (harvest windows starting within weeks). */
  soon: CatalogItem[];
}

const SOON_LIMIT = 4;

function hasFilters(query: CatalogQuery): boolean {
  return Boolean(query.category || query.originCounty || query.tempClass || query.sellerId || query.certKind || query.stock);
}

/** Correction, nearest category and products available soon for a query that found nothing. */
export async function emptyResultsHelp(db: PrismaClient, query: CatalogQuery): Promise<EmptyResultsHelp> {
  const q = cleanSearchText(query.q);
  const engine = searchEngine();
  const foundWithoutFilters = q !== "" && hasFilters(query) ? (await engine.search(db, { q, pageSize: 1 })).total > 0 : false;
  let correction: string | null = null;
  let correctedCategory: ProductCategory | null = null;
  const guess = q ? correctQuery(q, await correctionLexicon(db)) : null;
  if (guess && !foundWithoutFilters) {
    const found = await engine.search(db, { q: guess, pageSize: 1, facets: true });
    if (found.total > 0) {
      correction = guess;
      const top = Object.entries(found.facets?.category ?? {}).sort((a, b) => b[1] - a[1])[0];
      correctedCategory = CATEGORIES.find((c) => c === top?.[0]) ?? null;
    }
  }
  const category = nearestCategory(q) ?? nearestCategory(correction) ?? correctedCategory;
  let soon = (await listCatalog(db, { q: "", stock: "soon", category: category ?? undefined, page: 1, pageSize: SOON_LIMIT })).items;
  if (soon.length === 0 && category) soon = (await listCatalog(db, { q: "", stock: "soon", page: 1, pageSize: SOON_LIMIT })).items;
  return { correction, category, foundWithoutFilters, soon };
}
