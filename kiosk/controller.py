"""The kiosk's logic: catalogue, availability, issuing and printing, journal, printer health.

The views only call this controller and listen to its signals; every blocking
call (HTTP, printer) runs in the thread pool through the client's QtBridge.
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

from macturnos.client.api import new_idempotency_key
from macturnos.client.errors import ApiRefusal, ClientError, ServerUnreachable
from macturnos.client.qt import QtBridge
from macturnos.domain.tickets import PRINT_FAILED
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
from macturnos.kiosk.journal import PendingJournal, PendingTicket
from macturnos.kiosk.printing import (
    PrinterService,
    health_report,
    printer_can_print,
    printer_problem,
    ticket_content,
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
# Refusals of a cancel that mean the ticket no longer waits: nothing left to undo.
_SETTLED_CODES = frozenset({"ILLEGAL_TRANSITION", "UNKNOWN_TICKET", "TICKET_NOT_WAITING"})

PrinterFactory = Callable[[PrinterSettings], TicketPrinter]


@dataclass(frozen=True)
class Availability:
    """Whether a citizen can take a ticket of a service now, and the queue's figures."""

    available: bool
    code: str | None = None
    reason: str | None = None
    waiting: int = 0
    estimated_wait_min: int | None = None


@dataclass(frozen=True)
class IssueOutcome:
    """A ticket the kiosk obtained: printed, or to be shown on screen."""

    answer: dict[str, Any]
    ticket: TicketContent
    printed: bool
    printer_reason: str | None = None
    """Spanish reason of the printing failure (for staff and the log)."""
    paper_out: bool = False


class KioskController(QObject):
    """Everything the kiosk does besides drawing; lives on the GUI thread."""

    catalogueChanged = Signal()  # noqa: N815 - Qt's naming
    availabilityChanged = Signal()  # noqa: N815
    linkChanged = Signal(bool)  # noqa: N815 - True: the kiosk can serve citizens
    printerChanged = Signal(object)  # noqa: N815 - a PrinterStatus
    busyChanged = Signal(bool)  # noqa: N815
    issued = Signal(object)  # an IssueOutcome
    refused = Signal(str, str)  # code, Spanish reason from the server or the client
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
        super().__init__(parent)
        self.bridge = bridge
        self.settings = settings
        self.kiosk_code = kiosk_code
        self.journal = PendingJournal(settings.journal_path)
        self.catalogue: Catalogue | None = None
        self.printers: PrinterService | None = None
        self._printer_factory = printer_factory
        self._printer_settings: PrinterSettings | None = None
        self._connected = False
        self._usable = False
        self._busy = False
        self._closing = False
        self._loading_config = False
        self._recovering = False
        self._polling = False
        self._health_sent: tuple[str, dict[str, Any]] | None = None
        self._health_at = 0.0
        self._health_lock = threading.Lock()
        self._pin_failures = 0
        self._pin_locked_until = 0.0
        # Tickets shown on screen (not printed) whose citizen has not yet confirmed
        # noting the number: ticket id -> journal key. The journal keeps them until then.
        self._awaiting: dict[int, str] = {}
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

    # --- issuing -------------------------------------------------------------------------

    def issue(self, service: str, preferential: str | None = None) -> bool:
        """A citizen's tap on a service (and category): issue and print. False if ignored."""
        return self._deliver("issue", service=service, preferential=preferential)

    def check_in(self, *, dni: str | None = None, code: str | None = None) -> bool:
        """A citizen's appointment check-in by DNI or booking code. False if ignored."""
        return self._deliver("check_in", dni=dni, code=code)

    def _deliver(self, kind: str, **request: str | None) -> bool:
        if self._busy or not self._usable or self.catalogue is None or self.printers is None:
            return False
        if self.printer_blocks:
            return False  # the policy: no ticket the citizen could not hold
        self._set_busy(True)
        key = new_idempotency_key()  # one per tap: a retry never issues twice
        call = self.bridge.run(self._deliver_job, kind, key, self.catalogue, self.printers, request)
        call.ok.connect(self._on_delivered)
        call.failed.connect(self._on_refused)
        return True

    def _deliver_job(
        self,
        kind: str,
        key: str,
        catalogue: Catalogue,
        printers: PrinterService,
        request: dict[str, str | None],
    ) -> IssueOutcome:
        """Worker thread: journal, request, print. The DNI lives only in `request`."""
        api = self.bridge.connection.api
        self.journal.begin(
            key, kind=kind, service=request.get("service"), preferential=request.get("preferential")
        )
        try:
            if kind == "issue":
                answer = api.issue(
                    str(request["service"]), request.get("preferential"), idempotency_key=key
                )
            else:
                answer = api.check_in(
                    dni=request.get("dni"), code=request.get("code"), idempotency_key=key
                )
        except ApiRefusal:
            self.journal.done(key)  # refused: no ticket exists
            raise
        except ClientError:
            if kind == "check_in":
                # Cannot be replayed without the DNI, which is never kept.
                self.journal.done(key)
            raise
        t = answer["ticket"]
        self.journal.issued(key, int(t["id"]), str(t["number"]))
        category = catalogue.category(t.get("preferential"))
        ticket = ticket_content(
            answer,
            centre_name=catalogue.centre_name,
            tz=catalogue.timezone,
            preferential_name=category.name if category else None,
        )
        # Checked before the citizen started (the poll), and read now if never read.
        status = printers.last_status or printers.read_status()
        if not printer_can_print(status):
            return IssueOutcome(
                answer, ticket, False, status.reason, status.paper is PaperState.OUT
            )
        try:
            printers.print_ticket(ticket)
        except PrinterError as err:
            log.warning("ticket %s not printed: %s", ticket.number, err.reason)
            after = printers.read_status()
            return IssueOutcome(
                answer,
                ticket,
                False,
                err.reason,
                after.paper is PaperState.OUT or "papel" in err.reason.lower(),
            )
        self.journal.done(key)
        return IssueOutcome(answer, ticket, True)

    def _on_delivered(self, outcome: IssueOutcome) -> None:
        self._set_busy(False)
        key = self._key_of(outcome)
        if not outcome.printed and self._closing:
            return  # shutdown() cancels it: nobody will see the screen
        if not outcome.printed and key is not None:
            # On screen only: delivered once the citizen confirms noting the number
            # (confirm_taken); else cancelled (abandon), so no ghost ticket is called.
            self._awaiting[int(outcome.answer["ticket"]["id"])] = key
        self.issued.emit(outcome)
        if key is not None and outcome.printed:
            self.journal.done(key)
        if not outcome.printed:
            self.poll_printer()

    def confirm_taken(self, outcome: IssueOutcome) -> None:
        """The citizen confirmed noting an on-screen ticket ("Anoté mi número"): keep it."""
        key = self._awaiting.pop(int(outcome.answer["ticket"]["id"]), None)
        if key is not None:
            log.info("ticket %s noted by its citizen", outcome.ticket.number)
            self.journal.done(key)

    def abandon(self, outcome: IssueOutcome) -> None:
        """An on-screen ticket nobody confirmed: cancel it (print_failed) off the UI thread."""
        key = self._awaiting.pop(int(outcome.answer["ticket"]["id"]), None)
        entry = next((e for e in self.journal.pending() if e.key == key), None)
        if entry is None or entry.ticket_id is None:
            return
        log.info("ticket %s not confirmed by its citizen: cancelling it", entry.number)
        self.bridge.run(self._cancel_entry, entry)

    def awaiting_confirmation(self) -> int:
        """How many on-screen tickets wait for their citizen's confirmation."""
        return len(self._awaiting)

    def _key_of(self, outcome: IssueOutcome) -> str | None:
        tid = outcome.answer["ticket"]["id"]
        return next((e.key for e in self.journal.pending() if e.ticket_id == tid), None)

    def _on_refused(self, error: ClientError) -> None:
        self._set_busy(False)
        if isinstance(error, ApiRefusal):
            self.refused.emit(error.code, error.message)
        elif isinstance(error, ServerUnreachable):
            self.refused.emit("SERVER_UNREACHABLE", error.message)
            self.recover_journal()
        else:
            self.refused.emit("ERROR", str(error))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busyChanged.emit(busy)

    # --- the journal: no ghost tickets ---------------------------------------------------------

    def recover_journal(self) -> None:
        """Cancel (print_failed) every ticket a previous run issued but never handed over."""
        if self._recovering or self._busy or not self._orphans():
            return
        self._recovering = True
        call = self.bridge.run(self._recover_job)
        call.finished.connect(self._recovered)

    def _recovered(self) -> None:
        self._recovering = False

    def _orphans(self) -> list[PendingTicket]:
        """Journal entries nobody is looking at (not an on-screen ticket awaiting its citizen)."""
        awaiting = set(self._awaiting.values())
        return [e for e in self.journal.pending() if e.key not in awaiting]

    def _recover_job(self) -> int:
        settled = 0
        for entry in self._orphans():
            if entry.ticket_id is None and entry.kind == "issue" and entry.service:
                # The answer was lost: the same key gives the first answer (or issues now),
                # so the ticket can be found and cancelled either way.
                try:
                    answer = self.bridge.connection.api.issue(
                        entry.service, entry.preferential, idempotency_key=entry.key
                    )
                except ApiRefusal:
                    self.journal.done(entry.key)  # never issued, and cannot be now
                    continue
                t = answer["ticket"]
                self.journal.issued(entry.key, int(t["id"]), str(t["number"]))
                entry = next(e for e in self.journal.pending() if e.key == entry.key)
            elif entry.ticket_id is None:
                log.warning("a check-in interrupted before its answer cannot be traced")
                self.journal.done(entry.key)
                continue
            if self._cancel_entry(entry):
                settled += 1
        return settled

    def _cancel_entry(self, entry: PendingTicket) -> bool:
        """Cancel one journalled ticket; True when it no longer waits."""
        assert entry.ticket_id is not None
        try:
            self.bridge.connection.api.cancel(
                entry.ticket_id, PRINT_FAILED, idempotency_key=f"{entry.key[:60]}-cancel"
            )
        except ApiRefusal as refusal:
            if refusal.status in (404, 409) or refusal.code in _SETTLED_CODES:
                self.journal.done(entry.key)
                return True
            log.error("ticket %s not cancelled: %s", entry.number, refusal.code)
            return False
        except ClientError as err:
            log.warning("ticket %s not cancelled yet (%r); retried later", entry.number, err)
            return False
        log.info("ticket %s cancelled: never handed to a citizen", entry.number)
        self.journal.done(entry.key)
        return True

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
