"""Where a citizen's ticket stands, as the follow-your-turn page shows it.

The page only ever shows the one ticket its signed code names (and, after a
transfer, the ticket the citizen was given in its place): no DNI, no names, nothing
of other citizens but how many are ahead.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.errors import DomainError
from macturnos.domain.estimate import WaitEstimate
from macturnos.domain.numbering import parse_ticket_number
from macturnos.domain.ticket_code import verify_ticket_code
from macturnos.domain.tickets import TicketStatus
from macturnos.server.context import ServerContext
from macturnos.server.db.models import Ticket
from macturnos.server.db.survey_models import Rating
from macturnos.server.events import last_seq
from macturnos.server.live import LiveDay
from macturnos.server.reads import queue_entry, ticket_json
from macturnos.server.runtime import CentreSetup

MAX_TRANSFERS = 20
"""A transfer chain longer than this is not followed (it cannot happen in a day)."""

BOARD_MAX_AGE_S = 20.0
"""Estimates are made again at least this often, even when nothing happened."""


class UnknownCode(Exception):
    """The code is not a genuine ticket of this centre, or not of today."""

    def __init__(self, reason: str, day: date | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        """'invalid' (tampered, mistyped, another centre), 'other_day' or 'unknown'."""
        self.day = day


@dataclass(frozen=True)
class Progress:
    """One ticket as its holder sees it."""

    ticket: dict[str, Any]
    """The ticket the citizen holds now (`reads.ticket_json`; staff fields removed)."""
    held: tuple[str, ...]
    """Earlier numbers of the same visit, oldest first (a transfer gives a new number)."""
    estimate: WaitEstimate | None
    """For a waiting ticket: people ahead and the estimated wait."""
    call_time: str | None = None
    """For a waiting appointment: the local time it is expected to be called ("12:33")."""
    rated: int | None = None
    """A finished attention's rating (1-5) once the citizen gave it."""
    ticket_id: int = 0
    """The ticket the citizen holds now (what a rating from the page rates)."""

    @property
    def state(self) -> str:
        """waiting, called, serving, finished, no_show, cancelled."""
        status = self.ticket["status"]
        return {
            TicketStatus.ISSUED.value: "waiting",
            TicketStatus.CALLED.value: "called",
            TicketStatus.IN_SERVICE.value: "serving",
        }.get(status, status)

    def as_json(self) -> dict[str, Any]:
        """What the live channel sends (the page's script needs only the state)."""
        t = self.ticket
        est = self.estimate
        return {
            "number": t["number"],
            "held": list(self.held),
            "state": self.state,
            "module": t.get("module"),
            "location": t.get("location"),
            "people_ahead": est.people_ahead if est else None,
            "estimated_wait_min": est.minutes if est else None,
        }


_PUBLIC_FIELDS = (
    "number",
    "service",
    "service_name",
    "entity",
    "entity_name",
    "colour",
    "status",
    "module",
    "location",
    "appointment_at",
    "called_at",
    "end_reason",
)


def ticket_of_code(s: Session, ctx: ServerContext, code: str) -> Ticket:
    """The ticket a signed code names; UnknownCode when it is not one of today's here."""
    setup = ctx.runtime.setup
    try:
        found = verify_ticket_code(ctx.secret, code)
    except DomainError:
        raise UnknownCode("invalid") from None
    if found.centre != setup.config.centre.code:
        raise UnknownCode("invalid")
    if found.day != setup.day_of(ctx.clock.now()):
        raise UnknownCode("other_day", found.day)
    prefix, seq = parse_ticket_number(found.number)
    t = s.scalar(
        select(Ticket).where(Ticket.day == found.day, Ticket.prefix == prefix, Ticket.seq == seq)
    )
    # A code signed here but for a number this database never issued (a restored
    # backup, another pair's key): no page to show.
    if t is None or setup.local(t.issued_at).time().replace(microsecond=0) != (
        found.issued_at_local_time
    ):
        raise UnknownCode("unknown")
    return t


def follow_transfers(s: Session, t: Ticket) -> tuple[Ticket, tuple[str, ...]]:
    """The ticket the citizen holds now, and the numbers they held before it."""
    held: list[str] = []
    for _ in range(MAX_TRANSFERS):
        if t.status != TicketStatus.TRANSFERRED.value:
            break
        nxt = s.scalar(select(Ticket).where(Ticket.origin_ticket_id == t.id))
        if nxt is None:
            break
        held.append(t.number)
        t = nxt
    return t, tuple(held)


@dataclass
class Board:
    """Today's queues for the estimates of every page: loaded once per change, shared.

    A page's state (waiting, called) is read from its ticket's row each time; only the
    estimate comes from here, so a thousand phones cost one load per event of the log,
    not one each.
    """

    ctx: ServerContext
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _live: LiveDay | None = None
    _made: float = 0.0
    _now: datetime | None = None

    def estimate(self, s: Session, t: Ticket, seq: int | None = None) -> WaitEstimate:
        """The estimate of a waiting ticket, as the kiosk would tell it now (`seq`: the
        log's last event as `s` reads it, when the caller knows it already)."""
        setup = self.ctx.runtime.setup
        with self._lock:
            live, now = self._current(s, setup, last_seq(s) if seq is None else seq)
            return live.ticket_estimate(setup, queue_entry(t), now)

    def _current(self, s: Session, setup: CentreSetup, seq: int) -> tuple[LiveDay, datetime]:
        fresh = time.monotonic() - self._made < BOARD_MAX_AGE_S
        if self._live is None or self._live.seq != seq or not fresh or self._now is None:
            now = self.ctx.clock.now()
            self._live = LiveDay.load(s, setup, setup.day_of(now), seq)
            self._made, self._now = time.monotonic(), now
        return self._live, self._now


@dataclass(frozen=True)
class BoardView:
    """Every active ticket of the day as its page shows it, as of event `seq`.

    Built once per change of the log and shared by every open page: a thousand
    phones cost one read per event, each then looks its own ticket up.
    """

    seq: int
    tickets: dict[int, Progress]


def board_view(ctx: ServerContext, board: Board) -> BoardView:
    """Read the day's active tickets and their estimates in one read transaction."""
    setup = ctx.runtime.setup
    active = (
        TicketStatus.ISSUED.value,
        TicketStatus.CALLED.value,
        TicketStatus.IN_SERVICE.value,
    )
    with ctx.db.read() as s:
        seq = last_seq(s)
        day = setup.day_of(ctx.clock.now())
        # By entity: the live day keeps one entity's forecast at a time.
        rows = s.scalars(
            select(Ticket)
            .where(Ticket.day == day, Ticket.status.in_(active))
            .order_by(Ticket.entity_code)
        )
        tickets = {t.id: _progress(s, setup, board, t, (), seq) for t in rows}
    return BoardView(seq=seq, tickets=tickets)


def progress_of(s: Session, ctx: ServerContext, board: Board, code: str) -> Progress:
    """Where the ticket of `code` stands now (UnknownCode for a code that is not one)."""
    t, held = follow_transfers(s, ticket_of_code(s, ctx, code))
    return _progress(s, ctx.runtime.setup, board, t, held)


def _progress(
    s: Session,
    setup: CentreSetup,
    board: Board,
    t: Ticket,
    held: tuple[str, ...],
    seq: int | None = None,
) -> Progress:
    shown = ticket_json(t, setup)
    ticket = {k: shown.get(k) for k in _PUBLIC_FIELDS}
    estimate = board.estimate(s, t, seq) if t.status == TicketStatus.ISSUED.value else None
    call_time = None
    if estimate is not None and t.appointment_at is not None and estimate.call_at is not None:
        call_time = f"{setup.local(estimate.call_at):%H:%M}"
    rating = s.get(Rating, t.id) if t.status == TicketStatus.FINISHED.value else None
    return Progress(
        ticket=ticket,
        held=held,
        estimate=estimate,
        call_time=call_time,
        rated=rating.score if rating is not None else None,
        ticket_id=t.id,
    )
