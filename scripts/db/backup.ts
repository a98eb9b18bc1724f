/**
 * Backs up the embedded database to a .tar.gz (PGlite's dump of its data directory).
 *
 *   npm run db:backup [-- --out <file.tar.gz>] [--data-dir <dir>]
 *
 * Default file: backups/huming-<YYYYMMDD-HHmmss>.tar.gz. Refuses while the server holds the
 * database, and with DATABASE_URL set (use pg_dump for a server). See backup-cli.ts.
 */
import { runBackupCli } from "./backup-cli";

runBackupCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
}).then((code) => process.exit(code));
