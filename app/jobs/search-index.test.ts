import { describe, expect, it } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Database } from "~/utils/db.server";
import { createSearchIndexJob, parseSearchIndexPayload, SEARCH_INDEX_BATCH, SEARCH_INDEX_JOB, searchIndexPayloads, type SearchIndexer } from "./search-index";

const A = "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a01";
const B = "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a02";

describe("search.index payload", () => {
  it("accepts product uuids and drops duplicates", () => {
    expect(parseSearchIndexPayload({ productIds: [A, B, A] })).toEqual({ productIds: [A, B] });
  });
  it.each([null, {}, { productIds: [] }, { productIds: "x" }, { productIds: ["not-a-uuid"] }, { productIds: [A, 3] }])("refuses %j", (bad) => {
    expect(() => parseSearchIndexPayload(bad)).toThrow(/productIds/);
  });
  it("splits large changes into batches", () => {
    const ids = Array.from({ length: SEARCH_INDEX_BATCH * 2 + 1 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const batches = searchIndexPayloads([...ids, ids[0]!]);
    expect(batches.map((b) => b.productIds.length)).toEqual([SEARCH_INDEX_BATCH, SEARCH_INDEX_BATCH, 1]);
    expect(batches.flatMap((b) => b.productIds)).toEqual(ids);
    expect(searchIndexPayloads([])).toEqual([]);
  });
});

describe("search.index handler", () => {
  it("hands the ids to the indexer with the Prisma client, and lets its error fail the attempt", async () => {
    const calls: [PrismaClient, readonly string[]][] = [];
    let fail = false;
    const fake: SearchIndexer = {
      reindexProducts: async (db, ids) => {
        calls.push([db, ids]);
        if (fail) throw new Error("index down");
      },
    };
    const job = createSearchIndexJob(async () => fake);
    expect(job.name).toBe(SEARCH_INDEX_JOB);
    expect(job.retryBackoff).toBe(true);
    const prisma = {} as PrismaClient;
    const db = { kind: "pglite", prisma } as Database;
    await job.handler(job.parse!({ productIds: [A] }), { id: "j1", name: SEARCH_INDEX_JOB, retryCount: 0, db });
    expect(calls).toEqual([[prisma, [A]]]);
    expect(calls[0]![0]).toBe(prisma);
    fail = true;
    await expect(job.handler({ productIds: [B] }, { id: "j2", name: SEARCH_INDEX_JOB, retryCount: 1, db })).rejects.toThrow("index down");
  });
});
