#!/usr/bin/env bash
# The whole test suite: lint, then pytest on SQLite and on PostgreSQL. The two databases' runs
# go side by side (each pytest uses one core; the machine has two), each writing its own log,
# printed when both are done; SIGHTLINE_TEST_SERIAL=1 runs them one after the other instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --wait
bash scripts/ensure-chromium.sh
.venv/bin/ruff check src tests bench
bash scripts/ensure-postgres.sh
if [ "${SIGHTLINE_TEST_SERIAL:-}" = 1 ]; then
  echo "== tests on SQLite"
  .venv/bin/pytest "$@"
  echo "== tests on PostgreSQL"
  SIGHTLINE_TEST_POSTGRES=1 .venv/bin/pytest "$@"
  exit 0
fi
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
echo "== tests on SQLite and on PostgreSQL, side by side"
.venv/bin/pytest -p no:cacheprovider "$@" >"$logs/sqlite" 2>&1 &
sqlite=$!
SIGHTLINE_TEST_POSTGRES=1 .venv/bin/pytest -p no:cacheprovider "$@" >"$logs/postgres" 2>&1 &
postgres=$!
# A line every five minutes while either runs, so a long run is seen to be alive.
(ticks=0
while kill -0 "$sqlite" 2>/dev/null || kill -0 "$postgres" 2>/dev/null; do
  sleep 5
  ticks=$((ticks + 1))
  if [ $((ticks % 60)) = 0 ]; then
    echo "   ... $(date +%H:%M) SQLite: $(tail -c 200 "$logs/sqlite" | tr -d '\n' | tail -c 60)"
    echo "   ... $(date +%H:%M) PostgreSQL: $(tail -c 200 "$logs/postgres" | tr -d '\n' | tail -c 60)"
  fi
done) &
status=0
wait "$sqlite" || status=1
echo "== tests on SQLite"
cat "$logs/sqlite"
wait "$postgres" || status=1
wait
echo "== tests on PostgreSQL"
cat "$logs/postgres"
exit "$status"
