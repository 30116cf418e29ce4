"""Wait estimates on the server: recent days' figures and the forecast of today's queues.

What one call of a service costs a module is learned from the finished and
absent tickets of the last `HISTORY_DAYS` days (`load_history`: the tickets
table holds every call, start and end the event log recorded, one row per
ticket), read once per service day and database (`history_of`), then blended
with today's attentions (`domain.estimate_learning`). The forecast itself is
`domain.estimate_forecast.forecast`, played per entity (a module serves only
its entity's services, so entities never share a module).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.estimate_forecast import Forecast, ServiceCost, Staff, forecast
from macturnos.domain.estimate_learning import DEFAULT_CV, ServiceHistory, call_cost
from macturnos.domain.queue import QueueEntry
from macturnos.domain.tickets import TicketStatus
from macturnos.server.db.models import Ticket
from macturnos.server.runtime import CentreSetup

HISTORY_DAYS = 14
"""How many past days of attentions the estimate learns from."""
PAUSE_MINUTES: Mapping[str | None, float] = {
    "refrigerio": 45.0,
    "capacitacion": 60.0,
    "soporte_tecnico": 15.0,
}
"""How long a pause is expected to last, by reason (others: `OTHER_PAUSE_MINUTES`)."""
OTHER_PAUSE_MINUTES = 15.0
MIN_PAUSE_LEFT = 5.0
"""A pause that ran past its expected length is still assumed to last this long."""
MIN_ATTENTION_LEFT = 0.15
"""Share of a call's cost still assumed left when the current one ran past its mean."""

FINISHED = TicketStatus.FINISHED.value
NO_SHOW = TicketStatus.NO_SHOW.value


@dataclass(frozen=True)
class ModuleNow:
    """What the forecast needs of one module with an advisor."""

    number: int
    paused: str | None
    """The pause reason, or None when it is working."""
    since: datetime | None
    """When it entered its state (for a pause: when the pause began)."""
    service: str | None
    """The service of the citizen called or served there now, if any."""
    called_at: datetime | None


def _minutes(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 60


def load_history(session: Session, setup: CentreSetup, day: date) -> ServiceHistory:
    """The figures of the `HISTORY_DAYS` days before `day`, from their tickets."""
    rows = session.execute(
        select(
            Ticket.day,
            Ticket.module_number,
            Ticket.service_code,
            Ticket.status,
            Ticket.called_at,
            Ticket.started_at,
            Ticket.ended_at,
        )
        .where(
            Ticket.day >= day - timedelta(days=HISTORY_DAYS),
            Ticket.day < day,
            Ticket.status.in_((FINISHED, NO_SHOW)),
            Ticket.called_at.is_not(None),
            Ticket.ended_at.is_not(None),
        )
        .order_by(Ticket.day, Ticket.module_number, Ticket.called_at)
    )
    attentions: list[tuple[str, int, float]] = []
    walks: list[float] = []
    absent: list[float] = []
    gaps: list[float] = []
    calls: dict[str, int] = {}
    no_shows: dict[str, int] = {}
    previous: tuple[date, int | None, datetime] | None = None
    for d, module, service, status, called, started, ended in rows:
        if called is None or ended is None:  # excluded by the query; for the type checker
            continue
        calls[service] = calls.get(service, 0) + 1
        if status == NO_SHOW:
            no_shows[service] = no_shows.get(service, 0) + 1
            absent.append(_minutes(called, ended))
        elif started is not None:
            attentions.append((service, setup.local(started).hour, _minutes(started, ended)))
            walks.append(_minutes(called, started))
        if previous is not None and previous[:2] == (d, module):
            gaps.append(_minutes(previous[2], called))
        previous = (d, module, ended)
    return ServiceHistory.build(attentions, walks, gaps, absent, calls, no_shows)


_history: WeakKeyDictionary[Any, tuple[date, ServiceHistory]] = WeakKeyDictionary()
_history_lock = threading.Lock()


def history_of(session: Session, setup: CentreSetup, day: date) -> ServiceHistory:
    """`load_history` of `day`, read once per day and database."""
    bind = session.get_bind()
    with _history_lock:
        known = _history.get(bind)
    if known is not None and known[0] == day:
        return known[1]
    history = load_history(session, setup, day)
    with _history_lock:
        _history[bind] = (day, history)
    return history


def forget_history() -> None:
    """Read recent days again at the next estimate (a restore, a test)."""
    with _history_lock:
        _history.clear()


def call_costs(
    setup: CentreSetup,
    history: ServiceHistory,
    now: datetime,
    today: Mapping[str, list[float]],
    services: Iterable[str],
) -> dict[str, ServiceCost]:
    """What a call of each service costs a module at `now`."""
    hour = setup.local(now).hour
    default = float(setup.config.rules.default_service_minutes)
    return {svc: call_cost(history, svc, hour, today.get(svc, []), default) for svc in services}


def default_cost(setup: CentreSetup) -> ServiceCost:
    """The cost of a service nothing is known of (removed from the configuration)."""
    minutes = float(setup.config.rules.default_service_minutes)
    return ServiceCost(mean=minutes, sd=minutes * DEFAULT_CV)


def staff_of(
    setup: CentreSetup,
    modules: Iterable[ModuleNow],
    costs: Mapping[str, ServiceCost],
    now: datetime,
) -> list[Staff]:
    """The modules with an advisor, each with the minutes until it calls again.

    The call under way at a module is expected to end a call's mean after it
    was made, and at least a share of that mean from now. The expected rest of
    a long attention is longer than that (it is a long one), but the forecast
    plays expected times, and the first of several modules to free up comes
    sooner than the earliest of their expected ends: the benchmark measured
    this simple rule closer to the real calls.
    """
    cfg = setup.config
    out = []
    for m in modules:
        try:
            services = frozenset(cfg.services_of_module(m.number))
        except KeyError:  # removed from the configuration during the day
            continue
        free_in = 0.0
        if m.paused is not None:
            expected = PAUSE_MINUTES.get(m.paused, OTHER_PAUSE_MINUTES)
            spent = _minutes(m.since, now) if m.since is not None else 0.0
            free_in = max(expected - spent, MIN_PAUSE_LEFT)
        if m.service is not None and m.called_at is not None:
            cost = costs.get(m.service) or default_cost(setup)
            left = cost.mean - _minutes(m.called_at, now)
            free_in += max(left, MIN_ATTENTION_LEFT * cost.mean)
        out.append(Staff(number=m.number, services=services, free_in=free_in))
    return out


def entity_forecast(
    setup: CentreSetup,
    entity: str,
    entries: Iterable[QueueEntry],
    modules: Iterable[ModuleNow],
    history: ServiceHistory,
    today: Mapping[str, list[float]],
    now: datetime,
    newcomers: Iterable[str] = (),
    calling: Collection[int] = (),
) -> Forecast:
    """The forecast of one entity's queues at `now`.

    `calling` are the modules that called someone today: until one of the
    entity's did and while none of them is open, its configured modules are
    expected from the opening on (`expected_staff`).
    """
    cfg = setup.config
    services = cfg.services_of_entity(entity)
    costs = call_costs(setup, history, now, today, services)
    mine = [m for m in modules if _entity_of(setup, m.number) == entity]
    if mine or any(_entity_of(setup, n) == entity for n in calling):
        staff = staff_of(setup, mine, costs, now)
    else:
        staff = expected_staff(setup, entity, now)
    wanted = set(services)
    return forecast(
        [e for e in entries if e.service_code in wanted],
        staff,
        costs,
        default_cost(setup),
        now,
        setup.ordering,
        newcomers=[s for s in newcomers if s in wanted],
    )


LOG_IN_MIN = 5.0
"""Minutes after opening the first advisors are expected to call (log-in, counter set-up)."""
EXPECTED_UNTIL_MIN = 30.0
"""Minutes after opening until which an entity nobody staffed yet is still expected."""


def expected_staff(setup: CentreSetup, entity: str, now: datetime) -> list[Staff]:
    """Before any advisor of an entity opened a module: its modules, from the opening on.

    Early in the day the citizens at the door were told "por confirmar"; the
    entity's configured modules are assumed to start calling `LOG_IN_MIN`
    after the centre opens (or from now, if later). Once one module of the
    entity opens, only the modules really open count; and `EXPECTED_UNTIL_MIN`
    after opening an entity nobody came for is "por confirmar" (no promise).
    """
    cfg = setup.config
    day = setup.day_of(now)
    hours = setup.hours_on(day)
    if hours is None:
        return []
    opening = datetime.combine(day, hours.opens, setup.tz)
    if _minutes(opening, now) > EXPECTED_UNTIL_MIN:
        return []
    free_in = max(0.0, _minutes(now, opening)) + LOG_IN_MIN
    return [
        Staff(m.number, frozenset(cfg.services_of_module(m.number)), free_in)
        for m in cfg.modules
        if m.entity == entity
    ]


def _entity_of(setup: CentreSetup, number: int) -> str | None:
    try:
        return setup.config.module(number).entity
    except KeyError:
        return None


def entity_of_service(setup: CentreSetup, service: str) -> str | None:
    """The entity that provides a service, or None if it left the configuration."""
    try:
        return str(setup.config.service(service).entity)
    except KeyError:
        return None
