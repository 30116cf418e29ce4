"""Which entities and services have their issuing suspended (read side of `suspensions`).

Kept apart from `server.suspensions` (the changes) so that `server.reads`, which
the changes use, can read them without an import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.server.db.models import Event, IssuingSuspension
from macturnos.server.runtime import CentreSetup

Suspended = Mapping[tuple[str, str], str]
"""(scope, code) -> the reason, for every suspension in force."""


def suspended_reasons(session: Session) -> dict[tuple[str, str], str]:
    """Every suspension in force, with its reason."""
    return {
        (scope, code): reason
        for scope, code, reason in session.execute(
            select(IssuingSuspension.scope, IssuingSuspension.code, IssuingSuspension.reason)
        )
    }


def reason_for(suspended: Suspended, setup: CentreSetup, service: str) -> str | None:
    """Why issuing `service` is suspended (the service's own, else its entity's), or None."""
    if not suspended:
        return None
    own = suspended.get(("service", service))
    if own is not None:
        return own
    try:
        entity = setup.config.service(service).entity
    except KeyError:
        return None
    return suspended.get(("entity", entity))


def service_suspension(session: Session, setup: CentreSetup, service: str) -> str | None:
    """`reason_for` one service, read with two key lookups (the issuing path)."""
    own = session.get(IssuingSuspension, ("service", service))
    if own is not None:
        return own.reason
    entity = setup.config.service(service).entity
    row = session.get(IssuingSuspension, ("entity", entity))
    return row.reason if row is not None else None


ISSUING_EVENTS = ("issuing.suspended", "issuing.resumed")


def issuing_incidents(session: Session, day: date) -> list[dict[str, Any]]:
    """The day's suspensions and resumptions of issuing, in order: incidents of the day.

    Read from the event log (the one record of them), for the day's summary; the
    PCM sync uploads the same events.
    """
    rows = session.execute(
        select(Event.kind, Event.at, Event.actor, Event.data)
        .where(Event.day == day, Event.kind.in_(ISSUING_EVENTS))
        .order_by(Event.seq)
    )
    return [
        {
            "kind": kind,
            "at": at.isoformat(),
            "by": actor,
            **{k: data.get(k) for k in ("scope", "code", "name", "reason", "minutes")},
        }
        for kind, at, actor, data in rows
    ]
