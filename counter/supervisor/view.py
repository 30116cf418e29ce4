"""The supervisor's window: the live monitor with alerts, the ticket desk, the day's tab.

`SupervisorView` holds three tabs: the monitor (`monitor_tab.MonitorTab`, which
it inherits so its widgets stay its attributes), reception's ticket desk and the
day's opening and closing; it renders the presenter every second and on change.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from macturnos.client.ui.widgets import ConnectionBanner
from macturnos.counter.day import DayView
from macturnos.counter.reception import ReceptionPresenter, ReceptionView
from macturnos.counter.supervisor.book import BookTab
from macturnos.counter.supervisor.monitor_tab import MonitorTab
from macturnos.counter.supervisor.presenter import SupervisorPresenter
from macturnos.counter.widgets import MessageLine


class SupervisorView(MonitorTab):
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
        # The desk is the orientator's screen; here it scrolls rather than make the
        # window wider than a 1366 px laptop (a tab widget asks for its widest page).
        self.reception_tab = QScrollArea()
        self.reception_tab.setWidgetResizable(True)
        self.reception_tab.setFrameShape(QScrollArea.Shape.NoFrame)
        self.reception_tab.setWidget(self.reception_view)
        self.day_view = DayView(presenter.day)
        self.day_tab = self.day_view
        self.tabs.addTab(self.monitor_tab, self.tr("Monitor del centro"))
        self.tabs.addTab(self.reception_tab, self.tr("Recepción y turnos"))
        self.tabs.addTab(self.day_tab, self.tr("Apertura y cierre del día"))
        self.book_tab = BookTab(self.session)
        self.tabs.addTab(self.book_tab, self.tr("Libro de reclamaciones"))
        self.tabs.currentChanged.connect(
            lambda _i: self.book_tab.load() if self.tabs.currentWidget() is self.book_tab else None
        )
        root.addWidget(self.tabs, 1)
        self.messages = MessageLine(collapse=True)
        root.addWidget(self.messages)
        presenter.changed.connect(self.refresh)
        presenter.message.connect(self.messages.show_message)
        self.session.linkChanged.connect(lambda *_: self.refresh())
        self.session.busyChanged.connect(lambda *_: self._refresh_buttons())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(1000)
        self.refresh()

    # --- rendering ---------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Render figures, alerts and modules (every second, and on every change)."""
        if not self.presenter.active:
            return
        self.banner.set_connected(self.session.connected, self.session.disabled_reason())
        figures = self.presenter.figures()
        self._render_alerts(self.presenter.alerts(figures))
        self._render_tables(figures)
        self._render_lines()
        self._refresh_buttons()
