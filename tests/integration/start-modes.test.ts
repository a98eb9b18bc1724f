import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo-accounts";

// The two ways `npm start` runs, on fresh embedded databases: a local quick start seeds the demo world
// with a generated secret; a deployment (NODE_ENV=production) seeds nothing, so the README's demo
// password opens no account.

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function start(env: Record<string, string>): Promise<{ base: string; output: () => string; dataDir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "hm-start-"));
  dirs.push(dir);
  const port = await freePort();
  const dataDir = path.join(dir, "pglite");
  const base: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", HOST: "127.0.0.1" };
  const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: { ...base, PORT: String(port), DATA_DIR: dataDir, ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`start exited ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { base: url, output: () => output, dataDir };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`start did not answer in 120 s:\n${output}`);
}

const signIn = (base: string, phone: string) =>
  fetch(`${base}/login`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ phone, password: DEMO_PASSWORD }),
    redirect: "manual",
  });

describe("npm start", () => {
  it("as a deployment (NODE_ENV=production) on a fresh directory: seeds nothing, so the demo admin cannot sign in", async () => {
    const { base, dataDir } = await start({ NODE_ENV: "production", SESSION_SECRET: "a-real-deployment-secret-0123456789" });
    const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
    const res = await signIn(base, admin.phone);
    expect(res.status).toBe(401);
    expect(existsSync(path.join(path.dirname(dataDir), "session-secret"))).toBe(false);
    const landing = await (await fetch(base)).text();
    expect(landing).toContain("沪明直供");
  });

  it("as a local quick start (no NODE_ENV): demo world, a generated secret, production headers", async () => {
    const { base, dataDir } = await start({});
    expect(existsSync(path.join(path.dirname(dataDir), "session-secret"))).toBe(true);
    const res = await signIn(base, DEMO_ACCOUNTS[0].phone);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/seller");
    // Plain HTTP: no Secure flag, or the browser would drop the cookie.
    expect(res.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
    const page = await fetch(`${base}/login`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    // Too many wrong passwords: the document answer is a 429 that says when to come back.
    const wrong = () =>
      fetch(`${base}/login`, { method: "POST", headers: { origin: base, "content-type": "application/x-www-form-urlencoded" }, body: "phone=13800000009&password=wrong" });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const limited = await wrong();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even a page no route matches shows the request id a person can quote.
    const missing = await fetch(`${base}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(`请求编号：${missing.headers.get("x-request-id")}`);
  });
});
