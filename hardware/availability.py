"""Log a device once when it goes away and once when it returns, not on every poll."""

from __future__ import annotations

import logging
import threading


class AvailabilityLog:
    """Remembers whether a device was last seen available and logs only the changes."""

    def __init__(self, logger: logging.Logger, device: str) -> None:
        """Track one device, named in log lines (never with personal data)."""
        self._logger = logger
        self._device = device
        self._available: bool | None = None
        self._lock = threading.Lock()

    def seen(self, available: bool, reason: str) -> None:
        """Record the latest observation; log when it differs from the previous one."""
        with self._lock:
            previous, self._available = self._available, available
        if previous is available:
            return
        if available:
            if previous is False:
                self._logger.warning("%s available again: %s", self._device, reason)
        else:
            self._logger.warning("%s unavailable: %s", self._device, reason)

    @property
    def available(self) -> bool | None:
        """The last observation, None before the first one."""
        return self._available
