"""Days already folded, kept while their events have not changed.

A past day's events rarely change (a late closing does, and bumps the day's last
sequence number), so a month's report folds only the days it has not seen in that
state; the current day is always folded again (its open sessions end "now").
Plain data, no I/O: the server says which version of a day it holds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

from macturnos.reports.facts import TicketFact
from macturnos.reports.staff import Span


@dataclass(frozen=True)
class FoldedDay:
    """One service day's tickets and, once asked for, its spans of module time."""

    version: Hashable
    """What the day's events were when folded (e.g. its last seq, the setup in force)."""
    facts: tuple[TicketFact, ...]
    spans: tuple[Span, ...] | None = None


class DayCache:
    """The latest folded days, least recently used first out, within `max_tickets`."""

    def __init__(self, max_tickets: int = 100_000) -> None:
        """A cache holding at most `max_tickets` ticket facts (a few tens of MB)."""
        self.max_tickets = max_tickets
        self._days: OrderedDict[date, FoldedDay] = OrderedDict()
        self._tickets = 0
        # Reports run in the server's worker threads.
        self._lock = threading.Lock()

    def get(self, day: date, version: Hashable, *, with_spans: bool) -> FoldedDay | None:
        """The day as folded at `version` (with its spans if asked), or None."""
        with self._lock:
            found = self._days.get(day)
            if found is None or found.version != version or (with_spans and found.spans is None):
                return None
            self._days.move_to_end(day)
            return found

    def put(self, day: date, folded: FoldedDay) -> None:
        """Keep a folded day, dropping the least recently used beyond the limit."""
        with self._lock:
            old = self._days.pop(day, None)
            if old is not None:
                self._tickets -= len(old.facts)
            self._days[day] = folded
            self._tickets += len(folded.facts)
            while self._tickets > self.max_tickets and len(self._days) > 1:
                _day, dropped = self._days.popitem(last=False)
                self._tickets -= len(dropped.facts)

    def __len__(self) -> int:
        """How many days are kept."""
        return len(self._days)
