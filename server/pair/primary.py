"""Connecting the turn server only to the pair's current primary database.

libpq's `target_session_attrs=read-write` takes the first host that accepts
writes. After a failover, an old primary that comes back (its PostgreSQL started
at boot, writable, on its old timeline) is such a host: the turn servers went
back to its stale queue. The locator instead opens each new connection itself:
it asks every machine in turn what its database is (`pg.read_role`) and keeps
the connection only to a writable primary on the newest timeline it has seen.
It never goes back to an older timeline, so a survivor that followed the
promotion ignores the returning machine whatever the order of the hosts; a
server started afresh asks both and takes the newer timeline.

A timeline only grows in a pair's life (failovers promote, rejoin follows);
re-creating both clusters from scratch needs the turn servers restarted.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import psycopg

from macturnos.server.pair import pg
from macturnos.server.pair.config import PairConfig

log = logging.getLogger("macturnos.pair.primary")


class NoPrimary(psycopg.OperationalError):
    """No machine has a database that may take this turn server's writes now."""


class PrimaryLocator:
    """Opens connections to the current primary only (SQLAlchemy `creator`, the relay)."""

    def __init__(self, config: PairConfig, node: str) -> None:
        self.config = config
        self.node = node
        self.application_name = f"macturnos-{node}"
        """How this turn server's sessions are named in pg_stat_activity."""
        self._lock = threading.Lock()
        self._timeline: int | None = None
        self._current: str | None = None

    @property
    def timeline(self) -> int | None:
        """The newest timeline seen on a primary (None before the first connection)."""
        with self._lock:
            return self._timeline

    @property
    def current(self) -> str | None:
        """The machine the last connection went to."""
        with self._lock:
            return self._current

    def seen(self, timeline: int | None) -> None:
        """Remember a primary's timeline learnt elsewhere (the pair monitor's probes)."""
        if timeline is None:
            return
        with self._lock:
            if self._timeline is None or timeline > self._timeline:
                self._timeline = timeline

    def connect(self) -> psycopg.Connection[Any]:
        """A new connection (no transaction open) to the writable primary of the newest timeline.

        Raises NoPrimary (an OperationalError: the API answers 503) when there is none.
        """
        with self._lock:
            known, current = self._timeline, self._current
        order = sorted(self.config.nodes, key=lambda n: n != current)
        reasons: list[str] = []
        best: tuple[int, str, psycopg.Connection[Any]] | None = None
        for name in order:
            conn = self._open(name, reasons)
            if conn is None:
                continue
            try:
                role = pg.read_role(conn)
                conn.rollback()
            except psycopg.Error as err:
                reasons.append(f"{name}: {str(err).strip()[:200]}")
                conn.close()
                continue
            timeline = role.timeline or 0
            if not role.primary or (known is not None and timeline < known):
                what = "respaldo" if role.in_recovery else "solo lectura" if role.read_only else ""
                reasons.append(f"{name}: {what or f'línea de tiempo {timeline} antigua'}")
                conn.close()
                continue
            if best is None or timeline > best[0]:
                if best is not None:
                    best[2].close()
                best = (timeline, name, conn)
            else:
                conn.close()
            if known is not None:
                # A primary at least as new as any seen: no need to ask the other machine.
                break
        if best is None:
            raise NoPrimary("no primary database: " + "; ".join(reasons))
        timeline, name, conn = best
        with self._lock:
            if self._timeline is None or timeline > self._timeline:
                self._timeline = timeline
            if self._current != name:
                log.warning("database connections go to %s (timeline %d)", name, timeline)
            self._current = name
        return conn

    def _open(self, name: str, reasons: list[str]) -> psycopg.Connection[Any] | None:
        # A machine that loses power sends no reset: without these a query on one of
        # its pooled connections (the pool's pre-ping) waits for TCP's own minutes.
        info = self.config.conninfo(
            node=name,
            application_name=self.application_name,
            keepalives_idle="5",
            keepalives_interval="2",
            keepalives_count="3",
            tcp_user_timeout="5000",
        )
        try:
            return psycopg.connect(info)
        except psycopg.Error as err:
            reasons.append(f"{name}: {str(err).strip().splitlines()[0] if str(err) else err!r}")
            return None
