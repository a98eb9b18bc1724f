import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function run(args: string[], env: Record<string, string | undefined>, timeoutMs: number, onStdout?: (line: string, kill: () => void) => void) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string; ms: number }>((resolve) => {
    const started = Date.now();
    const child = spawn(tsx, args, { cwd: root, env: { ...process.env, LOG_LEVEL: "info", ...env } as NodeJS.ProcessEnv });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      onStdout?.(out, () => child.kill("SIGTERM"));
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err, ms: Date.now() - started });
    });
  });
}

describe("the queue leaves nothing running", () => {
  it("a process that starts the queue, runs a job, stops it and closes the database exits by itself", async () => {
    const r = await run(["app/jobs/queue-exit.fixture.ts"], { DATABASE_URL: undefined }, 60_000);
    expect(r.err).not.toMatch(/Error/);
    expect(r.out).toContain("QUEUE-EXIT-OK");
    expect(r.code).toBe(0);
  });

  it("npm run worker refuses the embedded database with exit code 2 and says why", async () => {
    const r = await run(["scripts/worker.ts"], { DATABASE_URL: undefined }, 30_000);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs a PostgreSQL server/);
    expect(r.err).toMatch(/inside\s+`npm start`/);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("npm run worker runs against a server and stops cleanly on SIGTERM", async () => {
    const { createServerDatabase } = await import("../../tests/support/test-db");
    const { openDatabase } = await import("../utils/db.server");
    const server = await createServerDatabase(process.env.TEST_DATABASE_URL!, "huming_w");
    try {
      const db = await openDatabase({ url: server.url }); // applies the migrations
      await db.close();
      let signalled = 0;
      const r = await run(["scripts/worker.ts"], { DATABASE_URL: server.url }, 60_000, (out, kill) => {
        if (!signalled && out.includes("job worker running")) {
          signalled = Date.now();
          kill();
        }
      });
      expect(r.err).toBe("");
      expect(signalled).toBeGreaterThan(0);
      expect(r.code).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(15_000);
    } finally {
      await server.drop();
    }
  });
});
