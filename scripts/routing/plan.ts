/**
 * Plans one day of deliveries from a day file.
 *
 *   npm run --silent routing:plan -- --day <file.json> [--seconds <s>] [--seed <n>] [--iterations <n>] [--out <dir>]
 *
 * Writes <out>/<day>.plan.json and <out>/<day>.svg and prints a summary. Bad input: a message on
 * stderr naming the file, line and stop, exit code 2. Unexpected failures: exit code 1, no stack.
 */
import { runPlanCli } from "./plan-cli";

runPlanCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  progress: process.stderr.isTTY === true,
}).then((code) => process.exit(code));
