/**
 * `npm run search:reindex [-- --engine embedded|meili] [--batch-size n]`: rebuilds the active (or named)
 * engine's index from the database in batches, with a progress bar on stderr, and prints one JSON line
 * {"engine", "indexed", "removed", "ms"}. Exit codes: 0 done, 1 failed (database or engine), 2 bad
 * arguments or configuration. Messages, never stack traces.
 */
import { openDatabase } from "../../app/utils/db.server";
import { env, EnvError } from "../../app/utils/env.server";
import { engineByName, maintainSearchIndex, rebuildIndex, SearchConfigError } from "../../app/modules/search/index.server";
import { parseReindexArgs, REINDEX_USAGE } from "./args";
import { createProgressBar } from "./progress";

async function main(): Promise<number> {
  const args = parseReindexArgs(process.argv.slice(2));
  if ("help" in args) {
    console.log(REINDEX_USAGE);
    return 0;
  }
  if ("error" in args) {
    console.error(`${args.error}\n\n${REINDEX_USAGE}`);
    return 2;
  }
  const e = env();
  const engine = engineByName(args.engine ?? e.SEARCH_ENGINE);
  // The index is rebuilt from what is there: a database with pending migrations is refused, not changed.
  const db = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, migrate: "verify" });
  const started = performance.now();
  const bar = createProgressBar(process.stderr, `search:reindex (${engine.name})`);
  try {
    const summary = await rebuildIndex(db.prisma, { engine, batchSize: args.batchSize, onProgress: (done, total) => bar.update(done, total) });
    bar.finish();
    await maintainSearchIndex(db.prisma, engine);
    process.stdout.write(`${JSON.stringify({ ...summary, ms: Math.round(performance.now() - started) })}\n`);
    return 0;
  } finally {
    bar.finish();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Configuration problems exit 2 like bad arguments; a database or engine failure exits 1.
    const config = error instanceof EnvError || error instanceof SearchConfigError;
    console.error(`\nsearch:reindex failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(config ? 2 : 1);
  },
);
