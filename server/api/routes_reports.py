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

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import or_, select

from macturnos.domain.errors import DomainError
from macturnos.reports.build import build_report
from macturnos.reports.events import EventRecord, username_of
from macturnos.reports.facts import fold_tickets
from macturnos.reports.query import Format, ReportKind, ReportQuery, parse_query
from macturnos.reports.staff import fold_spans
from macturnos.reports.tables import Table, csv_text
from macturnos.server.api.deps import Permitted, context
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.day.summary import target_wait
from macturnos.server.db.models import Event
from macturnos.server.errors import error_body

router = APIRouter(prefix="/api/v1", tags=["reports"])

Reader = Permitted  # who: server.permissions.ROUTES (managers, and advisors for themselves)

From = Annotated[
    str | None,
    Query(alias="from", description="First service day YYYY-MM-DD (`to` alone, or today)."),
]
To = Annotated[
    str | None, Query(description="Last service day, inclusive (`from` alone, or today).")
]
Fmt = Annotated[str | None, Query(alias="format", description="json (default) or csv.")]
Filter = Annotated[str | None, Query(description="Only this value (`none`: without one).")]
GroupBy = Annotated[
    str | None,
    Query(
        description="Comma-separated: centre, day, entity, service, module, advisor, channel, "
        "preferential, hour, weekday (default centre)."
    ),
]

_TIME_KINDS = frozenset({ReportKind.ADVISORS, ReportKind.MODULES})


def read_table(ctx: ServerContext, q: ReportQuery) -> Table:
    """The table `q` asks for, from the event log, in one read transaction."""
    setup = ctx.runtime.setup
    now = ctx.clock.now()
    kinds = [Event.kind.like("ticket.%")]
    if q.kind in _TIME_KINDS:
        kinds.append(Event.kind.like("module.%"))
    columns = (
        Event.seq,
        Event.kind,
        Event.at,
        Event.day,
        Event.actor,
        Event.ticket_id,
        Event.module_number,
        Event.data,
    )
    with ctx.db.read() as s:
        rows = s.execute(
            select(*columns)
            .where(Event.day >= q.start, Event.day <= q.end, or_(*kinds))
            .order_by(Event.seq)
        ).all()
    events = [EventRecord(*row) for row in rows]
    facts = fold_tickets(events, lambda service, entity: target_wait(setup, service, entity))

    def cut(day: date) -> datetime:
        # A session the log never closed ends at the end of its day, or now.
        midnight = datetime.combine(day + timedelta(days=1), time(0), setup.tz)
        return min(now, midnight)

    spans = fold_spans(events, cut) if q.kind in _TIME_KINDS else []
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
    if q.format is Format.CSV:
        name = f"informe-{kind.value}-{q.start.isoformat()}-{q.end.isoformat()}.csv"
        return Response(
            csv_text(table, {table.columns[0]: "total"} if table.columns else None),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )
    return JSONResponse(_json(ctx, q, table))


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
