"""Issuing suspended by a supervisor for an entity or a service, with a reason.

When an entity's own system is down (RENIEC's network, a bank's platform) its
advisors cannot serve, so no ticket should be given for it. A supervisor
suspends issuing with a reason the citizens read on the kiosk's tile, and
resumes it later; both are events of the day (`issuing.suspended`,
`issuing.resumed`), so the day's summary and the PCM sync see them like any
other. A suspension lasts until it is resumed, across reloads and restarts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.server.auth import Actor
from macturnos.server.context import ServerContext
from macturnos.server.db.models import IssuingSuspension
from macturnos.server.errors import ApiError
from macturnos.server.idempotency import set_result
from macturnos.server.reads import queue_summaries
from macturnos.server.runtime import CentreSetup
from macturnos.server.ticket_steps import record_event

SCOPES = ("entity", "service")
REASON_MAX = 200


def _name(setup: CentreSetup, scope: str, code: str) -> str:
    """The entity's or service's name, or the refusal that it does not exist."""
    if scope not in SCOPES:
        raise ApiError("INVALID_REQUEST", campo="scope")
    try:
        if scope == "entity":
            ent = setup.config.entity(code)
            return ent.short_name or ent.name
        return setup.config.service(code).name
    except KeyError:
        raise ApiError("INVALID_REQUEST", campo="code") from None


def _services(setup: CentreSetup, scope: str, code: str) -> list[str]:
    return setup.config.services_of_entity(code) if scope == "entity" else [code]


def suspension_json(row: IssuingSuspension, setup: CentreSetup) -> dict[str, Any]:
    """A suspension as the API and the monitor show it."""
    try:
        name = _name(setup, row.scope, row.code)
    except ApiError:  # removed from the configuration since
        name = row.code
    return {
        "scope": row.scope,
        "code": row.code,
        "name": name,
        "reason": row.reason,
        "suspended_by": row.suspended_by,
        "suspended_at": row.suspended_at.isoformat(),
    }


def _availability(s: Session, setup: CentreSetup, services: list[str], now: Any) -> list[Any]:
    """The affected services' availability after the change, for the clients' tiles."""
    keep = set(services)
    return [
        {k: q[k] for k in ("service", "available", "unavailable_code", "unavailable_reason")}
        for q in queue_summaries(s, setup, now)
        if q["service"] in keep
    ]


def suspend(ctx: ServerContext, actor: Actor, scope: str, code: str, reason: str) -> dict[str, Any]:
    """Stop issuing tickets for an entity or a service, with the reason citizens read."""
    setup = ctx.runtime.setup
    name = _name(setup, scope, code)
    text = " ".join((reason or "").split())[:REASON_MAX]
    if not text:
        raise ApiError("REASON_REQUIRED")
    with ctx.db.write() as s:
        now = ctx.clock.now()
        row = s.get(IssuingSuspension, (scope, code))
        if row is None:
            row = IssuingSuspension(scope=scope, code=code)
            s.add(row)
        row.reason = text
        row.suspended_by = actor.label
        row.suspended_at = now
        s.flush()
        record_event(
            s,
            ctx,
            setup,
            "issuing.suspended",
            actor,
            now,
            scope=scope,
            code=code,
            name=name,
            reason=text,
            queues=_availability(s, setup, _services(setup, scope, code), now),
        )
        return set_result(s, suspension_json(row, setup))


def resume(ctx: ServerContext, actor: Actor, scope: str, code: str) -> dict[str, Any]:
    """Issue tickets for the entity or service again."""
    setup = ctx.runtime.setup
    name = _name(setup, scope, code)
    with ctx.db.write() as s:
        now = ctx.clock.now()
        row = s.get(IssuingSuspension, (scope, code))
        if row is None:
            raise ApiError("NOT_SUSPENDED", codigo=code)
        reason, since = row.reason, row.suspended_at
        s.delete(row)
        s.flush()
        minutes = max(0, int((now - since).total_seconds() // 60))
        record_event(
            s,
            ctx,
            setup,
            "issuing.resumed",
            actor,
            now,
            scope=scope,
            code=code,
            name=name,
            reason=reason,
            minutes=minutes,
            queues=_availability(s, setup, _services(setup, scope, code), now),
        )
        return set_result(s, {"scope": scope, "code": code, "name": name, "minutes": minutes})


def suspensions_in_force(s: Session, setup: CentreSetup) -> list[dict[str, Any]]:
    """The suspensions in force, oldest first (the snapshot, the monitor, reception)."""
    rows = s.scalars(select(IssuingSuspension).order_by(IssuingSuspension.suspended_at))
    return [suspension_json(r, setup) for r in rows]


def list_suspensions(ctx: ServerContext) -> list[dict[str, Any]]:
    """`suspensions_in_force`, read on its own (GET /suspensions)."""
    with ctx.db.read() as s:
        return suspensions_in_force(s, ctx.runtime.setup)
