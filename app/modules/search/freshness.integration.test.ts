/**
 * Index freshness end to end on a real database (PostgreSQL with TEST_DATABASE_URL, else PGlite): stock,
 * lot and seller changes reach the embedded index in their transaction when no queue runs, and through
 * search.index jobs committed (or rolled back) with them when one does.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueue, stopQueue } from "~/jobs/queue.server";
import { SEARCH_INDEX_JOB } from "~/jobs/search-index";
import { createLot } from "~/modules/lots/lots.server";
import { suspendOrganization, unsuspendOrganization } from "~/modules/sellers/verification.server";
import { adjustOwnStock } from "~/modules/stock/stock.server";
import { createOrganization, createProduct } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { embeddedEngine, readDocument } from "./embedded.server";
import { searchChanged } from "./freshness.server";

let t: TestDatabase;
const actorId = randomUUID();

beforeAll(async () => {
  t = await createTestDatabase();
  console.log(`search freshness on ${t.label}`);
});

afterAll(async () => {
  await stopQueue();
  await t?.drop();
});

async function listedProduct(name: string, sellerId?: string) {
  const seller = sellerId ?? (await createOrganization(t.db.prisma, { name: `${name}合作社` })).id;
  const product = await createProduct(t.db.prisma, { sellerId: seller, nameZh: name, nameEn: "freshness test", originCounty: "泰宁县" });
  return { sellerId: seller, productId: product.id, variantId: product.variants[0]!.id };
}

const inStockIds = async (sellerId: string) => (await embeddedEngine.search(t.db.prisma, { q: "", sellerId, inStock: true, pageSize: 100 })).hits.map((h) => h.id);
const sellerHits = async (sellerId: string) => (await embeddedEngine.search(t.db.prisma, { q: "", sellerId, pageSize: 100 })).hits.map((h) => h.id);
const documentRow = async (productId: string) => {
  const doc = await readDocument(t.db.prisma, productId);
  return doc ? { in_stock: doc.inStock, terms: doc.terms } : undefined;
};
const jobsFor = async (productId: string) =>
  Number((await t.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->'productIds' ? $2", [SEARCH_INDEX_JOB, productId])).rows[0]!.n);

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting for the search index");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("without a job queue (route tests, npm run dev): the change rewrites the embedded index in its transaction", () => {
  it("a stock change flips the product in and out of stock", async () => {
    const p = await listedProduct("泰宁香菇甲");
    expect(await inStockIds(p.sellerId)).toEqual([]);
    const received = await adjustOwnStock(t.db.prisma, [p.sellerId], { variantId: p.variantId, reason: "received", quantity: 5, actorId });
    expect(received.kind).toBe("ok");
    expect(await inStockIds(p.sellerId)).toEqual([p.productId]);
    expect((await documentRow(p.productId))?.in_stock).toBe(true);
    // Still in stock: nothing to refresh, and nothing goes wrong.
    await adjustOwnStock(t.db.prisma, [p.sellerId], { variantId: p.variantId, reason: "spoiled", quantity: 2, actorId });
    expect(await inStockIds(p.sellerId)).toEqual([p.productId]);
    await adjustOwnStock(t.db.prisma, [p.sellerId], { variantId: p.variantId, reason: "spoiled", quantity: 3, actorId });
    expect(await inStockIds(p.sellerId)).toEqual([]);
    expect((await documentRow(p.productId))?.in_stock).toBe(false);
  });

  it("a new lot's certificate becomes a facet", async () => {
    const p = await listedProduct("建宁通心白莲乙");
    const certified = () => embeddedEngine.search(t.db.prisma, { q: "", sellerId: p.sellerId, certKind: "green_food" });
    expect((await certified()).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const lot = await createLot(t.db.prisma, [p.sellerId], { variantId: p.variantId, code: "", producedOn: today, expiresOn: null, originBase: "", originPlot: "", inspection: "", quantity: null, certificates: [{ kind: "green_food", number: "LB-1" }] }, today);
    expect(lot.kind).toBe("ok");
    expect((await certified()).hits.map((h) => h.id)).toEqual([p.productId]);
  });

  it("a seller's suspension removes its products from search results, and lifting it brings them back", async () => {
    const a = await listedProduct("尤溪金柑丙");
    const b = await listedProduct("尤溪金柑丁", a.sellerId);
    expect((await sellerHits(a.sellerId)).sort()).toEqual([a.productId, b.productId].sort());
    expect((await suspendOrganization(t.db.prisma, { organizationId: a.sellerId, actorId, reason: "test" })).kind).toBe("ok");
    expect(await sellerHits(a.sellerId)).toEqual([]);
    expect((await embeddedEngine.search(t.db.prisma, { q: "尤溪金柑丙" })).hits.map((h) => h.id)).not.toContain(a.productId);
    // The documents themselves are gone, not only hidden by the query.
    expect(await documentRow(a.productId)).toBeUndefined();
    expect((await unsuspendOrganization(t.db.prisma, { organizationId: a.sellerId, actorId })).kind).toBe("ok");
    expect((await sellerHits(a.sellerId)).sort()).toEqual([a.productId, b.productId].sort());
  });

  it("a rolled-back change leaves the document as it was", async () => {
    const p = await listedProduct("明溪笋干戊");
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await tx.product.update({ where: { id: p.productId }, data: { nameZh: "明溪淮山" }, select: { id: true } });
        await searchChanged(tx, [p.productId]);
        expect((await readDocument(tx, p.productId))?.terms).toContain("淮山");
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await documentRow(p.productId))?.terms).toContain("笋干");
    expect((await documentRow(p.productId))?.terms).not.toContain("淮山");
  });
});

describe("with the job queue started in this process", () => {
  beforeAll(async () => {
    await startQueue(t.db, { work: true, pollingIntervalSeconds: 0.5 });
  });

  it("a search.index job is enqueued on the change's transaction and rolled back with it", async () => {
    const p = await listedProduct("大田高山茶己");
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await tx.product.update({ where: { id: p.productId }, data: { nameZh: "大田高山茶（改）" }, select: { id: true } });
        await searchChanged(tx, [p.productId]);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await jobsFor(p.productId)).toBe(0);
    await t.db.prisma.$transaction(async (tx) => {
      await tx.product.update({ where: { id: p.productId }, data: { nameZh: "大田高山茶（改）" }, select: { id: true } });
      await searchChanged(tx, [p.productId]);
    });
    expect(await jobsFor(p.productId)).toBe(1);
    // The embedded index did not wait for the job: it changed with the transaction.
    expect((await embeddedEngine.search(t.db.prisma, { q: "大田高山茶（改）", sellerId: p.sellerId })).total).toBe(1);
  });

  it("a stock change enqueues the job, and the worker flips in_stock", async () => {
    const p = await listedProduct("将乐擂茶庚");
    expect(await jobsFor(p.productId)).toBe(0);
    await adjustOwnStock(t.db.prisma, [p.sellerId], { variantId: p.variantId, reason: "received", quantity: 3, actorId });
    expect(await jobsFor(p.productId)).toBe(1);
    await until(async () => (await inStockIds(p.sellerId)).includes(p.productId));
    expect((await documentRow(p.productId))?.in_stock).toBe(true);
  });
});
