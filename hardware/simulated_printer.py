"""A simulated ticket printer for the demo and the tests: it draws every ticket to a PNG.

It goes through the same byte layout, status bytes and status parser as a real
printer, counts paper, and can run out of paper, go offline, open its cover or
answer slowly, so the kiosk's error handling can be exercised without hardware.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from macturnos.hardware import messages as msg
from macturnos.hardware.escpos_layout import (
    LayoutError,
    paper_geometry,
    render_ticket_escpos,
    spanish_code_page,
)
from macturnos.hardware.escpos_status import parse_status, status_replies, unknown_status
from macturnos.hardware.paper import PrintedTicket, render_paper
from macturnos.hardware.settings import PrinterSettings
from macturnos.hardware.ticket import PaperState, PrinterError, PrinterStatus, TicketContent
from macturnos.messages import _

logger = logging.getLogger(__name__)

NEAR_END_MM = 3000.0
"""Paper left when the near-end sensor trips (a few dozen tickets)."""


class SimulatedPrinter:
    """A TicketPrinter that writes PNG tickets instead of burning paper."""

    def __init__(
        self,
        settings: PrinterSettings | None = None,
        *,
        output_dir: Path | str | None = None,
        near_end_mm: float = NEAR_END_MM,
    ) -> None:
        """Load a fresh roll of settings.simulated_paper_mm millimetres."""
        self._settings = settings or PrinterSettings()
        try:
            spanish_code_page(self._settings.profile)
            paper_geometry(self._settings.profile, self._settings.paper_width_mm)
        except LayoutError as exc:
            raise PrinterError(
                _(msg.PRINTER_BAD_PROFILE).format(profile=self._settings.profile)
            ) from exc
        folder = output_dir or self._settings.simulated_output_dir
        if folder is None:
            folder = tempfile.mkdtemp(prefix="macturnos-tickets-")
        self.output_dir = Path(folder)
        self.output_dir.mkdir(parents=True, exist_ok=True)
        self.printed: list[Path] = []
        """PNG files of the tickets printed so far, oldest first."""
        self.last_ticket: PrintedTicket | None = None
        """The drawing of the last printed ticket, with where each line landed."""
        self.last_bytes: bytes | None = None
        """The ESC/POS bytes of the last printed ticket."""
        self.paper_left_mm: float = float(self._settings.simulated_paper_mm)
        self._near_end_mm = near_end_mm
        self._online = True
        self._cover_open = False
        self._delay_s = 0.0
        self._lock = threading.Lock()

    @property
    def settings(self) -> PrinterSettings:
        """The settings this printer was opened with."""
        return self._settings

    # --- faults the demo and the tests can inject --------------------------
    def out_of_paper(self) -> None:
        """The roll is finished."""
        self.paper_left_mm = 0.0

    def refill(self, paper_mm: float | None = None) -> None:
        """Load a new roll (settings.simulated_paper_mm unless told otherwise)."""
        self.paper_left_mm = float(
            self._settings.simulated_paper_mm if paper_mm is None else paper_mm
        )

    def go_offline(self) -> None:
        """The printer reports itself offline (e.g. an internal error)."""
        self._online = False

    def go_online(self) -> None:
        """The printer is back online."""
        self._online = True

    def open_cover(self) -> None:
        """Someone opened the paper cover."""
        self._cover_open = True

    def close_cover(self) -> None:
        """The paper cover is closed again."""
        self._cover_open = False

    def set_delay(self, seconds: float) -> None:
        """Answer every request this much later; beyond settings.timeout_s it does not answer."""
        if seconds < 0:
            raise ValueError("delay must not be negative")
        self._delay_s = seconds

    # --- TicketPrinter -----------------------------------------------------
    def status(self) -> PrinterStatus:
        """The status bytes this printer would send, parsed like a real printer's."""
        timeout = self._settings.timeout_s
        started = time.monotonic()
        if not self._lock.acquire(timeout=timeout):
            return unknown_status(_now(), _(msg.PRINTER_BUSY))
        try:
            if not self._wait_reply(timeout - (time.monotonic() - started)):
                return unknown_status(_now(), _(msg.PRINTER_NO_REPLY))
            replies = status_replies(
                online=self._online, cover_open=self._cover_open, paper=self._paper_state()
            )
            return parse_status(*replies, _now())
        finally:
            self._lock.release()

    def print_ticket(self, ticket: TicketContent) -> None:
        """Draw the ticket to a PNG; raise PrinterError at once when a real printer would fail."""
        if ticket.logo_path is None and self._settings.logo_path:
            ticket = dataclasses.replace(ticket, logo_path=self._settings.logo_path)
        data = render_ticket_escpos(ticket, self._settings.paper_width_mm, self._settings.profile)
        timeout = self._settings.timeout_s
        started = time.monotonic()
        if not self._lock.acquire(timeout=timeout):
            raise PrinterError(_(msg.PRINTER_BUSY))
        try:
            if not self._wait_reply(timeout - (time.monotonic() - started)):
                raise PrinterError(_(msg.PRINTER_WRITE_TIMEOUT))
            if self._cover_open:
                raise PrinterError(_(msg.PRINTER_COVER_OPEN))
            if self._paper_state() is PaperState.OUT:
                raise PrinterError(_(msg.PRINTER_PAPER_OUT))
            if not self._online:
                raise PrinterError(_(msg.PRINTER_OFFLINE))
            drawn = render_paper(data, self._settings.profile, self._settings.paper_width_mm)
            if drawn.length_mm > self.paper_left_mm:
                # The roll ends mid-ticket: a torn, unusable ticket.
                self.paper_left_mm = 0.0
                raise PrinterError(_(msg.PRINTER_RAN_OUT_DURING))
            self.paper_left_mm -= drawn.length_mm
            path = (
                self.output_dir / f"ticket-{len(self.printed) + 1:05d}-{_safe(ticket.number)}.png"
            )
            drawn.save(path)
            self.printed.append(path)
            self.last_ticket = drawn
            self.last_bytes = data
        finally:
            self._lock.release()

    def _paper_state(self) -> PaperState:
        if self.paper_left_mm <= 0:
            return PaperState.OUT
        if self.paper_left_mm < self._near_end_mm:
            return PaperState.NEAR_END
        return PaperState.OK

    def _wait_reply(self, budget_s: float) -> bool:
        """Sleep like a slow printer; False when the answer would come after the budget."""
        if self._delay_s > budget_s:
            time.sleep(max(0.0, budget_s))
            return False
        if self._delay_s:
            time.sleep(self._delay_s)
        return True


def _safe(number: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", number)


def _now() -> datetime:
    return datetime.now().astimezone()
