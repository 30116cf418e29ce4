"""The complaints and compliments book: record an entry, follow it to its answer.

Each change is one transaction with its `complaint.*` event (the day's reports and the
PCM see how many were filed, about which entity, and whether they were answered in
time). The events never carry the complainant's identity or the text: those stay in
the `complaints` table, and only the coordinator reads them (Ley 29733; the PCM gets
what it must to follow the deadlines, docs/citizen.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from macturnos.domain.complaints import (
    KINDS,
    STATES,
    Complainant,
    answer_deadline,
    check_entry,
    complaint_number,
    move,
)
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.db.complaint_models import Complaint
from macturnos.server.errors import ApiError
from macturnos.server.idempotency import set_result
from macturnos.server.runtime import CentreSetup
from macturnos.server.ticket_steps import load_ticket, record_event

READS_IDENTITY = frozenset({Role.COORDINATOR})
"""Who reads the complainant's identity and the text (the book's keeper)."""


def register(
    ctx: ServerContext,
    actor: Actor,
    kind: str,
    text: str,
    who: Complainant | None,
    *,
    ticket_id: int | None = None,
    entity: str | None = None,
    module: int | None = None,
) -> dict[str, Any]:
    """Record an entry; answers its receipt (number, kind, date, deadline)."""
    check_entry(kind, text, who)
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        day = setup.day_of(now)
        row = Complaint(
            kind=kind,
            state="registered",
            text=text.strip(),
            day=day,
            filed_at=now,
            filed_by=actor.label,
            deadline=answer_deadline(day, _holidays(setup)),
        )
        _about(s, setup, row, ticket_id, entity, module)
        if who is not None:
            row.complainant_name = who.name.strip()
            row.document_type = who.document_type
            row.document_number = who.document_number
            row.contact = who.contact.strip()
        row.year = day.year
        row.seq = _next_seq(s, day.year)
        row.number = complaint_number(row.year, row.seq)
        s.add(row)
        s.flush()
        _event(s, ctx, setup, "complaint.registered", actor, row)
        return set_result(s, receipt(row, setup), 201)


def advance(
    ctx: ServerContext, actor: Actor, number: str, to: str, answer: str | None
) -> dict[str, Any]:
    """Take an entry in hand (`in_progress`) or record its answer (`answered`)."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        row = _load(s, number)
        row.state = move(row.state, to)
        if to == "answered":
            if not answer or not answer.strip():
                raise ApiError("COMPLAINT_INVALID", campo="answer")
            now = ctx.clock.now()
            row.answer, row.answered_at, row.answered_by = answer.strip(), now, actor.label
        _event(s, ctx, setup, f"complaint.{to}", actor, row)
        return set_result(s, entry_json(row, setup, with_identity=True))


def entries(ctx: ServerContext, actor: Actor, state: str | None = None) -> list[dict[str, Any]]:
    """The book, newest first: identity and text for the coordinator only."""
    if state is not None and state not in STATES:
        raise ApiError("INVALID_REQUEST", campo="state")
    setup = ctx.runtime.setup
    query = select(Complaint).order_by(Complaint.id.desc()).limit(500)
    if state is not None:
        query = query.where(Complaint.state == state)
    with ctx.db.read() as s:
        rows = s.scalars(query).all()
        today = setup.day_of(ctx.clock.now())
        identity = actor.role in READS_IDENTITY
        return [entry_json(r, setup, with_identity=identity, today=today) for r in rows]


def entry(ctx: ServerContext, actor: Actor, number: str) -> dict[str, Any]:
    """One entry (identity and text for the coordinator only)."""
    setup = ctx.runtime.setup
    with ctx.db.read() as s:
        row = _load(s, number)
        return entry_json(
            row,
            setup,
            with_identity=actor.role in READS_IDENTITY,
            today=setup.day_of(ctx.clock.now()),
        )


def receipt(row: Complaint, setup: CentreSetup) -> dict[str, Any]:
    """What the citizen takes away: the number to ask about it and when it is due."""
    return {
        "number": row.number,
        "kind": row.kind,
        "kind_name": KINDS[row.kind],
        "filed_at": row.filed_at.isoformat(),
        "deadline": row.deadline.isoformat(),
        "entity": row.entity_code,
        "entity_name": _entity_name(setup, row.entity_code),
        "centre": setup.config.centre.name,
    }


def entry_json(
    row: Complaint, setup: CentreSetup, *, with_identity: bool, today: date | None = None
) -> dict[str, Any]:
    """An entry as the monitor (no identity) or the coordinator (all of it) sees it."""
    out = receipt(row, setup) | {
        "state": row.state,
        "state_name": STATES[row.state],
        "service": row.service_code,
        "module": row.module_number,
        "overdue": today is not None and row.state != "answered" and today > row.deadline,
        "answered_at": row.answered_at.isoformat() if row.answered_at else None,
    }
    if with_identity:
        out |= {
            "text": row.text,
            "complainant": None
            if row.complainant_name is None
            else {
                "name": row.complainant_name,
                "document_type": row.document_type,
                "document_number": row.document_number,
                "contact": row.contact,
            },
            "answer": row.answer,
            "filed_by": row.filed_by,
        }
    return out


def _about(
    s: Session,
    setup: CentreSetup,
    row: Complaint,
    ticket_id: int | None,
    entity: str | None,
    module: int | None,
) -> None:
    """What the entry is about: a ticket (and so its entity, module and advisor) or less."""
    if ticket_id is not None:
        t = load_ticket(s, ticket_id)
        row.ticket_id, row.entity_code, row.service_code = t.id, t.entity_code, t.service_code
        row.module_number, row.advisor_id = t.module_number, t.advisor_id
        return
    if entity is not None:
        try:
            setup.config.entity(entity)
        except KeyError:
            raise ApiError("COMPLAINT_INVALID", campo="entity") from None
    if module is not None:
        try:
            entity = entity or setup.config.module(module).entity
        except KeyError:
            raise ApiError("COMPLAINT_INVALID", campo="module") from None
    row.entity_code, row.module_number = entity, module


def _event(
    s: Session, ctx: ServerContext, setup: CentreSetup, kind: str, actor: Actor, row: Complaint
) -> None:
    record_event(
        s,
        ctx,
        setup,
        kind,
        actor,
        ctx.clock.now(),
        module=row.module_number,
        number=row.number,
        complaint_kind=row.kind,
        state=row.state,
        entity=row.entity_code,
        service=row.service_code,
        advisor_id=row.advisor_id,
        ticket_id=row.ticket_id,
        filed=row.day.isoformat(),
        deadline=row.deadline.isoformat(),
    )


def _next_seq(s: Session, year: int) -> int:
    # Writers are serialised (`Database.write`), so the year's next number is free.
    last = s.scalar(select(func.max(Complaint.seq)).where(Complaint.year == year))
    return int(last or 0) + 1


def _load(s: Session, number: str) -> Complaint:
    row = s.scalar(select(Complaint).where(Complaint.number == number))
    if row is None:
        raise ApiError("UNKNOWN_COMPLAINT", numero=number)
    return row


def _holidays(setup: CentreSetup) -> frozenset[date]:
    return frozenset(h.date for h in setup.config.holidays)


def _entity_name(setup: CentreSetup, code: str | None) -> str | None:
    if code is None:
        return None
    try:
        ent = setup.config.entity(code)
    except KeyError:
        return code
    return ent.short_name or ent.name
