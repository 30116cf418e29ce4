"""Ticket printers: the interface the kiosk uses, and how to open one from configuration."""

from __future__ import annotations

from macturnos.hardware.escpos_layout import render_ticket_escpos
from macturnos.hardware.escpos_printer import EscposPrinter
from macturnos.hardware.settings import PrinterSettings
from macturnos.hardware.simulated_printer import SimulatedPrinter
from macturnos.hardware.ticket import (
    PaperState,
    PrinterError,
    PrinterStatus,
    TicketContent,
    TicketPrinter,
)

__all__ = [
    "EscposPrinter",
    "PaperState",
    "PrinterError",
    "PrinterStatus",
    "SimulatedPrinter",
    "TicketContent",
    "TicketPrinter",
    "open_printer",
    "render_ticket_escpos",
]


def open_printer(settings: PrinterSettings) -> TicketPrinter:
    """The printer the settings describe; no I/O happens until the first status or ticket."""
    if settings.connector == "simulated":
        return SimulatedPrinter(settings)
    return EscposPrinter(settings)
