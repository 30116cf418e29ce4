"""Tests of the signed ticket code: sign, verify, tampering and garbage."""

import re
from datetime import date, datetime, time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from macturnos.domain.errors import DomainError
from macturnos.domain.ticket_code import TicketCode, sign_ticket_code, verify_ticket_code

SECRET = b"0123456789abcdef-centre-secret"
OTHER = b"another-secret-of-enough-length"
DAY = date(2024, 5, 6)
ISSUED = datetime(2024, 5, 6, 9, 41, 7)


def sign(**over):
    args = {"centre": "LIMA-NORTE", "day": DAY, "number": "R-023", "issued_at": ISSUED}
    args.update(over)
    return sign_ticket_code(SECRET, **args)


def assert_invalid(secret, code):
    with pytest.raises(DomainError) as info:
        verify_ticket_code(secret, code)
    assert info.value.code == "TICKET_CODE_INVALID"


def test_format_is_compact_and_qr_alphanumeric():
    code = sign()
    assert re.fullmatch(r"MT1\.LIMA-NORTE\.20240506\.R-023\.094107\.[A-Z2-7]{16}", code)
    assert len(code) <= 60
    assert set(code) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def test_round_trip():
    assert verify_ticket_code(SECRET, sign()) == TicketCode(
        centre="LIMA-NORTE", day=DAY, number="R-023", issued_at_local_time=time(9, 41, 7)
    )


def test_deterministic():
    assert sign() == sign()


def test_scanner_newline_and_lower_case_accepted():
    code = sign()
    assert verify_ticket_code(SECRET, code + "\r\n").number == "R-023"
    assert verify_ticket_code(SECRET, code.lower()).centre == "LIMA-NORTE"


def test_wrong_secret_refused():
    assert_invalid(OTHER, sign())


@pytest.mark.parametrize(
    ("old", "new"),
    [("R-023", "R-024"), ("20240506", "20240507"), ("094107", "094108"), ("LIMA-NORTE", "CALLAO")],
)
def test_field_tampering_refused(old, new):
    assert_invalid(SECRET, sign().replace(old, new))


def test_each_signature_character_matters():
    code = sign()
    head, _, mac = code.rpartition(".")
    for i, ch in enumerate(mac):
        other = "A" if ch != "A" else "B"
        assert_invalid(SECRET, f"{head}.{mac[:i]}{other}{mac[i + 1 :]}")


def test_truncation_refused():
    code = sign()
    for cut in range(len(code)):
        assert_invalid(SECRET, code[:cut])


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "hola",
        "MT1",
        "MT2.LIMA-NORTE.20240506.R-023.094107.AAAAAAAAAAAAAAAA",
        "MT1.LIMA-NORTE.20240506.R-023.094107.AAAAAAAAAAAAAAAA.EXTRA",
        "MT1.LIMA.NORTE.20240506.R-023.094107.AAAAAAAAAAAAAAAA",
        "MT1.LIMA-NORTE.20240506.R-023.094107.AAAAAAAAAAAAAAA1",
        "MT1.ÁREA.20240506.R-023.094107.AAAAAAAAAAAAAAAA",
        "X" * 10_000,
    ],
)
def test_garbage_refused(garbage):
    assert_invalid(SECRET, garbage)


def test_non_string_refused():
    assert_invalid(SECRET, b"MT1")  # type: ignore[arg-type]
    assert_invalid(SECRET, None)  # type: ignore[arg-type]


def test_short_secret_is_a_programming_error():
    with pytest.raises(ValueError):
        sign_ticket_code(b"short", centre="C", day=DAY, number="R-001", issued_at=ISSUED)
    with pytest.raises(ValueError):
        verify_ticket_code(b"short", sign())


@pytest.mark.parametrize(
    "over",
    [
        {"centre": "lima"},
        {"centre": "LIMA.NORTE"},
        {"centre": ""},
        {"number": "r23"},
        {"number": "R.1"},
    ],
)
def test_sign_rejects_bad_fields(over):
    with pytest.raises(ValueError):
        sign(**over)


centres = st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,23}", fullmatch=True)
numbers = st.builds(
    lambda p, s: f"{p}-{s:03d}",
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    st.integers(1, 99_999),
)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2099, 12, 31))
instants = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2099, 12, 31))


@given(centres, days, numbers, instants)
def test_property_round_trip(centre, day, number, issued_at):
    code = sign_ticket_code(SECRET, centre=centre, day=day, number=number, issued_at=issued_at)
    decoded = verify_ticket_code(SECRET, code)
    assert decoded == TicketCode(centre, day, number, issued_at.time().replace(microsecond=0))


@given(st.data())
@settings(max_examples=200)
def test_property_any_single_change_refused(data):
    code = sign()
    i = data.draw(st.integers(0, len(code) - 1))
    ch = data.draw(st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.-"))
    mutated = code[:i] + ch + code[i + 1 :]
    assume(mutated != code)
    assert_invalid(SECRET, mutated)


@given(st.text(max_size=80))
def test_property_random_text_refused(text):
    assert_invalid(SECRET, text)
