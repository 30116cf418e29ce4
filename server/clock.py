"""The server's notion of "now".

Production uses the system clock. Training sessions and the demo may run the
centre at another time of day (for example opening hours at night), and tests
set the time by hand; every timestamp the server writes comes from here.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class Clock:
    """The real time, optionally shifted by a fixed offset."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        return datetime.now(UTC) + self.offset

    @classmethod
    def starting_at(cls, instant: datetime) -> Clock:
        """A clock that reads `instant` now and runs forward from it."""
        return cls(instant - datetime.now(UTC))


class ManualClock(Clock):
    """A clock that only moves when told to (tests)."""

    def __init__(self, instant: datetime) -> None:
        super().__init__()
        self._now = instant.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The instant last set."""
        with self._lock:
            return self._now

    def set(self, instant: datetime) -> None:
        """Jump to `instant`."""
        with self._lock:
            self._now = instant.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        """Move forward by `delta`."""
        with self._lock:
            self._now += delta
