#!/usr/bin/env bash
# Sets up everything and runs the demo centre: the turn server on the embedded
# SQLite database with the bundled "Centro MAC Lima Norte (demo)", plus the apps
# when a screen is available. Extra arguments go to `macturnos demo`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec "$ROOT/.venv/bin/macturnos" demo "$@"
