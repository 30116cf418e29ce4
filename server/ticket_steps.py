"""The steps shared by ticket and module operations: numbers, lookups, transitions, events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from macturnos.domain.queue import people_ahead_of
from macturnos.domain.tickets import TicketAction, TicketState, TicketStatus, apply_action
from macturnos.server.auth import Actor
from macturnos.server.changes import emit
from macturnos.server.context import ServerContext
from macturnos.server.db.models import NumberCounter, Ticket
from macturnos.server.errors import ApiError
from macturnos.server.live import LiveDay
from macturnos.server.reads import queue_entry
from macturnos.server.runtime import CentreSetup


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


def next_seq(session: Session, backend: str, day: date, prefix: str) -> int:
    """Atomically take the next number of a prefix on a day (never twice, never skipped)."""
    stmt = _NEXT_SEQ["postgresql" if backend == "postgresql" else "sqlite"]
    return int(session.connection().execute(stmt, {"day": day, "prefix": prefix}).scalar_one())


def known_service(setup: CentreSetup, code: str) -> Any:
    """The configured service with this code, or the refusal that it does not exist."""
    try:
        return setup.config.service(code)
    except KeyError:
        raise ApiError("UNKNOWN_SERVICE", servicio=code) from None


def load_ticket(session: Session, ticket_id: int) -> Ticket:
    """The ticket with this id, or the refusal that it does not exist."""
    t = session.get(Ticket, ticket_id)
    if t is None:
        raise ApiError("UNKNOWN_TICKET", turno=str(ticket_id))
    return t


def apply_transition(t: Ticket, action: TicketAction, setup: CentreSetup) -> None:
    state = apply_action(
        TicketState(TicketStatus(t.status), t.recall_count),
        action,
        max_recalls=setup.config.rules.max_recalls,
    )
    t.status = state.status.value
    t.recall_count = state.recall_count


def people_ahead_of_new(live: LiveDay, setup: CentreSetup, t: Ticket, now: datetime) -> int:
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


def return_to_queue(
    s: Session,
    ctx: ServerContext,
    setup: CentreSetup,
    actor: Actor,
    now: datetime,
    t: Ticket,
    **extra: Any,
) -> None:
    """Put a called ticket back in its queue, at its place, with its event."""
    module = t.module_number
    apply_transition(t, TicketAction.RETURN_TO_QUEUE, setup)
    t.called_at = None
    t.module_number = None
    t.advisor_id = None
    record_event(s, ctx, setup, "ticket.returned", actor, now, t, module=module, **extra)
