"""Today's queues and staffed modules, kept in memory for the write path.

Issuing a ticket or calling the next one needs the waiting tickets of a few
services, the day's issued counts, the staffed modules and recent service
times. Reading them from the database on every request cost most of a
write's time, so the server keeps them here, derived from the database:

- loaded from the tables at the first write of a day (or after any doubt);
- changed by `record_event` inside the write transaction, from the very
  ticket and module JSON the events carry, so an event's own queue figures
  already include its change;
- given the events other code appended once they commit (`committed`), and
  thrown away when a transaction that changed it rolls back;
- checked against the event log at the start of every write transaction:
  events committed by someone else (the other turn server of a pair, a
  command-line tool) are folded in from the log, in order.

What it tells of waits (the forecast of each entity's queues) is
`server.live_estimates.LiveEstimates`, its base.

It is a cache of committed state, never the owner of anything: losing it
loses nothing. Every method is called under the database's write lock.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from macturnos.domain.estimate_forecast import Forecast
from macturnos.domain.estimate_learning import ServiceHistory
from macturnos.domain.queue import QueueEntry, is_plain
from macturnos.domain.tickets import PRINT_FAILED, TicketStatus, takes_capacity
from macturnos.server.db.models import CentreDay, Event, ModuleSession, Ticket
from macturnos.server.estimates import history_of
from macturnos.server.events import event_json
from macturnos.server.live_estimates import LiveEstimates
from macturnos.server.runtime import CentreSetup

log = logging.getLogger("macturnos.server.live")

ISSUED = TicketStatus.ISSUED.value
FINISHED = TicketStatus.FINISHED.value
ACTIVE = (TicketStatus.CALLED.value, TicketStatus.IN_SERVICE.value)
# Beyond this many events behind, reading the tables again is cheaper than folding.
MAX_CATCH_UP = 2_000
SESSION_KEY = "live_day"
_LAST_SEQ = select(func.coalesce(func.max(Event.seq), 0))


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class LiveDay(LiveEstimates):
    """One service day's queues, counts and staffed modules (see the module's doc)."""

    def __init__(self, day: date, seq: int, recent_sample: int) -> None:
        self.day = day
        self.seq = seq
        """The last event of the log this state reflects."""
        self.opened = False
        self._recent_sample = max(1, recent_sample)
        self._waiting: dict[str, dict[int, QueueEntry]] = {}
        self._service_of: dict[int, str] = {}
        self._counted: set[int] = set()
        self._issued: dict[str, int] = {}
        self._failed: dict[str, set[int]] = {}
        self._finished: set[int] = set()
        self._recent: dict[str, deque[float]] = {}
        self.staffed: set[int] = set()
        """Modules with an advisor who is not on a pause."""
        self.paused: dict[int, tuple[str, datetime | None]] = {}
        """Modules with an advisor on a pause: the reason and since when."""
        self._active: dict[int, tuple[int, str, datetime | None]] = {}
        """Module -> the ticket called or served there: id, service, called at."""
        self._module_of: dict[int, int] = {}
        self.history = ServiceHistory()
        """Recent days' figures the estimates learn from (`server.estimates.history_of`)."""
        self.latest: datetime | None = None
        """The latest time a change carried: "now" for estimates made without a clock."""
        self._forecasts: dict[str, tuple[datetime, Forecast]] = {}
        """Entity -> the latest forecast of its queues and when it was made."""
        self._newest = 0
        """The highest ticket id seen: a higher one is a citizen arriving now."""
        self.calling: set[int] = set()
        """Modules that called someone today (before any did, estimates assume the opening)."""

    # --- reading ---------------------------------------------------------------------------

    def issued_count(self, service: str) -> int:
        """Tickets of a service issued today that count against its capacity."""
        return self._issued.get(service, 0) - len(self._failed.get(service, ()))

    def special_entries(self, services: Iterable[str]) -> list[QueueEntry]:
        """Waiting tickets with preference or an appointment."""
        return [
            e for svc in services for e in self._waiting.get(svc, {}).values() if not is_plain(e)
        ]

    def plain_count(self, service: str) -> int:
        """Waiting walk-ins of a service without preference or appointment."""
        return sum(1 for e in self._waiting.get(service, {}).values() if is_plain(e))

    def call_candidates(self, services: Iterable[str]) -> list[QueueEntry]:
        """The tickets that can be next: the special ones and the oldest plain walk-in.

        The same reduction as `reads.call_candidates` (`domain.queue.is_plain`).
        """
        specials: list[QueueEntry] = []
        oldest: QueueEntry | None = None
        for svc in services:
            for e in self._waiting.get(svc, {}).values():
                if not is_plain(e):
                    specials.append(e)
                elif oldest is None or (e.arrival_at, e.ticket_id) < (
                    oldest.arrival_at,
                    oldest.ticket_id,
                ):
                    oldest = e
        return specials if oldest is None else [*specials, oldest]

    def recent_minutes(self, service: str) -> list[float]:
        """Durations of the latest finished attentions of a service, newest first."""
        return list(reversed(self._recent.get(service, ())))

    def state(self) -> dict[str, Any]:
        """Everything this holds, comparable with `==` (tests, diagnosis)."""
        return {
            "day": self.day,
            "opened": self.opened,
            "waiting": {svc: set(q.values()) for svc, q in self._waiting.items() if q},
            "issued": {svc: self.issued_count(svc) for svc in self._issued},
            "staffed": set(self.staffed),
            "paused": dict(self.paused),
            "active": dict(self._active),
            "recent": {svc: [round(m, 6) for m in r] for svc, r in self._recent.items() if r},
        }

    # --- changing --------------------------------------------------------------------------

    def _ticket(
        self,
        *,
        ticket_id: int,
        day: date,
        service: str,
        status: str,
        arrival_at: datetime,
        preferential: bool,
        appointment_at: datetime | None,
        assistance: str | None,
        origin: int | None,
        end_reason: str | None,
        started_at: datetime | None,
        ended_at: datetime | None,
        module: int | None = None,
        called_at: datetime | None = None,
    ) -> None:
        if day != self.day:
            return
        arrived = (
            status == ISSUED
            and origin is None
            and ticket_id > self._newest
            and not preferential
            and appointment_at is None
            and assistance is None
        )
        self._newest = max(self._newest, ticket_id)
        if not (arrived and self._append_to_forecast(ticket_id, service)):
            self._forecasts.clear()
        for moment in (arrival_at, called_at, started_at, ended_at):
            if moment is not None and (self.latest is None or moment > self.latest):
                self.latest = moment
        held = self._module_of.pop(ticket_id, None)
        if held is not None and self._active.get(held, (None,))[0] == ticket_id:
            del self._active[held]
        if module is not None and called_at is not None:
            self.calling.add(module)
        if status in ACTIVE and module is not None:
            self._active[module] = (ticket_id, service, called_at)
            self._module_of[ticket_id] = module
        old = self._service_of.pop(ticket_id, None)
        if old is not None:
            self._waiting.get(old, {}).pop(ticket_id, None)
        if status == ISSUED:
            self._waiting.setdefault(service, {})[ticket_id] = QueueEntry(
                ticket_id=ticket_id,
                service_code=service,
                arrival_at=arrival_at,
                preferential=preferential,
                appointment_at=appointment_at,
                assistance=assistance,
            )
            self._service_of[ticket_id] = service
        if takes_capacity(origin_ticket_id=origin, appointment_at=appointment_at):
            # A running count (`domain.tickets.counts_against_capacity`): added once
            # at issue, given back while the ticket's print has failed.
            if ticket_id not in self._counted:
                self._counted.add(ticket_id)
                self._issued[service] = self._issued.get(service, 0) + 1
            failed = self._failed.setdefault(service, set())
            if end_reason == PRINT_FAILED:
                failed.add(ticket_id)
            else:
                failed.discard(ticket_id)
        if (
            status == FINISHED
            and started_at is not None
            and ended_at is not None
            and ticket_id not in self._finished
        ):
            self._finished.add(ticket_id)
            self._recent_of(service).append((ended_at - started_at).total_seconds() / 60)

    def _recent_of(self, service: str) -> deque[float]:
        recent = self._recent.get(service)
        if recent is None:
            recent = self._recent[service] = deque(maxlen=self._recent_sample)
        return recent

    def apply_row(self, t: Ticket) -> None:
        """A ticket as the transaction just wrote it."""
        self._ticket(
            ticket_id=t.id,
            day=t.day,
            service=t.service_code,
            status=t.status,
            arrival_at=t.arrival_at,
            preferential=t.preferential is not None,
            appointment_at=t.appointment_at,
            assistance=t.assistance,
            origin=t.origin_ticket_id,
            end_reason=t.end_reason,
            started_at=t.started_at,
            ended_at=t.ended_at,
            module=t.module_number,
            called_at=t.called_at,
        )

    def apply_ticket_json(self, tv: dict[str, Any]) -> None:
        """A ticket as an event shows it (`reads.ticket_json`)."""
        arrival = _dt(tv.get("arrival_at"))
        if arrival is None:
            return
        self._ticket(
            ticket_id=int(tv["id"]),
            day=date.fromisoformat(tv["day"]),
            service=str(tv["service"]),
            status=str(tv["status"]),
            arrival_at=arrival,
            preferential=tv.get("preferential") is not None,
            appointment_at=_dt(tv.get("appointment_at")),
            assistance=tv.get("assistance"),
            origin=tv.get("origin_ticket_id"),
            end_reason=tv.get("end_reason"),
            started_at=_dt(tv.get("started_at")),
            ended_at=_dt(tv.get("ended_at")),
            module=tv.get("module"),
            called_at=_dt(tv.get("called_at")),
        )

    def apply_module_json(self, mv: dict[str, Any]) -> None:
        """A module as an event shows it (`reads.module_json`)."""
        number = int(mv["number"])
        self._forecasts.clear()
        open_ = mv.get("state") != "closed"
        if open_ and mv.get("pause_reason") is None:
            self.staffed.add(number)
        else:
            self.staffed.discard(number)
        if open_ and mv.get("pause_reason") is not None:
            self.paused[number] = (str(mv["pause_reason"]), _dt(mv.get("since")))
        else:
            self.paused.pop(number, None)

    def fold(self, event: dict[str, Any]) -> bool:
        """Apply one committed event; False when this state can no longer be trusted."""
        kind = str(event.get("kind"))
        data = event.get("data") or {}
        if kind == "config.reloaded":
            return False  # services, modules or the sample size may have moved
        if kind in ("day.opened", "day.sealed") and event.get("day") == self.day.isoformat():
            self.opened = kind == "day.opened"
        if isinstance(data.get("ticket"), dict):
            self.apply_ticket_json(data["ticket"])
        if isinstance(data.get("module"), dict):
            self.apply_module_json(data["module"])
        self.seq = int(event["seq"])
        return True

    # --- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, session: Session, setup: CentreSetup, day: date, seq: int) -> LiveDay:
        """Read a day's state from the tables (as of the log's `seq`)."""
        live = cls(day, seq, setup.config.rules.recent_service_sample)
        live.history = history_of(session, setup, day)
        row = session.get(CentreDay, day)
        live.opened = row is not None and row.opened_at is not None and row.sealed_at is None
        columns = (
            Ticket.id,
            Ticket.service_code,
            Ticket.status,
            Ticket.arrival_at,
            Ticket.preferential,
            Ticket.appointment_at,
            Ticket.origin_ticket_id,
            Ticket.end_reason,
            Ticket.started_at,
            Ticket.ended_at,
            Ticket.module_number,
            Ticket.called_at,
            Ticket.assistance,
        )
        rows = session.execute(
            select(*columns).where(Ticket.day == day).order_by(Ticket.ended_at, Ticket.id)
        )
        for t in rows:
            tid, svc, status, arrival, pref, appt, origin, reason, started, ended = t[:10]
            live._ticket(
                ticket_id=tid,
                day=day,
                service=svc,
                status=status,
                arrival_at=arrival,
                preferential=pref is not None,
                appointment_at=appt,
                assistance=t.assistance,
                origin=origin,
                end_reason=reason,
                started_at=started,
                ended_at=ended,
                module=t.module_number,
                called_at=t.called_at,
            )
        live.staffed = set(
            session.scalars(
                select(ModuleSession.number).where(
                    ModuleSession.advisor_id.is_not(None), ModuleSession.pause_reason.is_(None)
                )
            )
        )
        paused = session.execute(
            select(ModuleSession.number, ModuleSession.pause_reason, ModuleSession.since).where(
                ModuleSession.advisor_id.is_not(None), ModuleSession.pause_reason.is_not(None)
            )
        )
        live.paused = {n: (str(reason), since) for n, reason, since in paused}
        return live


class LiveState:
    """The server's `LiveDay`, kept true to the database (see the module's doc)."""

    def __init__(self) -> None:
        self._day: LiveDay | None = None
        self._touched = False
        self._applied: set[int] = set()

    def invalidate(self, why: str = "asked") -> None:
        """Forget everything: the next write reads the tables again."""
        if self._day is not None:
            log.info("live queues dropped (%s)", why)
        self._day = None
        self._touched = False
        self._applied.clear()

    def ensure(self, session: Session, setup: CentreSetup, day: date) -> LiveDay:
        """The state of `day` as the database has it, for use in this write transaction."""
        current = session.info.get(SESSION_KEY)
        if current is not None and current.day == day:
            return current
        committed = _committed_seq(session)
        live = self._day
        if live is not None and (live.day != day or live.seq > committed):
            live = None
        if live is not None and live.seq < committed:
            live = self._catch_up(session, live, committed)
        if live is None:
            started = time.perf_counter()
            live = LiveDay.load(session, setup, day, committed)
            log.info(
                "live queues of %s read from the tables at event %d (%.0f ms)",
                day,
                committed,
                (time.perf_counter() - started) * 1000,
            )
        self._day = live
        session.info[SESSION_KEY] = live
        return live

    def _catch_up(self, session: Session, live: LiveDay, committed: int) -> LiveDay | None:
        if committed - live.seq > MAX_CATCH_UP:
            return None
        rows = session.scalars(
            select(Event).where(Event.seq > live.seq, Event.seq <= committed).order_by(Event.seq)
        )
        for ev in rows:
            if ev.seq != live.seq + 1 or not live.fold(event_json(ev)):
                return None
        return live if live.seq == committed else None

    def applied(self, seq: int) -> None:
        """The transaction changed the state itself for its event `seq` (`record_event`)."""
        self._touched = True
        self._applied.add(seq)

    def touched(self) -> None:
        """The transaction changed the state before its event was numbered."""
        self._touched = True

    def committed(self, events: Sequence[dict[str, Any]]) -> None:
        """The transaction committed these events: fold those not applied yet."""
        live = self._day
        applied, self._applied, self._touched = self._applied, set(), False
        if live is None:
            return
        for event in events:
            seq = int(event["seq"])
            if seq != live.seq + 1:
                self.invalidate(f"event {seq} after {live.seq}")  # someone else wrote
                return
            if seq in applied:
                live.seq = seq
            elif not live.fold(event):
                self.invalidate(f"event {seq} ({event.get('kind')})")
                return

    def rolled_back(self) -> None:
        """The transaction was undone: drop what it changed here."""
        if self._touched:
            self.invalidate("a transaction that changed them rolled back")
        self._applied.clear()
        self._touched = False


def _committed_seq(session: Session) -> int:
    """The log's last committed seq, as seen before this transaction appended anything."""
    first = session.info.get("first_seq")
    if first is not None:
        return int(first) - 1
    seq = int(session.connection().execute(_LAST_SEQ).scalar() or 0)
    # Spare append_event the same query.
    session.info["next_seq"] = seq + 1
    session.info["first_seq"] = seq + 1
    return seq
