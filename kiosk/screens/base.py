"""The base of the kiosk's screens and the citizen texts several of them share."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from macturnos.kiosk.controller import KioskController
from macturnos.messages import citizen_reason, unavailable_now

GREY = "#E5E7EB"
GREY_INK = "#374151"
DNI_DIGITS = 8
MAX_CODE = 20


class Texts(QObject):
    """Citizen texts shared by several screens (context "Texts" in the .ts files).

    A QObject only so that `self.tr(text, "", n)` gives plural forms: pyside6-lupdate
    reads numerus forms from `tr` calls, not from QCoreApplication.translate.
    """

    def _people_waiting(self, n: int) -> str:
        return self.tr("%n personas en espera", "", n)

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
        # Plural forms per language (%n, numerus forms in the .ts files, kiosk_es.ts too).
        people = _plurals()._people_waiting(waiting)
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


_PLURALS: list[Texts] = []


def _plurals() -> Texts:
    """The one Texts object (plural forms need a QObject's tr), made on first use."""
    if not _PLURALS:
        _PLURALS.append(Texts())
    return _PLURALS[0]


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
