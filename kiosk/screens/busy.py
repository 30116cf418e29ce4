"""The short wait while a ticket is issued."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import Screen
from macturnos.kiosk.widgets import label


class BusyScreen(Screen):
    """While the ticket is issued and printed (a fraction of a second)."""

    idle = "none"
    citizen = False

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.text = label(size=34, bold=True, colour=theme.NAVY, align=Qt.AlignmentFlag.AlignCenter)
        self.box.addStretch(1)
        self.box.addWidget(self.text)
        self.box.addStretch(1)

    def refresh(self) -> None:
        """Text."""
        self.text.setText(self.tr("Un momento, por favor: preparando su turno…"))
