#!/usr/bin/env bash
# The whole test suite: lint, then pytest on SQLite, then the same tests on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/ensure-chromium.sh
.venv/bin/ruff check src tests bench
echo "== tests on SQLite"
.venv/bin/pytest "$@"
echo "== tests on PostgreSQL"
bash scripts/ensure-postgres.sh
SIGHTLINE_TEST_POSTGRES=1 .venv/bin/pytest "$@"
