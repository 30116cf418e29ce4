"""Property: whatever the grouping, the groups add up to the totals.

Random days (tickets of three entities and their outcomes, modules opened,
paused and closed) are folded and reported grouped by every dimension and by
pairs of them; every count, every sum of durations and the maximum agree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import LIMA
from support.reports import DayLog

from macturnos.reports.build import build_report
from macturnos.reports.facts import fold_tickets
from macturnos.reports.figures import TicketFigures, ticket_figures
from macturnos.reports.grouping import Dimension, group_facts
from macturnos.reports.query import ReportKind, ReportQuery
from macturnos.reports.staff import fold_spans

DAY = date(2026, 11, 25)
OPEN = datetime(2026, 11, 25, 8, 0, tzinfo=LIMA)
SERVICES = {"DNI-DUP": ("RENIEC", 1), "BN-PAGO": ("BN", 3), "PASAPORTE": ("MIGRA", 4)}
ADVISORS = {1: "ana", 3: "beto", 4: "carla"}
OUTCOMES = ("waiting", "served", "no_show", "cancelled", "closed", "transferred", "called")

ticket_plan = st.fixed_dictionaries(
    {
        "service": st.sampled_from(sorted(SERVICES)),
        "minute": st.integers(0, 600),
        "channel": st.sampled_from(["kiosk", "reception"]),
        "preferential": st.sampled_from([None, None, "adulto_mayor", "gestante"]),
        "appointment": st.one_of(st.none(), st.integers(-30, 30)),
        "outcome": st.sampled_from(OUTCOMES),
        "wait": st.integers(0, 90),
        "length": st.integers(1, 40),
        "to": st.sampled_from(sorted(SERVICES)),
        "then": st.sampled_from(["served", "waiting", "no_show"]),
    }
)
pause_plan = st.tuples(st.sampled_from(sorted(ADVISORS)), st.integers(0, 600), st.integers(1, 60))


def _play(log: DayLog, tid: int, plan: dict, outcome: str, t: datetime) -> None:
    module = SERVICES[log.tickets[tid]["service"]][1]
    if outcome == "waiting":
        return
    if outcome == "closed":
        log.cancel(OPEN + timedelta(hours=10), tid, "cierre")
        return
    if outcome == "cancelled":
        log.cancel(t + timedelta(minutes=1), tid, "print_failed")
        return
    called = t + timedelta(minutes=plan["wait"])
    log.call(called, tid, module)
    if outcome == "called":
        return
    if outcome == "no_show":
        log.no_show(called + timedelta(minutes=2), tid)
        return
    log.start(called + timedelta(minutes=1), tid)
    end = called + timedelta(minutes=1 + plan["length"])
    if outcome == "served":
        log.finish(end, tid)
        return
    if plan["to"] == log.tickets[tid]["service"]:
        log.finish(end, tid)
        return
    new = log.transfer(end, tid, plan["to"], SERVICES[plan["to"]][0])
    _play(log, new, {**plan, "to": plan["service"]}, plan["then"], end)


def _day(tickets: list[dict], pauses: list[tuple[int, int, int]]) -> DayLog:
    log = DayLog(DAY)
    for number, advisor in ADVISORS.items():
        log.open(OPEN, number, advisor, SERVICES_BY_MODULE[number])
    for module, minute, length in sorted(pauses, key=lambda p: p[1]):
        start = OPEN + timedelta(minutes=minute)
        log.pause(start, module, "refrigerio" if length < 30 else "capacitacion")
        log.resume(start + timedelta(minutes=length), module)
    for plan in sorted(tickets, key=lambda p: p["minute"]):
        t = OPEN + timedelta(minutes=plan["minute"])
        appointment = (
            t + timedelta(minutes=plan["appointment"]) if plan["appointment"] is not None else None
        )
        entity = SERVICES[plan["service"]][0]
        tid = log.issue(
            t,
            plan["service"],
            entity,
            channel=plan["channel"],
            preferential=plan["preferential"],
            appointment_at=appointment,
        )
        _play(log, tid, plan, plan["outcome"], t)
    for number in ADVISORS:
        log.close(OPEN + timedelta(hours=9), number)
    return log


SERVICES_BY_MODULE = {module: entity for entity, module in SERVICES.values()}
COUNTS = (
    "issued",
    "arrivals",
    "served",
    "no_shows",
    "cancelled",
    "not_served_at_closing",
    "transferred",
    "pending",
    "within_target",
)


def _sums(groups: list[TicketFigures]) -> dict[str, float]:
    out: dict[str, float] = {k: sum(getattr(g, k) for g in groups) for k in COUNTS}
    out["wait_count"] = sum(g.wait.count for g in groups)
    out["wait_total"] = sum(g.wait.total for g in groups)
    out["attention_count"] = sum(g.attention.count for g in groups)
    out["attention_total"] = sum(g.attention.total for g in groups)
    return out


GROUPINGS = [(d,) for d in Dimension] + list(combinations(list(Dimension), 2))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ticket_plan, max_size=40), st.lists(pause_plan, max_size=4))
def test_every_grouping_adds_up_to_the_totals(tickets, pauses):
    log = _day(tickets, pauses)
    facts = fold_tickets(log.events, lambda service, entity: 15)
    total = ticket_figures(facts)
    assert total.issued == (
        total.served
        + total.no_shows
        + total.cancelled
        + total.not_served_at_closing
        + total.transferred
        + total.pending
    )
    expected = _sums([total])
    for dims in GROUPINGS:
        groups = [ticket_figures(g) for _key, g in group_facts(facts, dims, LIMA)]
        assert _sums(groups) == expected, dims
        if total.wait.max is not None:
            assert max(g.wait.max for g in groups if g.wait.max is not None) == total.wait.max

    spans = fold_spans(log.events, lambda day: OPEN + timedelta(hours=16))
    for kind, key in ((ReportKind.ADVISORS, "advisor"), (ReportKind.MODULES, "module")):
        t = build_report(ReportQuery(kind, DAY, DAY), facts, spans, LIMA)
        assert t.totals is not None
        for column in ("logged_in_s", "paused_s", "calling_s", "serving_s", "served"):
            assert sum(r[column] for r in t.rows) == t.totals[column], (key, column)
    hourly = build_report(ReportQuery(ReportKind.HOURLY, DAY, DAY), facts, spans, LIMA)
    assert hourly.totals == {"arrivals": total.arrivals, "served": total.served}
