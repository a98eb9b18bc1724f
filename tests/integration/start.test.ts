import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm start` with a bad environment must stop with a message a person can act on, not a stack trace.
function start(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: path.join(tmpdir(), `hm-start-${process.pid}`, "pglite"), LOG_LEVEL: "silent", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe("npm start with bad configuration", () => {
  it("names a malformed DATABASE_URL and every other bad variable", () => {
    const r = start({ DATABASE_URL: "mysql://root@localhost/shop", PORT: "http" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("沪明直供 cannot start");
    expect(r.stderr).toMatch(/DATABASE_URL must start with postgresql:\/\//);
    expect(r.stderr).toMatch(/PORT must be a port number/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("explains an unreachable database server", () => {
    const r = start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/huming" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/huming: connection refused/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a production start without SESSION_SECRET", () => {
    const r = start({ NODE_ENV: "production", DATABASE_URL: "postgresql://postgres@127.0.0.1:1/huming" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SESSION_SECRET is required in production/);
  });

  it("refuses to seed demo accounts automatically in production", () => {
    const r = start({ NODE_ENV: "production", SESSION_SECRET: "deployment-secret-0123456789", SEED_IF_EMPTY: "true" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SEED_IF_EMPTY cannot be used with NODE_ENV=production/);
    expect(r.stderr).toContain("npm run db:seed -- --demo");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
