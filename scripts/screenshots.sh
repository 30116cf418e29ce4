#!/usr/bin/env bash
# Refreshes the README's pictures in docs/screenshots/ by running the tests that take
# them. A normal test run saves those pictures in a temporary folder (it must not
# rewrite tracked files); MACTURNOS_SCREENSHOTS_DIR sends them here instead.
# Review with `git diff --stat docs/screenshots` and commit the intended changes.
# Extra arguments go to pytest (e.g. -k advisor).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

export QT_QPA_PLATFORM=offscreen
export MACTURNOS_SCREENSHOTS_DIR="$ROOT/docs/screenshots"
# The test files that save README pictures (shot/shoot(..., docs=True), docs_dir()).
# test_supervisor_pair.py's pair pictures need PostgreSQL's server binaries and runuser.
tests=(
  tests/kiosk/test_kiosk_screenshots.py
  tests/display/test_display_screenshots.py
  tests/display/test_display_screen.py
  tests/counter/test_link.py
  tests/counter/test_advisor.py
  tests/counter/test_reception.py
  tests/counter/test_supervisor.py
  tests/counter/test_supervisor_pair.py
  tests/counter/test_day.py
  tests/counter/test_counter_geometry.py
  tests/server/test_public_browser.py
  tests/kiosk/test_kiosk_survey.py
)
echo "==> Taking the README's screenshots into docs/screenshots/"
"$ROOT/.venv/bin/pytest" -p no:cacheprovider -q "${tests[@]}" "$@"
git -C "$ROOT" status --short docs/screenshots
