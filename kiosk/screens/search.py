"""Search for a service by name."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import Screen
from macturnos.kiosk.screens.tiles import fill_services
from macturnos.kiosk.widgets import Keyboard, TileButton, TouchScrollArea, label, touch_px


class SearchScreen(Screen):
    """Find a service by typing a few letters on the on-screen keyboard."""

    serviceChosen = Signal(str)  # noqa: N815
    unavailableChosen = Signal(str)  # noqa: N815

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.query = ""
        self.heading = label(size=28, bold=True, colour=theme.NAVY)
        self.field = label(size=28, bold=True)
        self.field.setMinimumHeight(touch_px(self, 1.2))
        self.field.setStyleSheet(
            f"background: {theme.PAPER}; color: {theme.INK}; font-size: 28pt;"
            f" border: 3px solid {theme.NAVY}; border-radius: 10px; padding: 6px 16px;"
        )
        self.count = label(size=18, colour=theme.MUTED)
        self.list_host = QWidget()
        self.grid = QGridLayout(self.list_host)
        self.grid.setSpacing(14)
        self.grid.setContentsMargins(0, 0, 8, 0)
        self.keyboard = Keyboard()
        self.keyboard.typed.connect(self._type)
        self.keyboard.erased.connect(self._erase)
        for w in (self.heading, self.field, self.count):
            self.box.addWidget(w)
        self.box.addWidget(TouchScrollArea(self.list_host), 1)
        self.box.addWidget(self.keyboard)
        self.tiles: list[TileButton] = []
        self.cols = 0

    def tapped(self, service: str) -> None:
        """A result was tapped: on to the next step, or to the reason it is closed."""
        if self.ctl.availability(service).available:
            self.serviceChosen.emit(service)
        else:
            self.unavailableChosen.emit(service)

    def reset(self) -> None:
        """Empty the search."""
        self.query = ""
        self.refresh()

    def type_text(self, text: str) -> None:
        """Type several characters (as taps would)."""
        for ch in text:
            self._type(ch)

    def _type(self, ch: str) -> None:
        if len(self.query) < 40:
            self.query += ch
            self.refresh()

    def _erase(self) -> None:
        self.query = self.query[:-1]
        self.refresh()

    def refresh(self) -> None:
        """Texts and results."""
        self.keyboard.retranslate()
        self.heading.setText(self.tr("Escriba una palabra de su trámite, por ejemplo «DNI»"))
        self.field.setText(self.query + "▏")
        cat = self.ctl.catalogue
        found = cat.search(self.query) if cat else []
        if not self.query.strip():
            self.count.setText(self.tr("Los resultados aparecen mientras escribe"))
        elif not found:
            self.count.setText(
                self.tr(
                    "No encontramos ese trámite. Pruebe con otra palabra o acérquese a recepción."
                )
            )
        else:
            self.count.setText(self.tr("Trámites encontrados: %n", "", len(found)))
        fill_services(self, found, True)
