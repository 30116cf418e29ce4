"""Tab "Monitor del centro": a dashboard read at a glance.

On top the day's and the PCM sync's lines (and the replication's in pair mode),
then the alerts, then the entities with their figures; choosing an entity
drills down to its services and its modules (tabs on the right). Every table
sorts by any column and follows the filter field and "Solo con personas en
espera" (`tables.LiveTable`, a `QSortFilterProxyModel`).

A `QWidget` part of `SupervisorView` (which inherits it): its `tr()` texts are
looked up in the "SupervisorView" context first, as before the split.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter import monitor
from macturnos.counter.day import day_line
from macturnos.counter.supervisor.controls import SupervisorControls
from macturnos.counter.supervisor.presenter import SupervisorPresenter, when
from macturnos.counter.supervisor.tables import Cell, LiveTable, Row
from macturnos.counter.supervisor.wording import SupervisorWording
from macturnos.counter.texts import duration, minutes_text, module_state_name, pause_reason_name
from macturnos.counter.widgets import ActionButton

LEVEL_COLOURS = {"risk": theme.WARNING, "missed": theme.DANGER}
PAIR_LEVEL_COLOURS = {"warning": theme.WARNING, "error": theme.DANGER}
ALERT_ROWS = 4
"""Alerts visible without scrolling (the list scrolls for more)."""


class MonitorTab(SupervisorWording):
    """The live monitor: what needs the supervisor, the entities, their services and modules."""

    presenter: SupervisorPresenter

    # --- building ------------------------------------------------------------------------

    def _build_monitor(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(6)
        self._build_lines(layout)
        self.alerts_box = QGroupBox(self.tr("Alertas"))
        a = QVBoxLayout(self.alerts_box)
        a.setContentsMargins(6, 4, 6, 6)
        self.alerts_list = QListWidget()
        self.alerts_list.setAccessibleName(self.tr("Alertas"))
        self.alerts_list.setStyleSheet("font-size: 15px;")
        self.alerts_list.setWordWrap(True)
        row_height = self.alerts_list.fontMetrics().height() + 14
        self.alerts_list.setFixedHeight(ALERT_ROWS * row_height + 6)
        a.addWidget(self.alerts_list)
        layout.addWidget(self.alerts_box)
        layout.addLayout(self._build_filter())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self._build_entities())
        split.addWidget(self._build_details())
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        QWidget.setTabOrder(self.alerts_list, self.filter_field)
        QWidget.setTabOrder(self.filter_field, self.busy_only)
        QWidget.setTabOrder(self.busy_only, self.entities_table)
        QWidget.setTabOrder(self.entities_table, self.services_table)
        QWidget.setTabOrder(self.services_table, self.modules_table)
        QWidget.setTabOrder(self.modules_table, self.close_button)
        QWidget.setTabOrder(self.close_button, self.end_button)
        self._apply_filter()
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
        self.sync_now = QPushButton(self.tr("Sincronizar ahora"))
        self.sync_now.setToolTip(
            self.tr("Envía a la PCM lo pendiente y trae las citas y el catálogo, ahora mismo.")
        )
        self.sync_now.clicked.connect(self.presenter.sync_now)
        lines.addWidget(self.day_line, 3)
        lines.addWidget(self.sync_line, 2)
        lines.addWidget(self.sync_now, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(lines)
        # Pair mode only: which machine this app talks to, the standby and the lag.
        self.pair_line = QLabel()
        self.pair_line.setAccessibleName(self.tr("Servidores y réplica"))
        self.pair_line.setWordWrap(True)
        self.pair_line.setVisible(False)
        layout.addWidget(self.pair_line)

    def _build_filter(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText(
            self.tr("Filtrar por entidad, servicio, módulo o asesor")
        )
        self.filter_field.setAccessibleName(self.tr("Filtrar"))
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.textChanged.connect(self._apply_filter)
        # The drill-down shows the services with people waiting unless asked for all.
        self.busy_only = QCheckBox(self.tr("Solo servicios con personas en espera"))
        self.busy_only.setChecked(True)
        self.busy_only.toggled.connect(self._apply_filter)
        self.all_entities_button = QPushButton(self.tr("Ver todas las entidades"))
        self.all_entities_button.clicked.connect(self.show_all_entities)
        row.addWidget(self.filter_field, 1)
        row.addWidget(self.busy_only)
        row.addWidget(self.all_entities_button)
        return row

    def _build_entities(self) -> QWidget:
        self.entities_table = LiveTable(
            [
                self.tr("Entidad"),
                self.tr("En\nespera"),
                self.tr("Espera\nmás larga"),
                self.tr("Módulos\nactivos"),
            ],
            self.tr("Entidades"),
            stretch=0,
        )
        self.entities_table.selectionModel().selectionChanged.connect(self._apply_filter)
        return self.entities_table

    def _build_details(self) -> QTabWidget:
        self.details = QTabWidget()
        self.services_table = LiveTable(
            [
                self.tr("Servicio"),
                self.tr("En\nespera"),
                self.tr("Espera\nmás larga"),
                self.tr("Meta"),
                self.tr("Dentro de\nla meta"),
                self.tr("Emitidos /\ncapacidad"),
                self.tr("Último\nturno"),
            ],
            self.tr("Servicios"),
            stretch=0,
        )
        self.details.addTab(self.services_table, self.tr("Servicios"))
        self.details.addTab(self._build_modules(), self.tr("Módulos"))
        # Free a module, seat an advisor elsewhere, suspend issuing, revoke a device.
        # Scrolled: on a 768-px laptop the monitor above leaves it a few rows.
        self.controls = SupervisorControls(self.session)
        self.controls_area = QScrollArea()
        self.controls_area.setWidgetResizable(True)
        self.controls_area.setFrameShape(QFrame.Shape.NoFrame)
        self.controls_area.setWidget(self.controls)
        self.details.addTab(self.controls_area, self.tr("Acciones"))
        return self.details

    def _build_modules(self) -> QWidget:
        modules_box = QWidget()
        m = QVBoxLayout(modules_box)
        m.setContentsMargins(0, 0, 0, 0)
        self.modules_table = LiveTable(
            [
                self.tr("Módulo"),
                self.tr("Entidad"),
                self.tr("Asesor"),
                self.tr("Estado"),
                self.tr("Turno\nactual"),
                self.tr("Desde\nhace"),
            ],
            self.tr("Módulos"),
            stretch=2,
        )
        self.modules_table.selectionModel().selectionChanged.connect(self._refresh_buttons)
        m.addWidget(self.modules_table, 1)
        row = QHBoxLayout()
        self.close_button = ActionButton(self.tr("Cerrar el módulo elegido"), danger=True)
        self.close_button.setMinimumHeight(48)
        self.end_button = ActionButton(self.tr("Terminar la sesión del asesor"))
        self.end_button.setMinimumHeight(48)
        self.close_button.clicked.connect(self.close_selected)
        self.end_button.clicked.connect(self.end_selected)
        row.addWidget(self.close_button)
        row.addWidget(self.end_button)
        m.addLayout(row)
        return modules_box

    # --- filtering -----------------------------------------------------------------------

    def selected_entity(self) -> str | None:
        """The entity chosen in the entities table (None: all)."""
        key = self.entities_table.selected_key()
        return str(key) if key is not None else None

    @Slot()
    def _apply_filter(self) -> None:
        entity = self.selected_entity()
        text, busy = self.filter_field.text(), self.busy_only.isChecked()
        self.entities_table.proxy.set_filter(None, text, False)
        self.services_table.proxy.set_filter(entity, text, busy)
        self.modules_table.proxy.set_filter(entity, text, False)
        name = self.session.entities().get(entity or "", {}).get("short_name") or entity
        self.details.setTabText(
            0,
            self.tr("Servicios de {entidad}").format(entidad=name)
            if entity
            else self.tr("Servicios"),
        )
        self.details.setTabText(
            1,
            self.tr("Módulos de {entidad}").format(entidad=name) if entity else self.tr("Módulos"),
        )
        self.all_entities_button.setEnabled(entity is not None)

    @Slot()
    def show_all_entities(self) -> None:
        """Leave the drill-down: every entity's services and modules."""
        self.entities_table.clearSelection()
        self._apply_filter()

    def choose_entity(self, code: str) -> None:
        """Drill down to an entity (tests; keyboard users select its row)."""
        self.entities_table.select_key(code)
        self._apply_filter()

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
        errors = sum(1 for a in alerts if a.level == "error")
        self.alerts_box.setTitle(
            self.tr("Alertas: %n", "", len(alerts))
            + (" · " + self.tr("%n graves", "", errors) if errors else "")
        )
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

    @staticmethod
    def _share(served: int, within: int, share: float | None) -> Cell:
        if share is None:
            return Cell("—", -1.0)
        return Cell(f"{round(share * 100)} % ({within}/{served})", share)

    @staticmethod
    def _wait(seconds: int, level: str) -> Cell:
        return Cell(duration(seconds), seconds, LEVEL_COLOURS.get(level))

    def _render_tables(self, figures: list[monitor.EntityFigures]) -> None:
        """Entities (with their modules at work), their services, every module."""
        modules = self.presenter.modules()
        active: dict[str, int] = {}
        staffed: dict[str, int] = {}
        for m in modules:
            if m.get("state") not in ("closed", None):
                staffed[m["entity"]] = staffed.get(m["entity"], 0) + 1
                if m.get("state") != "paused":
                    active[m["entity"]] = active.get(m["entity"], 0) + 1
        entity_rows = []
        service_rows = []
        last_issue = {s["code"]: s.get("last_issue") for s in self.session.services()}
        for ent in figures:
            working = active.get(ent.entity, 0)
            entity_rows.append(
                Row(
                    ent.entity,
                    ent.entity,
                    [
                        Cell(ent.name),
                        Cell(str(ent.waiting), ent.waiting),
                        self._wait(ent.longest_wait_s, ent.level),
                        Cell(
                            f"{working} / {staffed.get(ent.entity, 0)}",
                            working,
                            theme.DANGER if ent.waiting and not working else None,
                            self.tr("Módulos atendiendo / módulos abiertos"),
                        ),
                    ],
                    busy=ent.waiting > 0,
                )
            )
            for sv in ent.services:
                service_rows.append(self._service_row(sv, last_issue.get(sv.service)))
        self.entities_table.update_rows(entity_rows)
        self.entities_table.fit_width()
        self.services_table.update_rows(service_rows)
        self._render_modules(modules)

    def _service_row(self, s: monitor.ServiceFigures, last_issue: str | None) -> Row:
        share = s.capacity_share
        capacity = (
            Cell(
                f"{s.issued_today} / {s.daily_capacity}",
                share or 0.0,
                theme.DANGER
                if share is not None and share >= 1
                else theme.WARNING
                if share is not None and share >= monitor.CAPACITY_ALERT_SHARE
                else None,
            )
            if s.daily_capacity
            else Cell(str(s.issued_today), 0.0)
        )
        return Row(
            s.service,
            s.entity,
            [
                Cell(s.name, tooltip=s.service),
                Cell(str(s.waiting), s.waiting),
                self._wait(s.longest_wait_s, s.level),
                Cell(minutes_text(s.target_wait_min), s.target_wait_min or 0),
                self._share(s.served, s.served_within, s.share_within),
                capacity,
                Cell(str(last_issue)[:5] if last_issue else "—", str(last_issue or "99")),
            ],
            busy=s.waiting > 0,
        )

    def _render_modules(self, modules: list[dict[str, Any]]) -> None:
        entities = self.session.entities()
        now = self.session.server_now()
        pause_limit = self.session.rule("pause_alert_min", 30) * 60
        calling_limit = monitor.CALLING_ALERT_MIN * 60
        waiting = {q["service"]: int(q.get("waiting") or 0) for q in self.session.state.queues()}
        rows = []
        for m in modules:
            since = when(m.get("since"))
            elapsed = (now - since).total_seconds() if since else None
            state_code = m.get("state", "closed")
            state = module_state_name(state_code)
            if state_code == "paused":
                state += f" ({pause_reason_name(m.get('pause_reason'))})"
            ticket = m.get("ticket") or {}
            late = elapsed is not None and (
                (state_code == "paused" and elapsed >= pause_limit)
                or (state_code == "calling" and elapsed >= calling_limit)
            )
            colour = theme.WARNING if late else None
            people = sum(waiting.get(code, 0) for code in m.get("services") or [])
            rows.append(
                Row(
                    int(m["number"]),
                    str(m["entity"]),
                    [
                        Cell(str(m["number"]), int(m["number"])),
                        Cell(entities.get(m["entity"], {}).get("short_name") or m["entity"]),
                        Cell(m.get("advisor") or "—"),
                        Cell(state, state, colour),
                        Cell(
                            str(ticket.get("number")) if ticket else "—",
                            tooltip=str(ticket.get("service_name") or ""),
                        ),
                        Cell(
                            duration(elapsed)
                            if elapsed is not None and state_code != "closed"
                            else "—",
                            elapsed if elapsed is not None and state_code != "closed" else -1.0,
                            colour,
                        ),
                    ],
                    busy=people > 0,
                )
            )
        self.modules_table.update_rows(rows)

    def selected_module(self) -> int | None:
        """The module number selected in the table."""
        key = self.modules_table.selected_key()
        return int(str(key)) if key is not None else None

    def select_module(self, number: int) -> None:
        """Select a module's row (tests, keyboard users move with the arrows)."""
        self.details.setCurrentIndex(1)
        try:
            self.modules_table.select_key(number)
        except KeyError as exc:
            raise ValueError(f"module {number} is not listed") from exc

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
