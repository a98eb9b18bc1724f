import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../app/utils/db.server";

/**
 * A fresh, migrated database for one test file or worker: a new database on the server named by
 * TEST_DATABASE_URL when set (dropped afterwards), otherwise an in-memory embedded PGlite.
 */
export interface TestDatabase {
  db: Database;
  /** Connection URL of the fresh server database; undefined on PGlite. */
  url?: string;
  /** "postgresql (127.0.0.1:5432/huming_t_…)" or "pglite (in-memory)": printed so runs say where they ran. */
  label: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the TEST_DATABASE_URL server and returns its URL. */
export async function createServerDatabase(adminUrl: string, prefix = "huming_t"): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Opens a fresh migrated test database (see TestDatabase). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const server = await createServerDatabase(adminUrl);
    const db = await openDatabase({ url: server.url });
    return {
      db,
      url: server.url,
      label: `postgresql (${db.location})`,
      drop: async () => {
        await db.close();
        await server.drop();
      },
    };
  }
  const db = await openDatabase({ dataDir: "memory://" });
  return { db, label: "pglite (in-memory)", drop: () => db.close() };
}
