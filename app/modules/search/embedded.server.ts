/**
 * The embedded search engine, on PostgreSQL (so it runs on PGlite and on a server alike). One row per listed product
 * in search_documents: its terms as a tsvector of exact lexemes under a GIN index (stored out of line), the sort values
 * and one facet id. Only listed products have a document (loadSearchDocuments drops the others), so a query reads this
 * table alone, and the whole match, filters included, is one tsquery: one index condition.
 *
 * A broad query (a county, a grade word) visits every matching row for its total and facet counts, so rows are kept
 * at about 130 bytes (see the SearchDocument model). Relevance is by tiers that are index conditions too (how many of
 * the query's words are among the words of the head of a product's name), newest first within a tier, so a page is
 * taken by walking the index of its order when its tier is a large share of the documents, or else sorted out of the
 * tier's matches: no query scores every match.
 */

import { ProductCategory, TempClass } from "~/generated/prisma/enums";
import type { PrismaClient } from "~/generated/prisma/client";
import { driverOf, poolQuery } from "~/utils/db.server";
import { pageCount } from "~/utils/pagination";
import { cleanSearchText } from "~/utils/search-text";
import type { FacetCounts, SearchDb, SearchEngine, SearchQuery, SearchResult } from "./engine";
import { loadSearchDocuments, type SearchDocument } from "./documents.server";
import { analyzeDocument, analyzeQuery, hanGrams, normalize, singular, type AnalyzedDocument, type QueryTerm } from "./text.server";

const DEFAULT_PAGE_SIZE = 24;
const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 100_000;
const BATCH = 200;
const MAX_TERM_LENGTH = 64;

const CATEGORIES = new Set<string>(Object.values(ProductCategory));
const TEMP_CLASSES = new Set<string>(Object.values(TempClass));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Lexemes of the filter values. Query words never contain "@" (analyzeQuery keeps letters, digits and Han
 * characters), so typing them matches nothing.
 */
const FILTER = {
  category: (v: string) => `@category:${v}`,
  tempClass: (v: string) => `@temp:${v}`,
  originCounty: (v: string) => `@county:${v}`,
  certKind: (v: string) => `@cert:${v}`,
  sellerId: (v: string) => `@seller:${v.toLowerCase()}`,
  inStock: "@stock",
  availableSoon: "@soon",
} as const;

// ---------------------------------------------------------------------------------------------
// Indexing

interface DocumentRow {
  product_id: string;
  seller_id: string;
  created_at: string;
  min_price_per_kg_fen: number | null;
  combo: string;
  terms: string[];
}

const isGram = (term: string) => /^\d:/.test(term);
const words = (text: string) => text.split(" ").filter((w) => w !== "");

/**
 * The terms of a document: the shared analysis less what only adds breadth, plus the filter values. Pinyin initials
 * are kept for the words of the head of the name only: a buyer typing "xg" means 香菇 goods, not every product of a
 * seller, county or grade whose words have those initials (沙县 sx, 一级 yj would each match a tenth of the catalogue).
 * Single characters are kept for the name only.
 */
function documentTerms(d: SearchDocument, head: AnalyzedDocument): string[] {
  const keepInitials = new Set(words(head.pinyinInitials));
  const initials = new Set(words(d.pinyinInitials));
  const nameChars = new Set(Array.from(normalize(d.nameZh)));
  const terms = d.terms.filter((t) => {
    if (t === "" || t.length > MAX_TERM_LENGTH) return false;
    if (t.startsWith("1:")) return nameChars.has(t.slice(2));
    return !initials.has(t) || keepInitials.has(t);
  });
  const filters = [FILTER.category(d.category), FILTER.tempClass(d.tempClass), FILTER.originCounty(d.originCounty), FILTER.sellerId(d.sellerId), ...d.certKinds.map(FILTER.certKind)];
  if (d.inStock) filters.push(FILTER.inStock);
  if (d.availableSoon) filters.push(FILTER.availableSoon);
  return [...new Set([...terms, ...filters])];
}

/** The head of a name: what comes before any bracket or comma (泰宁香菇（光面菇） → 泰宁香菇). */
const headOf = (name: string) => name.split(/[（(【[〔《<{,，、]/)[0];

/** The analysis of the heads of the names: a query word among their words (with synonyms, pinyin, initials) ranks a product first. */
const analyzeHead = (d: SearchDocument): AnalyzedDocument => analyzeDocument(headOf(d.nameZh), headOf(d.nameEn));
const headWords = (head: AnalyzedDocument) => head.terms.filter((t) => !isGram(t) && t !== "" && t.length < MAX_TERM_LENGTH);

/** A head word as a lexeme of its own, so a relevance tier is an index condition. */
const HEAD = (word: string) => `^${word}`;

/** The facet values as one combination, written as PostgreSQL prints the same JSON (the migration builds it there). */
function facetCombo(d: SearchDocument): string {
  const json = (items: readonly unknown[]): string => `[${items.map((v) => (Array.isArray(v) ? json(v) : JSON.stringify(v))).join(", ")}]`;
  return json([d.category, d.tempClass, d.inStock, d.availableSoon, d.originCounty, [...d.certKinds].sort()]);
}

function toRow(d: SearchDocument): DocumentRow {
  const head = analyzeHead(d);
  return {
    product_id: d.productId,
    seller_id: d.sellerId,
    created_at: d.createdAt.toISOString(),
    min_price_per_kg_fen: d.minPricePerKgFen,
    combo: facetCombo(d),
    terms: [...new Set([...documentTerms(d, head), ...headWords(head).map(HEAD)])],
  };
}

const COLUMNS = "product_id, seller_id, created_at, min_price_per_kg_fen, facet_id, terms";
const UPDATED = COLUMNS.split(", ").filter((c) => c !== "product_id");

// One statement per batch: the rows travel as one JSON parameter, in product order (two batches never wait on each
// other's rows in opposite orders). A document that did not change is left alone (no dead row, no index churn), so
// reindexing on every price or stock change stays cheap.
const UPSERT = `INSERT INTO search_documents (${COLUMNS}, indexed_at)
  SELECT x.product_id, x.seller_id, x.created_at, x.min_price_per_kg_fen, (SELECT c.id FROM search_facet_combos c WHERE c.combo = x.combo),
    array_to_tsvector(ARRAY(SELECT jsonb_array_elements_text(x.terms))), now()
  FROM jsonb_to_recordset($1::jsonb) AS x(product_id uuid, seller_id uuid, created_at timestamptz, min_price_per_kg_fen integer, combo text, terms jsonb)
  ORDER BY x.product_id
  ON CONFLICT (product_id) DO UPDATE SET ${UPDATED.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}, indexed_at = now()
  WHERE (${UPDATED.map((c) => `search_documents.${c}`).join(", ")}) IS DISTINCT FROM (${UPDATED.map((c) => `EXCLUDED.${c}`).join(", ")})`;

/**
 * Adds the values not yet in a dictionary table, in a fixed order (two batches adding the same new values wait for
 * each other instead of deadlocking); existing values cost nothing (ON CONFLICT alone would burn a serial id each).
 */
function addValues(db: SearchDb, table: "search_facet_combos" | "search_terms", column: "combo" | "term", list: Iterable<string>) {
  const sorted = [...new Set(list)].sort();
  if (sorted.length === 0) return Promise.resolve(0);
  return db.$executeRawUnsafe(
    `INSERT INTO ${table} (${column}) SELECT u.v FROM unnest($1::text[]) WITH ORDINALITY AS u(v, i)
     WHERE NOT EXISTS (SELECT 1 FROM ${table} s WHERE s.${column} = u.v) ORDER BY u.i ON CONFLICT DO NOTHING`,
    sorted,
  );
}

async function indexProducts(db: SearchDb, productIds: readonly string[], now = new Date()): Promise<void> {
  const ids = [...new Set(productIds)];
  for (let i = 0; i < ids.length; i += BATCH) {
    const { docs, unlisted } = await loadSearchDocuments(db, ids.slice(i, i + BATCH), now);
    if (unlisted.length) await removeProducts(db, unlisted);
    if (docs.length === 0) continue;
    const rows = docs.map(toRow);
    await addValues(db, "search_facet_combos", "combo", rows.map((r) => r.combo));
    // The Latin words typos are corrected against (trigram index).
    const latin = docs.flatMap((d) => [...words(d.pinyinFull), ...words(d.en)]).filter((w) => /^[a-z0-9]{1,64}$/.test(w));
    await addValues(db, "search_terms", "term", latin);
    await db.$executeRawUnsafe(UPSERT, JSON.stringify(rows));
  }
}

async function removeProducts(db: SearchDb, productIds: readonly string[]): Promise<void> {
  const ids = productIds.filter((id) => UUID.test(id));
  if (ids.length) await db.$executeRawUnsafe(`DELETE FROM search_documents WHERE product_id = ANY($1::uuid[])`, ids);
}

/** What the index holds for one product (for tests and diagnostics; the row layout is this module's own): null when it has no document. */
export async function readDocument(db: SearchDb, productId: string): Promise<{ inStock: boolean; terms: string[] } | null> {
  if (!UUID.test(productId)) return null;
  const [row] = await db.$queryRawUnsafe<{ terms: string[] }[]>(
    `SELECT tsvector_to_array(terms) AS terms FROM search_documents WHERE product_id = $1::uuid`,
    productId,
  );
  return row ? { inStock: row.terms.includes(FILTER.inStock), terms: row.terms } : null;
}

// ---------------------------------------------------------------------------------------------
// Querying

/** How queries are carried out; results never depend on it (the tests set it so that every path is taken). */
export interface Tuning {
  /** Up to this many matches the page is sorted out of them in the first statement; more are paged tier by tier. */
  few: number;
  /** Tier sizes are counted up to this many: a page that ends inside a larger tier needs no more. */
  tierBound: number;
  /** A walk of an order index is tried when it should visit at most half this many rows. */
  walkBudget: number;
  /** Rows a walk visits before giving up for the GIN index (default walkBudget). */
  walkLimit?: number;
  /** What visiting a row in a walk costs (a read of its terms out of line and a test), against a row found through the GIN index. */
  walkRowCost: number;
}

const TUNING: Tuning = { few: 3000, tierBound: 1000, walkBudget: 400, walkRowCost: 20 };

/** The orders of a page. By relevance: by score (tier by tier), each tier newest first, so tiers are walked by the newest index. */
const ORDER = {
  relevance: "score DESC, created_at DESC, product_id ASC",
  price_per_kg: "min_price_per_kg_fen ASC NULLS LAST, product_id ASC",
  newest: "created_at DESC, product_id ASC",
} as const;

type Hit = { id: string; score: number };

function clampInt(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

const EMPTY_FACETS = (): FacetCounts => ({ category: {}, originCounty: {}, tempClass: {}, sellerId: {}, certKind: {}, inStock: {}, availableSoon: {} });

/** Score literals as float8, so per-row arithmetic never goes through numeric. */
const f8 = (n: number) => `${n}::float8`;

/** A term as a quoted tsquery lexeme: taken as it is, never parsed into words or operators. */
const lexeme = (term: string) => `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
const anyOf = (terms: readonly string[]) => `(${[...new Set(terms)].map(lexeme).join(" | ")})`;
const allOf = (terms: readonly string[]) => `(${[...new Set(terms)].map(lexeme).join(" & ")})`;

/** Query parameters, numbered as they are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The documents matching a tsquery (none: all of them). The whole match is one index condition; as a subquery the
 * planner cannot see into, its estimate stays that of a selective one, so the GIN index is always used (a sequential
 * scan would read every row's terms out of line).
 */
const whereMatching = (tsquery: string | null, p: Params) => (tsquery ? ` WHERE d.terms @@ (SELECT ${p.add(tsquery)}::tsquery)` : "");

/** The number of rows of a tsquery, counted up to `bound` (a subquery). */
const countSql = (match: string, p: Params, bound?: number) =>
  `(SELECT count(*)::int FROM (SELECT 1 FROM search_documents d${whereMatching(match, p)}${bound ? ` LIMIT ${bound}` : ""}) x)`;

/** Whether two words are at most one typo apart: a letter added, dropped or replaced, or two neighbours swapped. */
export function oneTypoApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const rest = (x: string, y: string) => x.slice(i + 1) === y.slice(i + 1);
  if (a.length === b.length) return rest(a, b) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Corrections of the query's typo-tolerant words, in one round trip: the vocabulary's nearest words by pg_trgm
 * similarity, kept when they are one typo away (similar words further off, such as jianshui for jiannng, would only
 * widen the match). A word the vocabulary has as it is was not mistyped and gets none.
 */
async function corrections(db: Reader, terms: readonly QueryTerm[]): Promise<Map<string, string[]>> {
  const fuzzy = terms.filter((t) => t.fuzzy).map((t) => t.text);
  const out = new Map<string, string[]>();
  if (fuzzy.length === 0) return out;
  const rows = await db.$queryRawUnsafe<{ q: string; term: string }[]>(
    `SELECT q, s.term FROM unnest($1::text[]) AS q CROSS JOIN LATERAL (
       SELECT term FROM search_terms WHERE NOT EXISTS (SELECT 1 FROM search_terms e WHERE e.term = q)
         AND term % q AND abs(length(term) - length(q)) <= 1 ORDER BY similarity(term, q) DESC, term LIMIT 10) s`,
    fuzzy,
  );
  for (const r of rows) if (oneTypoApart(r.q, r.term)) out.set(r.q, [...(out.get(r.q) ?? []), r.term].slice(0, 5));
  return out;
}

/**
 * The tsquery of one query term, and of the products that have it among their head words (ranked first). Synonyms and
 * singulars are among the head words too, so the word as typed (and its corrections) is enough there.
 */
function termClause(t: QueryTerm, corrected: readonly string[]): { query: string; head: string } {
  if (t.han) {
    const chars = Array.from(t.text).length;
    // Its characters in a row are found through the pair terms (a single character through its own term), so a word
    // the segmenter cut differently still matches; a compound also matches by its parts (冻蒸饺 → 冻 + 蒸饺). A
    // two-character word itself is left out: every document with the word has its pair.
    const grams = hanGrams(t.text, false);
    const words = chars === 2 ? t.alternatives.filter((a) => a !== t.text) : t.alternatives;
    const alts = [anyOf(chars <= 2 ? [...words, ...grams] : words)];
    if (chars > 2) alts.push(allOf(grams));
    if (t.parts.length) alts.push(allOf(t.parts));
    return { query: `(${alts.join(" | ")})`, head: anyOf([HEAD(t.text)]) };
  }
  return { query: anyOf([...t.alternatives, ...corrected]), head: anyOf([singular(t.text), ...corrected].map(HEAD)) };
}

/** The filters as lexemes; null when a value cannot match anything (unknown category, malformed seller id …). */
function filterLexemes(query: SearchQuery): string[] | null {
  const values: string[] = [];
  if (query.category) {
    if (!CATEGORIES.has(query.category)) return null;
    values.push(FILTER.category(query.category));
  }
  if (query.tempClass) {
    if (!TEMP_CLASSES.has(query.tempClass)) return null;
    values.push(FILTER.tempClass(query.tempClass));
  }
  if (query.sellerId) {
    if (!UUID.test(query.sellerId)) return null;
    values.push(FILTER.sellerId(query.sellerId));
  }
  if (query.originCounty) values.push(FILTER.originCounty(query.originCounty));
  if (query.certKind) values.push(FILTER.certKind(query.certKind));
  if (query.inStock) values.push(FILTER.inStock);
  if (query.availableSoon) values.push(FILTER.availableSoon);
  return values;
}

interface Tier {
  match: string;
  score: number;
}

/**
 * The relevance tiers of n query words: the products with exactly k of them among their head words, k from n down to
 * 0, scoring 1 a word among the head words and 0.5 a word elsewhere. Each tier is one tsquery.
 */
function tiersOf(match: string, heads: readonly string[]): Tier[] {
  const out: Tier[] = [];
  for (let k = heads.length; k >= 0; k -= 1) {
    const ways: string[] = [];
    const choose = (start: number, picked: number[]) => {
      if (picked.length === k) {
        ways.push(`(${heads.map((h, i) => (picked.includes(i) ? h : `!${h}`)).join(" & ")})`);
        return;
      }
      for (let i = start; i < heads.length; i += 1) choose(i + 1, [...picked, i]);
    };
    choose(0, []);
    out.push({ match: `${match} & (${ways.join(" | ")})`, score: k + 0.5 * (heads.length - k) });
  }
  return out;
}

/** A product's score (see tiersOf) from its own terms: worked out for a page's rows only. */
function scoreOf(heads: readonly string[], p: Params): string {
  if (heads.length === 0) return f8(0);
  return heads.map((h) => `CASE WHEN d.terms @@ ${p.add(h)}::tsquery THEN ${f8(1)} ELSE ${f8(0.5)} END`).join(" + ");
}

interface Counts {
  total: number;
  /** The sizes of the relevance tiers but the last, each counted up to tierBound (broad queries only). */
  tiers: number[];
  /** What the tiers were counted up to: a tier of this size may be larger. */
  tierBound: number;
  /** The planner's estimate of the number of documents (not positive when unknown). */
  documents: number;
  /** Matches per facet combination (search_facet_combos id) and per seller. */
  combos: Record<string, number> | string | null;
  sellers: Record<string, number> | string | null;
  /** The page, when the matches were few enough to take it in the same statement. */
  hits: Hit[] | null;
}

interface FirstStatement {
  match: string | null;
  /** The tsqueries of the products with each query word among their head words. */
  heads: readonly string[];
  /** The relevance tiers but the last, counted for a broad query ranked by relevance. */
  tiers: readonly Tier[];
  facets: boolean;
  order: string;
  pageSize: number;
  page: number;
}

/**
 * The first statement: the total and, when asked, the facet counts, in one pass over the matches (grouped by facet
 * combination, by seller and all together). For few matches it also takes the page out of them (a word's place among
 * the head words found through the GIN index for them all at once); for many, it counts the relevance tiers instead,
 * up to a bound, and the page is then taken tier by tier (pageOf).
 */
async function firstStatement(db: Reader, f: FirstStatement, o: Tuning): Promise<Counts> {
  const p = new Params();
  // The planner's row count (kept by ANALYZE and VACUUM), or where there is none yet (PGlite never runs them on its
  // own) one from the table's size: it only decides whether to walk an order index.
  const documents = `(SELECT CASE WHEN reltuples > 0 THEN reltuples ELSE pg_relation_size(oid) / 140.0 END::float8 FROM pg_class WHERE oid = 'search_documents'::regclass)`;
  const counted = f.facets
    ? `g AS (SELECT facet_id, seller_id, GROUPING(facet_id, seller_id) AS gs, count(*)::int AS n FROM search_documents d${whereMatching(f.match, p)}
         GROUP BY GROUPING SETS ((facet_id), (seller_id), ())),
       t AS (SELECT coalesce((SELECT n FROM g WHERE gs = 3), 0) AS n)`
    : `t AS (SELECT count(*)::int AS n FROM search_documents d${whereMatching(f.match, p)})`;
  const few = p.add(o.few);
  const inHead = (h: string) => `d.product_id IN (SELECT x.product_id FROM search_documents x WHERE x.terms @@ (SELECT ${p.add(`${f.match} & ${h}`)}::tsquery))`;
  const score = f.heads.length ? f.heads.map((h) => `CASE WHEN ${inHead(h)} THEN ${f8(1)} ELSE ${f8(0.5)} END`).join(" + ") : f8(0);
  const matching = f.match ? `d.terms @@ (SELECT ${p.add(f.match)}::tsquery) AND ` : "";
  const size = p.add(f.pageSize);
  const offset = p.add((f.page - 1) * f.pageSize);
  // Counted no further than the requested page reaches: each counted row is a row read.
  const tierBound = Math.min(o.tierBound, f.page * f.pageSize);
  const tiers = f.tiers.length ? `CASE WHEN (SELECT n FROM t) > ${few}::int THEN ARRAY[${f.tiers.map((t) => countSql(t.match, p, tierBound)).join(", ")}] END` : "NULL::int[]";
  // The page part is skipped (a one-time filter) when the matches are many.
  const sql = `WITH ${counted},
    m AS MATERIALIZED (SELECT d.product_id, d.created_at, d.min_price_per_kg_fen, ${score} AS score FROM search_documents d
      WHERE ${matching}(SELECT n FROM t) <= ${few}::int),
    hits AS (SELECT product_id, score FROM m ORDER BY ${f.order} LIMIT ${size}::int
      OFFSET least(${offset}::int, greatest(0, ((SELECT n FROM t) - 1) / ${size}::int * ${size}::int)))
    SELECT product_id::text AS id, score, NULL::int AS total, NULL::int[] AS tiers, NULL::float8 AS documents, NULL::json AS combos, NULL::json AS sellers FROM hits
    UNION ALL
    SELECT NULL, NULL, (SELECT n FROM t), ${tiers}, ${documents},
      ${f.facets ? "(SELECT json_object_agg(facet_id, n) FROM g WHERE gs = 1), (SELECT json_object_agg(seller_id, n) FROM g WHERE gs = 2)" : "NULL::json, NULL::json"}`;
  type Row = { id: string | null; score: number | null; total: number | null; tiers: number[] | null; documents: number | null } & Pick<Counts, "combos" | "sellers">;
  const rows = await db.$queryRawUnsafe<Row[]>(sql, ...p.values);
  const meta = rows.find((r) => r.id === null);
  const total = Number(meta?.total ?? 0);
  return {
    total,
    tiers: (meta?.tiers ?? []).map(Number),
    tierBound,
    documents: Number(meta?.documents ?? 0),
    combos: meta?.combos ?? null,
    sellers: meta?.sellers ?? null,
    hits: total <= o.few ? rows.filter((r) => r.id !== null).map((r) => ({ id: r.id as string, score: Number(r.score) })) : null,
  };
}

type Combo = [category: string, tempClass: string, inStock: boolean, availableSoon: boolean, county: string, certs: string[]];

// Facet combinations never change once written (a change of values is a new combination), so every process may keep
// the ones it has read.
const combos = new Map<number, Combo>();

/** The facet counts: the matches per combination summed per value, and per seller; every facet present. */
async function facetCounts(db: Reader, c: Counts): Promise<FacetCounts> {
  const parse = <T>(v: T | string | null): T | null => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  const perCombo = Object.entries(parse(c.combos) ?? {}).map(([id, n]) => [Number(id), Number(n)] as const);
  const unknown = perCombo.map(([id]) => id).filter((id) => !combos.has(id));
  if (unknown.length) {
    for (const r of await db.$queryRawUnsafe<{ id: number; combo: string }[]>(`SELECT id, combo FROM search_facet_combos WHERE id = ANY($1::int[])`, unknown)) {
      if (combos.size < 100_000) combos.set(Number(r.id), JSON.parse(r.combo) as Combo);
    }
  }
  const f = EMPTY_FACETS();
  const add = (facet: keyof FacetCounts, value: string, n: number) => {
    f[facet][value] = (f[facet][value] ?? 0) + n;
  };
  for (const [id, n] of perCombo) {
    const combo = combos.get(id);
    if (!combo) continue;
    const [category, tempClass, inStock, availableSoon, county, certs] = combo;
    add("category", category, n);
    add("tempClass", tempClass, n);
    add("inStock", String(inStock), n);
    add("availableSoon", String(availableSoon), n);
    add("originCounty", county, n);
    for (const k of certs) add("certKind", k, n);
  }
  for (const [seller, n] of Object.entries(parse(c.sellers) ?? {})) add("sellerId", seller, Number(n));
  return f;
}

interface Segment {
  /** The tsquery of its rows (null: every document). */
  match: string | null;
  /** Its number of rows, or an estimate (an index walk is then only tried). */
  size: number;
  order: string;
  /** The score of its rows: a constant (a relevance tier), else worked out for the page's rows. */
  score: number | ((p: Params) => string);
}

/**
 * Rows [from, to) of a segment in its order. A segment holding a large share of the documents is read by walking the
 * index of its order and testing each row (about to / share rows, when that costs less than sorting the page out of
 * all its rows); otherwise, or when the walk comes up short, its rows are found through the GIN index and the page
 * sorted out of them.
 */
async function pageOf(db: Reader, seg: Segment, from: number, to: number, documents: number, o: Tuning): Promise<Hit[]> {
  const want = Math.min(to, seg.size) - from;
  if (want <= 0) return [];
  const scored = (rows: string, p: Params) =>
    `SELECT d.product_id::text AS id, ${typeof seg.score === "number" ? f8(seg.score) : seg.score(p)} AS score FROM (${rows}) d ORDER BY ${seg.order}`;
  const visits = documents > 0 ? (to * documents) / seg.size : Infinity;
  if (visits <= o.walkBudget / 2 && visits * o.walkRowCost < seg.size) {
    const p = new Params();
    const test = seg.match ? ` WHERE d.terms @@ ${p.add(seg.match)}::tsquery` : "";
    const walked = `SELECT product_id, created_at, min_price_per_kg_fen, terms FROM search_documents ORDER BY ${seg.order} LIMIT ${o.walkLimit ?? o.walkBudget}`;
    const rows = await db.$queryRawUnsafe<Hit[]>(
      scored(`SELECT * FROM (${walked}) d${test} ORDER BY ${seg.order} LIMIT ${p.add(want)}::int OFFSET ${p.add(from)}::int`, p),
      ...p.values,
    );
    if (rows.length === want) return rows;
  }
  // OFFSET 0 keeps the matching apart from the order: the planner could otherwise walk an order index and read every
  // visited row's terms, which for a selective query means most of the table.
  const p = new Params();
  const matches = `SELECT d.product_id, d.created_at, d.min_price_per_kg_fen, d.terms FROM search_documents d${whereMatching(seg.match, p)} OFFSET 0`;
  return db.$queryRawUnsafe<Hit[]>(scored(`SELECT * FROM (${matches}) d ORDER BY ${seg.order} LIMIT ${p.add(want)}::int OFFSET ${p.add(from)}::int`, p), ...p.values);
}

/** The page by relevance, tier by tier (more query words among the head words first), each tier newest first. */
async function relevancePage(db: Reader, tiers: readonly Tier[], c: Counts, from: number, to: number, o: Tuning): Promise<Hit[]> {
  const hits: Hit[] = [];
  let start = 0;
  for (let i = 0; i < tiers.length && start < to; i += 1) {
    const last = i === tiers.length - 1;
    let size = last ? c.total - start : (c.tiers[i] ?? 0);
    const open = !last && size >= c.tierBound;
    // A tier counted to the bound is larger still: a page that ends inside it walks it (the rest of the total as its
    // estimate); one that reaches past it needs its exact size.
    if (open && to - start > size) {
      const p = new Params();
      const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT ${countSql(tiers[i].match, p)} AS n`, ...p.values);
      size = Number(row.n);
    }
    const estimate = open && to - start <= size ? c.total - start : size;
    const seg = { match: tiers[i].match, size: estimate, order: ORDER.newest, score: tiers[i].score };
    hits.push(...(await pageOf(db, seg, Math.max(0, from - start), Math.min(to - start, size), c.documents, o)));
    start += size;
  }
  return hits;
}

/** What the query side needs of a database: statements that read. */
type Reader = Pick<SearchDb, "$queryRawUnsafe">;

/**
 * Reads on the pool behind `db` when it is a client from openDatabase, without Prisma in between (a search is
 * two to four statements, and Prisma's own work per raw statement showed in the latency); else on `db` itself.
 */
function readerOf(db: SearchDb): Reader {
  const driver = driverOf(db as PrismaClient);
  if (!driver) return db;
  const query = poolQuery(driver);
  const read = (sql: string, ...values: unknown[]) => query(sql, values);
  return { $queryRawUnsafe: read as Reader["$queryRawUnsafe"] };
}

async function search(client: SearchDb, query: SearchQuery, o: Tuning): Promise<SearchResult> {
  const db = readerOf(client);
  const pageSize = clampInt(query.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const requestedPage = clampInt(query.page, 1, MAX_PAGE, 1);
  const q = cleanSearchText(query.q, 100);
  const terms = q ? analyzeQuery(q) : [];
  const empty: SearchResult = { hits: [], total: 0, page: 1, pages: 1, ...(query.facets ? { facets: EMPTY_FACETS() } : {}) };
  // Text that yields no term (only punctuation, emoji …) finds nothing rather than everything.
  if (q && terms.length === 0) return empty;
  const filters = filterLexemes(query);
  if (filters === null) return empty;

  const near = await corrections(db, terms);
  const clauses = terms.map((t) => termClause(t, (near.get(t.text) ?? []).filter((w) => !t.alternatives.includes(w))));
  const parts = [...(filters.length ? [allOf(filters)] : []), ...clauses.map((c) => c.query)];
  const match = parts.length ? parts.join(" & ") : null;
  const heads = clauses.map((c) => c.head);
  // Without words, relevance is newest first.
  const sort = query.sort === "price_per_kg" || query.sort === "newest" ? query.sort : heads.length ? "relevance" : "newest";
  const tiers = sort === "relevance" && match ? tiersOf(match, heads) : [];
  const first = { match, heads, tiers: tiers.slice(0, -1), facets: Boolean(query.facets), order: ORDER[sort], pageSize, page: requestedPage };
  const c = await firstStatement(db, first, o);
  const pages = pageCount(c.total, pageSize);
  const page = Math.min(requestedPage, pages);
  const from = (page - 1) * pageSize;
  const to = from + pageSize;

  let hits = c.hits ?? [];
  if (c.hits === null && tiers.length) hits = await relevancePage(db, tiers, c, from, to, o);
  else if (c.hits === null) hits = await pageOf(db, { match, size: c.total, order: ORDER[sort], score: (p) => scoreOf(heads, p) }, from, to, c.documents, o);
  return {
    hits: hits.map((h) => ({ id: h.id, score: Math.round(Number(h.score) * 1000) / 1000 })),
    total: c.total,
    page,
    pages,
    ...(query.facets ? { facets: await facetCounts(db, c) } : {}),
  };
}

/**
 * VACUUM (ANALYZE) of the index's tables: their dead rows cleared (every re-index of a product rewrites its
 * document), visibility and planner statistics up to date. PGlite has no autovacuum, and there a search over an
 * index left unvacuumed after a rebuild took about half as long again at the 95th percentile (bench:search). Not
 * inside a transaction (VACUUM refuses one); run after search:reindex and nightly by search.availability.
 */
export async function maintainEmbeddedIndex(db: PrismaClient): Promise<void> {
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) search_documents, search_terms, search_facet_combos`);
}

/** The embedded engine; `tuning` changes how queries are carried out, never their results. */
export function createEmbeddedEngine(tuning: Partial<Tuning> = {}): SearchEngine {
  const o = { ...TUNING, ...tuning };
  return { name: "embedded", index: (db, ids) => indexProducts(db, ids), remove: removeProducts, search: (db, query) => search(db, query, o) };
}

/** The engine with its default tuning. */
export const embeddedEngine: SearchEngine = createEmbeddedEngine();
