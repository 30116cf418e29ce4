"""Ticket operations: issue, call, recall, serve, finish, transfer, cancel.

Each public function runs one serialised transaction: it loads what the rule
needs, asks the domain (`macturnos.domain`) for the decision, writes the
result and appends the event, all or nothing. The module sessions (open,
pause, resume, close) live in `server/modules.py`, the steps both share in
`server/ticket_steps.py`; both are re-exported here for the routes and the CLI.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from macturnos.domain.issuance import issuance_refusal
from macturnos.domain.numbering import format_ticket_number, parse_ticket_number
from macturnos.domain.queue import next_for_module
from macturnos.domain.ticket_code import sign_ticket_code
from macturnos.domain.tickets import TicketAction, TicketStatus
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.db.models import ModuleSession, Ticket
from macturnos.server.errors import ApiError
from macturnos.server.gate import explain_refusal
from macturnos.server.idempotency import set_result
from macturnos.server.modules import (
    assign_module,
    close_module,
    current_of,
    free_module,
    free_module_session,
    open_module,
    own_module,
    pause,
    require_current,
    resume,
)
from macturnos.server.reads import ACTIVE, call_candidates, queue_entry, ticket_json
from macturnos.server.runtime import CentreSetup
from macturnos.server.suspended import service_suspension
from macturnos.server.ticket_steps import (
    apply_transition,
    known_service,
    load_ticket,
    next_seq,
    people_ahead_of_new,
    record_event,
    return_to_queue,
)

# The module sessions and the shared steps are reached through here too (the
# routes, the CLI, `day/closing.py` and the tests call `ticketing.X`).
__all__ = [
    "KIOSK_CANCEL_WINDOW",
    "apply_transition",
    "assign_module",
    "call_next",
    "call_ticket",
    "cancel",
    "close_module",
    "find_ticket",
    "free_module",
    "free_module_session",
    "get_ticket",
    "issue_ticket",
    "module_action",
    "open_module",
    "pause",
    "reactivate",
    "record_event",
    "resume",
    "transfer",
]

log = logging.getLogger("macturnos.server.ticketing")


_TICKETS = cast(Table, Ticket.__table__)
_INSERT_TICKET = _TICKETS.insert().returning(_TICKETS.c.id)


def issue_ticket(
    ctx: ServerContext,
    actor: Actor,
    *,
    service: str,
    preferential: str | None = None,
    appointment_at: datetime | None = None,
    appointment_ref: str | None = None,
    channel: str = "kiosk",
    assistance: str | None = None,
) -> dict[str, Any]:
    """Give a citizen a new number for a service, or refuse with the reason.

    The answer holds the ticket, the people ahead, the estimated wait and the
    signed code printed as a QR. `assistance` (sign-language interpretation, ...)
    must be offered by a module of the service: only those modules call it.
    """
    setup = ctx.runtime.setup
    cfg = setup.config
    svc = known_service(setup, service)
    if preferential is not None and preferential not in {
        c.code for c in cfg.preferential_categories
    }:
        raise ApiError("INVALID_REQUEST", campo="preferential")
    if assistance is not None:
        try:
            kind = cfg.assistance_kind(assistance)
        except KeyError:
            raise ApiError("INVALID_REQUEST", campo="assistance") from None
        if not cfg.modules_offering(assistance, service):
            raise ApiError("ASSISTANCE_NOT_OFFERED", asistencia=kind.name, servicio=svc.name)
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
            suspended=service_suspension(s, setup, service),
        )
        if refusal is not None:
            raise explain_refusal(s, day, refusal) or refusal
        prefix = cfg.service_prefix(service)
        seq = next_seq(s, ctx.db.backend, day, prefix)
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
            "assistance": assistance,
            "issued_by": actor.label,
            "issued_at": now,
            "arrival_at": now,
            "recall_count": 0,
        }
        # A plain INSERT (the busiest write of the day); the object only feeds the views.
        ticket_id = s.connection().execute(_INSERT_TICKET, row).scalar_one()
        t = Ticket(id=ticket_id, **row)
        # The whole entity's queues played forward: shared modules, call order, staffing.
        told = live.ticket_estimate(setup, queue_entry(t), now)
        record_event(
            s,
            ctx,
            setup,
            "ticket.issued",
            actor,
            now,
            t,
            people_ahead=told.people_ahead,
            estimated_wait_min=told.minutes,
            **told.fields(),
        )
        code = sign_ticket_code(
            ctx.secret, centre=cfg.centre.code, day=day, number=t.number, issued_at=setup.local(now)
        )
        result = {
            "ticket": ticket_json(t, setup),
            "people_ahead": told.people_ahead,
            "estimated_wait_min": told.minutes,
            **told.fields(),
            "code": code,
        }
        return set_result(s, result, 201)


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
    if current_of(s, m) is not None:
        raise ApiError("MODULE_BUSY", modulo=m.number)
    if m.pause_reason is not None:
        raise ApiError("MODULE_PAUSED", modulo=m.number)


def call_next(ctx: ServerContext, actor: Actor, number: int) -> dict[str, Any]:
    """Call the next citizen for this module's services, in the domain's order."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        m = own_module(s, setup, actor, number)
        _ready_to_call(s, m)
        services = setup.config.services_of_module(number)
        day = setup.day_of(now)
        live = ctx.live.ensure(s, setup, day)
        offered = setup.config.module(number).assistance
        entry = next_for_module(
            live.call_candidates(services), services, now, setup.ordering, offered
        )
        t = load_ticket(s, entry.ticket_id) if entry is not None else None
        if t is not None and (t.status != TicketStatus.ISSUED.value or t.day != day):
            # The live queues disagree with the table: trust the table, and say so.
            log.error("live queues out of step at ticket %s; reading them again", t.id)
            ctx.live.invalidate()
            entry = next_for_module(
                call_candidates(s, day, services), services, now, setup.ordering, offered
            )
            t = load_ticket(s, entry.ticket_id) if entry is not None else None
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
        m = own_module(s, setup, actor, number)
        _ready_to_call(s, m)
        t = load_ticket(s, ticket_id)
        if t.day != setup.day_of(now):
            raise ApiError("UNKNOWN_TICKET", turno=t.number)
        if t.service_code not in setup.config.services_of_module(number):
            raise ApiError("SERVICE_NOT_IN_MODULE", servicio=t.service_code, modulo=number)
        if t.assistance is not None and t.assistance not in setup.config.module(number).assistance:
            raise ApiError(
                "ASSISTANCE_NOT_AT_MODULE",
                turno=t.number,
                asistencia=ticket_json(t, setup)["assistance_name"],
                modulo=number,
            )
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
        m = own_module(s, setup, actor, number)
        t = require_current(s, m)
        if action is TicketAction.RETURN_TO_QUEUE:
            return_to_queue(s, ctx, setup, actor, now, t)
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
    target = known_service(setup, service)
    with ctx.db.write() as s:
        now = ctx.clock.now()
        if module is not None:
            m = own_module(s, setup, actor, module)
            t = require_current(s, m)
            if t.id != ticket_id:
                raise ApiError("MODULE_NOT_YOURS", modulo=module)
        else:
            m = None
            t = load_ticket(s, ticket_id)
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
        seq = next_seq(s, ctx.db.backend, t.day, prefix)
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
            assistance=t.assistance,
            # The number on the citizen's paper: the call screen shows it beside the new one.
            origin_number=t.origin_number or t.number,
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
            people_ahead=people_ahead_of_new(
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
        t = load_ticket(s, ticket_id)
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
        t = load_ticket(s, ticket_id)
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
        return ticket_json(load_ticket(s, ticket_id), ctx.runtime.setup)
