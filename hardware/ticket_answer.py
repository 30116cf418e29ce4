"""A ticket to print from the server's answer to an issue or check-in (kiosk and reception).

One place builds the paper ticket from the answer's JSON, so the kiosk's and the
reception desk's tickets say the same things: the citizen's language, where to go,
the wait as a range or a call time, and a QR that a phone opens (the ticket's
follow-your-turn page) and the staff's scanner verifies. No personal data is in the
answer, so none is on the paper.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from macturnos.domain.ticket_code import follow_path
from macturnos.hardware.ticket import TicketContent


def _local(value: str | None, tz: ZoneInfo) -> datetime:
    when = datetime.fromisoformat(value) if value else datetime.now(tz)
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)
    return when.astimezone(tz)


def qr_payload(code: str, public_url: str | None, language: str = "es") -> str:
    """What a ticket's QR holds: its follow-your-turn address, or the bare signed code."""
    if not public_url:
        return code
    return public_url.rstrip("/") + follow_path(code, language)


def ticket_from_answer(
    answer: dict[str, Any],
    *,
    centre_name: str,
    tz: ZoneInfo,
    preferential_name: str | None = None,
    logo_path: str | None = None,
    language: str = "es",
    public_url: str | None = None,
) -> TicketContent:
    """The printed ticket of an issue or check-in answer (no personal data in either).

    `language` is the citizen's on the kiosk: the ticket is printed in it. With the
    server's `public_url` the QR holds the address of the ticket's page (a phone opens
    it; the staff's scanner still reads the code in it), else the signed code alone.
    """
    t = answer["ticket"]
    appointment = None
    if t.get("appointment_at"):
        appointment = f"{_local(t['appointment_at'], tz):%H:%M}"
    low, high = answer.get("estimated_wait_low_min"), answer.get("estimated_wait_high_min")
    call_at = answer.get("estimated_call_at")
    return TicketContent(
        centre_name=centre_name,
        entity_name=t.get("entity_name") or t.get("entity") or "",
        service_name=t.get("service_name") or t.get("service") or "",
        number=t["number"],
        issued_at=_local(t.get("issued_at"), tz),
        people_ahead=max(0, int(answer.get("people_ahead") or 0)),
        estimated_wait_min=answer.get("estimated_wait_min"),
        qr_payload=qr_payload(answer["code"], public_url, language),
        preferential=preferential_name,
        appointment=appointment,
        logo_path=logo_path,
        location=t.get("location") or None,
        language=language,
        estimated_wait_range=(int(low), int(high))
        if low is not None and high is not None
        else None,
        call_at=f"{_local(call_at, tz):%H:%M}" if call_at else None,
    )
