#!/usr/bin/env bash
# Re-lock the dependencies from the ranges in pyproject.toml, with hashes:
#   requirements/dev.lock   the demo, CI and development (Sightline's dependencies and the dev tools)
#   requirements/main.lock  production (the same versions, without the dev tools)
# scripts/bootstrap.sh installs from dev.lock. Usage:
#   bash scripts/lock.sh                          # after changing pyproject.toml: keep every pin that still fits
#   bash scripts/lock.sh --upgrade-package polars # move one package (and what it needs) to its newest
#   bash scripts/lock.sh --upgrade                # move everything to the newest the ranges allow
# then `bash scripts/bootstrap.sh`, run the suite, and commit pyproject.toml with both lock files.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
uv=.venv/bin/uv
if [ ! -x "$uv" ] || [ "$("$uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  .venv/bin/python -m pip install --quiet "uv==$UV_VERSION"
fi
common=(--universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "bash scripts/lock.sh")
"$uv" pip compile pyproject.toml --extra dev "${common[@]}" -o requirements/dev.lock "$@"
"$uv" pip compile pyproject.toml -c requirements/dev.lock "${common[@]}" -o requirements/main.lock
echo "locked: requirements/dev.lock, requirements/main.lock"
