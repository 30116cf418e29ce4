"""The domain's shared vocabulary: the capacity rule, the print failure, pause reasons.

Each is defined once in the domain; these tests pin the rule and check that the
rest of the code base does not spell it out again.
"""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from macturnos.domain.modules import PAUSE_REASONS, is_pause_reason
from macturnos.domain.tickets import PRINT_FAILED, counts_against_capacity, takes_capacity

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("client", "config", "counter", "display", "hardware", "kiosk", "pcm", "server")
AT = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def _sources() -> list[Path]:
    top = (ROOT / "src" / "macturnos").glob("*.py")  # the command line, the demo
    return [*top, *(p for d in CODE_DIRS for p in (ROOT / d).rglob("*.py"))]


@pytest.mark.parametrize(
    ("origin", "appointment", "reason", "counts"),
    [
        (None, None, None, True),
        (None, None, "se retiró", True),
        (None, None, PRINT_FAILED, False),
        (12, None, None, False),  # a transfer continues a visit
        (None, AT, None, False),  # an appointment was booked beforehand
        (None, AT.isoformat(), None, False),  # as an event's view carries it
        (12, AT, PRINT_FAILED, False),
    ],
)
def test_capacity_rule(origin, appointment, reason, counts):
    assert (
        counts_against_capacity(
            origin_ticket_id=origin, appointment_at=appointment, end_reason=reason
        )
        is counts
    )
    assert takes_capacity(origin_ticket_id=origin, appointment_at=appointment) is (
        origin is None and appointment is None
    )


def test_print_failed_is_the_wire_value():
    assert PRINT_FAILED == "print_failed"


def test_print_failed_is_spelled_only_in_the_domain():
    literal = re.compile(r"""["']print_failed["']""")
    offenders = [str(p.relative_to(ROOT)) for p in _sources() if literal.search(p.read_text())]
    assert offenders == []


def test_pause_reasons():
    assert PAUSE_REASONS == ("refrigerio", "capacitacion", "soporte_tecnico", "otro")
    assert all(is_pause_reason(r) for r in PAUSE_REASONS)
    assert not is_pause_reason("siesta")
    assert not is_pause_reason(None)


def test_pause_reasons_are_listed_only_in_the_domain():
    listing = re.compile(r"""["']refrigerio["']\s*,\s*["']capacitacion["']""")
    offenders = [str(p.relative_to(ROOT)) for p in _sources() if listing.search(p.read_text())]
    assert offenders == []


def test_the_api_accepts_exactly_the_pause_reasons():
    from pydantic import ValidationError

    from macturnos.server.api.schemas import PauseRequest

    for reason in PAUSE_REASONS:
        assert PauseRequest(reason=reason).reason == reason
    with pytest.raises(ValidationError):
        PauseRequest(reason="siesta")


def test_is_plain_is_not_rewritten_in_live_queues():
    # live.py folds many entries per write; it asks domain.queue.is_plain instead.
    text = (ROOT / "server" / "live.py").read_text()
    assert "e.preferential or e.appointment_at" not in text
    assert "not e.preferential and e.appointment_at" not in text
