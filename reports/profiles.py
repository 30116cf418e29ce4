"""The hourly profile, appointments against walk-ins, and visits (transfer chains)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import tzinfo

from macturnos.reports.facts import TicketFact
from macturnos.reports.figures import Outcome, Stats, is_arrival, outcome, stats, wait_s


@dataclass(frozen=True)
class HourFigures:
    """One local hour of the day: citizens who arrived and attentions that ended."""

    hour: int
    arrivals: int
    served: int


def hourly_profile(facts: Iterable[TicketFact], tz: tzinfo) -> list[HourFigures]:
    """Arrivals (by issue) and served (by end) per local hour, for hours with either."""
    arrivals: dict[int, int] = {}
    served: dict[int, int] = {}
    for f in facts:
        if is_arrival(f):
            h = f.issued_at.astimezone(tz).hour
            arrivals[h] = arrivals.get(h, 0) + 1
        if outcome(f) is Outcome.SERVED and f.ended_at is not None:
            h = f.ended_at.astimezone(tz).hour
            served[h] = served.get(h, 0) + 1
    hours = sorted(set(arrivals) | set(served))
    return [HourFigures(h, arrivals.get(h, 0), served.get(h, 0)) for h in hours]


@dataclass(frozen=True)
class AppointmentFigures:
    """Appointments: punctuality, and their waits beside the walk-ins'."""

    appointments: int
    served: int
    no_shows: int
    early_or_on_time: int
    """Arrived (ticket issued) no later than the appointment's time."""
    late: int
    offset: Stats
    """Arrival minus appointment time in seconds (negative: early)."""
    appointment_wait: Stats
    walk_in_wait: Stats
    """Waits of the served tickets issued without appointment (transfers aside)."""


def appointment_figures(facts: Sequence[TicketFact]) -> AppointmentFigures:
    """The `AppointmentFigures` of some tickets."""
    booked = [f for f in facts if f.appointment_at is not None]
    offsets = [
        (f.issued_at - f.appointment_at).total_seconds()
        for f in booked
        if f.appointment_at is not None
    ]
    walk_ins = [f for f in facts if f.appointment_at is None and is_arrival(f)]
    return AppointmentFigures(
        appointments=len(booked),
        served=sum(1 for f in booked if outcome(f) is Outcome.SERVED),
        no_shows=sum(1 for f in booked if outcome(f) is Outcome.NO_SHOW),
        early_or_on_time=sum(1 for o in offsets if o <= 0),
        late=sum(1 for o in offsets if o > 0),
        offset=stats(offsets),
        appointment_wait=stats(w for f in booked if (w := wait_s(f)) is not None),
        walk_in_wait=stats(w for f in walk_ins if (w := wait_s(f)) is not None),
    )


@dataclass(frozen=True)
class VisitFigures:
    """Citizens' visits: a ticket and the tickets its transfers created."""

    visits: int
    transferred_visits: int
    """Visits that went on to another service."""
    entities_per_visit_mean: float | None
    entities_per_visit_max: int | None


def visit_figures(facts: Iterable[TicketFact]) -> VisitFigures:
    """The visits among some tickets (a chain missing its first ticket starts at its oldest)."""
    by_id = {f.id: f for f in facts}
    entities: dict[int, set[str]] = {}
    tickets: dict[int, int] = {}
    for f in by_id.values():
        root = f
        while root.origin_ticket_id is not None and root.origin_ticket_id in by_id:
            root = by_id[root.origin_ticket_id]
        entities.setdefault(root.id, set()).add(f.entity)
        tickets[root.id] = tickets.get(root.id, 0) + 1
    counts = [len(e) for e in entities.values()]
    return VisitFigures(
        visits=len(entities),
        transferred_visits=sum(1 for n in tickets.values() if n > 1),
        entities_per_visit_mean=sum(counts) / len(counts) if counts else None,
        entities_per_visit_max=max(counts) if counts else None,
    )
