"""A day built by hand, its figures worked out by hand and compared exactly.

Wednesday 2026-11-25 at a centre in Lima; DNI-DUP (RENIEC) has a 20-minute
wait target, BN-PAGO (Banco de la Nación) 10 minutes. Module 1 is Ana's
(RENIEC), module 3 Beto's (BN).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from support import LIMA
from support.reports import DayLog

from macturnos.reports.build import build_report
from macturnos.reports.facts import TicketFact, fold_tickets
from macturnos.reports.figures import Outcome, outcome, ticket_figures
from macturnos.reports.grouping import Dimension
from macturnos.reports.query import ReportKind, ReportQuery
from macturnos.reports.staff import Span, fold_spans

WED = date(2026, 11, 25)
TARGETS = {"DNI-DUP": 20, "BN-PAGO": 10}


def at(hh: int, mm: int) -> datetime:
    return datetime(2026, 11, 25, hh, mm, tzinfo=LIMA)


def _day() -> DayLog:
    log = DayLog(WED)
    log.open(at(8, 0), 1, "ana", "RENIEC")
    log.open(at(8, 10), 3, "beto", "BN")
    r1 = log.issue(at(9, 0), "DNI-DUP", "RENIEC")
    r2 = log.issue(at(9, 2), "DNI-DUP", "RENIEC", channel="reception", preferential="adulto_mayor")
    b1 = log.issue(at(9, 5), "BN-PAGO", "BN")
    log.call(at(9, 6), r2, 1)  # waited 4 min
    log.start(at(9, 7), r2)
    log.call(at(9, 10), b1, 3)  # waited 5 min
    log.start(at(9, 11), b1)
    log.finish(at(9, 16), b1)  # 5 min of attention
    log.finish(at(9, 19), r2)  # 12 min of attention
    log.call(at(9, 19), r1, 1)  # waited 19 min
    log.start(at(9, 20), r1)
    b2 = log.transfer(at(9, 30), r1, "BN-PAGO", "BN")
    log.pause(at(9, 30), 3, "refrigerio")
    log.resume(at(9, 45), 3)
    log.call(at(9, 46), b2, 3)  # waited 16 min since the transfer: over BN's 10
    log.start(at(9, 47), b2)
    log.finish(at(9, 55), b2)  # 8 min
    r3 = log.issue(at(10, 0), "DNI-DUP", "RENIEC", appointment_at=at(10, 10))
    r4 = log.issue(at(10, 5), "DNI-DUP", "RENIEC")
    log.call(at(10, 12), r3, 1)  # waited 12 min
    log.start(at(10, 13), r3)
    log.finish(at(10, 33), r3)  # 20 min
    log.call(at(10, 33), r4, 1)  # waited 28 min, then not there
    log.no_show(at(10, 38), r4)
    r5 = log.issue(at(10, 40), "DNI-DUP", "RENIEC")
    log.cancel(at(10, 41), r5, "print_failed")
    r6 = log.issue(at(10, 50), "DNI-DUP", "RENIEC")
    log.pause(at(11, 0), 1, "capacitacion")
    log.resume(at(11, 30), 1)
    log.close(at(12, 0), 1)
    log.close(at(12, 0), 3)
    log.cancel(at(18, 0), r6, "cierre")
    return log


def _facts() -> list[TicketFact]:
    return fold_tickets(_day().events, lambda service, entity: TARGETS.get(service))


def _spans() -> list[Span]:
    return fold_spans(_day().events, lambda day: at(23, 59))


def _report(kind: ReportKind, *dims: Dimension, **filters: str):  # noqa: ANN202
    q = ReportQuery(kind, WED, WED, dims or (Dimension.CENTRE,), dict(filters))
    return build_report(q, _facts(), _spans(), LIMA)


def test_every_ticket_has_its_last_state_and_its_advisor():
    facts = {f.id: f for f in _facts()}
    assert [outcome(f) for f in facts.values()] == [
        Outcome.TRANSFERRED,  # R1
        Outcome.SERVED,  # R2
        Outcome.SERVED,  # B1
        Outcome.SERVED,  # B2, the transfer's ticket
        Outcome.SERVED,  # R3
        Outcome.NO_SHOW,  # R4
        Outcome.CANCELLED,  # R5, a misprint
        Outcome.NOT_SERVED_AT_CLOSING,  # R6
    ]
    assert [f.advisor for f in facts.values()] == [
        "ana", "ana", "beto", "beto", "ana", "ana", None, None,
    ]  # fmt: skip
    assert facts[4].channel == "transfer" and facts[4].origin_ticket_id == 1
    assert facts[5].channel == "appointment"


def test_the_centre_figures_worked_out_by_hand():
    f = ticket_figures(_facts())
    assert (f.issued, f.arrivals, f.served, f.no_shows) == (8, 7, 4, 1)
    assert (f.cancelled, f.not_served_at_closing, f.transferred, f.pending) == (1, 1, 1, 0)
    # Waits of the served: R2 4 min, B1 5, B2 16, R3 12 -> 240, 300, 720, 960 s.
    assert f.wait.count == 4 and f.wait.total == 2220.0
    assert f.wait.mean == 555.0
    assert f.wait.p50 == 300.0  # nearest rank: ceil(0.5 * 4) = 2nd
    assert f.wait.p90 == 960.0  # ceil(0.9 * 4) = 4th
    assert f.wait.max == 960.0
    # Attentions: R2 12 min, B1 5, B2 8, R3 20 -> 300, 480, 720, 1200 s.
    assert (f.attention.mean, f.attention.p50, f.attention.p90) == (675.0, 480.0, 1200.0)
    # Within target: R2, B1, R3; B2 waited 16 min for BN's 10.
    assert (f.within_target, f.within_target_share) == (3, 0.75)


def test_by_entity_and_the_csv_total():
    t = _report(ReportKind.TICKETS, Dimension.ENTITY)
    bn, reniec = t.rows
    assert bn["entity"] == "BN" and reniec["entity"] == "RENIEC"
    assert (bn["issued"], bn["arrivals"], bn["served"], bn["within_target"]) == (2, 1, 2, 1)
    assert (bn["wait_mean_s"], bn["wait_p90_s"], bn["within_target_share"]) == (630.0, 960.0, 0.5)
    assert (reniec["issued"], reniec["served"], reniec["transferred"]) == (6, 2, 1)
    assert (reniec["wait_mean_s"], reniec["attention_mean_s"]) == (480.0, 960.0)
    assert t.totals is not None and t.totals["issued"] == 8


def test_by_hour_weekday_and_preferential_category():
    hours = _report(ReportKind.TICKETS, Dimension.HOUR).rows
    assert [(r["hour"], r["issued"]) for r in hours] == [(9, 4), (10, 4)]
    (wed,) = _report(ReportKind.TICKETS, Dimension.WEEKDAY).rows
    assert wed["weekday"] == 3 and wed["issued"] == 8
    pref = _report(ReportKind.TICKETS, Dimension.PREFERENTIAL).rows
    assert [(r["preferential"], r["issued"]) for r in pref] == [("adulto_mayor", 1), (None, 7)]


def test_the_hourly_profile():
    t = _report(ReportKind.HOURLY)
    # Arrivals by issue (B2 is a transfer, not an arrival); served by the end of attention.
    assert t.rows == [
        {"hour": 9, "arrivals": 3, "served": 3},
        {"hour": 10, "arrivals": 4, "served": 1},
    ]
    assert t.totals == {"arrivals": 7, "served": 4}


def test_advisors_time_by_hand():
    ana, beto = _report(ReportKind.ADVISORS).rows
    # Ana: 08:00-12:00; training 30 min; calling 1+1+1+5 min; serving 12+10+20 min.
    assert ana["advisor"] == "ana"
    assert (ana["logged_in_s"], ana["paused_s"], ana["paused_capacitacion_s"]) == (
        14400.0,
        1800.0,
        1800.0,
    )
    assert (ana["calling_s"], ana["serving_s"], ana["busy_s"]) == (480.0, 2520.0, 3000.0)
    assert ana["idle_s"] == 9600.0
    assert ana["utilisation"] == round(3000 / 12600, 4)
    assert (ana["served"], ana["attention_mean_s"], ana["within_target_share"]) == (2, 960.0, 1.0)
    # Beto: 08:10-12:00; lunch break 15 min; calling 1+1 min; serving 5+8 min.
    assert (beto["logged_in_s"], beto["paused_refrigerio_s"]) == (13800.0, 900.0)
    assert (beto["calling_s"], beto["serving_s"], beto["idle_s"]) == (120.0, 780.0, 12000.0)
    assert beto["within_target_share"] == 0.5


def test_modules_staffed_time_and_utilisation():
    m1, m3 = _report(ReportKind.MODULES).rows
    assert (m1["module"], m1["entity"], m1["logged_in_s"]) == (1, "RENIEC", 14400.0)
    assert (m3["module"], m3["entity"], m3["busy_s"]) == (3, "BN", 900.0)
    assert m3["utilisation"] == round(900 / 12900, 4)


def test_an_advisor_filter_keeps_only_their_figures():
    t = _report(ReportKind.TICKETS, Dimension.ADVISOR, advisor="beto")
    (beto,) = t.rows
    assert (beto["advisor"], beto["issued"], beto["served"]) == ("beto", 2, 2)
    (only,) = _report(ReportKind.ADVISORS, advisor="beto").rows
    assert only["advisor"] == "beto"


def test_appointments_and_visits():
    (row,) = _report(ReportKind.APPOINTMENTS).rows
    assert (row["appointments"], row["served"], row["early_or_on_time"], row["late"]) == (
        1,
        1,
        1,
        0,
    )
    assert row["offset_mean_s"] == -600.0  # came 10 minutes early
    assert row["appointment_wait_mean_s"] == 720.0
    assert row["walk_in_wait_mean_s"] == 270.0  # R2 and B1 (B2 came by a transfer)
    # Seven visits, one of them went on from RENIEC to BN.
    assert (row["visits"], row["transferred_visits"], row["entities_per_visit_max"]) == (7, 1, 2)
    assert row["entities_per_visit_mean"] == round(8 / 7, 4)


def test_a_session_the_log_never_closes_ends_at_the_cut():
    log = DayLog(WED)
    log.open(at(8, 0), 2, "ana", "RENIEC")
    log.pause(at(9, 0), 2, "otro")
    (pause, session) = fold_spans(log.events, lambda day: at(10, 0))
    assert (pause.seconds, session.seconds) == (3600.0, 7200.0)


def test_outside_the_range_nothing_counts():
    q = ReportQuery(ReportKind.TICKETS, WED + timedelta(days=1), WED + timedelta(days=7))
    t = build_report(q, _facts(), _spans(), LIMA)
    assert t.rows == [] and t.totals is not None and t.totals["issued"] == 0
    assert t.totals["wait_count"] == 0 and t.totals["wait_mean_s"] is None
