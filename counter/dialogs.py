"""Small forms that ask for what an action needs: a reason, a target service, a note.

They are opened with `open()` (window-modal, no nested event loop) and report
through `submitted`; the OK button stays disabled until the form is valid.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from macturnos.counter.texts import PAUSE_REASONS, pause_reason_name
from macturnos.counter.widgets import counter_style

NOTE_MAX = 500
REASON_MAX = 200


class _Form(QDialog):
    """A dialog with a title line, fields and Aceptar/Cancelar."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(counter_style())
        self.setMinimumWidth(560)
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.layout_.addWidget(self.intro)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Aceptar"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        """Put the buttons last and check the form once."""
        self.layout_.addWidget(self.buttons)
        self.validate()

    def valid(self) -> bool:
        """Whether the form can be sent."""
        return True

    def validate(self) -> None:
        """Enable OK only for a complete form."""
        self.ok_button.setEnabled(self.valid())

    def _accept(self) -> None:
        if self.valid():
            self.emit_values()
            self.accept()

    def emit_values(self) -> None:
        """Emit `submitted` with the form's values."""
        raise NotImplementedError


class ConfirmDialog(_Form):
    """Ask to confirm an act that cannot be undone (closing tickets, sealing the day)."""

    submitted = Signal()

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(title, intro, parent)
        self.ok_button.setText(self.tr("Sí, continuar"))
        self.finish_layout()

    def emit_values(self) -> None:
        """Emit the confirmation."""
        self.submitted.emit()


class ReasonDialog(_Form):
    """Ask for a written reason (calling out of order, cancelling a ticket)."""

    submitted = Signal(str)

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(title, intro, parent)
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(self.tr("Escriba el motivo"))
        self.reason.setAccessibleName(self.tr("Motivo"))
        self.reason.textChanged.connect(self.validate)
        self.layout_.addWidget(QLabel(self.tr("Motivo (obligatorio):")))
        self.layout_.addWidget(self.reason)
        self.finish_layout()

    def valid(self) -> bool:
        """A reason is required."""
        return bool(self.reason.text().strip())

    def emit_values(self) -> None:
        """Emit the reason."""
        self.submitted.emit(self.reason.text().strip())


class TransferDialog(_Form):
    """Choose the service (of any entity) a citizen is sent to, with a note."""

    submitted = Signal(str, str)

    def __init__(
        self,
        services: list[tuple[str, str]],
        current_service: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Derivar turno"),
            self.tr("¿A qué entidad y servicio se deriva al ciudadano?"),
            parent,
        )
        self.service = QComboBox()
        self.service.setAccessibleName(self.tr("Servicio de destino"))
        self.service.addItem(self.tr("Elija el servicio…"), None)
        for code, label in services:
            if code != current_service:
                self.service.addItem(label, code)
        self.service.currentIndexChanged.connect(self.validate)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            self.tr("Nota para el siguiente módulo (qué se hizo, qué falta)")
        )
        self.note.setAccessibleName(self.tr("Nota"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(110)
        self.layout_.addWidget(QLabel(self.tr("Servicio de destino:")))
        self.layout_.addWidget(self.service)
        self.layout_.addWidget(QLabel(self.tr("Nota (opcional):")))
        self.layout_.addWidget(self.note)
        self.finish_layout()

    def choose(self, service: str) -> None:
        """Select a service by code (keyboard users type; tests call this)."""
        index = self.service.findData(service)
        if index < 0:
            raise ValueError(f"service {service!r} is not offered")
        self.service.setCurrentIndex(index)

    def valid(self) -> bool:
        """A service is required."""
        return self.service.currentData() is not None

    def emit_values(self) -> None:
        """Emit (service code, note)."""
        self.submitted.emit(
            str(self.service.currentData()), self.note.toPlainText().strip()[:NOTE_MAX]
        )


class PauseDialog(_Form):
    """Choose why the module pauses; "Otro" needs a note."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Pausar el módulo"), self.tr("¿Por qué se pausa la atención?"), parent
        )
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for reason in PAUSE_REASONS:
            radio = QRadioButton(pause_reason_name(reason))
            radio.setStyleSheet("font-size: 16px; padding: 6px;")
            self.group.addButton(radio)
            self.radios[reason] = radio
            radio.toggled.connect(self.validate)
            self.layout_.addWidget(radio)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("Detalle (obligatorio si elige «Otro»)"))
        self.note.setAccessibleName(self.tr("Detalle de la pausa"))
        self.note.textChanged.connect(self.validate)
        self.layout_.addWidget(self.note)
        self.finish_layout()

    def choose(self, reason: str, note: str = "") -> None:
        """Select a reason and write the note."""
        self.radios[reason].setChecked(True)
        self.note.setText(note)

    def reason(self) -> str | None:
        """The chosen reason code."""
        return next((code for code, r in self.radios.items() if r.isChecked()), None)

    def valid(self) -> bool:
        """A reason, and a note for "otro"."""
        reason = self.reason()
        return reason is not None and (reason != "otro" or bool(self.note.text().strip()))

    def emit_values(self) -> None:
        """Emit (reason code, note)."""
        self.submitted.emit(str(self.reason()), self.note.text().strip())
