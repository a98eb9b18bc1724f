#!/usr/bin/env bash
# `npm test`: the whole suite. Type check, Vitest (unit + integration), a production build, and
# Playwright end-to-end journeys in Debian's Chromium. With TEST_DATABASE_URL set, integration and
# end-to-end tests run on that PostgreSQL server (a fresh database each); otherwise on embedded PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."

ensure_chromium() {
  local bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$bin" ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's chromium for the end-to-end tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || return 1
  else
    echo "The end-to-end tests need Chromium at $bin: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH)." >&2
    return 1
  fi
}

# pdftotext/pdftoppm let the label tests read the PDFs they print (they skip, saying so, without it).
ensure_poppler() {
  command -v pdftotext >/dev/null && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's poppler-utils for the PDF label tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) || echo "(poppler-utils could not be installed; the PDF text checks will be skipped)"
  fi
}

mkdir -p reports
ensure_poppler
rm -f reports/vitest.json reports/e2e.json
status=0

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  db_label="PostgreSQL server $(node -e 'const u=new URL(process.argv[1]);console.log(u.host)' "$TEST_DATABASE_URL") (a fresh database per test file / run)"
else
  db_label="embedded PGlite (in-memory / temporary directory; set TEST_DATABASE_URL to use a server)"
fi

echo "== type check (tsc --noEmit)"
npx tsc --noEmit || status=1

echo "== unit + integration tests (Vitest); integration database: $db_label"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=1

echo "== end-to-end tests (Playwright, Chromium); database: $db_label"
if ensure_chromium; then
  npx playwright test || status=1
else
  status=1
fi

node scripts/test-summary.mjs || true
exit $status
