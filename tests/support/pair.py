"""Helpers of the pair tests (tests/pair, the supervisor's replication line).

The `lab` fixture (two clusters, two turn servers) is in tests/conftest.py.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable

import pytest

from macturnos.server.pair.config import installed_pg_bin

needs_pair = pytest.mark.skipif(
    not (installed_pg_bin() / "initdb").exists() or shutil.which("runuser") is None,
    reason="PostgreSQL's server binaries (initdb) and runuser are needed",
)
"""The pair needs PostgreSQL's server binaries, found whatever its version."""


def wait_for(predicate: Callable[[], bool], timeout_s: float = 30, step_s: float = 0.1) -> None:
    """Poll `predicate` until it holds, or fail the test."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(step_s)
