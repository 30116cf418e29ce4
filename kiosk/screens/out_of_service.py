"""The kiosk cannot issue tickets now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import Screen
from macturnos.kiosk.widgets import label


class OutOfServiceScreen(Screen):
    """The server cannot be reached, or the printer fails under the "out_of_service" policy."""

    idle = "none"
    citizen = False

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.starting = True
        self.printer = False
        """The printer, not the link, stops the kiosk (printer_failure: out_of_service)."""
        self.heading = label(
            size=40, bold=True, colour=theme.NAVY, align=Qt.AlignmentFlag.AlignCenter
        )
        self.body = label(size=26, align=Qt.AlignmentFlag.AlignCenter)
        self.hint = label(size=22, colour=theme.MUTED, align=Qt.AlignmentFlag.AlignCenter)
        self.box.addStretch(1)
        for w in (self.heading, self.body, self.hint):
            self.box.addWidget(w)
        self.box.addStretch(1)

    def refresh(self) -> None:
        """Texts: starting up, or the link was lost."""
        if self.printer:
            self.heading.setText(self.tr("Fuera de servicio momentáneamente"))
            self.body.setText(
                self.tr("La impresora de tickets no funciona. Por favor, acérquese a recepción.")
            )
            self.hint.setText(self.tr("El quiosco volverá a funcionar en cuanto se repare."))
            return
        if self.starting:
            self.heading.setText(self.tr("Iniciando el quiosco…"))
            self.body.setText(self.tr("Conectando con el sistema de turnos."))
        else:
            self.heading.setText(self.tr("Fuera de servicio momentáneamente"))
            self.body.setText(self.tr("Por favor, acérquese a recepción para recibir su turno."))
        self.hint.setText(self.tr("Reintentando la conexión automáticamente…"))
