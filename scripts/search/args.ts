/** Arguments of `npm run search:query` and `npm run search:reindex` (pure, tested in args.test.ts). */
import { SEARCH_SORTS, type SearchSort } from "../../app/modules/search/engine";

/** The engines the CLIs can address (app/modules/search/index.server.ts ENGINE_NAMES). */
export const ENGINE_NAMES = ["embedded", "meili"] as const;
export type CliEngine = (typeof ENGINE_NAMES)[number];

export const USAGE = `Usage: npm run --silent search:query -- "<query>" [--engine embedded|meili] [--limit n] [--facets] [--sort relevance|price_per_kg|newest]

Searches the configured database (DATABASE_URL, or the embedded database in DATA_DIR) and prints one JSON object:
{"query", "engine", "total", "hits": [{"id", "nameZh", "nameEn", "seller", "score"}], "facets"?}
  --engine   search engine: embedded, or meili (Meilisearch at MEILI_URL); default SEARCH_ENGINE (embedded)
  --limit    hits to print, 1–100 (default 10)
  --facets   add facet counts
  --sort     relevance (default), price_per_kg or newest`;

export const REINDEX_USAGE = `Usage: npm run search:reindex [-- --engine embedded|meili] [--batch-size n]

Rebuilds the search index from the configured database (DATABASE_URL, or the embedded database in DATA_DIR):
every listed product's document is written, documents of unlisted or deleted products are removed. Progress
goes to stderr; the last line on stdout is one JSON object {"engine", "indexed", "removed", "ms"}.
  --engine      embedded, or meili (Meilisearch at MEILI_URL); default SEARCH_ENGINE (embedded)
  --batch-size  products per batch, 1–1000 (default 200)`;

export interface QueryArgs {
  query: string;
  /** null: the configured engine (SEARCH_ENGINE). */
  engine: CliEngine | null;
  limit: number;
  facets: boolean;
  sort: SearchSort;
}

export interface ReindexArgs {
  /** null: the configured engine (SEARCH_ENGINE). */
  engine: CliEngine | null;
  batchSize: number;
}

export type Parsed<T> = T | { error: string } | { help: true };

function parseEngine(v: string | undefined): CliEngine | { error: string } {
  if (v === undefined || v.startsWith("--")) return { error: "--engine needs a value" };
  if (!(ENGINE_NAMES as readonly string[]).includes(v)) return { error: `unknown engine ${v} (available: ${ENGINE_NAMES.join(", ")})` };
  return v as CliEngine;
}

function parseWhole(option: string, v: string | undefined, max: number): number | { error: string } {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) return { error: `${option} must be a whole number from 1 to ${max}` };
  return Number(v);
}

/** Parsed search:query arguments, an error message (the caller prints usage and exits 2), or a request for help. */
export function parseQueryArgs(argv: readonly string[]): Parsed<QueryArgs> {
  let query: string | undefined;
  let engine: CliEngine | null = null;
  let limit = 10;
  let facets = false;
  let sort: SearchSort = "relevance";
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") return { help: true };
    if (a === "--facets") facets = true;
    else if (a === "--engine") {
      const v = parseEngine(argv[(i += 1)]);
      if (typeof v !== "string") return v;
      engine = v;
    } else if (a === "--limit") {
      const v = parseWhole("--limit", argv[(i += 1)], 100);
      if (typeof v !== "number") return v;
      limit = v;
    } else if (a === "--sort") {
      const v = argv[(i += 1)];
      if (v === undefined || !(SEARCH_SORTS as readonly string[]).includes(v)) return { error: `--sort must be one of ${SEARCH_SORTS.join(", ")}` };
      sort = v as SearchSort;
    } else if (a.startsWith("--")) return { error: `unknown option ${a}` };
    else if (query === undefined) query = a;
    else return { error: "give exactly one query (quote it)" };
  }
  if (query === undefined) return { error: "missing query" };
  return { query, engine, limit, facets, sort };
}

/** Parsed search:reindex arguments, an error message (usage, exit 2), or a request for help. */
export function parseReindexArgs(argv: readonly string[]): Parsed<ReindexArgs> {
  let engine: CliEngine | null = null;
  let batchSize = 200;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") return { help: true };
    if (a === "--engine") {
      const v = parseEngine(argv[(i += 1)]);
      if (typeof v !== "string") return v;
      engine = v;
    } else if (a === "--batch-size") {
      const v = parseWhole("--batch-size", argv[(i += 1)], 1000);
      if (typeof v !== "number") return v;
      batchSize = v;
    } else if (a.startsWith("-")) return { error: `unknown option ${a}` };
    else return { error: `unexpected argument ${a}` };
  }
  return { engine, batchSize };
}
