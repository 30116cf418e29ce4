"""Ticket operations: issue, call, recall, serve, finish, transfer, cancel.

Each public function runs one serialised transaction: it loads what the rule
needs, asks the domain (`macturnos.domain`) for the decision, writes the
result and appends the event, all or nothing.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from macturnos.domain.issuance import issuance_refusal
from macturnos.domain.modules import PAUSE_REASONS
from macturnos.domain.numbering import format_ticket_number, parse_ticket_number
from macturnos.domain.queue import next_for_module, people_ahead_of
from macturnos.domain.ticket_code import sign_ticket_code
from macturnos.domain.tickets import TicketAction, TicketState, TicketStatus, apply_action
from macturnos.server.auth import Actor, Role
from macturnos.server.changes import emit
from macturnos.server.context import ServerContext
from macturnos.server.db.models import ModuleSession, NumberCounter, Ticket
from macturnos.server.errors import ApiError
from macturnos.server.gate import explain_refusal
from macturnos.server.idempotency import set_result
from macturnos.server.live import LiveDay
from macturnos.server.reads import (
    ACTIVE,
    call_candidates,
    current_at,
    module_json,
    queue_entry,
    ticket_json,
)
from macturnos.server.runtime import CentreSetup

log = logging.getLogger("macturnos.server.ticketing")


def _counter_upsert(backend: str) -> Any:
    insert = pg_insert if backend == "postgresql" else sqlite_insert
    return (
        insert(NumberCounter)
        .values(day=bindparam("day"), prefix=bindparam("prefix"), last_seq=1)
        .on_conflict_do_update(
            index_elements=["day", "prefix"],
            set_={"last_seq": NumberCounter.last_seq + 1},
        )
        .returning(NumberCounter.last_seq)
    )


# Built once: composing the statement cost more than running it.
_NEXT_SEQ = {backend: _counter_upsert(backend) for backend in ("postgresql", "sqlite")}


def _next_seq(session: Session, backend: str, day: date, prefix: str) -> int:
    """Atomically take the next number of a prefix on a day (never twice, never skipped)."""
    stmt = _NEXT_SEQ["postgresql" if backend == "postgresql" else "sqlite"]
    return int(session.connection().execute(stmt, {"day": day, "prefix": prefix}).scalar_one())


_TICKETS = cast(Table, Ticket.__table__)
_INSERT_TICKET = _TICKETS.insert().returning(_TICKETS.c.id)


def _service(setup: CentreSetup, code: str) -> Any:
    try:
        return setup.config.service(code)
    except KeyError:
        raise ApiError("UNKNOWN_SERVICE", servicio=code) from None


def apply_transition(t: Ticket, action: TicketAction, setup: CentreSetup) -> None:
    state = apply_action(
        TicketState(TicketStatus(t.status), t.recall_count),
        action,
        max_recalls=setup.config.rules.max_recalls,
    )
    t.status = state.status.value
    t.recall_count = state.recall_count


def _people_ahead(live: LiveDay, setup: CentreSetup, t: Ticket, now: datetime) -> int:
    """People before a ticket that just arrived and is not yet in the live queues."""
    specials = live.special_entries([t.service_code])
    plain = live.plain_count(t.service_code)
    return people_ahead_of(queue_entry(t), specials, plain, now, setup.ordering)


def record_event(
    session: Session,
    ctx: ServerContext,
    setup: CentreSetup,
    kind: str,
    actor: Actor,
    now: datetime,
    t: Ticket | None = None,
    module: int | None = None,
    **extra: Any,
) -> None:
    """Append the event of a ticket's or a module's change, with their JSON.

    The JSON is rendered just before the transaction commits, after all its
    changes (`server.changes`): call it at any point of the operation.
    """
    emit(session, ctx, setup, kind, actor, now, t, module, **extra)


def issue_ticket(
    ctx: ServerContext,
    actor: Actor,
    *,
    service: str,
    preferential: str | None = None,
    appointment_at: datetime | None = None,
    appointment_ref: str | None = None,
    channel: str = "kiosk",
) -> dict[str, Any]:
    """Give a citizen a new number for a service, or refuse with the reason.

    The answer holds the ticket, the people ahead, the estimated wait and the
    signed code printed as a QR.
    """
    setup = ctx.runtime.setup
    cfg = setup.config
    svc = _service(setup, service)
    if preferential is not None and preferential not in {
        c.code for c in cfg.preferential_categories
    }:
        raise ApiError("INVALID_REQUEST", campo="preferential")
    with ctx.db.write() as s:
        now = ctx.clock.now()
        day = setup.day_of(now)
        live = ctx.live.ensure(s, setup, day)
        refusal = issuance_refusal(
            setup.service_rules(service),
            setup.local(now),
            live.issued_count(service),
            setup.hours_on(day),
            centre_opened=live.opened,
            with_appointment=appointment_at is not None,
        )
        if refusal is not None:
            raise explain_refusal(s, day, refusal) or refusal
        prefix = cfg.service_prefix(service)
        seq = _next_seq(s, ctx.db.backend, day, prefix)
        row: dict[str, Any] = {
            "day": day,
            "prefix": prefix,
            "seq": seq,
            "number": format_ticket_number(prefix, seq),
            "service_code": service,
            "entity_code": svc.entity,
            "status": TicketStatus.ISSUED.value,
            "preferential": preferential,
            "appointment_at": appointment_at,
            "appointment_ref": appointment_ref,
            "channel": channel,
            "issued_by": actor.label,
            "issued_at": now,
            "arrival_at": now,
            "recall_count": 0,
        }
        # A plain INSERT (the busiest write of the day); the object only feeds the views.
        ticket_id = s.connection().execute(_INSERT_TICKET, row).scalar_one()
        t = Ticket(id=ticket_id, **row)
        ahead = _people_ahead(live, setup, t, now)
        estimate = live.estimate(setup, service, ahead)
        record_event(
            s,
            ctx,
            setup,
            "ticket.issued",
            actor,
            now,
            t,
            people_ahead=ahead,
            estimated_wait_min=estimate,
        )
        code = sign_ticket_code(
            ctx.secret, centre=cfg.centre.code, day=day, number=t.number, issued_at=setup.local(now)
        )
        result = {
            "ticket": ticket_json(t, setup),
            "people_ahead": ahead,
            "estimated_wait_min": estimate,
            "code": code,
        }
        return set_result(s, result, 201)


def _ticket(session: Session, ticket_id: int) -> Ticket:
    t = session.get(Ticket, ticket_id)
    if t is None:
        raise ApiError("UNKNOWN_TICKET", turno=str(ticket_id))
    return t


def _module_session(session: Session, setup: CentreSetup, number: int) -> ModuleSession | None:
    try:
        setup.config.module(number)
    except KeyError:
        raise ApiError("UNKNOWN_MODULE", modulo=number) from None
    return session.get(ModuleSession, number)


def _own_module(session: Session, setup: CentreSetup, actor: Actor, number: int) -> ModuleSession:
    """The module's session, which must belong to the acting advisor."""
    m = _module_session(session, setup, number)
    if m is None or m.advisor_id is None:
        raise ApiError("MODULE_NOT_YOURS", modulo=number)
    if m.advisor_id != actor.user_id:
        raise ApiError("MODULE_NOT_YOURS", modulo=number)
    return m


def _current(session: Session, m: ModuleSession) -> Ticket | None:
    return current_at(session, m.number)


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


def _require_current(session: Session, m: ModuleSession) -> Ticket:
    t = _current(session, m)
    if t is None:
        raise ApiError("NO_CURRENT_TICKET", modulo=m.number)
    return t


def open_module(ctx: ServerContext, actor: Actor, number: int) -> dict[str, Any]:
    """An advisor takes a module (one advisor per module, one module per advisor)."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = _module_session(s, setup, number)
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
            if _current(s, other) is not None:
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
            _module_session(s, setup, number)
            if by_supervisor
            else _own_module(s, setup, actor, number)
        )
        if m is None or m.advisor_id is None:
            return set_result(s, module_json(s, setup, number))
        current = _current(s, m)
        if current is not None and current.status == TicketStatus.IN_SERVICE.value:
            raise ApiError("MODULE_BUSY", modulo=number)
        if current is not None:
            _return_to_queue(s, ctx, setup, actor, now, current)
        m.advisor_id = None
        m.pause_reason = None
        m.pause_note = None
        m.since = now
        record_event(s, ctx, setup, "module.closed", actor, now, module=number)
        s.flush()
        return set_result(s, module_json(s, setup, number))


def _return_to_queue(
    s: Session, ctx: ServerContext, setup: CentreSetup, actor: Actor, now: datetime, t: Ticket
) -> None:
    module = t.module_number
    apply_transition(t, TicketAction.RETURN_TO_QUEUE, setup)
    t.called_at = None
    t.module_number = None
    t.advisor_id = None
    record_event(s, ctx, setup, "ticket.returned", actor, now, t, module=module)


def _call(
    s: Session,
    ctx: ServerContext,
    setup: CentreSetup,
    actor: Actor,
    now: datetime,
    m: ModuleSession,
    t: Ticket,
    reason: str | None,
) -> dict[str, Any]:
    apply_transition(t, TicketAction.CALL, setup)
    t.called_at = now
    t.module_number = m.number
    t.advisor_id = actor.user_id
    m.since = now
    extra: dict[str, Any] = {"recall": False}
    if reason:
        extra["out_of_order_reason"] = reason
    record_event(s, ctx, setup, "ticket.called", actor, now, t, module=m.number, **extra)
    return set_result(s, ticket_json(t, setup))


def _ready_to_call(s: Session, m: ModuleSession) -> None:
    if _current(s, m) is not None:
        raise ApiError("MODULE_BUSY", modulo=m.number)
    if m.pause_reason is not None:
        raise ApiError("MODULE_PAUSED", modulo=m.number)


def call_next(ctx: ServerContext, actor: Actor, number: int) -> dict[str, Any]:
    """Call the next citizen for this module's services, in the domain's order."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = _own_module(s, setup, actor, number)
        _ready_to_call(s, m)
        services = setup.config.services_of_module(number)
        day = setup.day_of(now)
        live = ctx.live.ensure(s, setup, day)
        entry = next_for_module(live.call_candidates(services), services, now, setup.ordering)
        t = _ticket(s, entry.ticket_id) if entry is not None else None
        if t is not None and (t.status != TicketStatus.ISSUED.value or t.day != day):
            # The live queues disagree with the table: trust the table, and say so.
            log.error("live queues out of step at ticket %s; reading them again", t.id)
            ctx.live.invalidate()
            entry = next_for_module(
                call_candidates(s, day, services), services, now, setup.ordering
            )
            t = _ticket(s, entry.ticket_id) if entry is not None else None
        if t is None:
            raise ApiError("QUEUE_EMPTY", modulo=number)
        return _call(s, ctx, setup, actor, now, m, t, None)


def call_ticket(
    ctx: ServerContext, actor: Actor, number: int, ticket_id: int, reason: str
) -> dict[str, Any]:
    """Call one given ticket out of order; the reason is kept in the log."""
    setup = ctx.runtime.setup
    if not reason or not reason.strip():
        raise ApiError("REASON_REQUIRED")
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = _own_module(s, setup, actor, number)
        _ready_to_call(s, m)
        t = _ticket(s, ticket_id)
        if t.day != setup.day_of(now):
            raise ApiError("UNKNOWN_TICKET", turno=t.number)
        if t.service_code not in setup.config.services_of_module(number):
            raise ApiError("SERVICE_NOT_IN_MODULE", servicio=t.service_code, modulo=number)
        return _call(s, ctx, setup, actor, now, m, t, reason.strip())


def module_action(
    ctx: ServerContext, actor: Actor, number: int, action: TicketAction
) -> dict[str, Any]:
    """Recall, start, finish, no-show or return the module's current ticket."""
    setup = ctx.runtime.setup
    kinds = {
        TicketAction.RECALL: "ticket.recalled",
        TicketAction.START: "ticket.started",
        TicketAction.FINISH: "ticket.finished",
        TicketAction.NO_SHOW: "ticket.no_show",
        TicketAction.RETURN_TO_QUEUE: "ticket.returned",
    }
    if action not in kinds:
        raise ApiError("INVALID_REQUEST", campo="action")
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = _own_module(s, setup, actor, number)
        t = _require_current(s, m)
        if action is TicketAction.RETURN_TO_QUEUE:
            _return_to_queue(s, ctx, setup, actor, now, t)
            m.since = now
            return set_result(s, ticket_json(t, setup))
        apply_transition(t, action, setup)
        if action is TicketAction.START:
            t.started_at = now
            m.since = now
        elif action in (TicketAction.FINISH, TicketAction.NO_SHOW):
            t.ended_at = now
            m.since = now
        extra: dict[str, Any] = {"recall": True} if action is TicketAction.RECALL else {}
        record_event(s, ctx, setup, kinds[action], actor, now, t, module=number, **extra)
        return set_result(s, ticket_json(t, setup))


def transfer(
    ctx: ServerContext,
    actor: Actor,
    ticket_id: int,
    service: str,
    note: str | None,
    *,
    module: int | None = None,
) -> dict[str, Any]:
    """Send a citizen on to another service; the new ticket keeps the arrival time."""
    setup = ctx.runtime.setup
    target = _service(setup, service)
    with ctx.db.write() as s:
        now = ctx.clock.now()
        if module is not None:
            m = _own_module(s, setup, actor, module)
            t = _require_current(s, m)
            if t.id != ticket_id:
                raise ApiError("MODULE_NOT_YOURS", modulo=module)
        else:
            m = None
            t = _ticket(s, ticket_id)
        if t.service_code == service:
            raise ApiError("TRANSFER_SAME_SERVICE")
        from_module = t.module_number
        in_hand = t.status in ACTIVE
        apply_transition(t, TicketAction.TRANSFER, setup)
        t.ended_at = now
        t.note = note
        if in_hand:
            free_module(s, from_module, now)
        prefix = setup.config.service_prefix(service)
        seq = _next_seq(s, ctx.db.backend, t.day, prefix)
        new = Ticket(
            day=t.day,
            prefix=prefix,
            seq=seq,
            number=format_ticket_number(prefix, seq),
            service_code=service,
            entity_code=target.entity,
            status=TicketStatus.ISSUED.value,
            preferential=t.preferential,
            appointment_at=None,
            channel="transfer",
            issued_by=actor.label,
            issued_at=now,
            arrival_at=t.arrival_at,
            recall_count=0,
            origin_ticket_id=t.id,
            note=note,
        )
        s.add(new)
        s.flush()
        t.end_reason = f"transfer:{new.number}"
        record_event(
            s,
            ctx,
            setup,
            "ticket.transferred",
            actor,
            now,
            t,
            module=from_module,
            new_ticket=new,
        )
        record_event(
            s,
            ctx,
            setup,
            "ticket.issued",
            actor,
            now,
            new,
            people_ahead=_people_ahead(
                ctx.live.ensure(s, setup, setup.day_of(now)), setup, new, now
            ),
        )
        return set_result(s, ticket_json(new, setup), 201)


KIOSK_CANCEL_WINDOW = timedelta(minutes=2)
"""How long after issuing a kiosk may take back its own ticket (the printer failed)."""


def _check_kiosk_cancel(t: Ticket, actor: Actor, now: datetime) -> None:
    """A kiosk cancels only its own misprint: issued by it, never called, just now."""
    issued_at = t.issued_at if t.issued_at.tzinfo else t.issued_at.replace(tzinfo=now.tzinfo)
    if (
        t.issued_by != actor.label
        or t.status != TicketStatus.ISSUED.value
        or now - issued_at > KIOSK_CANCEL_WINDOW
    ):
        minutes = int(KIOSK_CANCEL_WINDOW.total_seconds() // 60)
        raise ApiError("KIOSK_CANCEL_NOT_ALLOWED", turno=t.number, minutos=minutes)


def cancel(ctx: ServerContext, actor: Actor, ticket_id: int, reason: str) -> dict[str, Any]:
    """Cancel a waiting or called ticket, with the reason (e.g. print_failed)."""
    setup = ctx.runtime.setup
    if not reason or not reason.strip():
        raise ApiError("REASON_REQUIRED")
    with ctx.db.write() as s:
        now = ctx.clock.now()
        t = _ticket(s, ticket_id)
        if actor.role is Role.KIOSK:
            _check_kiosk_cancel(t, actor, now)
        module = t.module_number
        in_hand = t.status in ACTIVE
        apply_transition(t, TicketAction.CANCEL, setup)
        t.ended_at = now
        t.end_reason = reason.strip()[:40]
        if in_hand:
            free_module(s, module, now)
        record_event(
            s, ctx, setup, "ticket.cancelled", actor, now, t, module=module, reason=t.end_reason
        )
        return set_result(s, ticket_json(t, setup))


def reactivate(ctx: ServerContext, actor: Actor, ticket_id: int) -> dict[str, Any]:
    """Put a no-show or cancelled ticket back in its queue (by its arrival)."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        t = _ticket(s, ticket_id)
        if t.day != setup.day_of(now):
            raise ApiError("UNKNOWN_TICKET", turno=t.number)
        apply_transition(t, TicketAction.REACTIVATE, setup)
        t.ended_at = None
        t.end_reason = None
        t.called_at = None
        t.module_number = None
        t.advisor_id = None
        record_event(s, ctx, setup, "ticket.reactivated", actor, now, t)
        return set_result(s, ticket_json(t, setup))


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
        m = _own_module(s, setup, actor, number)
        if _current(s, m) is not None:
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
        m = _own_module(s, setup, actor, number)
        if m.pause_reason is None:
            return set_result(s, module_json(s, setup, number))
        reason = m.pause_reason
        m.pause_reason = None
        m.pause_note = None
        m.since = now
        record_event(s, ctx, setup, "module.resumed", actor, now, module=number, reason=reason)
        s.flush()
        return set_result(s, module_json(s, setup, number))


def find_ticket(ctx: ServerContext, number: str) -> dict[str, Any]:
    """Today's ticket with a given number (e.g. "R-023")."""
    setup = ctx.runtime.setup
    prefix, seq = parse_ticket_number(number)
    with ctx.db.read() as s:
        day = setup.day_of(ctx.clock.now())
        t = s.scalar(
            select(Ticket).where(Ticket.day == day, Ticket.prefix == prefix, Ticket.seq == seq)
        )
        if t is None:
            raise ApiError("UNKNOWN_TICKET", turno=format_ticket_number(prefix, seq))
        return ticket_json(t, setup)


def get_ticket(ctx: ServerContext, ticket_id: int) -> dict[str, Any]:
    """One ticket by id."""
    with ctx.db.read() as s:
        return ticket_json(_ticket(s, ticket_id), ctx.runtime.setup)
