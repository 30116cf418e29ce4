"""The unit of work of a write transaction: its events, rendered just before commit.

An operation changes tickets and modules and says what happened with `emit`
(the kind, the ticket, the module, a few plain facts). The event is numbered
at once, so the log keeps the order of the calls, but its JSON (the ticket,
the module, the queue figures) are rendered only when the transaction is about
to commit (`Database.write` runs the session's "before_commit" hooks), after
every change of the transaction. No event can then describe a state other
than the one committed, whatever order the operation wrote its rows in.

The live queues (`server.live`) take each change at the same moment, from
the very rows the events describe, so an event's queue figures count it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from macturnos.server.auth import Actor
from macturnos.server.context import ServerContext
from macturnos.server.db.models import Ticket
from macturnos.server.events import append_event, reserve_seq
from macturnos.server.reads import estimate_for, module_json, ticket_json, waiting_count
from macturnos.server.runtime import CentreSetup

BEFORE_COMMIT = "before_commit"
"""`session.info` key: callables `Database.write` runs just before it commits."""
_KEY = "changes"


@dataclass
class _Emitted:
    seq: int
    kind: str
    actor: str
    at: datetime
    setup: CentreSetup
    ticket: Ticket | None
    module: int | None
    extra: dict[str, Any]


@dataclass
class Changes:
    """The events a transaction emitted, waiting to be rendered (see the module's doc)."""

    ctx: ServerContext
    pending: list[_Emitted] = field(default_factory=list)

    def flush(self, session: Session) -> None:
        """Render and append every pending event, in the order they were emitted."""
        pending, self.pending = self.pending, []
        if pending:
            session.flush()  # module views read the tickets table
        for e in pending:
            self._write(session, e)

    def _write(self, session: Session, e: _Emitted) -> None:
        ctx, setup, t = self.ctx, e.setup, e.ticket
        data: dict[str, Any] = {
            # A ticket given as a fact (a transfer's new ticket) is shown as committed too.
            k: ticket_json(v, setup) if isinstance(v, Ticket) else v
            for k, v in e.extra.items()
        }
        live = ctx.live.ensure(session, setup, setup.day_of(e.at))
        ctx.live.touched()
        if t is not None:
            data["ticket"] = ticket_json(t, setup)
            live.apply_row(t)
            if t.day == live.day:
                data["queue"] = live.queue_data(setup, t.service_code, e.at)
                # Services sharing its modules: their newcomers wait one call more or less.
                if e.module is None and (shared := setup.sharing(t.service_code)):
                    data["queues"] = [live.queue_data(setup, svc, e.at) for svc in shared]
            else:  # closing an earlier day's tickets: that day's queue, from the table
                waiting = waiting_count(session, t.day, t.service_code)
                data["queue"] = {
                    "service": t.service_code,
                    "waiting": waiting,
                    "estimated_wait_min": estimate_for(
                        session, setup, t.service_code, waiting, t.day
                    ),
                }
        if e.module is not None:
            data["module"] = module_json(session, setup, e.module)
            live.apply_module_json(data["module"])
            if t is None:
                # Staffing changed: the estimates of the module's services moved.
                data["queues"] = [
                    live.queue_data(setup, svc, e.at)
                    for svc in setup.config.services_of_module(e.module)
                ]
        ev = append_event(
            session,
            kind=e.kind,
            actor=e.actor,
            at=e.at,
            day=t.day if t is not None else setup.day_of(e.at),
            data=data,
            ticket_id=t.id if t is not None else None,
            module_number=e.module,
            seq=e.seq,
        )
        ctx.live.applied(ev["seq"])


def emit(
    session: Session,
    ctx: ServerContext,
    setup: CentreSetup,
    kind: str,
    actor: Actor,
    now: datetime,
    ticket: Ticket | None = None,
    module: int | None = None,
    **extra: Any,
) -> None:
    """Say that `kind` happened to a ticket and/or a module in this transaction.

    `extra` holds plain facts (a reason, people ahead); a `Ticket` among them
    is rendered at commit like the event's own ticket.
    """
    changes = session.info.get(_KEY)
    if changes is None:
        changes = session.info[_KEY] = Changes(ctx)
        hooks: list[Callable[[Session], None]] = session.info.setdefault(BEFORE_COMMIT, [])
        hooks.append(changes.flush)
    changes.pending.append(
        _Emitted(
            seq=reserve_seq(session),
            kind=kind,
            actor=actor.label,
            at=now,
            setup=setup,
            ticket=ticket,
            module=module,
            extra=extra,
        )
    )
