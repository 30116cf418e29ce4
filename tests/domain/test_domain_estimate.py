"""Tests of the waiting time estimate."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macturnos.domain.estimate import estimate_wait_minutes, robust_service_minutes


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
