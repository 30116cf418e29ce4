"""One simulated day played through the real turn server, on a virtual clock.

The server is the real application (`server.app.create_app`) in this process,
on a SQLite file; its clock is a `ManualClock` the player moves from one
simulated moment to the next, so a day takes seconds. The kiosk issues tickets
over HTTP (`POST /tickets`, Starlette's test client): the answer it prints is
what is measured. Advisors call, start, recall, mark absent, finish and pause
through the functions their routes call (`server.ticketing`, with the
advisor's `Actor`): the same transactions and events, without an argon2
log-in per advisor and day. Appointment holders are issued through
`ticketing.issue_ticket`, which the route calls once the appointment is
checked against the synced list (the benchmark has no PCM to check it with).
An idle advisor calls as soon as a ticket arrives (the counter app shows it).

For every ticket the player keeps what the server said at issue (minutes, the
range) and what the naive rule would have said ("every waiting ticket of the
entity x mean attention / staffed modules"), then when it was first called.
"""

from __future__ import annotations

import heapq
import itertools
import math
import os
import random
import uuid
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.estimate_centre import Scenario

with warnings.catch_warnings():
    # Starlette suggests another HTTP package for its test client; httpx is what we have.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from macturnos.domain.errors import DomainError
from macturnos.domain.estimate import estimate_wait_minutes
from macturnos.domain.tickets import TicketAction
from macturnos.server import migrate, ticketing
from macturnos.server.app import create_app
from macturnos.server.auth import SYSTEM, Actor, Role, create_device, create_user
from macturnos.server.clock import ManualClock
from macturnos.server.context import ServerContext
from macturnos.server.day import open_day
from macturnos.server.db.engine import Database, sqlite_url
from macturnos.server.db.models import User
from macturnos.server.errors import ApiError
from macturnos.server.runtime import CentreRuntime

LIMA = ZoneInfo("America/Lima")
OPENS = time(8, 30)
LAST_CALL = time(18, 0)
PASSWORD = "clave-segura-1"
RECALL_AFTER_MIN = 1.0
"""An advisor calls an absent citizen again after this long, `max_recalls` times."""


@dataclass
class Told:
    """What one citizen was told at the kiosk, and when they were really called."""

    service: str
    issued_at: datetime
    said: int | None
    low: int | None
    high: int | None
    naive: int | None
    people_ahead: int
    called_at: datetime | None = None

    @property
    def actual(self) -> float | None:
        """Minutes from issue to the first call."""
        if self.called_at is None:
            return None
        return (self.called_at - self.issued_at).total_seconds() / 60


@dataclass
class _Module:
    number: int
    advisor: Actor
    ticket: int | None = None
    idle: bool = False
    pause_at: datetime | None = None
    paused: bool = False


@dataclass
class DayResult:
    """Every ticket of a played day."""

    told: dict[int, Told] = field(default_factory=dict)


class BenchCentre:
    """The real turn server in this process, on a SQLite file in `folder`."""

    def __init__(self, scenario: Scenario, folder: Path, first_day: date) -> None:
        self.scenario = scenario
        url = sqlite_url(folder / "bench.db")
        migrate.upgrade(url)
        self.clock = ManualClock(datetime.combine(first_day, time(8, 0), LIMA))
        self.ctx = ServerContext(
            db=Database(url),
            runtime=CentreRuntime(scenario.config()),
            clock=self.clock,
            secret=os.urandom(32),
        )
        self.setup = self.ctx.runtime.setup
        self._client = TestClient(create_app(self.ctx))
        self.http = self._client.__enter__()
        now = self.clock.now()
        self.advisors: dict[int, Actor] = {}
        with self.ctx.db.write() as s:
            first = create_user(
                s,
                username="asesor1",
                full_name="Asesor 1",
                role=Role.ADVISOR,
                password=PASSWORD,
                now=now,
            )
            users = [first]
            for n in range(2, scenario.modules + 1):
                # The same password: one argon2 hash (a second each) is enough.
                user = User(
                    username=f"asesor{n}",
                    full_name=f"Asesor {n}",
                    role=Role.ADVISOR.value,
                    password_hash=first.password_hash,
                    failed_logins=0,
                    active=True,
                    created_at=now,
                )
                s.add(user)
                users.append(user)
            s.flush()
            for n, user in enumerate(users, start=1):
                self.advisors[n] = Actor(
                    role=Role.ADVISOR,
                    label=f"user:{user.username}",
                    user_id=user.id,
                    name=user.full_name,
                )
            _device, pairing = create_device(s, kind=Role.KIOSK, code="K1", name="K1", now=now)
        r = self.http.post("/api/v1/devices/pair", json={"pairing_code": pairing})
        r.raise_for_status()
        self.kiosk = {"Authorization": f"Bearer {r.json()['token']}"}

    def close(self) -> None:
        """Stop the application and release the database."""
        self._client.__exit__(None, None, None)
        self.ctx.db.dispose()

    def post(self, path: str, headers: dict[str, str], body: Any = None) -> Any:
        """POST with a fresh idempotency key; the answer's JSON (raises on an error)."""
        h = {**headers, "Idempotency-Key": str(uuid.uuid4())}
        r = self.http.post("/api/v1" + path, headers=h, json=body)
        if r.status_code >= 400:
            raise RequestRefused(r.status_code, r.json())
        return r.json()


class RequestRefused(Exception):
    """The server refused a request (its documented error shape)."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"{status}: {body}")
        self.status = status
        self.code = (body.get("error") or {}).get("code") if isinstance(body, dict) else None


def _lognormal(rng: random.Random, mean: float, cv: float) -> float:
    sigma = math.sqrt(math.log(1 + cv * cv))
    return rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)


class DayPlayer:
    """Plays one day of a scenario on a `BenchCentre` (see the module's doc)."""

    def __init__(self, centre: BenchCentre, day: date, rng: random.Random) -> None:
        self.c = centre
        self.s = centre.scenario
        self.day = day
        self.rng = rng
        self.services = [f"RENIEC-{i:02d}" for i in range(1, self.s.services + 1)]
        self.result = DayResult()
        self._heap: list[tuple[datetime, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self.modules = {n: _Module(n, centre.advisors[n]) for n in range(1, self.s.modules + 1)}
        self._absent: set[int] = set()
        self._finished: list[float] = []
        self.staffed: set[int] = set()

    def at(self, hh: int, mm: int = 0) -> datetime:
        """A local time of the day being played."""
        return datetime.combine(self.day, time(hh, mm), LIMA)

    def later(self, when: datetime, action: Callable[[], None]) -> None:
        """Do `action` at `when` (simulated)."""
        heapq.heappush(self._heap, (when, next(self._order), action))

    def play(self) -> DayResult:
        """Open the day, play it to the end, answer what every citizen was told."""
        self.c.clock.set(self.at(8, 15))
        open_day(self.c.ctx, SYSTEM)
        opening = self.at(OPENS.hour, OPENS.minute)
        for n in range(1, self.s.modules + 1):
            self.later(opening, lambda n=n: self._open(n))
            if self.s.lunch:
                start = self.at(12) if n <= self.s.modules // 2 else self.at(13)
                self.modules[n].pause_at = start
                self.later(start, lambda n=n: self._wake(self.modules[n]))
        self._plan_arrivals(opening)
        end = self.at(LAST_CALL.hour, LAST_CALL.minute)
        while self._heap:
            when, _, action = heapq.heappop(self._heap)
            if when > end:
                break
            self.c.clock.set(when)
            action()
        return self.result

    # --- citizens ------------------------------------------------------------------

    def _plan_arrivals(self, opening: datetime) -> None:
        s = self.s
        times = [opening + timedelta(minutes=self.rng.uniform(0, 6)) for _ in range(s.crowd)]
        rate = s.tickets / (s.arrival_hours * 60)  # per minute
        t = 0.0
        while True:
            t += self.rng.expovariate(rate)
            if t > s.arrival_hours * 60:
                break
            times.append(opening + timedelta(minutes=t))
        for when in times:
            self.later(when, self._arrive)
        for _ in range(s.appointments):
            slot = opening + timedelta(minutes=self.rng.uniform(45, s.arrival_hours * 60))
            appointment = slot.replace(second=0, microsecond=0)
            check_in = appointment - timedelta(minutes=self.rng.uniform(10, 40))
            self.later(max(check_in, opening), lambda a=appointment: self._arrive(a))

    def _arrive(self, appointment: datetime | None = None) -> None:
        service = self.rng.choice(self.services)
        preferential = "ADULTO_MAYOR" if self.rng.random() < self.s.preferential else None
        naive = self._naive()
        if appointment is None:
            body: dict[str, Any] = {"service": service}
            if preferential:
                body["preferential"] = preferential
            answer = self.c.post("/tickets", self.c.kiosk, body)
        else:
            answer = ticketing.issue_ticket(
                self.c.ctx, SYSTEM, service=service, appointment_at=appointment, channel="kiosk"
            )
        t = answer["ticket"]
        self.result.told[int(t["id"])] = Told(
            service=service,
            issued_at=self.c.clock.now(),
            said=answer.get("estimated_wait_min"),
            low=answer.get("estimated_wait_low_min"),
            high=answer.get("estimated_wait_high_min"),
            naive=naive,
            people_ahead=int(answer.get("people_ahead") or 0),
        )
        if self.rng.random() < self.s.no_show:
            self._absent.add(int(t["id"]))
        for m in self.modules.values():
            self._wake(m)  # the counter app shows the new ticket: an idle advisor calls

    def _wake(self, m: _Module) -> None:
        if m.idle:
            m.idle = False
            self.later(self.c.clock.now(), lambda: self._free(m))

    def _naive(self) -> int | None:
        """Every waiting ticket of the entity x mean attention / staffed modules."""
        waiting = sum(1 for t in self.result.told.values() if t.called_at is None)
        recent = self._finished[-self.c.setup.config.rules.recent_service_sample :]
        default = float(self.c.setup.config.rules.default_service_minutes)
        return estimate_wait_minutes(waiting, len(self.staffed), recent, default)

    # --- advisors ------------------------------------------------------------------

    def _open(self, n: int) -> None:
        m = self.modules[n]
        ticketing.open_module(self.c.ctx, m.advisor, n)
        self.staffed.add(n)
        self._free(m)

    def _act(self, m: _Module, action: TicketAction) -> None:
        ticketing.module_action(self.c.ctx, m.advisor, m.number, action)

    def _free(self, m: _Module) -> None:
        now = self.c.clock.now()
        if m.pause_at is not None and now >= m.pause_at and not m.paused:
            m.paused = True
            self.staffed.discard(m.number)
            ticketing.pause(self.c.ctx, m.advisor, m.number, "refrigerio", None)
            self.later(m.pause_at + timedelta(minutes=60), lambda: self._resume(m))
            return
        try:
            t = ticketing.call_next(self.c.ctx, m.advisor, m.number)
        except (ApiError, DomainError) as refused:
            if refused.code != "QUEUE_EMPTY":
                raise
            m.idle = True
            return
        tid = int(t["id"])
        told = self.result.told.get(tid)
        if told is not None and told.called_at is None:
            told.called_at = now
        m.ticket = tid
        if tid in self._absent:
            self.later(now + timedelta(minutes=RECALL_AFTER_MIN), lambda: self._recall(m, 1))
            return
        walk = self.rng.uniform(0.3, 1.5)
        self.later(now + timedelta(minutes=walk), lambda: self._start(m, told))

    def _resume(self, m: _Module) -> None:
        ticketing.resume(self.c.ctx, m.advisor, m.number)
        self.staffed.add(m.number)
        m.pause_at = None
        self._free(m)

    def _recall(self, m: _Module, count: int) -> None:
        now = self.c.clock.now()
        if count <= self.c.setup.config.rules.max_recalls:
            self._act(m, TicketAction.RECALL)
            self.later(
                now + timedelta(minutes=RECALL_AFTER_MIN), lambda: self._recall(m, count + 1)
            )
            return
        self._act(m, TicketAction.NO_SHOW)
        self._after(m)

    def _start(self, m: _Module, told: Told | None) -> None:
        now = self.c.clock.now()
        self._act(m, TicketAction.START)
        service = told.service if told is not None else self.services[0]
        index = self.services.index(service) % len(self.s.service_minutes)
        mean = self.s.service_minutes[index] * (0.9 if now.astimezone(LIMA).hour >= 13 else 1.0)
        minutes = _lognormal(self.rng, mean, self.s.cv)
        self.later(now + timedelta(minutes=minutes), lambda: self._finish(m, minutes))

    def _finish(self, m: _Module, minutes: float) -> None:
        self._act(m, TicketAction.FINISH)
        self._finished.append(minutes)
        self._after(m)

    def _after(self, m: _Module) -> None:
        m.ticket = None
        gap = self.rng.uniform(0.0, 0.3)
        self.later(self.c.clock.now() + timedelta(minutes=gap), lambda: self._free(m))


@contextmanager
def bench_centre(scenario: Scenario, folder: Path, first_day: date) -> Iterator[BenchCentre]:
    """A `BenchCentre`, closed at the end."""
    centre = BenchCentre(scenario, folder, first_day)
    try:
        yield centre
    finally:
        centre.close()
