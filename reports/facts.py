"""Tickets as the reports read them: one fact per ticket, folded from its events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from macturnos.domain.tickets import TicketStatus
from macturnos.reports.events import EventRecord, parse_time, username_of

APPOINTMENT = "appointment"
"""The channel of a ticket issued for an appointment (whatever desk issued it)."""
TRANSFER = "transfer"
"""The channel of a ticket a transfer created (it continues a visit)."""

Targets = Callable[[str, str], int | None]
"""The wait target in minutes of a (service, entity); None without a target."""


@dataclass(frozen=True)
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


def ticket_fact(
    ticket: Mapping[str, Any], target_wait_min: int | None, advisor: str | None = None
) -> TicketFact:
    """A fact from a ticket's JSON (`server.reads.ticket_json`, as events carry it)."""
    issued_at = parse_time(ticket["issued_at"])
    assert issued_at is not None
    appointment_at = parse_time(ticket.get("appointment_at"))
    channel = APPOINTMENT if appointment_at is not None else str(ticket.get("channel") or "")
    return TicketFact(
        id=int(ticket["id"]),
        day=date.fromisoformat(ticket["day"]),
        entity=str(ticket["entity"]),
        service=str(ticket["service"]),
        status=TicketStatus(ticket["status"]),
        channel=channel,
        issued_at=issued_at,
        called_at=parse_time(ticket.get("called_at")),
        started_at=parse_time(ticket.get("started_at")),
        ended_at=parse_time(ticket.get("ended_at")),
        end_reason=ticket.get("end_reason"),
        preferential=ticket.get("preferential"),
        appointment_at=appointment_at,
        origin_ticket_id=ticket.get("origin_ticket_id"),
        module=ticket.get("module"),
        advisor=advisor,
        target_wait_min=target_wait_min,
    )


# A call names the advisor; a return to the queue or a reactivation takes it back.
_UNCALLED = frozenset({"ticket.returned", "ticket.reactivated"})


def _caller(ev: EventRecord) -> str | None:
    module = ev.data.get("module")
    if isinstance(module, Mapping) and module.get("advisor_username"):
        return str(module["advisor_username"])
    return username_of(ev.actor)


def fold_tickets(events: Iterable[EventRecord], targets: Targets) -> list[TicketFact]:
    """Every ticket the events describe, in its state after the last of them (by id).

    Each ticket event carries the ticket's whole JSON as committed, so the last
    one is the ticket's state; the call events say who attended it.
    """
    last: dict[int, Mapping[str, Any]] = {}
    advisor: dict[int, str | None] = {}
    for ev in sorted(events, key=lambda e: e.seq):
        ticket = ev.data.get("ticket")
        if not isinstance(ticket, Mapping) or "id" not in ticket:
            continue
        tid = int(ticket["id"])
        last[tid] = ticket
        if ev.kind == "ticket.called":
            advisor[tid] = _caller(ev)
        elif ev.kind in _UNCALLED:
            advisor[tid] = None
    return [
        ticket_fact(t, targets(str(t["service"]), str(t["entity"])), advisor.get(tid))
        for tid, t in sorted(last.items())
    ]
