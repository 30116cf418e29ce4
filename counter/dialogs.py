"""Small forms that ask for what an action needs: a reason, a target service, a note, a choice.

They are opened with `open()` (window-modal, no nested event loop) and report
through `submitted`; the OK button stays disabled until the form is valid.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.counter.texts import PAUSE_REASONS, pause_reason_name
from macturnos.counter.widgets import counter_style, wrap_long_names

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


def _folded(text: str) -> str:
    """Lower case without accents, so "renovacion" finds "Renovación"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class TransferDialog(_Form):
    """Choose the service (of any entity) a citizen is sent to, with a note.

    The services are grouped by entity and filtered as the advisor types (a
    centre offers about 140): `services` are (code, "Entity · Service") pairs,
    as `CounterSession.service_label` writes them.
    """

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
        self.setMinimumHeight(560)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Buscar entidad o servicio…"))
        self.search.setAccessibleName(self.tr("Buscar servicio de destino"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Servicio de destino"))
        self.tree.setStyleSheet("font-size: 16px;")
        wrap_long_names(self.tree)
        self.tree.itemSelectionChanged.connect(self.validate)
        self.tree.itemDoubleClicked.connect(lambda *_: self._accept())
        self.items: dict[str, QTreeWidgetItem] = {}
        groups: dict[str, QTreeWidgetItem] = {}
        for code, label in services:
            if code == current_service:
                continue
            entity, _sep, name = label.partition(" · ")
            if not name:
                entity, name = "", label
            group = groups.get(entity)
            if group is None:
                group = QTreeWidgetItem([entity or self.tr("Otros")])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a choice
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.tree.addTopLevelItem(group)
                groups[entity] = group
            item = QTreeWidgetItem([name])
            item.setData(0, Qt.ItemDataRole.UserRole, code)
            item.setData(0, Qt.ItemDataRole.UserRole + 1, _folded(f"{entity} {name} {code}"))
            group.addChild(item)
            self.items[code] = item
        self.groups = list(groups.values())
        self.tree.expandAll()
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            self.tr("Nota para el siguiente módulo (qué se hizo, qué falta)")
        )
        self.note.setAccessibleName(self.tr("Nota"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.layout_.addWidget(self.search)
        self.layout_.addWidget(self.tree, 1)
        self.layout_.addWidget(QLabel(self.tr("Nota (opcional):")))
        self.layout_.addWidget(self.note)
        self.finish_layout()
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        """Show the services whose entity, name or code hold every typed word."""
        words = _folded(text).split()
        for group in self.groups:
            shown = 0
            for j in range(group.childCount()):
                item = group.child(j)
                if item is None:
                    continue
                hay = str(item.data(0, Qt.ItemDataRole.UserRole + 1))
                hide = not all(w in hay for w in words)
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)
        visible = self.visible_services()
        if len(visible) == 1:
            self.choose(visible[0])  # one match: Enter sends it
        self.validate()

    def visible_services(self) -> list[str]:
        """The codes the filter shows, in order."""
        return [code for code, item in self.items.items() if not item.isHidden()]

    def choose(self, service: str) -> None:
        """Select a service by code (keyboard users type; tests call this)."""
        item = self.items.get(service)
        if item is None:
            raise ValueError(f"service {service!r} is not offered")
        self.tree.setCurrentItem(item)
        item.setSelected(True)

    def chosen(self) -> str | None:
        """The selected service's code."""
        item = self.tree.currentItem()
        if item is None or not item.isSelected() or item.isHidden():
            return None
        code = item.data(0, Qt.ItemDataRole.UserRole)
        return str(code) if code is not None else None

    def valid(self) -> bool:
        """A service is required."""
        return self.chosen() is not None

    def emit_values(self) -> None:
        """Emit (service code, note)."""
        self.submitted.emit(str(self.chosen()), self.note.toPlainText().strip()[:NOTE_MAX])


class LeaveDialog(_Form):
    """Leaving the module with a citizen called or being served: what becomes of them."""

    submitted = Signal(str)

    def __init__(self, number: str, in_service: bool, parent: QWidget | None = None) -> None:
        intro = (
            self.tr("Está atendiendo el turno {turno}. Antes de dejar el módulo, ¿qué hace con él?")
            if in_service
            else self.tr("Llamó al turno {turno}. Antes de dejar el módulo, ¿qué hace con él?")
        )
        super().__init__(self.tr("Dejar el módulo"), intro.format(turno=number), parent)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        choices = [
            ("return", self.tr("Devolverlo a la cola: será el primero en ser llamado")),
            ("transfer", self.tr("Derivarlo a otro servicio y luego dejar el módulo")),
        ]
        if in_service:
            choices.insert(0, ("finish", self.tr("Finalizar la atención")))
        for code, text in choices:
            radio = QRadioButton(text)
            radio.setStyleSheet("font-size: 16px; padding: 6px;")
            radio.toggled.connect(self.validate)
            self.group.addButton(radio)
            self.radios[code] = radio
            self.layout_.addWidget(radio)
        self.ok_button.setText(self.tr("Dejar el módulo"))
        self.finish_layout()

    def choose(self, choice: str) -> None:
        """Select what to do ("finish", "return", "transfer")."""
        self.radios[choice].setChecked(True)

    def choice(self) -> str | None:
        """The chosen answer."""
        return next((code for code, r in self.radios.items() if r.isChecked()), None)

    def valid(self) -> bool:
        """An answer is required: leaving never drops the citizen silently."""
        return self.choice() is not None

    def emit_values(self) -> None:
        """Emit the choice."""
        self.submitted.emit(str(self.choice()))


class NewNumberDialog(QDialog):
    """The transferred citizen's new number, large, for the advisor to tell them."""

    def __init__(
        self, number: str, paper: str, service: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nuevo turno"))
        self.setStyleSheet(counter_style())
        self.setMinimumWidth(560)
        box = QVBoxLayout(self)
        self.intro = QLabel(self.tr("Dígale al ciudadano su nuevo turno:"))
        self.intro.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.number = QLabel(number)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet("font-size: 72px; font-weight: bold;")
        self.number.setAccessibleName(self.tr("Nuevo turno"))
        self.detail = QLabel(
            self.tr(
                "Para {servicio}. En la pantalla lo llamarán como «{nuevo} ({papel})»: "
                "puede conservar su ticket {papel}."
            ).format(servicio=service, nuevo=number, papel=paper)
        )
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("font-size: 17px;")
        self.ok_button = QPushButton(self.tr("Entendido"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        for w in (self.intro, self.number, self.detail, self.ok_button):
            box.addWidget(w)


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
