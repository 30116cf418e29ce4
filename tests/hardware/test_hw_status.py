"""Parsing of DLE EOT status replies: only well-formed answers may ever say OK."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macturnos.hardware.escpos_status import parse_status, status_replies, valid_reply
from macturnos.hardware.printer import PaperState, PrinterStatus

NOW = datetime(2025, 3, 12, 15, 0, tzinfo=UTC)


def test_healthy_printer_is_ready():
    status = parse_status(b"\x12", b"\x12", b"\x12", NOW)
    assert status == PrinterStatus(True, PaperState.OK, False, NOW, "Impresora lista")
    assert status.ready


def test_near_end_is_still_ready_with_a_warning_reason():
    status = parse_status(b"\x12", b"\x12", b"\x1e", NOW)
    assert status.paper is PaperState.NEAR_END and status.ready
    assert "papel" in status.reason


@pytest.mark.parametrize(
    ("replies", "online", "paper", "cover", "reason"),
    [
        ((b"\x1a", b"\x32", b"\x7e"), False, PaperState.OUT, False, "La impresora no tiene papel"),
        (
            (b"\x1a", b"\x16", b"\x12"),
            False,
            PaperState.OK,
            True,
            "La tapa de la impresora está abierta",
        ),
        (
            (b"\x1a", b"\x12", b"\x12"),
            False,
            PaperState.OK,
            False,
            "La impresora está fuera de línea",
        ),
        # Paper end seen only in the offline cause (printers without a roll sensor reply).
        ((b"\x1a", b"\x32", None), False, PaperState.OUT, False, "La impresora no tiene papel"),
    ],
)
def test_faults(replies, online, paper, cover, reason):
    status = parse_status(*replies, NOW)
    assert (status.online, status.paper, status.cover_open, status.reason) == (
        online,
        paper,
        cover,
        reason,
    )
    assert not status.ready


def test_no_reply_at_all_is_unknown_never_ok():
    status = parse_status(None, None, None, NOW)
    assert status.online is None and status.cover_open is None
    assert status.paper is PaperState.UNKNOWN
    assert status.reason == "La impresora no responde"
    assert not status.ready


def test_empty_replies_are_unknown():
    # python-escpos reads an empty reply as "paper adequate"; here it is unknown.
    status = parse_status(b"", b"", b"", NOW)
    assert status.paper is PaperState.UNKNOWN and not status.ready


@pytest.mark.parametrize(
    "replies",
    [
        (b"\xff", b"\x00", b"\x80"),
        (b"\x12\x12", b"\x12", b"\x12"),  # two bytes where one is due
        (b"\x12", b"\x12", b"\x13"),  # bit 0 set: not a status byte
        (b"\x12", b"\x12", b"\x92"),  # bit 7 set: not a status byte
        (b"OK", b"OK", b"OK"),
    ],
)
def test_garbage_is_unknown_and_said_so(replies):
    status = parse_status(*replies, NOW)
    assert not status.ready
    assert status.paper is PaperState.UNKNOWN or status.online is None
    assert status.reason == "Respuesta no válida de la impresora"


def test_missing_paper_reply_makes_the_printer_not_ready():
    status = parse_status(b"\x12", b"\x12", None, NOW)
    assert status.online is True and status.paper is PaperState.UNKNOWN
    assert not status.ready


@given(st.binary(max_size=3), st.binary(max_size=3), st.binary(max_size=3))
def test_ready_only_from_three_well_formed_bytes(a, b, c):
    status = parse_status(a, b, c, NOW)
    if status.ready:
        assert all(valid_reply(x) is not None for x in (a, b, c))
        assert not a[0] & 0x08 and not b[0] & 0x24 and not c[0] & 0x60


@pytest.mark.parametrize("paper", [PaperState.OK, PaperState.NEAR_END, PaperState.OUT])
@pytest.mark.parametrize("cover_open", [False, True])
@pytest.mark.parametrize("online", [False, True])
def test_simulator_replies_parse_back(online, cover_open, paper):
    status = parse_status(*status_replies(online=online, cover_open=cover_open, paper=paper), NOW)
    assert status.paper is paper
    assert status.cover_open is cover_open
    assert status.ready is (online and not cover_open and paper is not PaperState.OUT)
