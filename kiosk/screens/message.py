"""A refusal or a problem, in the citizen's language."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import Screen, Texts
from macturnos.kiosk.widgets import action_button, label


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
