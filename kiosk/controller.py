"""The kiosk's logic: catalogue, availability, issuing and printing, journal, printer health.

The views only call this controller and listen to its signals; every blocking
call (HTTP, printer) runs in the thread pool through the client's QtBridge.
Issuing, printing and the journal are its base, `issuing.TicketIssuer`.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from macturnos.client.errors import ClientError
from macturnos.client.qt import QtBridge
from macturnos.hardware.printer import (
    PaperState,
    PrinterError,
    PrinterStatus,
    TicketContent,
    TicketPrinter,
    open_printer,
)
from macturnos.hardware.settings import PrinterSettings
from macturnos.kiosk.catalogue import Catalogue
from macturnos.kiosk.issuing import IssueOutcome, TicketIssuer
from macturnos.kiosk.journal import PendingJournal
from macturnos.kiosk.printing import (
    PrinterService,
    health_report,
    printer_problem,
)
from macturnos.kiosk.settings import KioskSettings

log = logging.getLogger("macturnos.kiosk")

CENTRE_WIDE = frozenset(
    {"CENTRE_NOT_OPENED", "CENTRE_CLOSED_TODAY", "OUTSIDE_OPENING_HOURS", "CENTRE_BLOCKED"}
)
"""Refusals that concern the whole centre, not one service."""
HEALTH_HEARTBEAT_S = 60.0
MAX_PIN_FAILURES = 5
PIN_LOCK_S = 60.0

__all__ = ["CENTRE_WIDE", "Availability", "IssueOutcome", "KioskController", "PrinterFactory"]

PrinterFactory = Callable[[PrinterSettings], TicketPrinter]


@dataclass(frozen=True)
class Availability:
    """Whether a citizen can take a ticket of a service now, and the queue's figures."""

    available: bool
    code: str | None = None
    reason: str | None = None
    waiting: int = 0
    estimated_wait_min: int | None = None


class KioskController(TicketIssuer):
    """Everything the kiosk does besides drawing; lives on the GUI thread."""

    catalogueChanged = Signal()  # noqa: N815 - Qt's naming
    availabilityChanged = Signal()  # noqa: N815
    linkChanged = Signal(bool)  # noqa: N815 - True: the kiosk can serve citizens
    printerChanged = Signal(object)  # noqa: N815 - a PrinterStatus
    reprinted = Signal(bool, str)  # ok, Spanish reason when not

    def __init__(
        self,
        bridge: QtBridge,
        settings: KioskSettings,
        kiosk_code: str | None,
        *,
        printer_factory: PrinterFactory = open_printer,
        link_grace_ms: int = 2000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(bridge, PendingJournal(settings.journal_path), parent)
        self.settings = settings
        self.kiosk_code = kiosk_code
        self._printer_factory = printer_factory
        self._printer_settings: PrinterSettings | None = None
        self._connected = False
        self._loading_config = False
        self._polling = False
        self._health_sent: tuple[str, dict[str, Any]] | None = None
        self._health_at = 0.0
        self._health_lock = threading.Lock()
        self._pin_failures = 0
        self._pin_locked_until = 0.0
        self._link_grace = QTimer(self)
        self._link_grace.setSingleShot(True)
        self._link_grace.setInterval(link_grace_ms)
        self._link_grace.timeout.connect(self._link_lost)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(int(settings.printer_poll_s * 1000))
        self._poll_timer.timeout.connect(self.poll_printer)
        bridge.connectionChanged.connect(self._on_connection)
        bridge.stateChanged.connect(self.availabilityChanged)
        bridge.eventReceived.connect(self._on_event)

    # --- start and stop --------------------------------------------------------

    def start(self) -> None:
        """Begin: load the configuration if the link is up, poll the printer."""
        self._poll_timer.start()
        self._on_connection(self.bridge.connection.connected, "")

    def shutdown(self, wait_ms: int = 5000) -> None:
        """Stop; cancel any ticket whose citizen can no longer receive it (app closing)."""
        self._closing = True
        self._poll_timer.stop()
        self._link_grace.stop()
        QThreadPool.globalInstance().waitForDone(wait_ms)
        for entry in self.journal.pending():
            if entry.ticket_id is not None:
                self._cancel_entry(entry)
        self.bridge.detach()

    # --- link and configuration ---------------------------------------------------

    @property
    def usable(self) -> bool:
        """Whether citizens can be served (link up, configuration known)."""
        return self._usable

    @property
    def busy(self) -> bool:
        """Whether a ticket is being issued or printed now."""
        return self._busy

    @Slot(bool, str)
    def _on_connection(self, connected: bool, reason: str) -> None:
        self._connected = connected
        if connected:
            self._link_grace.stop()
            if self.catalogue is None or self._printer_settings is None:
                self.load_config()
            else:
                self._set_usable(True)
            self.recover_journal()
        elif self._usable and not self._link_grace.isActive():
            # A stream hiccup of a second must not flash "out of service" at a citizen.
            self._link_grace.start()
        elif not self._usable:
            self._set_usable(False)

    def _link_lost(self) -> None:
        if not self._connected:
            log.warning("link to the turn server lost; kiosk out of service until it returns")
            self._set_usable(False)

    def _set_usable(self, usable: bool) -> None:
        if usable != self._usable:
            self._usable = usable
            self.linkChanged.emit(usable)
        if usable:
            self.availabilityChanged.emit()

    def load_config(self) -> None:
        """Fetch GET /config (again) and build the catalogue and the printer."""
        if self._loading_config:
            return
        self._loading_config = True
        self.bridge.run(
            self.bridge.connection.api.config, ok=self._on_config, failed=self._on_config_failed
        )

    def _on_config(self, config: dict[str, Any]) -> None:
        self._loading_config = False
        catalogue = Catalogue.from_config(config, self.kiosk_code)
        if self.kiosk_code and not any(
            k.get("code") == self.kiosk_code for k in config.get("kiosks") or []
        ):
            log.warning(
                "kiosk %s is not in the centre file; offering every service", self.kiosk_code
            )
        self.catalogue = catalogue
        self._open_printer(catalogue.printer)
        self.catalogueChanged.emit()
        self._set_usable(self._connected)
        self.poll_printer()

    def _on_config_failed(self, error: ClientError) -> None:
        self._loading_config = False
        log.warning("configuration not loaded: %r", error)
        if self._connected:
            QTimer.singleShot(3000, self._retry_config)

    def _retry_config(self) -> None:
        if self._connected and not self._closing:
            self.load_config()

    def _open_printer(self, wanted: PrinterSettings) -> None:
        if wanted.connector == "simulated" and wanted.simulated_output_dir is None:
            wanted = wanted.model_copy(
                update={"simulated_output_dir": str(self.settings.simulated_tickets_dir)}
            )
        if self.printers is not None and wanted == self._printer_settings:
            return
        try:
            printer = self._printer_factory(wanted)
        except PrinterError as err:
            log.error("printer cannot be opened: %s", err.reason)
            printer = _BrokenPrinter(err.reason)
        self._printer_settings = wanted
        self.printers = PrinterService(printer)

    @Slot(dict)
    def _on_event(self, event: dict[str, Any]) -> None:
        if event.get("kind") == "config.reloaded":
            self.load_config()

    # --- what the screens show ---------------------------------------------------------

    def availability(self, service: str) -> Availability:
        """A service's availability and queue figures from the live state."""
        q = self.bridge.state.queue(service)
        if q is None:
            return Availability(False, "UNKNOWN_SERVICE", None)
        return Availability(
            available=bool(q.get("available", True)),
            code=q.get("unavailable_code"),
            reason=q.get("unavailable_reason"),
            waiting=int(q.get("waiting") or 0),
            estimated_wait_min=q.get("estimated_wait_min"),
        )

    def centre_notice(self) -> tuple[str, str | None] | None:
        """(code, Spanish reason) when the whole centre issues no tickets now, else None."""
        state = self.bridge.state
        queues = state.queues()
        codes = {q.get("unavailable_code") for q in queues if not q.get("available", True)}
        if queues and all(not q.get("available", True) for q in queues) and len(codes) == 1:
            code = codes.pop()
            if code in CENTRE_WIDE:
                reason = next(q.get("unavailable_reason") for q in queues)
                return str(code), reason
        if state.seq is not None and not state.opened:
            return "CENTRE_NOT_OPENED", None
        return None

    @property
    def printer_status(self) -> PrinterStatus | None:
        """The printer's latest reading."""
        return self.printers.last_status if self.printers is not None else None

    def printer_problem(self) -> str | None:
        """ "paper_out", "offline", "unknown" or None: what the home screen warns about."""
        return printer_problem(self.printer_status)

    @property
    def printer_blocks(self) -> bool:
        """Whether the printer-failure policy stops issuing now ("out_of_service")."""
        return (
            self.settings.printer_failure == "out_of_service" and self.printer_problem() is not None
        )

    # --- printer polling and health ---------------------------------------------------------

    def poll_printer(self) -> None:
        """Read the printer's status off the UI thread and report it to the server."""
        if self._polling or self.printers is None or self._closing:
            return
        self._polling = True
        call = self.bridge.run(self._poll_job, self.printers)
        call.ok.connect(self._on_printer_status)
        call.finished.connect(self._poll_done)

    def _poll_done(self) -> None:
        self._polling = False

    def _poll_job(self, printers: PrinterService) -> PrinterStatus:
        status = printers.read_status()
        if self._connected:
            self._report_health(status)
        return status

    def _report_health(self, status: PrinterStatus) -> None:
        report = health_report(status)
        with self._health_lock:
            due = time.monotonic() - self._health_at >= HEALTH_HEARTBEAT_S
            if report == self._health_sent and not due:
                return
        try:
            self.bridge.connection.api.report_health(report[0], report[1])
        except ClientError as err:
            log.info("health report not delivered: %r", err)
            return
        with self._health_lock:
            self._health_sent = report
            self._health_at = time.monotonic()

    def _on_printer_status(self, status: PrinterStatus) -> None:
        self.printerChanged.emit(status)

    # --- staff -----------------------------------------------------------------------------

    @property
    def pin_configured(self) -> bool:
        """Whether a staff PIN exists (without one the staff menu stays shut)."""
        return self.settings.staff_pin is not None

    def pin_locked_for(self) -> int:
        """Seconds before another PIN may be tried (0: now)."""
        return max(0, round(self._pin_locked_until - time.monotonic()))

    def check_pin(self, pin: str) -> bool:
        """Whether `pin` opens the staff menu; repeated failures lock it for a minute."""
        if self.settings.staff_pin is None or self.pin_locked_for() > 0:
            return False
        if hmac.compare_digest(pin.encode(), self.settings.staff_pin.encode()):
            self._pin_failures = 0
            log.info("staff menu opened")
            return True
        self._pin_failures += 1
        log.warning("wrong staff PIN (%d in a row)", self._pin_failures)
        if self._pin_failures >= MAX_PIN_FAILURES:
            self._pin_failures = 0
            self._pin_locked_until = time.monotonic() + PIN_LOCK_S
        return False

    def reprint(self) -> None:
        """Print the last ticket again (staff menu); answers with `reprinted`."""
        if self.printers is None:
            self.reprinted.emit(False, "")
            return
        call = self.bridge.run(self._reprint_job, self.printers)
        call.ok.connect(lambda result: self.reprinted.emit(*result))

    @staticmethod
    def _reprint_job(printers: PrinterService) -> tuple[bool, str]:
        try:
            printers.reprint_last()
        except LookupError:
            return False, ""
        except PrinterError as err:
            return False, err.reason
        return True, ""


class _BrokenPrinter:
    """Stands for a printer the settings do not allow to open; every call says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def print_ticket(self, ticket: TicketContent) -> None:
        """Always refused."""
        raise PrinterError(self.reason)

    def status(self) -> PrinterStatus:
        """Always unknown, with the reason."""
        from datetime import datetime

        return PrinterStatus(
            None, PaperState.UNKNOWN, None, datetime.now().astimezone(), self.reason
        )
