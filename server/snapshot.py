"""The whole live state a client starts from (WebSocket hello, GET /snapshot)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.server.day import day_status
from macturnos.server.db.models import Ticket
from macturnos.server.gate import day_opened
from macturnos.server.reads import (
    ACTIVE,
    module_views,
    ordered_waiting,
    queue_summaries,
    recent_calls,
    ticket_json,
)
from macturnos.server.runtime import CentreSetup
from macturnos.server.suspensions import suspensions_in_force
from macturnos.server.sync.state import sync_status


def snapshot(session: Session, setup: CentreSetup, now: datetime, seq: int) -> dict[str, Any]:
    """The whole live state a client starts from, as of event `seq`."""
    day = setup.day_of(now)
    active = session.scalars(select(Ticket).where(Ticket.day == day, Ticket.status.in_(ACTIVE)))
    return {
        "type": "snapshot",
        "seq": seq,
        "day": day.isoformat(),
        "now": now.isoformat(),
        "centre": {"code": setup.config.centre.code, "name": setup.config.centre.name},
        "opened": day_opened(session, day),
        "day_status": day_status(session, setup, day, now),
        "sync": sync_status(session, enabled=setup.config.pcm is not None, today=day),
        "queues": queue_summaries(session, setup, now),
        "waiting": [ticket_json(t, setup) for t in ordered_waiting(session, setup, day, now)],
        "active": [ticket_json(t, setup) for t in active],
        "modules": module_views(session, setup),
        "recent_calls": recent_calls(session, setup, day),
        # Entities and services whose issuing a supervisor suspended (staff only).
        "suspensions": suspensions_in_force(session, setup),
    }
