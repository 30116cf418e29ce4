"""Engines, sessions and the one way to write: a serialised transaction.

Every state change runs inside `Database.write()`. Writers are serialised
(an in-process lock plus `BEGIN IMMEDIATE` on SQLite, a transaction-scoped
advisory lock on PostgreSQL) so that event sequence numbers are committed in
the order they were assigned: a client resuming "after seq N" can never miss
an event that committed late with a smaller number.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from macturnos.server import idempotency
from macturnos.server.db.checkpoint import AUTOCHECKPOINT_OFF, WalCheckpointer
from macturnos.server.errors import DatabaseUnavailable
from macturnos.server.events import collect_events

# Any constant shared by all turn servers of a centre (pair mode included).
WRITE_LOCK_KEY = 7_062_026


_LOCK = text("SELECT pg_advisory_xact_lock(:k)")
_NOTIFY = text("SELECT pg_notify(:c, :p)")
# SQLSTATE of a write refused by a read-only (fenced) database.
_READ_ONLY_SQLSTATE = "25006"

Creator = Callable[[], Any]
"""Opens one DBAPI connection (pair mode: to the current primary only)."""


def _unavailable(err: BaseException) -> bool:
    """Whether `err` says the database is out of reach for now, not that the request is wrong.

    A lost or refused connection, a server shutting down or starting, no primary
    (pair mode, during a failover), a fenced read-only database, a pool with no
    free connection: the same request succeeds a few seconds later. PostgreSQL
    only: SQLite's OperationalError also names mistakes (a missing table).
    """
    if isinstance(err, OperationalError | PoolTimeout):
        return True
    if isinstance(err, DBAPIError):
        return err.connection_invalidated or (
            getattr(err.orig, "sqlstate", None) == _READ_ONLY_SQLSTATE
        )
    return False


def sqlite_url(path: str | Path) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite+pysqlite:///{Path(path).resolve()}"


def _make_engine(url: str, *, immediate: bool, creator: Creator | None = None) -> Engine:
    """The engine of the writer (`immediate`) or of the readers."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=8,
            max_overflow=16,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Take transaction control away from the driver so BEGIN is ours.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            # FULL: a power cut must not lose an acknowledged ticket.
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            if immediate:
                # Checkpoints run in the background (see `WalCheckpointer`);
                # after a long burst the log file shrinks back to 64 MB at most.
                cur.execute(AUTOCHECKPOINT_OFF)
                cur.execute("PRAGMA journal_size_limit=67108864")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    extra: dict[str, Any] = {} if creator is None else {"creator": creator}
    return create_engine(
        url,
        **extra,
        pool_size=10,
        max_overflow=20,
        pool_pre_ping=True,
        isolation_level="REPEATABLE READ" if not immediate else "READ COMMITTED",
    )


class Database:
    """The server's database: a serialised writer and consistent readers."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.backend = make_url(url).get_backend_name()
        self.write_engine = _make_engine(url, immediate=True)
        self.read_engine = _make_engine(url, immediate=False)
        self._write_sessions = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.read_engine, expire_on_commit=False)
        self._lock = threading.Lock()
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="macturnos-writer")
        """The one thread that runs the API's quick writes on PostgreSQL: writes are
        serialised anyway, and forty threads taking turns at the lock and the GIL
        made each statement's round trip wait for the others."""
        self.after_commit: Callable[[list[dict[str, Any]]], None] | None = None
        """Called with the committed events (maybe none), still under the write
        lock, so that live clients receive them in sequence order."""
        self.after_rollback: Callable[[], None] | None = None
        """Called when a write transaction was rolled back, under the write lock."""
        path = make_url(url).database
        self.checkpointer = (
            WalCheckpointer(str(Path(path).resolve()))
            if self.backend == "sqlite" and path and path != ":memory:"
            else None
        )
        """Keeps SQLite's write-ahead log short, off the write path."""
        self.notify_channel: str | None = None
        """PostgreSQL channel told of every commit that appended events (pair
        mode: each turn server relays the log to its own clients)."""

    def connect_with(self, creator: Creator) -> None:
        """Open every new connection with `creator` from now on (pair mode: the current primary).

        Pooled connections of the previous engines are closed.
        """
        old = (self.write_engine, self.read_engine)
        self.write_engine = _make_engine(self.url, immediate=True, creator=creator)
        self.read_engine = _make_engine(self.url, immediate=False, creator=creator)
        self._write_sessions = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.read_engine, expire_on_commit=False)
        for engine in old:
            engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One serialised read-write transaction, committed on success.

        A database out of reach (see `_unavailable`) raises DatabaseUnavailable:
        the API answers 503 with Retry-After instead of an internal error.
        """
        try:
            with self._write() as session:
                yield session
        except (DBAPIError, PoolTimeout) as err:
            if self.backend == "postgresql" and _unavailable(err):
                raise DatabaseUnavailable() from err
            raise

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._lock, self._write_sessions() as session:
            try:
                with session.begin():
                    if self.backend == "postgresql":
                        session.execute(_LOCK, {"k": WRITE_LOCK_KEY})
                    idempotency.claim(session)
                    yield session
                    # E.g. render the transaction's events once every change is made
                    # (`server.changes`).
                    for hook in session.info.pop("before_commit", ()):
                        hook(session)
                    idempotency.record(session)
                    if self.notify_channel and session.info.get("events"):
                        # Delivered only if and when the transaction commits.
                        session.execute(
                            _NOTIFY,
                            {"c": self.notify_channel, "p": str(session.info["events"][-1]["seq"])},
                        )
            except BaseException:
                if self.after_rollback is not None:
                    self.after_rollback()
                raise
            events = collect_events(session)
            # E.g. put a new configuration in force once its event committed (`server.reload`).
            for after in session.info.pop("after_commit", ()):
                after()
            if self.checkpointer is not None:
                self.checkpointer.committed()
            if self.after_commit is not None:
                self.after_commit(events)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction that sees one consistent state.

        Raises DatabaseUnavailable like `write`.
        """
        try:
            with self._read_sessions() as session:
                # Autobegin opens the transaction at the first query; closing the
                # session rolls it back.
                yield session
        except (DBAPIError, PoolTimeout) as err:
            if self.backend == "postgresql" and _unavailable(err):
                raise DatabaseUnavailable() from err
            raise

    def dispose(self) -> None:
        """Close every pooled connection (the database stays usable: pools refill)."""
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.write_engine.dispose()
        self.read_engine.dispose()
