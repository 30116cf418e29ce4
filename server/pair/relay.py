"""Relaying the shared event log to this turn server's clients (LISTEN/NOTIFY).

In pair mode a ticket issued through the other turn server commits in the same
primary database; its transaction runs pg_notify (see `Database.notify_channel`).
This service listens on the primary, reads the log after the last sequence it
published and hands the events to the local EventHub in order. A periodic read
is the safety net for a notification lost with a connection (failover).
"""

from __future__ import annotations

import logging
import threading

from psycopg import sql

from macturnos.server.context import ServerContext
from macturnos.server.events import events_after, last_seq
from macturnos.server.pair.primary import PrimaryLocator

log = logging.getLogger("macturnos.pair.relay")

CHANNEL = "macturnos_events"


class EventRelay:
    """BackgroundService: LISTEN on the current primary and publish the log in order."""

    def __init__(
        self,
        ctx: ServerContext,
        locator: PrimaryLocator,
        *,
        poll_s: float = 1.0,
        retry_s: float = 0.5,
    ) -> None:
        self.ctx = ctx
        self.locator = locator
        self.poll_s = poll_s
        self.retry_s = retry_s
        self.published: int | None = None
        """The last sequence number handed to the hub (None before the first read)."""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the listening thread."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="macturnos-pair-relay", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening (returns within about `poll_s`)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.poll_s + 5)

    def catch_up(self) -> int:
        """Publish every committed event after the last one published; returns how many."""
        with self.ctx.db.read() as s:
            if self.published is None:
                # Clients connecting later get a snapshot: start from now.
                self.published = last_seq(s)
                return 0
            events = events_after(s, self.published)
        if events:
            self.ctx.hub.publish(events)
            self.published = events[-1]["seq"]
        return len(events)

    def _run(self) -> None:
        failing = False
        while not self._stop.is_set():
            try:
                with self.locator.connect() as conn:
                    conn.autocommit = True
                    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))
                    if failing:
                        log.info("event relay listening again on %s", conn.info.host)
                    failing = False
                    # LISTEN first, then read: nothing committed in between is missed.
                    self.catch_up()
                    while not self._stop.is_set():
                        woke = False
                        for _note in conn.notifies(timeout=self.poll_s, stop_after=1):
                            woke = True
                        self.catch_up()
                        if woke:
                            # Drain the burst of notifications already queued.
                            for _note in conn.notifies(timeout=0.0):
                                pass
            except Exception as err:  # the primary went away: reconnect to whichever is primary
                if not failing:
                    log.warning("event relay lost the database: %s", str(err).strip()[:200])
                failing = True
                self._stop.wait(self.retry_s)
