#!/usr/bin/env bash
# Create .venv, install Sightline with its development tools from the lock file
# (requirements/dev.lock), and install the front-end packages (GOV.UK Frontend, axe-core) from
# the npm lockfile. Idempotent: each step re-runs only when its inputs have changed since the
# last successful run. The DfE validators' environment is built in the background, beside the
# rest, so the demo starts without waiting for it; `--wait` (the test suite) waits for it.
set -euo pipefail
cd "$(dirname "$0")/.."
wait_validators=0
[ "${1:-}" = --wait ] && wait_validators=1
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
say() { printf '%s\n' "$*"; }

# The DfE validators pin pandas < 2 and numpy < 1.25, so they live in their own environment,
# called through a subprocess adapter (src/sightline/returns/validators.py). Built in a
# temporary directory and moved into place only when complete, holding .venv-validators.lock
# meanwhile: the Returns page says validation is being prepared while it is held, and a
# validation job waits for it.
validators_pins="csc-validator-be-903==0.1.17 csc-validator-be-cin==0.1.13 numpy==1.24.4 pandas==1.5.3"
validators_stamp=.venv-validators/.sightline-installed
validators_want=$(echo "$validators_pins" | sha256sum | cut -d' ' -f1)
validators_current() { [ -f "$validators_stamp" ] && [ "$(cat "$validators_stamp")" = "$validators_want" ]; }
# Each step checked by hand: called as an `if` condition, the function runs without `set -e`.
build_validators() {
  validators_current && return 0
  rm -rf .venv-validators.tmp
  "$PYTHON" -m venv .venv-validators.tmp || return 1
  # shellcheck disable=SC2086
  .venv-validators.tmp/bin/python -m pip install --quiet --no-compile $validators_pins || return 1
  echo "$validators_want" > .venv-validators.tmp/.sightline-installed || return 1
  rm -rf .venv-validators
  mv .venv-validators.tmp .venv-validators
}
validators_pid=
if ! validators_current; then
  if command -v flock >/dev/null 2>&1; then
    say "Building the DfE validators' environment in the background (log: .venv-validators.log)..."
    rm -f .venv-validators.failed
    # fd 8 is the terminal: a build that fails after bootstrap has finished (the demo is serving)
    # says so there in one line, beside the log that has the reason.
    (
      exec 9>.venv-validators.lock
      flock 9
      if ! build_validators; then
        rm -rf .venv-validators.tmp
        date -u +%Y-%m-%dT%H:%M:%SZ > .venv-validators.failed
        echo "sightline: the DfE validators' environment could not be built, so validation on the Returns page is unavailable; the reason is in $(pwd)/.venv-validators.log (run 'bash scripts/bootstrap.sh' again to retry)" >&8
        exit 1
      fi
    ) 8>&2 >.venv-validators.log 2>&1 &
    validators_pid=$!
  else
    say "Building the DfE validators' environment..."
    build_validators
  fi
fi

if [ ! -x .venv/bin/python ]; then
  say "Creating Sightline's environment (.venv)..."
  "$PYTHON" -m venv .venv
fi
# Exactly the versions in the lock file, checked against their hashes (scripts/lock.sh makes it
# from the ranges in pyproject.toml), then Sightline itself, editable, without resolving again.
# --no-compile: Python compiles each module the first time it is imported instead of pip compiling
# every file of every package (half the install's CPU: 22 s against 42 s, 4 December).
stamp=.venv/.sightline-installed
want=$(cat pyproject.toml requirements/dev.lock | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "Installing Sightline's packages (requirements/dev.lock)..."
  .venv/bin/python -m pip install --quiet --no-compile --require-hashes --no-deps -r requirements/dev.lock
  .venv/bin/python -m pip install --quiet --no-deps -e .
  if ! .venv/bin/python -m pip check; then
    echo "requirements/dev.lock does not cover pyproject.toml: run 'bash scripts/lock.sh' and commit the lock files" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Node.js and npm (apt-get)..."
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "npm is needed for the GOV.UK Frontend assets: install Node.js and npm" >&2
    exit 1
  fi
fi
npm_stamp=node_modules/.sightline-installed
npm_want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$npm_stamp" ] || [ "$(cat "$npm_stamp")" != "$npm_want" ]; then
  say "Installing the front-end packages (GOV.UK Frontend, axe-core)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npm_want" > "$npm_stamp"
fi

if [ -n "$validators_pid" ]; then
  if [ "$wait_validators" = 1 ] || ! kill -0 "$validators_pid" 2>/dev/null; then
    [ "$wait_validators" = 1 ] && say "Waiting for the DfE validators' environment..."
    if ! wait "$validators_pid"; then
      if [ "$wait_validators" = 1 ]; then
        cat .venv-validators.log >&2
        echo "the DfE validators' environment could not be built (log above, in .venv-validators.log)" >&2
        exit 1
      fi
    else
      say "The DfE validators' environment is ready."
    fi
  else
    say "The DfE validators' environment is still being built in the background: validation on the Returns page starts when it is ready."
  fi
fi
say "Installed."
