/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
import { openDatabase } from "../../app/utils/db.server";
import { env, EnvError } from "../../app/utils/env.server";
import { pendingMigrations } from "../../app/utils/migrate.server";

async function main() {
  const e = env();
  const db = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, migrate: "none" });
  try {
    const pending = await pendingMigrations(db.pool);
    if (pending.length === 0) {
      console.log(`Database (${db.kind}, ${db.location}) is up to date.`);
      return;
    }
    const { applyMigrations } = await import("../../app/utils/migrate.server");
    const result = await applyMigrations(db.pool);
    console.log(`Applied ${result.applied.length} migration(s) to ${db.kind} (${db.location}):\n  ${result.applied.join("\n  ")}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
