"""The load benchmark's own pieces: figures, the day's shape, the bench centre, a tiny run."""

from __future__ import annotations

import json
import math
import random
from datetime import date

import pytest

from bench import load_day
from macturnos.config import load_centre


@pytest.fixture(scope="module")
def centre():
    """The bench's own centre file."""
    return load_centre(load_day.DEFAULT_CENTRE)


def test_percentile_interpolates_between_ranks():
    values = list(range(1, 101))
    random.Random(1).shuffle(values)
    assert load_day.percentile(values, 0) == 1
    assert load_day.percentile(values, 100) == 100
    assert load_day.percentile(values, 50) == pytest.approx(50.5)
    assert load_day.percentile(values, 99) == pytest.approx(99.01)
    assert load_day.percentile([7.0], 99) == 7.0
    assert math.isnan(load_day.percentile([], 50))
    with pytest.raises(ValueError):
        load_day.percentile(values, 101)


def test_summary_is_in_milliseconds():
    s = load_day.summary_ms([0.001, 0.002, 0.003])
    assert s["n"] == 3
    assert s["p50_ms"] == pytest.approx(2.0)
    assert s["max_ms"] == pytest.approx(3.0)


def test_arrivals_follow_the_day_profile():
    offsets = load_day.arrival_offsets(6000, 120.0, random.Random(7))
    assert len(offsets) == 6000
    assert offsets == sorted(offsets)
    assert 0 <= offsets[0] and offsets[-1] < 120.0
    first_hour = sum(1 for t in offsets if t < 12.0)
    last_hour = sum(1 for t in offsets if t >= 108.0)
    # Profile weights 1.45 and 0.6 of a total of 10: about 870 and 360 arrivals.
    assert 780 < first_hour < 960
    assert 300 < last_hour < 420
    assert offsets == load_day.arrival_offsets(6000, 120.0, random.Random(7))


def test_arrivals_refuse_a_bad_duration():
    with pytest.raises(ValueError):
        load_day.arrival_offsets(10, 0.0, random.Random(1))


def test_bench_centre_is_the_largest_centre(centre):
    assert len(centre.modules) == 120
    assert len(centre.entities) == 12
    assert len(centre.displays) == 20
    for svc in centre.services:
        assert centre.modules_serving(svc.code), svc.code
        assert svc.daily_capacity is None and svc.last_issue is None
    for day in range(23, 30):  # a whole week of November 2026
        assert centre.hours_on(date(2026, 11, day)) is not None


def test_staffed_modules_spread_over_entities(centre):
    few = load_day.staffed_modules(centre, 12)
    assert len({centre.module(n).entity for n in few}) == 12
    assert load_day.staffed_modules(centre, 120) == list(range(1, 121))
    with pytest.raises(ValueError):
        load_day.staffed_modules(centre, 121)


def test_demand_matches_staffed_capacity(centre):
    modules = load_day.staffed_modules(centre, 30)
    weights = load_day.service_weights(centre, modules)
    assert sum(weights.values()) == pytest.approx(30)
    served = {s for n in modules for s in centre.services_of_module(n)}
    assert set(weights) == served


def test_rate_sets_the_duration():
    opts = load_day.parse_args(["--tickets", "600", "--rate", "20"])
    assert opts.duration_s == pytest.approx(30.0)
    with pytest.raises(SystemExit):
        load_day.parse_args(["--modules", "0"])


def _tiny_run(tmp_path, db: str) -> dict:
    out = tmp_path / "figures.json"
    code = load_day.main(
        [
            "--db",
            db,
            "--tickets",
            "80",
            "--modules",
            "6",
            "--displays",
            "2",
            "--kiosks",
            "2",
            "--duration",
            "4",
            "--service-min",
            "3",
            "--drain-timeout",
            "20",
            "--burst-seconds",
            "1",
            "--burst-workers",
            "2",
            "--json",
            str(out),
        ]
    )
    report = json.loads(out.read_text())
    assert code == 0, report["error_examples"]
    return report


@pytest.mark.slow
def test_a_tiny_day_runs_end_to_end_on_sqlite(tmp_path):
    rep = _tiny_run(tmp_path, "sqlite")
    assert rep["errors"] == {}
    assert rep["issued_day"] == 80
    assert rep["calls"] == rep["ended"] == 80
    assert rep["call_to_event"]["n"] == 2 * rep["calls"]
    assert rep["issued_burst"] > 0
    assert rep["server_rss_mb"]["peak"] > 10
    assert {t["result"] for t in rep["targets"].values()} <= {"PASS", "FAIL"}


@pytest.mark.slow
@pytest.mark.postgres
def test_a_tiny_day_runs_end_to_end_on_postgresql(tmp_path):
    rep = _tiny_run(tmp_path, "postgresql")
    assert rep["errors"] == {}
    assert rep["database"] == "postgresql"
    assert rep["call_to_event"]["n"] == 2 * rep["calls"]


def test_waiting_count_as_advisors_see_it(centre):
    waiting = load_day.Waiting(centre, [1, 5])  # 1 serves RENIEC-DUP only, 5 all of RENIEC
    assert waiting.take(1) is None
    waiting.issued("RENIEC-REN")
    assert waiting.wake[5].is_set() and not waiting.wake[1].is_set()
    assert not waiting.any_for(1) and waiting.any_for(5)
    taken = waiting.take(5)
    assert taken == "RENIEC-REN" and waiting.total() == 0
    waiting.give_back(taken)
    assert waiting.total() == 1
    waiting.issued("RENIEC-DUP")
    taken = waiting.take(5)
    # The server answered the older ticket of another service the module serves.
    waiting.called(taken, "RENIEC-REN" if taken == "RENIEC-DUP" else "RENIEC-DUP")
    assert waiting.total() == 1
    assert waiting.count["RENIEC-REN"] + waiting.count["RENIEC-DUP"] == 1
