"""Module sessions: an advisor opens, pauses, resumes and closes a module."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.modules import PAUSE_REASONS
from macturnos.domain.tickets import TicketStatus
from macturnos.server.auth import Actor
from macturnos.server.context import ServerContext
from macturnos.server.db.models import ModuleSession, Ticket
from macturnos.server.errors import ApiError
from macturnos.server.idempotency import set_result
from macturnos.server.reads import current_at, module_json
from macturnos.server.runtime import CentreSetup
from macturnos.server.ticket_steps import record_event, return_to_queue


def module_session(session: Session, setup: CentreSetup, number: int) -> ModuleSession | None:
    """The module's session (None if never opened), or the refusal that it does not exist."""
    try:
        setup.config.module(number)
    except KeyError:
        raise ApiError("UNKNOWN_MODULE", modulo=number) from None
    return session.get(ModuleSession, number)


def own_module(session: Session, setup: CentreSetup, actor: Actor, number: int) -> ModuleSession:
    """The module's session, which must belong to the acting advisor."""
    m = module_session(session, setup, number)
    if m is None or m.advisor_id is None:
        raise ApiError("MODULE_NOT_YOURS", modulo=number)
    if m.advisor_id != actor.user_id:
        raise ApiError("MODULE_NOT_YOURS", modulo=number)
    return m


def current_of(session: Session, m: ModuleSession) -> Ticket | None:
    """The ticket the module has in hand (called or in service), if any."""
    return current_at(session, m.number)


def require_current(session: Session, m: ModuleSession) -> Ticket:
    """The ticket the module has in hand, or the refusal that it has none."""
    t = current_of(session, m)
    if t is None:
        raise ApiError("NO_CURRENT_TICKET", modulo=m.number)
    return t


def free_module(session: Session, number: int | None, now: datetime) -> None:
    """The module `number` no longer has its ticket in hand: it is free from `now`.

    The ticket itself says it left (its status); this only moves the module's
    "since", which the supervisor's monitor and the pause alerts read.
    """
    if number is None:
        return
    m = session.get(ModuleSession, number)
    if m is not None:
        m.since = now


def open_module(ctx: ServerContext, actor: Actor, number: int) -> dict[str, Any]:
    """An advisor takes a module (one advisor per module, one module per advisor)."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = module_session(s, setup, number)
        entity = setup.config.module(number).entity
        # An advisor serves their own entity's modules (an account with no entity: any).
        if actor.entity is not None and actor.entity != entity:
            raise ApiError("MODULE_OTHER_ENTITY", modulo=number, entidad=entity)
        if m is not None and m.advisor_id not in (None, actor.user_id):
            raise ApiError("MODULE_TAKEN", modulo=number)
        # Leaving another module first: an advisor cannot be in two places.
        for other in s.scalars(
            select(ModuleSession).where(
                ModuleSession.advisor_id == actor.user_id, ModuleSession.number != number
            )
        ):
            if current_of(s, other) is not None:
                raise ApiError("MODULE_BUSY", modulo=other.number)
            other.advisor_id = None
            other.pause_reason = None
            other.since = now
            record_event(s, ctx, setup, "module.closed", actor, now, module=other.number)
        if m is None:
            m = ModuleSession(number=number, since=now)
            s.add(m)
        if m.advisor_id != actor.user_id:
            m.advisor_id = actor.user_id
            m.pause_reason = None
            m.pause_note = None
            m.since = now
            record_event(
                s, ctx, setup, "module.opened", actor, now, module=number, advisor=actor.name
            )
        s.flush()
        return set_result(s, module_json(s, setup, number))


def close_module(
    ctx: ServerContext, actor: Actor, number: int, *, by_supervisor: bool = False
) -> dict[str, Any]:
    """The advisor leaves the module (or a supervisor closes it)."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = (
            module_session(s, setup, number)
            if by_supervisor
            else own_module(s, setup, actor, number)
        )
        if m is None or m.advisor_id is None:
            return set_result(s, module_json(s, setup, number))
        current = current_of(s, m)
        if current is not None and current.status == TicketStatus.IN_SERVICE.value:
            raise ApiError("MODULE_BUSY", modulo=number)
        if current is not None:
            return_to_queue(s, ctx, setup, actor, now, current)
        m.advisor_id = None
        m.pause_reason = None
        m.pause_note = None
        m.since = now
        record_event(s, ctx, setup, "module.closed", actor, now, module=number)
        s.flush()
        return set_result(s, module_json(s, setup, number))


def pause(
    ctx: ServerContext, actor: Actor, number: int, reason: str, note: str | None
) -> dict[str, Any]:
    """The advisor pauses the module with a reason (no ticket in hand)."""
    setup = ctx.runtime.setup
    if reason not in PAUSE_REASONS:
        raise ApiError("INVALID_REQUEST", campo="reason")
    if reason == "otro" and not (note and note.strip()):
        raise ApiError("REASON_REQUIRED")
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = own_module(s, setup, actor, number)
        if current_of(s, m) is not None:
            raise ApiError("MODULE_BUSY", modulo=number)
        if m.pause_reason is not None:
            raise ApiError("MODULE_PAUSED", modulo=number)
        m.pause_reason = reason
        m.pause_note = note
        m.since = now
        record_event(
            s, ctx, setup, "module.paused", actor, now, module=number, reason=reason, note=note
        )
        s.flush()
        return set_result(s, module_json(s, setup, number))


def resume(ctx: ServerContext, actor: Actor, number: int) -> dict[str, Any]:
    """End the module's pause."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = own_module(s, setup, actor, number)
        if m.pause_reason is None:
            return set_result(s, module_json(s, setup, number))
        reason = m.pause_reason
        m.pause_reason = None
        m.pause_note = None
        m.since = now
        record_event(s, ctx, setup, "module.resumed", actor, now, module=number, reason=reason)
        s.flush()
        return set_result(s, module_json(s, setup, number))
