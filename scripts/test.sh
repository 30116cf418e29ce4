#!/usr/bin/env bash
# Sets up everything and runs the whole test suite (lint, import contracts,
# types, then every test, slow ones included) against SQLite and PostgreSQL.
# Extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
source "$ROOT/scripts/test-postgres.sh"

export QT_QPA_PLATFORM=offscreen
echo "==> ruff"
"$ROOT/.venv/bin/ruff" check .
echo "==> lint-imports"
"$ROOT/.venv/bin/lint-imports" --no-cache
echo "==> mypy"
"$ROOT/.venv/bin/mypy"
echo "==> pytest"
"$ROOT/.venv/bin/pytest" -p no:cacheprovider "$@"
