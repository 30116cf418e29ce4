"""The supervisor's logic: the centre's figures and alerts, and the actions on modules and staff.

`SupervisorPresenter` keeps today's served-within-target figures (from the
event log, then live events), the kiosks and call screens (GET /devices, read
again on `device.*` events), the PCM sync's status, the replication between the
two on-site machines (GET /pair every few seconds and on `pair.*` events) and
the day's presenter, and performs the supervisor's actions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from macturnos.client.errors import ClientError
from macturnos.counter import monitor
from macturnos.counter.day import DayPresenter
from macturnos.counter.session import MANAGER_ROLES, CounterSession

SYNC_REFRESH_MS = 30_000
"""How often the PCM sync line is read again (no event announces an upload)."""
SYNC_NOW_READ_MS = 3_000
"""After "Sincronizar ahora", the status is read again this much later."""
PAIR_REFRESH_MS = 5_000
"""How often the replication line is read again: the lag changes without any event."""


def when(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp from the server, or None."""
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
        self.book: list[dict[str, Any]] = []
        """The complaints book as last read (its overdue entries make an alert)."""
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
        self._sync_timer.timeout.connect(self.load_book)
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
        self.book = []
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
        self.load_book()
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
    def load_book(self) -> None:
        """Read the complaints book's open entries (their deadlines make alerts)."""
        if not self.active or not self.session.connected:
            return

        def ok(entries: list[dict[str, Any]]) -> None:
            self.book = entries
            self.changed.emit()

        self.session.read(self.session.api.complaints, ok=ok)

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
    def sync_now(self) -> None:
        """ "Sincronizar ahora": wake the PCM sync (both directions), then read its status."""
        if not self.active or not self.session.connected:
            return

        def ok(_answer: dict[str, Any]) -> None:
            # The server answers at once (202); the outcome shows a moment later.
            self.message.emit(self.tr("Sincronizando con la PCM…"), False)
            QTimer.singleShot(SYNC_NOW_READ_MS, self.load_sync)

        def failed(error: ClientError) -> None:
            self.message.emit(str(error), True)

        self.session.read(self.session.api.sync_now, ok=ok, failed=failed)

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
        now = self.session.server_now()
        modules = self.modules()
        queues = self.session.state.queues()
        alerts = (
            monitor.pair_alerts(self.pair)
            + monitor.book_alerts(self.book)
            + monitor.device_alerts(self.devices())
            + monitor.calling_alerts(modules, now)
            + monitor.idle_alerts(modules, queues, now)
            + monitor.pause_alerts(modules, now, self.session.rule("pause_alert_min", 30))
            + monitor.capacity_alerts(figures)
            + monitor.last_issue_alerts(
                self.session.config, queues, now.astimezone(self.session.timezone)
            )
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
