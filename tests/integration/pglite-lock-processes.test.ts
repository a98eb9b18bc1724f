import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { lockDirFor } from "../../app/utils/pglite-lock.server";

// Several processes started together on one data directory: exactly one may get it. The fixture
// waits for "go" on stdin so that all of them try at the same moment, after tsx has started.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE = path.join(ROOT, "tests/fixtures/pglite-lock-holder.ts");
const N = Number(process.env.LOCK_RACE_PROCESSES ?? 6);
const root = mkdtempSync(path.join(tmpdir(), "huming-lock-race-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Contender {
  pid: number;
  output: Promise<string>;
  go(): void;
}

function contender(dataDir: string, ready: () => void): Contender {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, dataDir, "1500"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let signalled = false;
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!signalled && stdout.includes("ready\n")) {
      signalled = true;
      ready();
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const output = new Promise<string>((resolve) => child.on("close", () => resolve(stdout.replace("ready\n", "").trim() + (stderr ? `\n[stderr] ${stderr}` : ""))));
  return { pid: child.pid as number, output, go: () => child.stdin.end("go\n") };
}

async function race(dataDir: string): Promise<{ outputs: string[]; pids: number[] }> {
  let readyCount = 0;
  let allReady!: () => void;
  const ready = new Promise<void>((resolve) => (allReady = resolve));
  const contenders = Array.from({ length: N }, () => contender(dataDir, () => ++readyCount === N && allReady()));
  await ready;
  for (const c of contenders) c.go();
  return { outputs: await Promise.all(contenders.map((c) => c.output)), pids: contenders.map((c) => c.pid) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function expectOneWinner(dataDir: string, outputs: string[]): void {
  const winners = outputs.filter((o) => o.startsWith("locked "));
  expect(winners, outputs.join("\n")).toHaveLength(1);
  const winnerPid = winners[0].split(" ")[1];
  const losers = outputs.filter((o) => !o.startsWith("locked "));
  expect(losers).toHaveLength(N - 1);
  const refusal = new RegExp(
    `^refused: The embedded database in ${escape(dataDir)} is in use by process ${winnerPid} \\(pglite-lock-holder\\.ts .*, since [^)]+\\)\\. Stop it first \\(two processes on one embedded database would lose data\\), or set DATABASE_URL to use a PostgreSQL server\\.$`,
  );
  for (const loser of losers) expect(loser).toMatch(refusal);
  // The winner released on exit and nobody left temporary files behind.
  expect(readdirSync(root).filter((f) => f.startsWith(path.basename(dataDir)))).toEqual([]);
}

describe("the data directory lock across processes", () => {
  it(`lets exactly one of ${N} processes started together take a free directory`, async () => {
    const dataDir = path.join(root, "free");
    const { outputs } = await race(dataDir);
    expectOneWinner(dataDir, outputs);
  });

  it(`lets exactly one of ${N} processes take over a stale lock`, async () => {
    const dataDir = path.join(root, "stale");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid as number;
    mkdirSync(lockDirFor(dataDir));
    writeFileSync(path.join(lockDirFor(dataDir), "owner.json"), JSON.stringify({ pid: dead, hostname: hostname(), startedAt: new Date().toISOString(), token: "dead" }));
    const { outputs } = await race(dataDir);
    expectOneWinner(dataDir, outputs);
  });
});
