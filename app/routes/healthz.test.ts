import { afterEach, describe, expect, it, vi } from "vitest";

const getDatabase = vi.fn();
const logError = vi.fn();
vi.mock("~/utils/db.server", async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase }));
// The failures below are expected; keep their error logs out of the test output, but check they are logged.
vi.mock("~/utils/logger.server", () => ({ logger: { error: logError, warn: vi.fn(), info: vi.fn() } }));

const { loader } = await import("./healthz");
const { DatabaseError } = await import("~/utils/db.server");

afterEach(() => {
  getDatabase.mockReset();
  logError.mockReset();
});

describe("/healthz", () => {
  it("answers 200 ok, uncached, when the database responds", async () => {
    getDatabase.mockResolvedValue({ kind: "pglite", pool: { query: vi.fn().mockResolvedValue({ rows: [] }) } });
    const res = await loader();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers 503 unavailable and keeps the database's explanation for the log", async () => {
    getDatabase.mockRejectedValue(new DatabaseError("Cannot connect to PostgreSQL at 127.0.0.1:5999/x: connection refused."));
    const res = await loader();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable" });
    expect(String(logError.mock.calls[0][0].err.message)).toContain("connection refused");
  });

  it("tells the public nothing about unexpected failures", async () => {
    getDatabase.mockResolvedValue({ kind: "postgres", pool: { query: vi.fn().mockRejectedValue(new Error("socket hang up at 10.0.0.3")) } });
    const res = await loader();
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).not.toContain("10.0.0.3");
  });
});
