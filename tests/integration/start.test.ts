import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm start` with a bad environment must stop with a message a person can act on, not a stack trace.
function start(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "development", LOG_LEVEL: "silent", ...env },
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
});
