"""Advisors' time and modules' use, from the spans of module time (`reports.staff`).

Definitions (docs/reports.md, "Advisors and modules"): logged in = the
sessions' time; paused by reason; calling and serving = time with a ticket in
hand; idle = logged in - paused - calling - serving. A module's busy time is
its calling plus serving time; its utilisation is busy over staffed time not
paused.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from macturnos.reports.staff import Span, SpanKind

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class TimeFigures:
    """How a group of spans' time (seconds) was spent."""

    logged_in_s: float
    paused_s: float
    paused_by_reason_s: dict[str, float] = field(default_factory=dict)
    calling_s: float = 0.0
    serving_s: float = 0.0

    @property
    def busy_s(self) -> float:
        """Time with a ticket in hand: calling plus serving."""
        return self.calling_s + self.serving_s

    @property
    def idle_s(self) -> float:
        """Logged in, not paused and with no ticket in hand."""
        return max(self.logged_in_s - self.paused_s - self.busy_s, 0.0)

    @property
    def utilisation(self) -> float | None:
        """Busy time over the time staffed and not paused (0..1), None without any."""
        available = self.logged_in_s - self.paused_s
        return min(self.busy_s / available, 1.0) if available > 0 else None


def time_figures(spans: Iterable[Span]) -> TimeFigures:
    """The `TimeFigures` of some spans."""
    totals = dict.fromkeys(SpanKind, 0.0)
    by_reason: dict[str, float] = {}
    for s in spans:
        totals[s.kind] += s.seconds
        if s.kind is SpanKind.PAUSE:
            reason = s.reason or ""
            by_reason[reason] = by_reason.get(reason, 0.0) + s.seconds
    return TimeFigures(
        logged_in_s=totals[SpanKind.SESSION],
        paused_s=totals[SpanKind.PAUSE],
        paused_by_reason_s=dict(sorted(by_reason.items())),
        calling_s=totals[SpanKind.CALLING],
        serving_s=totals[SpanKind.SERVING],
    )


def time_by(spans: Iterable[Span], key: Callable[[Span], K]) -> dict[K, TimeFigures]:
    """`TimeFigures` per value of `key` (an advisor, a module, ...)."""
    groups: dict[K, list[Span]] = {}
    for s in spans:
        groups.setdefault(key(s), []).append(s)
    return {k: time_figures(v) for k, v in groups.items()}
