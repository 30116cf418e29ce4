"""The advisor's window: the module picker, then the module's working screen.

`AdvisorView` holds the two pages (`module_picker.ModulePicker` and
`module_screen.ModuleScreen`, which it inherits so their widgets stay its
attributes), the connection banner and the message line, and renders the
presenter's state on every change and every second.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from macturnos.client.ui.widgets import ConnectionBanner
from macturnos.counter.advisor.module_picker import ModulePicker
from macturnos.counter.advisor.module_screen import ModuleScreen
from macturnos.counter.advisor.presenter import AdvisorPresenter
from macturnos.counter.widgets import MessageLine


class AdvisorView(ModulePicker, ModuleScreen):
    """The module picker and the module's working screen."""

    def __init__(self, presenter: AdvisorPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.session = presenter.session
        self.dialog = None
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
        presenter.message.connect(self.messages.show_message)
        self.session.linkChanged.connect(self._link)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self.refresh()

    # --- rendering -----------------------------------------------------------------------

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
