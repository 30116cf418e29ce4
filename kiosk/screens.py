"""The kiosk's screens: layout and texts only; every decision is the controller's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.hardware.printer import PaperState
from macturnos.kiosk.catalogue import ServiceItem
from macturnos.kiosk.controller import IssueOutcome, KioskController
from macturnos.kiosk.icons import pictogram
from macturnos.kiosk.widgets import (
    Keyboard,
    TileButton,
    TouchScrollArea,
    action_button,
    clear_layout,
    label,
    recolour,
    touch_px,
)
from macturnos.messages import citizen_reason, unavailable_now

GREY = "#E5E7EB"
GREY_INK = "#374151"
DNI_DIGITS = 8
MAX_CODE = 20


class Texts:
    """Citizen texts shared by several screens (context "Texts" in the .ts files)."""

    @staticmethod
    def reason(code: str | None, server_reason: str | None, language: str) -> str:
        """Why a service gives no tickets now, in the citizen's language.

        The server's Spanish reason holds figures (capacity, hours); the other
        languages show the catalogue's short, field-free text for its code.
        """
        if language == "es" and server_reason:
            return server_reason
        generic = citizen_reason(code, language)
        if generic is not None:
            return generic
        return server_reason or unavailable_now(language)

    @staticmethod
    def waiting(waiting: int, estimate: int | None) -> str:
        """ "3 personas en espera · unos 25 min"."""
        if waiting == 0:
            return QCoreApplication.translate("Texts", "Nadie en espera")
        if waiting == 1:
            people = QCoreApplication.translate("Texts", "1 persona en espera")
        else:
            people = QCoreApplication.translate("Texts", "{n} personas en espera").format(n=waiting)
        if estimate is None:
            return people
        return f"{people} · " + QCoreApplication.translate("Texts", "unos {m} min").format(
            m=estimate
        )

    @staticmethod
    def estimate(minutes: int | None) -> str:
        """The estimated wait line of the ticket screen."""
        if minutes is None:
            return QCoreApplication.translate("Texts", "Tiempo de espera: por confirmar")
        return QCoreApplication.translate("Texts", "Tiempo de espera aproximado: {m} min").format(
            m=minutes
        )


class Screen(QWidget):
    """One page of the kiosk. `idle` says which timeout applies on it."""

    idle = "normal"  # "none", "normal", "confirmation" or "on_screen"
    citizen = True  # shows the language buttons and the way home

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctl = controller
        self.language = "es"
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(40, 24, 40, 24)
        self.box.setSpacing(20)

    def refresh(self) -> None:
        """Draw every text again (language, live figures)."""

    def columns(self, portrait: int, landscape: int) -> int:
        """How many columns fit the window's orientation."""
        top = self.window()
        return landscape if top.width() > top.height() else portrait


def _paint_service_tile(
    tile: TileButton, svc: ServiceItem, ctl: KioskController, language: str, show_entity: bool
) -> None:
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
            ent = cat.entity(code) if cat else None
            if ent is not None:
                tile.set_texts(ent.short_name)

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
            f"background: {ent.colour}; color: {theme.readable_on(ent.colour)};"
            " font-size: 28pt; font-weight: bold; border-radius: 12px;"
        )
        self.hint.setText(self.tr("Toque su trámite"))
        _fill(self, cat.services_of(ent.code), False)


def _fill(
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
        _paint_service_tile(tile, svc, screen.ctl, screen.language, show_entity)


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
            self.count.setText(self.tr("Trámites encontrados: {n}").format(n=len(found)))
        _fill(self, found, True)


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


class TicketScreen(Screen):
    """The ticket: "take your ticket", or shown large when it could not be printed."""

    idle = "confirmation"
    done = Signal()

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.outcome: IssueOutcome | None = None
        self.alert = label(
            size=24, bold=True, colour=theme.PAPER, align=Qt.AlignmentFlag.AlignCenter
        )
        self.alert.setContentsMargins(20, 16, 20, 16)
        self.heading = label(
            size=30, bold=True, colour=theme.NAVY, align=Qt.AlignmentFlag.AlignCenter
        )
        self.number = label(
            size=120, bold=True, colour=theme.INK, wrap=False, align=Qt.AlignmentFlag.AlignCenter
        )
        self.service = label(size=24, align=Qt.AlignmentFlag.AlignCenter)
        self.preferential = label(
            size=22, bold=True, colour=theme.OK, align=Qt.AlignmentFlag.AlignCenter
        )
        self.ahead = label(size=22, align=Qt.AlignmentFlag.AlignCenter)
        self.wait = label(size=22, align=Qt.AlignmentFlag.AlignCenter)
        self.advice = label(
            size=22, bold=True, colour=theme.NAVY, align=Qt.AlignmentFlag.AlignCenter
        )
        self.ok = action_button(background=theme.OK, size=26, factor=1.6)
        self.ok.clicked.connect(self.done)
        self.box.addWidget(self.alert)
        self.box.addStretch(1)
        for w in (
            self.heading,
            self.number,
            self.service,
            self.preferential,
            self.ahead,
            self.wait,
            self.advice,
        ):
            self.box.addWidget(w)
        self.box.addStretch(1)
        self.box.addWidget(self.ok)

    def show_outcome(self, outcome: IssueOutcome) -> None:
        """Show a ticket just obtained."""
        self.outcome = outcome
        self.idle = "confirmation" if outcome.printed else "on_screen"
        self.refresh()

    def refresh(self) -> None:
        """Texts of the current ticket."""
        o = self.outcome
        if o is None:
            return
        t = o.ticket
        self.number.setText(t.number)
        self.service.setText(f"{t.entity_name} · {t.service_name}")
        self.preferential.setVisible(bool(t.preferential) or bool(t.appointment))
        self.preferential.setText(
            self.tr("Atención preferente")
            if t.preferential
            else self.tr("Con cita: {hora}").format(hora=(t.appointment or "")[-5:])
        )
        ahead = t.people_ahead
        self.ahead.setText(
            self.tr("Nadie delante de usted")
            if ahead == 0
            else self.tr("1 persona delante de usted")
            if ahead == 1
            else self.tr("{n} personas delante de usted").format(n=ahead)
        )
        self.wait.setText(Texts.estimate(t.estimated_wait_min))
        if o.printed:
            self.alert.hide()
            self.heading.setText(self.tr("Retire su ticket"))
            self.advice.setText(self.tr("Espere su llamado en la pantalla"))
            self.ok.setText(self.tr("Listo"))
            recolour(self.number, theme.INK)
            self.number.setStyleSheet(self.number.styleSheet() + " font-size: 120pt;")
        else:
            self.alert.show()
            self.alert.setText(
                self.tr("No pudimos imprimir su ticket")
                if not o.paper_out
                else self.tr("La impresora se quedó sin papel")
            )
            self.alert.setStyleSheet(
                f"background: {theme.DANGER}; color: {theme.PAPER}; font-size: 28pt;"
                " font-weight: bold; border-radius: 12px; padding: 24px;"
            )
            self.heading.setText(self.tr("Su número de turno es"))
            self.advice.setText(
                self.tr("Anote su número o tómele una foto. Si lo necesita, acérquese a recepción.")
            )
            self.ok.setText(self.tr("Ya lo anoté"))
            recolour(self.number, theme.NAVY)
            self.number.setStyleSheet(self.number.styleSheet() + " font-size: 170pt;")


class MessageScreen(Screen):
    """A refusal or notice: what happened and what to do."""

    appointmentChosen = Signal()  # noqa: N815
    done = Signal()

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.code = ""
        self.reason = ""
        self.heading = label(
            size=30, bold=True, colour=theme.DANGER, align=Qt.AlignmentFlag.AlignCenter
        )
        self.body = label(size=24, align=Qt.AlignmentFlag.AlignCenter)
        self.hint = label(size=20, colour=theme.MUTED, align=Qt.AlignmentFlag.AlignCenter)
        self.appointment = action_button(background=theme.OK, factor=1.4)
        self.appointment.clicked.connect(self.appointmentChosen)
        self.ok = action_button(background=theme.NAVY, factor=1.4)
        self.ok.clicked.connect(self.done)
        self.box.addStretch(1)
        for w in (self.heading, self.body, self.hint):
            self.box.addWidget(w)
        self.box.addStretch(1)
        self.box.addWidget(self.appointment)
        self.box.addWidget(self.ok)

    def show_message(self, code: str, reason: str) -> None:
        """Show a refusal code with the server's Spanish reason."""
        self.code, self.reason = code, reason
        self.refresh()

    def refresh(self) -> None:
        """Texts."""
        self.appointment.setText(self.tr("Tengo una cita"))
        self.appointment.setVisible(self.code == "SERVICE_APPOINTMENT_ONLY")
        self.ok.setText(self.tr("Volver al inicio"))
        self.hint.setText(self.tr("Si tiene dudas, acérquese a recepción."))
        if self.code == "SERVER_UNREACHABLE":
            self.heading.setText(self.tr("No se pudo entregar el turno"))
            self.body.setText(self.tr("Se perdió la conexión. Inténtelo de nuevo en un momento."))
        elif self.code == "APPOINTMENT_NOT_FOUND":
            self.heading.setText(self.tr("No encontramos su cita"))
            self.body.setText(
                self.reason
                if self.language == "es"
                else self.tr("Revise el número e inténtelo de nuevo.")
            )
        elif self.code == "APPOINTMENT_ALREADY_CHECKED_IN":
            self.heading.setText(self.tr("Su cita ya fue registrada"))
            self.body.setText(self.reason)
        else:
            self.heading.setText(self.tr("Este trámite no entrega turnos ahora"))
            self.body.setText(Texts.reason(self.code, self.reason, self.language))


class AppointmentScreen(Screen):
    """ "Tengo una cita": the DNI (8 digits) or the booking code, typed on screen.

    The DNI stays in this widget only until the request leaves or the screen is
    left; it is never logged nor written anywhere.
    """

    submitted = Signal(str, str)  # "dni" or "code", the value

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.mode = "dni"
        self.value = ""
        self.heading = label(size=30, bold=True, colour=theme.NAVY)
        modes = QHBoxLayout()
        self.by_dni = action_button(background=theme.NAVY, size=20)
        self.by_code = action_button(background=theme.NAVY, size=20)
        self.by_dni.clicked.connect(lambda: self.set_mode("dni"))
        self.by_code.clicked.connect(lambda: self.set_mode("code"))
        modes.addWidget(self.by_dni, 1)
        modes.addWidget(self.by_code, 1)
        self.prompt = label(size=22)
        self.field = label(size=40, bold=True, align=Qt.AlignmentFlag.AlignCenter, wrap=False)
        self.field.setMinimumHeight(touch_px(self, 1.4))
        self.field.setStyleSheet(
            f"background: {theme.PAPER}; color: {theme.INK}; font-size: 40pt; font-weight: bold;"
            f" border: 3px solid {theme.NAVY}; border-radius: 10px; letter-spacing: 6px;"
        )
        self.check = label(size=20, bold=True)
        self.keypad = Keyboard(digits_only=True)
        self.keyboard = Keyboard()
        for k in (self.keypad, self.keyboard):
            k.typed.connect(self._type)
            k.erased.connect(self._erase)
        self.submit = action_button(background=theme.OK, size=26, factor=1.6)
        self.submit.clicked.connect(self._submit)
        self.box.addWidget(self.heading)
        self.box.addLayout(modes)
        for w in (self.prompt, self.field, self.check):
            self.box.addWidget(w)
        self.keypad.setMinimumWidth(touch_px(self, 9))
        self.box.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.box.addWidget(self.keyboard)
        self.box.addWidget(self.submit)
        self.box.addStretch(1)
        self.set_mode("dni")

    def set_mode(self, mode: str) -> None:
        """Switch between DNI and booking code (clearing what was typed)."""
        self.mode = mode
        self.value = ""
        self.keypad.setVisible(mode == "dni")
        self.keyboard.setVisible(mode == "code")
        self.refresh()

    def clear(self) -> None:
        """Forget what was typed (leaving the screen, or sent)."""
        self.set_mode("dni")

    def _type(self, ch: str) -> None:
        limit = DNI_DIGITS if self.mode == "dni" else MAX_CODE
        if ch == " " or len(self.value) >= limit:
            return
        self.value += ch
        self.refresh()

    def _erase(self) -> None:
        self.value = self.value[:-1]
        self.refresh()

    def valid(self) -> bool:
        """Whether the typed value can be sent."""
        if self.mode == "dni":
            return len(self.value) == DNI_DIGITS and self.value.isdigit()
        return 3 <= len(self.value) <= MAX_CODE

    def _submit(self) -> None:
        if self.valid():
            value, mode = self.value, self.mode
            self.clear()
            self.submitted.emit(mode, value)

    def refresh(self) -> None:
        """Texts and validation."""
        self.keypad.retranslate()
        self.keyboard.retranslate()
        self.heading.setText(self.tr("Tengo una cita"))
        self.by_dni.setText(self.tr("Con mi DNI"))
        self.by_code.setText(self.tr("Con mi código de reserva"))
        for b, m in ((self.by_dni, "dni"), (self.by_code, "code")):
            b.setProperty("selected", m == self.mode)
            b.setStyleSheet(
                f"QPushButton {{ background: {theme.NAVY if m == self.mode else theme.PAPER};"
                f" color: {theme.PAPER if m == self.mode else theme.NAVY}; font-size: 20pt;"
                f" font-weight: bold; border: 3px solid {theme.NAVY}; border-radius: 12px;"
                " padding: 8px 16px; }"
            )
        if self.mode == "dni":
            self.prompt.setText(self.tr("Escriba su número de DNI (8 dígitos)"))
            shown = " ".join(self.value.ljust(DNI_DIGITS, "_"))
            if not self.value:
                check = ""
            elif self.valid():
                check = self.tr("Número completo")
            else:
                check = self.tr("Faltan {n} dígitos").format(n=DNI_DIGITS - len(self.value))
        else:
            self.prompt.setText(self.tr("Escriba el código de su reserva"))
            shown = self.value or " "
            check = "" if not self.value or self.valid() else self.tr("El código es muy corto")
        self.field.setText(shown)
        self.check.setText(check)
        recolour(self.check, theme.OK if self.valid() else theme.WARNING)
        self.submit.setText(self.tr("Continuar"))
        self.submit.setEnabled(self.valid())


class OutOfServiceScreen(Screen):
    """The server cannot be reached: say so, and keep trying on its own."""

    idle = "none"
    citizen = False

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.starting = True
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
        if self.starting:
            self.heading.setText(self.tr("Iniciando el quiosco…"))
            self.body.setText(self.tr("Conectando con el sistema de turnos."))
        else:
            self.heading.setText(self.tr("Fuera de servicio momentáneamente"))
            self.body.setText(self.tr("Por favor, acérquese a recepción para recibir su turno."))
        self.hint.setText(self.tr("Reintentando la conexión automáticamente…"))


class PinScreen(Screen):
    """The staff PIN (digits, masked)."""

    citizen = False
    entered = Signal(str)
    cancelled = Signal()

    def __init__(self, controller: KioskController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.value = ""
        self.error = ""
        self.heading = label(
            size=30, bold=True, colour=theme.NAVY, align=Qt.AlignmentFlag.AlignCenter
        )
        self.field = label(size=40, bold=True, align=Qt.AlignmentFlag.AlignCenter, wrap=False)
        self.message = label(
            size=20, bold=True, colour=theme.DANGER, align=Qt.AlignmentFlag.AlignCenter
        )
        self.keypad = Keyboard(digits_only=True)
        self.keypad.typed.connect(self._type)
        self.keypad.erased.connect(self._erase)
        buttons = QHBoxLayout()
        self.cancel = action_button(background=theme.MUTED)
        self.enter = action_button(background=theme.OK)
        self.cancel.clicked.connect(self._cancel)
        self.enter.clicked.connect(self._enter)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.enter)
        for w in (self.heading, self.field, self.message):
            self.box.addWidget(w)
        self.keypad.setMinimumWidth(touch_px(self, 9))
        self.box.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.box.addLayout(buttons)
        self.box.addStretch(1)

    def clear(self, error: str = "") -> None:
        """Empty the field (showing an error, if any)."""
        self.value = ""
        self.error = error
        self.refresh()

    def _type(self, ch: str) -> None:
        if len(self.value) < 12:
            self.value += ch
            self.refresh()

    def _erase(self) -> None:
        self.value = self.value[:-1]
        self.refresh()

    def _enter(self) -> None:
        value = self.value
        self.value = ""
        self.entered.emit(value)

    def _cancel(self) -> None:
        self.clear()
        self.cancelled.emit()

    def refresh(self) -> None:
        """Texts."""
        self.keypad.retranslate()
        self.heading.setText(self.tr("Menú del personal: ingrese el PIN"))
        self.field.setText("●" * len(self.value) or " ")
        self.message.setText(self.error)
        self.cancel.setText(self.tr("Cancelar"))
        self.enter.setText(self.tr("Ingresar"))


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
        self.quit_button.clicked.connect(self.quitApp)
        self.back_button.clicked.connect(self.back)
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
        self.box.addStretch(1)

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


__all__ = [
    "AppointmentScreen",
    "BusyScreen",
    "HomeScreen",
    "MessageScreen",
    "OutOfServiceScreen",
    "PinScreen",
    "PreferentialScreen",
    "Screen",
    "SearchScreen",
    "ServicesScreen",
    "StaffScreen",
    "TicketScreen",
    "Texts",
]
