"""The running centre: its configuration and the domain objects derived from it.

The configuration can be replaced during the day (`replace`); tickets live in
the database and refer to services by code, so nothing of the day is lost.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from macturnos.config import CentreConfig
from macturnos.domain.hours import DayHours
from macturnos.domain.issuance import ServiceRules
from macturnos.domain.numbering import service_day
from macturnos.domain.queue import OrderingRules


@dataclass(frozen=True)
class CentreSetup:
    """The configuration in force and what derives from it (immutable; a reload makes a new one)."""

    config: CentreConfig
    tz: ZoneInfo
    ordering: OrderingRules
    _sharing: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def hours_on(self, day: date) -> DayHours | None:
        """Opening hours on `day`, or None when the centre is closed."""
        span = self.config.hours_on(day)
        return None if span is None else DayHours(opens=span[0], closes=span[1])

    def service_rules(self, code: str) -> ServiceRules:
        """The issuance rules of one service."""
        svc = self.config.service(code)
        return ServiceRules(
            code=svc.code,
            daily_capacity=svc.daily_capacity,
            last_issue=svc.last_issue,
            appointment_only=svc.mode == "appointment_only",
        )

    def sharing(self, service: str) -> tuple[str, ...]:
        """The other services served by a module that serves `service`.

        A ticket of `service` arriving or leaving moves their newcomers' estimates too
        (the modules are shared), so its event carries their queue figures as well.
        """
        known = self._sharing.get(service)
        if known is not None:
            return known
        modules = self.config.modules_serving(service) if service in self._services() else []
        found = tuple(
            sorted(
                {s for m in modules for s in self.config.services_of_module(m)} - {service}
            )
        )
        self._sharing[service] = found  # the setup never changes: a reload makes a new one
        return found

    def _services(self) -> frozenset[str]:
        return frozenset(s.code for s in self.config.services)

    def local(self, instant: datetime) -> datetime:
        """`instant` in the centre's time zone."""
        return instant.astimezone(self.tz)

    def day_of(self, instant: datetime) -> date:
        """The service day `instant` belongs to."""
        return service_day(instant, self.tz)


def make_setup(config: CentreConfig) -> CentreSetup:
    """Derive the setup in force from a configuration."""
    rules = config.rules
    return CentreSetup(
        config=config,
        tz=ZoneInfo(config.centre.timezone),
        ordering=OrderingRules(
            appointment_window_before=timedelta(minutes=rules.appointment_window_before_min),
            appointment_window_after=timedelta(minutes=rules.appointment_window_after_min),
        ),
    )


class CentreRuntime:
    """Holds the current setup; readers take a reference, a reload swaps it."""

    def __init__(self, config: CentreConfig, source: str | None = None) -> None:
        self._setup = make_setup(config)
        self.source = source
        self._lock = threading.Lock()

    @property
    def setup(self) -> CentreSetup:
        """The configuration in force now."""
        return self._setup

    def replace(self, config: CentreConfig) -> CentreSetup:
        """Put a new configuration in force; returns the old setup."""
        with self._lock:
            old, self._setup = self._setup, make_setup(config)
        return old
