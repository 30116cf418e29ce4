"""The whole live state a client starts from (WebSocket hello, GET /snapshot)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.server.day import day_status
from macturnos.server.db.models import Ticket
from macturnos.server.gate import day_opened
from macturnos.server.runtime import CentreView
from macturnos.server.sync.state import sync_status
from macturnos.server.views import (
    ACTIVE,
    module_views,
    ordered_waiting,
    queue_summaries,
    recent_calls,
    ticket_view,
)


def snapshot(session: Session, view: CentreView, now: datetime, seq: int) -> dict[str, Any]:
    """The whole live state a client starts from, as of event `seq`."""
    day = view.day_of(now)
    active = session.scalars(select(Ticket).where(Ticket.day == day, Ticket.status.in_(ACTIVE)))
    return {
        "type": "snapshot",
        "seq": seq,
        "day": day.isoformat(),
        "now": now.isoformat(),
        "centre": {"code": view.config.centre.code, "name": view.config.centre.name},
        "opened": day_opened(session, day),
        "day_status": day_status(session, view, day, now),
        "sync": sync_status(session, enabled=view.config.pcm is not None, today=day),
        "queues": queue_summaries(session, view, now),
        "waiting": [ticket_view(t, view) for t in ordered_waiting(session, view, day, now)],
        "active": [ticket_view(t, view) for t in active],
        "modules": module_views(session, view),
        "recent_calls": recent_calls(session, view, day),
    }
