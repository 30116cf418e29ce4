"""The ticket figures and their definitions (docs/reports.md, "Tickets").

Wait, percentile and target use the domain's own rules
(`domain.opening.attention_wait_s`, `percentile`, `within_target`), so the
supervisor's monitor, the day summary and every report count alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from macturnos.domain.opening import (
    END_OF_DAY_REASON,
    attention_wait_s,
    percentile,
    within_target,
)
from macturnos.domain.tickets import TicketStatus
from macturnos.reports.facts import TRANSFER, TicketFact


class Outcome(StrEnum):
    """Where a ticket ended: every ticket has exactly one outcome."""

    SERVED = "served"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    NOT_SERVED_AT_CLOSING = "not_served_at_closing"
    TRANSFERRED = "transferred"
    PENDING = "pending"
    """Still waiting, called or in service (a day not yet closed)."""


_OUTCOME_OF_STATUS = {
    TicketStatus.FINISHED: Outcome.SERVED,
    TicketStatus.NO_SHOW: Outcome.NO_SHOW,
    TicketStatus.TRANSFERRED: Outcome.TRANSFERRED,
    TicketStatus.CANCELLED: Outcome.CANCELLED,
}


def outcome(f: TicketFact) -> Outcome:
    """The outcome of a ticket from its last state."""
    found = _OUTCOME_OF_STATUS.get(f.status, Outcome.PENDING)
    if found is Outcome.CANCELLED and f.end_reason == END_OF_DAY_REASON:
        return Outcome.NOT_SERVED_AT_CLOSING
    return found


def wait_s(f: TicketFact) -> float | None:
    """A served ticket's wait: issue (or transfer) to its call, in seconds."""
    if f.status is not TicketStatus.FINISHED:
        return None
    return attention_wait_s(f.issued_at, f.called_at)


def attention_s(f: TicketFact) -> float | None:
    """A served ticket's attention time: start to finish, in seconds."""
    if f.status is not TicketStatus.FINISHED or f.started_at is None or f.ended_at is None:
        return None
    return max((f.ended_at - f.started_at).total_seconds(), 0.0)


def is_arrival(f: TicketFact) -> bool:
    """A citizen who came to the centre (not the continuation of a visit by a transfer)."""
    return f.channel != TRANSFER


@dataclass(frozen=True)
class Stats:
    """Count, total, mean, nearest-rank p50 and p90, and maximum of some durations (s)."""

    count: int
    total: float
    mean: float | None
    p50: float | None
    p90: float | None
    max: float | None


def stats(values: Iterable[float]) -> Stats:
    """The `Stats` of some durations (all None but count and total without any)."""
    ordered: Sequence[float] = sorted(values)
    total = float(sum(ordered))
    n = len(ordered)
    return Stats(
        count=n,
        total=total,
        mean=total / n if n else None,
        p50=percentile(ordered, 50),
        p90=percentile(ordered, 90),
        max=ordered[-1] if n else None,
    )


@dataclass(frozen=True)
class TicketFigures:
    """The figures of a group of tickets.

    issued = served + no_shows + cancelled + not_served_at_closing + transferred + pending.
    """

    issued: int
    arrivals: int
    served: int
    no_shows: int
    cancelled: int
    not_served_at_closing: int
    transferred: int
    pending: int
    wait: Stats
    attention: Stats
    within_target: int
    within_target_share: float | None
    """`within_target` over the served tickets with a recorded call (0..1)."""
    rated: int = 0
    """Attentions the citizen rated (phone or survey tablet)."""
    rating_mean: float | None = None
    """Their mean rating, 1 (muy mal) to 5 (muy bien)."""


def ticket_figures(facts: Iterable[TicketFact]) -> TicketFigures:
    """The figures of a group of tickets."""
    counts = dict.fromkeys(Outcome, 0)
    waits: list[float] = []
    attentions: list[float] = []
    issued = arrivals = within = 0
    ratings: list[int] = []
    for f in facts:
        issued += 1
        if f.rating is not None:
            ratings.append(f.rating)
        arrivals += is_arrival(f)
        found = outcome(f)
        counts[found] += 1
        if found is not Outcome.SERVED:
            continue  # waits and attention times are the served tickets'
        wait = wait_s(f)
        if wait is not None:
            waits.append(wait)
            within += within_target(wait, f.target_wait_min)
        attention = attention_s(f)
        if attention is not None:
            attentions.append(attention)
    return TicketFigures(
        issued=issued,
        arrivals=arrivals,
        served=counts[Outcome.SERVED],
        no_shows=counts[Outcome.NO_SHOW],
        cancelled=counts[Outcome.CANCELLED],
        not_served_at_closing=counts[Outcome.NOT_SERVED_AT_CLOSING],
        transferred=counts[Outcome.TRANSFERRED],
        pending=counts[Outcome.PENDING],
        wait=stats(waits),
        attention=stats(attentions),
        within_target=within,
        within_target_share=within / len(waits) if waits else None,
        rated=len(ratings),
        rating_mean=sum(ratings) / len(ratings) if ratings else None,
    )
