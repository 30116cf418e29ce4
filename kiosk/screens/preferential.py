"""The preferential attention question (Ley 28683)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.icons import pictogram
from macturnos.kiosk.screens.base import Screen
from macturnos.kiosk.widgets import TileButton, action_button, clear_layout, label, touch_px


class PreferentialScreen(Screen):
    """Does the citizen belong to a preferential group (Ley 28683)?"""

    chosen = Signal(object)  # a category code, or None for general attention

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.service: str | None = None
        self.service_label = label(size=22, colour=theme.MUTED)
        self.question = label(size=30, bold=True, colour=theme.NAVY)
        self.law = label(size=18, colour=theme.MUTED)
        self.host = QWidget()
        self.grid = QGridLayout(self.host)
        self.grid.setSpacing(18)
        self.general = action_button(background=theme.NAVY, size=26, factor=1.8)
        self.general.clicked.connect(lambda: self.chosen.emit(None))
        for w in (self.service_label, self.question, self.law):
            self.box.addWidget(w)
        self.box.addWidget(self.host)
        self.box.addStretch(1)
        self.box.addWidget(self.general)
        self.tiles: dict[str, TileButton] = {}

    def show_service(self, service: str) -> None:
        """Ask for this service."""
        self.service = service
        self.refresh()

    def refresh(self) -> None:
        """Texts and category tiles."""
        cat = self.ctl.catalogue
        svc = cat.service(self.service) if cat and self.service else None
        self.service_label.setText(svc.name if svc else "")
        self.question.setText(self.tr("¿Necesita atención preferente?"))
        self.law.setText(self.tr("Por ley tienen prioridad (Ley 28683):"))
        self.general.setText(self.tr("No, atención general"))
        clear_layout(self.grid)
        self.tiles.clear()
        cols = self.columns(2, 4)
        size = touch_px(self, 2.2)
        for i, c in enumerate(cat.categories if cat else []):
            tile = TileButton(theme.PAPER, title_pt=22, min_height_factor=4.0, vertical=True)
            tile.setStyleSheet(
                f"TileButton {{ background: {theme.PAPER}; border: 4px solid {theme.NAVY};"
                f" border-radius: 14px; }} TileButton:pressed {{ border: 6px solid {theme.FOCUS}; }}"
            )
            tile.set_texts(self._category_name(c.code, c.name))
            tile.set_picture(pictogram(c.icon, size, theme.NAVY))
            tile.clicked.connect(lambda _=False, code=c.code: self.chosen.emit(code))
            self.grid.addWidget(tile, i // cols, i % cols)
            tile.show()
            self.tiles[c.code] = tile

    def _category_name(self, code: str, name: str) -> str:
        # The four groups of the law have translations; a centre's own keeps its name.
        known = {
            "GESTANTE": self.tr("Mujer gestante"),
            "ADULTO_MAYOR": self.tr("Adulto mayor (60 años o más)"),
            "DISCAPACIDAD": self.tr("Persona con discapacidad"),
            "NINO_EN_BRAZOS": self.tr("Persona con niño en brazos"),
        }
        return known.get(code, name) if self.language != "es" else name
