/** search:reindex and search:query as a user runs them: a child process on a real database, its exit code and output. */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/utils/db.server";
import { createOrganization, createProduct } from "../../tests/factories";
import { createServerDatabase } from "../../tests/support/test-db";

const root = path.resolve(__dirname, "../..");
let target: Record<string, string>;
let cleanup: () => Promise<void>;
let productId: string;

function run(script: "reindex" | "query", args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...target, LOG_LEVEL: "warn" };
  for (const k of ["SEARCH_ENGINE", "MEILI_URL", "MEILI_KEY", "MEILI_INDEX", ...(target.DATABASE_URL ? [] : ["DATABASE_URL"])]) delete env[k];
  return new Promise((resolve) => {
    execFile(path.join(root, "node_modules/.bin/tsx"), [path.join(root, `scripts/search/${script}.ts`), ...args], { cwd: root, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  const adminUrl = process.env.TEST_DATABASE_URL;
  let db;
  if (adminUrl) {
    const server = await createServerDatabase(adminUrl);
    db = await openDatabase({ url: server.url });
    target = { DATABASE_URL: server.url };
    cleanup = server.drop;
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), "huming-search-cli-"));
    db = await openDatabase({ dataDir: path.join(dir, "pglite") });
    target = { DATA_DIR: path.join(dir, "pglite") };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  console.log(`search CLIs on ${db.kind}`);
  try {
    const seller = await createOrganization(db.prisma, { name: "命令行合作社" });
    productId = (await createProduct(db.prisma, { sellerId: seller.id, nameZh: "泰宁香菇", nameEn: "Taining shiitake" })).id;
    await createProduct(db.prisma, { sellerId: seller.id, nameZh: "暂停香菇", status: "paused" });
  } finally {
    await db.close();
  }
}, 120_000);

afterAll(async () => {
  await cleanup?.();
});

describe("npm run search:reindex", () => {
  it("rebuilds the active engine with progress on stderr and a JSON summary as the last line", async () => {
    const r = await run("reindex", ["--batch-size", "1"]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const last = r.stdout.trim().split("\n").at(-1)!;
    const summary = JSON.parse(last);
    expect(Object.keys(summary)).toEqual(["engine", "indexed", "removed", "ms"]);
    expect(summary).toMatchObject({ engine: "embedded", indexed: 1, removed: 0 });
    expect(summary.ms).toBeGreaterThanOrEqual(0);
    // Not a terminal: one line per 10% step.
    expect(r.stderr).toContain("search:reindex (embedded): 50% (1/2)");
    expect(r.stderr).toContain("search:reindex (embedded): 100% (2/2)");
  });

  it("says clearly what is wrong, with exit code 2 and no stack trace", async () => {
    const meili = await run("reindex", ["--engine", "meili"]);
    expect(meili.code).toBe(2);
    expect(meili.stderr).toMatch(/search:reindex failed: The Meilisearch engine needs MEILI_URL/);
    expect(meili.stderr).not.toMatch(/\n\s+at /);
    const bad = await run("reindex", ["--engine", "solr"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown engine solr[\s\S]*Usage: npm run search:reindex/);
    expect(bad.stdout).toBe("");
  });
});

describe("npm run search:query", () => {
  it("prints one JSON object from the chosen engine", async () => {
    const r = await run("query", ["xg", "--engine", "embedded", "--facets"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ query: "xg", engine: "embedded", total: 1, hits: [{ id: productId, nameZh: "泰宁香菇", nameEn: "Taining shiitake", seller: "命令行合作社" }] });
    expect(out.facets.inStock).toEqual({ false: 1 });
  });

  it("refuses --engine meili without MEILI_URL with a clear message", async () => {
    const r = await run("query", ["xg", "--engine", "meili"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/search:query failed: The Meilisearch engine needs MEILI_URL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
