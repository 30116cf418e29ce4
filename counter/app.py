"""The counter app's window: log in, then the screens of the staff member's role."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from ruamel.yaml import YAML

from macturnos.client.connection import Connection
from macturnos.client.ui import theme
from macturnos.client.ui.app import (
    Translations,
    app_arguments,
    configure_logging,
    create_application,
)
from macturnos.client.ui.widgets import ClockLabel
from macturnos.counter.advisor import AdvisorPresenter, AdvisorView
from macturnos.counter.dialogs import ConfirmDialog
from macturnos.counter.reception import ReceptionPresenter, ReceptionView
from macturnos.counter.session import ADVISOR, ORIENTATOR, CounterSession
from macturnos.counter.supervisor import SupervisorPresenter, SupervisorView
from macturnos.counter.widgets import (
    ActionButton,
    MessageLine,
    PageStack,
    big_label,
    counter_style,
)
from macturnos.hardware.printer import TicketPrinter, open_printer
from macturnos.hardware.settings import PrinterSettings

log = logging.getLogger("macturnos.counter")

I18N_DIR = Path(__file__).resolve().parent / "i18n"
TRANSLATION_DOMAIN = "counter"


def load_printer(value: str | None) -> TicketPrinter | None:
    """The reception printer: None, "simulated", or a YAML file of printer settings."""
    if not value:
        return None
    if value == "simulated":
        return open_printer(PrinterSettings(connector="simulated"))
    data = YAML(typ="safe").load(Path(value).read_text(encoding="utf-8")) or {}
    return open_printer(PrinterSettings.model_validate(data))


class LoginView(QWidget):
    """User and password; the server's refusal is shown as it comes."""

    def __init__(self, session: CounterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(620)
        form_box = QVBoxLayout(box)
        title = big_label(28)
        title.setText(self.tr("MAC Turnos · Módulos de atención"))
        subtitle = QLabel(self.tr("Ingrese con su usuario y contraseña."))
        subtitle.setStyleSheet(f"color: {theme.MUTED}; font-size: 17px;")
        form = QFormLayout()
        form.setVerticalSpacing(14)
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Usuario"))
        self.username.setMaxLength(60)
        self.password = QLineEdit()
        self.password.setAccessibleName(self.tr("Contraseña"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)
        user_label = QLabel(self.tr("Usuario:"))
        pass_label = QLabel(self.tr("Contraseña:"))
        for w in (user_label, pass_label):
            w.setStyleSheet("font-size: 17px;")
        form.addRow(user_label, self.username)
        form.addRow(pass_label, self.password)
        self.login_button = ActionButton(self.tr("Ingresar"), primary=True)
        self.login_button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.error = MessageLine()
        self.server_label = QLabel()
        self.server_label.setStyleSheet(f"color: {theme.MUTED}; font-size: 14px;")
        form_box.addWidget(title)
        form_box.addWidget(subtitle)
        form_box.addSpacing(12)
        form_box.addLayout(form)
        form_box.addSpacing(8)
        form_box.addWidget(self.login_button)
        form_box.addWidget(self.error)
        form_box.addWidget(self.server_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        server = session.connection.server_url
        self.server_label.setText(
            self.tr("Servidor: {url}").format(url=server)
            if server
            else self.tr("Servidor: se busca en la red del centro")
        )
        session.loginFailed.connect(self._failed)
        session.loggedIn.connect(self._done)
        session.loggedOut.connect(self._logged_out)

    @Slot()
    def submit(self) -> None:
        """Send the user and password."""
        user, password = self.username.text().strip(), self.password.text()
        if not user or not password:
            self.error.show_error(self.tr("Escriba su usuario y su contraseña."))
            return
        if self.session.login(user, password):
            self.login_button.setEnabled(False)
            self.error.clear_message()

    @Slot(str)
    def _failed(self, reason: str) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.error.show_error(reason)

    @Slot()
    def _done(self) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.error.clear_message()

    @Slot(str)
    def _logged_out(self, reason: str) -> None:
        self.login_button.setEnabled(True)
        if reason:
            self.error.show_error(reason)
        else:
            self.error.clear_message()
        self.username.setFocus()


class CounterWindow(QMainWindow):
    """Login, then the advisor's, orientator's or supervisor's screens."""

    def __init__(self, session: CounterSession, printer: TicketPrinter | None = None) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(self.tr("MAC Turnos · Módulos de atención"))
        self.setStyleSheet(counter_style())
        self.advisor = AdvisorPresenter(session, self)
        self.logout_dialog: ConfirmDialog | None = None
        self.reception = ReceptionPresenter(session, printer, self)
        self.supervisor = SupervisorPresenter(session, self)

        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        self.header = self._build_header()
        root.addWidget(self.header)
        self.pages = PageStack()
        self.login_view = LoginView(session)
        self.advisor_view = AdvisorView(self.advisor)
        self.reception_view = ReceptionView(self.reception)
        self.supervisor_view = SupervisorView(self.supervisor, self.reception)
        for page in (self.login_view, self.advisor_view, self.reception_view, self.supervisor_view):
            self.pages.addWidget(page)
        root.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        session.loggedIn.connect(self._logged_in)
        session.loggedOut.connect(self._logged_out)
        session.snapshotReady.connect(self._follow_server_clock)
        self._logged_out("")

    def _build_header(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("header")
        bar.setStyleSheet(
            f"#header {{ background: {theme.NAVY}; }} #header QLabel {{ color: {theme.PAPER};"
            " background: transparent; }"
        )
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 6, 16, 6)
        self.centre_label = big_label(16)
        self.user_label = QLabel()
        self.user_label.setStyleSheet("font-size: 16px;")
        self.clock = ClockLabel(self.session.timezone, with_date=False)
        self.clock.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.logout_button = QPushButton(self.tr("Cerrar sesión"))
        self.logout_button.clicked.connect(self.ask_logout)
        row.addWidget(self.centre_label, 1)
        row.addWidget(self.user_label)
        row.addSpacing(20)
        row.addWidget(self.clock)
        row.addSpacing(20)
        row.addWidget(self.logout_button)
        return bar

    @Slot()
    def ask_logout(self) -> None:
        """Log out; with a citizen called or served at the module, say what happens first.

        The server never orphans that ticket (it goes back to the front of its queue),
        but the advisor should finish or transfer the citizen in front of them first.
        """
        ticket = self.advisor.ticket() if self.advisor.module_number is not None else None
        if ticket is None:
            self.session.logout()
            return
        self.logout_dialog = ConfirmDialog(
            self.tr("¿Cerrar sesión?"),
            self.tr(
                "El turno {turno} sigue en el módulo {modulo}. Si cierra sesión, vuelve al "
                "inicio de su cola y lo llamará otro asesor. Para atenderlo o derivarlo, "
                "cancele y termine primero."
            ).format(turno=ticket.get("number"), modulo=self.advisor.module_number),
            self,
        )
        self.logout_dialog.ok_button.setText(self.tr("Sí, cerrar sesión"))
        self.logout_dialog.submitted.connect(self.session.logout)
        self.logout_dialog.open()

    def role_name(self, role: str) -> str:
        """The role as staff read it."""
        names = {
            "advisor": self.tr("Asesor(a)"),
            "orientator": self.tr("Orientador(a)"),
            "supervisor": self.tr("Supervisor(a)"),
            "coordinator": self.tr("Coordinador(a)"),
        }
        return names.get(role, role)

    @Slot()
    def _logged_in(self) -> None:
        s = self.session
        self.centre_label.setText(str((s.config.get("centre") or {}).get("name") or ""))
        self.user_label.setText(
            f"{s.user.get('full_name') or s.user.get('username')} · {self.role_name(s.role)}"
        )
        self.clock.tz = s.timezone
        self._follow_server_clock()
        self.header.show()
        if s.role == ADVISOR:
            page: QWidget = self.advisor_view
            self.advisor.module_number = None
            self.advisor_view.refresh()
        elif s.role == ORIENTATOR:
            page = self.reception_view
            self.reception.refresh_queues()
            self.reception_view.refresh()
        else:
            page = self.supervisor_view
            self.reception.refresh_queues()
            self.supervisor_view.refresh()
        self.pages.setCurrentWidget(page)
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _follow_server_clock(self) -> None:
        self.clock.tz = self.session.timezone
        self.clock.offset = self.session.clock_offset
        self.clock.refresh()

    @Slot(str)
    def _logged_out(self, _reason: str) -> None:
        self.header.hide()
        self.pages.setCurrentWidget(self.login_view)
        self.login_view.username.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's naming
        """Leave the link cleanly when the window closes."""
        self.session.close()
        super().closeEvent(event)


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The counter's command line: the common options plus the reception printer."""
    p = app_arguments("MAC Turnos: módulos de atención, orientación y supervisión", device=False)
    p.add_argument(
        "--printer",
        help='reception ticket printer: "simulated" or a YAML file of printer settings',
    )
    return p.parse_args(list(argv))


def main(argv: Sequence[str]) -> int:
    """Run the counter app until its window closes."""
    args = parse_arguments(argv[1:])
    configure_logging(args.verbose)
    app = create_application(argv, "MAC Turnos módulos")
    Translations(app, I18N_DIR, TRANSLATION_DOMAIN).use(args.lang)
    session = CounterSession(Connection(args.server, args.centre))
    window = CounterWindow(session, load_printer(args.printer))
    if args.windowed:
        # Never larger than the screen: a 1366x768 laptop gets a window that fits.
        screen = app.primaryScreen()
        size = QSize(1440, 900)
        window.resize(size.boundedTo(screen.availableSize()) if screen is not None else size)
        window.show()
    else:
        window.showFullScreen()
    return app.exec()
