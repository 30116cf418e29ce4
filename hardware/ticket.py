"""Types shared by every ticket printer: the ticket's content, status and errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class TicketContent:
    """Everything printed on one citizen's ticket (no personal data: no DNI, no name)."""

    centre_name: str
    entity_name: str
    service_name: str
    number: str
    """The ticket number as called, e.g. "R-023"."""
    issued_at: datetime
    """Aware local time of issue."""
    people_ahead: int
    estimated_wait_min: int | None
    """None prints "Tiempo de espera: por confirmar"."""
    qr_payload: str
    """The signed ticket code (see macturnos.domain.ticket_code), printed as a QR code."""
    preferential: str | None = None
    """Spanish name of the preferential category, e.g. "Adulto mayor"."""
    appointment: str | None = None
    """Local time of the appointment, "HH:MM" (printed "Con cita: 10:30")."""
    logo_path: str | None = None
    location: str | None = None
    """Where the service is attended, as the centre file names it, e.g. "Planta 1 - Ala A"."""
    language: str = "es"
    """The citizen's language (es, qu, en): the ticket speaks it, with Spanish beside it
    where the paper has room (see `macturnos.hardware.ticket_wording`)."""
    estimated_wait_range: tuple[int, int] | None = None
    """(low, high) minutes when the wait is uncertain: printed "entre 15 y 25 min"."""
    call_at: str | None = None
    """Local time "HH:MM" a module is expected to call an appointment: "cerca de las 12:33"."""

    def __post_init__(self) -> None:
        """Reject tickets the kiosk should never try to print."""
        if self.issued_at.tzinfo is None:
            raise ValueError("issued_at must be timezone-aware")
        if self.people_ahead < 0:
            raise ValueError("people_ahead must not be negative")
        if self.estimated_wait_min is not None and self.estimated_wait_min < 0:
            raise ValueError("estimated_wait_min must not be negative")
        if self.estimated_wait_range is not None:
            low, high = self.estimated_wait_range
            if not 0 <= low <= high:
                raise ValueError("estimated_wait_range must be 0 <= low <= high")
        if not self.number.strip():
            raise ValueError("number must not be empty")
        if not self.qr_payload or not self.qr_payload.isascii():
            raise ValueError("qr_payload must be a non-empty ASCII string")


class PaperState(StrEnum):
    """What the paper sensors report."""

    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PrinterStatus:
    """One reading of a printer's state; None means the printer did not tell."""

    online: bool | None
    paper: PaperState
    cover_open: bool | None
    checked_at: datetime
    reason: str
    """Spanish, for the staff."""

    @property
    def ready(self) -> bool:
        """True only when the printer is known online, has paper and its cover is closed."""
        return (
            self.online is True
            and self.paper in (PaperState.OK, PaperState.NEAR_END)
            and self.cover_open is False
        )


class PrinterError(Exception):
    """A ticket could not be printed, or a printer could not be reached."""

    def __init__(self, reason: str) -> None:
        """Keep the Spanish reason for the kiosk and the staff."""
        super().__init__(reason)
        self.reason = reason


@runtime_checkable
class TicketPrinter(Protocol):
    """A ticket printer as the kiosk and the opening checklist see it."""

    def print_ticket(self, ticket: TicketContent) -> None:
        """Print one ticket; return only once the printer accepted it, else raise PrinterError."""
        ...

    def status(self) -> PrinterStatus:
        """Read the printer's state within its timeout (blocking: call off the UI thread)."""
        ...
