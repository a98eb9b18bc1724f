import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateSolution } from "../../../tests/logistics/evaluator";
import { parseSolomon, SolomonFormatError, solomonResult, solomonToProblem } from "./solomon";
import { solve } from "./solver";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
// Three instances ship with the repo so the suite runs without ../shared (the full set is for the bench).
const benchDir = path.resolve(repoRoot, "tests", "fixtures", "solomon");

const TINY = `TINY

VEHICLE
NUMBER     CAPACITY
  2         10

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0          0          0          0       1000          0
    1      3          4          5          0       100          10
    2      6          8          6          0       1000         10
`;

describe("Solomon parser", () => {
  it("reads vehicles, capacity and customers", () => {
    const inst = parseSolomon(TINY);
    expect(inst).toMatchObject({ name: "TINY", vehicles: 2, capacity: 10 });
    expect(inst.customers).toHaveLength(3);
    const p = solomonToProblem(inst);
    expect(p.travel.distance(0, 1)).toBe(5);
    expect(p.stops[1]).toMatchObject({ id: "2", twEnd: 1000, serviceTime: 10, demand: [6] });
  });

  it("names the line of a malformed row", () => {
    const bad = TINY.replace("    2      6          8", "    2      6          x");
    expect(() => parseSolomon(bad)).toThrow(SolomonFormatError);
    expect(() => parseSolomon(bad)).toThrow(/line 12: expected 7 numbers/);
  });

  it("rejects a missing header", () => {
    expect(() => parseSolomon("X\n\nVEHICLES?\n")).toThrow(/line 3: expected "VEHICLE"/);
    expect(() => parseSolomon("")).toThrow(/empty file/);
  });

  it("solves the tiny instance with customer numbers in the routes", () => {
    const inst = parseSolomon(TINY);
    const p = solomonToProblem(inst);
    const sol = solve(p, { timeLimitMs: 500, maxIterations: 200, seed: 1 });
    const out = solomonResult(inst, p, sol);
    expect(out.vehicles).toBe(2);
    expect(out.routes.flat().sort()).toEqual([1, 2]);
  });
});

describe("Solomon regression (short runs, loose bounds)", () => {
  const bks = new Map(
    readFileSync(path.join(benchDir, "bks.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","))
      .map((f) => [f[0], { vehicles: Number(f[2]), distance: Number(f[3]) }] as const),
  );
  for (const name of ["C101", "R101", "RC201"]) {
    it(`${name} within 5 % of the best known distance in 2 s`, () => {
      const inst = parseSolomon(readFileSync(path.join(benchDir, `${name}.txt`), "utf8"));
      const p = solomonToProblem(inst);
      const sol = solve(p, { timeLimitMs: 2000, seed: 1 });
      const ev = evaluateSolution(p, sol);
      expect(ev.violations).toEqual([]);
      expect(sol.unassigned).toEqual([]);
      const b = bks.get(name)!;
      expect(ev.vehicles).toBeLessThanOrEqual(b.vehicles + 1);
      expect((ev.distance - b.distance) / b.distance).toBeLessThan(0.05);
    });
  }
});

describe("routing:solve command line", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/routing/solve.ts"), ...args], {
      cwd: repoRoot,
      encoding: "utf8",
    });

  it("prints one JSON object", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "solomon-"));
    const file = path.join(dir, "tiny.txt");
    writeFileSync(file, TINY);
    const r = run(["--solomon", file, "--seconds", "0.3", "--seed", "4"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ instance: "TINY", vehicles: 2 });
    expect(out.routes.flat().sort()).toEqual([1, 2]);
  });

  it("exits with 2 and a message on bad arguments or a malformed file", () => {
    const r = run(["--solomon"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--solomon needs a value");
    const dir = mkdtempSync(path.join(tmpdir(), "solomon-"));
    const file = path.join(dir, "bad.txt");
    writeFileSync(file, TINY.replace("  2         10", "  2"));
    const r2 = run(["--solomon", file, "--seconds", "1"]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/line 5: expected vehicle count and capacity/);
    expect(r2.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
