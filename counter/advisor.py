"""The advisor's screens: pick the module, then call, serve, transfer and pause.

`AdvisorPresenter` holds the logic (which actions are legal now, the queue of
the module, the timers) and talks to the server through `CounterSession`;
`AdvisorView` only lays out and styles what the presenter says.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.client.ui.widgets import ConnectionBanner
from macturnos.counter.dialogs import PauseDialog, ReasonDialog, TransferDialog
from macturnos.counter.session import CounterSession
from macturnos.counter.texts import duration, minutes_text, module_state_name, pause_reason_name
from macturnos.counter.widgets import ActionButton, MessageLine, big_label
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
NEXT_SHOWN = 12


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class AdvisorPresenter(QObject):
    """What the advisor may do now, and doing it."""

    changed = Signal()
    message = Signal(str, bool)  # text, is_error

    def __init__(self, session: CounterSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.module_number: int | None = None
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

    def leave_module(self) -> bool:
        """Leave the module (a called ticket goes back to its queue)."""
        number = self.module_number
        if number is None:
            return False

        def ok(_view: dict[str, Any]) -> None:
            self.module_number = None
            self.message.emit(self.tr("Dejó el módulo {n}.").format(n=number), False)
            self.changed.emit()

        return self.session.act(self.session.api.leave_module, number, ok=ok) is not None

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
        arrival, called = _when(t.get("arrival_at")), _when(t.get("called_at"))
        started = _when(t.get("started_at"))
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
        since = _when(m.get("since")) if m else None
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
        """Call the next citizen (F1)."""
        return self._module_act(self.session.api.call_next, done=self.tr("Llamó al turno {turno}."))

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

    def no_show(self) -> bool:
        """The called citizen did not come (F5)."""
        return self._module_act(
            self.session.api.no_show, done=self.tr("El turno {turno} no se presentó.")
        )

    def transfer(self, service: str, note: str) -> bool:
        """Send the current citizen to another service (F6), with a note."""
        t = self.ticket()
        if t is None:
            return False
        return self._module_act(
            self.session.api.module_transfer,
            int(t["id"]),
            service,
            note or None,
            done=self.tr("Derivado con el nuevo turno {turno}."),
        )

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


class AdvisorView(QWidget):
    """The module picker and the module's working screen."""

    def __init__(self, presenter: AdvisorPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.session = presenter.session
        self.dialog: QWidget | None = None
        self.pages = QStackedWidget()
        self.picker = self._build_picker()
        self.work = self._build_work()
        self.pages.addWidget(self.picker)
        self.pages.addWidget(self.work)
        self.banner = ConnectionBanner()
        self.messages = MessageLine()
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.banner)
        root.addWidget(self.pages, 1)
        root.addWidget(self.messages)
        presenter.changed.connect(self.refresh)
        presenter.message.connect(self._message)
        self.session.linkChanged.connect(self._link)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self.refresh()

    # --- building -------------------------------------------------------------------

    def _build_picker(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 30, 40, 30)
        self.picker_title = big_label(26)
        self.picker_title.setText(self.tr("Elija su módulo de atención"))
        self.picker_hint = QLabel(
            self.tr("Un módulo solo puede tener un asesor. Use Tab y Enter para elegir.")
        )
        self.picker_hint.setStyleSheet(f"color: {theme.MUTED}; font-size: 16px;")
        self.module_grid = QGridLayout()
        self.module_grid.setSpacing(16)
        self.module_buttons: dict[int, QPushButton] = {}
        layout.addWidget(self.picker_title)
        layout.addWidget(self.picker_hint)
        layout.addSpacing(16)
        layout.addLayout(self.module_grid)
        layout.addStretch(1)
        return page

    def _build_work(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(20, 12, 20, 12)

        head = QHBoxLayout()
        self.module_title = big_label(22)
        self.module_state = QLabel()
        self.module_state.setStyleSheet("font-size: 17px; font-weight: bold; padding: 6px 12px;")
        self.leave_button = QPushButton(self.tr("Dejar el módulo"))
        self.leave_button.clicked.connect(self.presenter.leave_module)
        head.addWidget(self.module_title, 1)
        head.addWidget(self.module_state)
        head.addWidget(self.leave_button)
        outer.addLayout(head)

        body = QHBoxLayout()
        body.setSpacing(20)
        left = QVBoxLayout()
        card = QFrame()
        card.setObjectName("ticketCard")
        card.setStyleSheet(
            "#ticketCard { border: 2px solid #D1D5DB; border-radius: 10px; background: #F9FAFB; }"
            " #ticketCard QLabel { background: transparent; }"
        )
        c = QVBoxLayout(card)
        c.setContentsMargins(24, 16, 24, 16)
        self.ticket_caption = QLabel(self.tr("Turno actual"))
        self.ticket_caption.setStyleSheet(f"color: {theme.MUTED}; font-size: 16px;")
        self.ticket_number = big_label(64)
        self.ticket_service = big_label(20)
        self.ticket_marks = QLabel()
        self.ticket_marks.setWordWrap(True)
        self.ticket_marks.setStyleSheet("font-size: 22px;")
        self.ticket_status = QLabel()
        self.ticket_status.setStyleSheet("font-size: 17px;")
        self.ticket_note = QLabel()
        self.ticket_note.setWordWrap(True)
        self.ticket_note.setStyleSheet(f"color: {theme.MUTED}; font-size: 15px;")
        self.waited_label = big_label(18, bold=False)
        self.served_label = big_label(18, bold=False)
        for w in (
            self.ticket_caption,
            self.ticket_number,
            self.ticket_service,
            self.ticket_marks,
            self.ticket_status,
            self.ticket_note,
        ):
            c.addWidget(w)
        timers = QHBoxLayout()
        timers.addWidget(self.waited_label)
        timers.addWidget(self.served_label)
        c.addLayout(timers)
        left.addWidget(card, 1)

        grid = QGridLayout()
        grid.setSpacing(12)
        labels = {
            "call_next": self.tr("Llamar siguiente"),
            "recall": self.tr("Volver a llamar"),
            "start": self.tr("Iniciar atención"),
            "finish": self.tr("Finalizar"),
            "no_show": self.tr("No se presentó"),
            "transfer": self.tr("Derivar…"),
            "pause": self.tr("Pausa…"),
            "call": self.tr("Llamar fuera de orden…"),
        }
        self.buttons: dict[str, ActionButton] = {}
        for i, action in enumerate(ACTIONS):
            button = ActionButton(
                labels[action], KEYS[action], primary=action in ("call_next", "start", "finish")
            )
            self.buttons[action] = button
            grid.addWidget(button, i // 4, i % 4)
        self.buttons["call_next"].clicked.connect(self.presenter.call_next)
        self.buttons["recall"].clicked.connect(self.presenter.recall)
        self.buttons["start"].clicked.connect(self.presenter.start)
        self.buttons["finish"].clicked.connect(self.presenter.finish)
        self.buttons["no_show"].clicked.connect(self.presenter.no_show)
        self.buttons["transfer"].clicked.connect(self.open_transfer)
        self.buttons["pause"].clicked.connect(self.pause_or_resume)
        self.buttons["call"].clicked.connect(self.open_out_of_order)
        left.addLayout(grid)
        body.addLayout(left, 3)

        right = QVBoxLayout()
        counts_title = big_label(17)
        counts_title.setText(self.tr("En espera por servicio"))
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setStyleSheet("font-size: 16px;")
        next_title = big_label(17)
        next_title.setText(self.tr("Próximos turnos (en el orden de llamada)"))
        self.next_list = QListWidget()
        self.next_list.setAccessibleName(self.tr("Próximos turnos"))
        self.next_list.setStyleSheet("font-size: 17px;")
        right.addWidget(counts_title)
        right.addWidget(self.counts)
        right.addSpacing(10)
        right.addWidget(next_title)
        right.addWidget(self.next_list, 1)
        body.addLayout(right, 2)
        outer.addLayout(body, 1)

        # Keyboard order: the actions first, then the queue, then leaving.
        order = [self.buttons[a] for a in ACTIONS] + [self.next_list, self.leave_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        return page

    # --- rendering -----------------------------------------------------------------------

    @Slot(str, bool)
    def _message(self, text: str, error: bool) -> None:
        if error:
            self.messages.show_error(text)
        else:
            self.messages.show_info(text)

    @Slot(bool, str)
    def _link(self, connected: bool, _reason: str) -> None:
        self.banner.set_connected(connected, self.session.disabled_reason())
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Render the presenter's state."""
        if not self.session.logged_in:
            return
        self.banner.set_connected(self.session.connected, self.session.disabled_reason())
        if self.presenter.module_number is None:
            self.pages.setCurrentWidget(self.picker)
            self._render_picker()
        else:
            self.pages.setCurrentWidget(self.work)
            self._render_work()

    def _render_picker(self) -> None:
        modules = self.presenter.modules()
        held = self.presenter.held_module()
        numbers = [int(m["number"]) for m in modules]
        if list(self.module_buttons) != numbers:
            for button in self.module_buttons.values():
                self.module_grid.removeWidget(button)
                button.deleteLater()
            self.module_buttons = {}
            for i, n in enumerate(numbers):
                button = QPushButton()
                button.setMinimumHeight(110)
                button.setMinimumWidth(260)
                button.clicked.connect(lambda _=False, n=n: self.presenter.take_module(n))
                self.module_grid.addWidget(button, i // 4, i % 4)
                self.module_buttons[n] = button
        entities = self.session.entities()
        for m in modules:
            n = int(m["number"])
            button = self.module_buttons[n]
            entity = entities.get(m["entity"], {}).get("short_name") or m["entity"]
            if n == held:
                status = self.tr("Usted ya está en este módulo: pulse para continuar")
            elif m.get("advisor"):
                status = self.tr("Ocupado por {nombre}").format(nombre=m["advisor"])
            else:
                status = self.tr("Libre")
            button.setText(self.tr("Módulo {n}").format(n=n) + f"\n{entity}\n{status}")
            button.setProperty("primary", n == held)
            button.style().unpolish(button)
            button.style().polish(button)
            button.setEnabled(self.session.can_act())
            button.setToolTip(self.session.disabled_reason())
        if not modules:
            self.picker_hint.setText(self.tr("No hay módulos configurados para su entidad."))

    def _render_work(self) -> None:
        p = self.presenter
        m = p.module() or {}
        entity = self.session.entities().get(m.get("entity", ""), {})
        self.module_title.setText(
            self.tr("Módulo {n} · {entidad} · {asesor}").format(
                n=p.module_number,
                entidad=entity.get("short_name") or m.get("entity", ""),
                asesor=self.session.user.get("full_name") or p.username,
            )
        )
        state = m.get("state", "closed")
        colours = {
            "free": theme.OK,
            "calling": theme.WARNING,
            "serving": theme.NAVY,
            "paused": theme.DANGER,
            "closed": theme.MUTED,
        }
        state_text = module_state_name(state)
        if state == "paused":
            state_text += f" ({pause_reason_name(m.get('pause_reason'))})"
        self.module_state.setText(state_text)
        self.module_state.setStyleSheet(
            f"font-size: 17px; font-weight: bold; padding: 6px 12px; border-radius: 4px;"
            f" background: {colours.get(state, theme.MUTED)}; color: {theme.PAPER};"
        )
        t = p.ticket()
        if t is None:
            self.ticket_number.setText("—")
            self.ticket_service.setText(
                self.tr("Módulo en pausa: pulse Reanudar (F7) para seguir atendiendo")
                if p.paused()
                else self.tr("Sin turno: pulse Llamar siguiente (F1)")
            )
            self.ticket_marks.setText("")
            self.ticket_status.setText("")
            self.ticket_note.setText("")
        else:
            self.ticket_number.setText(t["number"])
            colour = t.get("colour") or theme.INK
            # A light entity colour would not read on the card: dark ink instead.
            if theme.readable_on(colour) == theme.INK:
                colour = theme.INK
            self.ticket_number.setStyleSheet(f"color: {colour};")
            self.ticket_service.setText(f"{t.get('entity_name', '')} · {t.get('service_name', '')}")
            marks = []
            pref = self.session.preferential_name(t.get("preferential"))
            if pref:
                marks.append(
                    f"<span style='background:{theme.WARNING}; color:{theme.PAPER};"
                    f" padding:4px; font-weight:bold'>&nbsp;{self.tr('PREFERENTE')}: {pref}&nbsp;</span>"
                )
            appointment = _when(t.get("appointment_at"))
            if appointment is not None:
                local = appointment.astimezone(self.session.timezone)
                marks.append(
                    f"<span style='background:{theme.NAVY}; color:{theme.PAPER};"
                    f" padding:4px; font-weight:bold'>&nbsp;"
                    + self.tr("CITA {hora}").format(hora=f"{local:%H:%M}")
                    + "&nbsp;</span>"
                )
            self.ticket_marks.setTextFormat(Qt.TextFormat.RichText)
            self.ticket_marks.setText("&nbsp;&nbsp;".join(marks))
            status = t.get("status_name") or t.get("status", "")
            recalls = int(t.get("recall_count") or 0)
            if recalls:
                status += " · " + self.tr("llamadas: {n}").format(n=recalls + 1)
            self.ticket_status.setText(self.tr("Estado: {estado}").format(estado=status))
            note = t.get("note")
            self.ticket_note.setText(self.tr("Nota: {nota}").format(nota=note) if note else "")
        self._render_timers()

        self.buttons["pause"].set_label(self.tr("Reanudar") if p.paused() else self.tr("Pausa…"))
        why = self.session.disabled_reason() or self.tr("No disponible para el turno actual")
        for action, button in self.buttons.items():
            button.set_allowed(p.enabled(action), why)
        self.leave_button.setEnabled(self.session.can_act())

        rows = []
        for q in p.queue_counts():
            rows.append(
                f"<b>{q.get('service_name', q['service'])}</b>: "
                + self.tr("{n} en espera").format(n=q.get("waiting", 0))
                + " · "
                + self.tr("espera estimada {t}").format(t=minutes_text(q.get("estimated_wait_min")))
            )
        self.counts.setText("<br>".join(rows) or self.tr("Sin servicios asignados"))
        self._render_next()

    def _render_next(self) -> None:
        selected = self.selected_waiting()
        self.next_list.clear()
        now = self.session.server_now()
        for t in self.presenter.waiting()[:NEXT_SHOWN]:
            arrival = _when(t.get("arrival_at"))
            waited = duration((now - arrival).total_seconds()) if arrival else ""
            marks = []
            if t.get("preferential"):
                marks.append(self.tr("Preferente"))
            if t.get("appointment_at"):
                marks.append(self.tr("Cita"))
            text = f"{t['number']}   {t.get('service_name', '')}   {waited}"
            if marks:
                text += "   [" + ", ".join(marks) + "]"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, int(t["id"]))
            self.next_list.addItem(item)
            if selected == int(t["id"]):
                self.next_list.setCurrentItem(item)
        if not self.next_list.count():
            self.next_list.addItem(self.tr("No hay turnos en espera."))

    def _render_timers(self) -> None:
        waited, served = self.presenter.timers()
        paused = self.presenter.pause_seconds()
        if paused is not None:
            self.waited_label.setText(self.tr("En pausa desde hace {t}").format(t=duration(paused)))
            self.served_label.setText("")
            return
        self.waited_label.setText(
            self.tr("Esperó: {t}").format(t=duration(waited)) if waited is not None else ""
        )
        self.served_label.setText(
            self.tr("En atención: {t}").format(t=duration(served)) if served is not None else ""
        )

    @Slot()
    def _tick(self) -> None:
        if self.session.logged_in and self.presenter.module_number is not None:
            self._render_timers()

    # --- dialogs -------------------------------------------------------------------------

    def selected_waiting(self) -> int | None:
        """The id of the waiting ticket selected in the list, if any."""
        item = self.next_list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    @Slot()
    def open_transfer(self) -> None:
        """Ask for the target service and the note, then transfer."""
        t = self.presenter.ticket()
        if t is None:
            return
        services = [
            (s["code"], self.session.service_label(s["code"])) for s in self.session.services()
        ]
        dialog = TransferDialog(services, t.get("service"), self)
        dialog.submitted.connect(self.presenter.transfer)
        self._open(dialog)

    @Slot()
    def pause_or_resume(self) -> None:
        """Resume a paused module, or ask for the pause's reason."""
        if self.presenter.paused():
            self.presenter.resume()
            return
        dialog = PauseDialog(self)
        dialog.submitted.connect(self.presenter.pause)
        self._open(dialog)

    @Slot()
    def open_out_of_order(self) -> None:
        """Call the selected waiting ticket (else the first) out of order, with a reason."""
        waiting = self.presenter.waiting()
        if not waiting:
            return
        wanted = self.selected_waiting()
        t = next((w for w in waiting if w["id"] == wanted), waiting[0])
        dialog = ReasonDialog(
            self.tr("Llamar fuera de orden"),
            self.tr("Llamar al turno {turno} antes de su orden. ¿Por qué?").format(
                turno=t["number"]
            ),
            self,
        )
        dialog.submitted.connect(lambda reason: self.presenter.call_ticket(int(t["id"]), reason))
        self._open(dialog)

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
