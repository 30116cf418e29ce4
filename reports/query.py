"""What a report is asked for: the kind, the range, the grouping and the filters.

`parse_query` reads the parameters of `GET /api/v1/reports/...` and refuses
(a `DomainError`) anything it does not understand, never ignoring it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from macturnos.domain.errors import DomainError
from macturnos.reports.facts import TicketFact
from macturnos.reports.grouping import Dimension
from macturnos.reports.staff import Span

MAX_DAYS = 366
"""The longest range one report covers (a year, leap day included)."""


class ReportKind(StrEnum):
    """The reports there are."""

    TICKETS = "tickets"
    HOURLY = "hourly"
    ADVISORS = "advisors"
    MODULES = "modules"
    APPOINTMENTS = "appointments"


class Format(StrEnum):
    """How a report is delivered."""

    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


_TICKET_FILTERS = ("entity", "service", "module", "advisor", "channel", "preferential")
_TIME_FILTERS = ("entity", "module", "advisor")
FILTERS: dict[ReportKind, tuple[str, ...]] = {
    ReportKind.TICKETS: _TICKET_FILTERS,
    ReportKind.HOURLY: _TICKET_FILTERS,
    ReportKind.APPOINTMENTS: _TICKET_FILTERS,
    # Time is a module's, not a ticket's: a service, channel or category has none.
    ReportKind.ADVISORS: _TIME_FILTERS,
    ReportKind.MODULES: _TIME_FILTERS,
}
NONE = "none"
"""A filter value meaning "without one" (no preferential category, no module, ...)."""


@dataclass(frozen=True)
class ReportQuery:
    """One report's question."""

    kind: ReportKind
    start: date
    end: date
    """Inclusive."""
    group_by: tuple[Dimension, ...] = (Dimension.CENTRE,)
    filters: dict[str, str] = field(default_factory=dict)
    format: Format = Format.JSON

    def covers(self, day: date) -> bool:
        """Whether a service day is in the range."""
        return self.start <= day <= self.end

    def keeps(self, f: TicketFact) -> bool:
        """Whether a ticket is in the range and passes the filters."""
        return self.covers(f.day) and all(
            _matches(getattr(f, name), value) for name, value in self.filters.items()
        )

    def keeps_span(self, s: Span) -> bool:
        """Whether a span of module time is in the range and passes the filters."""
        return self.covers(s.day) and all(
            _matches(getattr(s, name), value) for name, value in self.filters.items()
        )

    def with_filter(self, name: str, value: str) -> ReportQuery:
        """The same question with one more filter."""
        return ReportQuery(
            self.kind,
            self.start,
            self.end,
            self.group_by,
            {**self.filters, name: value},
            self.format,
        )


def _matches(actual: object, wanted: str) -> bool:
    if actual is None:
        return wanted == NONE
    return str(actual) == wanted


def _invalid(name: str, value: str) -> DomainError:
    return DomainError("REPORT_INVALID_VALUE", parametro=name, valor=value[:60])


def _date(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _invalid(name, value) from None


def _dimensions(value: str) -> tuple[Dimension, ...]:
    names = [v.strip() for v in value.split(",")]
    try:
        dims = tuple(Dimension(n) for n in names)
    except ValueError:
        raise _invalid("group_by", value) from None
    if len(set(dims)) != len(dims):
        raise _invalid("group_by", value)
    return dims


def parse_query(kind: ReportKind, params: Iterable[tuple[str, str]], today: date) -> ReportQuery:
    """The question in a report's parameters (`from`, `to`: see docs/reports.md).

    Refuses an unknown or repeated parameter, a value it cannot read, a range
    that ends before it starts or is longer than `MAX_DAYS`.
    """
    allowed: Sequence[str] = ("from", "to", "format", *FILTERS[kind])
    if kind is ReportKind.TICKETS:
        allowed = (*allowed, "group_by")
    given: dict[str, str] = {}
    for name, value in params:
        if name not in allowed:
            raise DomainError("REPORT_UNKNOWN_PARAMETER", parametro=name[:40])
        if name in given:
            raise _invalid(name, value)
        given[name] = value
    # One bound alone is a single day; neither is today.
    start = _date("from", given["from"]) if "from" in given else None
    end = _date("to", given["to"]) if "to" in given else None
    start = start or end or today
    end = end or start
    if end < start:
        raise DomainError("REPORT_INVALID_RANGE", desde=start.isoformat(), hasta=end.isoformat())
    if (end - start).days + 1 > MAX_DAYS:
        raise DomainError("REPORT_RANGE_TOO_LONG", dias=MAX_DAYS)
    try:
        fmt = Format(given.get("format", Format.JSON.value))
    except ValueError:
        raise _invalid("format", given["format"]) from None
    group_by = _dimensions(given["group_by"]) if "group_by" in given else (Dimension.CENTRE,)
    filters = {k: v for k, v in given.items() if k in FILTERS[kind]}
    for name, value in filters.items():
        if not value.strip() or len(value) > 60:
            raise _invalid(name, value)
        if name == "module" and value != NONE and not value.isdigit():
            raise _invalid(name, value)
    return ReportQuery(kind, start, end, group_by, filters, fmt)
