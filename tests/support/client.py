"""Helpers of the client library's tests: a recorder of what streams and connections report."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class Recorder:
    """Collects what an EventStream or Connection reports, to wait on it from the test."""

    def __init__(self) -> None:
        self.snapshots: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.statuses: list[tuple[bool, str]] = []
        self.refusals: list[Any] = []
        self.threads: set[str] = set()
        self._cond = threading.Condition()

    def _add(self, items: list[Any], item: Any) -> None:
        with self._cond:
            items.append(item)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def on_snapshot(self, snap: dict[str, Any]) -> None:
        self._add(self.snapshots, snap)

    def on_event(self, event: dict[str, Any]) -> None:
        self._add(self.events, event)

    def on_status(self, connected: bool, reason: str) -> None:
        self._add(self.statuses, (connected, reason))

    def on_refused(self, refusal: Any) -> None:
        self._add(self.refusals, refusal)

    def wait(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until `predicate()` holds, or fail the test."""
        with self._cond:
            if not self._cond.wait_for(predicate, timeout):
                raise AssertionError(f"condition not met within {timeout} s")

    def seqs(self) -> list[int]:
        with self._cond:
            return [e["seq"] for e in self.events]
