"""The issued ticket, on screen while it prints.

The lines the paper also carries (people ahead, wait, where to go, the notice) come
from `hardware.ticket_wording`, so screen and paper say the same in every language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from macturnos.client.ui import theme
from macturnos.hardware.ticket_wording import ticket_wording
from macturnos.kiosk.controller import IssueOutcome, KioskController
from macturnos.kiosk.screens.base import Screen
from macturnos.kiosk.widgets import action_button, label, recolour


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
        # Where to go: as prominent as the service, the citizen walks there next.
        self.location = label(
            size=26, bold=True, colour=theme.NAVY, align=Qt.AlignmentFlag.AlignCenter
        )
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
            self.location,
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
        words = ticket_wording(t, self.language)
        self.number.setText(t.number)
        self.service.setText(f"{t.entity_name} · {t.service_name}")
        self.location.setVisible(words.location is not None)
        self.location.setText(words.location or "")
        self.preferential.setVisible(bool(words.preferential or words.appointment))
        self.preferential.setText(words.preferential or words.appointment or "")
        self.ahead.setText(words.people_ahead)
        self.wait.setText(words.wait)
        if o.printed:
            self.alert.hide()
            self.heading.setText(self.tr("Retire su ticket"))
            self.advice.setText(words.notice)
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
                self.tr(
                    "Anote su número o tómele una foto y toque «Anoté mi número»; si no, "
                    "el turno se anula en un momento. Si lo necesita, acérquese a recepción."
                )
            )
            self.ok.setText(self.tr("Anoté mi número"))
            recolour(self.number, theme.NAVY)
            self.number.setStyleSheet(self.number.styleSheet() + " font-size: 170pt;")
