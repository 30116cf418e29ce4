"""Reception's ticket desk: look up today's ticket by number, transfer, cancel, reactivate.

A `QWidget` part of `ReceptionView` (which inherits it): its `tr()` texts are
looked up in the "ReceptionView" context first, as before the split.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from macturnos.counter.dialogs import ReasonDialog, TransferDialog
from macturnos.counter.reception.complaints import ComplaintDialog, ReceiptDialog
from macturnos.counter.reception.presenter import ReceptionPresenter
from macturnos.counter.session import CounterSession
from macturnos.counter.texts import module_state_name
from macturnos.counter.widgets import ActionButton
from macturnos.domain.tickets import TicketAction


class TicketDesk(QWidget):
    """Find a ticket of today and act on it as its state allows."""

    presenter: ReceptionPresenter
    session: CounterSession
    dialog: QDialog | None

    # --- building -------------------------------------------------------------------

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
        # The complaints and compliments book (linked to the ticket looked up, if any).
        self.book_button = ActionButton(self.tr("Libro de reclamaciones…"), "F8")
        self.book_button.clicked.connect(self.open_book)
        layout.addWidget(self.book_button)
        return box

    # --- rendering -----------------------------------------------------------------------

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

    def _refresh_ticket_buttons(self, can: bool, why: str) -> None:
        p = self.presenter
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

    @Slot()
    def open_book(self) -> None:
        """Record an entry of the complaints book for the citizen; then show its receipt."""
        t = self.presenter.found
        dialog = ComplaintDialog(str(t["number"]) if t else "", self)
        dialog.submitted.connect(self.presenter.record_complaint)
        self._open(dialog)

    @Slot(dict)
    def show_receipt(self, receipt: dict[str, Any]) -> None:
        """The entry's number and deadline, to give the citizen."""
        self._open(ReceiptDialog(receipt, self))

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
