/** Arguments of `npm run search:query` (pure, tested in args.test.ts). */
import { SEARCH_SORTS, type SearchSort } from "../../app/modules/search/engine";

export const ENGINE_NAMES = ["embedded"] as const;

export const USAGE = `Usage: npm run --silent search:query -- "<query>" [--engine embedded] [--limit n] [--facets] [--sort relevance|price_per_kg|newest]

Searches the configured database (DATABASE_URL, or the embedded database in DATA_DIR) and prints one JSON object:
{"query", "engine", "total", "hits": [{"id", "nameZh", "nameEn", "seller", "score"}], "facets"?}
  --engine   search engine (default embedded; the only one so far)
  --limit    hits to print, 1–100 (default 10)
  --facets   add facet counts
  --sort     relevance (default), price_per_kg or newest`;

export interface QueryArgs {
  query: string;
  engine: (typeof ENGINE_NAMES)[number];
  limit: number;
  facets: boolean;
  sort: SearchSort;
}

/** Parsed arguments, or an error message (the caller prints usage and exits 2). */
export function parseQueryArgs(argv: readonly string[]): QueryArgs | { error: string } {
  let query: string | undefined;
  let engine: string = "embedded";
  let limit = 10;
  let facets = false;
  let sort: string = "relevance";
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => {
      const v = argv[i + 1];
      i += 1;
      return v;
    };
    if (a === "--facets") facets = true;
    else if (a === "--engine") {
      const v = value();
      if (v === undefined) return { error: "--engine needs a value" };
      engine = v;
    } else if (a === "--limit") {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100) return { error: "--limit must be a whole number from 1 to 100" };
      limit = Number(v);
    } else if (a === "--sort") {
      const v = value();
      if (v === undefined || !(SEARCH_SORTS as readonly string[]).includes(v)) return { error: `--sort must be one of ${SEARCH_SORTS.join(", ")}` };
      sort = v;
    } else if (a.startsWith("--")) return { error: `unknown option ${a}` };
    else if (query === undefined) query = a;
    else return { error: "give exactly one query (quote it)" };
  }
  if (query === undefined) return { error: "missing query" };
  if (!(ENGINE_NAMES as readonly string[]).includes(engine)) return { error: `unknown engine ${engine} (available: ${ENGINE_NAMES.join(", ")})` };
  return { query, engine: engine as QueryArgs["engine"], limit, facets, sort: sort as SearchSort };
}
