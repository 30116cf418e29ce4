"""Tickets as the reports read them: one fact per ticket, folded from its events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from sys import intern
from typing import Any

from macturnos.domain.tickets import TicketStatus
from macturnos.reports.events import EventRecord, parse_time, username_of

APPOINTMENT = "appointment"
"""The channel of a ticket issued for an appointment (whatever desk issued it)."""
TRANSFER = "transfer"
"""The channel of a ticket a transfer created (it continues a visit)."""

Targets = Callable[[str, str], int | None]
"""The wait target in minutes of a (service, entity); None without a target."""


@dataclass(frozen=True, slots=True)
class TicketFact:
    """What the reports know of one ticket: its last state and who attended it."""

    id: int
    day: date
    entity: str
    service: str
    status: TicketStatus
    channel: str
    """kiosk, reception, appointment or transfer."""
    issued_at: datetime
    called_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None
    preferential: str | None = None
    appointment_at: datetime | None = None
    origin_ticket_id: int | None = None
    module: int | None = None
    advisor: str | None = None
    """The username of the advisor who last called it."""
    target_wait_min: int | None = None
    rating: int | None = None
    """The citizen's rating of the attention (1-5, `survey.rated`), if given."""


_STATUS = {s.value: s for s in TicketStatus}


def _interned(value: str | None) -> str | None:
    return None if value is None else intern(value)


def ticket_fact(
    ticket: Mapping[str, Any],
    target_wait_min: int | None,
    advisor: str | None = None,
    rating: int | None = None,
) -> TicketFact:
    """A fact from a ticket's JSON (`server.reads.ticket_json`, as events carry it)."""
    issued_at = parse_time(ticket["issued_at"])
    assert issued_at is not None
    appointment_at = parse_time(ticket.get("appointment_at"))
    channel = APPOINTMENT if appointment_at is not None else str(ticket.get("channel") or "")
    return TicketFact(
        id=int(ticket["id"]),
        day=date.fromisoformat(ticket["day"]),
        # Interned: a month holds tens of thousands of facts naming a few dozen codes.
        entity=intern(str(ticket["entity"])),
        service=intern(str(ticket["service"])),
        status=_STATUS[ticket["status"]],
        channel=intern(channel),
        issued_at=issued_at,
        called_at=parse_time(ticket.get("called_at")),
        started_at=parse_time(ticket.get("started_at")),
        ended_at=parse_time(ticket.get("ended_at")),
        end_reason=ticket.get("end_reason"),
        preferential=_interned(ticket.get("preferential")),
        appointment_at=appointment_at,
        origin_ticket_id=ticket.get("origin_ticket_id"),
        module=ticket.get("module"),
        advisor=_interned(advisor),
        target_wait_min=target_wait_min,
        rating=rating,
    )


TICKET_FIELDS = (
    "day",
    "entity",
    "service",
    "status",
    "channel",
    "issued_at",
    "called_at",
    "started_at",
    "ended_at",
    "end_reason",
    "preferential",
    "appointment_at",
    "origin_ticket_id",
    "module",
)
"""The keys of a ticket's JSON a fact reads (besides `id`): a store may project only these."""

# A call names the advisor; a return to the queue or a reactivation takes it back.
CALL_KINDS = frozenset({"ticket.called", "ticket.returned", "ticket.reactivated"})
"""The events that say who attended a ticket (`advisors_of`)."""


def caller(ev: EventRecord) -> str | None:
    """The advisor of a call: the module's advisor as the event shows it, else the actor."""
    module = ev.data.get("module")
    if isinstance(module, Mapping) and module.get("advisor_username"):
        return str(module["advisor_username"])
    return username_of(ev.actor)


def advisors_of(events: Iterable[EventRecord]) -> dict[int, str | None]:
    """Who attended each ticket: the advisor of its last call, None once it went back.

    `events` in log order; only `CALL_KINDS` matter.
    """
    advisor: dict[int, str | None] = {}
    for ev in events:
        if ev.ticket_id is None or ev.kind not in CALL_KINDS:
            continue
        advisor[ev.ticket_id] = caller(ev) if ev.kind == "ticket.called" else None
    return advisor


RATED = "survey.rated"
"""The event of a citizen's rating; its `score` is the rating (`ratings_of`)."""


def ratings_of(events: Iterable[EventRecord]) -> dict[int, int]:
    """Ticket id -> its rating, from the `survey.rated` events (one per ticket)."""
    return {
        int(ev.ticket_id): int(ev.data["score"])
        for ev in events
        if ev.kind == RATED and ev.ticket_id is not None and "score" in ev.data
    }


def facts_of(
    tickets: Iterable[Mapping[str, Any]],
    advisors: Mapping[int, str | None],
    targets: Targets,
    ratings: Mapping[int, int] | None = None,
) -> list[TicketFact]:
    """Facts from the tickets' last JSON, who attended them and their ratings, by id."""
    rated = ratings or {}
    return sorted(
        (
            ticket_fact(
                t,
                targets(str(t["service"]), str(t["entity"])),
                advisors.get(int(t["id"])),
                rated.get(int(t["id"])),
            )
            for t in tickets
        ),
        key=lambda f: f.id,
    )


def fold_tickets(events: Iterable[EventRecord], targets: Targets) -> list[TicketFact]:
    """Every ticket the events describe, in its state after the last of them (by id).

    Each ticket event carries the ticket's whole JSON as committed, so the last
    one is the ticket's state; the call events say who attended it.
    """
    ordered = sorted(events, key=lambda e: e.seq)
    last: dict[int, Mapping[str, Any]] = {}
    for ev in ordered:
        ticket = ev.data.get("ticket")
        if isinstance(ticket, Mapping) and "id" in ticket:
            last[int(ticket["id"])] = ticket
    return facts_of(last.values(), advisors_of(ordered), targets, ratings_of(ordered))
