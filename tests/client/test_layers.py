"""The client library's core imports no Qt: only macturnos.client.qt may."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "macturnos.client",
    "macturnos.client.api",
    "macturnos.client.connection",
    "macturnos.client.credentials",
    "macturnos.client.discovery",
    "macturnos.client.events",
    "macturnos.client.state",
]


def test_core_modules_do_not_import_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(leaked))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
