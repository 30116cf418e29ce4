"""Queue order: preferential attention first, then appointments due now, then arrival order.

Order of the waiting tickets, applied to each module's services:

1. Preferential attention (older adults, pregnant women, people with disabilities,
   ...), by arrival.
2. Appointments whose window [appointment_at - before, appointment_at + after]
   contains `now` (both edges included), by appointment time, then arrival.
3. Everyone else by arrival, including an appointment outside its window (too
   early or late): it keeps its place by arrival, it is not lost.

A ticket that needs assistance (sign-language interpretation, ...) is eligible
only at a module that offers it (`next_for_module`); elsewhere it is skipped, not
lost. Such a ticket is never "plain" (`is_plain`), so the servers that keep only
the oldest plain walk-in as a candidate still see it.

Ties end on ticket_id, so the order is total and the same on every server and
every call. `arrival_at` is when the citizen first got a ticket: a transferred
ticket keeps it, so being sent to another service never moves them to the back.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from macturnos.domain.errors import DomainError


def _require_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        # Mixing naive and aware times fails only at comparison time, far from the bug.
        raise ValueError(f"{name} must be a timezone-aware datetime")


@dataclass(frozen=True)
class QueueEntry:
    """A waiting ticket as far as ordering is concerned."""

    ticket_id: int
    service_code: str
    arrival_at: datetime
    preferential: bool = False
    appointment_at: datetime | None = None
    assistance: str | None = None
    """The assistance the citizen needs (a code of the centre file's `assistance`), if any."""

    def __post_init__(self) -> None:
        """Require timezone-aware times."""
        _require_aware("arrival_at", self.arrival_at)
        if self.appointment_at is not None:
            _require_aware("appointment_at", self.appointment_at)


@dataclass(frozen=True)
class OrderingRules:
    """How far before and after its time an appointment gets priority."""

    appointment_window_before: timedelta
    appointment_window_after: timedelta

    def __post_init__(self) -> None:
        """Reject negative windows."""
        if self.appointment_window_before < timedelta(0):
            raise ValueError("appointment_window_before must not be negative")
        if self.appointment_window_after < timedelta(0):
            raise ValueError("appointment_window_after must not be negative")

    def appointment_due(self, entry: QueueEntry, now: datetime) -> bool:
        """Whether `entry` has an appointment whose priority window contains `now`."""
        at = entry.appointment_at
        if at is None:
            return False
        return at - self.appointment_window_before <= now <= at + self.appointment_window_after


# Priority groups, lowest first.
_PREFERENTIAL = 0
_APPOINTMENT_DUE = 1
_BY_ARRIVAL = 2


def _sort_key(
    entry: QueueEntry, now: datetime, rules: OrderingRules
) -> tuple[int, datetime, datetime, int]:
    if entry.preferential:
        return (_PREFERENTIAL, entry.arrival_at, entry.arrival_at, entry.ticket_id)
    if entry.appointment_at is not None and rules.appointment_due(entry, now):
        return (_APPOINTMENT_DUE, entry.appointment_at, entry.arrival_at, entry.ticket_id)
    return (_BY_ARRIVAL, entry.arrival_at, entry.arrival_at, entry.ticket_id)


def order_queue(
    entries: Iterable[QueueEntry], now: datetime, rules: OrderingRules
) -> list[QueueEntry]:
    """The waiting tickets in the order they should be called at `now`."""
    _require_aware("now", now)
    items = list(entries)
    seen: set[int] = set()
    for entry in items:
        if entry.ticket_id in seen:
            raise ValueError(f"ticket {entry.ticket_id} appears twice in the queue")
        seen.add(entry.ticket_id)
    return sorted(items, key=lambda e: _sort_key(e, now, rules))


def eligible_at(
    entry: QueueEntry, module_services: Collection[str], module_assistance: Collection[str] = ()
) -> bool:
    """Whether a module serving `module_services` and offering `module_assistance` may call it."""
    if entry.service_code not in module_services:
        return False
    return entry.assistance is None or entry.assistance in module_assistance


def next_for_module(
    entries: Iterable[QueueEntry],
    module_services: Collection[str],
    now: datetime,
    rules: OrderingRules,
    module_assistance: Collection[str] = (),
) -> QueueEntry | None:
    """The ticket a module serving `module_services` should call next, or None if none waits.

    A ticket that needs assistance is eligible only if the module offers it
    (`module_assistance`, from the centre file).
    """
    services = frozenset(module_services)
    offered = frozenset(module_assistance)
    eligible = [e for e in entries if eligible_at(e, services, offered)]
    ordered = order_queue(eligible, now, rules)
    return ordered[0] if ordered else None


def position_in_queue(
    entries: Iterable[QueueEntry], ticket_id: int, now: datetime, rules: OrderingRules
) -> int:
    """How many people are ahead of `ticket_id` in its own service's queue (0 = next)."""
    items = list(entries)
    mine = next((e for e in items if e.ticket_id == ticket_id), None)
    if mine is None:
        raise DomainError("UNKNOWN_TICKET")
    same_service = [e for e in items if e.service_code == mine.service_code]
    ordered = order_queue(same_service, now, rules)
    return next(i for i, e in enumerate(ordered) if e.ticket_id == ticket_id)


def is_plain(entry: QueueEntry) -> bool:
    """A walk-in without preference, appointment or assistance need: ordered by arrival alone.

    Among plain entries only the earliest can be next, and a plain newcomer is
    behind every other plain entry; this lets a server load only the few
    special entries and count the plain ones.
    """
    return not entry.preferential and entry.appointment_at is None and entry.assistance is None


def people_ahead_of(
    newcomer: QueueEntry,
    specials: Iterable[QueueEntry],
    plain_waiting: int,
    now: datetime,
    rules: OrderingRules,
) -> int:
    """People ahead of a ticket that just arrived (the latest arrival of its service).

    `specials` are the other waiting entries of its service that are not plain
    (preferential or with an appointment); `plain_waiting` counts the plain ones,
    all of which arrived before the newcomer.
    """
    mine = _sort_key(newcomer, now, rules)
    ahead = sum(
        1 for e in specials if e.ticket_id != newcomer.ticket_id and _sort_key(e, now, rules) < mine
    )
    if mine[0] == _BY_ARRIVAL:
        ahead += plain_waiting  # every earlier plain arrival is ahead of a plain newcomer
    return ahead
