"""The preferential attention question (Ley 28683), and the assistance a citizen needs.

Where a module serving the chosen service offers an assistance (sign-language
interpretation, ...), the screen offers it as a toggle above the answer: the ticket
then goes only to the modules that offer it, whatever the citizen answers below.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.catalogue import CategoryItem
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
        self.need = label(size=22, bold=True, colour=theme.NAVY)
        self.needs_row = QHBoxLayout()
        self.needs_row.setSpacing(18)
        for w in (self.service_label, self.question, self.law):
            self.box.addWidget(w)
        self.box.addWidget(self.host)
        self.box.addStretch(1)
        self.box.addWidget(self.need)
        self.box.addLayout(self.needs_row)
        self.box.addWidget(self.general)
        self.tiles: dict[str, TileButton] = {}
        self.need_buttons: dict[str, QPushButton] = {}
        self.assistance: str | None = None
        """The assistance the citizen asked for (a code of the centre file), or None."""

    def show_service(self, service: str) -> None:
        """Ask for this service (no assistance asked for yet)."""
        self.service = service
        self.assistance = None
        self.refresh()

    def toggle_assistance(self, code: str) -> None:
        """Ask for an assistance, or (tapped again) not."""
        self.assistance = None if self.assistance == code else code
        for key, button in self.need_buttons.items():
            button.setChecked(key == self.assistance)

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
        self._show_needs(cat.assistance_for(self.service) if cat and self.service else [])

    def _show_needs(self, kinds: list[CategoryItem]) -> None:
        """One toggle per assistance the service's modules offer (none: nothing shown)."""
        clear_layout(self.needs_row)
        self.need_buttons.clear()
        self.need.setText(self.tr("¿Necesita apoyo para comunicarse? Tóquelo antes de seguir:"))
        self.need.setVisible(bool(kinds))
        for kind in kinds:
            button = action_button(kind.name, background=theme.PAPER, size=22, factor=1.6)
            button.setCheckable(True)
            button.setChecked(kind.code == self.assistance)
            button.setStyleSheet(
                button.styleSheet()
                + f" QPushButton {{ color: {theme.NAVY}; border: 4px solid {theme.NAVY}; }}"
                + f" QPushButton:checked {{ background: {theme.NAVY}; color: {theme.PAPER}; }}"
            )
            button.clicked.connect(lambda _=False, code=kind.code: self.toggle_assistance(code))
            self.needs_row.addWidget(button)
            self.need_buttons[kind.code] = button

    def _category_name(self, code: str, name: str) -> str:
        # The four groups of the law have translations; a centre's own keeps its name.
        known = {
            "GESTANTE": self.tr("Mujer gestante"),
            "ADULTO_MAYOR": self.tr("Adulto mayor (60 años o más)"),
            "DISCAPACIDAD": self.tr("Persona con discapacidad"),
            "NINO_EN_BRAZOS": self.tr("Persona con niño en brazos"),
        }
        return known.get(code, name) if self.language != "es" else name
