"""Appointments downloaded from the PCM and the citizen's check-in at the kiosk.

Privacy (Ley 29733): the DNI arrives from the PCM only because check-in needs it;
it is turned at once into a slow keyed hash (scrypt) and never stored, logged, put
in an event or echoed in an error. The key is the centre's own DNI key (not the
ticket-signing key), which an installation keeps outside the data folder, so a copy
of the data folder or the database alone cannot be searched for a DNI
(docs/security.md).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from datetime import date, datetime, timedelta
from pathlib import Path
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


DNI_KEY_FILE = "appointment-dni.key"
"""The DNI hashing key's default file (in the data folder; MACTURNOS_DNI_KEY_FILE moves it)."""

# scrypt's cost: about 20-40 ms and 8 MB a hash on a small server. A check-in hashes
# one DNI and a day's download a few hundred; someone holding the key as well as a copy
# of the database must spend about 10^8 of them (weeks of a core) to search the DNIs.
_SCRYPT = {"n": 2**13, "r": 8, "p": 1, "dklen": 32, "maxmem": 64 * 1024 * 1024}


def dni_digest(key: bytes, dni: str) -> str:
    """The slow keyed hash (scrypt, the centre's DNI key as salt) under which a DNI is kept.

    The key is not the ticket-signing key; kept outside the data folder
    (MACTURNOS_DNI_KEY_FILE, docs/security.md) a copied data folder or database
    gives no way to test a DNI guess, and even with the key each guess is slow.
    """
    salt = hmac.new(key, b"macturnos/appointments/dni", hashlib.sha256).digest()
    return hashlib.scrypt(dni.encode(), salt=salt, **_SCRYPT).hex()


def load_dni_key(path: Path) -> bytes:
    """The centre's DNI hashing key, created on first use with mode 0600 (tightened if looser)."""
    if path.exists():
        if path.stat().st_mode & 0o077:
            log.warning("%s was readable by others: mode set to 0600", path)
            path.chmod(0o600)
        return bytes.fromhex(path.read_text(encoding="utf-8").strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(key.hex())
    return key


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


class DigestCache:
    """The slow digests of the DNIs already downloaded, kept in memory between downloads.

    A download repeats most of the day's rows every minute; hashing each DNI again
    would spend seconds of CPU for nothing. The cache is keyed by a fast keyed HMAC
    (never the DNI itself), lives only in the sync's memory and is bounded.
    """

    def __init__(self, key: bytes, limit: int = 20_000) -> None:
        self._key = key
        self._limit = limit
        self._digests: dict[bytes, str] = {}

    def digest(self, dni: str) -> str:
        """`dni_digest(key, dni)`, computed once per DNI."""
        fast = hmac.new(self._key, dni.encode(), hashlib.sha256).digest()
        found = self._digests.get(fast)
        if found is None:
            if len(self._digests) >= self._limit:
                self._digests.clear()
            found = self._digests[fast] = dni_digest(self._key, dni)
        return found


APPLY_BATCH = 200
"""Appointments written per transaction: the write lock is let go between batches."""

_Row = tuple[str, str, datetime, str]
"""A usable downloaded row, ready to write: (ref, service, at, DNI digest)."""


def usable_rows(rows: list[Any]) -> tuple[dict[str, tuple[str, str, str, datetime]], int]:
    """The downloaded rows that can be used, by reference, and how many could not."""
    parsed = {}
    skipped = 0
    for row in rows:
        item = _parse(row)
        if item is None:
            skipped += 1
            continue
        parsed[item[0]] = item
    return parsed, skipped


def apply_appointments(
    ctx: ServerContext, day: date, rows: list[Any], digests: DigestCache | None = None
) -> dict[str, int]:
    """Put the PCM's appointments of `day` in force; returns the counts.

    Appointments the PCM no longer lists are removed unless already checked in,
    but only when every row of the download was usable: a row that cannot be read
    may be one of them, so an unusable download never reads as a cancellation
    (issue 16, item 9); `skipped` says how many were unusable. Appointments of
    past days are deleted (personal data no longer needed).

    Attention never waits for a download (item 10): the DNIs are hashed before
    any write, and the rows are written `APPLY_BATCH` at a time, each batch its
    own short transaction, so a kiosk's ticket gets the write lock in between.
    """
    parsed, skipped = usable_rows(rows)
    if skipped:
        # Only the count: a bad row may hold a DNI.
        log.warning("PCM sent %d unusable appointment rows for %s", skipped, day)
    cache = digests or DigestCache(ctx.dni_key)
    ready: list[_Row] = [
        (ref, service, at, cache.digest(dni)) for ref, dni, service, at in parsed.values()
    ]
    counts = {"added": 0, "updated": 0, "removed": 0, "skipped": skipped}
    for start in range(0, len(ready), APPLY_BATCH):
        added, updated = apply_batch(ctx, day, ready[start : start + APPLY_BATCH])
        counts["added"] += added
        counts["updated"] += updated
    with ctx.db.write() as s:
        now = ctx.clock.now()
        s.execute(delete(Appointment).where(Appointment.day < day))
        if not skipped:
            listed = set(parsed)
            for gone in s.scalars(
                select(Appointment).where(
                    Appointment.day == day, Appointment.checked_in_at.is_(None)
                )
            ):
                if gone.ref not in listed:
                    s.delete(gone)
                    counts["removed"] += 1
        if counts["added"] or counts["updated"] or counts["removed"]:
            append_event(
                s,
                kind="appointments.updated",
                actor="system:pcm-sync",
                at=now,
                day=ctx.runtime.setup.day_of(now),
                data={"day": day.isoformat(), **counts},
            )
    return counts


def apply_batch(ctx: ServerContext, day: date, batch: list[_Row]) -> tuple[int, int]:
    """Add or update one batch of appointments in one short transaction; (added, updated)."""
    added = updated = 0
    with ctx.db.write() as s:
        now = ctx.clock.now()
        existing = {
            a.ref: a
            for a in s.scalars(
                select(Appointment).where(Appointment.ref.in_([row[0] for row in batch]))
            )
        }
        for ref, service, at, digest in batch:
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
                added += 1
            elif current.checked_in_at is None and (
                current.day,
                current.at,
                current.service_code,
                current.dni_digest,
            ) != (day, at, service, digest):
                current.day, current.at = day, at
                current.service_code, current.dni_digest = service, digest
                updated += 1
    return added, updated


def _find(
    s: Session, ctx: ServerContext, day: date, dni: str | None, code: str | None
) -> list[Appointment]:
    stmt = select(Appointment).where(Appointment.day == day)
    if code is not None:
        stmt = stmt.where(Appointment.ref == code)
    else:
        assert dni is not None
        stmt = stmt.where(Appointment.dni_digest == dni_digest(ctx.dni_key, dni))
    return list(s.scalars(stmt.order_by(Appointment.at)))


def booked(ctx: ServerContext, ref: str, service: str) -> bool:
    """Whether `ref` is a booking of today for `service` (POST /tickets with an appointment)."""
    if not REF_RE.match(ref):
        return False
    with ctx.db.read() as s:
        found = _find(s, ctx, ctx.runtime.setup.day_of(ctx.clock.now()), None, ref)
    return any(a.service_code == service for a in found)


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
        found = _find(s, ctx, ctx.runtime.setup.day_of(now), dni, code)
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
