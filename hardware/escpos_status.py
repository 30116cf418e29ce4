"""ESC/POS real-time status (DLE EOT) requests and the strict parsing of their replies."""

from __future__ import annotations

from datetime import datetime

from macturnos.hardware import messages as msg
from macturnos.hardware.ticket import PaperState, PrinterStatus
from macturnos.messages import _

DLE_EOT_PRINTER = b"\x10\x04\x01"
"""Printer status: bit 3 set means offline."""
DLE_EOT_OFFLINE = b"\x10\x04\x02"
"""Offline cause: bit 2 cover open, bit 5 stopped by paper end."""
DLE_EOT_PAPER = b"\x10\x04\x04"
"""Roll paper sensor: bits 2-3 near end, bits 5-6 paper end."""

# Every DLE EOT reply byte has bit 1 and bit 4 set and bits 0 and 7 clear;
# anything else is noise, an ASB frame or another protocol, never a status.
_FIXED_MASK = 0x93
_FIXED_VALUE = 0x12


def valid_reply(reply: bytes | None) -> int | None:
    """The status byte if the reply is exactly one well-formed byte, else None."""
    if reply is None or len(reply) != 1:
        return None
    value = reply[0]
    if value & _FIXED_MASK != _FIXED_VALUE:
        return None
    return value


def parse_status(
    printer: bytes | None,
    offline: bytes | None,
    paper: bytes | None,
    checked_at: datetime,
) -> PrinterStatus:
    """Turn the three DLE EOT replies into a status; anything missing or malformed is unknown."""
    p, o, r = valid_reply(printer), valid_reply(offline), valid_reply(paper)
    online = None if p is None else not (p & 0x08)
    cover_open = None if o is None else bool(o & 0x04)
    if r is not None:
        if r & 0x60:
            paper_state = PaperState.OUT
        elif r & 0x0C:
            paper_state = PaperState.NEAR_END
        else:
            paper_state = PaperState.OK
    elif o is not None and o & 0x20:
        paper_state = PaperState.OUT
    else:
        paper_state = PaperState.UNKNOWN

    if cover_open:
        reason = msg.PRINTER_COVER_OPEN
    elif paper_state is PaperState.OUT:
        reason = msg.PRINTER_PAPER_OUT
    elif online is False:
        reason = msg.PRINTER_OFFLINE
    elif p is None or o is None or r is None:
        answered = [x for x in (printer, offline, paper) if x]
        reason = msg.PRINTER_BAD_REPLY if answered else msg.PRINTER_NO_REPLY
    elif paper_state is PaperState.NEAR_END:
        reason = msg.PRINTER_PAPER_NEAR_END
    else:
        reason = msg.PRINTER_READY
    return PrinterStatus(
        online=online,
        paper=paper_state,
        cover_open=cover_open,
        checked_at=checked_at,
        reason=_(reason),
    )


def unknown_status(checked_at: datetime, reason: str) -> PrinterStatus:
    """A status that says nothing is known, with the Spanish reason why."""
    return PrinterStatus(
        online=None,
        paper=PaperState.UNKNOWN,
        cover_open=None,
        checked_at=checked_at,
        reason=reason,
    )


def status_replies(
    *, online: bool = True, cover_open: bool = False, paper: PaperState = PaperState.OK
) -> tuple[bytes, bytes, bytes]:
    """The replies an Epson-compatible printer sends in a given state (for simulators)."""
    # A real printer also goes offline while its cover is open or its paper is out.
    offline_now = not online or cover_open or paper is PaperState.OUT
    printer = _FIXED_VALUE | (0x08 if offline_now else 0x00)
    offline = _FIXED_VALUE | (0x04 if cover_open else 0) | (0x20 if paper is PaperState.OUT else 0)
    roll = _FIXED_VALUE
    if paper is PaperState.NEAR_END:
        roll |= 0x0C
    elif paper is PaperState.OUT:
        roll |= 0x0C | 0x60
    return bytes([printer]), bytes([offline]), bytes([roll])
