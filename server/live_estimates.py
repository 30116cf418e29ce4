"""What a live day says of waits: the forecast of each entity's queues, kept between writes.

`LiveDay` (`server.live`) holds the queues; this part of it turns them into what a
citizen is told (`domain.estimate.WaitEstimate`): it plays the entity's staffed
modules forward (`server.estimates.entity_forecast`), keeps that forecast while
nothing changes (`REUSE_FORECAST_S`), and folds a walk-in who arrives last into it
without playing again (`Forecast.append`). Every other change drops it.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime
from typing import Any

from macturnos.domain.estimate import WaitEstimate
from macturnos.domain.estimate_forecast import Called, Forecast
from macturnos.domain.estimate_learning import ServiceHistory
from macturnos.domain.queue import QueueEntry, is_plain, order_queue
from macturnos.server.estimates import ModuleNow, entity_forecast, entity_of_service
from macturnos.server.runtime import CentreSetup

REUSE_FORECAST_S = 60.0
"""How long a forecast serves while nothing changes (time still moves appointments)."""


def _told(called: Called, spent: float, now: datetime) -> WaitEstimate:
    """What is said of a forecast call, `spent` minutes after the forecast was made."""
    return WaitEstimate.of(max(0.0, called.wait - spent), called.sd, called.ahead, now)


class LiveEstimates:
    """The estimates of a `LiveDay` (its queues and modules are declared here for them)."""

    _waiting: dict[str, dict[int, QueueEntry]]
    _recent: dict[str, deque[float]]
    _active: dict[int, tuple[int, str, datetime | None]]
    _forecasts: dict[str, tuple[datetime, Forecast]]
    staffed: set[int]
    paused: dict[int, tuple[str, datetime | None]]
    calling: set[int]
    history: ServiceHistory
    latest: datetime | None

    def waiting_count(self, service: str) -> int:
        """How many tickets of a service wait to be called."""
        return len(self._waiting.get(service, ()))

    def modules_now(self) -> list[ModuleNow]:
        """The modules with an advisor, working or paused, with their current call."""
        out = []
        for number in sorted(self.staffed | set(self.paused)):
            pause = self.paused.get(number)
            active = self._active.get(number)
            out.append(
                ModuleNow(
                    number=number,
                    paused=pause[0] if pause else None,
                    since=pause[1] if pause else None,
                    service=active[1] if active else None,
                    called_at=active[2] if active else None,
                )
            )
        return out

    def forecast(
        self, setup: CentreSetup, entity: str, now: datetime, extra: QueueEntry | None = None
    ) -> tuple[Forecast, float]:
        """The forecast of an entity's queues, and the minutes since it was made.

        Made at `now`, with `extra` waiting too if given; without `extra`, the
        forecast of an earlier instant is reused while nothing changed since
        (every change drops it) and it is younger than `REUSE_FORECAST_S`: a
        kiosk issuing many tickets in a row costs one forecast per ticket, not two.
        """
        known = self._forecasts.get(entity) if extra is None else None
        if known is not None:
            age = (now - known[0]).total_seconds()
            if 0 <= age <= REUSE_FORECAST_S:
                return known[1], age / 60
        entries = [e for q in self._waiting.values() for e in q.values()]
        if extra is not None:
            entries = [e for e in entries if e.ticket_id != extra.ticket_id] + [extra]
        made = entity_forecast(
            setup,
            entity,
            entries,
            self.modules_now(),
            self.history,
            self._recent_lists(),
            now,
            newcomers=setup.config.services_of_entity(entity),
            calling=self.calling,
        )
        if extra is None:
            self._forecasts[entity] = (now, made)
        return made, 0.0

    def _append_to_forecast(self, ticket_id: int, service: str) -> bool:
        """A walk-in just arrived: fold it into its entity's forecast (`Forecast.append`)."""
        for entity, (_made, fc) in list(self._forecasts.items()):
            if service in fc.serving:
                if fc.append(ticket_id, service):
                    return True
                del self._forecasts[entity]
        return False

    def _recent_lists(self) -> dict[str, list[float]]:
        return {svc: list(r) for svc, r in self._recent.items()}

    def ticket_estimate(self, setup: CentreSetup, entry: QueueEntry, now: datetime) -> WaitEstimate:
        """What the holder of a waiting ticket (or one about to wait) is told at `now`."""
        entity = entity_of_service(setup, entry.service_code)
        if entity is None:
            return WaitEstimate.unknown(0)
        waiting = self._waiting.get(entry.service_code, {})
        if entry.ticket_id in waiting:
            fc, spent = self.forecast(setup, entity, now)
            called = fc.tickets.get(entry.ticket_id)
        elif is_plain(entry):
            # Arriving last among walk-ins: exactly the forecast's newcomer of its service.
            fc, spent = self.forecast(setup, entity, now)
            called = fc.newcomers.get(entry.service_code)
        else:
            fc, spent = self.forecast(setup, entity, now, entry)
            called = fc.tickets.get(entry.ticket_id)
        if called is None:
            return WaitEstimate.unknown(self._ahead_unstaffed(setup, entry, now))
        return _told(called, spent, now)

    def _ahead_unstaffed(self, setup: CentreSetup, entry: QueueEntry, now: datetime) -> int:
        """People ahead when no module that serves the ticket is staffed: its own queue."""
        same = [e for e in self._waiting.get(entry.service_code, {}).values()]
        same = [e for e in same if e.ticket_id != entry.ticket_id] + [entry]
        order = order_queue(same, now, setup.ordering)
        return next(i for i, e in enumerate(order) if e.ticket_id == entry.ticket_id)

    def newcomer_estimate(self, setup: CentreSetup, service: str, now: datetime) -> WaitEstimate:
        """What a citizen taking a ticket of `service` at `now` would be told."""
        entity = entity_of_service(setup, service)
        if entity is None:
            return WaitEstimate.unknown(self.waiting_count(service))
        fc, spent = self.forecast(setup, entity, now)
        called = fc.newcomers.get(service)
        if called is None:
            return WaitEstimate.unknown(self.waiting_count(service))
        return _told(called, spent, now)

    def queue_data(
        self, setup: CentreSetup, service: str, now: datetime | None = None
    ) -> dict[str, Any]:
        """A service's waiting count and a newcomer's estimate, as events carry them."""
        waiting = self.waiting_count(service)
        at = now or self.latest
        if at is None:
            est = WaitEstimate.unknown(waiting)
        else:
            est = self.newcomer_estimate(setup, service, at)
        return {
            "service": service,
            "waiting": waiting,
            "estimated_wait_min": est.minutes,
            "estimated_wait_low_min": est.low,
            "estimated_wait_high_min": est.high,
        }
