"""Tab "Monitor del centro": the day and sync lines, the replication, alerts, queues, modules.

A `QWidget` part of `SupervisorView` (which inherits it): its `tr()` texts are
looked up in the "SupervisorView" context first, as before the split.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter import monitor
from macturnos.counter.day import day_line
from macturnos.counter.supervisor.presenter import SupervisorPresenter, when
from macturnos.counter.supervisor.wording import SupervisorWording
from macturnos.counter.texts import duration, minutes_text, module_state_name, pause_reason_name
from macturnos.counter.widgets import ActionButton

LEVEL_COLOURS = {"risk": theme.WARNING, "missed": theme.DANGER}
PAIR_LEVEL_COLOURS = {"warning": theme.WARNING, "error": theme.DANGER}


class MonitorTab(SupervisorWording):
    """The live monitor: what needs the supervisor, the queues by entity, the modules."""

    presenter: SupervisorPresenter

    # --- building ------------------------------------------------------------------------

    def _build_monitor(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 8, 12, 8)
        self._build_lines(layout)
        alerts_box = QGroupBox(self.tr("Alertas"))
        a = QVBoxLayout(alerts_box)
        self.alerts_list = QListWidget()
        self.alerts_list.setAccessibleName(self.tr("Alertas"))
        self.alerts_list.setStyleSheet("font-size: 15px;")
        self.alerts_list.setMaximumHeight(150)
        a.addWidget(self.alerts_list)
        layout.addWidget(alerts_box)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._build_tree())
        split.addWidget(self._build_modules())
        split.setSizes([420, 360])
        layout.addWidget(split, 1)
        QWidget.setTabOrder(self.alerts_list, self.tree)
        QWidget.setTabOrder(self.tree, self.modules_table)
        QWidget.setTabOrder(self.modules_table, self.close_button)
        QWidget.setTabOrder(self.close_button, self.end_button)
        return page

    def _build_lines(self, layout: QVBoxLayout) -> None:
        """The day's state and the PCM sync side by side, the replication under them."""
        lines = QHBoxLayout()
        self.day_line = QLabel()
        self.day_line.setAccessibleName(self.tr("Estado del día"))
        self.day_line.setWordWrap(True)
        self.sync_line = QLabel()
        self.sync_line.setAccessibleName(self.tr("Envío a la PCM"))
        self.sync_line.setWordWrap(True)
        lines.addWidget(self.day_line, 3)
        lines.addWidget(self.sync_line, 2)
        layout.addLayout(lines)
        # Pair mode only: which machine this app talks to, the standby and the lag.
        self.pair_line = QLabel()
        self.pair_line.setAccessibleName(self.tr("Servidores y réplica"))
        self.pair_line.setWordWrap(True)
        self.pair_line.setVisible(False)
        layout.addWidget(self.pair_line)

    def _build_tree(self) -> QTreeWidget:
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Colas por entidad y servicio"))
        self.tree.setColumnCount(7)
        self.tree.setHeaderLabels(
            [
                self.tr("Entidad / servicio"),
                self.tr("En espera"),
                self.tr("Espera más larga"),
                self.tr("Espera estimada"),
                self.tr("Meta"),
                self.tr("Atendidos dentro de la meta (hoy)"),
                self.tr("Emitidos / capacidad"),
            ]
        )
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return self.tree

    def _build_modules(self) -> QWidget:
        modules_box = QWidget()
        m = QVBoxLayout(modules_box)
        m.setContentsMargins(0, 0, 0, 0)
        self.modules_table = QTableWidget(0, 6)
        self.modules_table.setAccessibleName(self.tr("Módulos"))
        self.modules_table.setHorizontalHeaderLabels(
            [
                self.tr("Módulo"),
                self.tr("Entidad"),
                self.tr("Asesor"),
                self.tr("Estado"),
                self.tr("Turno actual"),
                self.tr("Desde hace"),
            ]
        )
        self.modules_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.modules_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.modules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.modules_table.verticalHeader().setVisible(False)
        self.modules_table.verticalHeader().setDefaultSectionSize(34)
        mh = self.modules_table.horizontalHeader()
        mh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        mh.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.modules_table.itemSelectionChanged.connect(self._refresh_buttons)
        m.addWidget(self.modules_table, 1)
        row = QHBoxLayout()
        self.close_button = ActionButton(self.tr("Cerrar el módulo elegido"), danger=True)
        self.close_button.setMinimumHeight(52)
        self.end_button = ActionButton(self.tr("Terminar la sesión del asesor"))
        self.end_button.setMinimumHeight(52)
        self.close_button.clicked.connect(self.close_selected)
        self.end_button.clicked.connect(self.end_selected)
        row.addWidget(self.close_button)
        row.addWidget(self.end_button)
        m.addLayout(row)
        return modules_box

    # --- rendering ---------------------------------------------------------------------------

    def _render_lines(self) -> None:
        status = self.presenter.day.status or self.session.state.day_status
        text, colour = day_line(status)
        self.day_line.setText(text)
        self.day_line.setStyleSheet(
            f"background: {colour}; color: {theme.PAPER}; font-size: 17px; font-weight: bold;"
            " padding: 8px; border-radius: 4px;"
        )
        text, problem = self.sync_text(self.presenter.sync)
        self.sync_line.setText(text)
        self.sync_line.setStyleSheet(
            f"color: {theme.DANGER if problem else theme.INK}; font-size: 15px; padding: 4px;"
            + (" font-weight: bold;" if problem else "")
        )
        self._render_pair()

    def _render_pair(self) -> None:
        health = self.presenter.pair_health()
        self.pair_line.setVisible(health is not None)
        if health is None:
            return
        self.pair_line.setText(self.pair_text(health))
        colour = PAIR_LEVEL_COLOURS.get(str(health.get("level")))
        if colour is None:
            ink = theme.OK if health.get("level") == "ok" else theme.MUTED
            style = f"color: {ink}; font-size: 15px; padding: 4px;"
        else:
            style = (
                f"background: {colour}; color: {theme.PAPER}; font-size: 16px;"
                " font-weight: bold; padding: 8px; border-radius: 4px;"
            )
        self.pair_line.setStyleSheet(style)

    def _render_alerts(self, alerts: list[monitor.Alert]) -> None:
        self.alerts_list.clear()
        for alert in alerts:
            item = QListWidgetItem(self.alert_text(alert))
            item.setData(Qt.ItemDataRole.UserRole, alert.key)
            colour = theme.DANGER if alert.level == "error" else theme.WARNING
            item.setBackground(QBrush(QColor(colour)))
            item.setForeground(QBrush(QColor(theme.PAPER)))
            self.alerts_list.addItem(item)
        if not alerts:
            item = QListWidgetItem(self.tr("Sin alertas."))
            item.setForeground(QBrush(QColor(theme.OK)))
            self.alerts_list.addItem(item)

    def _fill(self, item: QTreeWidgetItem, values: list[str], level: str) -> None:
        for c, text in enumerate(values):
            item.setText(c, text)
            if c:
                item.setTextAlignment(c, Qt.AlignmentFlag.AlignCenter)
        colour = LEVEL_COLOURS.get(level)
        for c in range(len(values)):
            item.setBackground(c, QBrush(QColor(colour)) if colour and c == 2 else QBrush())
            item.setForeground(c, QBrush(QColor(theme.PAPER if colour and c == 2 else theme.INK)))

    @staticmethod
    def _share(served: int, within: int, share: float | None) -> str:
        if share is None:
            return "—"
        return f"{round(share * 100)} % ({within}/{served})"

    def _render_tree(self, figures: list[monitor.EntityFigures]) -> None:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        # The tree is rebuilt every second: keep folded what the supervisor folded.
        collapsed = {
            item.data(0, Qt.ItemDataRole.UserRole)
            for item in items
            if item is not None and not item.isExpanded()
        }
        self.tree.clear()
        for ent in figures:
            top = QTreeWidgetItem()
            top.setData(0, Qt.ItemDataRole.UserRole, ent.entity)
            font = top.font(0)
            font.setBold(True)
            self._fill(
                top,
                [
                    ent.name,
                    str(ent.waiting),
                    duration(ent.longest_wait_s),
                    minutes_text(ent.estimated_wait_min),
                    "",
                    self._share(ent.served, ent.served_within, ent.share_within),
                    "",
                ],
                ent.level,
            )
            for c in range(7):
                top.setFont(c, font)
            for s in ent.services:
                top.addChild(self._service_item(s))
            self.tree.addTopLevelItem(top)
            top.setExpanded(ent.entity not in collapsed)

    def _service_item(self, s: monitor.ServiceFigures) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, Qt.ItemDataRole.UserRole, s.service)
        capacity = (
            f"{s.issued_today} / {s.daily_capacity}" if s.daily_capacity else str(s.issued_today)
        )
        self._fill(
            item,
            [
                s.name,
                str(s.waiting),
                duration(s.longest_wait_s),
                minutes_text(s.estimated_wait_min),
                minutes_text(s.target_wait_min),
                self._share(s.served, s.served_within, s.share_within),
                capacity,
            ],
            s.level,
        )
        return item

    def _render_modules(self) -> None:
        selected = self.selected_module()
        modules = self.presenter.modules()
        entities = self.session.entities()
        now = self.session.server_now()
        pause_limit = self.session.rule("pause_alert_min", 30) * 60
        self.modules_table.setRowCount(len(modules))
        for r, m in enumerate(modules):
            since = when(m.get("since"))
            elapsed = (now - since).total_seconds() if since else None
            state = module_state_name(m.get("state", "closed"))
            if m.get("state") == "paused":
                state += f" ({pause_reason_name(m.get('pause_reason'))})"
            ticket = m.get("ticket") or {}
            cells = [
                str(m["number"]),
                entities.get(m["entity"], {}).get("short_name") or m["entity"],
                m.get("advisor") or "—",
                state,
                f"{ticket.get('number')} · {ticket.get('service_name', '')}" if ticket else "—",
                duration(elapsed) if elapsed is not None and m.get("state") != "closed" else "—",
            ]
            late = m.get("state") == "paused" and elapsed is not None and elapsed >= pause_limit
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, int(m["number"]))
                if late and c in (3, 5):
                    item.setBackground(QBrush(QColor(theme.WARNING)))
                    item.setForeground(QBrush(QColor(theme.PAPER)))
                self.modules_table.setItem(r, c, item)
            if selected == int(m["number"]):
                self.modules_table.selectRow(r)

    def selected_module(self) -> int | None:
        """The module number selected in the table."""
        rows = self.modules_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.modules_table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_module(self, number: int) -> None:
        """Select a module's row (tests, keyboard users move with the arrows)."""
        for r in range(self.modules_table.rowCount()):
            item = self.modules_table.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == number:
                self.modules_table.selectRow(r)
                return
        raise ValueError(f"module {number} is not listed")

    @Slot()
    def _refresh_buttons(self) -> None:
        number = self.selected_module()
        m = self.session.state.module(number) if number is not None else None
        can = self.session.can_act()
        why = self.session.disabled_reason() or self.tr("Elija un módulo con asesor")
        staffed = m is not None and m.get("state") != "closed"
        self.close_button.set_allowed(can and staffed, why)
        self.end_button.set_allowed(can and bool(m and m.get("advisor_username")), why)

    # --- actions ----------------------------------------------------------------------------

    @Slot()
    def close_selected(self) -> None:
        """Close the selected module."""
        number = self.selected_module()
        if number is not None:
            self.presenter.close_module(number)

    @Slot()
    def end_selected(self) -> None:
        """End the session of the selected module's advisor."""
        number = self.selected_module()
        m = self.session.state.module(number) if number is not None else None
        if m and m.get("advisor_username"):
            self.presenter.end_session(str(m["advisor_username"]))
