"""The day summary: the day's figures per entity and service, provisional until the seal.

Counted by the reports' core with the reports' definitions (docs/reports.md),
so the summary and a report of the same day never disagree. Kept at the seal
(`DaySummaryRecord`) and sent to the PCM as `day.summary`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.reports.facts import TicketFact, ticket_fact
from macturnos.reports.figures import TicketFigures, ticket_figures
from macturnos.reports.tables import seconds, share
from macturnos.server.context import ServerContext
from macturnos.server.day.records import incident_json, iso
from macturnos.server.db.day_models import DayIncident, DaySummaryRecord
from macturnos.server.db.models import CentreDay, Ticket
from macturnos.server.gate import blocked_run
from macturnos.server.reads import ticket_json
from macturnos.server.runtime import CentreSetup
from macturnos.server.suspended import issuing_incidents

DEFAULT_TARGET_WAIT_MIN = 20
"""The target of a service and entity both gone from the configuration."""


def target_wait(setup: CentreSetup, service: str, entity: str) -> int:
    """A service's wait target in minutes, as every figure "within target" counts it."""
    try:
        return setup.config.service_target_wait(service)
    except KeyError:  # the service left the configuration: fall back to its entity's target
        try:
            return setup.config.entity(entity).target_wait_min
        except KeyError:
            return DEFAULT_TARGET_WAIT_MIN


def ticket_records(s: Session, setup: CentreSetup, day: date) -> list[TicketFact]:
    """The day's tickets as the reports read them (`macturnos.reports.facts`)."""
    return [
        ticket_fact(ticket_json(t, setup), target_wait(setup, t.service_code, t.entity_code))
        for t in s.scalars(select(Ticket).where(Ticket.day == day).order_by(Ticket.id))
    ]


def _figures(facts: list[TicketFact]) -> dict[str, Any]:
    """The summary's figures: the reports' definitions (docs/reports.md) under its keys."""
    f: TicketFigures = ticket_figures(facts)
    return {
        "issued": f.issued,
        "attentions": f.served,
        "no_shows": f.no_shows,
        "closed_at_end": f.not_served_at_closing,
        "cancelled": f.cancelled,
        "transferred": f.transferred,
        "avg_wait_s": seconds(f.wait.mean),
        "p90_wait_s": seconds(f.wait.p90),
        "avg_service_s": seconds(f.attention.mean),
        "p90_service_s": seconds(f.attention.p90),
        "within_target": f.within_target,
        "within_target_share": share(f.within_target_share),
    }


def _name(lookup: Callable[[str], Any], code: str, attr: str) -> str:
    try:
        return str(getattr(lookup(code), attr))
    except KeyError:
        return code


def summary_json(setup: CentreSetup, day: date, facts: list[TicketFact]) -> dict[str, Any]:
    """The JSON shape of a day's figures per entity and service, with their names."""
    cfg = setup.config
    by_entity: dict[str, dict[str, list[TicketFact]]] = {}
    for f in facts:
        by_entity.setdefault(f.entity, {}).setdefault(f.service, []).append(f)
    return {
        "day": day.isoformat(),
        "centre": cfg.centre.code,
        "centre_name": cfg.centre.name,
        "totals": _figures(facts),
        "entities": [
            {
                "entity": entity,
                "entity_name": _name(cfg.entity, entity, "name"),
                **_figures([f for group in services.values() for f in group]),
                "services": [
                    {
                        "service": code,
                        "service_name": _name(cfg.service, code, "name"),
                        "target_wait_min": _service_target(setup, code),
                        **_figures(services[code]),
                    }
                    for code in sorted(services)
                ],
            }
            for entity, services in sorted(by_entity.items())
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
    data = summary_json(setup, day, ticket_records(s, setup, day))
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
            # An entity or service whose issuing a supervisor suspended (server.suspensions).
            "issuing_suspensions": issuing_incidents(s, day),
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
