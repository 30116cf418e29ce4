#!/usr/bin/env bash
# Installs what MAC Turnos needs on a Debian machine: system packages (Python,
# Qt's runtime libraries, fonts, speech, PostgreSQL), then the virtual
# environment with the package and its test tools. Safe to run again: it only
# installs what is missing. Sourced by scripts/demo.sh and scripts/test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

SYSTEM_PACKAGES=(
  python3 python3-venv python3-pip
  # Qt 6 (PySide6 wheels) runtime libraries and fonts for the apps
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libglib2.0-0 fonts-dejavu-core
  # offline speech and sound playback for the call screen
  espeak-ng alsa-utils
  # USB ticket printers; QR decoding in the printer tests
  libusb-1.0-0 libzbar0
  # PostgreSQL server binaries (pair mode and the test suite)
  postgresql postgresql-client
  # a real browser for the citizen's pages' tests (driven by Selenium, headless)
  chromium chromium-driver
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing system packages: ${missing[*]}"
  aptlog="$(mktemp)"
  if ! { as_root apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
           "${missing[@]}"; } >"$aptlog" 2>&1; then
    cat "$aptlog" >&2
    echo "Could not install the system packages above." >&2
    exit 1
  fi
  rm -f "$aptlog"
fi

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "MAC Turnos needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version))" >&2
  exit 1
}

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> Creating the virtual environment in .venv"
  "$PYTHON" -m venv "$VENV"
fi
# Reinstall only when the project's metadata or the pinned versions changed.
# requirements.lock pins every dependency (apps and test extras included), so each
# machine gets the versions the tests passed with; the package itself goes in
# editable, without resolving anything again.
stamp="$VENV/.macturnos-installed"
want="$(cat "$ROOT/pyproject.toml" "$ROOT/requirements.lock" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> Installing MAC Turnos and its dependencies into .venv"
  "$VENV/bin/python" -m pip install -q --upgrade pip setuptools wheel
  "$VENV/bin/python" -m pip install -q -r "$ROOT/requirements.lock"
  "$VENV/bin/python" -m pip install -q --no-deps -e "$ROOT"
  echo "$want" > "$stamp"
fi
