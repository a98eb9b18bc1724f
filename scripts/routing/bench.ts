import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "../../app/modules/logistics/solver/index.ts";
import { parseSolomon, solomonToProblem } from "../../app/modules/logistics/solomon.ts";
import { evaluateSolution } from "../../tests/logistics/evaluator.ts";

const USAGE = "usage: npm run bench:routing -- [--dir <dir>] [--seconds <s>] [--only C1,R2,RC101] [--seed <n>]";
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function bad(msg: string): never {
  process.stderr.write(`bench:routing: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

let dir = path.resolve(repoRoot, "..", "shared", "bench", "solomon");
let seconds = 10;
let seed = 1;
let only: string[] | null = null;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const val = () => argv[++i] ?? bad(`${a} needs a value`);
  if (a === "--dir") dir = path.resolve(val());
  else if (a === "--seconds") {
    seconds = Number(val());
    if (!Number.isFinite(seconds) || seconds <= 0) bad("--seconds must be a positive number");
  } else if (a === "--seed") {
    seed = Number(val());
    if (!Number.isInteger(seed)) bad("--seed must be an integer");
  } else if (a === "--only") only = val().split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
  else bad(`unknown argument "${a}"`);
}

let files: string[];
try {
  files = readdirSync(dir).filter((f) => /\.txt$/i.test(f)).sort();
} catch {
  bad(`cannot read directory ${dir}`);
}
const matches = (name: string) => {
  if (!only) return true;
  const cls = name.replace(/\d{2}$/, "");
  return only.some((o) => o === name.toUpperCase() || o === cls.toUpperCase());
};

// Best-known values are read only to report the gap after each solve; the search never sees them.
const bks = new Map<string, { vehicles: number; distance: number }>();
try {
  const lines = readFileSync(path.join(dir, "bks.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  for (const line of lines) {
    const f = line.split(",");
    bks.set(f[0], { vehicles: Number(f[2]), distance: Number(f[3]) });
  }
} catch {
  process.stderr.write(`bench:routing: no bks.csv in ${dir}; gaps will be omitted\n`);
}

const pad = (s: string | number, w: number) => String(s).padStart(w);
console.log(`${"instance".padEnd(9)} ${pad("veh", 4)} ${pad("bksV", 5)} ${pad("distance", 10)} ${pad("bksDist", 10)} ${pad("gap%", 7)} feasible`);
let count = 0;
let gapSum = 0;
let gapCount = 0;
let veh = 0;
let bksVeh = 0;
let infeasible = 0;
let totalDist = 0;
for (const f of files) {
  const text = readFileSync(path.join(dir, f), "utf8");
  let inst;
  try {
    inst = parseSolomon(text, f.replace(/\.txt$/i, ""));
  } catch (e) {
    process.stderr.write(`bench:routing: ${f}: ${(e as Error).message}\n`);
    continue;
  }
  if (!matches(inst.name)) continue;
  const problem = solomonToProblem(inst);
  const sol = solve(problem, { timeLimitMs: seconds * 1000, seed });
  const ev = evaluateSolution(problem, sol);
  const feasible = ev.feasible && sol.unassigned.length === 0;
  const b = bks.get(inst.name);
  const gap = b ? ((ev.distance - b.distance) / b.distance) * 100 : NaN;
  count++;
  veh += ev.vehicles;
  totalDist += ev.distance;
  if (!feasible) infeasible++;
  if (b) {
    gapSum += gap;
    gapCount++;
    bksVeh += b.vehicles;
  }
  console.log(
    `${inst.name.padEnd(9)} ${pad(ev.vehicles, 4)} ${pad(b?.vehicles ?? "-", 5)} ${pad(ev.distance.toFixed(2), 10)} ` +
      `${pad(b ? b.distance.toFixed(2) : "-", 10)} ${pad(Number.isNaN(gap) ? "-" : gap.toFixed(2), 7)} ${feasible ? "yes" : "NO " + ev.violations.slice(0, 2).join("; ")}`,
  );
}
console.log(
  JSON.stringify({
    instances: count,
    meanGapPct: gapCount > 0 ? Math.round((gapSum / gapCount) * 1000) / 1000 : null,
    vehicles: veh,
    bksVehicles: bksVeh,
    infeasible,
    distance: Math.round(totalDist * 100) / 100,
    seconds,
  }),
);
