"""The centre's day as plain rules: the opening gate, the closing phase and the day's figures.

Opening (Protocolo de apertura y atención diaria): every checklist item gets a
result; a blocking item that failed *or could not be verified* keeps the centre
closed, a non-blocking one opens it with an incident. No internet, no power or no
guards, no opening: a blocking item whose automatic check failed stays failed
whatever a person answers, and any answer that contradicts an automatic check is
an incident (issue 16, item 8). Closing: from
`warning` minutes before closing time the tickets still pending are listed for
the supervisor, and the day can be sealed once none is left. The summary turns
the day's ticket records into the figures the PCM asks for.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from macturnos.domain.hours import DayHours
from macturnos.domain.tickets import TicketStatus

# --- opening -------------------------------------------------------------------


class ItemResult(StrEnum):
    """The outcome of one checklist item."""

    OK = "ok"
    FAIL = "fail"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class ItemOutcome:
    """One checklist item with its result and the person's (or probe's) note."""

    code: str
    label: str
    blocking: bool
    result: ItemResult
    note: str | None = None
    probe: ItemResult | None = None
    """What the automatic check found (None: no probe); `result` is the answer kept."""

    @property
    def passed(self) -> bool:
        """True when the item does not stand in the way: verified fine, or not applicable."""
        return _passes(self.result)

    @property
    def contradicts_probe(self) -> bool:
        """A person's answer says the opposite of a conclusive automatic check (ok or fail)."""
        conclusive = self.probe in (ItemResult.OK, ItemResult.FAIL)
        return conclusive and self.probe is not None and _passes(self.probe) != self.passed

    @property
    def overrules_failed_probe(self) -> bool:
        """A person called fine an item whose automatic check failed."""
        return self.probe is ItemResult.FAIL and self.passed

    @property
    def stops_opening(self) -> bool:
        """A blocking item that failed, was not verified, or whose automatic check failed.

        A person may verify by hand what no probe could (an unknown), but cannot
        overrule a failed check of a blocking item: the centre does not open
        without internet, power or guards.
        """
        return self.blocking and (not self.passed or self.probe is ItemResult.FAIL)


def _passes(result: ItemResult) -> bool:
    return result in (ItemResult.OK, ItemResult.NOT_APPLICABLE)


class OpeningDecision(StrEnum):
    """What the opening gate decides."""

    OPEN = "open"
    OPEN_WITH_INCIDENTS = "open_with_incidents"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class OpeningVerdict:
    """The decision with the items behind it."""

    decision: OpeningDecision
    blocking_failures: tuple[ItemOutcome, ...] = ()
    """Blocking items that failed or could not be verified: why the centre stays closed."""
    incidents: tuple[ItemOutcome, ...] = ()
    """Non-blocking items that failed or could not be verified, and every answer that
    contradicts an automatic check: recorded, the centre opens."""

    @property
    def opens(self) -> bool:
        """Whether the centre may start attending citizens."""
        return self.decision is not OpeningDecision.BLOCKED


def decide_opening(outcomes: Sequence[ItemOutcome]) -> OpeningVerdict:
    """Apply the opening rule to a complete checklist.

    An unverified blocking item counts as failed: the protocol asks that
    internet, power and security be *verified* before opening, not assumed. A
    blocking item whose probe failed blocks even when a person answered "ok";
    an answer that contradicts a probe opens (when nothing blocks) with an
    incident, so it is always on the record.
    """
    codes = [o.code for o in outcomes]
    if len(set(codes)) != len(codes):
        raise ValueError("each checklist item may appear only once")
    if not outcomes:
        raise ValueError("a checklist needs at least one item")
    blocking = tuple(o for o in outcomes if o.stops_opening)
    incidents = tuple(
        o for o in outcomes if not o.stops_opening and (not o.passed or o.contradicts_probe)
    )
    if blocking:
        decision = OpeningDecision.BLOCKED
    elif incidents:
        decision = OpeningDecision.OPEN_WITH_INCIDENTS
    else:
        decision = OpeningDecision.OPEN
    return OpeningVerdict(decision, blocking, incidents)


# --- closing -------------------------------------------------------------------


class ClosingPhase(StrEnum):
    """Where a service day stands with respect to its closing time."""

    OPEN = "open"
    """Before the closing warning: tickets flow normally."""
    CLOSING = "closing"
    """Within the warning before closing time, or after it: pending tickets are settled."""
    CLOSED = "closed"
    """A past day, or a day the centre does not open: nothing runs any more."""


def closing_warning_at(hours: DayHours, warning_min: int) -> time:
    """The local time from which the closing list is due (never before opening)."""
    if warning_min < 0:
        raise ValueError(f"warning_min must be >= 0, got {warning_min}")
    closes = datetime.combine(date.min + timedelta(days=1), hours.closes)
    start = closes - timedelta(minutes=warning_min)
    if start.date() != closes.date():
        return hours.opens
    return max(start.time(), hours.opens)


def closing_phase(
    day: date, now_local: datetime, hours: DayHours | None, warning_min: int
) -> ClosingPhase:
    """The phase of service day `day` at the local time `now_local`."""
    today = now_local.date()
    if day < today or hours is None:
        return ClosingPhase.CLOSED
    if day > today:
        return ClosingPhase.OPEN
    if now_local.time().replace(tzinfo=None) >= closing_warning_at(hours, warning_min):
        return ClosingPhase.CLOSING
    return ClosingPhase.OPEN


PENDING_STATUSES = frozenset({TicketStatus.ISSUED, TicketStatus.CALLED, TicketStatus.IN_SERVICE})
"""Statuses that keep a day from being sealed."""

CLOSABLE_STATUSES = frozenset({TicketStatus.ISSUED, TicketStatus.CALLED})
"""Statuses the end-of-day close ends as "no atendido por cierre"; in service must finish."""

END_OF_DAY_REASON = "cierre"
"""`end_reason` of tickets closed as "no atendido por cierre"."""


def can_seal(phase: ClosingPhase, pending: int) -> bool:
    """Whether the day may be sealed: at or after closing, with no ticket left open."""
    return phase is not ClosingPhase.OPEN and pending == 0


# --- day summary -----------------------------------------------------------------


@dataclass(frozen=True)
class TicketRecord:
    """The part of a ticket the day summary reads."""

    entity: str
    service: str
    status: TicketStatus
    issued_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    target_wait_min: int
    end_reason: str | None = None


@dataclass(frozen=True)
class Figures:
    """The figures of a group of tickets (the whole centre, an entity or a service)."""

    issued: int
    attentions: int
    """Finished attentions."""
    no_shows: int
    closed_at_end: int
    """Closed as "no atendido por cierre"."""
    cancelled: int
    """Cancelled for any other reason."""
    transferred: int
    avg_wait_s: float | None
    """Average wait of the attentions, issue to first call, in seconds (None without any)."""
    p90_wait_s: float | None
    """90th percentile (nearest rank) of the same waits."""
    avg_service_s: float | None
    """Average attention time, start to finish, in seconds."""
    p90_service_s: float | None
    """90th percentile (nearest rank) of the attention times."""
    within_target: int
    """Attentions whose wait was at most their service's target."""
    within_target_share: float | None
    """`within_target` over the attentions with a recorded call, 0..1 (None without any)."""


@dataclass(frozen=True)
class ServiceFigures:
    """One service's figures."""

    service: str
    figures: Figures


@dataclass(frozen=True)
class EntityFigures:
    """One entity's figures and those of each of its services."""

    entity: str
    figures: Figures
    services: tuple[ServiceFigures, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DaySummary:
    """The figures of a whole day."""

    totals: Figures
    entities: tuple[EntityFigures, ...]


def percentile(values: Iterable[float], pct: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `pct` % of values <= it."""
    ordered = sorted(values)
    if not 0 < pct <= 100:
        raise ValueError(f"pct must be in (0, 100], got {pct}")
    if not ordered:
        return None
    rank = math.ceil(round(pct / 100 * len(ordered), 9))
    return ordered[max(rank, 1) - 1]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return max((end - start).total_seconds(), 0.0)


def attention_wait_s(issued_at: datetime | None, called_at: datetime | None) -> float | None:
    """An attention's wait as the service-level agreements measure it, in seconds.

    From its ticket's issue to its call: a transferred citizen's wait for the
    new service starts at the transfer (the arrival time they keep orders the
    queue, it is not the new entity's wait). The day summary and the
    supervisor's monitor both count with this.
    """
    return _seconds(issued_at, called_at)


def within_target(wait_s: float, target_min: int | None) -> bool:
    """Whether a wait kept to its service's target (never, without a target)."""
    return bool(target_min) and wait_s <= (target_min or 0) * 60


def figures_of(records: Sequence[TicketRecord]) -> Figures:
    """The figures of a group of ticket records."""
    attended = [r for r in records if r.status is TicketStatus.FINISHED]
    waits: list[float] = []
    within = 0
    for r in attended:
        wait = attention_wait_s(r.issued_at, r.called_at)
        if wait is None:
            continue
        waits.append(wait)
        if within_target(wait, r.target_wait_min):
            within += 1
    services = [s for r in attended if (s := _seconds(r.started_at, r.ended_at)) is not None]
    closed_at_end = sum(
        1
        for r in records
        if r.status is TicketStatus.CANCELLED and r.end_reason == END_OF_DAY_REASON
    )
    cancelled = sum(1 for r in records if r.status is TicketStatus.CANCELLED) - closed_at_end
    return Figures(
        issued=len(records),
        attentions=len(attended),
        no_shows=sum(1 for r in records if r.status is TicketStatus.NO_SHOW),
        closed_at_end=closed_at_end,
        cancelled=cancelled,
        transferred=sum(1 for r in records if r.status is TicketStatus.TRANSFERRED),
        avg_wait_s=_mean(waits),
        p90_wait_s=percentile(waits, 90),
        avg_service_s=_mean(services),
        p90_service_s=percentile(services, 90),
        within_target=within,
        within_target_share=within / len(waits) if waits else None,
    )


def summarise_day(records: Sequence[TicketRecord]) -> DaySummary:
    """Figures for the centre, each entity and each service (sorted by code)."""
    by_entity: dict[str, dict[str, list[TicketRecord]]] = {}
    for r in records:
        by_entity.setdefault(r.entity, {}).setdefault(r.service, []).append(r)
    entities = []
    for entity in sorted(by_entity):
        services = by_entity[entity]
        entity_records = [r for code in services for r in services[code]]
        entities.append(
            EntityFigures(
                entity=entity,
                figures=figures_of(entity_records),
                services=tuple(
                    ServiceFigures(code, figures_of(services[code])) for code in sorted(services)
                ),
            )
        )
    return DaySummary(totals=figures_of(records), entities=tuple(entities))
