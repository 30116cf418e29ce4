"""Reception (orientators, and supervisors' ticket desk): issue, print, look up, transfer.

Issuing follows the kiosk's rules: the server decides (capacity, hours,
preferential) and its Spanish reason is shown as it comes; the queue table
shows each service's availability from GET /queues beforehand.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.errors import ClientError
from macturnos.client.ui import theme
from macturnos.client.ui.widgets import ConnectionBanner
from macturnos.counter.dialogs import ReasonDialog, TransferDialog
from macturnos.counter.session import MANAGER_ROLES, CounterSession
from macturnos.counter.texts import minutes_text, module_state_name
from macturnos.counter.widgets import ActionButton, MessageLine, big_label
from macturnos.domain.tickets import TicketAction, TicketState, TicketStatus, allowed_actions
from macturnos.hardware.printer import PrinterError, TicketContent, TicketPrinter


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class ReceptionPresenter(QObject):
    """Issue and print tickets, look them up, transfer, cancel and reactivate them."""

    changed = Signal()
    message = Signal(str, bool)  # text, is_error
    printed = Signal(str)  # the number printed

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

    def issue(self, service: str, preferential: str | None = None) -> bool:
        """Issue a ticket for a citizen at reception, then print it (or show it large)."""

        def ok(answer: dict[str, Any]) -> None:
            self.last_issued = answer
            number = answer["ticket"]["number"]
            self.message.emit(self.tr("Turno {turno} emitido.").format(turno=number), False)
            self.changed.emit()
            self.print_last()

        return self.session.act(self.session.api.issue, service, preferential, ok=ok) is not None

    def ticket_content(self, answer: dict[str, Any]) -> TicketContent:
        """What the reception printer prints for an issued ticket."""
        t = answer["ticket"]
        issued = _when(t.get("issued_at")) or self.session.server_now()
        return TicketContent(
            centre_name=str((self.session.config.get("centre") or {}).get("name") or ""),
            entity_name=str(t.get("entity_name") or t.get("entity") or ""),
            service_name=str(t.get("service_name") or t.get("service") or ""),
            number=str(t["number"]),
            issued_at=issued.astimezone(self.session.timezone),
            people_ahead=int(answer.get("people_ahead") or 0),
            estimated_wait_min=answer.get("estimated_wait_min"),
            qr_payload=str(answer["code"]),
            preferential=self.session.preferential_name(t.get("preferential")),
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


class ReceptionView(QWidget):
    """The reception desk: services with availability, issuing, the ticket desk."""

    COLUMNS = 5

    def __init__(
        self, presenter: ReceptionPresenter, parent: QWidget | None = None, *, banner: bool = True
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.session = presenter.session
        self.dialog: QWidget | None = None
        self._rows: list[str] = []
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 8, 16, 8)
        self.banner = ConnectionBanner()
        if banner:
            root.addWidget(self.banner)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self._build_issue(), 3)
        side = QVBoxLayout()
        side.addWidget(self._build_issued())
        side.addWidget(self._build_lookup(), 1)
        body.addLayout(side, 2)
        root.addLayout(body, 1)
        self.messages = MessageLine()
        root.addWidget(self.messages)
        presenter.changed.connect(self.refresh)
        presenter.message.connect(self._message)
        self.session.actionFailed.connect(self.messages.show_error)
        order = [
            self.table,
            self.preferential,
            self.issue_button,
            self.reprint_button,
            self.number_edit,
            self.lookup_button,
            self.transfer_button,
            self.cancel_button,
            self.reactivate_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.refresh()

    # --- building -------------------------------------------------------------------

    def _build_issue(self) -> QWidget:
        box = QGroupBox(self.tr("Emitir turno para un ciudadano"))
        layout = QVBoxLayout(box)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Entidad"),
                self.tr("Servicio"),
                self.tr("En espera"),
                self.tr("Espera estimada"),
                self.tr("Disponibilidad"),
            ]
        )
        self.table.setAccessibleName(self.tr("Servicios"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self.refresh_buttons)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        pref_label = QLabel(self.tr("Atención preferente:"))
        pref_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        row.addWidget(pref_label)
        self.preferential = QComboBox()
        self.preferential.setAccessibleName(self.tr("Atención preferente"))
        self.preferential.setMinimumWidth(320)
        row.addWidget(self.preferential, 1)
        self.issue_button = ActionButton(self.tr("Emitir turno"), "F1", primary=True)
        self.issue_button.clicked.connect(self.issue_selected)
        row.addWidget(self.issue_button, 1)
        layout.addLayout(row)
        return box

    def _build_issued(self) -> QWidget:
        box = QGroupBox(self.tr("Último turno emitido aquí"))
        layout = QVBoxLayout(box)
        self.issued_number = big_label(72)
        self.issued_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.issued_detail = QLabel()
        self.issued_detail.setWordWrap(True)
        self.issued_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.issued_detail.setStyleSheet("font-size: 16px;")
        self.print_state = QLabel()
        self.print_state.setWordWrap(True)
        self.print_state.setStyleSheet(f"color: {theme.MUTED}; font-size: 15px;")
        self.reprint_button = ActionButton(self.tr("Reimprimir"), "F2")
        self.reprint_button.clicked.connect(self.presenter.print_last)
        layout.addWidget(self.issued_number)
        layout.addWidget(self.issued_detail)
        layout.addWidget(self.print_state)
        layout.addWidget(self.reprint_button)
        return box

    def _build_lookup(self) -> QWidget:
        box = QGroupBox(self.tr("Buscar un turno de hoy"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("Número, p. ej. R-023"))
        self.number_edit.setAccessibleName(self.tr("Número de turno"))
        self.number_edit.setMaxLength(12)
        self.number_edit.returnPressed.connect(self.lookup)
        self.lookup_button = ActionButton(self.tr("Buscar"), "F3")
        self.lookup_button.setMinimumHeight(48)
        self.lookup_button.clicked.connect(self.lookup)
        row.addWidget(self.number_edit, 2)
        row.addWidget(self.lookup_button, 1)
        layout.addLayout(row)
        self.found_label = QLabel()
        self.found_label.setWordWrap(True)
        self.found_label.setTextFormat(Qt.TextFormat.RichText)
        self.found_label.setStyleSheet("font-size: 16px;")
        self.found_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.found_label, 1)
        actions = QHBoxLayout()
        self.transfer_button = ActionButton(self.tr("Derivar…"), "F4")
        self.cancel_button = ActionButton(self.tr("Anular…"), "F5", danger=True)
        self.reactivate_button = ActionButton(self.tr("Reactivar"), "F6")
        self.transfer_button.clicked.connect(self.open_transfer)
        self.cancel_button.clicked.connect(self.open_cancel)
        self.reactivate_button.clicked.connect(self.presenter.reactivate)
        for b in (self.transfer_button, self.cancel_button, self.reactivate_button):
            actions.addWidget(b)
        layout.addLayout(actions)
        return box

    # --- rendering -----------------------------------------------------------------------

    @Slot(str, bool)
    def _message(self, text: str, error: bool) -> None:
        if error:
            self.messages.show_error(text)
        else:
            self.messages.show_info(text)

    def selected_service(self) -> str | None:
        """The service selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._rows[rows[0].row()]

    def select_service(self, code: str) -> None:
        """Select a service's row (keyboard users move with arrows; tests call this)."""
        self.table.selectRow(self._rows.index(code))

    @Slot()
    def refresh(self) -> None:
        """Render the queues, the last ticket and the looked-up ticket."""
        if not self.session.logged_in:
            return
        self.banner.set_connected(self.session.connected, self.session.disabled_reason())
        self._render_preferential()
        self._render_table()
        self._render_issued()
        self._render_found()
        self.refresh_buttons()

    def _render_preferential(self) -> None:
        categories = self.presenter.session.preferential_categories()
        codes = [self.preferential.itemData(i) for i in range(self.preferential.count())]
        if codes[1:] == [c["code"] for c in categories] and codes:
            return
        self.preferential.clear()
        self.preferential.addItem(self.tr("No (atención regular)"), None)
        for c in categories:
            self.preferential.addItem(c["name"], c["code"])

    def _render_table(self) -> None:
        selected = self.selected_service()
        queues = self.presenter.queues()
        entities = self.session.entities()
        self._rows = [q["service"] for q in queues]
        self.table.setRowCount(len(queues))
        for r, q in enumerate(queues):
            ent = entities.get(q.get("entity", ""), {})
            available = q.get("available", True)
            cells = [
                ent.get("short_name") or q.get("entity", ""),
                q.get("service_name", q["service"]),
                str(q.get("waiting", 0)),
                minutes_text(q.get("estimated_wait_min")),
                self.tr("Disponible")
                if available
                else (q.get("unavailable_reason") or self.tr("No disponible")),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if not available:
                    item.setForeground(QColor(theme.DANGER if c == 4 else theme.MUTED))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        if selected in self._rows:
            self.table.selectRow(self._rows.index(selected))

    def _render_issued(self) -> None:
        answer = self.presenter.last_issued
        if answer is None:
            self.issued_number.setText("—")
            self.issued_detail.setText(self.tr("Aún no emitió turnos en esta sesión."))
            self.print_state.setText("")
            return
        t = answer["ticket"]
        self.issued_number.setText(t["number"])
        detail = f"{t.get('entity_name', '')} · {t.get('service_name', '')}<br>" + self.tr(
            "Personas delante: {n} · Espera estimada: {t}"
        ).format(n=answer.get("people_ahead", 0), t=minutes_text(answer.get("estimated_wait_min")))
        pref = self.session.preferential_name(t.get("preferential"))
        if pref:
            detail += "<br><b>" + self.tr("Preferente: {p}").format(p=pref) + "</b>"
        self.issued_detail.setText(detail)
        if self.presenter.printer is None:
            self.print_state.setText(
                self.tr("Sin impresora en recepción: dicte o anote el número al ciudadano.")
            )
        elif self.presenter.printing:
            self.print_state.setText(self.tr("Imprimiendo…"))
        else:
            self.print_state.setText("")

    def _render_found(self) -> None:
        t = self.presenter.found
        if t is None:
            self.found_label.setText(self.tr("Escriba el número del turno y pulse Buscar."))
            return
        lines = [
            f"<span style='font-size:30px; font-weight:bold'>{t['number']}</span>",
            f"{t.get('entity_name', '')} · {t.get('service_name', '')}",
            self.tr("Estado: <b>{estado}</b>").format(estado=t.get("status_name", "")),
        ]
        if t.get("module"):
            m = self.session.state.module(int(t["module"])) or {}
            lines.append(
                self.tr("Módulo {n} ({estado})").format(
                    n=t["module"], estado=module_state_name(m.get("state", "closed"))
                )
            )
        if t.get("status") == "issued":
            ahead = self.session.state.people_ahead(int(t["id"]))
            if ahead is not None:
                lines.append(self.tr("Personas delante: {n}").format(n=ahead))
        pref = self.session.preferential_name(t.get("preferential"))
        if pref:
            lines.append(self.tr("Preferente: {p}").format(p=pref))
        if t.get("note"):
            lines.append(self.tr("Nota: {nota}").format(nota=t["note"]))
        self.found_label.setText("<br>".join(lines))

    @Slot()
    def refresh_buttons(self) -> None:
        """Enable what the link, the selection and the ticket's state allow."""
        p = self.presenter
        can = self.session.can_act()
        why = self.session.disabled_reason()
        service = self.selected_service()
        self.issue_button.set_allowed(
            can and service is not None,
            why or self.tr("Elija un servicio en la tabla"),
        )
        self.reprint_button.set_allowed(
            p.last_issued is not None and p.printer is not None and not p.printing,
            self.tr("No hay impresora configurada en recepción")
            if p.printer is None
            else self.tr("Aún no hay un turno emitido"),
        )
        self.lookup_button.set_allowed(self.session.logged_in)
        not_allowed = why or self.tr("No disponible en el estado del turno")
        self.transfer_button.set_allowed(can and p.found_allows(TicketAction.TRANSFER), not_allowed)
        self.cancel_button.set_allowed(can and p.found_allows(TicketAction.CANCEL), not_allowed)
        self.reactivate_button.setVisible(p.manager)
        self.reactivate_button.set_allowed(
            can and p.manager and p.found_allows(TicketAction.REACTIVATE), not_allowed
        )

    # --- user actions -------------------------------------------------------------------

    @Slot()
    def issue_selected(self) -> None:
        """Issue a ticket for the selected service."""
        service = self.selected_service()
        if service is None:
            self.messages.show_error(self.tr("Elija un servicio en la tabla."))
            return
        self.presenter.issue(service, self.preferential.currentData())

    @Slot()
    def lookup(self) -> None:
        """Look up the typed number."""
        self.presenter.lookup(self.number_edit.text())

    @Slot()
    def open_transfer(self) -> None:
        """Ask for the target service and note, then transfer the looked-up ticket."""
        t = self.presenter.found
        if t is None:
            return
        services = [
            (s["code"], self.session.service_label(s["code"])) for s in self.session.services()
        ]
        dialog = TransferDialog(services, t.get("service"), self)
        dialog.submitted.connect(self.presenter.transfer)
        self._open(dialog)

    @Slot()
    def open_cancel(self) -> None:
        """Ask for the reason, then cancel the looked-up ticket."""
        t = self.presenter.found
        if t is None:
            return
        dialog = ReasonDialog(
            self.tr("Anular turno"),
            self.tr("¿Por qué se anula el turno {turno}?").format(turno=t["number"]),
            self,
        )
        dialog.reason.setMaxLength(40)  # the server keeps 40 characters of a cancel reason
        dialog.submitted.connect(self.presenter.cancel)
        self._open(dialog)

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
