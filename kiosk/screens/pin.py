"""The staff PIN, the way to the staff menu."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from macturnos.client.ui import theme
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.screens.base import Screen
from macturnos.kiosk.widgets import Keyboard, action_button, label, touch_px


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
