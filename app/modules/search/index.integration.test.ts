import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { embeddedEngine } from "./embedded.server";
import type { SearchEngine } from "./engine";
import { indexedProductIds, rebuildIndex } from "./index.server";

let t: TestDatabase;
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  console.log(`search rebuild on ${t.label}`);
  const db = t.db.prisma;
  const seller = await createOrganization(db, { name: "重建测试合作社" });
  for (const [key, nameZh] of [["a", "泰宁香菇"], ["b", "尤溪金柑"], ["c", "明溪笋干"], ["d", "沙县扁肉"], ["e", "建宁白莲"]] as const) {
    id[key] = (await createProduct(db, { sellerId: seller.id, nameZh })).id;
  }
  id.draft = (await createProduct(db, { sellerId: seller.id, nameZh: "草稿香菇", status: "draft" })).id;
  // Changed behind the index's back: paused while its document stays (what a rebuild repairs) …
  await db.product.update({ where: { id: id.e }, data: { status: "paused" } });
  // … and one whose document was lost.
  await db.$executeRawUnsafe(`DELETE FROM search_documents WHERE product_id = $1::uuid`, id.a);
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe("rebuildIndex", () => {
  it("writes every listed product's document and drops the stale ones, reporting progress per batch", async () => {
    expect((await indexedProductIds(t.db.prisma, embeddedEngine)).sort()).toEqual([id.b, id.c, id.d, id.e].sort());
    const progress: [number, number][] = [];
    const summary = await rebuildIndex(t.db.prisma, { engine: embeddedEngine, batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(summary).toEqual({ engine: "embedded", indexed: 4, removed: 1 });
    expect(progress).toEqual([[0, 6], [2, 6], [4, 6], [6, 6]]);
    expect((await indexedProductIds(t.db.prisma, embeddedEngine)).sort()).toEqual([id.a, id.b, id.c, id.d].sort());
    expect((await embeddedEngine.search(t.db.prisma, { q: "", pageSize: 100 })).hits.map((h) => h.id).sort()).toEqual([id.a, id.b, id.c, id.d].sort());
    // A second run finds nothing to remove.
    expect(await rebuildIndex(t.db.prisma, { engine: embeddedEngine })).toEqual({ engine: "embedded", indexed: 4, removed: 0 });
  });

  it("removes an external index's documents of products that no longer exist", async () => {
    const gone = "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1aff";
    const removed: string[][] = [];
    const indexed: string[] = [];
    const external = {
      name: "meili",
      index: async (_db, ids) => void indexed.push(...ids),
      remove: async (_db, ids) => void removed.push([...ids]),
      search: async () => ({ hits: [], total: 0, page: 1, pages: 1 }),
      ensureSettings: async () => undefined,
      indexedIds: async () => [id.b, id.e, gone],
    } satisfies SearchEngine & Record<string, unknown>;
    const summary = await rebuildIndex(t.db.prisma, { engine: external });
    expect(summary).toEqual({ engine: "meili", indexed: 4, removed: 2 });
    expect(indexed.sort()).toEqual(Object.values(id).sort());
    expect(removed).toEqual([[gone]]);
  });
});
