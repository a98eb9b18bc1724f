/**
 * `npm run bench:search`: generates a catalogue of listings (zh names from the seed vocabulary: bases, grades,
 * county prefixes, generated sellers in every county), indexes it with the embedded engine's own indexing path,
 * then times a fixed mix of queries (two-character words, longer phrases, pinyin, typos; with and without
 * facets, filters, sorts and later pages) through the engine's real `search()`, and the same mix as a plain
 * `ILIKE '%…%'` scan over the product names, interleaved in the same run as the baseline. The last line of
 * stdout is one JSON object; progress goes to stderr.
 *
 *   npm run bench:search                          # 100,000 listings, 1,000 queries
 *   npm run bench:search -- --listings 20000 --queries 300 [--keep]
 *
 * Runs on PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set (in a fresh database created beside the one
 * named, dropped afterwards unless --keep), else on an in-memory PGlite.
 */
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { BASES, COUNTY_EN, COUNTY_SHORT, SELLERS, type ProductBase } from "../../prisma/seed-data";
import { embeddedEngine, maintainEmbeddedIndex } from "../../app/modules/search/embedded.server";
import type { SearchQuery } from "../../app/modules/search/engine";
import { pinyinFull, pinyinInitials } from "../../app/modules/search/text.server";
import { openDatabase, type Database } from "../../app/utils/db.server";
import { logger } from "../../app/utils/logger.server";
import { cleanSearchText, escapeLike } from "../../app/utils/search-text";

const TARGET_P95_MS = 20;
const TARGET_SPEEDUP = 10;
const SEED = 20_261_202;
const INDEX_BATCH = 1000;
const INSERT_CHUNK = 5000;
const LISTINGS_PER_SELLER = 50;

// ---------------------------------------------------------------------------------------------
// Arguments, PRNG, output

interface Options {
  listings: number;
  queries: number;
  warmup: number;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const num = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    const v = i === -1 ? NaN : Number(argv[i + 1]);
    return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
  };
  const queries = num("--queries", 1000);
  return { listings: num("--listings", 100_000), queries, warmup: num("--warmup", Math.min(200, queries)), keep: argv.includes("--keep") };
}

/** mulberry32: the same catalogue and query mix on every run. */
function createRng(seed: number) {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number): boolean => next() < p,
  };
}
type Rng = ReturnType<typeof createRng>;

const log = (message: string) => process.stderr.write(`${message}\n`);

const lastTenth = new Map<string, number>();

/** A progress bar on a terminal; on a pipe one line per tenth. */
function progress(label: string, done: number, total: number, started: number): void {
  const pct = Math.floor((done / total) * 100);
  const tenth = Math.floor(pct / 10);
  if (!process.stderr.isTTY && lastTenth.get(label) === tenth) return;
  lastTenth.set(label, tenth);
  const bar = "#".repeat(Math.floor(pct / 5)).padEnd(20, ".");
  const line = `${label} [${bar}] ${pct}% ${done}/${total} ${((performance.now() - started) / 1000).toFixed(1)} s`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}${done === total ? "\n" : ""}` : `${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// The generated catalogue

const COUNTIES = Object.keys(COUNTY_SHORT);
const BASE_LIST = Object.values(BASES) as ProductBase[];
const TOWN_WORDS = ["青山", "绿源", "丰源", "金溪", "福林", "鸿发", "山泉", "云岭", "桂香", "新桥", "石门", "龙湖", "竹海", "兴农", "客家", "高岭", "翠峰", "瑞丰", "闽源", "溪口"];
const ORG_SUFFIX = [
  ["专业合作社", "Cooperative", "cooperative"],
  ["农产品专业合作社", "Farm Produce Cooperative", "cooperative"],
  ["生态农业有限公司", "Eco-Agriculture Co., Ltd.", "cooperative"],
  ["食品有限公司", "Foods Co., Ltd.", "snack_supplier"],
] as const;
/** Words sellers put around their product names: most listings carry none. */
const QUALIFIERS: readonly (readonly [string, string])[] = [
  ["", ""],
  ["", ""],
  ["", ""],
  ["新货", "new season"],
  ["农家", "farmhouse"],
  ["精选", "select"],
  ["散装", "loose"],
  ["礼盒装", "gift box"],
  ["批发", "wholesale"],
  ["当季", "in season"],
];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Seller {
  id: string;
  name: string;
  nameEn: string;
  kind: string;
  county: string;
  verification: "verified" | "pending";
  suspended: boolean;
  bases: ProductBase[];
}

function makeSellers(rng: Rng, count: number): Seller[] {
  const sellers: Seller[] = [];
  for (let i = 0; i < count; i += 1) {
    const seed = SELLERS[i];
    const county = seed?.county ?? rng.pick(COUNTIES);
    const [suffixZh, suffixEn, kind] = rng.pick(ORG_SUFFIX);
    const town = rng.pick(TOWN_WORDS);
    const bases = seed ? seed.bases.map((k) => BASES[k] as ProductBase) : Array.from({ length: rng.int(2, 5) }, () => rng.pick(BASE_LIST));
    const mainBase = bases[0].zh.replace(/^(建宁|尤溪|明溪|宁化|将乐|大田|沙县|清流)/, "");
    sellers.push({
      id: randomUUID(),
      name: seed?.name ?? `${county}${town}${rng.chance(0.5) ? mainBase : ""}${suffixZh}`,
      nameEn: seed?.nameEn ?? `${COUNTY_EN[county]} ${capitalise(pinyinFull(town))} ${suffixEn}`,
      kind: seed?.kind ?? kind,
      county,
      verification: rng.chance(0.03) ? "pending" : "verified",
      suspended: rng.chance(0.02),
      bases: [...new Set(bases)],
    });
  }
  return sellers;
}

interface Rows {
  products: unknown[][];
  variants: unknown[][];
  tiers: unknown[][];
  stock: unknown[][];
  harvest: unknown[][];
  lots: unknown[][];
}

const emptyRows = (): Rows => ({ products: [], variants: [], tiers: [], stock: [], harvest: [], lots: [] });

let skuNo = 0;

function addListing(rng: Rng, seller: Seller, rows: Rows, now: number): void {
  const base = rng.pick(seller.bases);
  const [gradeZh, gradeEn, factor] = base.grades.length ? rng.pick(base.grades) : (["", "", 1] as const);
  const [qualZh, qualEn] = rng.pick(QUALIFIERS);
  const prefixZh = base.placePrefix ? COUNTY_SHORT[seller.county] : "";
  const prefixEn = base.placePrefix ? `${COUNTY_EN[seller.county]} ` : "";
  const nameZh = `${qualZh}${prefixZh}${base.zh}${gradeZh ? `（${gradeZh}）` : ""}`;
  const nameEn = `${qualEn ? `${qualEn} ` : ""}${prefixEn}${base.en}${gradeEn ? ` (${gradeEn})` : ""}`;
  const roll = rng.next();
  const status = roll < 0.92 ? "active" : roll < 0.95 ? "paused" : roll < 0.98 ? "draft" : "archived";
  const id = randomUUID();
  const createdAt = new Date(now - rng.int(0, 730 * 86_400) * 1000).toISOString();
  rows.products.push([id, seller.id, base.category, nameZh, nameEn, seller.county, base.temp, base.shelfLifeDays, status, createdAt]);
  const packs = base.packs.filter(() => rng.chance(0.5));
  if (packs.length === 0) packs.push(rng.pick(base.packs));
  for (const pack of packs) {
    const variantId = randomUUID();
    skuNo += 1;
    rows.variants.push([variantId, id, `B${skuNo}`, pack.unit, pack.label, pack.grams, Math.max(1, Math.round(pack.grams / base.density))]);
    const list = Math.max(100, Math.round((base.perKgFen * factor * pack.factor * (0.9 + rng.next() * 0.2) * pack.grams) / 1000 / 10) * 10);
    const tiers = rng.int(1, 3);
    for (let t = 0; t < tiers; t += 1) rows.tiers.push([randomUUID(), variantId, [1, 10, 50][t], Math.max(1, Math.round(list * (1 - t * 0.05)))]);
    if (rng.chance(0.55)) {
      const onHand = rng.int(0, 300);
      rows.stock.push([variantId, onHand, Math.min(onHand, rng.int(0, 5))]);
    }
    else if (rng.chance(0.3)) {
      const from = new Date(now + rng.int(-10, 60) * 86_400_000);
      rows.harvest.push([randomUUID(), variantId, from.toISOString().slice(0, 10), new Date(from.getTime() + 60 * 86_400_000).toISOString().slice(0, 10), rng.int(10, 200)]);
    }
    if (base.certs.length && rng.chance(0.4)) {
      const produced = new Date(now - rng.int(1, 60) * 86_400_000);
      const certificates = base.certs.map((kind, k) => ({ kind, number: `${kind.toUpperCase()}-${skuNo}-${k}` }));
      rows.lots.push([randomUUID(), variantId, `L${skuNo}`, produced.toISOString(), new Date(produced.getTime() + base.shelfLifeDays * 86_400_000).toISOString(), JSON.stringify(certificates)]);
    }
  }
}

/** Inserts one chunk's rows, one statement per table (arrays unnested on the server). */
async function insertRows(pool: pg.Pool, rows: Rows): Promise<void> {
  const cols = (table: unknown[][], n: number) => Array.from({ length: n }, (_, c) => table.map((r) => r[c]));
  const run = (sql: string, table: unknown[][], n: number) => (table.length ? pool.query(sql, cols(table, n)) : undefined);
  await run(
    `INSERT INTO products (id, seller_id, category, name_zh, name_en, origin_county, temp_class, shelf_life_days, status, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::"ProductCategory"[], $4::text[], $5::text[], $6::text[], $7::"TempClass"[], $8::int[], $9::"ProductStatus"[], $10::timestamptz[])`,
    rows.products,
    10,
  );
  await run(
    `INSERT INTO variants (id, product_id, sku, unit, label, net_weight_grams, volume_cm3, item_net_weight_grams)
     SELECT a, b, c, d, e, f, g, f FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::"PackUnit"[], $5::text[], $6::int[], $7::int[]) AS x(a, b, c, d, e, f, g)`,
    rows.variants,
    7,
  );
  await run(`INSERT INTO price_tiers (id, variant_id, min_quantity, unit_price_fen) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[])`, rows.tiers, 4);
  await run(`INSERT INTO stock_balances (variant_id, on_hand, reserved) SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])`, rows.stock, 3);
  await run(
    `INSERT INTO harvest_windows (id, variant_id, available_from, available_to, expected_packs_per_week) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[], $5::int[])`,
    rows.harvest,
    5,
  );
  await run(
    `INSERT INTO lots (id, variant_id, code, produced_at, expires_at, certificates) SELECT a, b, c, d, e, f::jsonb FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[]) AS x(a, b, c, d, e, f)`,
    rows.lots,
    6,
  );
}

/** Generates and inserts `listings` products (with packs, tiers, stock, harvest windows, certified lots) and their sellers. */
async function buildCatalogue(db: Database, listings: number): Promise<{ sellers: Seller[]; productIds: string[] }> {
  const rng = createRng(SEED);
  const sellers = makeSellers(rng, Math.max(SELLERS.length, Math.ceil(listings / LISTINGS_PER_SELLER)));
  await db.pool.query(
    `INSERT INTO organizations (id, kind, name, name_en, county, address, verification_status, suspended_at)
     SELECT a, b::"OrgKind", c, d, e, '福建省三明市' || e, f::"VerificationStatus", CASE WHEN g THEN now() END
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[]) AS x(a, b, c, d, e, f, g)`,
    [sellers.map((s) => s.id), sellers.map((s) => s.kind), sellers.map((s) => s.name), sellers.map((s) => s.nameEn), sellers.map((s) => s.county), sellers.map((s) => s.verification), sellers.map((s) => s.suspended)],
  );
  const productIds: string[] = [];
  const now = Date.now();
  const started = performance.now();
  for (let done = 0; done < listings; ) {
    const rows = emptyRows();
    const n = Math.min(INSERT_CHUNK, listings - done);
    for (let i = 0; i < n; i += 1) addListing(rng, sellers[Math.floor(rng.next() * sellers.length)], rows, now);
    await insertRows(db.pool, rows);
    for (const p of rows.products) productIds.push(p[0] as string);
    done += n;
    progress("catalogue", done, listings, started);
  }
  return { sellers, productIds };
}

/** Indexes every product through the engine's own path (loadSearchDocuments + its writes), in batches, then its housekeeping as search:reindex does. */
async function indexCatalogue(db: Database, productIds: readonly string[]): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < productIds.length; i += INDEX_BATCH) {
    await embeddedEngine.index(db.prisma, productIds.slice(i, i + INDEX_BATCH));
    progress("index", Math.min(productIds.length, i + INDEX_BATCH), productIds.length, started);
  }
  await db.pool.query("ANALYZE");
  await maintainEmbeddedIndex(db.prisma);
}

// ---------------------------------------------------------------------------------------------
// The query mix

type QueryKind = "word2" | "phrase" | "pinyin" | "typo";

interface BenchQuery {
  kind: QueryKind;
  query: SearchQuery;
}

/** Two-character words buyers type: product words, county short names, grade and cut words. */
const WORDS_2 = [
  ...new Set([
    ...BASE_LIST.map((b) => b.zh).filter((w) => w.length === 2),
    ...["香菇", "花菇", "红菇", "竹荪", "木耳", "笋干", "冬笋", "春笋", "绿茶", "红茶", "擂茶", "莲子", "白莲", "大米", "贡米", "金柑", "扁肉", "蒸饺", "烧卖", "芋饺", "米冻", "板鸭", "淮山", "腐竹", "豆干", "柿饼", "生姜", "菜心", "甘蓝", "地瓜", "茶油", "笋尖", "特级", "一级", "统货", "速冻", "冬菇", "饺子", "干笋", "鸭腿"],
    ...Object.values(COUNTY_SHORT),
  ]),
];

function oneTypo(rng: Rng, word: string): string {
  const i = rng.int(1, word.length - 2);
  const edit = rng.int(0, 2);
  if (edit === 0) return word.slice(0, i) + word.slice(i + 1); // a letter dropped
  if (edit === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // two swapped
  const letters = "aeiounrst";
  return word.slice(0, i) + letters[rng.int(0, letters.length - 1)] + word.slice(i + 1); // one replaced
}

function phraseOf(rng: Rng): string {
  const base = rng.pick(BASE_LIST);
  const grade = base.grades.length ? rng.pick(base.grades)[0].split(" ")[0] : "";
  const county = COUNTY_SHORT[rng.pick(Object.keys(COUNTY_SHORT))];
  switch (rng.int(0, 4)) {
    case 0:
      return base.placePrefix ? `${county}${base.zh}` : base.zh;
    case 1:
      return grade ? `${base.zh} ${grade}` : `${base.zh} 批发`;
    case 2:
      return `${base.zh} ${rng.pick(["5kg", "10斤", "500g", "1箱"])}`;
    case 3:
      return grade ? `${base.placePrefix ? county : ""}${base.zh}（${grade}）` : `精选${base.zh}`;
    default:
      return `${county} ${base.zh}`;
  }
}

function pinyinOf(rng: Rng): string {
  const word = rng.chance(0.7) ? rng.pick(WORDS_2) : rng.pick(BASE_LIST).zh;
  return rng.chance(0.65) ? pinyinInitials(word) : pinyinFull(word);
}

function typoOf(rng: Rng): string {
  if (rng.chance(0.5)) {
    const words = rng.pick(BASE_LIST).en.split(/[^a-z]+/i).filter((w) => w.length >= 5);
    if (words.length) return oneTypo(rng, words[Math.floor(rng.next() * words.length)].toLowerCase());
  }
  return oneTypo(rng, pinyinFull(rng.pick(WORDS_2.filter((w) => pinyinFull(w).length >= 5))));
}

const CATEGORIES = [...new Set(BASE_LIST.map((b) => b.category))];

/** `count` queries: kind by a fixed share, then facets (half), a filter (a third), a sort and a page drawn alike. */
export function queryMix(count: number, seed = SEED + 1): BenchQuery[] {
  const rng = createRng(seed);
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i += 1) {
    const r = rng.next();
    const kind: QueryKind = r < 0.35 ? "word2" : r < 0.65 ? "phrase" : r < 0.85 ? "pinyin" : "typo";
    const q = kind === "word2" ? rng.pick(WORDS_2) : kind === "phrase" ? phraseOf(rng) : kind === "pinyin" ? pinyinOf(rng) : typoOf(rng);
    const query: SearchQuery = { q, pageSize: 24, facets: rng.chance(0.5) };
    if (rng.chance(0.33)) {
      const f = rng.int(0, 3);
      if (f === 0) query.category = rng.pick(CATEGORIES);
      else if (f === 1) query.originCounty = rng.pick(COUNTIES);
      else if (f === 2) query.tempClass = rng.pick(["ambient", "chilled", "frozen"]);
      else query.inStock = true;
    }
    const s = rng.next();
    query.sort = s < 0.6 ? "relevance" : s < 0.8 ? "price_per_kg" : "newest";
    if (rng.chance(0.15)) query.page = rng.int(2, 5);
    out.push({ kind, query });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running

/** The baseline: the old catalogue search, a bare ILIKE over the names of listed products, the page and a count. */
async function baselineSearch(pool: pg.Pool, query: SearchQuery): Promise<number> {
  const params: unknown[] = [`%${escapeLike(cleanSearchText(query.q, 100))}%`];
  const where = [`p.status = 'active'`, `o.verification_status = 'verified'`, `o.suspended_at IS NULL`, `(p.name_zh ILIKE $1 OR p.name_en ILIKE $1)`];
  if (query.category) where.push(`p.category::text = $${params.push(query.category)}`);
  if (query.originCounty) where.push(`p.origin_county = $${params.push(query.originCounty)}`);
  if (query.tempClass) where.push(`p.temp_class::text = $${params.push(query.tempClass)}`);
  const offset = ((query.page ?? 1) - 1) * (query.pageSize ?? 24);
  const r = await pool.query(
    `SELECT p.id, count(*) OVER ()::int AS total FROM products p JOIN organizations o ON o.id = p.seller_id
     WHERE ${where.join(" AND ")} ORDER BY p.created_at DESC, p.id LIMIT ${query.pageSize ?? 24} OFFSET ${offset}`,
    params,
  );
  return r.rows.length ? Number(r.rows[0].total) : 0;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const round = (ms: number) => Math.round(ms * 100) / 100;

interface Timings {
  engine: number[];
  baseline: number[];
  byKind: Map<string, number[]>;
  hits: number[];
  /** The five slowest engine queries. */
  slowest: { ms: number; total: number; query: SearchQuery }[];
  warmup: number;
}

async function runMix(db: Database, mix: readonly BenchQuery[], record: boolean): Promise<Timings> {
  const t: Timings = { engine: [], baseline: [], byKind: new Map(), hits: [], slowest: [], warmup: 0 };
  const started = performance.now();
  for (let i = 0; i < mix.length; i += 1) {
    const { kind, query } = mix[i];
    // Alternated, so drift (caches, other load) falls on both alike.
    const a = performance.now();
    const result = await embeddedEngine.search(db.prisma, query);
    const engineMs = performance.now() - a;
    const b = performance.now();
    await baselineSearch(db.pool, query);
    const baselineMs = performance.now() - b;
    if (!record) continue;
    t.engine.push(engineMs);
    t.baseline.push(baselineMs);
    t.hits.push(result.total);
    t.slowest = [...t.slowest, { ms: engineMs, total: result.total, query }].sort((x, y) => y.ms - x.ms).slice(0, 5);
    const key = `${kind}${query.facets ? "+facets" : ""}`;
    t.byKind.set(key, [...(t.byKind.get(key) ?? []), engineMs]);
    if ((i + 1) % 100 === 0 || i + 1 === mix.length) progress("queries", i + 1, mix.length, started);
  }
  return t;
}

async function openBenchDatabase(): Promise<{ db: Database; label: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ dataDir: "memory://" });
    return { db, label: "pglite (in-memory)", drop: () => db.close() };
  }
  const name = `bench_search_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  const version = (await db.pool.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
  return {
    db,
    label: `postgresql ${version} (${url.host}/${name})`,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

interface Built {
  products: number;
  listed: number;
  buildS: number;
  indexS: number;
  sizes: { heap: string; toast: string; gin: string };
}

/** Generates the catalogue, indexes it and reads the sizes of what the engine wrote. */
async function build(db: Database, listings: number): Promise<Built> {
  const t0 = performance.now();
  const { productIds } = await buildCatalogue(db, listings);
  const t1 = performance.now();
  await indexCatalogue(db, productIds);
  const t2 = performance.now();
  const listed = Number((await db.pool.query("SELECT count(*)::int AS n FROM search_documents")).rows[0].n);
  const sizes = (
    await db.pool.query<Built["sizes"]>(
      `SELECT pg_size_pretty(pg_relation_size(c.oid)) AS heap, pg_size_pretty(coalesce(pg_relation_size(c.reltoastrelid), 0)) AS toast,
         pg_size_pretty(pg_relation_size('search_documents_terms_gin')) AS gin FROM pg_class c WHERE c.oid = 'search_documents'::regclass`,
    )
  ).rows[0];
  const built = { products: productIds.length, listed, buildS: (t1 - t0) / 1000, indexS: (t2 - t1) / 1000, sizes };
  log(`catalogue ${built.buildS.toFixed(1)} s, index ${built.indexS.toFixed(1)} s: ${listed} listed of ${built.products} products`);
  return built;
}

const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** Prints the results; the last line is the JSON summary. */
function report(label: string, kind: string, built: Built, mix: readonly BenchQuery[], t: Timings, loadBefore: number[]): void {
  const engine = [...t.engine].sort((x, y) => x - y);
  const baseline = [...t.baseline].sort((x, y) => x - y);
  const p95 = percentile(engine, 95);
  const baselineP95 = percentile(baseline, 95);
  const speedup = baselineP95 / Math.max(p95, 0.001);
  const ok = p95 <= TARGET_P95_MS && speedup >= TARGET_SPEEDUP;
  const loadAfter = load();
  console.log(`database: ${label}; ${os.cpus().length} CPUs, load average ${loadBefore.join(" ")} before the queries, ${loadAfter.join(" ")} after`);
  console.log(`listings: ${built.products} products, ${built.listed} listed and indexed; build ${built.buildS.toFixed(1)} s, index ${built.indexS.toFixed(1)} s`);
  console.log(`search_documents: rows ${built.sizes.heap}, terms out of line ${built.sizes.toast}, GIN ${built.sizes.gin}`);
  const kinds = [...new Set(mix.map((m) => m.kind))].map((k) => `${k} ${mix.filter((m) => m.kind === k).length}`).join(", ");
  console.log(`queries: ${mix.length} (${kinds}; ${mix.filter((m) => m.query.facets).length} with facets), after ${t.warmup} warm-up queries`);
  console.log(`hits per query: median ${percentile([...t.hits].sort((x, y) => x - y), 50)}, max ${Math.max(...t.hits)}`);
  for (const [key, values] of [...t.byKind].sort()) {
    const v = [...values].sort((x, y) => x - y);
    console.log(`  ${key.padEnd(16)} n=${String(v.length).padStart(4)}  p50 ${round(percentile(v, 50)).toFixed(2)} ms  p95 ${round(percentile(v, 95)).toFixed(2)} ms  max ${round(v[v.length - 1]).toFixed(2)} ms`);
  }
  console.log(`slowest: ${t.slowest.map((x) => `${x.ms.toFixed(1)} ms ${JSON.stringify(x.query)} (${x.total} hits)`).join("; ")}`);
  console.log(`embedded engine: p50 ${round(percentile(engine, 50))} ms, p95 ${round(p95)} ms, p99 ${round(percentile(engine, 99))} ms`);
  console.log(`ILIKE baseline:  p50 ${round(percentile(baseline, 50))} ms, p95 ${round(baselineP95)} ms, p99 ${round(percentile(baseline, 99))} ms`);
  console.log(`targets: p95 ≤ ${TARGET_P95_MS} ms and ≥ ${TARGET_SPEEDUP}× the baseline at p95 — ${ok ? "met" : "NOT met"} (${speedup.toFixed(1)}×)`);
  console.log(
    JSON.stringify({
      listings: built.products,
      indexed: built.listed,
      queries: mix.length,
      database: kind,
      p50Ms: round(percentile(engine, 50)),
      p95Ms: round(p95),
      p99Ms: round(percentile(engine, 99)),
      baselineP50Ms: round(percentile(baseline, 50)),
      baselineP95Ms: round(baselineP95),
      baselineP99Ms: round(percentile(baseline, 99)),
      speedup: Math.round(speedup * 10) / 10,
      indexSeconds: Math.round(built.indexS),
      loadAverage: loadAfter[0],
      targetsMet: ok,
    }),
  );
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  // stdout carries the results only.
  logger.level = "warn";
  const { db, label, drop } = await openBenchDatabase();
  log(`bench:search on ${label}: ${options.listings} listings, ${options.queries} queries`);
  try {
    const built = await build(db, options.listings);
    const mix = queryMix(options.queries);
    await runMix(db, queryMix(options.warmup, SEED + 2), false);
    const loadBefore = load();
    const t = await runMix(db, mix, true);
    report(label, db.kind, built, mix, { ...t, warmup: options.warmup }, loadBefore);
    return 0;
  } finally {
    if (options.keep && db.kind === "postgres") {
      log(`kept the database: ${label}`);
      await db.close();
    } else await drop();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
