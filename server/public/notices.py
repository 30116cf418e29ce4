"""The hook for telling a citizen their turn is near, for a gateway plugged in later.

Nothing here sends a message: the centre calls no outside service. A gateway (an SMS
or WhatsApp service run by the PCM) is a Python package that declares an entry point
in the group `macturnos.notifiers`; the server loads each one at start and calls it:

- `near(notice)` once per ticket, when two people or fewer are ahead of it;
- `called(notice)` when it is called (with the module and where it is).

A notice holds the ticket's number, entity, service, place and signed code, never a
contact: the gateway keeps its own list of who asked to be told about which ticket
(the citizen gives it the code from the ticket's QR), so the centre stores no phone
numbers (Ley 29733). A notifier that fails or is slow never delays the centre: each
call runs in a worker thread and its errors are logged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from macturnos.domain.ticket_code import sign_ticket_code
from macturnos.domain.tickets import TicketStatus
from macturnos.server.context import ServerContext
from macturnos.server.db.models import Ticket
from macturnos.server.events import Published
from macturnos.server.public.progress import Board
from macturnos.server.reads import ticket_json

log = logging.getLogger("macturnos.server.public.notices")

ENTRY_POINT_GROUP = "macturnos.notifiers"
NEAR = 2
"""A citizen is told when this many people or fewer are ahead."""


@dataclass(frozen=True)
class TurnNotice:
    """What a gateway may tell the holder of a ticket (no contact, no personal data)."""

    code: str
    """The ticket's signed code: what the citizen gave the gateway to be told."""
    number: str
    entity_name: str
    service_name: str
    people_ahead: int | None
    module: int | None
    location: str | None


class TurnNotifier(Protocol):
    """A gateway: called from a worker thread; it must not block for long."""

    def near(self, notice: TurnNotice) -> None:
        """Two people or fewer are ahead of the ticket."""

    def called(self, notice: TurnNotice) -> None:
        """The ticket was called: go to `notice.module`."""


def installed_notifiers() -> list[TurnNotifier]:
    """The gateways installed as `macturnos.notifiers` entry points (none by default)."""
    found: list[TurnNotifier] = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            found.append(point.load()())
        except Exception:  # a broken plug-in must not stop the centre
            log.exception("notifier %s could not be loaded", point.name)
    return found


class NoticeWatcher:
    """Follows the event log and calls the notifiers at the right moments, once each."""

    def __init__(self, ctx: ServerContext, notifiers: Sequence[TurnNotifier]) -> None:
        self.ctx = ctx
        self.notifiers = list(notifiers)
        self.board = Board(ctx)
        self._told_near: set[int] = set()
        self._told_called: set[int] = set()

    async def run(self) -> None:
        """Until cancelled: after each burst of ticket or module events, look again."""
        if not self.notifiers:
            return
        sub = self.ctx.hub.subscribe()
        try:
            while True:
                items = [await sub.queue.get()]
                while not sub.queue.empty():
                    items.append(sub.queue.get_nowait())
                if any(_moves_queues(i) for i in items):
                    notices = await run_in_threadpool(self.due)
                    for kind, notice in notices:
                        await run_in_threadpool(self._tell, kind, notice)
        finally:
            self.ctx.hub.unsubscribe(sub)

    def due(self) -> list[tuple[str, TurnNotice]]:
        """The notices now due (each ticket is told `near` and `called` at most once)."""
        ctx = self.ctx
        setup = ctx.runtime.setup
        out: list[tuple[str, TurnNotice]] = []
        with ctx.db.read() as s:
            day = setup.day_of(ctx.clock.now())
            active = (TicketStatus.ISSUED.value, TicketStatus.CALLED.value)
            tickets = s.scalars(select(Ticket).where(Ticket.day == day, Ticket.status.in_(active)))
            for t in tickets:
                if t.status == TicketStatus.CALLED.value and t.id not in self._told_called:
                    self._told_called.add(t.id)
                    out.append(("called", self._notice(t, None)))
                elif t.status == TicketStatus.ISSUED.value and t.id not in self._told_near:
                    ahead = self.board.estimate(s, t).people_ahead
                    if ahead <= NEAR:
                        self._told_near.add(t.id)
                        out.append(("near", self._notice(t, ahead)))
        return out

    def _notice(self, t: Ticket, ahead: int | None) -> TurnNotice:
        setup = self.ctx.runtime.setup
        shown = ticket_json(t, setup)
        code = sign_ticket_code(
            self.ctx.secret,
            centre=setup.config.centre.code,
            day=t.day,
            number=t.number,
            issued_at=setup.local(t.issued_at),
        )
        return TurnNotice(
            code=code,
            number=t.number,
            entity_name=str(shown["entity_name"]),
            service_name=str(shown["service_name"]),
            people_ahead=ahead,
            module=t.module_number,
            location=shown.get("location"),
        )

    def _tell(self, kind: str, notice: TurnNotice) -> None:
        for notifier in self.notifiers:
            try:
                getattr(notifier, kind)(notice)
            except Exception:  # the gateway's failure is its own, never the centre's
                log.exception("notifier %r failed on %s", notifier, kind)


def _moves_queues(item: Any) -> bool:
    return isinstance(item, Published) and str(item.event.get("kind", "")).startswith(
        ("ticket.", "module.")
    )


def start_watcher(ctx: ServerContext, notifiers: Sequence[TurnNotifier]) -> asyncio.Task[None]:
    """Run the watcher on the running event loop (the citizen's listener's)."""
    return asyncio.get_running_loop().create_task(NoticeWatcher(ctx, notifiers).run())
