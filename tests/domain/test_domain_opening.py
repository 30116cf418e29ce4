"""The opening gate, the closing phase and the day summary as plain rules."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from macturnos.domain.hours import DayHours
from macturnos.domain.opening import (
    ClosingPhase,
    ItemOutcome,
    ItemResult,
    OpeningDecision,
    TicketRecord,
    can_seal,
    closing_phase,
    closing_warning_at,
    decide_opening,
    percentile,
    summarise_day,
)
from macturnos.domain.tickets import TicketStatus

OK, FAIL, UNKNOWN, NA = (
    ItemResult.OK, ItemResult.FAIL, ItemResult.UNKNOWN, ItemResult.NOT_APPLICABLE,
)  # fmt: skip


def item(code: str, result: ItemResult, blocking: bool = False, note: str | None = None):
    return ItemOutcome(code, code.title(), blocking, result, note)


# --- opening ---------------------------------------------------------------------------


def test_everything_fine_opens():
    verdict = decide_opening([item("INTERNET", OK, True), item("SILLAS", OK), item("COMEDOR", NA)])
    assert verdict.decision is OpeningDecision.OPEN and verdict.opens
    assert verdict.blocking_failures == () and verdict.incidents == ()


def test_non_blocking_failures_open_with_incidents():
    sillas = item("SILLAS", FAIL, note="dos rotas")
    audio = item("AUDIO", UNKNOWN)
    verdict = decide_opening([item("INTERNET", OK, True), sillas, audio])
    assert verdict.decision is OpeningDecision.OPEN_WITH_INCIDENTS and verdict.opens
    assert verdict.incidents == (sillas, audio)


@pytest.mark.parametrize("result", [FAIL, UNKNOWN])
def test_a_blocking_item_failed_or_unverified_blocks(result):
    internet = item("INTERNET", result, True)
    verdict = decide_opening([internet, item("ENERGIA", OK, True), item("SILLAS", FAIL)])
    assert verdict.decision is OpeningDecision.BLOCKED and not verdict.opens
    assert verdict.blocking_failures == (internet,)
    assert [o.code for o in verdict.incidents] == ["SILLAS"]


def test_a_blocking_item_that_does_not_apply_does_not_block():
    assert decide_opening([item("CITAS", NA, True)]).decision is OpeningDecision.OPEN


# No internet, no power or no guards, no opening (issue 16, item 8).


def checked(code: str, probe: ItemResult, answer: ItemResult, blocking: bool = False):
    return ItemOutcome(code, code.title(), blocking, answer, "verificado a mano", probe)


@pytest.mark.parametrize("answer", [OK, NA])
def test_a_failed_probe_of_a_blocking_item_cannot_be_overruled(answer):
    internet = checked("INTERNET", FAIL, answer, blocking=True)
    verdict = decide_opening([internet, item("ENERGIA", OK, True)])
    assert verdict.decision is OpeningDecision.BLOCKED and not verdict.opens
    assert verdict.blocking_failures == (internet,)
    assert internet.overrules_failed_probe and internet.contradicts_probe


def test_a_person_may_verify_what_no_probe_could():
    energia = checked("ENERGIA", UNKNOWN, OK, blocking=True)
    verdict = decide_opening([energia])
    assert verdict.decision is OpeningDecision.OPEN and not energia.contradicts_probe


def test_an_answer_against_a_probe_is_an_incident():
    pantallas = checked("PANTALLAS", FAIL, OK)
    verdict = decide_opening([item("INTERNET", OK, True), pantallas])
    assert verdict.decision is OpeningDecision.OPEN_WITH_INCIDENTS
    assert verdict.incidents == (pantallas,)


def test_a_failure_a_probe_missed_blocks_or_is_an_incident():
    internet = checked("INTERNET", OK, FAIL, blocking=True)
    assert decide_opening([internet]).blocking_failures == (internet,)
    turnos = checked("TURNOS", OK, FAIL)
    assert decide_opening([turnos]).incidents == (turnos,)


def test_a_warning_taken_as_ok_or_an_agreeing_answer_is_no_incident():
    assert decide_opening([checked("TURNOS", OK, OK)]).decision is OpeningDecision.OPEN
    assert decide_opening([checked("CITAS", NA, NA)]).decision is OpeningDecision.OPEN


def test_repeated_or_empty_checklists_are_programming_errors():
    with pytest.raises(ValueError):
        decide_opening([item("A", OK), item("A", FAIL)])
    with pytest.raises(ValueError):
        decide_opening([])


# --- closing ---------------------------------------------------------------------------

WEEKDAY = DayHours(time(8, 30), time(18, 30))
WED = date(2026, 11, 25)


def at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm))


def test_closing_warning_time():
    assert closing_warning_at(WEEKDAY, 30) == time(18, 0)
    assert closing_warning_at(WEEKDAY, 0) == time(18, 30)
    # A warning longer than the day starts at opening, never before.
    assert closing_warning_at(DayHours(time(9, 0), time(10, 0)), 90) == time(9, 0)
    assert closing_warning_at(DayHours(time(0, 10), time(0, 40)), 60) == time(0, 10)
    with pytest.raises(ValueError):
        closing_warning_at(WEEKDAY, -1)


def test_closing_phases():
    assert closing_phase(WED, at(WED, 17, 59), WEEKDAY, 30) is ClosingPhase.OPEN
    assert closing_phase(WED, at(WED, 18, 0), WEEKDAY, 30) is ClosingPhase.CLOSING
    assert closing_phase(WED, at(WED, 19, 45), WEEKDAY, 30) is ClosingPhase.CLOSING
    assert closing_phase(WED, at(WED + timedelta(days=1), 9, 0), WEEKDAY, 30) is (
        ClosingPhase.CLOSED
    )
    assert closing_phase(WED, at(WED, 10, 0), None, 30) is ClosingPhase.CLOSED
    assert closing_phase(WED + timedelta(days=1), at(WED, 19, 0), WEEKDAY, 30) is (
        ClosingPhase.OPEN
    )


def test_sealing_needs_the_closing_phase_and_nothing_pending():
    assert can_seal(ClosingPhase.CLOSING, 0)
    assert can_seal(ClosingPhase.CLOSED, 0)
    assert not can_seal(ClosingPhase.OPEN, 0)
    assert not can_seal(ClosingPhase.CLOSING, 1)


# --- summary ---------------------------------------------------------------------------


def test_percentile_nearest_rank():
    assert percentile(range(1, 11), 90) == 9
    assert percentile([40, 15, 50, 35, 20], 90) == 50  # rank ceil(4.5) = 5
    assert percentile([15, 20, 35, 40, 50], 50) == 35
    assert percentile([7.0], 90) == 7.0
    assert percentile([], 90) is None
    with pytest.raises(ValueError):
        percentile([1], 0)


T0 = datetime(2026, 11, 25, 9, 0)


def rec(
    entity: str,
    service: str,
    status: TicketStatus,
    wait_min: float | None = None,
    service_min: float | None = None,
    target: int = 20,
    end_reason: str | None = None,
) -> TicketRecord:
    called = T0 + timedelta(minutes=wait_min) if wait_min is not None else None
    ended = called + timedelta(minutes=1 + (service_min or 0)) if called else None
    return TicketRecord(
        entity=entity,
        service=service,
        status=status,
        issued_at=T0,
        called_at=called,
        started_at=called + timedelta(minutes=1) if called else None,
        ended_at=ended,
        target_wait_min=target,
        end_reason=end_reason,
    )


F, NS, C, TR = (
    TicketStatus.FINISHED, TicketStatus.NO_SHOW, TicketStatus.CANCELLED,
    TicketStatus.TRANSFERRED,
)  # fmt: skip

SCENARIO = [
    *(rec("RENIEC", "A", F, w, s) for w, s in ((5, 8), (10, 12), (25, 10), (30, 6))),
    rec("RENIEC", "A", NS, 14),
    rec("RENIEC", "A", C, end_reason="cierre"),
    rec("RENIEC", "A", C, end_reason="print_failed"),
    rec("RENIEC", "A", TR, 3),
    rec("RENIEC", "B", F, 2, 4, target=10),
    rec("RENIEC", "B", F, 12, 6, target=10),
    rec("BN", "P", F, 0, 3, target=15),
    rec("BN", "P", NS, 40, target=15),
]


def test_day_summary_of_a_known_scenario():
    summary = summarise_day(SCENARIO)
    t = summary.totals
    # Hand-computed: waits of the 7 attentions 5, 10, 25, 30, 2, 12, 0 minutes.
    assert (t.issued, t.attentions, t.no_shows) == (12, 7, 2)
    assert (t.closed_at_end, t.cancelled, t.transferred) == (1, 1, 1)
    assert t.avg_wait_s == pytest.approx(12 * 60)  # 84 / 7 minutes
    assert t.p90_wait_s == 30 * 60  # rank ceil(6.3) = 7 of 7
    assert t.avg_service_s == pytest.approx(49 / 7 * 60)  # 8+12+10+6+4+6+3 minutes
    assert t.p90_service_s == 12 * 60
    assert t.within_target == 4  # 5, 10 (<= 20), 2 (<= 10), 0 (<= 15)
    assert t.within_target_share == pytest.approx(4 / 7)

    assert [e.entity for e in summary.entities] == ["BN", "RENIEC"]
    bn, reniec = summary.entities
    r = reniec.figures
    assert (r.issued, r.attentions, r.no_shows) == (10, 6, 1)
    assert r.avg_wait_s == pytest.approx(14 * 60)  # 84 / 6
    assert r.p90_wait_s == 30 * 60  # rank ceil(5.4) = 6 of 6
    assert r.avg_service_s == pytest.approx(46 / 6 * 60)
    assert r.p90_service_s == 12 * 60
    assert r.within_target_share == pytest.approx(0.5)

    a, b = reniec.services
    assert (a.service, b.service) == ("A", "B")
    assert a.figures.avg_wait_s == pytest.approx(17.5 * 60)
    assert a.figures.p90_wait_s == 30 * 60  # rank ceil(3.6) = 4 of 4
    assert a.figures.avg_service_s == pytest.approx(9 * 60)
    assert a.figures.p90_service_s == 12 * 60
    assert a.figures.within_target_share == pytest.approx(0.5)
    assert (a.figures.closed_at_end, a.figures.cancelled, a.figures.transferred) == (1, 1, 1)
    assert b.figures.avg_wait_s == pytest.approx(7 * 60)
    assert b.figures.p90_wait_s == 12 * 60  # rank ceil(1.8) = 2 of 2
    assert b.figures.within_target == 1  # 12 minutes exceed B's 10

    p = bn.figures
    assert (p.attentions, p.no_shows, p.avg_wait_s, p.within_target_share) == (1, 1, 0.0, 1.0)


def test_a_day_without_attentions():
    summary = summarise_day([rec("BN", "P", NS, 4)])
    t = summary.totals
    assert (t.attentions, t.no_shows) == (0, 1)
    assert t.avg_wait_s is None and t.p90_wait_s is None and t.within_target_share is None
    assert summarise_day([]).entities == ()
