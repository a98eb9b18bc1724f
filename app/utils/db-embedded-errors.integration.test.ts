/**
 * The embedded database keeps answering after an SQL error. pg-pool ends the connection of a failed query, and
 * PGlite's bridge could not start a new one cleanly: the query after any error (a unique violation a workflow
 * handles, a refused order) failed too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./db.server";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ dataDir: "memory://" });
}, 120_000);
afterAll(async () => db?.close());

describe("the embedded database after an SQL error", () => {
  it("answers the next query, through Prisma and through the pool", async () => {
    await expect(db.prisma.$queryRawUnsafe(`SELECT 1 / $1::int AS x`, 0)).rejects.toThrow();
    expect(await db.prisma.$queryRawUnsafe<{ x: number }[]>(`SELECT 1 AS x`)).toEqual([{ x: 1 }]);
    await expect(db.pool.query({ text: `SELECT 1 / $1::int AS x`, values: [0] })).rejects.toMatchObject({ code: "22012" });
    expect((await db.pool.query({ text: `SELECT $1::int AS x`, values: [2] })).rows).toEqual([{ x: 2 }]);
  });

  it("carries a raised error's code and detail to the caller", async () => {
    await expect(db.pool.query({ text: `SELECT "place_order_refused"(true, $1::jsonb)`, values: ['{"ok": false}'] })).rejects.toMatchObject({ code: "HM001", detail: '{"ok": false}' });
    expect((await db.pool.query(`SELECT 3 AS x`)).rows).toEqual([{ x: 3 }]);
  });
});
