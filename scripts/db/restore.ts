/**
 * Restores the embedded database from a backup made by `npm run db:backup`.
 *
 *   npm run db:restore -- <backup.tar.gz> [--data-dir <dir>]
 *
 * Checks the file, loads it beside the data directory and opens it with migrations applied, then
 * moves the current directory aside to <dataDir>.before-restore-<timestamp> (never deleting it)
 * and puts the restored one in its place. See backup-cli.ts.
 */
import { runRestoreCli } from "./backup-cli";

runRestoreCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
}).then((code) => process.exit(code));
