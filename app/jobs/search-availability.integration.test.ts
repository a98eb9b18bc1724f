import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct } from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { maintainEmbeddedIndex } from "~/modules/search/embedded.server";
import { createJobQueue } from "./queue.server";
import { createSearchAvailabilityJob, productsNearAvailabilityEdge, SEARCH_AVAILABILITY_CRON, SEARCH_AVAILABILITY_JOB } from "./search-availability";

const DAY = 86_400_000;
let t: TestDatabase;
const now = new Date();
const ids: Record<"entering" | "ended" | "inside" | "far", string> = { entering: "", ended: "", inside: "", far: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  const seller = await createOrganization(t.db.prisma, {});
  const windows: Record<keyof typeof ids, [number, number]> = {
    // Starts 30 days out: enters the 30-day horizon tonight.
    entering: [30, 60],
    // Ended yesterday: leaves it.
    ended: [-20, -1],
    // Well inside the horizon, not near an edge: unchanged tonight.
    inside: [5, 40],
    far: [90, 120],
  };
  for (const key of Object.keys(windows) as (keyof typeof ids)[]) {
    const p = await createProduct(t.db.prisma, { sellerId: seller.id, nameZh: `测试${key}` });
    ids[key] = p.id;
    const [from, to] = windows[key];
    await t.db.prisma.harvestWindow.create({
      data: { variantId: p.variants[0]!.id, availableFrom: new Date(now.getTime() + from * DAY), availableTo: new Date(now.getTime() + to * DAY), expectedPacksPerWeek: 10 },
      select: { id: true },
    });
  }
});
afterAll(async () => t?.drop());

describe("search.availability (nightly)", () => {
  it("finds the products whose windows cross the horizon's edges", async () => {
    const found = await productsNearAvailabilityEdge(t.db.prisma, now, 30);
    expect(new Set(found)).toEqual(new Set([ids.entering, ids.ended]));
  });

  it("re-indexes them in batches through the indexer", async () => {
    const calls: string[][] = [];
    const job = createSearchAvailabilityJob(async () => ({ soonDays: 30, reindexProducts: async (_db, productIds) => void calls.push([...productIds]) }));
    await job.handler({}, { id: "j", name: SEARCH_AVAILABILITY_JOB, retryCount: 0, db: t.db });
    expect(new Set(calls.flat())).toEqual(new Set([ids.entering, ids.ended]));
  });

  it("then does the index's housekeeping, which runs on this database", async () => {
    const order: string[] = [];
    const job = createSearchAvailabilityJob(async () => ({
      soonDays: 30,
      reindexProducts: async () => void order.push("reindex"),
      maintain: async (db) => {
        order.push("maintain");
        await maintainEmbeddedIndex(db);
      },
    }));
    await job.handler({}, { id: "j", name: SEARCH_AVAILABILITY_JOB, retryCount: 0, db: t.db });
    expect(order).toEqual(["reindex", "maintain"]);
    const [stats] = await t.db.prisma.$queryRawUnsafe<{ vacuumed: boolean }[]>(
      `SELECT (last_vacuum IS NOT NULL AND last_analyze IS NOT NULL) AS vacuumed FROM pg_stat_user_tables WHERE relname = 'search_documents'`,
    );
    expect(stats?.vacuumed).toBe(true);
  });

  it("is scheduled at 00:05 Beijing time where the queue runs handlers", async () => {
    const job = createSearchAvailabilityJob(async () => ({ soonDays: 30, reindexProducts: async () => undefined }));
    const queue = await createJobQueue(t.db, { jobs: [job], pollingIntervalSeconds: 0.5 });
    try {
      const schedules = await queue.boss.getSchedules();
      expect(schedules).toEqual([expect.objectContaining({ name: SEARCH_AVAILABILITY_JOB, cron: SEARCH_AVAILABILITY_CRON, timezone: "Asia/Shanghai" })]);
    } finally {
      await queue.stop();
    }
  });
});
