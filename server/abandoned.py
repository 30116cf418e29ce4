"""Modules held by someone whose session expired: freed, their citizen back in the queue.

A logout, a disabled account or a changed role frees the person's module at
once (`server.accounts`). A session that simply runs out (the token's 14 hours,
a counter PC switched off) has no moment of its own, so a background task looks
every minute for modules whose advisor holds no live session and ends those
sessions like a logout would (`modules.release_sessions_of`).
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import select

from macturnos.server.auth import SYSTEM
from macturnos.server.context import ServerContext
from macturnos.server.db.models import ModuleSession
from macturnos.server.modules import live_sessions, release_sessions_of

log = logging.getLogger("macturnos.server.abandoned")

SWEEP_INTERVAL_S = 60.0


def release_abandoned(ctx: ServerContext) -> list[int]:
    """Free every module whose advisor has no live session; answers their numbers."""
    with ctx.db.read() as s:
        held = set(
            s.scalars(select(ModuleSession.advisor_id).where(ModuleSession.advisor_id.is_not(None)))
        )
        gone = [u for u in held if u is not None and live_sessions(s, u, ctx.wall_now()) == 0]
    if not gone:
        return []  # the usual case: no write, no lock taken
    freed: list[int] = []
    with ctx.db.write() as s:
        for user_id in gone:
            # Checked again inside the write: they may have logged in meanwhile.
            if live_sessions(s, user_id, ctx.wall_now()) == 0:
                freed += release_sessions_of(s, ctx, SYSTEM, user_id, "session_expired")
    if freed:
        log.info("modules freed after their advisor's session expired: %s", freed)
    return freed


class AbandonedModules:
    """Runs `release_abandoned` every `interval_s` seconds in a thread (a `BackgroundService`)."""

    def __init__(self, ctx: ServerContext, interval_s: float = SWEEP_INTERVAL_S) -> None:
        self.ctx = ctx
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin sweeping in a daemon thread."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="abandoned-modules", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                release_abandoned(self.ctx)
            except Exception:  # a failed sweep is retried at the next one
                log.exception("sweep of abandoned modules failed")

    def stop(self) -> None:
        """Stop sweeping."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None


def attach(ctx: ServerContext) -> AbandonedModules:
    """Add the sweep to the server's background services."""
    service = AbandonedModules(ctx)
    ctx.services.append(service)
    return service
