import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../app/utils/db.server";
import { diffDatabaseToSchema } from "../../scripts/db/schema-engine";
import { createServerDatabase } from "../support/test-db";

const schema = readFileSync("prisma/schema.prisma", "utf8");
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Target = { name: string; open: () => Promise<Database> };
const targets: Target[] = [{ name: "pglite (in-memory)", open: () => openDatabase({ dataDir: "memory://" }) }];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  targets.push({
    name: "postgresql",
    open: async () => {
      const server = await createServerDatabase(serverUrl, "huming_schema");
      cleanups.push(server.drop);
      return openDatabase({ url: server.url });
    },
  });
} else {
  console.log("[schema] TEST_DATABASE_URL is not set: checking the embedded database only");
}

describe.each(targets)("freshly migrated database on $name", ({ name, open }) => {
  it("matches prisma/schema.prisma exactly (the schema engine finds nothing to change)", async () => {
    const db = await open();
    cleanups.push(db.close);
    console.log(`[schema] database: ${name} ${db.location}`);
    expect(await diffDatabaseToSchema(db.pool, schema)).toBe("");
  });

  it("would notice a missing column (the check can fail)", async () => {
    const db = await open();
    cleanups.push(db.close);
    await db.pool.query(`ALTER TABLE "variants" DROP COLUMN "volume_cm3"`);
    expect(await diffDatabaseToSchema(db.pool, schema)).toMatch(/ADD COLUMN\s+"volume_cm3" INTEGER NOT NULL/);
  });
});
