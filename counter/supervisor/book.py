"""The complaints and compliments book on the supervisor's screen.

Supervisors see each entry's number, kind, entity, state and deadline, the open ones
past it in red; the coordinator (the book's keeper) also reads what was said and who
filed it, takes an entry in hand and records its answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter.dialogs import _Form
from macturnos.counter.session import CounterSession
from macturnos.counter.widgets import MessageLine, wrap_long_names

KEEPER = "coordinator"
MAX_ANSWER = 2000


class AnswerDialog(_Form):
    """The answer given to the citizen (required to close an entry)."""

    submitted = Signal(str)

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Responder {numero}").format(numero=number),
            self.tr("La respuesta que se dio al ciudadano:"),
            parent,
        )
        self.answer = QPlainTextEdit()
        self.answer.textChanged.connect(self.validate)
        self.layout_.addWidget(self.answer)
        self.finish_layout()

    def valid(self) -> bool:
        """An answer, not too long."""
        text = self.answer.toPlainText().strip()
        return bool(text) and len(text) <= MAX_ANSWER

    def emit_values(self) -> None:
        """Send the answer."""
        self.submitted.emit(self.answer.toPlainText().strip())


class BookTab(QWidget):
    """The book's entries, newest first; the keeper's actions on the one chosen."""

    COLUMNS = 5

    def __init__(self, session: CounterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[dict[str, Any]] = []
        self.dialog: AnswerDialog | None = None
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Número"),
                self.tr("Tipo"),
                self.tr("Entidad"),
                self.tr("Estado"),
                self.tr("Plazo"),
            ]
        )
        self.table.setAccessibleName(self.tr("Libro de reclamaciones"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        wrap_long_names(self.table)
        self.table.itemSelectionChanged.connect(self._render_chosen)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton(self.tr("Actualizar"))
        self.take_button = QPushButton(self.tr("Tomar (en atención)"))
        self.answer_button = QPushButton(self.tr("Responder…"))
        self.reload_button.clicked.connect(self.load)
        self.take_button.clicked.connect(self.take)
        self.answer_button.clicked.connect(self.open_answer)
        buttons = QHBoxLayout()
        for b in (self.reload_button, self.take_button, self.answer_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.messages = MessageLine()
        root = QVBoxLayout(self)
        root.addWidget(self.table, 3)
        root.addWidget(self.detail, 1)
        root.addLayout(buttons)
        root.addWidget(self.messages)
        self._render_chosen()

    @property
    def keeper(self) -> bool:
        """Whether this user keeps the book (reads who filed, answers)."""
        return self.session.role == KEEPER

    # --- reading ---------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        """Read the book again."""
        if self.session.logged_in:
            self.session.read(self.session.api.complaints, ok=self._loaded)

    def _loaded(self, entries: list[dict[str, Any]]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            due = date.fromisoformat(str(e["deadline"]))
            cells = [
                e["number"],
                e.get("kind_name") or e["kind"],
                e.get("entity_name") or "—",
                e.get("state_name") or e["state"],
                f"{due:%d/%m/%Y}" + (" · " + self.tr("vencido") if e.get("overdue") else ""),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                if e.get("overdue"):
                    item.setForeground(QBrush(QColor(theme.DANGER)))
                self.table.setItem(row, col, item)
        self._render_chosen()

    def chosen(self) -> dict[str, Any] | None:
        """The entry selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    @Slot()
    def _render_chosen(self) -> None:
        e = self.chosen()
        self.take_button.setVisible(self.keeper)
        self.answer_button.setVisible(self.keeper)
        state = e["state"] if e is not None else None
        self.take_button.setEnabled(state == "registered")
        self.answer_button.setEnabled(state in ("registered", "in_progress"))
        if e is None:
            self.detail.setText(self.tr("Elija una entrada del libro."))
            return
        lines = [f"{e['number']} · {e.get('kind_name') or e['kind']}"]
        if "text" in e:  # the keeper's view
            lines.append(str(e["text"]))
            who = e.get("complainant")
            if who:
                lines.append(
                    self.tr(
                        "Presentado por {nombre} ({tipo} {numero}), contacto: {contacto}"
                    ).format(
                        nombre=who["name"],
                        tipo=who["document_type"],
                        numero=who["document_number"],
                        contacto=who["contact"],
                    )
                )
            if e.get("answer"):
                lines.append(self.tr("Respuesta: {texto}").format(texto=e["answer"]))
        self.detail.setText("\n".join(lines))

    # --- the keeper's actions ----------------------------------------------------------

    @Slot()
    def take(self) -> None:
        """Take the chosen entry in hand."""
        e = self.chosen()
        if e is not None:
            self._progress(e["number"], "in_progress", None)

    @Slot()
    def open_answer(self) -> None:
        """Ask for the answer given, then close the entry with it."""
        e = self.chosen()
        if e is None:
            return
        self.dialog = AnswerDialog(e["number"], self)
        self.dialog.submitted.connect(
            lambda text, number=e["number"]: self._progress(number, "answered", text)
        )
        self.dialog.open()

    def _progress(self, number: str, state: str, answer: str | None) -> None:
        def done(_entry: dict[str, Any]) -> None:
            self.messages.show_message(
                self.tr("Entrada {numero} actualizada.").format(numero=number), False
            )
            self.load()

        self.session.act(self.session.api.complaint_progress, number, state, answer, ok=done)
