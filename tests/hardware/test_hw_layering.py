"""The hardware layer stands alone: no Qt, no server, no web framework, no HTTP."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "macturnos.hardware.printer",
    "macturnos.hardware.led",
    "macturnos.hardware.led_emulator",
    "macturnos.hardware.probes",
    "macturnos.hardware.paper",
]
FORBIDDEN = (
    "PySide6",
    "PyQt5",
    "PyQt6",
    "fastapi",
    "starlette",
    "macturnos.server",
    "sqlalchemy",
    # HTTP belongs to the server and the clients (the internet probe is the server's).
    "httpx",
    "aiohttp",
    "urllib.request",
)


def test_hardware_imports_no_qt_server_or_web_framework():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in MODULES)
        + f"bad = sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r} "
        + f"or any(n == f or n.startswith(f + '.') for f in {FORBIDDEN!r}))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""
