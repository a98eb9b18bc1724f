import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The session secret of a local quick start (npm start without NODE_ENV and without SESSION_SECRET):
 * generated once, kept in `<dir>/session-secret` (mode 0600) beside the embedded database, so
 * sessions survive restarts and no two installations share a secret. A deployment sets SESSION_SECRET.
 */
export function localSessionSecret(dir: string): string {
  const file = path.join(dir, "session-secret");
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as { code?: string }).code !== "EEXIST") throw error;
  }
  const created = readSecret(file);
  if (!created) throw new Error(`The session secret in ${file} is empty or too short; delete the file to make a new one.`);
  return created;
}

function readSecret(file: string): string | undefined {
  try {
    const value = readFileSync(file, "utf8").trim();
    return value.length >= 32 ? value : undefined;
  } catch {
    return undefined;
  }
}
