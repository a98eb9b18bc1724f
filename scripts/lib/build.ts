/** The production build: where it is and building it when app/ changed since the last one (npm start, benchmarks). */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const root = process.cwd();
export const serverBuild = path.join(root, "build", "server", "index.js");
export const clientDir = path.join(root, "build", "client");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds when there is no build yet or app/ changed since the last one; `log` says so first. */
export function ensureBuild(log: (message: string) => void): void {
  const stale = !existsSync(serverBuild) || newestMtime(path.join(root, "app")) > statSync(serverBuild).mtimeMs;
  if (!stale) return;
  log("building the app (remix vite:build)");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "vite:build"], {
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("The build failed; see the messages above.");
}
