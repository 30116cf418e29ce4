"""Opening hours of the centre: by weekday, with holidays on their own shorter schedule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import MappingProxyType


def format_clock(value: time) -> str:
    """A time as staff and citizens read it on a sign: 24-hour "HH:MM"."""
    return value.strftime("%H:%M")


@dataclass(frozen=True)
class DayHours:
    """One day's attention hours, local time: open at `opens`, closed from `closes` on."""

    opens: time
    closes: time

    def __post_init__(self) -> None:
        """Reject an empty or inverted span and timezone-aware times."""
        if self.opens.tzinfo is not None or self.closes.tzinfo is not None:
            raise ValueError("opening hours are local wall-clock times without tzinfo")
        if self.opens >= self.closes:
            raise ValueError(f"opening time {self.opens} must be before closing {self.closes}")

    def is_open_at(self, moment: time) -> bool:
        """Whether the local wall-clock `moment` is within the hours (closing time excluded)."""
        return self.opens <= moment.replace(tzinfo=None) < self.closes

    def describe(self) -> str:
        """ "08:30 a 18:30"-style text fields for messages."""
        return f"{format_clock(self.opens)} a {format_clock(self.closes)}"


@dataclass(frozen=True)
class WeeklyHours:
    """The centre's week (0 = Monday; a missing or None day is closed) and its holidays."""

    by_weekday: Mapping[int, DayHours | None]
    holiday_hours: DayHours | None = None
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        """Check weekdays and freeze the mapping so the value stays immutable."""
        bad = [d for d in self.by_weekday if not (isinstance(d, int) and 0 <= d <= 6)]
        if bad:
            raise ValueError(f"weekday keys must be 0 (Monday) to 6 (Sunday), got {bad}")
        object.__setattr__(self, "by_weekday", MappingProxyType(dict(self.by_weekday)))
        object.__setattr__(self, "holidays", frozenset(self.holidays))

    def __hash__(self) -> int:
        """Hash by content (the mapping proxy itself is unhashable)."""
        return hash((tuple(sorted(self.by_weekday.items())), self.holiday_hours, self.holidays))

    def hours_on(self, day: date) -> DayHours | None:
        """The hours of `day` (a holiday's own hours on a holiday), or None when closed."""
        if day in self.holidays:
            return self.holiday_hours
        return self.by_weekday.get(day.weekday())

    def is_open_at(self, now_local: datetime) -> bool:
        """Whether the centre is within its hours at the local time `now_local`."""
        hours = self.hours_on(now_local.date())
        return hours is not None and hours.is_open_at(now_local.time())


def default_weekly_hours(holidays: Iterable[date] = ()) -> WeeklyHours:
    """Centro MAC hours: Mon-Fri 08:30-18:30, Sat and holidays 09:00-13:30, Sun closed."""
    weekday = DayHours(time(8, 30), time(18, 30))
    short = DayHours(time(9, 0), time(13, 30))
    return WeeklyHours(
        by_weekday={0: weekday, 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: short, 6: None},
        holiday_hours=short,
        holidays=frozenset(holidays),
    )


DEFAULT_WEEKLY_HOURS = default_weekly_hours()
