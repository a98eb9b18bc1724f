/** `npm run --silent search:query -- "<query>" [--engine embedded|meili] [--limit n] [--facets]`: one JSON object on stdout. */
import { openDatabase } from "../../app/utils/db.server";
import { env, EnvError } from "../../app/utils/env.server";
import { engineByName, SearchConfigError } from "../../app/modules/search/index.server";
import { parseQueryArgs, USAGE } from "./args";

async function main(): Promise<number> {
  const args = parseQueryArgs(process.argv.slice(2));
  if ("help" in args) {
    console.log(USAGE);
    return 0;
  }
  if ("error" in args) {
    console.error(`${args.error}\n\n${USAGE}`);
    return 2;
  }
  const e = env();
  const engine = engineByName(args.engine ?? e.SEARCH_ENGINE);
  const db = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, migrate: "apply" });
  try {
    const result = await engine.search(db.prisma, { q: args.query, pageSize: args.limit, facets: args.facets, sort: args.sort });
    const rows = await db.prisma.product.findMany({
      where: { id: { in: result.hits.map((h) => h.id) } },
      select: { id: true, nameZh: true, nameEn: true, seller: { select: { name: true } } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const hits = result.hits.flatMap((h) => {
      const p = byId.get(h.id);
      return p ? [{ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, seller: p.seller.name, score: h.score }] : [];
    });
    process.stdout.write(`${JSON.stringify({ query: args.query, engine: engine.name, total: result.total, hits, ...(args.facets ? { facets: result.facets } : {}) })}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Configuration problems exit 2 like bad arguments; a database or engine failure exits 1. No stack traces.
    console.error(`search:query failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof EnvError || error instanceof SearchConfigError ? 2 : 1);
  },
);
