"""Reading tickets, queues and modules: their JSON shapes (shared by the API and the events) and the queries behind them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from macturnos.domain.estimate import WaitEstimate, estimate_wait_minutes
from macturnos.domain.issuance import issuance_refusal
from macturnos.domain.queue import QueueEntry, order_queue
from macturnos.domain.tickets import PRINT_FAILED, TicketStatus
from macturnos.messages import STATUS_NAMES
from macturnos.server.db.models import ModuleSession, Ticket, User
from macturnos.server.gate import day_opened, explain_refusal
from macturnos.server.live import LiveDay
from macturnos.server.runtime import CentreSetup
from macturnos.server.suspended import reason_for, suspended_reasons

ACTIVE = (TicketStatus.CALLED.value, TicketStatus.IN_SERVICE.value)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def ticket_json(t: Ticket, setup: CentreSetup) -> dict[str, Any]:
    """What clients see of a ticket (never personal data)."""
    cfg = setup.config
    try:
        svc = cfg.service(t.service_code)
        service_name = svc.name
    except KeyError:  # service removed from the configuration during the day
        service_name = t.service_code
    try:
        ent = cfg.entity(t.entity_code)
        entity_name, colour = ent.short_name or ent.name, ent.colour
    except KeyError:
        entity_name, colour = t.entity_code, "#444444"
    return {
        "id": t.id,
        "number": t.number,
        "day": t.day.isoformat(),
        "service": t.service_code,
        "service_name": service_name,
        "entity": t.entity_code,
        "entity_name": entity_name,
        "colour": colour,
        "status": t.status,
        "status_name": STATUS_NAMES.get(TicketStatus(t.status), t.status),
        "preferential": t.preferential,
        "appointment_at": _iso(t.appointment_at),
        "channel": t.channel,
        "issued_at": _iso(t.issued_at),
        "arrival_at": _iso(t.arrival_at),
        "called_at": _iso(t.called_at),
        "started_at": _iso(t.started_at),
        "ended_at": _iso(t.ended_at),
        "recall_count": t.recall_count,
        "module": t.module_number,
        # Where to go: the called module's floor and wing, else where the service is attended.
        "location": (
            cfg.module_location(t.module_number)
            if t.module_number is not None
            else cfg.service_location(t.service_code)
        ),
        "origin_ticket_id": t.origin_ticket_id,
        # A transferred ticket: the number on the citizen's paper, called beside the new one.
        "origin_number": t.origin_number,
        "assistance": t.assistance,
        "assistance_name": _assistance_name(setup, t.assistance),
        "end_reason": t.end_reason,
        "note": t.note,
    }


def _assistance_name(setup: CentreSetup, code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return setup.config.assistance_kind(code).name
    except KeyError:  # removed from the configuration during the day
        return code


def queue_entry(t: Ticket) -> QueueEntry:
    """The domain's picture of a waiting ticket (`domain.queue.QueueEntry`)."""
    return QueueEntry(
        ticket_id=t.id,
        service_code=t.service_code,
        arrival_at=t.arrival_at,
        preferential=t.preferential is not None,
        appointment_at=t.appointment_at,
        assistance=t.assistance,
    )


def waiting_tickets(session: Session, day: date, services: list[str] | None = None) -> list[Ticket]:
    """Today's tickets waiting to be called, optionally of some services."""
    q = select(Ticket).where(Ticket.day == day, Ticket.status == TicketStatus.ISSUED.value)
    if services is not None:
        q = q.where(Ticket.service_code.in_(services))
    return list(session.scalars(q))


def _waiting(day: date, services: list[str]) -> Any:
    return (
        Ticket.day == day,
        Ticket.status == TicketStatus.ISSUED.value,
        Ticket.service_code.in_(services),
    )


def _is_special() -> Any:
    """`not domain.queue.is_plain` as an SQL condition on Ticket."""
    return or_(
        Ticket.preferential.is_not(None),
        Ticket.appointment_at.is_not(None),
        Ticket.assistance.is_not(None),
    )


def counts_against_capacity() -> tuple[Any, ...]:
    """`domain.tickets.counts_against_capacity` as SQL conditions on Ticket."""
    return (
        Ticket.origin_ticket_id.is_(None),
        Ticket.appointment_at.is_(None),
        Ticket.end_reason.is_distinct_from(PRINT_FAILED),
    )


def _entries(session: Session, q: Any) -> list[QueueEntry]:
    return [
        QueueEntry(
            ticket_id=tid,
            service_code=svc,
            arrival_at=arrival,
            preferential=pref is not None,
            appointment_at=appt,
            assistance=assistance,
        )
        for tid, svc, arrival, pref, appt, assistance in session.execute(q)
    ]


_ENTRY_COLUMNS = (
    Ticket.id,
    Ticket.service_code,
    Ticket.arrival_at,
    Ticket.preferential,
    Ticket.appointment_at,
    Ticket.assistance,
)


def special_entries(session: Session, day: date, services: list[str]) -> list[QueueEntry]:
    """Waiting tickets with preference or an appointment (the few that jump the arrival order)."""
    return _entries(session, select(*_ENTRY_COLUMNS).where(*_waiting(day, services), _is_special()))


def plain_waiting_count(session: Session, day: date, service: str) -> int:
    """Waiting walk-ins of a service without preference or appointment."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(*_waiting(day, [service]), ~_is_special())
        )
        or 0
    )


def call_candidates(session: Session, day: date, services: list[str]) -> list[QueueEntry]:
    """The tickets that can be next: the special ones and the oldest plain walk-in.

    Among plain walk-ins only the earliest arrival can be next
    (`macturnos.domain.queue.is_plain`), so the rest need not be read.
    """
    oldest = select(*_ENTRY_COLUMNS).where(*_waiting(day, services), ~_is_special())
    oldest = oldest.order_by(Ticket.arrival_at, Ticket.id).limit(1)
    return special_entries(session, day, services) + _entries(session, oldest)


def waiting_count(session: Session, day: date, service: str) -> int:
    """How many tickets of a service wait to be called."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(
                Ticket.day == day,
                Ticket.service_code == service,
                Ticket.status == TicketStatus.ISSUED.value,
            )
        )
        or 0
    )


def ordered_waiting(
    session: Session,
    setup: CentreSetup,
    day: date,
    now: datetime,
    services: list[str] | None = None,
) -> list[Ticket]:
    """Waiting tickets in the order they will be called."""
    tickets = {t.id: t for t in waiting_tickets(session, day, services)}
    order = order_queue([queue_entry(t) for t in tickets.values()], now, setup.ordering)
    return [tickets[e.ticket_id] for e in order]


def staffed_modules(session: Session) -> set[int]:
    """Numbers of the modules with an advisor who is not on a pause."""
    return set(
        session.scalars(
            select(ModuleSession.number).where(
                ModuleSession.advisor_id.is_not(None), ModuleSession.pause_reason.is_(None)
            )
        )
    )


def recent_service_minutes(session: Session, service: str, day: date, sample: int) -> list[float]:
    """Durations of the latest finished attentions of a service, in minutes."""
    rows = session.execute(
        select(Ticket.started_at, Ticket.ended_at)
        .where(
            Ticket.day == day,
            Ticket.service_code == service,
            Ticket.status == TicketStatus.FINISHED.value,
        )
        .order_by(Ticket.ended_at.desc())
        .limit(sample)
    )
    return [(end - start).total_seconds() / 60 for start, end in rows if start is not None and end]


def estimate_for(
    session: Session,
    setup: CentreSetup,
    service: str,
    people_ahead: int,
    day: date,
    staffed: set[int] | None = None,
    recent: list[float] | None = None,
) -> int | None:
    """Estimated wait in minutes for someone with `people_ahead` before them.

    `staffed` and `recent` may be given when the caller already read them.
    """
    staffed = staffed_modules(session) if staffed is None else staffed
    cfg = setup.config
    serving = sum(1 for n in cfg.modules_serving(service) if n in staffed)
    if recent is None:
        recent = recent_service_minutes(session, service, day, cfg.rules.recent_service_sample)
    return estimate_wait_minutes(people_ahead, serving, recent, cfg.rules.default_service_minutes)


def issued_count(session: Session, day: date, service: str) -> int:
    """Tickets of a service issued today that count against its capacity."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.day == day, Ticket.service_code == service, *counts_against_capacity())
        )
        or 0
    )


def queue_summaries(session: Session, setup: CentreSetup, now: datetime) -> list[dict[str, Any]]:
    """Every service with its waiting count, longest wait, estimate and availability."""
    cfg = setup.config
    day = setup.day_of(now)
    local = setup.local(now)
    hours = setup.hours_on(day)
    opened = day_opened(session, day)
    # The same forecast as the write path's (shared modules, call order, staffing).
    live = LiveDay.load(session, setup, day, 0)
    waiting: dict[str, list[Ticket]] = {}
    for t in waiting_tickets(session, day):
        waiting.setdefault(t.service_code, []).append(t)
    issued = dict(
        session.execute(
            select(Ticket.service_code, func.count())
            .where(Ticket.day == day, *counts_against_capacity())
            .group_by(Ticket.service_code)
        ).all()
    )
    suspended = suspended_reasons(session)
    out = []
    for svc in cfg.services:
        queue = waiting.get(svc.code, [])
        refusal = explain_refusal(
            session,
            day,
            issuance_refusal(
                setup.service_rules(svc.code),
                local,
                issued.get(svc.code, 0),
                hours,
                centre_opened=opened,
                suspended=reason_for(suspended, setup, svc.code),
            ),
        )
        longest = max(((now - t.arrival_at).total_seconds() for t in queue), default=0.0)
        out.append(
            {
                "service": svc.code,
                "service_name": svc.name,
                "entity": svc.entity,
                "waiting": len(queue),
                "longest_wait_s": int(longest),
                **_newcomer_fields(live.newcomer_estimate(setup, svc.code, now)),
                "target_wait_min": cfg.service_target_wait(svc.code),
                "issued_today": issued.get(svc.code, 0),
                "daily_capacity": svc.daily_capacity,
                "available": refusal is None,
                "unavailable_code": refusal.code if refusal else None,
                "unavailable_reason": refusal.message if refusal else None,
            }
        )
    return out


def _newcomer_fields(told: WaitEstimate) -> dict[str, Any]:
    return {
        "estimated_wait_min": told.minutes,
        "estimated_wait_low_min": told.low,
        "estimated_wait_high_min": told.high,
    }


def module_state(m: ModuleSession | None, current: Ticket | None) -> str:
    """free, calling, serving, paused or closed: derived, never stored."""
    if m is None or m.advisor_id is None:
        return "closed"
    if current is not None and current.status == TicketStatus.CALLED.value:
        return "calling"
    if current is not None and current.status == TicketStatus.IN_SERVICE.value:
        return "serving"
    if m.pause_reason is not None:
        return "paused"
    return "free"


def current_at(session: Session, number: int) -> Ticket | None:
    """The ticket called or in service at a module now (the one owner of that fact)."""
    return session.scalar(
        select(Ticket)
        .where(Ticket.module_number == number, Ticket.status.in_(ACTIVE))
        .order_by(Ticket.id.desc())
        .limit(1)
    )


def module_views(
    session: Session, setup: CentreSetup, numbers: list[int] | None = None
) -> list[dict[str, Any]]:
    """Configured modules (all, or `numbers`) with advisor, state and current ticket."""
    q = select(ModuleSession)
    if numbers is not None:
        q = q.where(ModuleSession.number.in_(numbers))
    sessions = {m.number: m for m in session.scalars(q)}
    staffed = [n for n, m in sessions.items() if m.advisor_id is not None]
    tickets: dict[int, Ticket] = {}
    if staffed:
        # Oldest first, so that the newest wins if the table ever held two.
        for t in session.scalars(
            select(Ticket)
            .where(Ticket.module_number.in_(staffed), Ticket.status.in_(ACTIVE))
            .order_by(Ticket.id)
        ):
            assert t.module_number is not None
            tickets[t.module_number] = t
    user_ids = [m.advisor_id for m in sessions.values() if m.advisor_id]
    users = (
        {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids)))}
        if user_ids
        else {}
    )
    out = []
    for mod in setup.config.modules:
        if numbers is not None and mod.number not in numbers:
            continue
        m = sessions.get(mod.number)
        current = tickets.get(mod.number) if m and m.advisor_id else None
        advisor = users.get(m.advisor_id) if m and m.advisor_id else None
        out.append(_module_dict(setup, mod, m, current, advisor))
    return out


@dataclass(frozen=True)
class _Advisor:
    full_name: str
    username: str


# Accounts are never renamed (no route or command does it) and never deleted,
# so their names can be remembered as long as the database's engine lives.
_advisors: WeakKeyDictionary[Any, dict[int, _Advisor]] = WeakKeyDictionary()


def _advisor(session: Session, user_id: int) -> _Advisor | None:
    names = _advisors.setdefault(session.get_bind(), {})
    known = names.get(user_id)
    if known is None:
        user = session.get(User, user_id)
        if user is None:
            return None
        known = names[user_id] = _Advisor(user.full_name, user.username)
    return known


def module_json(session: Session, setup: CentreSetup, number: int) -> dict[str, Any]:
    """One module's JSON (rows the transaction already holds are not read again)."""
    mod = setup.config.module(number)
    m = session.get(ModuleSession, number)
    current = current_at(session, number) if m and m.advisor_id else None
    advisor = _advisor(session, m.advisor_id) if m and m.advisor_id else None
    return _module_dict(setup, mod, m, current, advisor)


def _module_dict(
    setup: CentreSetup,
    mod: Any,
    m: ModuleSession | None,
    current: Ticket | None,
    advisor: User | _Advisor | None,
) -> dict[str, Any]:
    return {
        "number": mod.number,
        "entity": mod.entity,
        "zone": mod.zone,
        "location": setup.config.module_location(mod.number),
        "services": setup.config.services_of_module(mod.number),
        "state": module_state(m, current),
        "advisor": advisor.full_name if advisor else None,
        "advisor_username": advisor.username if advisor else None,
        "pause_reason": m.pause_reason if m else None,
        "since": _iso(m.since) if m else None,
        "ticket": ticket_json(current, setup) if current else None,
    }


def recent_calls(
    session: Session, setup: CentreSetup, day: date, limit: int = 20
) -> list[dict[str, Any]]:
    """The latest calls of the day, newest first (for call screens)."""
    rows = session.scalars(
        select(Ticket)
        .where(Ticket.day == day, Ticket.called_at.is_not(None))
        .order_by(Ticket.called_at.desc(), Ticket.id.desc())
        .limit(limit)
    )
    return [ticket_json(t, setup) for t in rows]
