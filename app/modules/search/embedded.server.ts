/**
 * The embedded search engine: documents in the search_documents table (GIN over exact terms, trigram over
 * Latin words), queried on PostgreSQL, so it runs on PGlite and on a server alike.
 * Listed-ness (active product, verified and unsuspended seller) is checked against the live rows at query time.
 */

import { pageCount } from "~/utils/pagination";
import { cleanSearchText, escapeLike } from "~/utils/search-text";
import type { FacetCounts, SearchDb, SearchEngine, SearchQuery, SearchResult } from "./engine";
import { loadSearchDocuments } from "./documents.server";
import { analyzeQuery, hanGrams } from "./text.server";

const DEFAULT_PAGE_SIZE = 24;
const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 100_000;
const BATCH = 200;

async function indexProducts(db: SearchDb, productIds: readonly string[], now = new Date()): Promise<void> {
  const ids = [...new Set(productIds)];
  for (let i = 0; i < ids.length; i += BATCH) {
    const { docs: loaded, unlisted } = await loadSearchDocuments(db, ids.slice(i, i + BATCH), now);
    if (unlisted.length) await removeProducts(db, unlisted);
    const docs = loaded.map((d) => ({
      product_id: d.productId,
      seller_id: d.sellerId,
      terms: d.terms,
      zh_tokens: d.zhTokens,
      zh_search: d.zhSearch,
      pinyin_full: d.pinyinFull,
      pinyin_initials: d.pinyinInitials,
      en: d.en,
      synonyms: d.synonyms,
      latin_text: d.latinText,
      category: d.category,
      origin_county: d.originCounty,
      temp_class: d.tempClass,
      cert_kinds: d.certKinds,
      in_stock: d.inStock,
      available_soon: d.availableSoon,
      min_price_per_kg_fen: d.minPricePerKgFen,
      created_at: d.createdAt.toISOString(),
    }));
    if (docs.length === 0) continue;
    const vocabulary = [...new Set(docs.flatMap((d) => d.latin_text.split(" ")))].filter((w) => /^[a-z0-9]{1,64}$/.test(w));
    if (vocabulary.length) await db.$executeRawUnsafe(`INSERT INTO search_terms (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, vocabulary);
    // One statement per batch: the documents travel as one JSON parameter.
    await db.$executeRawUnsafe(
      `INSERT INTO search_documents (product_id, seller_id, terms, zh_tokens, zh_search, pinyin_full, pinyin_initials, en, synonyms, latin_text,
         category, origin_county, temp_class, cert_kinds, in_stock, available_soon, min_price_per_kg_fen, created_at, indexed_at)
       SELECT x.product_id, x.seller_id, ARRAY(SELECT jsonb_array_elements_text(x.terms)), x.zh_tokens, x.zh_search, x.pinyin_full, x.pinyin_initials,
         x.en, x.synonyms, x.latin_text, x.category::"ProductCategory", x.origin_county, x.temp_class::"TempClass",
         ARRAY(SELECT jsonb_array_elements_text(x.cert_kinds)), x.in_stock, x.available_soon, x.min_price_per_kg_fen, x.created_at, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(product_id uuid, seller_id uuid, terms jsonb, zh_tokens text, zh_search text, pinyin_full text,
         pinyin_initials text, en text, synonyms text, latin_text text, category text, origin_county text, temp_class text, cert_kinds jsonb,
         in_stock boolean, available_soon boolean, min_price_per_kg_fen integer, created_at timestamptz)
       ON CONFLICT (product_id) DO UPDATE SET seller_id = EXCLUDED.seller_id, terms = EXCLUDED.terms, zh_tokens = EXCLUDED.zh_tokens,
         zh_search = EXCLUDED.zh_search, pinyin_full = EXCLUDED.pinyin_full, pinyin_initials = EXCLUDED.pinyin_initials, en = EXCLUDED.en,
         synonyms = EXCLUDED.synonyms, latin_text = EXCLUDED.latin_text, category = EXCLUDED.category, origin_county = EXCLUDED.origin_county,
         temp_class = EXCLUDED.temp_class, cert_kinds = EXCLUDED.cert_kinds, in_stock = EXCLUDED.in_stock, available_soon = EXCLUDED.available_soon,
         min_price_per_kg_fen = EXCLUDED.min_price_per_kg_fen, created_at = EXCLUDED.created_at, indexed_at = now()`,
      JSON.stringify(docs),
    );
  }
}

async function removeProducts(db: SearchDb, productIds: readonly string[]): Promise<void> {
  const ids = productIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (ids.length) await db.$executeRawUnsafe(`DELETE FROM search_documents WHERE product_id = ANY($1::uuid[])`, ids);
}

function clampInt(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

const EMPTY_FACETS = (): FacetCounts => ({ category: {}, originCounty: {}, tempClass: {}, sellerId: {}, certKind: {}, inStock: {}, availableSoon: {} });

async function search(db: SearchDb, query: SearchQuery): Promise<SearchResult> {
  const pageSize = clampInt(query.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const requestedPage = clampInt(query.page, 1, MAX_PAGE, 1);
  const q = cleanSearchText(query.q, 100);
  const terms = q ? analyzeQuery(q) : [];
  const empty: SearchResult = { hits: [], total: 0, page: 1, pages: 1, ...(query.facets ? { facets: EMPTY_FACETS() } : {}) };
  // Text that yields no term (only punctuation, emoji …) finds nothing rather than everything.
  if (q && terms.length === 0) return empty;

  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [`p.status = 'active'`, `o.verification_status = 'verified'`, `o.suspended_at IS NULL`];
  const scores: string[] = [];
  for (const t of terms) {
    const alts = `${p(t.alternatives)}::text[]`;
    if (t.han) {
      // Not a whole term: its characters in a row (n-gram terms, GIN-indexed like the rest), or its parts (冻蒸饺 → 蒸饺 + 冻).
      const word = p(t.text);
      const grams = ` OR d.terms @> ${p(hanGrams(t.text, false))}::text[]`;
      const parts = t.parts.length ? ` OR d.terms @> ${p(t.parts)}::text[]` : "";
      where.push(`(d.terms && ${alts}${grams}${parts})`);
      // Found in the product's own name, earlier is better (香菇 ranks 泰宁香菇 above 豆腐丸（香菇）).
      scores.push(
        `CASE WHEN d.terms && ${alts} THEN 1.0 ELSE 0.5 END + CASE WHEN strpos(p.name_zh, ${word}) > 0 THEN 0.3 - 0.2 * strpos(p.name_zh, ${word})::float8 / (length(p.name_zh) + 1) ELSE 0 END`,
      );
    } else if (t.fuzzy) {
      // One typo: the query word corrected against the vocabulary (trigram index), then matched exactly (GIN).
      const near = await db.$queryRawUnsafe<{ term: string }[]>(
        `SELECT term FROM search_terms WHERE term % $1 AND abs(length(term) - length($1)) <= 1 ORDER BY similarity(term, $1) DESC, term LIMIT 5`,
        t.text,
      );
      const corrected = `${p(near.map((n) => n.term).filter((w) => !t.alternatives.includes(w)))}::text[]`;
      where.push(`(d.terms && ${alts} OR d.terms && ${corrected})`);
      scores.push(`CASE WHEN d.terms && ${alts} THEN 1.0 ELSE 0.7 END`);
    } else {
      where.push(`d.terms && ${alts}`);
      scores.push(`1.0`);
    }
  }
  if (q) {
    const whole = p(`%${escapeLike(q)}%`);
    scores.push(`CASE WHEN p.name_zh ILIKE ${whole} OR p.name_en ILIKE ${whole} THEN 0.5 ELSE 0 END`);
  }
  if (query.category) where.push(`d.category::text = ${p(query.category)}`);
  if (query.originCounty) where.push(`d.origin_county = ${p(query.originCounty)}`);
  if (query.tempClass) where.push(`d.temp_class::text = ${p(query.tempClass)}`);
  if (query.sellerId) where.push(`d.seller_id::text = ${p(query.sellerId)}`);
  if (query.certKind) where.push(`${p(query.certKind)} = ANY(d.cert_kinds)`);
  if (query.inStock) where.push(`d.in_stock`);
  if (query.availableSoon) where.push(`d.available_soon`);

  const matched = `SELECT d.product_id AS id, d.category::text AS category, d.origin_county, d.temp_class::text AS temp_class, d.seller_id::text AS seller_id,
      d.cert_kinds, d.in_stock, d.available_soon, d.min_price_per_kg_fen, d.created_at, (${scores.length ? scores.join(" + ") : "0"})::float8 AS score
    FROM search_documents d JOIN products p ON p.id = d.product_id JOIN organizations o ON o.id = p.seller_id
    WHERE ${where.join(" AND ")}`;

  let total: number | undefined;
  let facets: FacetCounts | undefined;
  if (query.facets) {
    const rows = await db.$queryRawUnsafe<{ facet: string; value: string; n: number }[]>(
      `WITH m AS (${matched})
       SELECT 'total' AS facet, '' AS value, count(*)::int AS n FROM m
       UNION ALL SELECT 'category', category, count(*)::int FROM m GROUP BY category
       UNION ALL SELECT 'originCounty', origin_county, count(*)::int FROM m GROUP BY origin_county
       UNION ALL SELECT 'tempClass', temp_class, count(*)::int FROM m GROUP BY temp_class
       UNION ALL SELECT 'sellerId', seller_id, count(*)::int FROM m GROUP BY seller_id
       UNION ALL SELECT 'certKind', k, count(*)::int FROM m, unnest(m.cert_kinds) AS k GROUP BY k
       UNION ALL SELECT 'inStock', in_stock::text, count(*)::int FROM m GROUP BY in_stock
       UNION ALL SELECT 'availableSoon', available_soon::text, count(*)::int FROM m GROUP BY available_soon`,
      ...params,
    );
    facets = EMPTY_FACETS();
    total = 0;
    for (const r of rows) {
      if (r.facet === "total") total = Number(r.n);
      else facets[r.facet as keyof FacetCounts][r.value] = Number(r.n);
    }
  }
  const order =
    query.sort === "price_per_kg"
      ? "min_price_per_kg_fen ASC NULLS LAST, id ASC"
      : query.sort === "newest"
        ? "created_at DESC, id ASC"
        : "score DESC, created_at DESC, id ASC";
  // The page and the total in one pass (count over the window); a page beyond the end falls back to the last page.
  const pageOf = (n: number) =>
    db.$queryRawUnsafe<{ id: string; score: number; total: number }[]>(
      `SELECT id::text AS id, score, count(*) OVER ()::int AS total FROM (${matched}) m ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(n - 1) * pageSize}`,
      ...params,
    );
  let page = requestedPage;
  let hits: { id: string; score: number; total: number }[] = [];
  if (total === undefined) {
    hits = await pageOf(page);
    if (hits.length > 0) total = Number(hits[0].total);
    else if (page === 1) total = 0;
    else {
      const rows = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${matched}) m`, ...params);
      total = Number(rows[0]?.n ?? 0);
    }
  }
  const pages = pageCount(total, pageSize);
  if (page > pages || (hits.length === 0 && total > 0)) {
    page = Math.min(page, pages);
    hits = await pageOf(page);
  }
  return { hits: hits.map((h) => ({ id: h.id, score: Math.round(Number(h.score) * 1000) / 1000 })), total, page, pages, ...(facets ? { facets } : {}) };
}

export const embeddedEngine: SearchEngine = {
  name: "embedded",
  index: (db, ids) => indexProducts(db, ids),
  remove: removeProducts,
  search,
};
