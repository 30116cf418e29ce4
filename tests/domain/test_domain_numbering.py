"""Tests of ticket number formatting, parsing and the local service day."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macturnos.domain.errors import DomainError
from macturnos.domain.numbering import (
    format_ticket_number,
    normalize_ticket_number,
    parse_ticket_number,
    service_day,
)

LIMA = ZoneInfo("America/Lima")

prefixes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3)
sequences = st.integers(min_value=1, max_value=999_999_999)
widths = st.integers(min_value=1, max_value=6)


@pytest.mark.parametrize(
    ("prefix", "seq", "width", "text"),
    [
        ("R", 23, 3, "R-023"),
        ("R", 1, 3, "R-001"),
        ("MIG", 999, 3, "MIG-999"),
        ("R", 1000, 3, "R-1000"),
        ("SU", 7, 2, "SU-07"),
        ("P", 12345, 3, "P-12345"),
    ],
)
def test_format(prefix, seq, width, text):
    assert format_ticket_number(prefix, seq, width) == text


@pytest.mark.parametrize(
    ("prefix", "seq", "width"),
    [
        ("r", 1, 3),
        ("", 1, 3),
        ("ABCD", 1, 3),
        ("R1", 1, 3),
        ("Ñ", 1, 3),
        ("R", 0, 3),
        ("R", -5, 3),
        ("R", True, 3),
        ("R", 1, 0),
    ],
)
def test_format_rejects_bad_input(prefix, seq, width):
    with pytest.raises(ValueError):
        format_ticket_number(prefix, seq, width)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("R-023", ("R", 23)),
        ("r23", ("R", 23)),
        (" R 23 ", ("R", 23)),
        ("mig-0007", ("MIG", 7)),
        ("R–1000", ("R", 1000)),
        ("Su07\n", ("SU", 7)),
    ],
)
def test_parse_lenient(text, parsed):
    assert parse_ticket_number(text) == parsed


@pytest.mark.parametrize(
    "text",
    [
        "",
        "R",
        "23",
        "R-0",
        "R-000",
        "ABCD-1",
        "R--1",
        "R-1a",
        "R-١٢",
        "Ñ-1",
        "R-1234567890",
        "R 2 3",
    ],
)
def test_parse_rejects_garbage(text):
    with pytest.raises(DomainError) as info:
        parse_ticket_number(text)
    assert info.value.code == "INVALID_REQUEST"
    assert info.value.details == {"campo": "numero"}


def test_normalize():
    assert normalize_ticket_number("r23") == "R-023"


@given(prefixes, sequences, widths)
def test_round_trip(prefix, seq, width):
    text = format_ticket_number(prefix, seq, width)
    assert parse_ticket_number(text) == (prefix, seq)
    assert parse_ticket_number(text.lower().replace("-", "")) == (prefix, seq)
    assert len(text) >= len(prefix) + 1 + width


@given(prefixes, st.sets(sequences, min_size=1, max_size=200), widths)
def test_never_duplicates(prefix, seqs, width):
    numbers = [format_ticket_number(prefix, s, width) for s in seqs]
    assert len(set(numbers)) == len(numbers)


@given(st.lists(st.tuples(prefixes, st.integers(1, 5000)), unique=True, max_size=100))
def test_distinct_prefix_sequence_pairs_never_collide(pairs):
    numbers = {format_ticket_number(p, s) for p, s in pairs}
    assert len(numbers) == len(pairs)


@given(st.text(max_size=20))
def test_parse_never_crashes(text):
    try:
        prefix, seq = parse_ticket_number(text)
    except DomainError as err:
        assert err.code == "INVALID_REQUEST"
    else:
        assert 1 <= len(prefix) <= 3 and prefix.isupper() and seq >= 1


def test_service_day_across_lima_midnight():
    # Lima is UTC-5 all year: 04:59 UTC is still the previous local day.
    assert service_day(datetime(2024, 5, 7, 4, 59, 59, tzinfo=UTC), LIMA) == date(2024, 5, 6)
    assert service_day(datetime(2024, 5, 7, 5, 0, 0, tzinfo=UTC), LIMA) == date(2024, 5, 7)
    local_late = datetime(2024, 5, 6, 23, 59, tzinfo=LIMA)
    assert service_day(local_late, LIMA) == date(2024, 5, 6)
    assert service_day(local_late + timedelta(minutes=1), LIMA) == date(2024, 5, 7)


def test_service_day_evening_in_utc_is_still_today():
    # 20:00 in Lima is already the next day in UTC; numbering must not reset.
    evening = datetime(2024, 12, 31, 20, 0, tzinfo=LIMA)
    assert evening.astimezone(UTC).date() == date(2025, 1, 1)
    assert service_day(evening.astimezone(UTC), LIMA) == date(2024, 12, 31)


def test_service_day_rejects_naive():
    with pytest.raises(ValueError):
        service_day(datetime(2024, 5, 6, 12, 0), LIMA)
