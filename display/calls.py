"""One call of a ticket to a module, as the call screen shows and announces it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Call:
    """One call (or recall) of a ticket to a module, as the screen shows it."""

    ticket_id: int
    number: str
    module: int
    entity_name: str
    service_name: str
    colour: str
    at: datetime
    recall: bool = False
    seq: int | None = None
    announce: bool = True
    location: str | None = None
    """Where the module is, as the centre file names its zone ("Planta 1 - Ala A")."""
    origin_number: str | None = None
    """A transferred ticket: the number on the citizen's paper, shown beside the new one."""
    called_at: str | None = field(default=None, compare=False)
    queued: float | None = field(default=None, compare=False)
    """When (monotonic) the call joined this screen's queue: its wait there is not its age."""

    @classmethod
    def from_ticket(
        cls,
        ticket: dict[str, Any],
        *,
        at: datetime | None = None,
        recall: bool = False,
        seq: int | None = None,
        module: int | None = None,
    ) -> Call:
        """A call from a ticket's JSON view (an event's `data.ticket` or a recent call)."""
        called_at = ticket.get("called_at")
        when = at or (
            datetime.fromisoformat(called_at) if called_at else datetime.now().astimezone()
        )
        return cls(
            ticket_id=int(ticket["id"]),
            number=str(ticket["number"]),
            module=int(module if module is not None else ticket["module"]),
            entity_name=str(ticket.get("entity_name") or ticket.get("entity") or ""),
            service_name=str(ticket.get("service_name") or ""),
            colour=str(ticket.get("colour") or "#444444"),
            at=when,
            recall=recall,
            seq=seq,
            location=str(ticket["location"]) if ticket.get("location") else None,
            origin_number=str(ticket["origin_number"]) if ticket.get("origin_number") else None,
            called_at=called_at,
        )

    @property
    def shown(self) -> str:
        """The number as the screen writes it: "BN-001 (R-002)" for a transferred citizen,
        who holds only the first number on paper."""
        return f"{self.number} ({self.origin_number})" if self.origin_number else self.number
