"""How much one address may ask of the citizen's listener.

The guest Wi-Fi is open to anyone in the building. A phone loads a page now and then
and keeps one live channel, so the limits are generous for a person and tight for a
script: a token bucket of requests per address, a cap on live channels per address and
in all. A centre whose guest network puts every phone behind one address (NAT) raises
them in the server's settings.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

MAX_ADDRESSES = 10_000
"""Buckets kept; beyond this the oldest are forgotten (memory stays bounded)."""


@dataclass
class Limiter:
    """Token buckets per address, and counters of open live channels."""

    burst: int = 30
    """Requests an address may make at once."""
    per_second: float = 0.5
    """Requests an address regains each second (30 a minute)."""
    streams_per_address: int = 4
    streams_total: int = 2_000
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict, compare=False)
    _streams: dict[str, int] = field(default_factory=dict, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False)

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> Limiter:
        """The limits, with any raised by MACTURNOS_PUBLIC_BURST, _STREAMS_PER_ADDRESS
        and _STREAMS_TOTAL (a guest network behind NAT; a benchmark's phones)."""
        env = os.environ if env is None else env
        limiter = cls()
        for name, attr in (
            ("MACTURNOS_PUBLIC_BURST", "burst"),
            ("MACTURNOS_PUBLIC_STREAMS_PER_ADDRESS", "streams_per_address"),
            ("MACTURNOS_PUBLIC_STREAMS_TOTAL", "streams_total"),
        ):
            if env.get(name):
                setattr(limiter, attr, max(1, int(env[name])))
        return limiter

    def allow(self, address: str) -> bool:
        """Take one request from `address`'s bucket; False when it is empty."""
        now = time.monotonic()
        with self._lock:
            tokens, at = self._buckets.pop(address, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.per_second)
            allowed = tokens >= 1.0
            self._buckets[address] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > MAX_ADDRESSES:
                del self._buckets[next(iter(self._buckets))]
            return allowed

    def open_stream(self, address: str) -> bool:
        """Count a new live channel of `address`; False when over a limit."""
        with self._lock:
            mine = self._streams.get(address, 0)
            if mine >= self.streams_per_address or self.open_streams >= self.streams_total:
                return False
            self._streams[address] = mine + 1
            return True

    def close_stream(self, address: str) -> None:
        """A live channel of `address` ended."""
        with self._lock:
            left = self._streams.get(address, 0) - 1
            if left > 0:
                self._streams[address] = left
            else:
                self._streams.pop(address, None)

    @property
    def open_streams(self) -> int:
        """Live channels open now."""
        return sum(self._streams.values())
