"""The complaints and compliments book: what is recorded, its states and its deadline.

A citizen (or the orientator on their behalf) records a complaint (reclamo), a
suggestion or a compliment (felicitación), linked to a ticket, entity, module and
advisor where known. It gets a number (LR-2026-000123) and a receipt; the
coordinator follows it to its answer. The law asks a complaint to be answered within
30 working days (Libro de Reclamaciones of the public administration); the deadline
counts Monday to Friday and skips the centre's holidays.

The person's identity (name, document, contact) is what the law requires for a
complaint, and it stays in the complaint's record: never in an event, a log or the
PCM sync (Ley 29733, `server.complaints`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from macturnos.domain.errors import DomainError
from macturnos.messages import N_

KINDS: dict[str, str] = {
    "reclamo": N_("Reclamo"),
    "sugerencia": N_("Sugerencia"),
    "felicitacion": N_("Felicitación"),
}
STATES: dict[str, str] = {
    "registered": N_("Registrado"),
    "in_progress": N_("En atención"),
    "answered": N_("Respondido"),
}
NEXT_STATES: dict[str, frozenset[str]] = {
    "registered": frozenset({"in_progress", "answered"}),
    "in_progress": frozenset({"answered"}),
    "answered": frozenset(),
}
ANSWER_WORKING_DAYS = 30
DOCUMENT_TYPES = frozenset({"DNI", "CE", "PASAPORTE", "OTRO"})
MAX_TEXT = 2000
MAX_NAME = 120
MAX_CONTACT = 120


@dataclass(frozen=True)
class Complainant:
    """Who files a complaint (required for a reclamo, optional otherwise)."""

    name: str
    document_type: str
    document_number: str
    contact: str


def check_entry(kind: object, text: object, who: Complainant | None) -> None:
    """An entry of the book, or DomainError COMPLAINT_INVALID naming what is wrong."""
    if not isinstance(kind, str) or kind not in KINDS:
        raise DomainError("COMPLAINT_INVALID", campo="kind")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        raise DomainError("COMPLAINT_INVALID", campo="text")
    if kind == "reclamo" and who is None:
        # The law requires a complaint to say who files it, to answer them.
        raise DomainError("COMPLAINT_INVALID", campo="complainant")
    if who is not None:
        if not who.name.strip() or len(who.name) > MAX_NAME:
            raise DomainError("COMPLAINT_INVALID", campo="name")
        if who.document_type not in DOCUMENT_TYPES:
            raise DomainError("COMPLAINT_INVALID", campo="document_type")
        number = who.document_number
        if not number.isascii() or not number.isalnum() or not 6 <= len(number) <= 20:
            raise DomainError("COMPLAINT_INVALID", campo="document_number")
        if who.document_type == "DNI" and not (number.isdigit() and len(number) == 8):
            raise DomainError("COMPLAINT_INVALID", campo="document_number")
        if not who.contact.strip() or len(who.contact) > MAX_CONTACT:
            raise DomainError("COMPLAINT_INVALID", campo="contact")


def move(state: str, to: str) -> str:
    """The next state, or DomainError COMPLAINT_STATE when the book does not go there."""
    if to not in NEXT_STATES.get(state, frozenset()):
        raise DomainError("COMPLAINT_STATE", estado=state, nuevo=to)
    return to


def answer_deadline(filed: date, holidays: Collection[date] = ()) -> date:
    """The day the answer is due: 30 working days after filing (Mon-Fri, no holidays)."""
    day, left = filed, ANSWER_WORKING_DAYS
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


def complaint_number(year: int, seq: int) -> str:
    """The book's number of an entry: LR-2026-000123."""
    return f"LR-{year}-{seq:06d}"
