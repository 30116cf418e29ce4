"""The citizen's rating of a finished attention: given on a phone or a survey tablet.

One transaction per rating with its `survey.rated` event (so the day's reports and
the PCM sync see it like any other fact). The event carries the score, the reason
and who served where, never the comment: free text a citizen may have put a name or
a DNI in stays in the `ratings` table, read only by the centre's staff.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.survey import RatingInput, just_finished, may_rate
from macturnos.domain.tickets import TicketStatus
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.db.models import Ticket, User
from macturnos.server.db.survey_models import Rating
from macturnos.server.errors import ApiError
from macturnos.server.idempotency import set_result
from macturnos.server.runtime import CentreSetup
from macturnos.server.ticket_steps import load_ticket, record_event

CITIZEN = Actor(role=None, label="citizen:phone", name="Ciudadano")
"""Who rates from the follow-your-turn page: the holder of the ticket's signed code."""

SEES_EVERY_RATING = frozenset({Role.SUPERVISOR, Role.COORDINATOR})


def rate(
    ctx: ServerContext, actor: Actor, ticket_id: int, given: RatingInput, channel: str
) -> dict[str, Any]:
    """Record the rating of a finished ticket (once: ALREADY_RATED after that)."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        return set_result(
            s, _rate(s, ctx, setup, actor, load_ticket(s, ticket_id), given, channel), 201
        )


def rate_at_module(
    ctx: ServerContext, actor: Actor, module: int, ticket_id: int, given: RatingInput
) -> dict[str, Any]:
    """A survey tablet's rating: only of the attention just finished at its module."""
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        t = _just_finished_at(s, setup, module, ctx)
        if t is None or t.id != ticket_id:
            raise ApiError("NOTHING_TO_RATE", modulo=module)
        return set_result(s, _rate(s, ctx, setup, actor, t, given, "tablet"), 201)


def pending_at_module(ctx: ServerContext, module: int) -> dict[str, Any]:
    """What a survey tablet at `module` offers to rate: the attention just finished there."""
    setup = ctx.runtime.setup
    with ctx.db.read() as s:
        t = _just_finished_at(s, setup, module, ctx)
        if t is None:
            return {"module": module, "ticket": None}
        return {"module": module, "ticket": _public_ticket(t, setup)}


def ratings_of_day(ctx: ServerContext, actor: Actor, day: date | None) -> dict[str, Any]:
    """A day's ratings: all for supervisors and the coordinator, an advisor's own for them."""
    setup = ctx.runtime.setup
    day = day or setup.day_of(ctx.clock.now())
    query = (
        select(Rating, Ticket.number, User.full_name)
        .join(Ticket, Ticket.id == Rating.ticket_id)
        .outerjoin(User, User.id == Rating.advisor_id)
        .where(Rating.day == day)
    )
    if actor.role not in SEES_EVERY_RATING:
        query = query.where(Rating.advisor_id == actor.user_id)
    with ctx.db.read() as s:
        rows = s.execute(query.order_by(Rating.at)).all()
    scores = [r.score for r, _n, _a in rows]
    return {
        "day": day.isoformat(),
        "count": len(scores),
        "mean": round(sum(scores) / len(scores), 2) if scores else None,
        "by_score": {str(k): scores.count(k) for k in range(1, 6)},
        "ratings": [
            {
                "number": number,
                "entity": r.entity_code,
                "service": r.service_code,
                "module": r.module_number,
                "advisor": advisor,
                "score": r.score,
                "reason": r.reason,
                "comment": r.comment,
                "channel": r.channel,
                "at": r.at.isoformat(),
            }
            for r, number, advisor in rows
        ],
    }


def _rate(
    s: Session,
    ctx: ServerContext,
    setup: CentreSetup,
    actor: Actor,
    t: Ticket,
    given: RatingInput,
    channel: str,
) -> dict[str, Any]:
    may_rate(t.status, t.ended_at)
    if s.get(Rating, t.id) is not None:
        raise ApiError("ALREADY_RATED")
    now = ctx.clock.now()
    row = Rating(
        ticket_id=t.id,
        day=t.day,
        at=now,
        channel=channel,
        score=given.score,
        reason=given.reason,
        comment=given.comment,
        entity_code=t.entity_code,
        service_code=t.service_code,
        module_number=t.module_number,
        advisor_id=t.advisor_id,
    )
    s.add(row)
    waited = (t.called_at - t.arrival_at).total_seconds() / 60 if t.called_at else None
    record_event(
        s,
        ctx,
        setup,
        "survey.rated",
        actor,
        now,
        t,
        module=t.module_number,
        score=given.score,
        reason=given.reason,
        channel=channel,
        advisor_id=t.advisor_id,
        has_comment=given.comment is not None,
        wait_min=round(waited, 1) if waited is not None else None,
    )
    return {"ticket_id": t.id, "number": t.number, "score": given.score, "reason": given.reason}


def _just_finished_at(
    s: Session, setup: CentreSetup, module: int, ctx: ServerContext
) -> Ticket | None:
    now = ctx.clock.now()
    t = s.scalar(
        select(Ticket)
        .where(
            Ticket.day == setup.day_of(now),
            Ticket.module_number == module,
            Ticket.status == TicketStatus.FINISHED.value,
        )
        .order_by(Ticket.ended_at.desc())
        .limit(1)
    )
    if t is None or not just_finished(t.ended_at, now) or s.get(Rating, t.id) is not None:
        return None
    return t


def _public_ticket(t: Ticket, setup: CentreSetup) -> dict[str, Any]:
    """What the tablet shows of the attention it asks about (no names, no notes)."""
    try:
        service = setup.config.service(t.service_code).name
    except KeyError:
        service = t.service_code
    return {"id": t.id, "number": t.number, "service_name": service, "module": t.module_number}
