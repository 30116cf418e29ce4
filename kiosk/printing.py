"""The kiosk's printer: one lock around it, status readings, tickets from API answers (no Qt)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from macturnos.hardware.printer import (
    PaperState,
    PrinterStatus,
    TicketContent,
    TicketPrinter,
)

log = logging.getLogger("macturnos.kiosk.printing")


class PrinterService:
    """Serialises status readings and printing, and keeps the last ticket for a reprint.

    Every method blocks (up to the printer's timeout): call them off the UI thread.
    """

    def __init__(self, printer: TicketPrinter) -> None:
        self.printer = printer
        self._lock = threading.Lock()
        self._last_status: PrinterStatus | None = None
        self._last_ticket: TicketContent | None = None

    @property
    def last_status(self) -> PrinterStatus | None:
        """The latest reading (None before the first)."""
        with self._lock:
            return self._last_status

    @property
    def last_ticket(self) -> TicketContent | None:
        """The last ticket printed or attempted (a reprint prints it again)."""
        with self._lock:
            return self._last_ticket

    def read_status(self) -> PrinterStatus:
        """Ask the printer for its state."""
        with self._lock:
            status = self.printer.status()
            if self._last_status is None or _summary(self._last_status) != _summary(status):
                log.info("printer: %s", status.reason)
            self._last_status = status
            return status

    def print_ticket(self, ticket: TicketContent) -> None:
        """Print one ticket or raise PrinterError (with its Spanish reason)."""
        with self._lock:
            self._last_ticket = ticket
            self.printer.print_ticket(ticket)

    def reprint_last(self) -> TicketContent:
        """Print the last ticket again (staff menu); LookupError if none, PrinterError if it fails."""
        ticket = self.last_ticket
        if ticket is None:
            raise LookupError("no ticket printed since the kiosk started")
        self.print_ticket(ticket)
        return ticket


def _summary(status: PrinterStatus) -> tuple[Any, ...]:
    return (status.online, status.paper, status.cover_open)


def printer_can_print(status: PrinterStatus | None) -> bool:
    """Whether to send a ticket to the printer at all: only a printer known to work.

    An unknown state (no reading yet, or a printer that does not answer, such as a
    network printer that is down) is not OK: printing would make the citizen wait
    for the timeout and then fail. The kiosk warns before the citizen starts and
    follows its printer-failure policy instead (settings.printer_failure).
    """
    if status is None or status.online is not True:
        return False
    if status.cover_open is True:
        return False
    return status.paper is not PaperState.OUT


def printer_problem(status: PrinterStatus | None) -> str | None:
    """What the welcome screen warns about: "paper_out", "offline", "unknown" or None."""
    if status is None:
        return None  # not read yet: the first reading follows the configuration at once
    if printer_can_print(status):
        return None
    if status.paper is PaperState.OUT:
        return "paper_out"  # printers go offline without paper: the paper is the news
    if status.online is None:
        return "unknown"
    return "offline"


def health_report(status: PrinterStatus) -> tuple[str, dict[str, str | int | float | bool | None]]:
    """The (status, detail) the kiosk sends to POST /devices/me/health."""
    if status.online is False:
        printer = "offline"
    elif status.cover_open is True:
        printer = "cover_open"
    elif status.online is None:
        printer = "unknown"
    else:
        printer = "ok"
    if printer == "ok" and status.paper is PaperState.OK:
        level = "ok"
    elif printer == "ok" and status.paper is PaperState.NEAR_END:
        level = "warning"
    else:
        level = "error"
    return level, {"printer": printer, "paper": status.paper.value, "reason": status.reason}
