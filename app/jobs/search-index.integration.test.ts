import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct } from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { createJobQueue, type JobQueue } from "./queue.server";
import { SEARCH_INDEX_JOB } from "./search-index";

let t: TestDatabase;
let queue: JobQueue;

beforeAll(async () => {
  t = await createTestDatabase();
  console.log(`search.index end to end on ${t.label}`);
  // The app's real jobs (search.index → app/modules/search reindexProducts).
  queue = await createJobQueue(t.db, { pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await queue?.stop();
  await t?.drop();
});

describe("search.index with the real search module", () => {
  it("a product created with its index job in one transaction gets a search document", async () => {
    const { productId, jobId } = await t.db.prisma.$transaction(async (tx) => {
      const seller = await createOrganization(tx);
      const product = await createProduct(tx, { sellerId: seller.id, nameZh: "泰宁香菇" });
      const jobId = await queue.enqueue(SEARCH_INDEX_JOB, { productIds: [product.id] }, { tx });
      return { productId: product.id, jobId };
    });
    const end = Date.now() + 30_000;
    let state: string | undefined;
    while (Date.now() < end) {
      state = (await queue.boss.getJobById(SEARCH_INDEX_JOB, jobId!))?.state;
      if (state === "completed" || state === "failed") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state).toBe("completed");
    const docs = await t.db.pool.query("SELECT product_id FROM search_documents WHERE product_id = $1", [productId]);
    expect(docs.rowCount).toBe(1);
  });
});
