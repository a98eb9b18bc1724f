/**
 * npm run bench:routing -- [--dir <dir>] [--size <customers>] [--seconds <s>] [--only C1,R2,RC101] [--seed <n>]
 * Solves each instance of a Solomon-layout folder with the route solver, checks it with the independent
 * evaluator and compares with bks.csv. One table line per instance; the last line is one JSON object.
 * --size picks the instances with that many customers (default folder then: ../shared/bench/gehring-homberger).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "../../app/modules/logistics/solver/index.ts";
import { parseSolomon, solomonToProblem, type SolomonInstance } from "../../app/modules/logistics/solomon.ts";
import { evaluateSolution } from "../../tests/logistics/evaluator.ts";

const USAGE =
  "usage: npm run bench:routing -- [--dir <dir>] [--size <customers>] [--seconds <s>] [--only C1,R2,RC101] [--seed <n>]";
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const benchRoot = path.resolve(repoRoot, "..", "shared", "bench");

function bad(msg: string): never {
  process.stderr.write(`bench:routing: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

interface Args {
  dir: string;
  size: number | null;
  seconds: number;
  seed: number;
  only: string[] | null;
}

function parseArgs(argv: string[]): Args {
  let dir: string | null = null;
  let size: number | null = null;
  let seconds = 10;
  let seed = 1;
  let only: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) bad(`${a} needs a value`);
      return v;
    };
    if (a === "--dir") dir = path.resolve(val());
    else if (a === "--size") {
      const v = val();
      size = Number(v);
      if (!Number.isInteger(size) || size <= 0) bad(`--size must be a positive whole number of customers, got "${v}"`);
    } else if (a === "--seconds") {
      const v = val();
      seconds = Number(v);
      if (!Number.isFinite(seconds) || seconds <= 0) bad(`--seconds must be a positive number, got "${v}"`);
    } else if (a === "--seed") {
      const v = val();
      seed = Number(v);
      if (!Number.isInteger(seed)) bad(`--seed must be an integer, got "${v}"`);
    } else if (a === "--only") {
      only = val().split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
      if (only.length === 0) bad("--only needs at least one instance or class name");
    } else bad(`unknown argument "${a}"`);
  }
  dir ??= path.join(benchRoot, size === null ? "solomon" : "gehring-homberger");
  return { dir, size, seconds, seed, only };
}

/** Names an instance answers to in --only: itself and its classes (C101 → C1; c1_2_1 → C1_2 and C1). */
function namesOf(name: string): string[] {
  const up = name.toUpperCase();
  const solomon = /^([A-Z]+\d)\d{2}$/.exec(up);
  if (solomon) return [up, solomon[1]];
  const gh = /^([A-Z]+\d)_(\d+)_\d+$/.exec(up);
  if (gh) return [up, `${gh[1]}_${gh[2]}`, gh[1]];
  return [up];
}

/** Best-known results from bks.csv (instance, …, vehicles in column 3, distance in column 4; header row). */
function readBks(dir: string): Map<string, { vehicles: number; distance: number; customers?: number }> {
  const bks = new Map<string, { vehicles: number; distance: number; customers?: number }>();
  let text: string;
  try {
    text = readFileSync(path.join(dir, "bks.csv"), "utf8");
  } catch {
    process.stderr.write(`bench:routing: no bks.csv in ${dir}; gaps will be omitted\n`);
    return bks;
  }
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const customersCol = header.split(",").indexOf("customers");
  for (const line of lines) {
    const f = line.split(",");
    bks.set(f[0].toUpperCase(), {
      vehicles: Number(f[2]),
      distance: Number(f[3]),
      customers: customersCol >= 0 ? Number(f[customersCol]) : undefined,
    });
  }
  return bks;
}

const args = parseArgs(process.argv.slice(2));
let files: string[];
try {
  files = readdirSync(args.dir).filter((f) => /\.txt$/i.test(f)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
} catch {
  bad(`cannot read directory ${args.dir}`);
}
if (files.length === 0) bad(`no instance files (*.txt) in ${args.dir}`);
// Best-known values are read only to report the gap after each solve; the search never sees them.
const bks = readBks(args.dir);

// Choose the instances first, so a bad --size or --only fails before any solving.
const chosen: SolomonInstance[] = [];
const sizesSeen = new Set<number>();
for (const f of files) {
  const base = f.replace(/\.txt$/i, "");
  const known = bks.get(base.toUpperCase());
  if (args.size !== null && known?.customers !== undefined && known.customers !== args.size) {
    sizesSeen.add(known.customers);
    continue;
  }
  let inst: SolomonInstance;
  try {
    inst = parseSolomon(readFileSync(path.join(args.dir, f), "utf8"), base);
  } catch (e) {
    process.stderr.write(`bench:routing: ${f}: ${(e as Error).message}\n`);
    continue;
  }
  const customers = inst.customers.length - 1;
  sizesSeen.add(customers);
  if (args.size !== null && customers !== args.size) continue;
  if (args.only && !namesOf(inst.name).some((n) => args.only!.includes(n))) continue;
  chosen.push(inst);
}
if (chosen.length === 0) {
  const sizes = [...sizesSeen].sort((a, b) => a - b).join(", ");
  bad(
    args.size !== null && !sizesSeen.has(args.size)
      ? `no instances with ${args.size} customers in ${args.dir} (sizes there: ${sizes || "none"})`
      : `no instance in ${args.dir} matches --only ${args.only?.join(",")}${args.size !== null ? ` with ${args.size} customers` : ""}`,
  );
}

const pad = (s: string | number, w: number) => String(s).padStart(w);
console.log(`${"instance".padEnd(10)} ${pad("veh", 4)} ${pad("bksV", 5)} ${pad("distance", 10)} ${pad("bksDist", 10)} ${pad("gap%", 7)} feasible`);
let count = 0;
let gapSum = 0;
let gapCount = 0;
let gapAtBksSum = 0;
let atBksVehicles = 0;
let veh = 0;
let bksVeh = 0;
let infeasible = 0;
let totalDist = 0;
for (const inst of chosen) {
  const problem = solomonToProblem(inst);
  const sol = solve(problem, { timeLimitMs: args.seconds * 1000, seed: args.seed });
  const ev = evaluateSolution(problem, sol);
  const feasible = ev.feasible && sol.unassigned.length === 0;
  const b = bks.get(inst.name.toUpperCase());
  const gap = b ? ((ev.distance - b.distance) / b.distance) * 100 : NaN;
  count++;
  veh += ev.vehicles;
  totalDist += ev.distance;
  if (!feasible) infeasible++;
  if (b) {
    gapSum += gap;
    gapCount++;
    bksVeh += b.vehicles;
    if (feasible && ev.vehicles === b.vehicles) {
      gapAtBksSum += gap;
      atBksVehicles++;
    }
  }
  console.log(
    `${inst.name.padEnd(10)} ${pad(ev.vehicles, 4)} ${pad(b?.vehicles ?? "-", 5)} ${pad(ev.distance.toFixed(2), 10)} ` +
      `${pad(b ? b.distance.toFixed(2) : "-", 10)} ${pad(Number.isNaN(gap) ? "-" : gap.toFixed(2), 7)} ${feasible ? "yes" : "NO " + ev.violations.slice(0, 2).join("; ")}`,
  );
}
const round3 = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    instances: count,
    meanGapPct: gapCount > 0 ? round3(gapSum / gapCount) : null,
    meanGapAtBksVehiclesPct: atBksVehicles > 0 ? round3(gapAtBksSum / atBksVehicles) : null,
    atBksVehicles,
    vehicles: veh,
    bksVehicles: bksVeh,
    infeasible,
    distance: Math.round(totalDist * 100) / 100,
    seconds: args.seconds,
    seed: args.seed,
    size: args.size,
  }),
);
