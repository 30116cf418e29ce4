"""Tests of the waiting time estimate."""

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macturnos.domain.estimate import WaitEstimate, estimate_wait_minutes, robust_service_minutes
from macturnos.domain.estimate_forecast import MAX_APPENDED, ServiceCost, Staff, forecast
from macturnos.domain.estimate_learning import ServiceHistory, attention_minutes, call_cost
from macturnos.domain.queue import OrderingRules, QueueEntry
from macturnos.messages import wait_estimate_text


def test_no_module_serving_is_unknown():
    assert estimate_wait_minutes(5, 0, [10.0], 12.0) is None
    assert estimate_wait_minutes(0, 0, [], 12.0) is None


def test_nobody_ahead_is_zero():
    assert estimate_wait_minutes(0, 1, [10.0, 20.0], 12.0) == 0


def test_default_without_sample():
    assert estimate_wait_minutes(3, 1, [], 12.0) == 36
    assert estimate_wait_minutes(3, 2, [], 12.0) == 18


def test_modules_share_the_queue_and_round_up():
    assert estimate_wait_minutes(5, 2, [10.0] * 6, 99.0) == 25
    assert estimate_wait_minutes(1, 3, [10.0] * 6, 99.0) == 4  # 3.33 -> 4


def test_float_noise_does_not_add_a_minute():
    assert estimate_wait_minutes(3, 3, [10.0] * 5, 1.0) == 10
    assert estimate_wait_minutes(10, 3, [0.3] * 5, 1.0) == 1


def test_robust_to_one_outlier():
    sample = [8.0, 9.0, 10.0, 11.0, 12.0, 10.0, 9.5, 10.5, 10.0, 180.0]
    assert estimate_wait_minutes(4, 1, sample, 12.0) == 41
    # A plain mean would say 27 minutes per citizen.
    assert math.isclose(sum(sample) / len(sample), 27.0)


def test_small_sample_uses_median():
    assert robust_service_minutes([10.0, 200.0, 12.0], 30.0) == 12.0
    assert robust_service_minutes([10.0, 200.0], 30.0) == 105.0


def test_glitches_ignored():
    assert robust_service_minutes([0.0, -3.0, math.nan, math.inf], 15.0) == 15.0
    assert robust_service_minutes([0.0, 10.0, math.nan], 15.0) == 10.0


@pytest.mark.parametrize(
    ("ahead", "modules", "default"), [(-1, 1, 10.0), (1, 1, 0.0), (1, 1, -5.0), (1, 1, math.nan)]
)
def test_bad_input_rejected(ahead, modules, default):
    with pytest.raises(ValueError):
        estimate_wait_minutes(ahead, modules, [], default)


@given(
    st.integers(0, 500),
    st.integers(1, 30),
    st.lists(st.floats(0.5, 120.0), max_size=40),
)
def test_monotone_in_people_ahead_and_modules(ahead, modules, sample):
    base = estimate_wait_minutes(ahead, modules, sample, 15.0)
    assert base is not None and base >= 0
    assert estimate_wait_minutes(ahead + 1, modules, sample, 15.0) >= base
    assert estimate_wait_minutes(ahead, modules + 1, sample, 15.0) <= base


# --- the forecast of the whole entity's queues -------------------------------------------

LIMA = ZoneInfo("America/Lima")
NOW = datetime(2026, 11, 25, 9, 35, tzinfo=LIMA)
RULES = OrderingRules(timedelta(minutes=15), timedelta(minutes=15))
RENIEC = frozenset(f"RENIEC-{i:02d}" for i in range(1, 9))
TEN = ServiceCost(mean=10.0, sd=5.0)


def walk_in(tid: int, service: str, minutes_ago: float, **kw) -> QueueEntry:
    return QueueEntry(tid, service, NOW - timedelta(minutes=minutes_ago), **kw)


def test_r008_one_shared_module_counts_every_older_ticket_of_its_services():
    # The R-008 case: the only open RENIEC module serves eight services; 43 older tickets
    # of the seven others wait. The old estimate saw only RENIEC-04's queue: "0, 0 min".
    others = sorted(RENIEC - {"RENIEC-04"})
    older = [walk_in(i, others[i % 7], 60 - i) for i in range(43)]
    mine = walk_in(100, "RENIEC-04", 0)
    fc = forecast([*older, mine], [Staff(1, RENIEC)], {}, TEN, NOW, RULES)
    called = fc.tickets[100]
    assert called.ahead == 43
    assert called.wait == pytest.approx(430.0)
    told = WaitEstimate.of(called.wait, called.sd, called.ahead, NOW)
    assert told.people_ahead == 43 and told.minutes == 430


def test_modules_bound_to_some_services_call_only_those():
    # Module 2 serves only RENIEC-01: a RENIEC-02 ticket waits for module 1 alone.
    queue = [walk_in(1, "RENIEC-01", 30), walk_in(2, "RENIEC-01", 20), walk_in(3, "RENIEC-02", 10)]
    staff = [Staff(1, frozenset({"RENIEC-01", "RENIEC-02"})), Staff(2, frozenset({"RENIEC-01"}))]
    fc = forecast(queue, staff, {}, TEN, NOW, RULES)
    assert fc.tickets[1].wait == 0 and fc.tickets[2].wait == 0
    assert {fc.tickets[1].module, fc.tickets[2].module} == {1, 2}
    assert fc.tickets[3].wait == 10.0
    assert fc.tickets[3].ahead == 1  # only module 1's call counts: module 2 cannot serve it


def test_preferential_newcomer_goes_before_older_walk_ins():
    queue = [walk_in(i, "RENIEC-01", 30 - i) for i in range(5)]
    queue.append(walk_in(9, "RENIEC-02", 0, preferential=True))
    fc = forecast(queue, [Staff(1, RENIEC, free_in=4.0)], {}, TEN, NOW, RULES)
    assert fc.tickets[9].wait == 4.0 and fc.tickets[9].ahead == 0
    assert fc.tickets[0].wait == 14.0


def test_appointment_is_called_when_its_window_opens_not_now():
    # Checked in at 09:35 for 12:33, behind a long queue: called soon after 12:18, when
    # its window opens, by whichever module frees first then.
    queue = [walk_in(i, "RENIEC-01", 120 - i) for i in range(60)]
    appointment = datetime(2026, 11, 25, 12, 33, tzinfo=LIMA)
    queue.append(walk_in(99, "RENIEC-01", 0, appointment_at=appointment))
    fc = forecast(queue, [Staff(1, RENIEC), Staff(2, RENIEC)], {}, TEN, NOW, RULES)
    told = WaitEstimate.of(fc.tickets[99].wait, fc.tickets[99].sd, fc.tickets[99].ahead, NOW)
    assert told.call_at is not None
    assert appointment - timedelta(minutes=15) <= told.call_at <= appointment
    assert told.people_ahead > 25  # not "1 persona delante de usted"


def test_busy_and_paused_modules_call_when_they_are_free():
    queue = [walk_in(1, "RENIEC-01", 5)]
    staff = [Staff(1, RENIEC, free_in=7.0), Staff(2, RENIEC, free_in=30.0)]
    fc = forecast(queue, staff, {}, TEN, NOW, RULES)
    assert fc.tickets[1].wait == 7.0 and fc.tickets[1].module == 1


def test_without_a_staffed_module_the_wait_is_unknown():
    queue = [walk_in(1, "BN-PAGO", 5), walk_in(2, "RENIEC-01", 5)]
    fc = forecast(queue, [Staff(1, RENIEC)], {}, TEN, NOW, RULES, newcomers=["BN-PAGO"])
    assert 1 not in fc.tickets and "BN-PAGO" not in fc.newcomers
    assert fc.tickets[2].wait == 0


def test_a_newcomer_is_last_and_takes_no_time():
    queue = [walk_in(i, "RENIEC-01", 10 - i) for i in range(4)]
    staff = [Staff(1, RENIEC), Staff(2, RENIEC)]
    alone = forecast(queue, staff, {}, TEN, NOW, RULES)
    with_newcomers = forecast(queue, staff, {}, TEN, NOW, RULES, newcomers=sorted(RENIEC))
    assert with_newcomers.tickets == alone.tickets
    assert with_newcomers.newcomers["RENIEC-01"].wait == 20.0
    assert with_newcomers.newcomers["RENIEC-01"].ahead == 4


def test_costs_by_service():
    queue = [walk_in(1, "RENIEC-01", 10), walk_in(2, "RENIEC-02", 5), walk_in(3, "RENIEC-01", 0)]
    costs = {"RENIEC-01": ServiceCost(4.0, 1.0), "RENIEC-02": ServiceCost(20.0, 1.0)}
    fc = forecast(queue, [Staff(1, RENIEC)], costs, TEN, NOW, RULES)
    assert fc.tickets[3].wait == 24.0


def test_told_never_zero_with_people_ahead_and_a_range_when_uncertain():
    assert WaitEstimate.of(0.2, 0.0, 1, NOW).minutes == 1
    assert WaitEstimate.of(0.0, 0.0, 0, NOW).minutes == 0
    sure = WaitEstimate.of(12.4, 1.0, 2, NOW)
    assert (sure.minutes, sure.low, sure.high) == (12, None, None)
    unsure = WaitEstimate.of(20.0, 4.0, 6, NOW)
    assert (unsure.low, unsure.high) == (15, 25)
    assert unsure.call_at == NOW + timedelta(minutes=20)
    assert WaitEstimate.unknown(3).minutes is None
    assert unsure.fields()["estimated_call_at"] == (NOW + timedelta(minutes=20)).isoformat()


@given(st.floats(0, 600), st.floats(0, 60), st.integers(0, 300))
def test_told_range_holds_the_minutes(wait, sd, ahead):
    told = WaitEstimate.of(wait, sd, ahead, NOW)
    assert told.minutes is not None and (ahead == 0 or told.minutes >= 1)
    if told.low is not None and told.high is not None:
        assert told.low <= told.minutes <= told.high


def test_bad_costs_rejected():
    with pytest.raises(ValueError):
        ServiceCost(0.0, 1.0)
    with pytest.raises(ValueError):
        ServiceCost(5.0, -1.0)


# --- what a call costs, learned ----------------------------------------------------------


def test_one_short_attention_early_does_not_collapse_the_estimate():
    # "after one 5-second attention RENIEC-01 dropped from 36 to 24 to 1 min"
    m = attention_minutes(ServiceHistory(), "RENIEC-01", 9, [5 / 60], 12.0)
    assert 10.0 < m.mean < 12.0


def test_history_of_the_hour_is_the_prior_then_today_pulls():
    attentions = [("RENIEC-01", 9, 20.0)] * 10 + [("RENIEC-01", 15, 6.0)] * 10
    history = ServiceHistory.build(attentions, [0.5] * 5, [0.1] * 5, [3.0], {"RENIEC-01": 20}, {})
    assert attention_minutes(history, "RENIEC-01", 9, [], 12.0).mean == pytest.approx(20.0)
    assert attention_minutes(history, "RENIEC-01", 15, [], 12.0).mean == pytest.approx(6.0)
    # An hour with no history: the whole day's.
    assert attention_minutes(history, "RENIEC-01", 11, [], 12.0).mean == pytest.approx(13.0)
    today = attention_minutes(history, "RENIEC-01", 9, [10.0] * 30, 12.0)
    assert 10.0 < today.mean < 13.0


def test_call_cost_adds_walk_gap_and_no_shows():
    history = ServiceHistory.build(
        [("S", 9, 10.0)] * 10, [1.0] * 10, [0.5] * 10, [3.0] * 2, {"S": 80}, {"S": 20}
    )
    cost = call_cost(history, "S", 9, [], 12.0)
    p = history.no_show_rate("S")
    assert p == pytest.approx((20 + 20 * 0.05) / 100)
    assert cost.mean == pytest.approx((1 - p) * 11.5 + p * 3.5)
    assert cost.sd > 0


# --- what is said -------------------------------------------------------------------------


def test_wait_wording_in_each_language():
    assert wait_estimate_text(12) == "Tiempo de espera aproximado: 12 min"
    assert wait_estimate_text(20, 15, 25) == "Tiempo de espera aproximado: entre 15 y 25 min"
    assert wait_estimate_text(170, 160, 180, "12:33") == "Le llamaremos cerca de las 12:33"
    assert wait_estimate_text(None, call_at="12:33") == "Tiempo de espera: por confirmar"
    assert wait_estimate_text(20, 15, 25, language="en") == (
        "Approximate waiting time: 15 to 25 min"
    )
    assert (
        wait_estimate_text(20, 15, 25, language="qu") == "Yaqa 15-manta 25-kama minutotam suyanki"
    )
    assert "12:33" in wait_estimate_text(170, call_at="12:33", language="qu")
    assert (
        wait_estimate_text(170, call_at="12:33", language="en") == "We will call you at about 12:33"
    )


def test_a_walk_in_appended_takes_the_newcomer_place_as_a_replay_would():
    queue = [walk_in(i, sorted(RENIEC)[i % 3], 30 - i) for i in range(7)]
    staff = [Staff(1, RENIEC, free_in=2.0), Staff(2, RENIEC, free_in=6.0)]
    services = sorted(RENIEC)
    fc = forecast(queue, staff, {}, TEN, NOW, RULES, newcomers=services)
    before = fc.newcomers["RENIEC-05"]
    assert fc.append(50, "RENIEC-05")
    arrived = walk_in(50, "RENIEC-05", -0.5)
    replay = forecast([*queue, arrived], staff, {}, TEN, NOW, RULES, newcomers=services)
    assert fc.tickets[50] == before == replay.tickets[50]
    # Every newcomer now waits one call behind it, shared by the two modules.
    for svc in services:
        assert fc.newcomers[svc].ahead == replay.newcomers[svc].ahead == before.ahead + 1
        assert fc.newcomers[svc].wait == pytest.approx(before.wait + 5.0)
        assert abs(fc.newcomers[svc].wait - replay.newcomers[svc].wait) <= 5.0
        # ... and its spread grows by that call's variance, as a replay's does (before,
        # a ticket's event said "12 min" while GET /queues said "entre 1 y 20 min").
        assert fc.newcomers[svc].sd > before.sd
        assert fc.newcomers[svc].sd == pytest.approx(replay.newcomers[svc].sd, abs=1.0)


def test_appending_stops_after_a_while_and_needs_a_newcomer():
    fc = forecast([], [Staff(1, RENIEC)], {}, TEN, NOW, RULES, newcomers=["RENIEC-01"])
    assert not fc.append(1, "BN-PAGO")  # nobody serves it: play again
    for i in range(MAX_APPENDED):
        assert fc.append(i + 10, "RENIEC-01")
    assert fc.tickets[10 + MAX_APPENDED - 1].wait == (MAX_APPENDED - 1) * 10.0
    assert not fc.append(99, "RENIEC-01")
