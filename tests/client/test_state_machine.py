"""Randomised: after any sequence of actions, the client's state built from the
events equals a fresh snapshot.

A hypothesis state machine drives the real server code (an in-process
`ServerContext` on SQLite, a manual clock) through issue, call, recall,
start, finish, no-show, return, transfer, cancel, pause, resume, leaving and
taking modules. After every step the client library's `CentreState` takes the
new events from the log (as a resuming client gets them) and must equal the
server's snapshot as of the same instant: an event that describes anything
other than what its transaction committed shows up here.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from support import FIXTURES, WEDNESDAY_10, make_context

from macturnos.client.state import WAIT_FIELDS, CentreState
from macturnos.config import load_centre
from macturnos.domain.errors import DomainError
from macturnos.domain.tickets import TicketAction
from macturnos.server import ticketing
from macturnos.server.auth import Actor, Role, create_user
from macturnos.server.clock import ManualClock
from macturnos.server.db.engine import sqlite_url
from macturnos.server.events import events_after, last_seq
from macturnos.server.snapshot import snapshot

SERVICES = ["DNI-DUP", "DNI-REN", "BN-PAGO"]
MODULES = [1, 2, 3, 4]
ADVISORS = ["ana", "beto", "caro"]
MODULE_ACTIONS = [
    TicketAction.RECALL,
    TicketAction.START,
    TicketAction.FINISH,
    TicketAction.NO_SHOW,
    TicketAction.RETURN_TO_QUEUE,
]

_template: Path | None = None


def _template_db() -> Path:
    """One migrated database, copied for every example (migrating each time is slow)."""
    global _template
    if _template is None:
        from macturnos.server import migrate

        path = Path(tempfile.mkdtemp(prefix="macturnos-sm-")) / "template.db"
        migrate.upgrade(sqlite_url(path))
        _template = path
    return _template


def comparable(snap: dict[str, Any]) -> dict[str, Any]:
    """The parts of a snapshot that events keep exact (see tests/client/test_state.py)."""
    out = copy.deepcopy(snap)
    for key in ("type", "day_status", "sync", "now"):
        out.pop(key, None)
    out["active"] = sorted(out["active"], key=lambda t: t["id"])
    for q in out["queues"]:
        # Estimates also move with staffing and service times, which the apps
        # refresh from GET /queues; everything else follows from the events.
        for key in WAIT_FIELDS:
            q.pop(key, None)
    return out


class CentreMachine(RuleBasedStateMachine):
    """One centre's morning, step by step, checked against a fresh snapshot."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="macturnos-sm-"))
        db = self.folder / "turnos.db"
        shutil.copy(_template_db(), db)
        self.clock = ManualClock(WEDNESDAY_10)
        self.ctx = make_context(sqlite_url(db), load_centre(FIXTURES / "centre.yaml"), self.clock)
        self.actors: dict[str, Actor] = {}
        with self.ctx.db.write() as s:
            for name in ADVISORS:
                user = create_user(
                    s,
                    username=name,
                    full_name=name.title(),
                    role=Role.ADVISOR,
                    password="clave-segura-1",
                    now=self.clock.now(),
                )
                self.actors[name] = Actor(
                    role=Role.ADVISOR, label=f"user:{name}", user_id=user.id, name=user.full_name
                )
        self.desk = Actor(role=Role.SUPERVISOR, label="user:sup", user_id=None, name="Sup")
        self.state = CentreState()
        with self.ctx.db.read() as s:
            self.state.apply_snapshot(
                snapshot(s, self.ctx.runtime.setup, self.clock.now(), last_seq(s))
            )

    def teardown(self) -> None:
        self.ctx.db.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- helpers -----------------------------------------------------------------------

    def _do(self, action: Any) -> None:
        try:
            action()
        except DomainError:
            pass  # a refusal changes nothing: the invariant checks that too

    def _owner(self, number: int) -> Actor | None:
        m = self.state.module(number)
        name = m.get("advisor_username") if m else None
        return self.actors.get(name) if name else None

    def _on_module(self, number: int, fn: Any) -> None:
        actor = self._owner(number)
        if actor is not None:
            self._do(lambda: fn(actor))

    def _staffed(self, pick: int) -> int:
        """One of the modules with an advisor (most actions need one), or module 1."""
        staffed = [m["number"] for m in self.state.modules() if m.get("advisor_username")]
        return staffed[pick % len(staffed)] if staffed else 1

    def _busy(self, pick: int) -> int:
        """One of the modules calling or serving someone (for actions on that ticket)."""
        busy = [m["number"] for m in self.state.modules() if m.get("ticket")]
        return busy[pick % len(busy)] if busy else self._staffed(pick)

    # --- rules ---------------------------------------------------------------------------

    @initialize(count=st.integers(min_value=1, max_value=4))
    def morning(self, count: int) -> None:
        """Two advisors at work and a few citizens waiting: the interesting cases come sooner."""
        ticketing.open_module(self.ctx, self.actors["ana"], 1)
        ticketing.open_module(self.ctx, self.actors["beto"], 3)
        for i in range(count):
            service = SERVICES[i % len(SERVICES)]
            ticketing.issue_ticket(self.ctx, self.desk, service=service)

    @rule(minutes=st.integers(min_value=0, max_value=4))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(timedelta(minutes=minutes, seconds=7))

    @rule(
        service=st.sampled_from(SERVICES),
        preferential=st.sampled_from([None, None, "ADULTO_MAYOR"]),
    )
    def issue(self, service: str, preferential: str | None) -> None:
        self._do(
            lambda: ticketing.issue_ticket(
                self.ctx, self.desk, service=service, preferential=preferential
            )
        )

    @rule(name=st.sampled_from(ADVISORS), number=st.sampled_from(MODULES))
    def open_module(self, name: str, number: int) -> None:
        self._do(lambda: ticketing.open_module(self.ctx, self.actors[name], number))

    @rule(number=st.sampled_from(MODULES), by_supervisor=st.booleans())
    def leave_module(self, number: int, by_supervisor: bool) -> None:
        if by_supervisor:
            self._do(
                lambda: ticketing.close_module(self.ctx, self.desk, number, by_supervisor=True)
            )
        else:
            self._on_module(number, lambda a: ticketing.close_module(self.ctx, a, number))

    @rule(pick=st.integers(min_value=0, max_value=3))
    def call_next(self, pick: int) -> None:
        number = self._staffed(pick)
        self._on_module(number, lambda a: ticketing.call_next(self.ctx, a, number))

    @rule(which=st.integers(min_value=0, max_value=3), pick=st.integers(min_value=0, max_value=20))
    def call_out_of_order(self, which: int, pick: int) -> None:
        number = self._staffed(which)
        waiting = self.state.waiting()
        if waiting:
            ticket_id = waiting[pick % len(waiting)]["id"]
            self._on_module(
                number,
                lambda a: ticketing.call_ticket(self.ctx, a, number, ticket_id, "Cita urgente"),
            )

    @rule(pick=st.integers(min_value=0, max_value=3), action=st.sampled_from(MODULE_ACTIONS))
    def module_action(self, pick: int, action: TicketAction) -> None:
        number = self._busy(pick)
        self._on_module(number, lambda a: ticketing.module_action(self.ctx, a, number, action))

    @rule(pick=st.integers(min_value=0, max_value=3), service=st.sampled_from(SERVICES))
    def module_transfer(self, pick: int, service: str) -> None:
        number = self._busy(pick)
        m = self.state.module(number)
        if m and m.get("ticket"):
            ticket_id = m["ticket"]["id"]
            self._on_module(
                number,
                lambda a: ticketing.transfer(
                    self.ctx, a, ticket_id, service, "Derivado", module=number
                ),
            )

    @rule(pick=st.integers(min_value=0, max_value=20), service=st.sampled_from(SERVICES))
    def reception_transfer(self, pick: int, service: str) -> None:
        tickets = self.state.waiting() + self.state.active()
        if tickets:
            ticket_id = tickets[pick % len(tickets)]["id"]
            self._do(lambda: ticketing.transfer(self.ctx, self.desk, ticket_id, service, None))

    @rule(pick=st.integers(min_value=0, max_value=20), misprint=st.booleans())
    def cancel(self, pick: int, misprint: bool) -> None:
        tickets = self.state.waiting() + self.state.active()
        if tickets:
            ticket_id = tickets[pick % len(tickets)]["id"]
            reason = "print_failed" if misprint else "desistió"
            self._do(lambda: ticketing.cancel(self.ctx, self.desk, ticket_id, reason))

    @rule(
        pick=st.integers(min_value=0, max_value=3), reason=st.sampled_from(["refrigerio", "otro"])
    )
    def pause(self, pick: int, reason: str) -> None:
        number = self._staffed(pick)
        note = "Reunión" if reason == "otro" else None
        self._on_module(number, lambda a: ticketing.pause(self.ctx, a, number, reason, note))

    @rule(pick=st.integers(min_value=0, max_value=3))
    def resume(self, pick: int) -> None:
        number = self._staffed(pick)
        self._on_module(number, lambda a: ticketing.resume(self.ctx, a, number))

    # --- the property --------------------------------------------------------------------

    @invariant()
    def events_rebuild_the_snapshot(self) -> None:
        with self.ctx.db.read() as s:
            for ev in events_after(s, self.state.seq or 0):
                self.state.apply_event(ev)
            seq = last_seq(s)
            assert self.state.seq == seq
            # As of the instant of the last event: the longest waits depend on "now".
            fresh = snapshot(s, self.ctx.runtime.setup, self.state.now or self.clock.now(), seq)
        assert comparable(self.state.to_snapshot()) == comparable(fresh)


CentreMachine.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCentreMachine = CentreMachine.TestCase
