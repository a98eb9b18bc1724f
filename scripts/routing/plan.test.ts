import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runPlanCli } from "./plan-cli";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE = join(ROOT, "app/modules/logistics/examples/shanghai-day.json");
const dir = mkdtempSync(join(tmpdir(), "routing-plan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/routing/plan.ts"), ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function runInProcess(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runPlanCli(args, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

function dayWith(mutate: (d: Record<string, any>) => void, name: string): string {
  const d = JSON.parse(readFileSync(EXAMPLE, "utf8"));
  mutate(d);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(d, null, 2));
  return file;
}

describe("routing:plan CLI", () => {
  it("exits 2 naming the file, line and stop for an unknown unit", () => {
    const file = dayWith((d) => {
      d.stops[4].loads[0].weight = "200 lb";
    }, "bad-unit.json");
    const r = run("--day", file, "--seconds", "1");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bad-unit\.json:\d+: stop "C03" 复旦大学 江湾校区 食堂: loads\[0\]\.weight: unknown weight unit "lb"/
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("reports malformed JSON, a missing file and bad arguments with code 2, in-process", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, '{\n  "date": "2026-11-30",\n  "stops": [\n');
    const broken = await runInProcess("--day", file);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json:\d+: invalid JSON/);
    const missing = await runInProcess("--day", join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
    const folder = await runInProcess("--day", dir);
    expect(folder.stderr).toMatch(/is a directory/);
    const usage = await runInProcess("--seconds", "abc");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--day is required/);
    const seconds = await runInProcess("--day", file, "--seconds", "-3");
    expect(seconds.stderr).toMatch(/--seconds must be/);
    const unknown = await runInProcess("--day", file, "--fast");
    expect(unknown.stderr).toMatch(/unknown argument "--fast"/);
    for (const r of [broken, missing, folder, usage, seconds, unknown]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    }
  });

  it("plans the rest of the day when one stop is outside China", () => {
    const file = dayWith((d) => {
      d.stops = d.stops.slice(0, 12);
      [d.stops[3].lat, d.stops[3].lng] = [d.stops[3].lng, d.stops[3].lat];
    }, "one-bad-stop.json");
    const r = run("--day", file, "--seconds", "1", "--out", join(dir, "out"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("车辆 Van");
    expect(r.stdout).toMatch(/C02 坐标不在中国境内 outside China — stop "C02" .*latitude and longitude look swapped/);
    const plan = JSON.parse(readFileSync(join(dir, "out", "one-bad-stop.plan.json"), "utf8"));
    expect(plan.totals.stops).toBe(12);
    expect(plan.totals.served).toBeGreaterThanOrEqual(10);
    expect(existsSync(join(dir, "out", "one-bad-stop.svg"))).toBe(true);
  });
});
