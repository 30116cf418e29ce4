"""The welcome screen: the entities, search, appointments and any warning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import Screen, Texts
from macturnos.kiosk.screens.tiles import entity_suspension, paint_entity_tile
from macturnos.kiosk.widgets import (
    TileButton,
    TouchScrollArea,
    action_button,
    clear_layout,
    label,
    touch_px,
)


class HomeScreen(Screen):
    """Welcome: the entities, search, appointments, and any warning before starting."""

    idle = "none"
    entityChosen = Signal(str)  # noqa: N815 - Qt's naming
    searchChosen = Signal()  # noqa: N815
    appointmentChosen = Signal()  # noqa: N815

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.title = label(size=34, bold=True, colour=theme.NAVY)
        self.subtitle = label(size=22, colour=theme.INK)
        self.notice = label(size=20, bold=True, colour=theme.PAPER)
        self.notice.setContentsMargins(20, 14, 20, 14)
        self.notice.hide()
        actions = QHBoxLayout()
        actions.setSpacing(20)
        self.search = action_button(background=theme.NAVY, factor=1.4)
        self.appointment = action_button(background=theme.OK, factor=1.4)
        self.search.clicked.connect(self.searchChosen)
        self.appointment.clicked.connect(self.appointmentChosen)
        actions.addWidget(self.search, 1)
        actions.addWidget(self.appointment, 1)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(18)
        self.grid.setContentsMargins(0, 0, 8, 0)
        self.tiles: dict[str, TileButton] = {}
        for w in (self.title, self.subtitle, self.notice):
            self.box.addWidget(w)
        self.box.addLayout(actions)
        self.box.addWidget(TouchScrollArea(self.grid_host), 1)
        self._cols = 0

    def refresh(self) -> None:
        """Texts, entity tiles and the warnings (centre not open, printer)."""
        self.title.setText(self.tr("Bienvenida, bienvenido"))
        self.subtitle.setText(self.tr("Toque la entidad de su trámite para sacar su turno"))
        self.search.setText(self.tr("Buscar mi trámite"))
        self.appointment.setText(self.tr("Tengo una cita"))
        self._rebuild_tiles()
        self._show_notice()

    def _rebuild_tiles(self) -> None:
        cat = self.ctl.catalogue
        codes = [e.code for e in cat.entities] if cat else []
        cols = self.columns(3, 4)
        if list(self.tiles) != codes or cols != self._cols:
            clear_layout(self.grid)
            self.tiles.clear()
            self._cols = cols
            for i, ent in enumerate(cat.entities if cat else []):
                tile = TileButton(ent.colour, title_pt=26, min_height_factor=2.2)
                # The tiles share the whole screen: as large as the centre allows.
                tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                if ent.logo and Path(ent.logo).is_file():
                    tile.set_picture(QPixmap(ent.logo).scaledToHeight(touch_px(self, 1.2)))
                tile.clicked.connect(lambda _=False, c=ent.code: self.entityChosen.emit(c))
                self.tiles[ent.code] = tile
                self.grid.addWidget(tile, i // cols, i % cols)
                tile.show()
        for code, tile in self.tiles.items():
            shown = cat.entity(code) if cat else None
            if shown is not None:
                reason = entity_suspension(self.ctl, code, self.language)
                paint_entity_tile(tile, shown.short_name, shown.colour, reason)

    def _show_notice(self) -> None:
        notice = self.ctl.centre_notice()
        problem = self.ctl.printer_problem()
        text, colour = "", theme.WARNING
        if notice is not None:
            code, reason = notice
            if code == "CENTRE_NOT_OPENED":
                text = self.tr(
                    "El centro aún no está abierto. Podrá sacar su turno en cuanto "
                    "empiece la atención."
                )
            else:
                text = Texts.reason(code, reason, self.language)
            colour = theme.DANGER
        elif problem == "paper_out":
            text = self.tr(
                "La impresora no tiene papel. Puede sacar su turno: lo verá en "
                "pantalla para anotarlo. También puede acercarse a recepción."
            )
        elif problem == "offline":
            text = self.tr(
                "La impresora no funciona. Puede sacar su turno: lo verá en "
                "pantalla para anotarlo. También puede acercarse a recepción."
            )
        elif problem == "unknown":
            # A printer that does not answer (a network printer that is down) is no
            # better than a broken one: said before the citizen starts.
            text = self.tr(
                "La impresora no responde. Puede sacar su turno: lo verá en "
                "pantalla para anotarlo. También puede acercarse a recepción."
            )
        self.notice.setVisible(bool(text))
        self.notice.setText(text)
        self.notice.setStyleSheet(
            f"background: {colour}; color: {theme.PAPER}; font-size: 20pt; font-weight: bold;"
            " border-radius: 12px;"
        )

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's naming
        """Reflow the tiles for portrait or landscape."""
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.columns(3, 4) != self._cols:
            self._rebuild_tiles()
