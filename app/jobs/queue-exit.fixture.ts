/**
 * Run by queue-exit.integration.test.ts as a child process: opens a database (TEST_DATABASE_URL's
 * server in a fresh database, else in-memory PGlite), starts the queue, runs one job, stops the
 * queue, closes the database — and must then exit on its own, without process.exit (no handles left).
 */
import { createTestDatabase } from "../../tests/support/test-db";
import { createJobQueue } from "./queue.server";

const t = await createTestDatabase();
let done!: () => void;
const ran = new Promise<void>((resolve) => (done = resolve));
const queue = await createJobQueue(t.db, {
  pollingIntervalSeconds: 0.5,
  jobs: [{ name: "fixture.ping", retryLimit: 0, handler: async () => done() }],
});
await t.db.prisma.$transaction((tx) => queue.enqueue("fixture.ping", { at: Date.now() }, { tx }));
await ran;
await queue.stop();
await t.drop();
console.log(`QUEUE-EXIT-OK ${t.label}`);
