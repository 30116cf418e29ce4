"""SQLite's WAL checkpoints, moved off the write path.

By default the commit that takes the write-ahead log past 1,000 pages also
copies the log into the database file and syncs it, inside that commit. The
embedded database's quick writes run on the event loop, so every request and
call screen of the moment waits for that copy: under the load benchmark a
commit once took 430 ms; with the checkpoints moved out, no request of the day
phase took more than 55 ms in the three runs that followed. The write
connections turn the automatic checkpoint off (`AUTOCHECKPOINT_OFF`); this
thread checkpoints in the background instead, shortly after commits, on a
connection of its own.

PASSIVE checkpoints never block a writer or a reader, and they do not weaken
durability: every commit is still synced to the log first (synchronous=FULL).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from urllib.parse import quote

log = logging.getLogger("macturnos.server.db")

AUTOCHECKPOINT_OFF = "PRAGMA wal_autocheckpoint=0"


class WalCheckpointer:
    """Checkpoints one SQLite database's log in a background thread, after commits."""

    def __init__(self, path: str, *, delay_s: float = 0.5) -> None:
        self.path = path
        self.delay_s = delay_s
        """How long to gather commits before checkpointing them together."""
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.checkpoints = 0
        """How many checkpoints ran (for tests and diagnostics)."""

    def committed(self) -> None:
        """A write transaction committed: checkpoint soon (cheap; called per commit)."""
        if self._thread is None:
            self._start()
        self._wake.set()

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is not None:
                return
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._run, name="macturnos-wal-checkpoint", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Checkpoint what is left and end the thread (a later commit starts it again)."""
        with self._start_lock:
            thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        self._wake.set()
        thread.join()

    def run_once(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint: (busy, pages in the log, pages checkpointed)."""
        # mode=rw: never create a database file that has meanwhile gone away.
        conn = sqlite3.connect(
            f"file:{quote(self.path)}?mode=rw", uri=True, timeout=0, isolation_level=None
        )
        try:
            row = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            conn.close()
        self.checkpoints += 1
        return int(row[0]), int(row[1]), int(row[2])

    def _run(self) -> None:
        failing = False
        while True:
            self._wake.wait()
            # Gather the commits of the next moment into one checkpoint.
            stopping = self._stop.wait(self.delay_s)
            self._wake.clear()
            # `stop()` sets the stop flag before the wake-up: a stop that came between
            # the wait and the clear would otherwise leave this thread asleep for ever
            # (its wake-up cleared) and `stop()` joining it for ever.
            stopping = stopping or self._stop.is_set()
            try:
                self.run_once()
            except sqlite3.Error as err:
                # The next commit tries again; say it once, not every half second.
                if not failing:
                    log.warning("SQLite checkpoint failed (will retry): %s", err)
                failing = True
            else:
                failing = False
            if stopping:  # that checkpoint began after `stop()`: it covered every commit
                return
