"""Closing time: the tickets still open, closing them "no atendido por cierre", the seal.

At closing time the pending tickets are listed and settled, and the day is
sealed with its summary (`day.sealed`, `day.summary`). Numbering starts again the
next day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.hours import format_clock
from macturnos.domain.opening import (
    CLOSABLE_STATUSES,
    END_OF_DAY_REASON,
    PENDING_STATUSES,
    ClosingPhase,
    can_seal,
    closing_phase,
    closing_warning_at,
)
from macturnos.domain.tickets import TicketAction, TicketStatus
from macturnos.messages import day_text
from macturnos.server.auth import Actor
from macturnos.server.context import ServerContext
from macturnos.server.day.records import day_row
from macturnos.server.day.summary import summary_record
from macturnos.server.db.day_models import DaySummaryRecord
from macturnos.server.db.models import CentreDay, ModuleSession, Ticket
from macturnos.server.errors import ApiError
from macturnos.server.events import append_event
from macturnos.server.idempotency import set_result
from macturnos.server.reads import ordered_waiting, ticket_json
from macturnos.server.runtime import CentreSetup
from macturnos.server.ticketing import apply_transition, free_module, record_event


def _pending(s: Session, day: date) -> list[Ticket]:
    statuses = [st.value for st in PENDING_STATUSES]
    return list(
        s.scalars(
            select(Ticket).where(Ticket.day == day, Ticket.status.in_(statuses)).order_by(Ticket.id)
        )
    )


def _phase(setup: CentreSetup, day: date, now: datetime) -> ClosingPhase:
    return closing_phase(
        day, setup.local(now), setup.hours_on(day), setup.config.rules.closing_warning_min
    )


def closing_list(ctx: ServerContext, day: date | None = None) -> dict[str, Any]:
    """The tickets still open at closing: waiting in call order, then called and in service."""
    setup = ctx.runtime.setup
    now = ctx.clock.now()
    day = day or setup.day_of(now)
    with ctx.db.read() as s:
        row = s.get(CentreDay, day)
        pending = _pending(s, day)
        waiting = ordered_waiting(s, setup, day, now)
        held = [t for t in pending if t.status != TicketStatus.ISSUED.value]
        phase = _phase(setup, day, now)
        hours = setup.hours_on(day)
        return {
            "day": day.isoformat(),
            "phase": phase.value,
            "closes": format_clock(hours.closes) if hours else None,
            "closing_warning_at": format_clock(
                closing_warning_at(hours, setup.config.rules.closing_warning_min)
            )
            if hours
            else None,
            "sealed": row is not None and row.sealed_at is not None,
            "waiting": [ticket_json(t, setup) for t in waiting],
            "called": [
                ticket_json(t, setup) for t in held if t.status == TicketStatus.CALLED.value
            ],
            "in_service": [
                ticket_json(t, setup) for t in held if t.status == TicketStatus.IN_SERVICE.value
            ],
            "pending": len(pending),
            "can_seal": can_seal(phase, len(pending)) and not (row and row.sealed_at),
        }


def _require_closing(setup: CentreSetup, s: Session, day: date, now: datetime) -> ClosingPhase:
    row = s.get(CentreDay, day)
    if row is not None and row.sealed_at is not None:
        raise ApiError("DAY_SEALED", dia=day.strftime("%d/%m/%Y"))
    phase = _phase(setup, day, now)
    if phase is ClosingPhase.OPEN:
        hours = setup.hours_on(day)
        assert hours is not None  # a day without hours is never OPEN
        at = closing_warning_at(hours, setup.config.rules.closing_warning_min)
        raise ApiError("DAY_NOT_CLOSING", hora=format_clock(at))
    return phase


def _chosen(s: Session, day: date, ticket_ids: Sequence[int] | None) -> list[Ticket]:
    """The closable tickets (waiting or called): all of them, or those listed."""
    closable = {t.id: t for t in _pending(s, day) if TicketStatus(t.status) in CLOSABLE_STATUSES}
    if ticket_ids is None:
        return list(closable.values())
    chosen = []
    for ticket_id in dict.fromkeys(ticket_ids):
        t = closable.get(ticket_id)
        if t is None:
            raise ApiError("UNKNOWN_TICKET", turno=str(ticket_id))
        chosen.append(t)
    return chosen


def close_remaining(
    ctx: ServerContext,
    actor: Actor,
    day: date | None = None,
    ticket_ids: Sequence[int] | None = None,
) -> dict[str, Any]:
    """Close waiting and called tickets as "no atendido por cierre" (all, or those listed).

    Tickets in service are left to their advisors to finish.
    """
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        day = day or setup.day_of(now)
        _require_closing(setup, s, day, now)
        closed = []
        for t in _chosen(s, day, ticket_ids):
            module = t.module_number
            apply_transition(t, TicketAction.CLOSE_AT_END_OF_DAY, setup)
            t.ended_at = now
            t.end_reason = END_OF_DAY_REASON
            free_module(s, module, now)  # a called ticket was its module's current one
            record_event(
                s,
                ctx,
                setup,
                "ticket.closed_at_end_of_day",
                actor,
                now,
                t,
                module=module,
                reason=END_OF_DAY_REASON,
                reason_name=day_text("closed_at_end_of_day"),
            )
            closed.append(ticket_json(t, setup))
        return set_result(s, {"day": day.isoformat(), "closed": closed, "count": len(closed)})


def seal_day(ctx: ServerContext, actor: Actor, day: date | None = None) -> dict[str, Any]:
    """Seal the day once no ticket is left open, and produce and keep its summary.

    The modules still staffed are closed; `day.sealed` and `day.summary` (the
    figures, for the PCM) are appended. Numbering starts again the next day.
    """
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        day = day or setup.day_of(now)
        _require_closing(setup, s, day, now)
        # A day the centre never opened has nothing to seal: sealing it would
        # still send the PCM a summary and a `day.sealed` for it (2020-01-02 did).
        opened = s.get(CentreDay, day)
        if opened is None or opened.opened_at is None:
            raise ApiError("DAY_NOT_OPENED", dia=day.strftime("%d/%m/%Y"))
        pending = _pending(s, day)
        in_service = [t for t in pending if t.status == TicketStatus.IN_SERVICE.value]
        if in_service:
            raise ApiError("DAY_IN_SERVICE_TICKETS", cantidad=len(in_service))
        if pending:
            raise ApiError("DAY_HAS_PENDING_TICKETS", cantidad=len(pending))
        row = day_row(s, day)
        row.sealed_at = now
        if day == setup.day_of(now):
            _close_modules(s, ctx, setup, actor, now)
        summary = summary_record(s, setup, day, now, provisional=False)
        s.add(DaySummaryRecord(day=day, produced_at=now, produced_by=actor.label, data=summary))
        append_event(
            s, kind="day.sealed", actor=actor.label, at=now, day=day, data={"day": day.isoformat()}
        )
        append_event(s, kind="day.summary", actor=actor.label, at=now, day=day, data=summary)
        return set_result(s, summary)


def _close_modules(
    s: Session, ctx: ServerContext, setup: CentreSetup, actor: Actor, now: datetime
) -> None:
    """Close every module still staffed (`module.closed`)."""
    for m in s.scalars(select(ModuleSession).where(ModuleSession.advisor_id.is_not(None))):
        m.advisor_id = None
        m.pause_reason = None
        m.pause_note = None
        m.since = now
        record_event(s, ctx, setup, "module.closed", actor, now, module=m.number)
