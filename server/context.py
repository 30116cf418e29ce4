"""Everything a request handler needs, built once when the server starts."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from macturnos.server.auth import Throttle, TokenCache
from macturnos.server.clock import Clock
from macturnos.server.db.engine import Database
from macturnos.server.events import EventHub
from macturnos.server.live import LiveState
from macturnos.server.presence import Presence
from macturnos.server.runtime import CentreRuntime


class BackgroundService(Protocol):
    """A task that runs beside the API while the server runs (e.g. the PCM sync)."""

    def start(self) -> None:
        """Begin working (must return at once: run in a thread or a task)."""

    def stop(self) -> None:
        """Stop and release resources; called once at shutdown."""


@dataclass
class ServerContext:
    """The server's shared parts."""

    db: Database
    runtime: CentreRuntime
    clock: Clock
    secret: bytes
    """Key that signs the QR codes printed on tickets."""
    dni_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    """Key of the appointments' DNI hashes (`sync.appointments.load_dni_key`); a random
    one by default, so that no context ever hashes DNIs with the ticket-signing key."""
    hub: EventHub = field(default_factory=EventHub)
    presence: Presence = field(default_factory=Presence)
    """Which paired devices have a live event stream to this server."""
    tokens: TokenCache = field(default_factory=TokenCache)
    """Recently checked bearer tokens (see `auth.TokenCache`)."""
    throttle: Throttle = field(default_factory=Throttle)
    """Failed log-ins and pairings per address and per unknown name (`auth.Throttle`)."""
    services: list[BackgroundService] = field(default_factory=list)
    """Started and stopped with the HTTP server (see `app.create_app`)."""
    wall: Clock | None = None
    """The real time, for security timers (token expiry, lockout, pairing codes).

    It differs from `clock` only when a training clock is set; defaults to `clock`."""

    live: LiveState = field(default_factory=LiveState)
    """Today's queues for the write path, kept true to the database (see `server.live`)."""
    public_url: str | None = None
    """The citizen's pages as phones on the guest Wi-Fi reach them (`server.public`),
    e.g. http://192.168.10.2:8471; None when they are not served."""
    publish_locally: bool = True
    """Whether committed events go straight to this server's clients; in pair
    mode the relay publishes them from the shared log instead."""

    def __post_init__(self) -> None:
        self.db.after_commit = self._committed
        self.db.after_rollback = self.live.rolled_back
        if self.wall is None:
            self.wall = self.clock

    def _committed(self, events: list[dict[str, Any]]) -> None:
        self.live.committed(events)
        if self.publish_locally:
            self.hub.publish(events)

    def wall_now(self) -> datetime:
        """The real current instant (see `wall`)."""
        assert self.wall is not None
        return self.wall.now()
