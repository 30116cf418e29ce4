"""The day summary: the day's figures per entity and service, provisional until the seal.

Kept at the seal (`DaySummaryRecord`) and sent to the PCM as `day.summary`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.opening import DaySummary, Figures, TicketRecord, summarise_day
from macturnos.domain.tickets import TicketStatus
from macturnos.server.context import ServerContext
from macturnos.server.day.records import incident_json, iso
from macturnos.server.db.day_models import DayIncident, DaySummaryRecord
from macturnos.server.db.models import CentreDay, Ticket
from macturnos.server.gate import blocked_run
from macturnos.server.runtime import CentreSetup


def _target(setup: CentreSetup, t: Ticket) -> int:
    try:
        return setup.config.service_target_wait(t.service_code)
    except KeyError:  # the service left the configuration: fall back to its entity's target
        try:
            return setup.config.entity(t.entity_code).target_wait_min
        except KeyError:
            return 20


def ticket_records(s: Session, setup: CentreSetup, day: date) -> list[TicketRecord]:
    """The day's tickets as the summary reads them."""
    return [
        TicketRecord(
            entity=t.entity_code,
            service=t.service_code,
            status=TicketStatus(t.status),
            issued_at=t.issued_at,
            called_at=t.called_at,
            started_at=t.started_at,
            ended_at=t.ended_at,
            target_wait_min=_target(setup, t),
            end_reason=t.end_reason,
        )
        for t in s.scalars(select(Ticket).where(Ticket.day == day).order_by(Ticket.id))
    ]


def _figures(f: Figures) -> dict[str, Any]:
    data = asdict(f)
    for key in ("avg_wait_s", "p90_wait_s", "avg_service_s", "p90_service_s"):
        if data[key] is not None:
            data[key] = round(data[key], 1)
    if data["within_target_share"] is not None:
        data["within_target_share"] = round(data["within_target_share"], 4)
    return data


def _name(lookup: Callable[[str], Any], code: str, attr: str) -> str:
    try:
        return str(getattr(lookup(code), attr))
    except KeyError:
        return code


def summary_json(setup: CentreSetup, day: date, summary: DaySummary) -> dict[str, Any]:
    """The JSON shape of a day's figures, with entity and service names."""
    cfg = setup.config
    return {
        "day": day.isoformat(),
        "centre": cfg.centre.code,
        "centre_name": cfg.centre.name,
        "totals": _figures(summary.totals),
        "entities": [
            {
                "entity": e.entity,
                "entity_name": _name(cfg.entity, e.entity, "name"),
                **_figures(e.figures),
                "services": [
                    {
                        "service": sv.service,
                        "service_name": _name(cfg.service, sv.service, "name"),
                        "target_wait_min": _service_target(setup, sv.service),
                        **_figures(sv.figures),
                    }
                    for sv in e.services
                ],
            }
            for e in summary.entities
        ],
    }


def _service_target(setup: CentreSetup, code: str) -> int | None:
    try:
        return setup.config.service_target_wait(code)
    except KeyError:
        return None


def summary_record(
    s: Session, setup: CentreSetup, day: date, now: datetime, *, provisional: bool
) -> dict[str, Any]:
    """The summary of `day` computed now, with its opening, seal and incidents."""
    data = summary_json(setup, day, summarise_day(ticket_records(s, setup, day)))
    row = s.get(CentreDay, day)
    incidents = s.scalars(
        select(DayIncident).where(DayIncident.day == day).order_by(DayIncident.id)
    )
    data.update(
        {
            "produced_at": now.isoformat(),
            "provisional": provisional,
            "opened_at": iso(row.opened_at) if row else None,
            "opened_by": row.opened_by if row else None,
            "sealed_at": iso(row.sealed_at) if row else None,
            "blocked": blocked_run(s, day) is not None,
            "incidents": [incident_json(i) for i in incidents],
        }
    )
    return data


def get_summary(ctx: ServerContext, day: date | None = None) -> dict[str, Any]:
    """A day's summary: the one kept at its seal, or a provisional one computed now."""
    setup = ctx.runtime.setup
    now = ctx.clock.now()
    day = day or setup.day_of(now)
    with ctx.db.read() as s:
        stored = s.get(DaySummaryRecord, day)
        if stored is not None:
            return stored.data
        return summary_record(s, setup, day, now, provisional=True)
