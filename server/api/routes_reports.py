"""Routes of the reports: figures from the event log for a range, a grouping and filters.

`GET /api/v1/reports/{tickets,hourly,appointments,advisors,modules}` with
`from`, `to` (service days, inclusive), `format=json|csv`, the filters the
report accepts and, for tickets, `group_by`. The figures and their
definitions are `macturnos.reports` (docs/reports.md). A report reads in its
own read transaction and never takes the write lock: issuing goes on while
it runs. Supervisors and the coordinator see the centre; an advisor sees
only their own figures.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from macturnos.domain.errors import DomainError
from macturnos.reports.build import build_report
from macturnos.reports.cache import DayCache, FoldedDay
from macturnos.reports.events import EventRecord, username_of
from macturnos.reports.facts import CALL_KINDS, RATED, TicketFact, advisors_of, facts_of
from macturnos.reports.query import Format, ReportKind, ReportQuery, parse_query
from macturnos.reports.staff import fold_spans
from macturnos.reports.tables import Table, csv_text
from macturnos.server.api.deps import Permitted, context
from macturnos.server.api.report_files import report_title, xlsx_bytes
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.day.summary import target_wait
from macturnos.server.db.engine import Database
from macturnos.server.db.models import Event
from macturnos.server.errors import error_body
from macturnos.server.runtime import CentreSetup

router = APIRouter(prefix="/api/v1", tags=["reports"])

Reader = Permitted  # who: server.permissions.ROUTES (managers, and advisors for themselves)

From = Annotated[
    str | None,
    Query(alias="from", description="First service day YYYY-MM-DD (`to` alone, or today)."),
]
To = Annotated[
    str | None, Query(description="Last service day, inclusive (`from` alone, or today).")
]
Fmt = Annotated[str | None, Query(alias="format", description="json (default), csv or xlsx.")]
Filter = Annotated[str | None, Query(description="Only this value (`none`: without one).")]
GroupBy = Annotated[
    str | None,
    Query(
        description="Comma-separated: centre, day, entity, service, module, advisor, channel, "
        "preferential, hour, weekday (default centre)."
    ),
]

_TIME_KINDS = frozenset({ReportKind.ADVISORS, ReportKind.MODULES})
# Ticket events that start, move or end a call at a module (`reports.staff`).
_SPAN_KINDS = (
    "ticket.called",
    "ticket.started",
    "ticket.finished",
    "ticket.no_show",
    "ticket.returned",
    "ticket.transferred",
    "ticket.cancelled",
    "ticket.closed_at_end_of_day",
)


Days = list[date]


def _in_range(days: Days) -> tuple[Any, ...]:
    return (Event.day.in_(days),)


def _tickets(s: Session, days: Days) -> Iterator[dict[str, Any]]:
    """The last JSON of each ticket of the days (its state), in no particular order.

    Only the ticket's part of the event is read: an event also carries its module
    and queue, two thirds of its size, which the figures never need. Streamed:
    each JSON becomes a fact before the next is read.
    """
    last = (
        select(func.max(Event.seq))
        .where(*_in_range(days), Event.ticket_id.is_not(None), Event.kind.like("ticket.%"))
        .group_by(Event.ticket_id)
    )
    rows = s.connection().execute(
        select(Event.data["ticket"]).where(Event.seq.in_(last.scalar_subquery()))
    )
    for (ticket,) in rows:
        yield ticket


def _record(row: Any, data: dict[str, Any] | None = None) -> EventRecord:
    seq, kind, at, day, actor, ticket_id, module = row
    return EventRecord(seq, kind, at, day, actor, ticket_id, module, data or {})


_HEAD = (
    Event.seq,
    Event.kind,
    Event.at,
    Event.day,
    Event.actor,
    Event.ticket_id,
    Event.module_number,
)


def _calls(s: Session, days: Days) -> list[EventRecord]:
    """The events that say who attended each ticket, in log order.

    Only advisors call, each at their own module: the actor is the advisor.
    """
    rows = s.connection().execute(
        select(*_HEAD)
        .where(*_in_range(days), Event.kind.in_(sorted(CALL_KINDS)))
        .order_by(Event.seq)
    )
    return [_record(row) for row in rows]


def _ratings(s: Session, days: Days) -> dict[int, int]:
    """Ticket id -> the citizen's rating (`survey.rated`), for the days' tickets."""
    rows = s.connection().execute(
        select(Event.ticket_id, Event.data["score"]).where(
            *_in_range(days), Event.kind == RATED, Event.ticket_id.is_not(None)
        )
    )
    return {int(ticket_id): int(score) for ticket_id, score in rows if score is not None}


def _module_time(s: Session, days: Days) -> list[EventRecord]:
    """The module events (with their advisor, entity and reason) and the calls at modules."""
    module = Event.data["module"]
    sessions = s.connection().execute(
        select(
            *_HEAD,
            module["advisor_username"].as_string(),
            module["entity"].as_string(),
            Event.data["reason"].as_string(),
        )
        .where(*_in_range(days), Event.module_number.is_not(None), Event.kind.like("module.%"))
        .order_by(Event.seq)
    )
    modules = [
        _record(
            row[:7], {"module": {"advisor_username": row[7], "entity": row[8]}, "reason": row[9]}
        )
        for row in sessions
    ]
    calls = s.connection().execute(
        select(*_HEAD)
        .where(*_in_range(days), Event.module_number.is_not(None), Event.kind.in_(_SPAN_KINDS))
        .order_by(Event.seq)
    )
    return list(heapq.merge(modules, (_record(row) for row in calls), key=lambda e: e.seq))


# Folded days per database, for the configuration in force (a reload drops them).
_folded: WeakKeyDictionary[Database, tuple[CentreSetup, DayCache]] = WeakKeyDictionary()


def forget_folded_days() -> None:
    """Drop every folded day (the benchmark measures a cold report with it)."""
    _folded.clear()


def _cache(ctx: ServerContext) -> DayCache:
    setup = ctx.runtime.setup
    kept = _folded.get(ctx.db)
    if kept is None or kept[0] is not setup:
        kept = _folded[ctx.db] = (setup, DayCache())
    return kept[1]


def _fold(
    s: Session, setup: CentreSetup, days: Days, now: datetime, with_spans: bool
) -> dict[date, FoldedDay]:
    """Fold `days` from the log: each day's tickets and (if asked) its module time."""
    facts = facts_of(
        _tickets(s, days),
        advisors_of(_calls(s, days)),
        lambda service, entity: target_wait(setup, service, entity),
        _ratings(s, days),
    )
    by_day: dict[date, list[TicketFact]] = {d: [] for d in days}
    for f in facts:
        by_day.setdefault(f.day, []).append(f)
    timeline: dict[date, list[EventRecord]] = {d: [] for d in days}
    for ev in _module_time(s, days) if with_spans else []:
        timeline.setdefault(ev.day, []).append(ev)

    def cut(day: date) -> datetime:
        # A session the log never closed ends at the end of its day, or now.
        midnight = datetime.combine(day + timedelta(days=1), time(0), setup.tz)
        return min(now, midnight)

    # Each day on its own, so a day folds alike alone or within a month.
    return {
        d: FoldedDay(
            version=None,
            facts=tuple(by_day[d]),
            spans=tuple(fold_spans(timeline[d], cut)) if with_spans else None,
        )
        for d in days
    }


def read_table(ctx: ServerContext, q: ReportQuery) -> Table:
    """The table `q` asks for, from the event log, in one read transaction.

    Days before today already folded in the same state (their last seq) come from
    the cache; the others are read and folded.
    """
    setup = ctx.runtime.setup
    now = ctx.clock.now()
    today = setup.day_of(now)
    cache = _cache(ctx)
    with_spans = q.kind in _TIME_KINDS
    folded: list[FoldedDay] = []
    with ctx.db.read() as s:
        versions: dict[date, int] = dict(
            s.connection()
            .execute(
                select(Event.day, func.max(Event.seq))
                .where(Event.day >= q.start, Event.day <= q.end)
                .group_by(Event.day)
            )
            .all()
        )
        missing = []
        for day, last in sorted(versions.items()):
            hit = cache.get(day, last, with_spans=with_spans) if day < today else None
            if hit is None:
                missing.append(day)
            else:
                folded.append(hit)
        if missing:
            for day, fresh in _fold(s, setup, missing, now, with_spans).items():
                folded.append(fresh)
                if day < today:
                    cache.put(day, replace(fresh, version=versions[day]))
    facts = [f for d in folded for f in d.facts]
    spans = [sp for d in folded for sp in d.spans or ()]
    return build_report(q, facts, spans, setup.tz)


def _refusal(err: DomainError, status: int) -> JSONResponse:
    return JSONResponse(error_body(err), status_code=status)


def _answer(request: Request, actor: Actor, kind: ReportKind) -> Response:
    ctx = context(request)
    today = ctx.runtime.setup.day_of(ctx.clock.now())
    try:
        q = parse_query(kind, request.query_params.multi_items(), today)
    except DomainError as err:
        return _refusal(err, 422)
    if actor.role is Role.ADVISOR:
        own = username_of(actor.label) or ""
        if q.filters.get("advisor", own) != own:
            return _refusal(DomainError("REPORT_OWN_FIGURES_ONLY"), 403)
        q = q.with_filter("advisor", own)
    table = read_table(ctx, q)
    if q.format is Format.XLSX:
        title = report_title(q, ctx.runtime.setup.config.centre.name)
        return Response(
            xlsx_bytes(table, title),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"content-disposition": f'attachment; filename="{_file_name(q, "xlsx")}"'},
        )
    if q.format is Format.CSV:
        name = _file_name(q, "csv")
        return Response(
            csv_text(table, {table.columns[0]: "total"} if table.columns else None),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )
    return JSONResponse(_json(ctx, q, table))


def _file_name(q: ReportQuery, extension: str) -> str:
    return f"informe-{q.kind.value}-{q.start.isoformat()}-{q.end.isoformat()}.{extension}"


def _json(ctx: ServerContext, q: ReportQuery, table: Table) -> dict[str, Any]:
    cfg = ctx.runtime.setup.config
    return {
        "report": q.kind.value,
        "centre": cfg.centre.code,
        "from": q.start.isoformat(),
        "to": q.end.isoformat(),
        "group_by": [d.value for d in q.group_by] if q.kind is ReportKind.TICKETS else [],
        "filters": q.filters,
        "produced_at": ctx.clock.now().isoformat(),
        "columns": list(table.columns),
        "rows": table.rows,
        "totals": table.totals,
    }


# Each parameter is declared for the document; `parse_query` reads them all and
# refuses any other.
@router.get("/reports/tickets")
def tickets_report(
    request: Request,
    actor: Reader,
    from_: From = None,
    to: To = None,
    group_by: GroupBy = None,
    entity: Filter = None,
    service: Filter = None,
    module: Filter = None,
    advisor: Filter = None,
    channel: Filter = None,
    preferential: Filter = None,
    format_: Fmt = None,
) -> Response:
    """Tickets issued, served, no-shows, cancelled, not served at closing, transferred;
    waits and attention times (mean, p50, p90, max) and the share within target, per group."""
    return _answer(request, actor, ReportKind.TICKETS)


@router.get("/reports/hourly")
def hourly_report(
    request: Request,
    actor: Reader,
    from_: From = None,
    to: To = None,
    entity: Filter = None,
    service: Filter = None,
    module: Filter = None,
    advisor: Filter = None,
    channel: Filter = None,
    preferential: Filter = None,
    format_: Fmt = None,
) -> Response:
    """Citizens arrived and attentions ended per local hour of the day."""
    return _answer(request, actor, ReportKind.HOURLY)


@router.get("/reports/appointments")
def appointments_report(
    request: Request,
    actor: Reader,
    from_: From = None,
    to: To = None,
    entity: Filter = None,
    service: Filter = None,
    module: Filter = None,
    advisor: Filter = None,
    channel: Filter = None,
    preferential: Filter = None,
    format_: Fmt = None,
) -> Response:
    """Appointments' punctuality and waits beside the walk-ins'; visits and transfers."""
    return _answer(request, actor, ReportKind.APPOINTMENTS)


@router.get("/reports/advisors")
def advisors_report(
    request: Request,
    actor: Reader,
    from_: From = None,
    to: To = None,
    entity: Filter = None,
    module: Filter = None,
    advisor: Filter = None,
    format_: Fmt = None,
) -> Response:
    """Each advisor's time logged in, paused by reason, calling, serving and idle."""
    return _answer(request, actor, ReportKind.ADVISORS)


@router.get("/reports/modules")
def modules_report(
    request: Request,
    actor: Reader,
    from_: From = None,
    to: To = None,
    entity: Filter = None,
    module: Filter = None,
    advisor: Filter = None,
    format_: Fmt = None,
) -> Response:
    """Each module's staffed, paused and busy time and its utilisation."""
    return _answer(request, actor, ReportKind.MODULES)
