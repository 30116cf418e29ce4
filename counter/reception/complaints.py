"""The complaints and compliments book at reception: the orientator records an entry for
the citizen and shows the receipt (number and answer deadline) to note or photograph.

A reclamo needs who files it (name, document, contact): the law asks it, to answer
them; those fields are stored only in the entry's record, read by the coordinator
(docs/citizen.md). A suggestion or a compliment needs none.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from macturnos.counter.dialogs import _Form
from macturnos.counter.widgets import big_label

DOCUMENT_TYPES = ("DNI", "CE", "PASAPORTE", "OTRO")
MAX_TEXT = 2000


class ComplaintDialog(_Form):
    """Record a reclamo, a sugerencia or a felicitación, for the citizen in front."""

    submitted = Signal(str, str, object, str)  # kind, text, complainant or None, ticket

    def __init__(self, ticket_number: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Libro de reclamaciones"),
            self.tr("Registre lo que el ciudadano quiere decir; recibirá un número."),
            parent,
        )
        form = QFormLayout()
        self.kind = QComboBox()
        for code, name in (
            ("reclamo", self.tr("Reclamo")),
            ("sugerencia", self.tr("Sugerencia")),
            ("felicitacion", self.tr("Felicitación")),
        ):
            self.kind.addItem(name, code)
        self.kind.currentIndexChanged.connect(self.validate)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Lo que el ciudadano dice, con sus palabras"))
        self.text.textChanged.connect(self.validate)
        self.ticket = QLineEdit(ticket_number)
        self.ticket.setPlaceholderText(self.tr("Ej.: R-023 (opcional)"))
        self.name = QLineEdit()
        self.document_type = QComboBox()
        self.document_type.addItems(DOCUMENT_TYPES)
        self.document_number = QLineEdit()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("Teléfono o correo"))
        for field in (self.name, self.document_number, self.contact):
            field.textChanged.connect(self.validate)
        form.addRow(self.tr("Tipo:"), self.kind)
        form.addRow(self.tr("Texto:"), self.text)
        form.addRow(self.tr("Turno:"), self.ticket)
        self.who = QLabel(self.tr("Quien presenta el reclamo (obligatorio en un reclamo):"))
        self.who.setWordWrap(True)
        form.addRow(self.who)
        form.addRow(self.tr("Nombre:"), self.name)
        form.addRow(self.tr("Documento:"), self.document_type)
        form.addRow(self.tr("Número:"), self.document_number)
        form.addRow(self.tr("Contacto:"), self.contact)
        self.layout_.addLayout(form)
        self.ok_button.setText(self.tr("Registrar"))
        self.finish_layout()

    def _complainant(self) -> dict[str, str] | None:
        if not self.name.text().strip():
            return None
        return {
            "name": self.name.text().strip(),
            "document_type": self.document_type.currentText(),
            "document_number": self.document_number.text().strip(),
            "contact": self.contact.text().strip(),
        }

    def valid(self) -> bool:
        """A text; for a reclamo, who files it with a plausible document."""
        text = self.text.toPlainText().strip()
        if not text or len(text) > MAX_TEXT:
            return False
        who = self._complainant()
        if self.kind.currentData() != "reclamo" and who is None:
            return True
        if who is None or not who["contact"]:
            return False
        number = who["document_number"]
        if who["document_type"] == "DNI":
            return number.isascii() and number.isdigit() and len(number) == 8
        return number.isascii() and number.isalnum() and 6 <= len(number) <= 20

    def emit_values(self) -> None:
        """Send the entry."""
        self.submitted.emit(
            str(self.kind.currentData()),
            self.text.toPlainText().strip(),
            self._complainant(),
            self.ticket.text().strip(),
        )


class ReceiptDialog(_Form):
    """The receipt: the entry's number, large, and the day its answer is due."""

    def __init__(self, receipt: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Constancia del libro de reclamaciones"),
            self.tr("{tipo} registrado. Entregue o dicte al ciudadano este número:").format(
                tipo=receipt.get("kind_name") or ""
            ),
            parent,
        )
        self.number = big_label(40)
        self.number.setText(str(receipt.get("number") or ""))
        due = date.fromisoformat(str(receipt["deadline"]))
        self.deadline = QLabel(
            self.tr("Plazo de respuesta: hasta el {dia}").format(dia=f"{due:%d/%m/%Y}")
        )
        self.deadline.setStyleSheet("font-size: 18px;")
        self.layout_.addWidget(self.number)
        self.layout_.addWidget(self.deadline)
        self.buttons.button(self.buttons.StandardButton.Cancel).hide()
        self.finish_layout()
