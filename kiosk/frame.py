"""The kiosk's frame: header, screens and footer laid out, and its lock-down (no leaving)."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.client.ui.widgets import ClockLabel
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens import (
    AppointmentScreen,
    BusyScreen,
    HomeScreen,
    MessageScreen,
    OutOfServiceScreen,
    PinScreen,
    PreferentialScreen,
    Screen,
    SearchScreen,
    ServicesScreen,
    StaffScreen,
    TicketScreen,
)
from macturnos.kiosk.widgets import action_button, label, language_button

log = logging.getLogger("macturnos.kiosk.window")

LANGUAGE_NAMES = {"es": "Español", "qu": "Runasimi", "en": "English"}
"""Each language in its own name, so a citizen finds theirs whatever is on screen."""


class KioskFrame(QWidget):
    """The base of `KioskWindow`: its widgets, full screen, frameless and on top unless `windowed`.

    Navigation, languages and the controller's news are the window's business.
    """

    def __init__(
        self, controller: KioskController, *, windowed: bool = False, server_url: str = ""
    ) -> None:
        super().__init__()
        self.ctl = controller
        self.windowed = windowed
        self._may_close = windowed
        self.setObjectName("kiosk")
        self.setStyleSheet(f"QWidget#kiosk {{ background: #F8FAFC; }} {theme.focus_style()}")
        self.setWindowTitle("MAC Turnos - Quiosco")
        if not windowed:
            self.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )
        self._build_header()
        self._build_screens(controller, server_url)
        self._build_footer()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addWidget(self.stack, 1)
        box.addWidget(self.footer)

    def _build_header(self) -> None:
        self.header = QFrame()
        self.header.setStyleSheet(f"background: {theme.NAVY};")
        head = QHBoxLayout(self.header)
        head.setContentsMargins(40, 14, 40, 14)
        self.centre = label(size=24, bold=True, colour=theme.PAPER)
        self.clock = ClockLabel(ZoneInfo("America/Lima"), with_date=False)
        self.clock.setStyleSheet(f"color: {theme.PAPER}; font-size: 28pt; font-weight: bold;")
        # The hidden way to the staff menu: five taps on the clock.
        self.clock.installEventFilter(self)
        head.addWidget(self.centre, 1)
        head.addWidget(self.clock)

    def _build_screens(self, c: KioskController, server_url: str) -> None:
        self.stack = QStackedWidget()
        self.home = HomeScreen(c)
        self.services = ServicesScreen(c)
        self.search = SearchScreen(c)
        self.preferential = PreferentialScreen(c)
        self.busy = BusyScreen(c)
        self.ticket = TicketScreen(c)
        self.message = MessageScreen(c)
        self.appointment = AppointmentScreen(c)
        self.out_of_service = OutOfServiceScreen(c)
        self.pin = PinScreen(c)
        self.staff = StaffScreen(c)
        self.staff.server_url = server_url
        self.screens: dict[str, Screen] = {
            "home": self.home,
            "services": self.services,
            "search": self.search,
            "preferential": self.preferential,
            "busy": self.busy,
            "ticket": self.ticket,
            "message": self.message,
            "appointment": self.appointment,
            "out_of_service": self.out_of_service,
            "pin": self.pin,
            "staff": self.staff,
        }
        for screen in self.screens.values():
            self.stack.addWidget(screen)

    def _build_footer(self) -> None:
        self.footer = QFrame()
        self.footer.setStyleSheet("background: #E2E8F0;")
        foot = QHBoxLayout(self.footer)
        foot.setContentsMargins(40, 12, 40, 12)
        foot.setSpacing(16)
        self.back_button = action_button(background=theme.MUTED, size=20)
        self.home_button = action_button(background=theme.NAVY, size=20)
        self.back_button.clicked.connect(self.go_back)
        self.home_button.clicked.connect(lambda: self.go_home())
        foot.addWidget(self.back_button)
        foot.addWidget(self.home_button)
        foot.addStretch(1)
        self.language_buttons: dict[str, QPushButton] = {}
        for code, name in LANGUAGE_NAMES.items():
            b = language_button(name)
            b.clicked.connect(lambda _=False, lang=code: self.set_language(lang))
            foot.addWidget(b)
            self.language_buttons[code] = b

    def go_home(self, *, next_citizen: bool = False) -> None:
        """Back to the welcome screen (the window does)."""
        raise NotImplementedError

    def go_back(self) -> None:
        """One screen back (the window does)."""
        raise NotImplementedError

    def set_language(self, language: str) -> None:
        """Switch every text to `language` (the window does)."""
        raise NotImplementedError

    # --- the kiosk's lock-down ----------------------------------------------------------

    def start(self) -> None:
        """Show the window full screen (or windowed for development)."""
        if self.windowed:
            self.resize(1080, 1920 if self.screen().size().height() > 1920 else 960)
            self.show()
        else:
            self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Alt+F4 and the like do nothing unless the staff menu allowed it."""
        if self._may_close:
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Escape does not leave the kiosk."""
        if event.key() == Qt.Key.Key_Escape and not self._may_close:
            event.accept()
            return
        super().keyPressEvent(event)

    def leave_full_screen(self) -> None:
        """Staff only: an ordinary window that can be closed."""
        log.info("staff left full screen")
        self._may_close = True
        self.setWindowFlags(Qt.WindowType.Window)
        self.showNormal()
        self.go_home()

    def quit_kiosk(self) -> None:
        """Staff only: close the kiosk application."""
        log.info("staff closed the kiosk")
        self._may_close = True
        self.close()
        QApplication.quit()
