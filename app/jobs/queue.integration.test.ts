import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { createSearchIndexJob, SEARCH_INDEX_JOB } from "./search-index";
import { enqueueSearchIndex } from "./search-index.server";
import { createJobQueue, enqueue, QueueNotStartedError, startQueue, stopQueue, type JobDefinition, type JobQueue } from "./queue.server";

/** Polls until `check` is true (or fails after `ms`). */
async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

let t: TestDatabase;
let queue: JobQueue;
const indexed: string[][] = [];
const runs: { name: string; data: object; retryCount: number; at: number }[] = [];

const jobs: JobDefinition<any>[] = [
  // The real search.index job with a fake indexer (the search module is built alongside).
  createSearchIndexJob(async () => ({ reindexProducts: async (_db, ids) => void indexed.push([...ids]) })),
  {
    name: "test.record",
    retryLimit: 0,
    handler: async (data, ctx) => {
      runs.push({ name: ctx.name, data, retryCount: ctx.retryCount, at: Date.now() });
    },
  },
  {
    name: "test.fail",
    retryLimit: 2,
    retryDelay: 1,
    retryBackoff: true,
    handler: async (data, ctx) => {
      runs.push({ name: ctx.name, data, retryCount: ctx.retryCount, at: Date.now() });
      throw new Error("boom");
    },
  },
];

beforeAll(async () => {
  t = await createTestDatabase();
  console.log(`job queue tests on ${t.label}`);
  await t.db.pool.query("CREATE TABLE probe (id int PRIMARY KEY)");
  queue = await createJobQueue(t.db, { jobs, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await queue?.stop();
  await t?.drop();
});

describe("job queue (pg-boss through the app's pool)", () => {
  it("a job enqueued in a transaction that rolls back never exists; one that commits runs once", async () => {
    let rolledBackId: string | null = null;
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO probe (id) VALUES (1)");
        rolledBackId = await queue.enqueue("test.record", { marker: "rolled-back" }, { tx });
        expect(rolledBackId).toMatch(/^[0-9a-f-]{36}$/);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");

    const committedId = await t.db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO probe (id) VALUES (2)");
      return queue.enqueue("test.record", { marker: "committed", ids: ["a", "b"] }, { tx });
    });
    expect(committedId).toBeTruthy();

    await until(() => runs.some((r) => (r.data as { marker?: string }).marker === "committed"));
    // Give a rolled-back job (if it existed) time to be picked up too.
    await new Promise((r) => setTimeout(r, 1500));
    const recorded = runs.filter((r) => r.name === "test.record");
    expect(recorded.map((r) => r.data)).toEqual([{ marker: "committed", ids: ["a", "b"] }]);
    expect(await queue.boss.getJobById("test.record", rolledBackId!)).toBeNull();
    const done = await queue.boss.getJobById("test.record", committedId!);
    expect(done?.state).toBe("completed");
    const probe = await t.db.pool.query("SELECT id FROM probe ORDER BY id");
    expect(probe.rows).toEqual([{ id: 2 }]);
  });

  it("a failing handler is retried with backoff, then left failed", async () => {
    const id = await queue.enqueue("test.fail", { n: 1 });
    await until(async () => (await queue.boss.getJobById("test.fail", id!))?.state === "failed", 30_000);
    const attempts = runs.filter((r) => r.name === "test.fail");
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    // Backoff: retry n waits retryDelay·2^(n-1)·(1…2) s, so ≥ 1 s then ≥ 2 s (plus polling).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(1900);
    const job = await queue.boss.getJobById("test.fail", id!);
    expect(job?.retryCount).toBe(2);
    expect(JSON.stringify(job?.output)).toContain("boom");
  });

  it("search.index jobs committed with a change reach the indexer", async () => {
    const ids = ["0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a01", "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a02"];
    await t.db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO probe (id) VALUES (3)");
      await queue.enqueue(SEARCH_INDEX_JOB, { productIds: ids }, { tx });
    });
    await until(() => indexed.length > 0);
    expect(indexed).toEqual([ids]);
  });

  it("options pass through a transaction: delay, priority, retry policy", async () => {
    const before = Date.now();
    const id = await t.db.prisma.$transaction((tx) =>
      queue.enqueue("test.record", { marker: "later" }, { tx, startAfterSeconds: 3600, priority: 5, retryLimit: 7, retryDelay: 3, retryBackoff: false }),
    );
    const job = await queue.boss.getJobById("test.record", id!);
    expect(job?.state).toBe("created");
    expect(job?.priority).toBe(5);
    expect(job?.retryLimit).toBe(7);
    expect(job?.retryDelay).toBe(3);
    expect(job?.retryBackoff).toBe(false);
    expect(new Date(job!.startAfter).getTime()).toBeGreaterThan(before + 3500_000);
    await queue.boss.cancel("test.record", id!);
  });

  it("enqueue refuses unknown jobs", async () => {
    await expect(queue.enqueue("no.such.job", {})).rejects.toThrow(/Unknown job/);
  });

  it("the process-wide queue starts once, stops cleanly and refuses enqueue when stopped", async () => {
    await expect(enqueue("test.record", {})).rejects.toBeInstanceOf(QueueNotStartedError);
    const [a, b] = await Promise.all([startQueue(t.db, { jobs, work: false }), startQueue(t.db, { jobs, work: false })]);
    expect(a).toBe(b);
    expect(a.working).toBe(false);
    const id = await enqueue("test.record", { marker: "send-only" });
    expect(id).toBeTruthy();
    const productId = "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a09";
    await t.db.prisma.$transaction((tx) => enqueueSearchIndex(tx, [productId, productId]));
    await stopQueue();
    await stopQueue();
    await expect(enqueue("test.record", {})).rejects.toBeInstanceOf(QueueNotStartedError);
    // The working queue of this file picks the job up.
    await until(() => runs.some((r) => (r.data as { marker?: string }).marker === "send-only"));
    await until(() => indexed.some((ids) => ids.length === 1 && ids[0] === productId));
  });
});
