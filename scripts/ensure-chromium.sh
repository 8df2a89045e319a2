#!/usr/bin/env bash
# The browser tests drive Debian's chromium through Playwright (never `playwright install`); the
# report tests render PDFs with poppler's pdftoppm. Installs whichever is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "${missing[*]} not installed and cannot be installed here: the tests needing them will fail or be skipped" >&2
fi
