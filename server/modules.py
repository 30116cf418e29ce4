"""Module sessions: an advisor opens, pauses, resumes and closes a module.

Ending a module's session never leaves a citizen behind. The ticket the module
holds when its session ends (`end_session`) is:

- called (the citizen has not sat down yet): always returned to its queue, at
  its place by arrival, which is the front (it was called first);
- in service: finished only when a person says so (the advisor leaving with
  "finalizar", a supervisor freeing the module with "finish"); otherwise, and
  whenever nobody is there to say (logout, a disabled account or a changed role,
  an expired session: `release_sessions_of`, `server.abandoned`), it goes back to
  the front of its queue too (`TicketAction.RELEASE`): a citizen called again
  who already left is a no-show, a citizen wrongly marked served is lost.

A transfer is chosen before leaving, with the transfer route. An advisor who
leaves with a ticket in service and says nothing is refused
(MODULE_LEAVE_IN_SERVICE); a supervisor frees a module held by someone who left
(`free_module_session`, event `module.freed`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.modules import PAUSE_REASONS
from macturnos.domain.tickets import TicketAction, TicketStatus
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.db.models import AuthToken, ModuleSession, Ticket, User
from macturnos.server.errors import ApiError
from macturnos.server.idempotency import set_result
from macturnos.server.reads import current_at, module_json
from macturnos.server.runtime import CentreSetup
from macturnos.server.ticket_steps import apply_transition, record_event, return_to_queue

RETURN = "return"
"""The module's ticket goes back to the front of its queue."""
FINISH = "finish"
"""The module's ticket in service is finished (a called one is returned: never attended)."""
DISPOSITIONS = (RETURN, FINISH)


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


def _take(
    s: Session,
    ctx: ServerContext,
    setup: CentreSetup,
    actor: Actor,
    number: int,
    user_id: int,
    name: str,
    now: datetime,
) -> ModuleSession:
    """Seat the advisor `user_id` at the module, leaving their other module first."""
    m = module_session(s, setup, number)
    if m is not None and m.advisor_id not in (None, user_id):
        raise ApiError("MODULE_TAKEN", modulo=number)
    # Leaving another module first: an advisor cannot be in two places.
    for other in s.scalars(
        select(ModuleSession).where(
            ModuleSession.advisor_id == user_id, ModuleSession.number != number
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
    if m.advisor_id != user_id:
        m.advisor_id = user_id
        m.pause_reason = None
        m.pause_note = None
        m.since = now
        record_event(s, ctx, setup, "module.opened", actor, now, module=number, advisor=name)
    return m


def open_module(ctx: ServerContext, actor: Actor, number: int) -> dict[str, Any]:
    """An advisor takes a module (one advisor per module, one module per advisor)."""
    setup = ctx.runtime.setup
    assert actor.user_id is not None
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = module_session(s, setup, number)
        entity = setup.config.module(number).entity
        # An advisor serves their own entity's modules (an account with no entity: any),
        # unless a supervisor seated them there (`assign_module`, recorded).
        assigned = m is not None and m.advisor_id == actor.user_id
        if actor.entity is not None and actor.entity != entity and not assigned:
            raise ApiError("MODULE_OTHER_ENTITY", modulo=number, entidad=entity)
        _take(s, ctx, setup, actor, number, actor.user_id, actor.name, now)
        s.flush()
        return set_result(s, module_json(s, setup, number))


def assign_module(ctx: ServerContext, actor: Actor, number: int, username: str) -> dict[str, Any]:
    """A supervisor or coordinator seats an advisor at a module, any entity's (issue 15, item 3).

    The assignment is an event (`module.assigned`, with both entities), then the
    module is open for that advisor as if they had opened it themselves.
    """
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        module_session(s, setup, number)  # refuses an unknown module
        user = s.scalar(select(User).where(User.username == username))
        if user is None or not user.active or user.role != Role.ADVISOR.value:
            raise ApiError("NOT_AN_ADVISOR", usuario=username)
        entity = setup.config.module(number).entity
        record_event(
            s,
            ctx,
            setup,
            "module.assigned",
            actor,
            now,
            module=number,
            username=user.username,
            advisor=user.full_name,
            advisor_entity=user.entity_code,
            module_entity=entity,
        )
        _take(s, ctx, setup, actor, number, user.id, user.full_name, now)
        s.flush()
        return set_result(s, module_json(s, setup, number))


def release_ticket(
    s: Session,
    ctx: ServerContext,
    setup: CentreSetup,
    actor: Actor,
    now: datetime,
    t: Ticket,
    disposition: str,
    why: str,
) -> None:
    """What happens to a module's ticket when its session ends (see the module's doc)."""
    if t.status == TicketStatus.IN_SERVICE.value and disposition == FINISH:
        module = t.module_number
        apply_transition(t, TicketAction.FINISH, setup)
        t.ended_at = now
        record_event(s, ctx, setup, "ticket.finished", actor, now, t, module=module, why=why)
        return
    if t.status == TicketStatus.CALLED.value:
        return_to_queue(s, ctx, setup, actor, now, t, why=why)
        return
    module = t.module_number
    apply_transition(t, TicketAction.RELEASE, setup)
    t.called_at = None
    t.started_at = None
    t.module_number = None
    t.advisor_id = None
    record_event(
        s, ctx, setup, "ticket.returned", actor, now, t, module=module, why=why, released=True
    )


def end_session(
    s: Session,
    ctx: ServerContext,
    setup: CentreSetup,
    actor: Actor,
    m: ModuleSession,
    now: datetime,
    *,
    disposition: str,
    why: str,
    kind: str = "module.closed",
    **extra: Any,
) -> None:
    """Empty the module: its ticket is released (`release_ticket`), then the seat."""
    current = current_of(s, m)
    if current is not None:
        release_ticket(s, ctx, setup, actor, now, current, disposition, why)
    m.advisor_id = None
    m.pause_reason = None
    m.pause_note = None
    m.since = now
    record_event(s, ctx, setup, kind, actor, now, module=m.number, why=why, **extra)


def _disposition(ticket: str | None) -> str | None:
    if ticket is not None and ticket not in DISPOSITIONS:
        raise ApiError("INVALID_REQUEST", campo="ticket")
    return ticket


def close_module(
    ctx: ServerContext,
    actor: Actor,
    number: int,
    *,
    by_supervisor: bool = False,
    ticket: str | None = None,
) -> dict[str, Any]:
    """The advisor leaves the module (or a supervisor closes it).

    `ticket` says what happens to a ticket in service ("finish" or "return");
    without it such a ticket refuses the leave. A called ticket is returned.
    """
    setup = ctx.runtime.setup
    disposition = _disposition(ticket)
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
        if (
            current is not None
            and current.status == TicketStatus.IN_SERVICE.value
            and disposition is None
        ):
            raise ApiError("MODULE_LEAVE_IN_SERVICE", modulo=number, turno=current.number)
        end_session(
            s,
            ctx,
            setup,
            actor,
            m,
            now,
            disposition=disposition or RETURN,
            why="closed_by_supervisor" if by_supervisor else "left",
        )
        s.flush()
        return set_result(s, module_json(s, setup, number))


def free_module_session(
    ctx: ServerContext, actor: Actor, number: int, ticket: str = RETURN, note: str | None = None
) -> dict[str, Any]:
    """A supervisor frees a module held by someone who left, whatever its ticket's state.

    The ticket in hand is finished or returned to the front of its queue as the
    supervisor says (`ticket`); the event `module.freed` names who held it.
    """
    setup = ctx.runtime.setup
    disposition = _disposition(ticket) or RETURN
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = module_session(s, setup, number)
        if m is None or m.advisor_id is None:
            return set_result(s, module_json(s, setup, number))
        held_by = s.get(User, m.advisor_id)
        current = current_of(s, m)
        end_session(
            s,
            ctx,
            setup,
            actor,
            m,
            now,
            disposition=disposition,
            why="freed_by_supervisor",
            kind="module.freed",
            username=held_by.username if held_by else None,
            ticket_number=current.number if current else None,
            ticket_outcome=disposition if current else None,
            note=(note or "").strip()[:200] or None,
        )
        s.flush()
        return set_result(s, module_json(s, setup, number))


def live_sessions(s: Session, user_id: int, now: datetime) -> int:
    """How many unexpired, unrevoked tokens a staff member holds."""
    return len(
        s.scalars(
            select(AuthToken.token_hash).where(
                AuthToken.user_id == user_id,
                AuthToken.revoked.is_(False),
                AuthToken.expires_at > now,
            )
        ).all()
    )


def release_sessions_of(
    s: Session, ctx: ServerContext, actor: Actor, user_id: int, why: str
) -> list[int]:
    """End the module sessions of a staff member who is gone, inside the caller's write.

    Called when their last session ends (logout, a disabled account, a changed
    role, an expired token): their modules are emptied and the tickets in hand
    go back to the front of their queues. Answers the modules' numbers.
    """
    setup = ctx.runtime.setup
    now = ctx.clock.now()
    freed = []
    for m in s.scalars(select(ModuleSession).where(ModuleSession.advisor_id == user_id)):
        try:
            setup.config.module(m.number)
        except KeyError:  # removed from the configuration: nothing to show, only to clear
            m.advisor_id = None
            continue
        end_session(s, ctx, setup, actor, m, now, disposition=RETURN, why=why)
        freed.append(m.number)
    return freed


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
