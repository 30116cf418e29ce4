"""Where the tests save the README's screenshots: never into docs/ unless asked.

A test run must leave the tracked files alone, so the screenshots the README shows
go to this session's temporary folder; `scripts/screenshots.sh` sets
MACTURNOS_SCREENSHOTS_DIR=docs/screenshots to refresh them on purpose. Every
screenshot is also kept under the ignored artifacts/ folder, to look at after a run.
"""

from __future__ import annotations

import os
from pathlib import Path

from support import REPO

ENV = "MACTURNOS_SCREENSHOTS_DIR"
ARTIFACTS = REPO / "artifacts"

_session_dir: list[Path] = []


def use_session_dir(path: Path) -> None:
    """Called once per session (tests/conftest.py) with a fresh temporary folder."""
    _session_dir[:] = [path]


def docs_dir() -> Path:
    """Where the README's screenshots go in this run."""
    chosen = os.environ.get(ENV)
    if chosen:
        return Path(chosen).resolve()
    assert _session_dir, "tests/conftest.py sets the session's screenshot folder"
    return _session_dir[0]
