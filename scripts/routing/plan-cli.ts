/**
 * The routing:plan command (see plan.ts), as a function so tests can run it in-process. Bad input:
 * a message naming the file, line and stop, exit code 2. Unexpected failures: exit code 1, no stack.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { DayFileInvalid, DayPlanError, parseDayFile } from "../../app/modules/logistics/day";
import { matrixProviderFromEnv } from "../../app/modules/logistics/osrm";
import { formatPlanSummary, planDay } from "../../app/modules/logistics/plan";
import { renderPlanSvg } from "../../app/modules/logistics/svg";

class UsageError extends Error {}

const USAGE =
  "usage: npm run --silent routing:plan -- --day <file.json> [--seconds <s>] [--seed <n>] [--iterations <n>] [--out <dir>]";

interface Args {
  day: string;
  seconds: number;
  seed: number;
  iterations?: number;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") continue;
    if (a === "--help" || a === "-h") throw new UsageError(USAGE);
    const m = /^--(day|seconds|seed|iterations|out)(?:=(.*))?$/.exec(a);
    if (!m) throw new UsageError(`unknown argument "${a}"\n${USAGE}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`--${m[1]} needs a value\n${USAGE}`);
    values.set(m[1], v);
  }
  const day = values.get("day");
  if (!day) throw new UsageError(`--day is required\n${USAGE}`);
  const seconds = Number(values.get("seconds") ?? "10");
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`--seconds must be a number of seconds between 0 and 3600, got "${values.get("seconds")}"`);
  }
  const seed = Number(values.get("seed") ?? "1");
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer`);
  const iterText = values.get("iterations");
  const iterations = iterText === undefined ? undefined : Number(iterText);
  if (iterations !== undefined && !(Number.isInteger(iterations) && iterations > 0)) {
    throw new UsageError(`--iterations must be a positive integer`);
  }
  return { day, seconds, seed, iterations, out: values.get("out") ?? join("build", "routing") };
}

/** Where the CLI writes; the real process passes stdout/stderr, tests pass buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Show a progress line on err (only for a terminal). */
  progress?: boolean;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  let text: string;
  try {
    text = readFileSync(args.day, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${args.day}: ${
        code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : "cannot read the file"
      }`
    );
  }
  const day = parseDayFile(text, args.day);
  const showProgress = io.progress === true;
  const { plan } = await planDay(day, {
    timeLimitMs: args.seconds * 1000,
    seed: args.seed,
    maxIterations: args.iterations,
    // Road distances and times from a self-hosted OSRM when OSRM_URL is set; the offline model otherwise.
    provider: process.env.OSRM_URL ? matrixProviderFromEnv(process.env) : undefined,
    onProgress: showProgress
      ? (p) => {
          io.err(
            `\r规划中 Planning… ${Math.round(p.fraction * 100)}%  vans ${p.best.vehicles}  ` +
              `${(p.best.distance / 1000).toFixed(1)} km  unassigned ${p.best.unassigned}   `
          );
        }
      : undefined,
  });
  if (showProgress) io.err("\r\x1b[K");

  const outDir = resolve(args.out);
  mkdirSync(outDir, { recursive: true });
  const stem = basename(args.day).replace(/\.json$/i, "");
  const jsonPath = join(outDir, `${stem}.plan.json`);
  const svgPath = join(outDir, `${stem}.svg`);
  writeFileSync(jsonPath, JSON.stringify(plan, null, 2) + "\n");
  writeFileSync(svgPath, renderPlanSvg(plan));
  io.out(formatPlanSummary(plan) + "\n\n");
  io.out(`计划 Plan: ${jsonPath}\n地图 Map:  ${svgPath}\n`);
  return 0;
}

/** Runs the planner CLI on argv and returns the exit code: 0 planned, 2 bad input, 1 unexpected failure. */
export async function runPlanCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof DayFileInvalid || e instanceof DayPlanError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    io.err(`routing:plan failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
