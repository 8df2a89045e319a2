#!/usr/bin/env bash
# The demo: install, migrate the embedded SQLite database, load the synthetic council,
# create the demo users, and serve on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/sightline demo "$@"
