"""Appointments downloaded from the PCM and the citizen's check-in at the kiosk.

Privacy (Ley 29733): the DNI arrives from the PCM only because check-in needs it;
it is turned at once into a keyed HMAC and never stored, logged, put in an event
or echoed in an error. The key derives from the centre's secret kept outside the
database, so a copy of the database alone cannot be searched for a DNI.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from macturnos.server import ticketing
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.db.models import Ticket
from macturnos.server.db.sync_models import Appointment
from macturnos.server.errors import ApiError
from macturnos.server.events import append_event

log = logging.getLogger("macturnos.sync")

# ASCII digits only: \d also matches Arabic-Indic and fullwidth digits, and $ a
# trailing newline, so "١٢٣٤٥٦٧٨" passed as a DNI.
DNI_RE = re.compile(r"[0-9]{8}")
REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
STALE_CLAIM = timedelta(minutes=2)
"""A check-in that claimed an appointment but never got its ticket (a crash) is freed after this."""


def dni_digest(secret: bytes, dni: str) -> str:
    """The keyed HMAC-SHA256 under which an appointment's DNI is kept."""
    key = hmac.new(secret, b"macturnos/appointments/dni", hashlib.sha256).digest()
    return hmac.new(key, dni.encode(), hashlib.sha256).hexdigest()


def valid_dni(dni: str) -> bool:
    """Whether `dni` has the form of a Peruvian DNI (8 digits)."""
    return bool(DNI_RE.fullmatch(dni))


def _parse(row: Any) -> tuple[str, str, str, datetime] | None:
    """(ref, dni, service, at) of a downloaded row, or None when it is unusable."""
    if not isinstance(row, dict):
        return None
    ref, dni, service, at = row.get("ref"), row.get("dni"), row.get("service"), row.get("at")
    if not (isinstance(ref, str) and REF_RE.match(ref)):
        return None
    if not (isinstance(dni, str) and valid_dni(dni)):
        return None
    if not (isinstance(service, str) and 0 < len(service) <= 40 and isinstance(at, str)):
        return None
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    return ref, dni, service, when


def apply_appointments(ctx: ServerContext, day: date, rows: list[Any]) -> dict[str, int]:
    """Put the PCM's appointments of `day` in force at once; returns the counts.

    Appointments the PCM no longer lists are removed unless already checked in;
    appointments of past days are deleted (they are personal data no longer needed).
    """
    parsed = {}
    skipped = 0
    for row in rows:
        item = _parse(row)
        if item is None:
            skipped += 1
            continue
        parsed[item[0]] = item
    if skipped:
        # Only the count: a bad row may hold a DNI.
        log.warning("PCM sent %d unusable appointment rows for %s", skipped, day)
    counts = {"added": 0, "updated": 0, "removed": 0, "skipped": skipped}
    with ctx.db.write() as s:
        now = ctx.clock.now()
        s.execute(delete(Appointment).where(Appointment.day < day))
        existing = (
            {
                a.ref: a
                for a in s.scalars(select(Appointment).where(Appointment.ref.in_(list(parsed))))
            }
            if parsed
            else {}
        )
        for ref, (_r, dni, service, at) in parsed.items():
            digest = dni_digest(ctx.secret, dni)
            current = existing.get(ref)
            if current is None:
                s.add(
                    Appointment(
                        ref=ref,
                        day=day,
                        at=at,
                        service_code=service,
                        dni_digest=digest,
                        received_at=now,
                    )
                )
                counts["added"] += 1
            elif current.checked_in_at is None and (
                current.day,
                current.at,
                current.service_code,
                current.dni_digest,
            ) != (day, at, service, digest):
                current.day, current.at = day, at
                current.service_code, current.dni_digest = service, digest
                counts["updated"] += 1
        for gone in s.scalars(
            select(Appointment).where(
                Appointment.day == day,
                Appointment.checked_in_at.is_(None),
                Appointment.ref.not_in(list(parsed)),
            )
        ):
            s.delete(gone)
            counts["removed"] += 1
        if counts["added"] or counts["updated"] or counts["removed"]:
            append_event(
                s,
                kind="appointments.updated",
                actor="system:pcm-sync",
                at=now,
                day=ctx.runtime.view.day_of(now),
                data={"day": day.isoformat(), **counts},
            )
    return counts


def _find(
    s: Session, ctx: ServerContext, day: date, dni: str | None, code: str | None
) -> list[Appointment]:
    stmt = select(Appointment).where(Appointment.day == day)
    if code is not None:
        stmt = stmt.where(Appointment.ref == code)
    else:
        assert dni is not None
        stmt = stmt.where(Appointment.dni_digest == dni_digest(ctx.secret, dni))
    return list(s.scalars(stmt.order_by(Appointment.at)))


def check_in(
    ctx: ServerContext, actor: Actor, *, dni: str | None = None, code: str | None = None
) -> dict[str, Any]:
    """Issue the ticket of today's appointment found by DNI or booking code.

    The appointment is claimed in one transaction and the ticket issued in the
    next (through `ticketing.issue_ticket`, with the appointment's time and
    reference), so a double tap never gives two tickets; a failed issue frees it.
    """
    if (dni is None) == (code is None):
        raise ApiError("INVALID_REQUEST", campo="dni")
    if dni is not None and not valid_dni(dni):
        raise ApiError("INVALID_REQUEST", campo="dni")
    if code is not None and not REF_RE.match(code):
        raise ApiError("APPOINTMENT_NOT_FOUND")
    with ctx.db.write() as s:
        now = ctx.clock.now()
        found = _find(s, ctx, ctx.runtime.view.day_of(now), dni, code)
        if not found:
            raise ApiError("APPOINTMENT_NOT_FOUND")
        free = [
            a
            for a in found
            if a.checked_in_at is None
            or (a.ticket_id is None and a.checked_in_at < now - STALE_CLAIM)
        ]
        if not free:
            ticket = s.get(Ticket, found[0].ticket_id) if found[0].ticket_id else None
            if ticket is None:  # being checked in right now by another tap
                raise ApiError("APPOINTMENT_ALREADY_CHECKED_IN")
            raise ApiError("APPOINTMENT_ALREADY_CHECKED_IN", turno=ticket.number)
        # The one closest to now: a citizen with two bookings today gets the due one.
        appt = min(free, key=lambda a: abs(a.at - now))
        appt.checked_in_at = now
        appt_id, at, ref, service = appt.id, appt.at, appt.ref, appt.service_code
    try:
        result = ticketing.issue_ticket(
            ctx,
            actor,
            service=service,
            appointment_at=at,
            appointment_ref=ref,
            channel="kiosk" if actor.role is Role.KIOSK else "reception",
        )
    except BaseException:
        with ctx.db.write() as s:
            claimed = s.get(Appointment, appt_id)
            if claimed is not None and claimed.ticket_id is None:
                claimed.checked_in_at = None
        raise
    with ctx.db.write() as s:
        claimed = s.get(Appointment, appt_id)
        if claimed is not None:
            claimed.ticket_id = result["ticket"]["id"]
    return result


def appointments_on(session: Session, day: date) -> int:
    """How many appointments of `day` are loaded (for the opening checklist)."""
    return (
        session.scalar(select(func.count()).select_from(Appointment).where(Appointment.day == day))
        or 0
    )
