"""Everything a request handler needs, built once when the server starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from macturnos.server.clock import Clock
from macturnos.server.db.engine import Database
from macturnos.server.events import EventHub
from macturnos.server.runtime import CentreRuntime


@dataclass
class ServerContext:
    """The server's shared parts."""

    db: Database
    runtime: CentreRuntime
    clock: Clock
    secret: bytes
    """Key that signs the QR codes printed on tickets."""
    hub: EventHub = field(default_factory=EventHub)
    wall: Clock | None = None
    """The real time, for security timers (token expiry, lockout, pairing codes).

    It differs from `clock` only when a training clock is set; defaults to `clock`."""

    def __post_init__(self) -> None:
        self.db.after_commit = self.hub.publish
        if self.wall is None:
            self.wall = self.clock

    def wall_now(self) -> datetime:
        """The real current instant (see `wall`)."""
        assert self.wall is not None
        return self.wall.now()
