"""How fast a month's reports come out of the event log: `python -m bench.reports`.

A generated month (default 30 days, 60,000 tickets, 20 entities, 70 modules, 40
advisors, with transfers, no-shows, cancellations, pauses and appointments) is
written straight into the events table of a fresh database, in the shape the
server writes (each event with its ticket's, module's and queue's JSON); then the
month's reports are computed the way `GET /api/v1/reports/...` computes them
(`server.api.routes_reports.read_table`, one read transaction) and serialised to
JSON or CSV. Printed: the events, each report's time cold (no day folded yet:
every event read and folded) and warm (the month's past days kept folded, as a
second report finds them), and the process's resident memory growth, beside the
targets (issue 19: a month's centre report as JSON within 1 s, memory growth
within 100 MB). Last, tickets are issued through the real write path alone and
then while a cold month's report runs in another thread (a report holds no
write lock; it shares the process's CPU and interpreter lock, as in the server).

    python -m bench.reports [--db URL] [--days 30] [--tickets 60000] [--seed 1]

With `--db postgresql+psycopg://...` the database must be empty (it is migrated).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import psutil
from sqlalchemy import Table, func, select

from macturnos.config import load_centre
from macturnos.reports.grouping import Dimension
from macturnos.reports.query import Format, ReportKind, ReportQuery
from macturnos.reports.tables import csv_text
from macturnos.server import migrate, ticketing
from macturnos.server.api import routes_reports
from macturnos.server.api.routes_reports import read_table
from macturnos.server.auth import SYSTEM
from macturnos.server.clock import ManualClock
from macturnos.server.context import ServerContext
from macturnos.server.day import open_day
from macturnos.server.db.engine import Database
from macturnos.server.db.models import Event
from macturnos.server.runtime import CentreRuntime

LIMA = ZoneInfo("America/Lima")
CENTRE = Path(__file__).with_name("centre.yaml")
FIRST_DAY = date(2026, 11, 1)
ENTITIES = [f"E{n:02d}" for n in range(1, 21)]
REASONS = ("refrigerio", "capacitacion", "soporte_tecnico", "otro")
JSON_TARGET_S = 1.0
MEMORY_TARGET_MB = 100


@dataclass
class Month:
    """The generated centre and the events of its month, in the order they happened."""

    seed: int
    days: int
    tickets: int
    modules: dict[int, str] = field(default_factory=dict)
    """Module number -> its entity."""
    services: dict[str, str] = field(default_factory=dict)
    """Service code -> its entity."""

    def __post_init__(self) -> None:
        rnd = random.Random(self.seed)
        for n in range(1, 71):
            self.modules[n] = ENTITIES[(n - 1) % len(ENTITIES)]
        for e in ENTITIES:
            for k in range(rnd.randint(2, 3)):
                self.services[f"{e}-S{k + 1}"] = e


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Day:
    """One day's events, built in time order with a simple queue per module."""

    def __init__(self, month: Month, day: date, first_id: int, rnd: random.Random) -> None:
        self.month, self.day, self.rnd = month, day, rnd
        self.next_id = first_id
        self.rows: list[tuple[datetime, int, dict[str, Any]]] = []
        self.order = 0
        opening = datetime.combine(day, clock_time(8, 30), LIMA)
        self.closing = opening + timedelta(hours=10)
        staffed = rnd.sample(sorted(month.modules), 40)
        self.advisor = {m: f"asesor{i + 1:02d}" for i, m in enumerate(staffed)}
        self.free_at = {m: opening + timedelta(minutes=rnd.randint(0, 20)) for m in staffed}
        self.serving: dict[str, list[int]] = {}
        for m in staffed:
            for svc, ent in month.services.items():
                if ent == month.modules[m]:
                    self.serving.setdefault(svc, []).append(m)
        for m in staffed:
            self._module(self.free_at[m], "module.opened", m, advisor=self.advisor[m])
            for _ in range(2):
                start = opening + timedelta(minutes=rnd.randint(60, 540))
                reason = rnd.choice(REASONS)
                self._module(start, "module.paused", m, reason=reason, note=None)
                self._module(start + timedelta(minutes=rnd.randint(5, 45)), "module.resumed", m)
            self._module(self.closing, "module.closed", m)

    def _module_json(self, m: int, ticket: dict[str, Any] | None = None) -> dict[str, Any]:
        return {
            "number": m,
            "entity": self.month.modules[m],
            "zone": "Z1",
            "services": [s for s, e in self.month.services.items() if e == self.month.modules[m]],
            "state": "serving" if ticket else "free",
            "advisor": f"Asesor {self.advisor[m]}",
            "advisor_username": self.advisor[m],
            "pause_reason": None,
            "since": None,
            "ticket": ticket,
        }

    def _add(self, at: datetime, row: dict[str, Any]) -> None:
        self.order += 1
        self.rows.append((at, self.order, row))

    def _module(self, at: datetime, kind: str, m: int, **extra: Any) -> None:
        data = {**extra, "module": self._module_json(m)}
        self._add(
            at,
            {
                "kind": kind,
                "actor": f"user:{self.advisor[m]}",
                "module_number": m,
                "ticket_id": None,
                "data": data,
            },
        )

    def _ticket(
        self, at: datetime, kind: str, t: dict[str, Any], m: int | None, **extra: Any
    ) -> None:
        ticket = dict(t)
        data: dict[str, Any] = {
            **extra,
            "ticket": ticket,
            "queue": {"service": t["service"], "waiting": 7, "estimated_wait_min": 12},
        }
        actor = "kiosk:K1"
        if m is not None:
            data["module"] = self._module_json(
                m, ticket if t["status"] in ("called", "in_service") else None
            )
            actor = f"user:{self.advisor[m]}"
        self._add(
            at,
            {"kind": kind, "actor": actor, "module_number": m, "ticket_id": t["id"], "data": data},
        )

    def ticket(self, issued: datetime, service: str, origin: int | None = None) -> None:
        rnd = self.rnd
        tid, self.next_id = self.next_id, self.next_id + 1
        appointment = None
        if origin is None and rnd.random() < 0.08:
            appointment = issued + timedelta(minutes=rnd.randint(-20, 20))
        t: dict[str, Any] = {
            "id": tid,
            "number": f"X-{tid % 1000:03d}",
            "day": self.day.isoformat(),
            "service": service,
            "service_name": service,
            "entity": self.month.services[service],
            "entity_name": self.month.services[service],
            "colour": "#444444",
            "status": "issued",
            "status_name": "En espera",
            "preferential": "adulto_mayor" if rnd.random() < 0.1 else None,
            "appointment_at": _iso(appointment),
            "channel": "transfer" if origin else rnd.choice(["kiosk", "kiosk", "reception"]),
            "issued_at": _iso(issued),
            "arrival_at": _iso(issued),
            "called_at": None,
            "started_at": None,
            "ended_at": None,
            "recall_count": 0,
            "module": None,
            "origin_ticket_id": origin,
            "end_reason": None,
            "note": None,
        }
        self._ticket(issued, "ticket.issued", t, None, people_ahead=5, estimated_wait_min=12)
        fate = rnd.random()
        if fate < 0.02:
            t.update(
                status="cancelled",
                ended_at=_iso(issued + timedelta(minutes=1)),
                end_reason="print_failed",
            )
            self._ticket(
                issued + timedelta(minutes=1), "ticket.cancelled", t, None, reason="print_failed"
            )
            return
        m = min(self.serving[service], key=lambda n: self.free_at[n])
        called = max(issued, self.free_at[m]) + timedelta(seconds=rnd.randint(10, 300))
        if called >= self.closing:
            t.update(status="cancelled", ended_at=_iso(self.closing), end_reason="cierre")
            self._ticket(self.closing, "ticket.closed_at_end_of_day", t, None, reason="cierre")
            return
        t.update(status="called", called_at=_iso(called), module=m)
        self._ticket(called, "ticket.called", t, m, recall=False)
        if fate < 0.07:
            ended = called + timedelta(minutes=3)
            t.update(status="no_show", ended_at=_iso(ended))
            self._ticket(ended, "ticket.no_show", t, m)
            self.free_at[m] = ended
            return
        started = called + timedelta(seconds=rnd.randint(20, 120))
        t.update(status="in_service", started_at=_iso(started))
        self._ticket(started, "ticket.started", t, m)
        ended = started + timedelta(seconds=rnd.randint(240, 1200))
        self.free_at[m] = ended
        if fate < 0.12 and origin is None:
            to = rnd.choice([s for s in self.serving if s != service])
            t.update(status="transferred", ended_at=_iso(ended), end_reason="transfer")
            self._ticket(ended, "ticket.transferred", t, m)
            self.ticket(ended, to, origin=tid)
            return
        t.update(status="finished", ended_at=_iso(ended))
        self._ticket(ended, "ticket.finished", t, m)


def generate(month: Month) -> Iterator[dict[str, Any]]:
    """Every event of the month as a row of the events table, numbered in time order."""
    rnd = random.Random(month.seed)
    per_day = month.tickets // month.days
    seq, first_id = 0, 1
    for n in range(month.days):
        day = FIRST_DAY + timedelta(days=n)
        d = _Day(month, day, first_id, rnd)
        opening = datetime.combine(day, clock_time(8, 30), LIMA)
        arrivals = sorted(
            opening + timedelta(seconds=rnd.randint(0, 9 * 3600)) for _ in range(per_day)
        )
        services = list(d.serving)
        for issued in arrivals:
            d.ticket(issued, rnd.choice(services))
        first_id = d.next_id
        for at, _order, row in sorted(d.rows, key=lambda r: (r[0], r[1])):
            seq += 1
            yield {"seq": seq, "at": at.astimezone(UTC), "day": day, **row}


def fill(db: Database, month: Month) -> int:
    """Write the month's events in batches; answers how many."""
    insert = cast(Table, Event.__table__).insert()
    batch: list[dict[str, Any]] = []
    count = 0
    with db.write_engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(Event)).scalar_one():
            raise SystemExit("the database already holds events: give an empty one")
        for row in generate(month):
            batch.append(row)
            if len(batch) == 5000:
                conn.execute(insert, batch)
                count += len(batch)
                batch.clear()
        if batch:
            conn.execute(insert, batch)
            count += len(batch)
    return count


def _run(ctx: ServerContext, q: ReportQuery) -> tuple[float, int]:
    start = time.perf_counter()
    table = read_table(ctx, q)
    if q.format is Format.CSV:
        size = len(csv_text(table).encode())
    else:
        size = len(json.dumps({"rows": table.rows, "totals": table.totals}).encode())
    return time.perf_counter() - start, size


def _measure(ctx: ServerContext, q: ReportQuery) -> tuple[float, float, int]:
    """Cold (nothing folded yet) and warm (the month's days kept) times, and the size."""
    routes_reports.forget_folded_days()
    cold, size = _run(ctx, q)
    warm = min(_run(ctx, q)[0] for _ in range(2))
    return cold, warm, size


def _issue(ctx: ServerContext, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        ticketing.issue_ticket(ctx, SYSTEM, service="RENIEC-DUP")
        times.append(time.perf_counter() - start)
    return times


def _ms(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
    return (
        f"p50 {ordered[len(ordered) // 2] * 1000:5.1f} ms  p95 {p95 * 1000:5.1f} ms  "
        f"max {ordered[-1] * 1000:5.1f} ms  ({len(ordered)} tickets)"
    )


def issuing_during_a_report(ctx: ServerContext, q: ReportQuery) -> None:
    """Issue tickets (the real write path) alone, then while a cold report runs."""
    open_day(ctx, SYSTEM)
    alone = _issue(ctx, 40)
    routes_reports.forget_folded_days()
    done = threading.Event()

    def report() -> None:
        read_table(ctx, q)
        done.set()

    worker = threading.Thread(target=report)
    worker.start()
    during: list[float] = []
    while not done.is_set():
        during += _issue(ctx, 1)
    worker.join()
    print(f"issuing a ticket alone:                  {_ms(alone)}")
    print(f"issuing while a cold month's report runs: {_ms(during)}")


def main(argv: list[str] | None = None) -> int:
    """Generate the month, run the reports, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="database URL (default: SQLite in a temporary folder)")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--tickets", type=int, default=60_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/reports.db"
        migrate.upgrade(url)
        db = Database(url)
        month = Month(args.seed, args.days, args.tickets)
        start = time.perf_counter()
        events = fill(db, month)
        print(
            f"database: {db.backend}; {events:,} events of {args.days} days written "
            f"in {time.perf_counter() - start:.1f} s"
        )
        last = FIRST_DAY + timedelta(days=args.days - 1)
        ctx = ServerContext(
            db=db,
            runtime=CentreRuntime(load_centre(CENTRE)),
            clock=ManualClock(datetime.combine(last + timedelta(days=1), clock_time(9), LIMA)),
            secret=b"b" * 32,
        )
        process = psutil.Process()
        rss0 = process.memory_info().rss
        cases = [
            ("tickets by centre, JSON", ReportKind.TICKETS, (Dimension.CENTRE,), Format.JSON),
            (
                "tickets by entity and service, JSON",
                ReportKind.TICKETS,
                (Dimension.ENTITY, Dimension.SERVICE),
                Format.JSON,
            ),
            (
                "tickets by day and hour, CSV",
                ReportKind.TICKETS,
                (Dimension.DAY, Dimension.HOUR),
                Format.CSV,
            ),
            ("hourly profile, JSON", ReportKind.HOURLY, (Dimension.CENTRE,), Format.JSON),
            ("advisors, JSON", ReportKind.ADVISORS, (Dimension.CENTRE,), Format.JSON),
            ("modules, CSV", ReportKind.MODULES, (Dimension.CENTRE,), Format.CSV),
        ]
        worst_warm = worst_cold = 0.0
        for label, kind, dims, fmt in cases:
            q = ReportQuery(kind, FIRST_DAY, last, dims, {}, fmt)
            cold, warm, size = _measure(ctx, q)
            if fmt is Format.JSON:
                worst_warm, worst_cold = max(worst_warm, warm), max(worst_cold, cold)
            print(f"  {label:<38} cold {cold:6.3f} s  warm {warm:6.3f} s  ({size / 1024:,.0f} KiB)")
        growth = (process.memory_info().rss - rss0) / 2**20
        peak = process.memory_info().rss / 2**20
        ok_time = "OK" if worst_warm <= JSON_TARGET_S else "OVER"
        ok_cold = "OK" if worst_cold <= JSON_TARGET_S else "OVER"
        ok_mem = "OK" if growth <= MEMORY_TARGET_MB else "OVER"
        print(
            f"month's JSON reports, past days already folded: worst {worst_warm:.3f} s "
            f"(target <= {JSON_TARGET_S} s) {ok_time}"
        )
        print(f"month's JSON reports, folded from the log: worst {worst_cold:.3f} s {ok_cold}")
        print(
            f"resident memory growth: {growth:.0f} MB (target <= {MEMORY_TARGET_MB} MB) {ok_mem}; "
            f"resident now {peak:.0f} MB"
        )
        issuing_during_a_report(
            ctx, ReportQuery(ReportKind.TICKETS, FIRST_DAY, last, (Dimension.ENTITY,))
        )
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
