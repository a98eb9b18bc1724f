/**
 * Refactoring guard for the solver: solves a few Solomon instances of different classes under an
 * iteration cap and a seed, and prints vehicles, distance and a route fingerprint per instance. Two runs
 * of the same search code print the same lines on any machine; a behaviour change shows as a diff.
 *   npx tsx scripts/routing/determinism.ts [--iterations 4000] [--seed 7] [--only C101,R208]
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "../../app/modules/logistics/solver/index.ts";
import { parseSolomon, solomonToProblem } from "../../app/modules/logistics/solomon.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = path.resolve(repoRoot, "..", "shared", "bench", "solomon");
let iterations = 4000;
let seed = 7;
let only = ["C101", "C204", "R102", "R208", "RC105", "RC202"];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  if (argv[i] === "--iterations") iterations = Number(argv[i + 1]);
  else if (argv[i] === "--seed") seed = Number(argv[i + 1]);
  else if (argv[i] === "--only") only = argv[i + 1].split(",");
  else {
    process.stderr.write(`determinism: unknown argument "${argv[i]}"\n`);
    process.exit(2);
  }
}
for (const name of only) {
  const inst = parseSolomon(readFileSync(path.join(dir, `${name}.txt`), "utf8"), name);
  const problem = solomonToProblem(inst);
  const t0 = performance.now();
  const sol = solve(problem, { timeLimitMs: 600_000, maxIterations: iterations, seed });
  const ms = Math.round(performance.now() - t0);
  const fp = createHash("sha1").update(JSON.stringify(sol.routes.map((r) => [r.vehicle, r.stops]))).digest("hex");
  console.log(`${name.padEnd(6)} vehicles=${sol.vehicles} distance=${sol.distance.toFixed(6)} routes=${fp.slice(0, 12)} (${ms} ms)`);
}
