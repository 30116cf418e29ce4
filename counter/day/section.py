"""What the day tab's sections share: the presenter, the session, times and services.

Each section (checklist, closing, summary) lives in its own module as a QWidget
subclass holding its widgets, renderers and actions; `DayView` inherits them all,
so the tab stays one widget (with its attributes where the supervisor window and
the tests find them). Translations: PySide looks a `tr()` text up in the context
of each class of the instance's MRO, "DayView" first, so the existing catalogue
entries keep working wherever the text now lives.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget

from macturnos.counter.day.presenter import DayPresenter, when
from macturnos.counter.session import CounterSession


class DaySection(QWidget):
    """The base of the day tab's sections."""

    presenter: DayPresenter
    session: CounterSession

    def _clock(self, value: str | None) -> str:
        moment = when(value)
        return moment.astimezone(self.session.timezone).strftime("%H:%M") if moment else "—"

    def _service(self, ticket: dict[str, Any]) -> str:
        return self.session.service_label(str(ticket.get("service")))

    @staticmethod
    def _table_style(table: QTableWidget, stretch: int) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(32)
        h = table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def refresh_buttons(self) -> None:
        """Enable what applies now (`DayView` does it for every section)."""
        raise NotImplementedError
