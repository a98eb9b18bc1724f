import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localSessionSecret } from "./local-secret.server";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "hm-secret-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("localSessionSecret", () => {
  it("creates a long random secret readable only by its owner, and returns the same one later", () => {
    const dir = path.join(tempDir(), "nested");
    const first = localSessionSecret(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, "session-secret")).mode & 0o077).toBe(0);
    expect(localSessionSecret(dir)).toBe(first);
    expect(localSessionSecret(tempDir())).not.toBe(first);
  });

  it("refuses a file too short to be a secret instead of silently using it", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "session-secret"), "short\n");
    expect(() => localSessionSecret(dir)).toThrow(/too short; delete the file/);
    expect(readFileSync(path.join(dir, "session-secret"), "utf8")).toBe("short\n");
  });
});
