import { getDatabase } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

/**
 * Public liveness and database check for load balancers and the start script: 200 `{"status":"ok"}`
 * or 503 `{"status":"unavailable"}`. Which database, where, and why it failed are for the log only:
 * a public endpoint tells strangers nothing about the installation.
 */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    const db = await getDatabase();
    await db.pool.query("SELECT 1");
    return Response.json({ status: "ok" }, { headers });
  } catch (error) {
    logger.error({ err: error }, "health check failed");
    return Response.json({ status: "unavailable" }, { status: 503, headers });
  }
}
