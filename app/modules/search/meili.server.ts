/**
 * The Meilisearch engine (production): the engine-neutral documents of documents.server.ts sent to one
 * Meilisearch index whose settings are applied by code (meiliSettings) before first use. Meilisearch
 * segments Chinese itself (charabia, jieba) but no longer transliterates it, so the pinyin, initials and
 * our own jieba words travel as fields of their own; each word is a separate array element, so it is
 * segmented alone and in the same way as the query word that should find it.
 *
 * Only listed products have documents (loadSearchDocuments); a change of listed-ness reaches the index
 * through the freshness job (freshness.server.ts), never at query time.
 */
import { Meilisearch, type EnqueuedTaskPromise, type FacetDistribution, type SearchParams, type Settings, type Task } from "meilisearch";
import { pageCount } from "~/utils/pagination";
import { cleanSearchText } from "~/utils/search-text";
import type { FacetCounts, SearchDb, SearchEngine, SearchHit, SearchQuery, SearchResult, SearchSort } from "./engine";
import { loadSearchDocuments, type SearchDocument } from "./documents.server";
import { SYNONYM_GROUPS } from "./synonyms";
import { analyzeQuery, isHan, normalize, type QueryTerm } from "./text.server";

const DEFAULT_PAGE_SIZE = 24;
const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 100_000;
const BATCH = 200;
/** Meilisearch drops query words after the tenth. */
const MAX_QUERY_WORDS = 10;
/** Deep enough for every listing to be reachable by paging (the index's total hits are capped at this). */
export const MAX_TOTAL_HITS = 100_000;

/** The document one product becomes in Meilisearch. */
export interface MeiliDocument {
  productId: string;
  sellerId: string;
  nameZh: string;
  nameEn: string;
  sellerName: string;
  sellerNameEn: string;
  originCounty: string;
  /** Our jieba words (cut and search-mode cut) of name, county and seller. */
  zhWords: string[];
  pinyinFull: string[];
  pinyinInitials: string[];
  synonymsZh: string[];
  synonymsLatin: string[];
  /** Words from category and temperature class (菌菇, 冻, frozen …). */
  extraZh: string[];
  extraLatin: string[];
  category: string;
  tempClass: string;
  certKinds: string[];
  inStock: boolean;
  availableSoon: boolean;
  /** Absent (not null) when no pack has a price and a weight, so such products sort last. */
  minPricePerKgFen?: number;
  /** Milliseconds since the epoch (sortable). */
  createdAt: number;
}

const ZH_FIELDS = ["nameZh", "zhWords", "synonymsZh", "sellerName", "originCounty", "extraZh"] as const;
const FACET_FIELDS = ["category", "originCounty", "tempClass", "sellerId", "certKinds", "inStock", "availableSoon"] as const;

const words = (text: string) => text.split(" ").filter((w) => w !== "");
const han = (list: readonly string[]) => list.filter((w) => isHan(w));
const latin = (list: readonly string[]) => list.filter((w) => !isHan(w));
/** Index-time n-gram terms of the embedded engine ("1:香", "2:香菇"): meaningless to Meilisearch. */
const isGram = (term: string) => /^\d:/.test(term);

/** The Meilisearch document of one search document. Pure. */
export function toMeiliDocument(d: SearchDocument): MeiliDocument {
  const zhWords = [...new Set(han([...words(d.zhTokens), ...words(d.zhSearch)]))];
  const synonyms = words(d.synonyms);
  const pinyinFull = words(d.pinyinFull);
  const pinyinInitials = words(d.pinyinInitials);
  const known = new Set([...zhWords, ...synonyms, ...pinyinFull, ...pinyinInitials, ...words(d.en)]);
  const extra = d.terms.filter((t) => !isGram(t) && !known.has(t));
  return {
    productId: d.productId,
    sellerId: d.sellerId,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    sellerName: d.sellerName,
    sellerNameEn: d.sellerNameEn,
    originCounty: d.originCounty,
    zhWords,
    pinyinFull,
    pinyinInitials,
    synonymsZh: han(synonyms),
    synonymsLatin: latin(synonyms),
    extraZh: han(extra),
    extraLatin: latin(extra),
    category: d.category,
    tempClass: d.tempClass,
    certKinds: d.certKinds,
    inStock: d.inStock,
    availableSoon: d.availableSoon,
    ...(d.minPricePerKgFen === null ? {} : { minPricePerKgFen: d.minPricePerKgFen }),
    createdAt: d.createdAt.getTime(),
  };
}

/** SYNONYM_GROUPS as Meilisearch synonyms: every word of a group leads to the others (lower case). Pure. */
export function meiliSynonyms(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Record<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const group of groups) {
    const lower = group.map((w) => normalize(w));
    for (const w of lower) {
      const set = out.get(w) ?? new Set<string>();
      for (const other of lower) if (other !== w) set.add(other);
      out.set(w, set);
    }
  }
  return Object.fromEntries([...out].map(([w, set]) => [w, [...set]]));
}

/** The index settings, applied by ensureSettings. Pure. */
export function meiliSettings(): Settings {
  return {
    // Order matters for the "attribute" rule: a match in the product's name beats one in its seller's.
    searchableAttributes: [
      "nameZh",
      "nameEn",
      "zhWords",
      "pinyinFull",
      "pinyinInitials",
      "synonymsZh",
      "synonymsLatin",
      "sellerName",
      "sellerNameEn",
      "originCounty",
      "extraZh",
      "extraLatin",
    ],
    filterableAttributes: [...FACET_FIELDS],
    sortableAttributes: ["minPricePerKgFen", "createdAt", "productId"],
    // "sort" first: a chosen order (price, newest) is strict, relevance only breaks its ties, as in the embedded engine.
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness", "createdAt:desc"],
    synonyms: meiliSynonyms(),
    localizedAttributes: [{ attributePatterns: [...ZH_FIELDS], locales: ["cmn"] }],
    typoTolerance: {
      enabled: true,
      // One typo from four letters (mushrom, xiangu), never two: as the embedded engine.
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 64 },
      // Initials are too short to carry a typo, and a "typo" in a Chinese word is another word.
      disableOnAttributes: [...ZH_FIELDS, "pinyinInitials"],
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: 1000 },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

/** Settings keys whose array order matters; every other array is a set (Meilisearch may return it sorted). */
const ORDERED_SETTINGS = new Set(["searchableAttributes", "rankingRules"]);

function sameSetting(current: unknown, wanted: unknown, ordered: boolean): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(current) || current.length !== wanted.length) return false;
    if (ordered) return wanted.every((w, i) => sameSetting(current[i], w, true));
    return wanted.every((w) => current.some((c) => sameSetting(c, w, false)));
  }
  if (wanted !== null && typeof wanted === "object") {
    if (current === null || typeof current !== "object") return false;
    return Object.entries(wanted).every(([k, w]) => sameSetting((current as Record<string, unknown>)[k], w, false));
  }
  return current === wanted;
}

/**
 * Whether the index already has the wanted settings (what it reports may hold more keys and sets in another
 * order), so a start does not make Meilisearch re-index for nothing. Pure.
 */
export function settingsMatch(current: Settings, wanted: Settings): boolean {
  return Object.entries(wanted).every(([key, w]) => sameSetting((current as Record<string, unknown>)[key], w, ORDERED_SETTINGS.has(key)));
}

/** A filter value in double quotes, with `"` and `\` escaped and control characters dropped. Pure. */
export function quoteFilterValue(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, "");
  return `"${clean.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The filter expressions of a query's facet choices (all must hold). Pure. */
export function buildFilter(query: SearchQuery): string[] {
  const out: string[] = [];
  const eq = (field: string, value: string | undefined) => {
    if (value) out.push(`${field} = ${quoteFilterValue(value)}`);
  };
  eq("category", query.category);
  eq("originCounty", query.originCounty);
  eq("tempClass", query.tempClass);
  eq("sellerId", query.sellerId);
  eq("certKinds", query.certKind);
  if (query.inStock) out.push("inStock = true");
  if (query.availableSoon) out.push("availableSoon = true");
  return out;
}

/** Meilisearch sort of a sort choice; ties broken by id so pages are stable. Pure. */
export function meiliSort(sort: SearchSort | undefined): string[] | undefined {
  if (sort === "price_per_kg") return ["minPricePerKgFen:asc", "productId:asc"];
  if (sort === "newest") return ["createdAt:desc", "productId:asc"];
  return undefined;
}

/**
 * The query Meilisearch gets: our analysed words (quantities such as 5kg dropped), a compound with
 * search-mode parts sent as its parts (冻蒸饺 → 蒸饺 冻), so it matches the way the documents' words were cut. Pure.
 */
export function meiliQueryText(terms: readonly QueryTerm[]): string {
  const out: string[] = [];
  for (const t of terms) for (const w of t.han && t.parts.length ? t.parts : [t.text]) if (!out.includes(w)) out.push(w);
  return out.slice(0, MAX_QUERY_WORDS).join(" ");
}

const EMPTY_FACETS = (): FacetCounts => ({ category: {}, originCounty: {}, tempClass: {}, sellerId: {}, certKind: {}, inStock: {}, availableSoon: {} });

/** Meilisearch's facet distribution as FacetCounts (certKinds → certKind; absent facets empty). Pure. */
export function toFacetCounts(distribution: FacetDistribution | undefined): FacetCounts {
  const facets = EMPTY_FACETS();
  const names: Record<(typeof FACET_FIELDS)[number], keyof FacetCounts> = {
    category: "category",
    originCounty: "originCounty",
    tempClass: "tempClass",
    sellerId: "sellerId",
    certKinds: "certKind",
    inStock: "inStock",
    availableSoon: "availableSoon",
  };
  for (const field of FACET_FIELDS) facets[names[field]] = { ...(distribution?.[field] ?? {}) };
  return facets;
}

/** Hits as the interface returns them (ranking score rounded like the embedded engine's). Pure. */
export function toHits(hits: readonly { productId?: unknown; _rankingScore?: number }[]): SearchHit[] {
  return hits.flatMap((h) => (typeof h.productId === "string" ? [{ id: h.productId, score: Math.round((h._rankingScore ?? 0) * 1000) / 1000 }] : []));
}

function clampInt(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

export interface MeiliConfig {
  url: string;
  key?: string;
  /** Index uid (MEILI_INDEX). */
  index: string;
  /** How long to wait for one indexing task before failing; default 60 s. */
  taskTimeoutMs?: number;
  /** How long to wait for a settings change (Meilisearch re-indexes everything for it); default 10 min. */
  settingsTimeoutMs?: number;
}

/** Meilisearch refused a change or could not be reached; the message says which and why. */
export class MeiliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MeiliError";
  }
}

export interface MeiliEngine extends SearchEngine {
  /** Creates the index if needed and applies meiliSettings unless it has them (once per engine; later calls are free). */
  ensureSettings(): Promise<void>;
  /** Every product id that has a document in the index (for search:reindex to drop the stale ones). */
  indexedIds(): Promise<string[]>;
  /** Deletes the whole index (tests). */
  deleteIndex(): Promise<void>;
}

/** A Meilisearch engine on one index. Nothing is sent until the first call. */
export function createMeiliEngine(config: MeiliConfig): MeiliEngine {
  const client = new Meilisearch({ host: config.url, apiKey: config.key });
  const index = client.index<MeiliDocument>(config.index);
  const taskTimeout = config.taskTimeoutMs ?? 60_000;
  const settingsTimeout = config.settingsTimeoutMs ?? 600_000;
  const where = `Meilisearch index "${config.index}" at ${config.url}`;

  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof MeiliError) throw error;
      throw new MeiliError(`${where}: ${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  const done = async (what: string, enqueue: () => EnqueuedTaskPromise, allowed: readonly string[] = [], timeout = taskTimeout): Promise<Task> =>
    call(what, async () => {
      const task = await enqueue().waitTask({ timeout, interval: 50 });
      if (task.status !== "succeeded" && !(task.error && allowed.includes(task.error.code))) {
        throw new MeiliError(`${where}: ${what} ${task.status}${task.error ? `: ${task.error.message}` : ""}`);
      }
      return task;
    });

  let settings: Promise<void> | undefined;
  const ensureSettings = () => {
    settings ??= (async () => {
      await done("creating the index", () => client.createIndex(config.index, { primaryKey: "productId" }), ["index_already_exists"]);
      const wanted = meiliSettings();
      if (settingsMatch(await call("reading the settings", () => index.getSettings()), wanted)) return;
      await done("applying the settings", () => index.updateSettings(wanted), [], settingsTimeout);
    })();
    settings.catch(() => {
      settings = undefined;
    });
    return settings;
  };

  const remove = async (_db: SearchDb, productIds: readonly string[]) => {
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return;
    await ensureSettings();
    for (let i = 0; i < ids.length; i += BATCH) await done("removing documents", () => index.deleteDocuments(ids.slice(i, i + BATCH)));
  };

  const indexProducts = async (db: SearchDb, productIds: readonly string[]) => {
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return;
    await ensureSettings();
    for (let i = 0; i < ids.length; i += BATCH) {
      const { docs, unlisted } = await loadSearchDocuments(db, ids.slice(i, i + BATCH));
      if (docs.length) await done("indexing documents", () => index.addDocuments(docs.map(toMeiliDocument), { primaryKey: "productId" }));
      if (unlisted.length) await done("removing documents", () => index.deleteDocuments(unlisted));
    }
  };

  const run = (params: SearchParams & { page: number; hitsPerPage: number }, q: string) =>
    call("searching", () => index.search<MeiliDocument, typeof params>(q, params));

  const search = async (_db: SearchDb, query: SearchQuery): Promise<SearchResult> => {
    const pageSize = clampInt(query.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    const requested = clampInt(query.page, 1, MAX_PAGE, 1);
    const q = cleanSearchText(query.q, 100);
    const terms = q ? analyzeQuery(q) : [];
    // Text that yields no word (only punctuation, emoji …) finds nothing rather than everything.
    if (q && terms.length === 0) return { hits: [], total: 0, page: 1, pages: 1, ...(query.facets ? { facets: EMPTY_FACETS() } : {}) };
    await ensureSettings();
    const text = meiliQueryText(terms);
    const filter = buildFilter(query);
    const sort = meiliSort(query.sort);
    const params = {
      hitsPerPage: pageSize,
      page: Math.min(requested, Math.ceil(MAX_TOTAL_HITS / pageSize)),
      attributesToRetrieve: ["productId"],
      showRankingScore: true,
      // Every word must match, as in the embedded engine (the default would drop words from the end).
      matchingStrategy: "all" as const,
      ...(filter.length ? { filter } : {}),
      ...(sort ? { sort } : {}),
      ...(query.facets ? { facets: [...FACET_FIELDS] } : {}),
      ...(terms.length > 0 && terms.every((t) => t.han) ? { locales: ["cmn"] } : {}),
    };
    let response = await run(params, text);
    const total = response.totalHits;
    const pages = pageCount(total, pageSize);
    // Beyond the end: the last page, as the embedded engine answers.
    if (params.page > pages) response = await run({ ...params, page: pages }, text);
    return {
      hits: toHits(response.hits),
      total,
      page: Math.min(params.page, pages),
      pages,
      ...(query.facets ? { facets: toFacetCounts(response.facetDistribution) } : {}),
    };
  };

  const indexedIds = async () => {
    await ensureSettings();
    const out: string[] = [];
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await call("listing documents", () => index.getDocuments({ fields: ["productId"], limit, offset }));
      for (const d of page.results) if (typeof d.productId === "string") out.push(d.productId);
      if (page.results.length < limit) return out;
    }
  };

  return {
    name: "meili",
    index: indexProducts,
    remove,
    search,
    ensureSettings,
    indexedIds,
    deleteIndex: async () => {
      settings = undefined;
      await done("deleting the index", () => client.deleteIndex(config.index), ["index_not_found"]);
    },
  };
}
