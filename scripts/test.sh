#!/usr/bin/env bash
# Installs everything the tests need (Debian's Chromium included) and runs the
# whole suite: lint, format, types, then pytest (unit, CLI and browser tests).
# Extra arguments go to pytest, e.g. -k browser or -x.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
command -v chromium >/dev/null || apt_install chromium
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/ruff check src tests scripts bench
.venv/bin/ruff format --check src tests scripts bench
.venv/bin/mypy
.venv/bin/lint-imports
# pytest exits 5 when it collects no tests; set -e turns that into a failure.
.venv/bin/python -m pytest "$@"
