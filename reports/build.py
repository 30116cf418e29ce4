"""Building a report's table from the tickets and the spans of module time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from macturnos.reports.facts import TicketFact
from macturnos.reports.figures import TicketFigures, ticket_figures
from macturnos.reports.grouping import group_facts
from macturnos.reports.profiles import appointment_figures, hourly_profile, visit_figures
from macturnos.reports.query import ReportKind, ReportQuery
from macturnos.reports.staff import Span
from macturnos.reports.tables import (
    Row,
    Table,
    seconds,
    share,
    stats_row,
    table,
    ticket_row,
    time_row,
)
from macturnos.reports.workload import time_by, time_figures


def _tickets(q: ReportQuery, facts: Sequence[TicketFact], tz: tzinfo) -> Table:
    groups = [(key, ticket_figures(g)) for key, g in group_facts(facts, q.group_by, tz)]
    rows = [
        {**{d.value: v for d, v in zip(q.group_by, key, strict=True)}, **ticket_row(figures)}
        for key, figures in groups
    ]
    # One group holding every ticket (by centre) is the totals: not counted twice.
    whole = groups[0][1] if len(groups) == 1 and groups[0][1].issued == len(facts) else None
    return table(rows, ticket_row(whole or ticket_figures(facts)))


def _hourly(facts: Sequence[TicketFact], tz: tzinfo) -> Table:
    rows: list[Row] = [
        {"hour": h.hour, "arrivals": h.arrivals, "served": h.served}
        for h in hourly_profile(facts, tz)
    ]
    totals = {
        "arrivals": sum(r["arrivals"] for r in rows),
        "served": sum(r["served"] for r in rows),
    }
    return table(rows, totals)


def _attended(f: TicketFigures) -> Row:
    """What an advisor's or a module's attentions were like."""
    return {
        "served": f.served,
        "attention_mean_s": seconds(f.attention.mean),
        "within_target_share": share(f.within_target_share),
    }


def _advisors(facts: Sequence[TicketFact], spans: Sequence[Span]) -> Table:
    times = time_by(spans, lambda s: s.advisor)
    tickets: dict[str | None, list[TicketFact]] = {}
    for f in facts:
        tickets.setdefault(f.advisor, []).append(f)
    names = sorted(a for a in set(times) | set(tickets) if a is not None)
    rows = [
        {
            "advisor": a,
            **time_row(times[a] if a in times else time_figures([])),
            **_attended(ticket_figures(tickets.get(a, []))),
        }
        for a in names
    ]
    called = [f for f in facts if f.advisor is not None]
    totals = {**time_row(time_figures(spans)), **_attended(ticket_figures(called))}
    return table(rows, totals)


def _modules(facts: Sequence[TicketFact], spans: Sequence[Span]) -> Table:
    times = time_by(spans, lambda s: s.module)
    entity = {s.module: s.entity for s in spans}
    tickets: dict[int | None, list[TicketFact]] = {}
    for f in facts:
        tickets.setdefault(f.module, []).append(f)
    numbers = sorted(m for m in set(times) | set(tickets) if m is not None)
    rows = [
        {
            "module": m,
            "entity": entity.get(m),
            **time_row(times[m] if m in times else time_figures([])),
            **_attended(ticket_figures(tickets.get(m, []))),
        }
        for m in numbers
    ]
    at_modules = [f for f in facts if f.module is not None]
    totals = {**time_row(time_figures(spans)), **_attended(ticket_figures(at_modules))}
    return table(rows, totals)


def _appointments(facts: Sequence[TicketFact]) -> Table:
    a = appointment_figures(facts)
    v = visit_figures(facts)
    row: Row = {
        "appointments": a.appointments,
        "served": a.served,
        "no_shows": a.no_shows,
        "early_or_on_time": a.early_or_on_time,
        "late": a.late,
        **stats_row("offset", a.offset),
        **stats_row("appointment_wait", a.appointment_wait),
        **stats_row("walk_in_wait", a.walk_in_wait),
        "visits": v.visits,
        "transferred_visits": v.transferred_visits,
        "entities_per_visit_mean": share(v.entities_per_visit_mean),
        "entities_per_visit_max": v.entities_per_visit_max,
    }
    return table([row])


def build_report(
    q: ReportQuery, facts: Sequence[TicketFact], spans: Sequence[Span], tz: tzinfo
) -> Table:
    """The table `q` asks for, from every ticket and span (filtered here).

    `tz` is the centre's time zone (hours and weekdays are local).
    """
    if q.filters:
        kept = [f for f in facts if q.keeps(f)]
    else:
        kept = [f for f in facts if q.start <= f.day <= q.end]
    if q.kind is ReportKind.TICKETS:
        return _tickets(q, kept, tz)
    if q.kind is ReportKind.HOURLY:
        return _hourly(kept, tz)
    if q.kind is ReportKind.APPOINTMENTS:
        return _appointments(kept)
    kept_spans = [s for s in spans if q.keeps_span(s)]
    if q.kind is ReportKind.ADVISORS:
        return _advisors(kept, kept_spans)
    return _modules(kept, kept_spans)
