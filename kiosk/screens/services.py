"""One entity's services, unavailable ones greyed with the reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from macturnos.kiosk.contrast import text_on
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import Screen
from macturnos.kiosk.screens.tiles import fill_services
from macturnos.kiosk.widgets import TileButton, TouchScrollArea, label


class ServicesScreen(Screen):
    """One entity's services, unavailable ones greyed with the reason."""

    serviceChosen = Signal(str)  # noqa: N815
    unavailableChosen = Signal(str)  # noqa: N815

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.entity: str | None = None
        self.band = label(size=30, bold=True)
        self.band.setContentsMargins(24, 16, 24, 16)
        self.hint = label(size=20)
        self.list_host = QWidget()
        self.grid = QGridLayout(self.list_host)
        self.grid.setSpacing(14)
        self.grid.setContentsMargins(0, 0, 8, 0)
        self.box.addWidget(self.band)
        self.box.addWidget(self.hint)
        self.box.addWidget(TouchScrollArea(self.list_host), 1)
        self.tiles: list[TileButton] = []
        self.cols = 0

    def tapped(self, service: str) -> None:
        """A tile was tapped: on to the next step, or to the reason it is closed."""
        if self.ctl.availability(service).available:
            self.serviceChosen.emit(service)
        else:
            self.unavailableChosen.emit(service)

    def show_entity(self, entity: str) -> None:
        """List this entity's services."""
        self.entity = entity
        self.refresh()

    def refresh(self) -> None:
        """Texts, tiles and availability."""
        cat = self.ctl.catalogue
        ent = cat.entity(self.entity) if cat and self.entity else None
        if ent is None or cat is None:
            return
        self.band.setText(ent.name)
        self.band.setStyleSheet(
            f"background: {ent.colour}; color: {text_on(ent.colour)};"
            " font-size: 28pt; font-weight: bold; border-radius: 12px;"
        )
        self.hint.setText(self.tr("Toque su trámite"))
        fill_services(self, cat.services_of(ent.code), False)
