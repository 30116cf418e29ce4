"""The supervisor's window: the live monitor with alerts, the ticket desk, the day's tab.

`SupervisorPresenter` keeps today's served-within-target figures (from the
event log, then live events), the kiosks and call screens (GET /devices, read
again on `device.*` events), the PCM sync's status, the replication between the
two on-site machines (GET /pair every few seconds and on `pair.*` events) and
the day's presenter, and performs the supervisor's actions; `SupervisorView`
renders it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
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
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.client.ui.widgets import ConnectionBanner
from macturnos.counter import monitor
from macturnos.counter.day import DayPresenter, DayView, day_line
from macturnos.counter.reception import ReceptionPresenter, ReceptionView
from macturnos.counter.session import MANAGER_ROLES, CounterSession
from macturnos.counter.texts import (
    duration,
    minutes_text,
    module_state_name,
    pause_reason_name,
    server_role_name,
)
from macturnos.counter.widgets import ActionButton, MessageLine
from macturnos.messages import lag_text

LEVEL_COLOURS = {"risk": theme.WARNING, "missed": theme.DANGER}
SYNC_REFRESH_MS = 30_000
"""How often the PCM sync line is read again (no event announces an upload)."""
PAIR_REFRESH_MS = 5_000
"""How often the replication line is read again: the lag changes without any event."""
PAIR_LEVEL_COLOURS = {"warning": theme.WARNING, "error": theme.DANGER}


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class SupervisorPresenter(QObject):
    """The centre's figures and alerts, and the supervisor's actions on modules and staff."""

    changed = Signal()
    message = Signal(str, bool)
    logLoaded = Signal()  # noqa: N815 - Qt's naming

    def __init__(self, session: CounterSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.served = monitor.ServedLog()
        self.device_list: list[dict[str, Any]] = []
        self.sync: dict[str, Any] | None = None
        self.pair: dict[str, Any] | None = None
        """GET /pair as last answered by the server this app is connected to."""
        self._pair_loading = False
        self.log_loading = False
        self.log_day: str | None = None
        self.day = DayPresenter(session, self)
        # device.* events come in bursts (a screen restarting): read the list once.
        self._devices_timer = QTimer(self)
        self._devices_timer.setSingleShot(True)
        self._devices_timer.setInterval(200)
        self._devices_timer.timeout.connect(self.load_devices)
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_REFRESH_MS)
        self._sync_timer.timeout.connect(self.load_sync)
        self._pair_timer = QTimer(self)
        self._pair_timer.setInterval(PAIR_REFRESH_MS)
        self._pair_timer.timeout.connect(self.load_pair)
        # pair.* events (standby lost or back, a failover) are read at once.
        self._pair_soon = QTimer(self)
        self._pair_soon.setSingleShot(True)
        self._pair_soon.setInterval(200)
        self._pair_soon.timeout.connect(self.load_pair)
        session.stateChanged.connect(self.changed)
        session.eventReceived.connect(self._on_event)
        session.snapshotReady.connect(self._on_snapshot)
        session.loggedIn.connect(self._on_snapshot)
        session.loggedOut.connect(self._reset)
        session.actionFailed.connect(lambda text: self.message.emit(text, True))
        self.day.statusChanged.connect(self.changed)
        self.day.message.connect(self.message)

    @Slot()
    def _reset(self) -> None:
        self.served.clear()
        self.device_list = []
        self.sync = None
        self.pair = None
        self._pair_loading = False
        self.log_day = None
        self._sync_timer.stop()
        self._devices_timer.stop()
        self._pair_timer.stop()
        self._pair_soon.stop()

    @property
    def active(self) -> bool:
        """Whether a supervisor is logged in."""
        return self.session.logged_in and self.session.role in MANAGER_ROLES

    @Slot()
    def _on_snapshot(self) -> None:
        if not self.active:
            return
        self.sync = self.session.state.sync or self.sync
        self.load_log()
        self.load_devices()
        self.load_pair()  # after a failover the app may now talk to the other machine
        self._sync_timer.start()
        self._pair_timer.start()

    # --- devices and the PCM sync -------------------------------------------------------

    @Slot()
    def load_devices(self) -> None:
        """Read every kiosk and call screen: connected, last seen, last health report."""
        if not self.active or not self.session.connected:
            return

        def ok(devices: list[dict[str, Any]]) -> None:
            self.device_list = devices
            self.changed.emit()

        self.session.read(self.session.api.devices, ok=ok)

    @Slot()
    def load_sync(self) -> None:
        """Read the PCM sync's status (last success, backlog, last error)."""
        if not self.active or not self.session.connected:
            return

        def ok(status: dict[str, Any]) -> None:
            self.sync = status
            self.changed.emit()

        self.session.read(self.session.api.sync_status, ok=ok)

    @Slot()
    def load_pair(self) -> None:
        """Read this server's role, the standby's state and the replication lag."""
        if not self.active or not self.session.connected or self._pair_loading:
            return
        self._pair_loading = True

        def ok(status: dict[str, Any]) -> None:
            self._pair_loading = False
            self.pair = status
            self.changed.emit()

        def failed(_error: Any) -> None:
            self._pair_loading = False

        self.session.read(self.session.api.pair_status, ok=ok, failed=failed)

    def pair_health(self) -> dict[str, Any] | None:
        """The replication's judgement; None on a single server (or not read yet)."""
        return monitor.pair_health(self.pair)

    # --- today's log ------------------------------------------------------------------

    @Slot()
    def load_log(self) -> None:
        """Read today's event log for the attentions finished (off the GUI thread)."""
        state = self.session.state
        if not self.active or self.log_loading or state.day is None or state.seq is None:
            return
        self.log_loading = True
        api, day, last = self.session.api, state.day, state.seq

        def run() -> list[dict[str, Any]]:
            return monitor.day_events(lambda after, limit: api.events(after, limit), last, day)

        def ok(events: list[dict[str, Any]]) -> None:
            self.log_loading = False
            if day != self.log_day:
                self.served.clear()
            self.log_day = day
            for e in events:
                self.served.ingest(e)
            self.logLoaded.emit()
            self.changed.emit()

        def failed(_error: Any) -> None:
            self.log_loading = False

        self.session.read(run, ok=ok, failed=failed)

    @Slot(dict)
    def _on_event(self, event: dict[str, Any]) -> None:
        if not self.active:
            return
        if self.log_day is not None and event.get("day") and event["day"] != self.log_day:
            self.served.clear()
            self.log_day = event["day"]
        kind = str(event.get("kind") or "")
        if kind.startswith("device."):
            self._devices_timer.start()
        if kind.startswith("pair."):
            self._pair_soon.start()
        if self.served.ingest(event):
            self.changed.emit()

    # --- figures -------------------------------------------------------------------------

    def devices(self) -> list[dict[str, Any]]:
        """Every paired kiosk and call screen as GET /devices last answered."""
        return list(self.device_list)

    def figures(self) -> list[monitor.EntityFigures]:
        """Every entity and service with waiting, waits, estimate and served within target."""
        state = self.session.state
        return monitor.centre_figures(
            self.session.config,
            state.queues(),
            state.waiting(),
            self.served,
            self.session.server_now(),
        )

    def modules(self) -> list[dict[str, Any]]:
        """Every module with advisor, state and current ticket."""
        return self.session.state.modules()

    def alerts(self, figures: list[monitor.EntityFigures] | None = None) -> list[monitor.Alert]:
        """What needs the supervisor now, errors first."""
        figures = self.figures() if figures is None else figures
        alerts = (
            monitor.pair_alerts(self.pair)
            + monitor.device_alerts(self.devices())
            + monitor.pause_alerts(
                self.modules(), self.session.server_now(), self.session.rule("pause_alert_min", 30)
            )
            + monitor.capacity_alerts(figures)
            + monitor.wait_alerts(figures)
        )
        return sorted(alerts, key=lambda a: a.level != "error")

    # --- actions ---------------------------------------------------------------------------

    def close_module(self, number: int) -> bool:
        """Close a module (a called ticket goes back to its queue)."""

        def ok(_view: dict[str, Any]) -> None:
            self.message.emit(self.tr("Módulo {n} cerrado.").format(n=number), False)

        return self.session.act(self.session.api.close_module, number, ok=ok) is not None

    def end_session(self, username: str) -> bool:
        """End every session of a staff member (e.g. an advisor who left without logging out)."""

        def ok(_answer: dict[str, Any]) -> None:
            self.message.emit(
                self.tr("Se cerró la sesión de {usuario}.").format(usuario=username), False
            )

        return self.session.act(self.session.api.end_user_session, username, ok=ok) is not None


class SupervisorView(QWidget):
    """Tabs: Monitor, Recepción y turnos, Apertura y cierre del día."""

    def __init__(
        self,
        presenter: SupervisorPresenter,
        reception: ReceptionPresenter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.session = presenter.session
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.banner = ConnectionBanner()
        root.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.monitor_tab = self._build_monitor()
        self.reception_view = ReceptionView(reception, banner=False)
        self.day_view = DayView(presenter.day)
        self.day_tab = self.day_view
        self.tabs.addTab(self.monitor_tab, self.tr("Monitor del centro"))
        self.tabs.addTab(self.reception_view, self.tr("Recepción y turnos"))
        self.tabs.addTab(self.day_tab, self.tr("Apertura y cierre del día"))
        root.addWidget(self.tabs, 1)
        self.messages = MessageLine()
        root.addWidget(self.messages)
        presenter.changed.connect(self.refresh)
        presenter.message.connect(self._message)
        self.session.linkChanged.connect(lambda *_: self.refresh())
        self.session.busyChanged.connect(lambda *_: self._refresh_buttons())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(1000)
        self.refresh()

    # --- building ------------------------------------------------------------------------

    def _build_monitor(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 8, 12, 8)
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
        alerts_box = QGroupBox(self.tr("Alertas"))
        a = QVBoxLayout(alerts_box)
        self.alerts_list = QListWidget()
        self.alerts_list.setAccessibleName(self.tr("Alertas"))
        self.alerts_list.setStyleSheet("font-size: 15px;")
        self.alerts_list.setMaximumHeight(150)
        a.addWidget(self.alerts_list)
        layout.addWidget(alerts_box)

        split = QSplitter(Qt.Orientation.Vertical)
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
        split.addWidget(self.tree)

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
        split.addWidget(modules_box)
        split.setSizes([420, 360])
        layout.addWidget(split, 1)
        QWidget.setTabOrder(self.alerts_list, self.tree)
        QWidget.setTabOrder(self.tree, self.modules_table)
        QWidget.setTabOrder(self.modules_table, self.close_button)
        QWidget.setTabOrder(self.close_button, self.end_button)
        return page

    # --- rendering ---------------------------------------------------------------------------

    @Slot(str, bool)
    def _message(self, text: str, error: bool) -> None:
        if error:
            self.messages.show_error(text)
        else:
            self.messages.show_info(text)

    @Slot()
    def refresh(self) -> None:
        """Render figures, alerts and modules (every second, and on every change)."""
        if not self.presenter.active:
            return
        self.banner.set_connected(self.session.connected, self.session.disabled_reason())
        figures = self.presenter.figures()
        self._render_alerts(self.presenter.alerts(figures))
        self._render_tree(figures)
        self._render_modules()
        self._render_lines()
        self._refresh_buttons()

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

    def pair_text(self, health: dict[str, Any]) -> str:
        """The replication line: this server and its role, then the standby's state and lag."""
        here = self.tr("conectado a «{nodo}» ({rol})").format(
            nodo=health.get("node") or "?", rol=server_role_name(health.get("role"))
        )
        level = health.get("level")
        if level == "unknown":
            return self.tr("Servidores: verificando la réplica… · {aqui}").format(aqui=here)
        if level == "ok":
            lag = lag_text(health.get("lag_bytes"), health.get("lag_seconds"))
            if health.get("role") == "standby":
                text = self.tr(
                    "Servidores: {aqui} · recibe al día los datos de «{principal}» "
                    "· pendiente de aplicar {retraso}"
                )
            else:
                text = self.tr(
                    "Servidores: {aqui} · respaldo «{respaldo}» al día (síncrono) "
                    "· retraso {retraso}"
                )
            return text.format(
                aqui=here,
                principal=health.get("primary") or "?",
                respaldo=health.get("standby") or "?",
                retraso=lag,
            )
        return f"{self.pair_problem_text(health)}\n" + self.tr("Este equipo está {aqui}.").format(
            aqui=here
        )

    def pair_problem_text(self, health: dict[str, Any]) -> str:
        """What is wrong with the replication, for the line and the alerts."""
        names = {
            "principal": health.get("primary") or "?",
            "respaldo": health.get("standby") or "?",
            "nodo": health.get("node") or "?",
            "retraso": lag_text(health.get("lag_bytes"), health.get("lag_seconds")),
            "estado": health.get("state") or "?",
        }
        problem = health.get("problem")
        if problem == "no_standby":
            text = self.tr(
                "Sin máquina de respaldo: «{respaldo}» no recibe los datos; el centro atiende "
                "solo con «{principal}». Avise al personal TIC."
            )
        elif problem == "local_unreachable":
            text = self.tr(
                "La base de datos de «{nodo}» no responde: el centro atiende solo con "
                "«{principal}». Avise al personal TIC."
            )
        elif problem == "fenced":
            text = self.tr(
                "La base de datos de «{nodo}» quedó aislada: «{principal}» atiende sola. "
                "Avise al personal TIC."
            )
        elif problem == "catching_up":
            text = self.tr(
                "Respaldo «{respaldo}» poniéndose al día con «{principal}» (retraso {retraso})"
            )
        elif problem == "not_synchronous":
            text = self.tr(
                "Respaldo «{respaldo}» no síncrono ({estado}): un turno podría quedar solo "
                "en «{principal}»"
            )
        else:  # lagging
            text = self.tr("Respaldo «{respaldo}» atrasado: retraso {retraso}")
        return text.format(**names)

    def sync_text(self, sync: dict[str, Any] | None) -> tuple[str, bool]:
        """The PCM sync line and whether it shows a problem."""
        if not sync:
            return self.tr("Envío a la PCM: consultando…"), False
        if not sync.get("enabled"):
            return self.tr("Envío a la PCM: no configurado en este centro"), False
        last = _when(sync.get("last_success_at"))
        when = (
            last.astimezone(self.session.timezone).strftime("%d/%m %H:%M")
            if last
            else self.tr("nunca")
        )
        text = self.tr(
            "Envío a la PCM: último envío correcto {cuando} · {n} eventos pendientes"
        ).format(cuando=when, n=sync.get("backlog", 0))
        error = sync.get("last_error")
        if error:
            text += "\n" + self.tr("Último error: {error}").format(error=error)
        return text, bool(error)

    def alert_text(self, alert: monitor.Alert) -> str:
        """An alert in Spanish."""
        d = alert.data
        if alert.kind == "pair":
            return self.pair_problem_text(d)
        if alert.kind == "device":
            kind = {"kiosk": self.tr("Kiosco"), "display": self.tr("Pantalla")}.get(
                str(d.get("kind")), self.tr("Equipo")
            )
            if d.get("problem") == "offline":
                seen = _when(d.get("last_seen_at"))
                if seen is None:
                    return self.tr("{equipo} {codigo}: nunca se conectó").format(
                        equipo=kind, codigo=d.get("device")
                    )
                local = seen.astimezone(self.session.timezone)
                today = self.session.server_now().date()
                since = (
                    local.strftime("%H:%M")
                    if local.date() == today
                    else local.strftime("%d/%m %H:%M")
                )
                return self.tr("{equipo} {codigo}: sin conexión desde {hora}").format(
                    equipo=kind, codigo=d.get("device"), hora=since
                )
            detail = d.get("detail") or {}
            what = str(detail.get("reason") or detail.get("message") or "") or ", ".join(
                f"{k}: {v}" for k, v in detail.items()
            )
            state = self.tr("con falla") if alert.level == "error" else self.tr("con observaciones")
            return f"{kind} {d.get('device')}: {state}" + (f" — {what}" if what else "")
        if alert.kind == "pause":
            return self.tr("Módulo {n} en pausa ({motivo}) desde hace {m} min").format(
                n=d["module"], motivo=pause_reason_name(d.get("reason")), m=d["minutes"]
            )
        if alert.kind == "capacity":
            return self.tr("{servicio}: {emitidos} de {capacidad} turnos del día emitidos").format(
                servicio=d["name"], emitidos=d["issued"], capacidad=d["capacity"]
            )
        if alert.level == "error":
            return self.tr(
                "{entidad} · {servicio}: espera de {m} min, supera la meta de {meta} min"
            ).format(entidad=d["entity"], servicio=d["name"], m=d["minutes"], meta=d["target"])
        return self.tr(
            "{entidad} · {servicio}: espera de {m} min, cerca de la meta de {meta} min"
        ).format(entidad=d["entity"], servicio=d["name"], m=d["minutes"], meta=d["target"])

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
        expanded = {
            self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(self.tree.topLevelItemCount())
            if not self.tree.topLevelItem(i).isExpanded()
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
                child = QTreeWidgetItem()
                child.setData(0, Qt.ItemDataRole.UserRole, s.service)
                capacity = (
                    f"{s.issued_today} / {s.daily_capacity}"
                    if s.daily_capacity
                    else str(s.issued_today)
                )
                self._fill(
                    child,
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
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(ent.entity not in expanded)

    def _render_modules(self) -> None:
        selected = self.selected_module()
        modules = self.presenter.modules()
        entities = self.session.entities()
        now = self.session.server_now()
        pause_limit = self.session.rule("pause_alert_min", 30) * 60
        self.modules_table.setRowCount(len(modules))
        for r, m in enumerate(modules):
            since = _when(m.get("since"))
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
