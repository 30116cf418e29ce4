"""The state of a service day: not verified, blocked, open (with incidents), sealed.

Read by the supervisor's day tab, the kiosks (through the snapshot) and the PCM.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.errors import DomainError
from macturnos.domain.hours import DayHours, format_clock
from macturnos.domain.opening import closing_phase, closing_warning_at
from macturnos.messages import day_state_name
from macturnos.server.context import ServerContext
from macturnos.server.day.records import incident_json, iso
from macturnos.server.db.day_models import ChecklistRun, DayIncident
from macturnos.server.db.models import CentreDay
from macturnos.server.gate import blocking_reasons, run_json
from macturnos.server.runtime import CentreSetup


def _runs(s: Session, day: date) -> list[ChecklistRun]:
    return list(
        s.scalars(select(ChecklistRun).where(ChecklistRun.day == day).order_by(ChecklistRun.id))
    )


def _state(
    row: CentreDay | None, has_incidents: bool, reasons: list[str] | None, hours: DayHours | None
) -> str:
    if row is not None and row.sealed_at is not None:
        return "sealed"
    if row is not None and row.opened_at is not None:
        return "open_with_incidents" if has_incidents else "open"
    if reasons is not None:
        return "blocked"
    if hours is None:
        return "closed_today"
    return "not_verified"


def day_status(s: Session, setup: CentreSetup, day: date, now: datetime) -> dict[str, Any]:
    """The state of a service day: opened, blocked with reasons, incidents, sealed."""
    row = s.get(CentreDay, day)
    hours = setup.hours_on(day)
    holiday = setup.config.holiday(day)
    incidents = list(
        s.scalars(select(DayIncident).where(DayIncident.day == day).order_by(DayIncident.id))
    )
    reasons = blocking_reasons(s, day)
    state = _state(row, bool(incidents), reasons, hours)
    warning = setup.config.rules.closing_warning_min
    phase = closing_phase(day, setup.local(now), hours, warning)
    if state == "blocked":
        message = DomainError("CENTRE_BLOCKED", motivos="; ".join(reasons or [])).message
    else:
        message = day_state_name(state)
    return {
        "day": day.isoformat(),
        "state": state,
        "state_name": day_state_name(state),
        "message": message,
        "opened": state in ("open", "open_with_incidents"),
        "hours": None
        if hours is None
        else {"opens": format_clock(hours.opens), "closes": format_clock(hours.closes)},
        "holiday": holiday.name if holiday is not None else None,
        "phase": phase.value,
        "closing_warning_at": None
        if hours is None
        else format_clock(closing_warning_at(hours, warning)),
        "opened_at": iso(row.opened_at) if row else None,
        "opened_by": row.opened_by if row else None,
        "sealed_at": iso(row.sealed_at) if row else None,
        "blocking_reasons": reasons or [],
        "incidents": [incident_json(i) for i in incidents],
        "runs": [run_json(s, r) for r in _runs(s, day)],
    }


def get_day_status(ctx: ServerContext, day: date | None = None) -> dict[str, Any]:
    """`day_status` of `day` (today by default)."""
    setup = ctx.runtime.setup
    now = ctx.clock.now()
    with ctx.db.read() as s:
        return day_status(s, setup, day or setup.day_of(now), now)
