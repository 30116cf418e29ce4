"""The sync's persistent state: the upload cursor, last success and last error."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from macturnos.server.db.sync_models import Appointment, CatalogueOffer, SyncState
from macturnos.server.events import last_seq

UPLOAD = "upload"
DOWNLOAD = "download"


def state_row(session: Session, channel: str) -> SyncState:
    """The state row of a channel, created on first use."""
    row = session.get(SyncState, channel)
    if row is None:
        row = SyncState(channel=channel, cursor=0)
        session.add(row)
    return row


def upload_cursor(session: Session) -> int:
    """The highest sequence number the PCM acknowledged (0 before the first upload)."""
    row = session.get(SyncState, UPLOAD)
    return row.cursor if row is not None else 0


def record_success(session: Session, channel: str, now: datetime) -> bool:
    """Mark a successful round (clears the error); True when this ends a failure.

    With `record_failure`'s answer it makes the one pair of transitions the log
    reports ("failing", then "recovered"), read from the same row.
    """
    row = state_row(session, channel)
    recovered = row.failing_since is not None
    row.last_attempt_at = now
    row.last_success_at = now
    row.failing_since = None
    row.last_error = None
    return recovered


def record_failure(session: Session, channel: str, now: datetime, reason: str) -> bool:
    """Mark a failed round; True when this starts a failure (it was fine before)."""
    row = state_row(session, channel)
    started = row.failing_since is None
    row.last_attempt_at = now
    row.last_error = reason
    if started:
        row.failing_since = now
    return started


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _channel_json(row: SyncState | None) -> dict[str, Any]:
    return {
        "last_attempt_at": _iso(row.last_attempt_at) if row else None,
        "last_success_at": _iso(row.last_success_at) if row else None,
        "failing_since": _iso(row.failing_since) if row else None,
        "last_error": row.last_error if row else None,
    }


def sync_status(session: Session, *, enabled: bool, today: Any = None) -> dict[str, Any]:
    """What the supervisor's monitor shows: last successful sync, backlog and last error."""
    up = session.get(SyncState, UPLOAD)
    down = session.get(SyncState, DOWNLOAD)
    cursor = up.cursor if up is not None else 0
    last = last_seq(session)
    pending = session.scalar(
        select(func.count()).select_from(CatalogueOffer).where(CatalogueOffer.status == "pending")
    )
    appointments = None
    if today is not None:
        appointments = session.scalar(
            select(func.count()).select_from(Appointment).where(Appointment.day == today)
        )
    return {
        "enabled": enabled,
        "last_success_at": _iso(up.last_success_at) if up else None,
        "backlog": max(0, last - cursor),
        "last_error": (up.last_error if up else None) or (down.last_error if down else None),
        "upload": {"cursor": cursor, "last_seq": last, **_channel_json(up)},
        "download": {
            "catalogue_version": down.version if down else None,
            "appointments_today": appointments,
            **_channel_json(down),
        },
        "pending_offer": bool(pending),
    }
