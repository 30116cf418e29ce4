"""Rows and JSON shared by the day's jobs: the day's row, an incident's JSON, timestamps."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from macturnos.messages import check_result_name
from macturnos.server.db.day_models import DayIncident
from macturnos.server.db.models import CentreDay


def day_row(s: Session, day: date) -> CentreDay:
    """The centre's row for `day`, created (and flushed) on first use."""
    row = s.get(CentreDay, day)
    if row is None:
        row = CentreDay(day=day)
        s.add(row)
        s.flush()
    return row


def incident_json(i: DayIncident) -> dict[str, Any]:
    """An incident as the API, the events and the summary show it."""
    return {
        "id": i.id,
        "day": i.day.isoformat(),
        "run_id": i.run_id,
        "item": i.item_code,
        "label": i.label,
        "result": i.result,
        "result_name": check_result_name(i.result),
        "note": i.note,
        "recorded_at": i.recorded_at.isoformat(),
        "recorded_by": i.recorded_by,
    }


def iso(value: datetime | None) -> str | None:
    """`value` in ISO 8601, or None."""
    return value.isoformat() if value is not None else None
