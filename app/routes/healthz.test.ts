import { afterEach, describe, expect, it, vi } from "vitest";

const getDatabase = vi.fn();
vi.mock("~/utils/db.server", async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase }));
// The failures below are expected; keep their error logs out of the test output.
vi.mock("~/utils/logger.server", () => ({ logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn() } }));

const { loader } = await import("./healthz");
const { DatabaseError } = await import("~/utils/db.server");

afterEach(() => getDatabase.mockReset());

describe("/healthz", () => {
  it("answers 200 with the database kind and time when the database responds", async () => {
    getDatabase.mockResolvedValue({ kind: "pglite", pool: { query: vi.fn().mockResolvedValue({ rows: [] }) } });
    const res = await loader();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", database: "pglite" });
    expect(Number.isNaN(Date.parse(body.time))).toBe(false);
  });

  it("answers 503 with the database's own explanation when it cannot be opened", async () => {
    getDatabase.mockRejectedValue(new DatabaseError("Cannot connect to PostgreSQL at 127.0.0.1:5999/x: connection refused."));
    const res = await loader();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", message: expect.stringContaining("connection refused") });
  });

  it("answers 503 without internals for unexpected failures", async () => {
    getDatabase.mockResolvedValue({ kind: "postgres", pool: { query: vi.fn().mockRejectedValue(new Error("socket hang up at 10.0.0.3")) } });
    const res = await loader();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.message).not.toContain("10.0.0.3");
  });
});
