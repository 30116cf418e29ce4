"""When each waiting ticket will be called: the centre's next hours played forward.

The old estimate divided one service's queue by the modules that serve it, as
if each module served only that service. In a centre where one module serves
eight services that is wrong by the whole queue of the seven others (ticket
R-008 was told "0 personas delante" with 43 older tickets of the same entity
waiting for the only open module).

Here the staffed modules are played forward in expected time:

- each module becomes free when its current attention is expected to end
  (`Staff.free_in`), then calls the ticket `domain.queue.next_for_module`
  would give it *at that moment* among the services it serves (preferential
  first, appointments due by then, then arrival; transfers keep their
  arrival), and is busy for that service's expected cost per call
  (`ServiceCost`: attention, the walk to the counter, the share of
  no-shows and recalls);
- the module that frees first calls first, so the order of calls across
  modules that share services follows from the order they free up;
- a ticket's forecast is the time its module starts calling it; the people
  ahead of it are the calls made before it by the modules that can serve it.

A `newcomer` of a service (a ticket issued now, by the kiosk tiles and the
queue events) is a phantom plain ticket that arrives last: it is recorded when
a module would call it and takes no time, so one run answers every service.

The spread (`Called.sd`) adds the variance of the calls made before the
ticket by the modules that can serve it, shared among those modules, plus a
share of the wait for staffing changes nobody announced.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from macturnos.domain.queue import OrderingRules, QueueEntry, is_plain, next_for_module

MAX_APPENDED = 20
"""Walk-ins a forecast takes by `Forecast.append` before the modules are played again."""
STAFFING_SPREAD = 0.12
"""Share of a forecast wait added to its spread for breaks and modules opening or closing."""


@dataclass(frozen=True)
class ServiceCost:
    """What one call of a service costs a module, in minutes."""

    mean: float
    """Expected minutes from calling a citizen to being free for the next one."""
    sd: float
    """Their standard deviation."""

    def __post_init__(self) -> None:
        """Reject costs that would stop or reverse time."""
        if not (math.isfinite(self.mean) and self.mean > 0):
            raise ValueError(f"mean must be a positive number of minutes, got {self.mean}")
        if not (math.isfinite(self.sd) and self.sd >= 0):
            raise ValueError(f"sd must be a non-negative number of minutes, got {self.sd}")


@dataclass(frozen=True)
class Staff:
    """A module with an advisor, as far as calling goes."""

    number: int
    services: frozenset[str]
    free_in: float = 0.0
    """Minutes until it calls again (its current attention's expected rest, or a break's)."""


@dataclass(frozen=True)
class Called:
    """When a ticket is expected to be called."""

    wait: float
    """Minutes from now until a module calls it."""
    sd: float
    """Standard deviation of `wait`, in minutes."""
    ahead: int
    """Calls before it by the modules that can serve it."""
    module: int
    """The module expected to call it."""


@dataclass
class Forecast:
    """The expected calls of every waiting ticket a staffed module can serve."""

    tickets: dict[int, Called] = field(default_factory=dict)
    newcomers: dict[str, Called] = field(default_factory=dict)
    cost: dict[str, float] = field(default_factory=dict)
    """Service -> the mean cost of one of its calls (minutes)."""
    cost_sd: dict[str, float] = field(default_factory=dict)
    """Service -> the standard deviation of that cost (minutes)."""
    serving: dict[str, int] = field(default_factory=dict)
    """Service -> how many staffed modules serve it."""
    shares: dict[str, frozenset[str]] = field(default_factory=dict)
    """Service -> the services a module serving it also serves (itself included)."""
    appended: int = 0

    def append(self, ticket_id: int, service: str) -> bool:
        """A walk-in of `service` arrived after everyone: update without playing again.

        It takes exactly its service's newcomer's place; every newcomer that shares a
        module with it is pushed back by its call's cost over their modules. False
        (play again) once `MAX_APPENDED` were added so, or without a newcomer to replace.
        """
        slot = self.newcomers.get(service)
        if slot is None or self.appended >= MAX_APPENDED:
            return False
        self.tickets[ticket_id] = slot
        for other in self.shares.get(service, ()):
            was = self.newcomers.get(other)
            if was is not None:
                later = was.wait + self.cost[service] / self.serving[other]
                # The spread as `forecast` makes it: one more call's variance before it.
                modules = self.serving[other]
                before = max(0.0, was.sd - STAFFING_SPREAD * was.wait) * modules
                spread = math.sqrt(before**2 + self.cost_sd.get(service, 0.0) ** 2) / modules
                self.newcomers[other] = replace(
                    was, wait=later, sd=spread + STAFFING_SPREAD * later, ahead=was.ahead + 1
                )
        self.appended += 1
        return True


def _by_arrival(q: list[QueueEntry]) -> deque[QueueEntry]:
    return deque(sorted(q, key=lambda e: (e.arrival_at, e.ticket_id)))


def _preferential_only(e: QueueEntry) -> bool:
    """Ordered by arrival among the preferential, whatever the time (no assistance to match)."""
    return e.preferential and e.assistance is None


class _Queues:
    """The tickets still to call, per service, so that a call looks at a few heads only.

    Plain walk-ins and preferential citizens are each called by arrival, so only
    the oldest of each can be next (`domain.queue`); appointments (due or not,
    depending on the time) and assistance needs are kept in a list and all looked at.
    """

    def __init__(self, entries: Iterable[QueueEntry]) -> None:
        plain: dict[str, list[QueueEntry]] = {}
        preferential: dict[str, list[QueueEntry]] = {}
        self.others: dict[str, list[QueueEntry]] = {}
        for e in entries:
            if is_plain(e):
                target = plain
            elif _preferential_only(e):
                target = preferential
            else:
                target = self.others
            target.setdefault(e.service_code, []).append(e)
        self.plain = {svc: _by_arrival(q) for svc, q in plain.items()}
        self.preferential = {svc: _by_arrival(q) for svc, q in preferential.items()}

    def candidates(self, services: Collection[str]) -> list[QueueEntry]:
        out: list[QueueEntry] = []
        for svc in services:
            out.extend(self.others.get(svc, ()))
            for heads in (self.plain, self.preferential):
                q = heads.get(svc)
                if q:
                    out.append(q[0])
        return out

    def remove(self, e: QueueEntry) -> None:
        if is_plain(e):
            self.plain[e.service_code].popleft()  # only the oldest is a candidate
        elif _preferential_only(e):
            self.preferential[e.service_code].popleft()
        else:
            self.others[e.service_code].remove(e)


def forecast(
    entries: Iterable[QueueEntry],
    staff: Iterable[Staff],
    costs: Mapping[str, ServiceCost],
    default_cost: ServiceCost,
    now: datetime,
    rules: OrderingRules,
    newcomers: Collection[str] = (),
) -> Forecast:
    """Play the staffed modules forward and say when each waiting ticket is called.

    Tickets of services no staffed module serves are absent from the answer
    (nobody can say when they will be called); so are such newcomers.
    """
    waiting = list(entries)
    modules = {m.number: m for m in staff}
    # A phantom newcomer per service: plain, arriving after every real ticket.
    latest = max((e.arrival_at for e in waiting), default=now)
    arrival = max(latest, now) + timedelta(microseconds=1)
    phantoms = {
        -(i + 1): QueueEntry(ticket_id=-(i + 1), service_code=svc, arrival_at=arrival)
        for i, svc in enumerate(sorted(set(newcomers)))
    }
    queues = _Queues([*waiting, *phantoms.values()])
    serving: dict[str, int] = {}
    for m in modules.values():
        for svc in m.services:
            serving[svc] = serving.get(svc, 0) + 1
    # Calls made so far, and their variance, by the modules that can serve each service.
    ahead = dict.fromkeys(serving, 0)
    variance = dict.fromkeys(serving, 0.0)
    left = len(waiting) + len(phantoms)
    free = [(max(0.0, m.free_in), m.number) for m in modules.values()]
    heapq.heapify(free)
    shares: dict[str, set[str]] = {}
    for m in modules.values():
        for svc in m.services:
            shares.setdefault(svc, set()).update(m.services)
    out = Forecast(
        cost={svc: costs.get(svc, default_cost).mean for svc in serving},
        cost_sd={svc: costs.get(svc, default_cost).sd for svc in serving},
        serving=serving,
        shares={svc: frozenset(s) for svc, s in shares.items()},
    )
    while free and left:
        at, number = heapq.heappop(free)
        services = modules[number].services
        candidates = queues.candidates(services)
        e = next_for_module(candidates, services, now + timedelta(minutes=at), rules)
        if e is None:
            continue  # what is left needs something this module does not offer
        queues.remove(e)
        left -= 1
        svc = e.service_code
        sd = math.sqrt(variance[svc]) / serving[svc] + STAFFING_SPREAD * at
        called = Called(wait=at, sd=sd, ahead=ahead[svc], module=number)
        if e.ticket_id in phantoms:
            out.newcomers[e.service_code] = called
            heapq.heappush(free, (at, number))  # a phantom takes no time
            continue
        out.tickets[e.ticket_id] = called
        cost = costs.get(svc, default_cost)
        for shared in services:
            ahead[shared] += 1
            variance[shared] += cost.sd**2
        heapq.heappush(free, (at + cost.mean, number))
    return out
