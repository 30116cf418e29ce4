"""Checking in an appointment with a DNI or a code."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import DNI_DIGITS, MAX_CODE, Screen
from macturnos.kiosk.widgets import Keyboard, action_button, label, recolour, touch_px


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
            # isdigit alone also accepts Arabic-Indic and fullwidth digits.
            return len(self.value) == DNI_DIGITS and self.value.isascii() and self.value.isdigit()
        return 3 <= len(self.value) <= MAX_CODE

    def _submit(self) -> None:
        if self.valid():
            # Kept (in this widget only) until the answer: a refusal goes back here to
            # correct it; the window clears it on success and when the citizen leaves.
            self.submitted.emit(self.mode, self.value)

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
                check = self.tr("Faltan %n dígitos", "", DNI_DIGITS - len(self.value))
        else:
            self.prompt.setText(self.tr("Escriba el código de su reserva"))
            shown = self.value or " "
            check = "" if not self.value or self.valid() else self.tr("El código es muy corto")
        self.field.setText(shown)
        self.check.setText(check)
        recolour(self.check, theme.OK if self.valid() else theme.WARNING)
        self.submit.setText(self.tr("Continuar"))
        self.submit.setEnabled(self.valid())
