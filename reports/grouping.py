"""Grouping tickets: by centre, day, entity, service, module, advisor, channel, ..."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import tzinfo
from enum import StrEnum

from macturnos.reports.facts import TicketFact

GroupValue = str | int | None


class Dimension(StrEnum):
    """What tickets can be grouped by (`group_by=`)."""

    CENTRE = "centre"
    DAY = "day"
    ENTITY = "entity"
    SERVICE = "service"
    MODULE = "module"
    ADVISOR = "advisor"
    CHANNEL = "channel"
    PREFERENTIAL = "preferential"
    HOUR = "hour"
    """Local hour of issue, 0..23."""
    WEEKDAY = "weekday"
    """Local ISO weekday of issue, 1 (Monday) .. 7 (Sunday)."""


def _keys(tz: tzinfo) -> dict[Dimension, Callable[[TicketFact], GroupValue]]:
    return {
        Dimension.CENTRE: lambda f: None,
        Dimension.DAY: lambda f: f.day.isoformat(),
        Dimension.ENTITY: lambda f: f.entity,
        Dimension.SERVICE: lambda f: f.service,
        Dimension.MODULE: lambda f: f.module,
        Dimension.ADVISOR: lambda f: f.advisor,
        Dimension.CHANNEL: lambda f: f.channel,
        Dimension.PREFERENTIAL: lambda f: f.preferential,
        Dimension.HOUR: lambda f: f.issued_at.astimezone(tz).hour,
        Dimension.WEEKDAY: lambda f: f.issued_at.astimezone(tz).isoweekday(),
    }


GroupKey = tuple[GroupValue, ...]


def _order(key: GroupKey) -> tuple[tuple[bool, str, int], ...]:
    # None (no module, no advisor, no category) last; numbers in numeric order.
    return tuple(
        (v is None, v if isinstance(v, str) else "", v if isinstance(v, int) else 0) for v in key
    )


def group_facts(
    facts: Iterable[TicketFact], dims: Sequence[Dimension], tz: tzinfo
) -> list[tuple[GroupKey, list[TicketFact]]]:
    """The tickets split by the values of `dims`, every ticket in exactly one group, sorted."""
    keys = _keys(tz)
    pick = [keys[d] for d in dims]
    groups: dict[GroupKey, list[TicketFact]] = {}
    for f in facts:
        groups.setdefault(tuple(k(f) for k in pick), []).append(f)
    return sorted(groups.items(), key=lambda kv: _order(kv[0]))
