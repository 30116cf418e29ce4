"""SQLite's write-ahead log is checkpointed in the background, not inside a commit."""

from __future__ import annotations

import sqlite3
import struct
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from support import make_context

from macturnos.server.auth import SYSTEM
from macturnos.server.db.checkpoint import WalCheckpointer
from macturnos.server.db.engine import Database
from macturnos.server.ticketing import issue_ticket


def _wal_progress(url: str) -> tuple[int, int]:
    """(frames in the log, frames of it copied to the database), read without touching it.

    From the header of the WAL index (the "-shm" file, sqlite.org/walformat.html):
    mxFrame at byte 16, and the checkpoint's nBackfill at byte 96, native order.
    """
    shm = Path(url.split("///", 1)[1] + "-shm").read_bytes()
    max_frame, backfilled = (
        struct.unpack_from("=I", shm, 16)[0],
        struct.unpack_from("=I", shm, 96)[0],
    )
    return max_frame, backfilled


def test_write_connections_leave_checkpoints_to_the_background(sqlite_db_url):
    db = Database(sqlite_db_url)
    try:
        with db.write() as s:
            assert s.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 0
        with db.read() as s:
            # Readers never checkpoint anyway; their setting is the default.
            assert s.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 1000
    finally:
        db.dispose()


def test_the_log_is_copied_to_the_database_soon_after_commits(sqlite_db_url, centre_config, clock):
    ctx = make_context(sqlite_db_url, centre_config, clock)
    checkpointer = ctx.db.checkpointer
    assert checkpointer is not None
    checkpointer.delay_s = 0.05
    try:
        # Enough writes to fill the log past the 1,000 pages at which SQLite
        # would have checkpointed inside a commit (about 2,000 pages).
        for _ in range(300):
            issue_ticket(ctx, SYSTEM, service="DNI-DUP", channel="reception")
        # Shortly after the last commit, the whole log is in the database file.
        deadline = time.monotonic() + 15
        while _wal_progress(sqlite_db_url)[1] < _wal_progress(sqlite_db_url)[0]:
            assert time.monotonic() < deadline, _wal_progress(sqlite_db_url)
            time.sleep(0.05)
        assert checkpointer.checkpoints >= 1
    finally:
        ctx.db.dispose()
    # Disposing stops the thread; the next commit starts it again.
    before = checkpointer.checkpoints
    ctx2 = make_context(sqlite_db_url, centre_config, clock, opened=False)
    try:
        ctx2.db.checkpointer.delay_s = 0.0
        issue_ticket(ctx2, SYSTEM, service="DNI-DUP", channel="reception")
        ctx2.db.dispose()
        assert ctx2.db.checkpointer.checkpoints >= 1
    finally:
        ctx2.db.dispose()
    assert checkpointer.checkpoints == before


def test_a_missing_database_is_not_created_by_the_checkpointer(tmp_path):
    gone = tmp_path / "gone.db"
    with pytest.raises(sqlite3.OperationalError):
        WalCheckpointer(str(gone)).run_once()
    assert not gone.exists()


def test_a_failing_checkpoint_is_logged_once_and_retried(tmp_path, caplog):
    path = tmp_path / "later.db"
    checkpointer = WalCheckpointer(str(path), delay_s=0.0)
    try:
        for _ in range(3):
            checkpointer.committed()
            time.sleep(0.05)
        assert [r.message for r in caplog.records].count(
            "SQLite checkpoint failed (will retry): unable to open database file"
        ) == 1
        # The file appears (the server's first write creates it): checkpoints work again.
        sqlite3.connect(path).execute("PRAGMA journal_mode=WAL").fetchone()
        done = checkpointer.checkpoints
        checkpointer.committed()
        deadline = time.monotonic() + 5
        while checkpointer.checkpoints == done:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        checkpointer.stop()
