import { DatabaseError, getDatabase, MigrationError } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

/** Public liveness and database check for load balancers and the start script: 200 or 503, JSON. */
export async function loader() {
  const time = new Date().toISOString();
  const headers = { "Cache-Control": "no-store" };
  try {
    const db = await getDatabase();
    await db.pool.query("SELECT 1");
    return Response.json({ status: "ok", database: db.kind, time }, { headers });
  } catch (error) {
    logger.error({ err: error }, "health check failed");
    // Our own database errors are written for operators and hold no credentials; anything else stays in the log.
    const message =
      error instanceof DatabaseError || error instanceof MigrationError ? error.message : "The database is not reachable; see the server log for the cause.";
    return Response.json({ status: "unavailable", database: env().DATABASE_URL ? "postgres" : "pglite", time, message }, { status: 503, headers });
  }
}
