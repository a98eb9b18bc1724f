import { readFileSync } from "node:fs";
import path from "node:path";
import { solve } from "../../app/modules/logistics/solver/index.ts";
import { parseSolomon, SolomonFormatError, solomonResult, solomonToProblem } from "../../app/modules/logistics/solomon.ts";

const USAGE = "usage: npm run --silent routing:solve -- --solomon <file> --seconds <s> [--seed <n>]";

function bad(msg: string): never {
  process.stderr.write(`routing:solve: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { file: string; seconds: number; seed: number } {
  let file: string | undefined;
  let seconds: number | undefined;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) bad(`${a} needs a value`);
      return v;
    };
    if (a === "--solomon") file = val();
    else if (a === "--seconds") {
      const v = val();
      seconds = Number(v);
      if (!Number.isFinite(seconds) || seconds <= 0) bad(`--seconds must be a positive number, got "${v}"`);
    } else if (a === "--seed") {
      const v = val();
      seed = Number(v);
      if (!Number.isInteger(seed)) bad(`--seed must be an integer, got "${v}"`);
    } else bad(`unknown argument "${a}"`);
  }
  if (!file) bad("--solomon <file> is required");
  if (seconds === undefined) bad("--seconds <s> is required");
  return { file, seconds, seed };
}

const args = parseArgs(process.argv.slice(2));
let text: string;
try {
  text = readFileSync(args.file, "utf8");
} catch (e) {
  process.stderr.write(`routing:solve: cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
  process.exit(2);
}
try {
  const inst = parseSolomon(text, path.basename(args.file).replace(/\.txt$/i, ""));
  const problem = solomonToProblem(inst);
  const sol = solve(problem, { timeLimitMs: args.seconds * 1000, seed: args.seed });
  process.stdout.write(JSON.stringify(solomonResult(inst, problem, sol)) + "\n");
} catch (e) {
  if (e instanceof SolomonFormatError) {
    process.stderr.write(`routing:solve: ${args.file}: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`routing:solve: ${(e as Error).message}\n`);
  process.exit(1);
}
