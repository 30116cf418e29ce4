"""Whether a ticket of a service may be issued now: opening gate, hours, mode and capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from macturnos.domain.errors import DomainError
from macturnos.domain.hours import DayHours, format_clock


@dataclass(frozen=True)
class ServiceRules:
    """A service's issuance limits (None = no limit)."""

    code: str
    daily_capacity: int | None
    last_issue: time | None
    appointment_only: bool = False

    def __post_init__(self) -> None:
        """Reject a negative capacity and a timezone-aware last issue time."""
        if self.daily_capacity is not None and self.daily_capacity < 0:
            raise ValueError(f"daily_capacity must be >= 0, got {self.daily_capacity}")
        if self.last_issue is not None and self.last_issue.tzinfo is not None:
            raise ValueError("last_issue is a local wall-clock time without tzinfo")


def issuance_refusal(
    service: ServiceRules,
    now_local: datetime,
    issued_today: int,
    hours: DayHours | None,
    *,
    centre_opened: bool,
    with_appointment: bool = False,
    suspended: str | None = None,
) -> DomainError | None:
    """Why a ticket of `service` cannot be issued at `now_local` (centre time), or None.

    `suspended` is the reason a supervisor gave for suspending the service or its
    entity (their own system is down, ...), None if issuing is not suspended.
    """
    moment = now_local.time()
    if hours is None:
        return DomainError("CENTRE_CLOSED_TODAY")
    if not hours.is_open_at(moment):
        return DomainError(
            "OUTSIDE_OPENING_HOURS",
            abre=format_clock(hours.opens),
            cierra=format_clock(hours.closes),
        )
    if not centre_opened:
        return DomainError("CENTRE_NOT_OPENED")
    if suspended is not None:
        return DomainError("ISSUING_SUSPENDED", motivo=suspended)
    # Within the hours the closing time is already respected, so only an earlier
    # last issue time can still refuse. The message names a minute ("hasta las
    # 17:00"), so that whole minute is still allowed.
    if (
        service.last_issue is not None
        and moment.replace(second=0, microsecond=0) > service.last_issue
    ):
        return DomainError("SERVICE_PAST_LAST_ISSUE", hora=format_clock(service.last_issue))
    if service.appointment_only and not with_appointment:
        return DomainError("SERVICE_APPOINTMENT_ONLY")
    # A checked-in appointment was promised by the entity; it does not use a walk-in slot.
    if (
        not with_appointment
        and service.daily_capacity is not None
        and issued_today >= service.daily_capacity
    ):
        return DomainError("SERVICE_CAPACITY_REACHED", capacidad=service.daily_capacity)
    return None


def check_issuance(
    service: ServiceRules,
    now_local: datetime,
    issued_today: int,
    hours: DayHours | None,
    *,
    centre_opened: bool,
    with_appointment: bool = False,
    suspended: str | None = None,
) -> None:
    """Raise the reason a ticket of `service` cannot be issued at `now_local`, if any."""
    refusal = issuance_refusal(
        service,
        now_local,
        issued_today,
        hours,
        centre_opened=centre_opened,
        with_appointment=with_appointment,
        suspended=suspended,
    )
    if refusal is not None:
        raise refusal
