"""The staff menu: kiosk, printer, server link, reprint and close."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from macturnos.client.ui import theme
from macturnos.hardware.printer import PaperState
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import Screen
from macturnos.kiosk.widgets import action_button, label


class StaffScreen(Screen):
    """Printer, paper and server status; reprint; leave full screen."""

    citizen = False
    reprint = Signal()
    leaveFullScreen = Signal()  # noqa: N815
    quitApp = Signal()  # noqa: N815
    back = Signal()

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.server_url = ""
        self.feedback = ""
        self.heading = label(size=30, bold=True, colour=theme.NAVY)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        table = QFrame()
        table.setStyleSheet(
            f"QFrame {{ border: 2px solid {theme.MUTED}; border-radius: 10px; }}"
            " QLabel { border: none; }"
        )
        grid = QGridLayout(table)
        grid.setContentsMargins(20, 16, 20, 16)
        grid.setSpacing(14)
        for i, key in enumerate(("kiosk", "printer", "paper", "server", "pending")):
            name, value = label(size=20, bold=True), label(size=20)
            grid.addWidget(name, i, 0)
            grid.addWidget(value, i, 1)
            self.rows[key] = (name, value)
        grid.setColumnStretch(1, 1)
        self.message = label(size=20, bold=True, colour=theme.OK)
        self.reprint_button = action_button(background=theme.NAVY)
        self.window_button = action_button(background=theme.WARNING)
        self.quit_button = action_button(background=theme.DANGER)
        self.back_button = action_button(background=theme.OK)
        self.reprint_button.clicked.connect(self.reprint)
        self.window_button.clicked.connect(self.leaveFullScreen)
        self.quit_button.clicked.connect(self.ask_quit)
        self.back_button.clicked.connect(self.back)
        # Closing leaves citizens without tickets: a second, explicit tap confirms it.
        self.confirm_box = QFrame()
        self.confirm_box.setStyleSheet(
            f"QFrame {{ border: 3px solid {theme.DANGER}; border-radius: 12px; }}"
            " QLabel { border: none; }"
        )
        confirm = QGridLayout(self.confirm_box)
        confirm.setContentsMargins(20, 16, 20, 16)
        confirm.setSpacing(16)
        self.confirm_text = label(size=22, bold=True, colour=theme.DANGER)
        self.confirm_quit = action_button(background=theme.DANGER)
        self.cancel_quit = action_button(background=theme.NAVY)
        self.confirm_quit.clicked.connect(self._quit_confirmed)
        self.cancel_quit.clicked.connect(self.cancel_ask)
        confirm.addWidget(self.confirm_text, 0, 0, 1, 2)
        confirm.addWidget(self.cancel_quit, 1, 0)
        confirm.addWidget(self.confirm_quit, 1, 1)
        self.confirm_box.hide()
        self.box.addWidget(self.heading)
        self.box.addWidget(table)
        self.box.addWidget(self.message)
        buttons = QGridLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.reprint_button, 0, 0)
        buttons.addWidget(self.window_button, 0, 1)
        buttons.addWidget(self.quit_button, 1, 0)
        buttons.addWidget(self.back_button, 1, 1)
        self.box.addLayout(buttons)
        self.box.addWidget(self.confirm_box)
        self.box.addStretch(1)

    def ask_quit(self) -> None:
        """ "Cerrar el quiosco": ask before closing."""
        self.confirm_box.show()
        self.refresh()

    def cancel_ask(self) -> None:
        """Keep the kiosk running."""
        self.confirm_box.hide()

    def _quit_confirmed(self) -> None:
        self.confirm_box.hide()
        self.quitApp.emit()

    def refresh(self) -> None:
        """Status figures and button texts."""
        ctl = self.ctl
        self.heading.setText(self.tr("Menú del personal"))
        status = ctl.printer_status
        paper = {
            PaperState.OK: self.tr("Con papel"),
            PaperState.NEAR_END: self.tr("Queda poco papel: cambie el rollo pronto"),
            PaperState.OUT: self.tr("Sin papel: cambie el rollo"),
            PaperState.UNKNOWN: self.tr("Desconocido"),
        }
        cat = ctl.catalogue
        values = {
            "kiosk": (
                self.tr("Quiosco"),
                f"{ctl.kiosk_code or '—'} {cat.kiosk_name if cat else ''}",
            ),
            "printer": (
                self.tr("Impresora"),
                status.reason if status else self.tr("Sin lectura todavía"),
            ),
            "paper": (self.tr("Papel"), paper[status.paper] if status else "—"),
            "server": (
                self.tr("Servidor"),
                (self.tr("Conectado") if ctl.usable else self.tr("Sin conexión"))
                + (f" · {self.server_url}" if self.server_url else ""),
            ),
            "pending": (self.tr("Turnos por anular"), str(len(ctl.journal.pending()))),
        }
        for key, (name, value) in values.items():
            self.rows[key][0].setText(name)
            self.rows[key][1].setText(value)
        self.message.setText(self.feedback)
        self.reprint_button.setText(self.tr("Reimprimir el último ticket"))
        self.window_button.setText(self.tr("Salir de pantalla completa"))
        self.quit_button.setText(self.tr("Cerrar el quiosco"))
        self.back_button.setText(self.tr("Volver a la atención"))
        self.confirm_text.setText(
            self.tr("¿Cerrar el quiosco? Los ciudadanos no podrán sacar turnos aquí.")
        )
        self.confirm_quit.setText(self.tr("Sí, cerrar el quiosco"))
        self.cancel_quit.setText(self.tr("No, seguir atendiendo"))
