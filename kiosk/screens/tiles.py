"""Service tiles, shared by the entity's services and the search results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from macturnos.client.ui import theme
from macturnos.kiosk.catalogue import ServiceItem
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import GREY, GREY_INK, Texts
from macturnos.kiosk.widgets import TileButton, clear_layout

if TYPE_CHECKING:
    from macturnos.kiosk.screens.search import SearchScreen
    from macturnos.kiosk.screens.services import ServicesScreen


def paint_service_tile(
    tile: TileButton, svc: ServiceItem, ctl: KioskController, language: str, show_entity: bool
) -> None:
    """Draw a service's tile: its waiting figures, or greyed with why it gives no tickets."""
    av = ctl.availability(svc.code)
    entity = ctl.catalogue.entity(svc.entity) if ctl.catalogue else None
    title = f"{entity.short_name}: {svc.name}" if show_entity and entity else svc.name
    if av.available:
        tile.set_texts(title, Texts.waiting(av.waiting, av.estimated_wait_min))
        tile.set_colours(theme.PAPER, theme.INK, theme.MUTED)
        border = entity.colour if entity else theme.NAVY
        tile.setStyleSheet(
            f"TileButton {{ background: {theme.PAPER}; border: 3px solid {theme.MUTED};"
            f" border-left: 16px solid {border}; border-radius: 12px; }}"
            f" TileButton:pressed {{ border: 6px solid {theme.FOCUS}; }}"
        )
    else:
        # Greyed, never hidden: the citizen learns why and does not queue at reception.
        tile.set_texts(title, Texts.reason(av.code, av.reason, language))
        tile.set_colours(GREY, GREY_INK, theme.DANGER)
    tile.setProperty("service", svc.code)
    tile.setProperty("available", av.available)


def entity_suspension(ctl: KioskController, entity: str, language: str) -> str | None:
    """Why none of an entity's services gives tickets, when a supervisor suspended them.

    Said on the entity's tile on the home screen (the entity's own system is down, ...),
    so the citizen learns it before tapping; None while any of its services issues.
    """
    services = ctl.catalogue.services_of(entity) if ctl.catalogue else []
    if not services:
        return None
    states = [ctl.availability(s.code) for s in services]
    if any(av.available or av.code != "ISSUING_SUSPENDED" for av in states):
        return None
    return Texts.reason(states[0].code, states[0].reason, language)


def paint_entity_tile(tile: TileButton, name: str, colour: str, reason: str | None) -> None:
    """An entity's tile: its colour, or greyed with the reason its issuing is suspended."""
    tile.set_texts(name, reason)
    if reason:
        tile.set_colours(GREY, GREY_INK, theme.DANGER)
    else:
        tile.set_colours(colour)
    tile.setProperty("suspended", bool(reason))


def fill_services(
    screen: ServicesScreen | SearchScreen, services: list[ServiceItem], show_entity: bool
) -> None:
    """Show `services` as tiles; the same list only gets new texts (a tap is never lost)."""
    cols = screen.columns(1, 2)
    codes = [s.code for s in services]
    if [t.property("service") for t in screen.tiles] != codes or cols != screen.cols:
        clear_layout(screen.grid)
        screen.cols = cols
        screen.tiles = []
        for i, svc in enumerate(services):
            tile = TileButton(theme.PAPER, title_pt=20, min_height_factor=1.5)
            tile.clicked.connect(lambda _=False, c=svc.code: screen.tapped(c))
            screen.grid.addWidget(tile, i // cols, i % cols)
            tile.show()  # at once, not at the next event loop turn: the screen is drawn now
            screen.tiles.append(tile)
        screen.grid.setRowStretch(screen.grid.rowCount(), 1)
    for tile, svc in zip(screen.tiles, services, strict=True):
        paint_service_tile(tile, svc, screen.ctl, screen.language, show_entity)
