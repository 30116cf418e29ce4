"""Issuing tickets and handing them over, and the journal that leaves no ghost ticket."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from macturnos.client.api import new_idempotency_key
from macturnos.client.errors import ApiRefusal, ClientError, ServerUnreachable
from macturnos.client.qt import QtBridge
from macturnos.domain.tickets import PRINT_FAILED
from macturnos.hardware.printer import PaperState, PrinterError, TicketContent
from macturnos.hardware.ticket_answer import ticket_from_answer
from macturnos.kiosk.catalogue import Catalogue
from macturnos.kiosk.journal import PendingJournal, PendingTicket
from macturnos.kiosk.printing import PrinterService, printer_can_print

log = logging.getLogger("macturnos.kiosk")

# Refusals of a cancel that mean the ticket no longer waits: nothing left to undo.
_SETTLED_CODES = frozenset({"ILLEGAL_TRANSITION", "UNKNOWN_TICKET", "TICKET_NOT_WAITING"})


@dataclass(frozen=True)
class IssueOutcome:
    """A ticket the kiosk obtained: printed, or to be shown on screen."""

    answer: dict[str, Any]
    ticket: TicketContent
    printed: bool
    printer_reason: str | None = None
    """Spanish reason of the printing failure (for staff and the log)."""
    paper_out: bool = False


class TicketIssuer(QObject):
    """The kiosk's issuing half, the base of `KioskController`: tap, request, print, journal.

    Whether the kiosk may serve now (link, configuration, printer policy) is the
    controller's business; this class uses its answers.
    """

    busyChanged = Signal(bool)  # noqa: N815 - Qt's naming
    issued = Signal(object)  # an IssueOutcome
    refused = Signal(str, str)  # code, Spanish reason from the server or the client

    def __init__(
        self, bridge: QtBridge, journal: PendingJournal, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.journal = journal
        self.catalogue: Catalogue | None = None
        self.printers: PrinterService | None = None
        self.language = "es"
        """The citizen's language on screen now (the window keeps it): tickets print in it."""
        self._usable = False
        self._busy = False
        self._closing = False
        self._recovering = False
        # Tickets shown on screen (not printed) whose citizen has not yet confirmed
        # noting the number: ticket id -> journal key. The journal keeps them until then.
        self._awaiting: dict[int, str] = {}

    @property
    def printer_blocks(self) -> bool:
        """Whether the printer-failure policy stops issuing now (the controller decides)."""
        raise NotImplementedError

    def poll_printer(self) -> None:
        """Read the printer's status again (the controller does)."""
        raise NotImplementedError

    # --- issuing -------------------------------------------------------------------------

    def issue(
        self, service: str, preferential: str | None = None, assistance: str | None = None
    ) -> bool:
        """A citizen's tap on a service (category, assistance): issue and print. False if
        ignored."""
        return self._deliver(
            "issue", service=service, preferential=preferential, assistance=assistance
        )

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
        # The language of the tap, not of whenever the answer comes back.
        request = {**request, "language": self.language}
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
            key,
            kind=kind,
            service=request.get("service"),
            preferential=request.get("preferential"),
            assistance=request.get("assistance"),
        )
        try:
            if kind == "issue":
                answer = api.issue(
                    str(request["service"]),
                    request.get("preferential"),
                    assistance=request.get("assistance"),
                    idempotency_key=key,
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
        ticket = ticket_from_answer(
            answer,
            centre_name=catalogue.centre_name,
            tz=catalogue.timezone,
            preferential_name=category.name if category else None,
            language=request.get("language") or "es",
            public_url=catalogue.public_url,
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
                        entry.service,
                        entry.preferential,
                        assistance=entry.assistance,
                        idempotency_key=entry.key,
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
