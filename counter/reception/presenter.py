"""Reception's logic: issue and print tickets, look them up, transfer, cancel, reactivate.

Issuing follows the kiosk's rules: the server decides (capacity, hours,
preferential) and its Spanish reason is shown as it comes; the queues carry
each service's availability from GET /queues beforehand.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from macturnos.client.errors import ClientError
from macturnos.counter.session import MANAGER_ROLES, CounterSession
from macturnos.domain.tickets import TicketAction, TicketState, TicketStatus, allowed_actions
from macturnos.hardware.printer import PrinterError, TicketContent, TicketPrinter
from macturnos.hardware.ticket_answer import ticket_from_answer


class ReceptionPresenter(QObject):
    """Issue and print tickets, look them up, transfer, cancel and reactivate them."""

    changed = Signal()
    message = Signal(str, bool)  # text, is_error
    printed = Signal(str)  # the number printed
    complaintRecorded = Signal(dict)  # noqa: N815 - Qt's naming; the receipt

    def __init__(
        self,
        session: CounterSession,
        printer: TicketPrinter | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.printer = printer
        self.last_issued: dict[str, Any] | None = None
        self.found: dict[str, Any] | None = None
        self.printing = False
        session.stateChanged.connect(self.changed)
        session.eventReceived.connect(self._on_event)
        session.linkChanged.connect(lambda *_: self.changed.emit())
        session.busyChanged.connect(lambda *_: self.changed.emit())
        session.loggedOut.connect(self._reset)

    @Slot()
    def _reset(self) -> None:
        self.last_issued = None
        self.found = None
        self.changed.emit()

    @property
    def manager(self) -> bool:
        """Whether the user may reactivate tickets (supervisors, coordinators)."""
        return self.session.role in MANAGER_ROLES

    # --- queues --------------------------------------------------------------------

    def queues(self) -> list[dict[str, Any]]:
        """Every service's waiting count, estimate and availability."""
        return self.session.state.queues()

    def refresh_queues(self) -> None:
        """Read availability and estimates again from GET /queues."""

        def ok(summaries: list[dict[str, Any]]) -> None:
            self.session.state.apply_queue_summaries(summaries)
            self.changed.emit()

        self.session.read(self.session.api.queues, ok=ok)

    # --- issuing and printing --------------------------------------------------------

    def assistance_kinds(self) -> list[dict[str, Any]]:
        """The assistance a citizen may ask for that some module offers (code, name)."""
        offered = {
            code
            for m in self.session.config.get("modules") or []
            for code in m.get("assistance") or []
        }
        return [k for k in self.session.config.get("assistance") or [] if k["code"] in offered]

    def issue(
        self, service: str, preferential: str | None = None, assistance: str | None = None
    ) -> bool:
        """Issue a ticket for a citizen at reception, then print it (or show it large).

        `assistance` marks a citizen who needs it (sign language, ...): only the
        modules that offer it will call them.
        """

        def ok(answer: dict[str, Any]) -> None:
            self.last_issued = answer
            number = answer["ticket"]["number"]
            self.message.emit(self.tr("Turno {turno} emitido.").format(turno=number), False)
            self.changed.emit()
            self.print_last()

        return (
            self.session.act(
                self.session.api.issue, service, preferential, assistance=assistance, ok=ok
            )
            is not None
        )

    def ticket_content(self, answer: dict[str, Any]) -> TicketContent:
        """What the reception printer prints for an issued ticket: the kiosk's ticket."""
        config = self.session.config
        return ticket_from_answer(
            answer,
            centre_name=str((config.get("centre") or {}).get("name") or ""),
            tz=self.session.timezone,
            preferential_name=self.session.preferential_name(answer["ticket"].get("preferential")),
            public_url=config.get("public_url") or None,
        )

    def print_last(self) -> bool:
        """Print (or reprint) the last ticket issued here; False without printer or ticket."""
        answer = self.last_issued
        if answer is None or self.printer is None or self.printing:
            return False
        printer = self.printer
        content = self.ticket_content(answer)

        def run() -> str:
            try:
                printer.print_ticket(content)
            except PrinterError as err:
                raise ClientError(err.reason) from err
            return content.number

        def ok(number: str) -> None:
            self.printing = False
            self.message.emit(self.tr("Turno {turno} impreso.").format(turno=number), False)
            self.printed.emit(number)
            self.changed.emit()

        def failed(error: ClientError) -> None:
            self.printing = False
            self.changed.emit()

        self.printing = True
        self.changed.emit()
        # Printing is not a server action: it must not lock the desk's other buttons.
        self.session.read(run, ok=ok, failed=failed)
        return True

    # --- looking up and acting on a ticket ---------------------------------------------

    def lookup(self, number: str) -> bool:
        """Find today's ticket by its number (e.g. R-023)."""
        number = number.strip().upper()
        if not number:
            return False

        def ok(ticket: dict[str, Any]) -> None:
            self.found = ticket
            self.message.emit(
                self.tr("Turno {turno}: {estado}.").format(
                    turno=ticket["number"], estado=ticket.get("status_name", "")
                ),
                False,
            )
            self.changed.emit()

        def failed(_error: ClientError) -> None:
            self.found = None
            self.changed.emit()

        self.session.read(self.session.api.lookup, number, ok=ok, failed=failed)
        return True

    @Slot(dict)
    def _on_event(self, event: dict[str, Any]) -> None:
        # Keep the looked-up ticket current while others act on it.
        t = (event.get("data") or {}).get("ticket")
        if self.found is not None and isinstance(t, dict) and t.get("id") == self.found["id"]:
            self.found = dict(t)
            self.changed.emit()

    def found_allows(self, action: TicketAction) -> bool:
        """Whether the looked-up ticket's state allows an action."""
        if self.found is None:
            return False
        state = TicketState(
            TicketStatus(self.found["status"]), int(self.found.get("recall_count") or 0)
        )
        return action in allowed_actions(state)

    def _ticket_act(self, fn: Any, *args: Any, done: str) -> bool:
        if self.found is None:
            return False
        tid = int(self.found["id"])

        def ok(result: dict[str, Any]) -> None:
            self.message.emit(done.format(turno=result.get("number", "")), False)
            if result.get("id") == tid:
                self.found = result
            self.changed.emit()

        return self.session.act(fn, tid, *args, ok=ok) is not None

    def transfer(self, service: str, note: str) -> bool:
        """Send the looked-up ticket's citizen to another service, with a note."""
        return self._ticket_act(
            self.session.api.transfer,
            service,
            note or None,
            done=self.tr("Derivado con el nuevo turno {turno}."),
        )

    def record_complaint(
        self, kind: str, text: str, complainant: dict[str, str] | None, ticket_number: str
    ) -> bool:
        """Record an entry of the book for the citizen (linked to a ticket of today if
        given); the receipt arrives as `complaintRecorded`."""
        found = self.found if ticket_number and self.found else None
        ticket_id = (
            int(found["id"]) if found and found.get("number") == ticket_number.upper() else None
        )
        call = self.session.act(
            self.session.api.record_complaint,
            kind,
            text,
            complainant,
            ticket_id=ticket_id,
            ok=self.complaintRecorded.emit,
        )
        return call is not None

    def cancel(self, reason: str) -> bool:
        """Cancel the looked-up ticket with a reason."""
        return self._ticket_act(
            self.session.api.cancel, reason, done=self.tr("Turno {turno} anulado.")
        )

    def reactivate(self) -> bool:
        """Put the looked-up no-show or cancelled ticket back in its queue."""
        return self._ticket_act(
            self.session.api.reactivate, done=self.tr("Turno {turno} reactivado: vuelve a su cola.")
        )
