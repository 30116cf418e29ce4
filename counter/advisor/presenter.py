"""The advisor's logic: which actions are legal now, the module's queue, the timers.

`AdvisorPresenter` talks to the server through `CounterSession`; the view
(`macturnos.counter.advisor.view`) only lays out and styles what it says.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from macturnos.counter.session import CounterSession
from macturnos.domain.tickets import TicketAction, TicketState, TicketStatus, allowed_actions

# The advisor's actions, in the order of their keys.
ACTIONS = ("call_next", "recall", "start", "finish", "no_show", "transfer", "pause", "call")
KEYS = {
    "call_next": "F1",
    "recall": "F2",
    "start": "F3",
    "finish": "F4",
    "no_show": "F5",
    "transfer": "F6",
    "pause": "F7",
    "call": "F8",
}


NO_SHOW_CONFIRM_S = 60
"""A no-show this soon after the call, or before any recall, is confirmed first: the citizen
may still be walking to the module (issue 18)."""

# What the advisor may do with the ticket in hand when leaving the module.
LEAVE_RETURN, LEAVE_FINISH, LEAVE_TRANSFER = "return", "finish", "transfer"


def when(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp from the server, or None."""
    return datetime.fromisoformat(value) if value else None


class AdvisorPresenter(QObject):
    """What the advisor may do now, and doing it."""

    changed = Signal()
    message = Signal(str, bool)  # text, is_error
    confirmNoShow = Signal(str)  # noqa: N815 - Qt's naming; the question to confirm
    chooseLeave = Signal(str, bool)  # noqa: N815 - the ticket's number, whether in service
    transferred = Signal(str, str, str)  # new number, the number on paper, the service's name

    def __init__(self, session: CounterSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.module_number: int | None = None
        self.leave_after_transfer = False
        """The advisor chose "transfer, then leave": leave once the transfer is done."""
        session.stateChanged.connect(self._on_state)
        session.linkChanged.connect(lambda *_: self.changed.emit())
        session.busyChanged.connect(lambda *_: self.changed.emit())
        session.actionFailed.connect(lambda text: self.message.emit(text, True))
        session.loggedOut.connect(self._reset)

    @Slot()
    def _reset(self) -> None:
        self.module_number = None
        self.changed.emit()

    # --- modules ------------------------------------------------------------------

    @property
    def username(self) -> str:
        """The logged-in advisor's username."""
        return str(self.session.user.get("username") or "")

    def modules(self) -> list[dict[str, Any]]:
        """The modules the advisor may take: those of their entity (all if none is set)."""
        entity = self.session.user.get("entity")
        return [m for m in self.session.state.modules() if not entity or m["entity"] == entity]

    def held_module(self) -> int | None:
        """The module the server says this advisor holds now, if any."""
        for m in self.session.state.modules():
            if m.get("advisor_username") == self.username:
                return int(m["number"])
        return None

    def module(self) -> dict[str, Any] | None:
        """The advisor's module as the live state has it."""
        if self.module_number is None:
            return None
        return self.session.state.module(self.module_number)

    def take_module(self, number: int) -> bool:
        """Take (or confirm) a module; MODULE_TAKEN and others come back as messages."""

        def ok(view: dict[str, Any]) -> None:
            self.module_number = int(view["number"])
            self.message.emit(
                self.tr("Trabaja en el módulo {n}.").format(n=self.module_number), False
            )
            self.changed.emit()

        return self.session.act(self.session.api.open_module, number, ok=ok) is not None

    def leave_module(self, *, ticket: str | None = None) -> bool:
        """Leave the module; with a ticket in hand, the advisor says what becomes of it first.

        A called or served ticket makes `chooseLeave` ask (return to the queue, finish,
        transfer); `ticket` is the answer ("return" or "finish"). The server never
        leaves that citizen at an empty module either way.
        """
        number = self.module_number
        if number is None:
            return False
        t = self.ticket()
        if t is not None and ticket is None:
            self.chooseLeave.emit(str(t["number"]), t.get("status") == "in_service")
            return False

        def ok(_view: dict[str, Any]) -> None:
            self.module_number = None
            self.message.emit(self.tr("Dejó el módulo {n}.").format(n=number), False)
            self.changed.emit()

        return (
            self.session.act(self.session.api.leave_module, number, ticket=ticket, ok=ok)
            is not None
        )

    def leave_with(self, choice: str) -> bool:
        """Leave after the advisor's choice for the ticket in hand (`LEAVE_*`)."""
        if choice == LEAVE_TRANSFER:
            self.leave_after_transfer = True
            return True  # the view opens the transfer; `transfer` leaves when it is done
        return self.leave_module(ticket=choice)

    @Slot()
    def _on_state(self) -> None:
        if self.module_number is not None:
            m = self.module()
            if m is not None and m.get("advisor_username") != self.username:
                number = self.module_number
                self.module_number = None
                self.message.emit(
                    self.tr("El módulo {n} fue cerrado; elija un módulo para continuar.").format(
                        n=number
                    ),
                    True,
                )
        self.changed.emit()

    # --- the current ticket and the queue ---------------------------------------------

    def ticket(self) -> dict[str, Any] | None:
        """The ticket called to or served at the module now."""
        m = self.module()
        return m.get("ticket") if m else None

    def paused(self) -> bool:
        """Whether the module is on a pause."""
        m = self.module()
        return bool(m and m.get("state") == "paused")

    def services(self) -> list[str]:
        """The services the module serves."""
        m = self.module()
        return list(m.get("services") or []) if m else []

    def waiting(self) -> list[dict[str, Any]]:
        """The module's waiting tickets, in the order the server will call them."""
        services = self.services()
        return self.session.state.waiting(services=services) if services else []

    def queue_counts(self) -> list[dict[str, Any]]:
        """Waiting count and estimate of each of the module's services."""
        out = []
        for code in self.services():
            q = self.session.state.queue(code)
            if q is not None:
                out.append(q)
        return out

    def allowed(self) -> set[str]:
        """The actions legal now for the module and its ticket (the link aside)."""
        if self.module() is None:
            return set()
        t = self.ticket()
        if t is None:
            if self.paused():
                return {"pause"}  # the pause button resumes
            out = {"pause"}
            if self.waiting():
                out |= {"call_next", "call"}
            return out
        legal = allowed_actions(
            TicketState(TicketStatus(t["status"]), int(t.get("recall_count") or 0)),
            max_recalls=self.session.rule("max_recalls", 2),
        )
        names = {
            TicketAction.RECALL: "recall",
            TicketAction.START: "start",
            TicketAction.FINISH: "finish",
            TicketAction.NO_SHOW: "no_show",
            TicketAction.TRANSFER: "transfer",
        }
        return {name for action, name in names.items() if action in legal}

    def enabled(self, action: str) -> bool:
        """Whether the action's button is enabled now."""
        return self.session.can_act() and action in self.allowed()

    def timers(self) -> tuple[int | None, int | None]:
        """Seconds the current citizen waited before the call, and has been served."""
        t = self.ticket()
        if t is None:
            return None, None
        arrival, called = when(t.get("arrival_at")), when(t.get("called_at"))
        started = when(t.get("started_at"))
        now = self.session.server_now()
        waited = int(((called or now) - arrival).total_seconds()) if arrival else None
        served = int((now - started).total_seconds()) if started else None
        return (
            max(0, waited) if waited is not None else None,
            max(0, served) if served is not None else None,
        )

    def pause_seconds(self) -> int | None:
        """How long the module has been paused."""
        m = self.module()
        since = when(m.get("since")) if m else None
        if not self.paused() or since is None:
            return None
        return max(0, int((self.session.server_now() - since).total_seconds()))

    # --- actions ---------------------------------------------------------------------

    def _module_act(self, fn: Any, *args: Any, done: str | None = None) -> bool:
        number = self.module_number
        if number is None:
            return False

        def ok(result: dict[str, Any]) -> None:
            if done:
                number_text = (result.get("ticket") or result).get("number", "")
                self.message.emit(done.format(turno=number_text), False)
            self.changed.emit()

        return self.session.act(fn, number, *args, ok=ok) is not None

    def call_next(self) -> bool:
        """Call the next citizen (F1); a need for assistance (sign language) is said at once."""
        number = self.module_number
        if number is None:
            return False

        def ok(t: dict[str, Any]) -> None:
            text = self.tr("Llamó al turno {turno}.").format(turno=t.get("number", ""))
            if t.get("assistance_name"):
                text += " " + self.tr("Necesita: {asistencia}.").format(
                    asistencia=t["assistance_name"]
                )
            self.message.emit(text, False)
            self.changed.emit()

        return self.session.act(self.session.api.call_next, number, ok=ok) is not None

    def recall(self) -> bool:
        """Call the current ticket again (F2)."""
        return self._module_act(
            self.session.api.recall, done=self.tr("Volvió a llamar al turno {turno}.")
        )

    def start(self) -> bool:
        """Start serving the citizen who came (F3)."""
        return self._module_act(self.session.api.start, done=self.tr("Atención iniciada: {turno}."))

    def finish(self) -> bool:
        """Finish the attention (F4)."""
        return self._module_act(
            self.session.api.finish, done=self.tr("Atención finalizada: {turno}.")
        )

    def no_show_needs_confirmation(self) -> bool:
        """Whether marking a no-show now is hasty: no recall yet, or just called."""
        t = self.ticket()
        if t is None:
            return False
        if int(t.get("recall_count") or 0) == 0:
            return True
        called = when(t.get("called_at"))
        if called is None:
            return True
        return (self.session.server_now() - called).total_seconds() < NO_SHOW_CONFIRM_S

    def no_show(self, *, confirmed: bool = False) -> bool:
        """The called citizen did not come (F5); a hasty one is confirmed first."""
        t = self.ticket()
        if t is not None and not confirmed and self.no_show_needs_confirmation():
            self.confirmNoShow.emit(
                self.tr(
                    "¿Marcar el turno {turno} como no presentado? Aún no lo volvió a llamar "
                    "o lo llamó hace menos de {s} segundos: el ciudadano puede estar en camino."
                ).format(turno=t["number"], s=NO_SHOW_CONFIRM_S)
            )
            return False
        return self._module_act(
            self.session.api.no_show, done=self.tr("El turno {turno} no se presentó.")
        )

    def transfer(self, service: str, note: str) -> bool:
        """Send the current citizen to another service (F6), with a note."""
        t = self.ticket()
        number = self.module_number
        if t is None or number is None:
            self.leave_after_transfer = False
            return False
        paper = str(t.get("origin_number") or t["number"])

        def ok(new: dict[str, Any]) -> None:
            self.message.emit(
                self.tr("Derivado con el nuevo turno {turno}.").format(turno=new.get("number")),
                False,
            )
            # Said large to the advisor, who tells the citizen their new number.
            self.transferred.emit(str(new.get("number")), paper, str(new.get("service_name")))
            self.changed.emit()
            if self.leave_after_transfer:
                self.leave_after_transfer = False
                self.leave_module(ticket=LEAVE_RETURN)

        def failed(*_args: Any) -> None:
            self.leave_after_transfer = False

        result = self.session.act(
            self.session.api.module_transfer,
            number,
            int(t["id"]),
            service,
            note or None,
            ok=ok,
            failed=failed,
        )
        if result is None:
            failed()
        return result is not None

    def cancel_leave(self) -> None:
        """The advisor closed the transfer without sending the citizen: they stay."""
        self.leave_after_transfer = False

    def pause(self, reason: str, note: str) -> bool:
        """Pause the module with a reason (F7)."""
        return self._module_act(
            self.session.api.pause, reason, note or None, done=self.tr("Módulo en pausa.")
        )

    def resume(self) -> bool:
        """End the pause (F7 again)."""
        return self._module_act(self.session.api.resume, done=self.tr("Atención reanudada."))

    def call_ticket(self, ticket_id: int, reason: str) -> bool:
        """Call a given waiting ticket out of order (F8); the server logs the reason."""
        return self._module_act(
            self.session.api.call,
            int(ticket_id),
            reason,
            done=self.tr("Llamó al turno {turno} fuera de orden."),
        )
