"""Reception's issuing desk: the services with their availability, issuing, the last ticket.

A `QWidget` part of `ReceptionView` (which inherits it): its `tr()` texts are
looked up in the "ReceptionView" context first, as before the split.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter.reception.presenter import ReceptionPresenter
from macturnos.counter.session import CounterSession
from macturnos.counter.texts import minutes_text
from macturnos.counter.widgets import ActionButton, MessageLine, big_label, wrap_long_names


class IssueDesk(QWidget):
    """Issue a ticket for the chosen service, then print it or show it large."""

    COLUMNS = 5

    presenter: ReceptionPresenter
    session: CounterSession
    messages: MessageLine
    _rows: list[str]

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
        wrap_long_names(self.table)
        self.table.itemSelectionChanged.connect(self.refresh_buttons)
        layout.addWidget(self.table, 1)
        # Two rows: side by side the choices asked for more than a 1366 px laptop has,
        # and a combo box's width follows its longest entry unless told otherwise.
        choices = QGridLayout()
        pref_label = QLabel(self.tr("Atención preferente:"))
        pref_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.preferential = QComboBox()
        self.preferential.setAccessibleName(self.tr("Atención preferente"))
        assistance_label = QLabel(self.tr("Asistencia:"))
        assistance_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.assistance = QComboBox()
        self.assistance.setAccessibleName(self.tr("Asistencia que necesita el ciudadano"))
        for combo in (self.preferential, self.assistance):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
        self.issue_button = ActionButton(self.tr("Emitir turno"), "F1", primary=True)
        self.issue_button.clicked.connect(self.issue_selected)
        choices.addWidget(pref_label, 0, 0)
        choices.addWidget(self.preferential, 0, 1)
        choices.addWidget(assistance_label, 1, 0)
        choices.addWidget(self.assistance, 1, 1)
        choices.addWidget(self.issue_button, 0, 2, 2, 1)
        choices.setColumnStretch(1, 2)
        choices.setColumnStretch(2, 1)
        layout.addLayout(choices)
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

    # --- rendering -----------------------------------------------------------------------

    def selected_service(self) -> str | None:
        """The service selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._rows[rows[0].row()]

    def select_service(self, code: str) -> None:
        """Select a service's row (keyboard users move with arrows; tests call this)."""
        self.table.selectRow(self._rows.index(code))

    def _render_preferential(self) -> None:
        categories = self.presenter.session.preferential_categories()
        codes = [self.preferential.itemData(i) for i in range(self.preferential.count())]
        if codes[1:] == [c["code"] for c in categories] and codes:
            return
        self.preferential.clear()
        self.preferential.addItem(self.tr("No (atención regular)"), None)
        for c in categories:
            self.preferential.addItem(c["name"], c["code"])

    def _render_assistance(self) -> None:
        """The assistance the centre's modules offer (sign language, ...), to mark a ticket."""
        kinds = self.presenter.assistance_kinds()
        codes = [self.assistance.itemData(i) for i in range(self.assistance.count())]
        if codes and codes[1:] == [k["code"] for k in kinds]:
            return
        self.assistance.clear()
        self.assistance.addItem(self.tr("Ninguna"), None)
        for k in kinds:
            self.assistance.addItem(k["name"], k["code"])
        self.assistance.setEnabled(bool(kinds))

    def _render_table(self) -> None:
        self._render_assistance()
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
        if t.get("assistance_name"):
            detail += "<br><b>" + self.tr("Necesita: {a}").format(a=t["assistance_name"]) + "</b>"
        self.issued_detail.setText(detail)
        if self.presenter.printer is None:
            self.print_state.setText(
                self.tr("Sin impresora en recepción: dicte o anote el número al ciudadano.")
            )
        elif self.presenter.printing:
            self.print_state.setText(self.tr("Imprimiendo…"))
        else:
            self.print_state.setText("")

    def _refresh_issue_buttons(self, can: bool, why: str) -> None:
        p = self.presenter
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

    def refresh_buttons(self) -> None:
        """Enable what applies now (`ReceptionView` does it for both desks)."""
        raise NotImplementedError

    # --- user actions -------------------------------------------------------------------

    @Slot()
    def issue_selected(self) -> None:
        """Issue a ticket for the selected service."""
        service = self.selected_service()
        if service is None:
            self.messages.show_error(self.tr("Elija un servicio en la tabla."))
            return
        self.presenter.issue(
            service, self.preferential.currentData(), self.assistance.currentData()
        )
