"""Helpers of the pair tests (tests/pair, the supervisor's replication line).

The `lab` fixture (two clusters, two turn servers) is in tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

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


@contextlib.contextmanager
def read_only_database(db_url: str, *pools: Any) -> Iterator[Callable[[], None]]:
    """Make the PostgreSQL database of `db_url` refuse writes, as a fenced database does.

    Yields `lift()`, which makes it writable again; `pools` (Database objects) are
    emptied each time, since the setting applies to new sessions.
    """
    name = make_url(db_url).database
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")

    def alter(action: str) -> None:
        with engine.connect() as conn:
            setting = "default_transaction_read_only" + (" = on" if action == "SET" else "")
            conn.execute(text(f'ALTER DATABASE "{name}" {action} {setting}'))
        for pool in pools:
            pool.dispose()

    alter("SET")
    try:
        yield lambda: alter("RESET")
    finally:
        alter("RESET")
        engine.dispose()


def refused_connection() -> Any:
    """A real connection attempt to a port where nothing listens (a machine gone)."""
    import psycopg

    from bench.ports import free_port

    return psycopg.connect(f"host=127.0.0.1 port={free_port()} dbname=x user=x connect_timeout=2")
