import { describe, expect, it } from "vitest";
import type { SearchDb, SearchEngine } from "./engine";
import { searchChanged, SearchFreshnessError, sellerSearchChanged, stockChanged, type FreshnessDeps } from "./freshness.server";

const A = "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a01";
const B = "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a02";
const tx = { marker: "tx" } as unknown as SearchDb;

function setup(engineName: "embedded" | "meili", queueStarted: boolean) {
  const calls: string[] = [];
  const engine: SearchEngine = {
    name: engineName,
    index: async (db, ids) => void calls.push(`index ${db === tx ? "tx" : "other"} ${ids.join(",")}`),
    remove: async () => undefined,
    search: async () => ({ hits: [], total: 0, page: 1, pages: 1 }),
  };
  const deps: FreshnessDeps = { engine, queueStarted, enqueue: async (db, ids) => void calls.push(`enqueue ${db === tx ? "tx" : "other"} ${ids.join(",")}`) };
  return { calls, deps };
}

describe("searchChanged", () => {
  it("embedded engine with a queue: rewrites in the transaction and enqueues on it", async () => {
    const { calls, deps } = setup("embedded", true);
    await searchChanged(tx, [A, B, A], {}, deps);
    expect(calls).toEqual([`index tx ${A},${B}`, `enqueue tx ${A},${B}`]);
  });

  it("embedded engine with a queue, stock change: enqueues only", async () => {
    const { calls, deps } = setup("embedded", true);
    await searchChanged(tx, [A], { stock: true }, deps);
    expect(calls).toEqual([`enqueue tx ${A}`]);
  });

  it("embedded engine without a queue (route tests, npm run dev): the rewrite in the transaction covers it, stock too", async () => {
    const { calls, deps } = setup("embedded", false);
    await searchChanged(tx, [A], {}, deps);
    await searchChanged(tx, [B], { stock: true }, deps);
    expect(calls).toEqual([`index tx ${A}`, `index tx ${B}`]);
  });

  it("Meilisearch with a queue: enqueues only (the index is not in this transaction's reach)", async () => {
    const { calls, deps } = setup("meili", true);
    await searchChanged(tx, [A], {}, deps);
    await searchChanged(tx, [B], { stock: true }, deps);
    expect(calls).toEqual([`enqueue tx ${A}`, `enqueue tx ${B}`]);
  });

  it("Meilisearch without a queue is a configuration error (the change rolls back)", async () => {
    const { calls, deps } = setup("meili", false);
    await expect(searchChanged(tx, [A], {}, deps)).rejects.toBeInstanceOf(SearchFreshnessError);
    await expect(searchChanged(tx, [A], {}, deps)).rejects.toThrow(/"meili" is updated through the job queue, which is not started/);
    expect(calls).toEqual([]);
  });

  it("does nothing for no products", async () => {
    const { calls, deps } = setup("meili", false);
    await searchChanged(tx, [], {}, deps);
    await stockChanged(tx, [], deps);
    expect(calls).toEqual([]);
  });

  it("a seller change covers the seller's active products; a stock change its packs' products", async () => {
    const { calls, deps } = setup("embedded", true);
    const queries: unknown[] = [];
    const db = {
      product: { findMany: async (args: unknown) => (queries.push(args), [{ id: A }, { id: B }]) },
      variant: { findMany: async (args: unknown) => (queries.push(args), [{ productId: A }, { productId: A }]) },
    } as unknown as SearchDb;
    await sellerSearchChanged(db, "seller-1", deps);
    await stockChanged(db, ["v1", "v2"], deps);
    expect(queries).toEqual([
      { where: { sellerId: "seller-1", status: "active" }, select: { id: true } },
      { where: { id: { in: ["v1", "v2"] } }, select: { productId: true } },
    ]);
    expect(calls).toEqual([`index other ${A},${B}`, `enqueue other ${A},${B}`, `enqueue other ${A}`]);
  });
});
