#!/usr/bin/env bash
# Installs glossary-site into .venv and builds the bundled glossary into site/.
# Extra arguments go to `glossary-site build`, e.g. --base-url https://example.org/
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
.venv/bin/python -m pip install -q -e .
.venv/bin/glossary-site build "$@"
