"""The day tab's closing section: the tickets still open, closing them, the seal.

From the closing warning on, the supervisor closes waiting and called tickets as
"no atendido por cierre" (all, or those chosen); tickets in service are left to
their advisors; with none left open the day can be sealed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter.day.section import DaySection
from macturnos.counter.dialogs import ConfirmDialog
from macturnos.counter.widgets import ActionButton


def _cell(text: str, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class ClosingSection(DaySection):
    """Tab "Cierre y sellado": the tickets still open, closing them, the seal."""

    dialog: ConfirmDialog | None

    def _build_closing(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 8, 4, 4)
        self.closing_info = QLabel()
        self.closing_info.setWordWrap(True)
        self.closing_info.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(self.closing_info)
        # The waiting list is the long one: it gets the room, in a splitter the
        # supervisor may move (the tickets in service are a few, one per module).
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self._build_pending())
        split.addWidget(self._build_in_service())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()
        self.closing_refresh_button = ActionButton(self.tr("Actualizar"))
        self.closing_refresh_button.setMinimumHeight(44)
        self.closing_refresh_button.clicked.connect(self.presenter.load_closing)
        self.seal_button = ActionButton(self.tr("Sellar el día"), primary=True)
        self.seal_button.setMinimumHeight(44)
        self.seal_button.clicked.connect(self.seal)
        bottom.addWidget(self.closing_refresh_button)
        bottom.addWidget(self.seal_button, 2)
        layout.addLayout(bottom)
        return page

    def _build_pending(self) -> QGroupBox:
        """Waiting and called tickets, with the buttons that close them."""
        pending_box = QGroupBox(self.tr("Turnos en espera o llamados"))
        p = QVBoxLayout(pending_box)
        self.pending_table = QTableWidget(0, 5)
        self.pending_table.setAccessibleName(self.tr("Turnos en espera o llamados"))
        self.pending_table.setHorizontalHeaderLabels(
            [
                self.tr("Turno"),
                self.tr("Entidad / servicio"),
                self.tr("Estado"),
                self.tr("Llegada"),
                self.tr("Módulo"),
            ]
        )
        self._table_style(self.pending_table, stretch=1)
        self.pending_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.pending_table.itemSelectionChanged.connect(self.refresh_buttons)
        p.addWidget(self.pending_table, 1)
        row = QHBoxLayout()
        self.close_selected_button = ActionButton(
            self.tr("Cerrar los elegidos como no atendido por cierre")
        )
        self.close_all_button = ActionButton(
            self.tr("Cerrar todos como no atendido por cierre"), danger=True
        )
        for b in (self.close_selected_button, self.close_all_button):
            b.setMinimumHeight(44)
            row.addWidget(b)
        self.close_selected_button.clicked.connect(self.close_selected)
        self.close_all_button.clicked.connect(self.close_all)
        p.addLayout(row)
        return pending_box

    def _build_in_service(self) -> QGroupBox:
        """Tickets in service: only their advisors finish them."""
        service_box = QGroupBox(self.tr("Turnos en atención (el asesor debe finalizarlos)"))
        s = QVBoxLayout(service_box)
        self.in_service_table = QTableWidget(0, 4)
        self.in_service_table.setAccessibleName(self.tr("Turnos en atención"))
        self.in_service_table.setHorizontalHeaderLabels(
            [self.tr("Turno"), self.tr("Entidad / servicio"), self.tr("Módulo"), self.tr("Desde")]
        )
        self._table_style(self.in_service_table, stretch=1)
        s.addWidget(self.in_service_table)
        return service_box

    @Slot()
    def render_closing(self) -> None:
        """The tickets still open, the in-service ones that block the seal, the seal button."""
        closing = self.presenter.closing or {}
        self.closing_info.setText(self._closing_info(closing))
        self._fill_pending(list(closing.get("waiting") or []) + list(closing.get("called") or []))
        self._fill_in_service(list(closing.get("in_service") or []))
        self.refresh_buttons()

    def _closing_info(self, closing: dict[str, Any]) -> str:
        """Where the day stands: closing not yet open, open with n tickets left, sealed."""
        phase = closing.get("phase")
        if closing.get("sealed"):
            info = self.tr("El día está sellado.")
        elif phase == "open":
            info = self.tr(
                "El cierre se habilita desde las {aviso} (el centro cierra a las {cierre}). "
                "Turnos aún abiertos: {n}."
            ).format(
                aviso=closing.get("closing_warning_at") or "—",
                cierre=closing.get("closes") or "—",
                n=closing.get("pending", 0),
            )
        else:
            info = self.tr(
                "Cierre del día (el centro cierra a las {cierre}). Turnos aún abiertos: {n}."
            ).format(cierre=closing.get("closes") or "—", n=closing.get("pending", 0))
            if closing.get("can_seal"):
                info += " " + self.tr("No queda ningún turno abierto: puede sellar el día.")
        return info

    def _fill_pending(self, pending: list[dict[str, Any]]) -> None:
        """The waiting and called tickets, keeping the person's selection."""
        selected = set(self.selected_ticket_ids())
        self.pending_table.setRowCount(len(pending))
        for r, t in enumerate(pending):
            status = self.tr("Llamado") if t.get("status") == "called" else self.tr("En espera")
            cells = [
                str(t.get("number")),
                self._service(t),
                status,
                self._clock(t.get("arrival_at")),
                str(t.get("module") or "—"),
            ]
            for c, text in enumerate(cells):
                self.pending_table.setItem(r, c, _cell(text, int(t["id"])))
            if int(t["id"]) in selected:
                self.pending_table.selectRow(r)

    def _fill_in_service(self, in_service: list[dict[str, Any]]) -> None:
        """The tickets in service, in red: they hold the seal."""
        self.in_service_table.setRowCount(len(in_service))
        for r, t in enumerate(in_service):
            cells = [
                str(t.get("number")),
                self._service(t),
                str(t.get("module") or "—"),
                self._clock(t.get("started_at")),
            ]
            for c, text in enumerate(cells):
                item = _cell(text, int(t["id"]))
                item.setForeground(QBrush(QColor(theme.DANGER)))
                self.in_service_table.setItem(r, c, item)

    def selected_ticket_ids(self) -> list[int]:
        """The tickets chosen in the closing list."""
        rows = self.pending_table.selectionModel().selectedRows()
        out = []
        for index in rows:
            item = self.pending_table.item(index.row(), 0)
            if item is not None:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _confirm(self, title: str, intro: str, then: Callable[[], object]) -> None:
        self.dialog = ConfirmDialog(title, intro, self)
        self.dialog.submitted.connect(then)
        self.dialog.open()

    @Slot()
    def close_selected(self) -> None:
        """Close the chosen tickets as "no atendido por cierre" (after confirming)."""
        ids = self.selected_ticket_ids()
        if ids:
            self._confirm(
                self.tr("Cerrar turnos"),
                self.tr("¿Cerrar {n} turno(s) como no atendido por cierre?").format(n=len(ids)),
                lambda: self.presenter.close_remaining(ids),
            )

    @Slot()
    def close_all(self) -> None:
        """Close every waiting and called ticket as "no atendido por cierre"."""
        n = self.pending_table.rowCount()
        if n:
            self._confirm(
                self.tr("Cerrar turnos"),
                self.tr(
                    "¿Cerrar los {n} turnos en espera o llamados como no atendido por cierre? "
                    "Los ciudadanos ya no serán llamados."
                ).format(n=n),
                lambda: self.presenter.close_remaining(None),
            )

    @Slot()
    def seal(self) -> None:
        """Seal the day (after confirming): no more tickets today, the summary is kept."""
        self._confirm(
            self.tr("Sellar el día"),
            self.tr(
                "¿Sellar el día? Se cierran los módulos, no se emiten más turnos hoy y el "
                "resumen del día queda registrado para la PCM."
            ),
            self.presenter.seal,
        )

    def _refresh_closing_buttons(self, can: bool, why: str | None) -> None:
        closing = self.presenter.closing or {}
        closing_now = closing.get("phase") not in (None, "open") and not closing.get("sealed")
        not_yet = self.tr("Disponible desde el aviso de cierre")
        has_pending = self.pending_table.rowCount() > 0
        self.close_all_button.set_allowed(can and closing_now and has_pending, why or not_yet)
        self.close_selected_button.set_allowed(
            can and closing_now and bool(self.selected_ticket_ids()),
            why or (not_yet if not closing_now else self.tr("Elija uno o más turnos")),
        )
        self.seal_button.set_allowed(
            can and bool(closing.get("can_seal")),
            why
            or (
                not_yet
                if not closing_now
                else self.tr("Quedan turnos abiertos: ciérrelos o que el asesor finalice")
            ),
        )
