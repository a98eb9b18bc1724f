// Prints one closing line over the Vitest and Playwright JSON reports: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync("reports/vitest.json")) {
  const v = JSON.parse(readFileSync("reports/vitest.json", "utf8"));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else {
  console.log("vitest: no report (did not run)");
  failed += 1;
}
if (existsSync("reports/e2e.json")) {
  const s = JSON.parse(readFileSync("reports/e2e.json", "utf8")).stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  skipped += s.skipped ?? 0;
} else {
  console.log("playwright: no report (did not run)");
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
